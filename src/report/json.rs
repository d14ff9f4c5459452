//! The JSON report: the contract of checks.md. Streamed: each plan is written as soon as
//! it is checked, the summary at the end.

use super::{PlanReport, Reporter, Totals};
use serde_json::json;
use std::io::{self, Write};
use std::time::Duration;

#[derive(Default)]
pub struct Json {
    plans: usize,
}

/// Writes `value` pretty-printed, every line indented by `indent` spaces.
fn write_indented(out: &mut dyn Write, value: &serde_json::Value, indent: usize) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    let pad = " ".repeat(indent);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(pad.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

impl Reporter for Json {
    fn plan(&mut self, out: &mut dyn Write, p: &PlanReport) -> io::Result<()> {
        out.write_all(if self.plans == 0 {
            b"{\n  \"schema_version\": 1,\n  \"plans\": [\n    "
        } else {
            b",\n    "
        })?;
        self.plans += 1;
        let value = json!({
            "path": p.path,
            "owner": p.owner,
            "status": p.status().as_str(),
            "goals": p.goals,
            "findings": p.findings.iter().map(|f| json!({
                "code": f.code,
                "name": f.name,
                "severity": f.severity,
                "message": f.message,
                "sheet": f.sheet,
                "cell": f.cell,
                "goal": f.goal,
            })).collect::<Vec<_>>(),
        });
        write_indented(out, &value, 4)
    }

    fn finish(&mut self, out: &mut dyn Write, t: &Totals, _elapsed: Duration) -> io::Result<()> {
        if self.plans == 0 {
            out.write_all(b"{\n  \"schema_version\": 1,\n  \"plans\": [],\n  \"summary\": ")?;
        } else {
            out.write_all(b"\n  ],\n  \"summary\": ")?;
        }
        let summary = json!({
            "plans": t.plans, "clean": t.clean, "info": t.info, "warning": t.warning, "error": t.error,
            "findings": { "error": t.errors, "warning": t.warnings, "info": t.infos },
        });
        write_indented(out, &summary, 2)?;
        out.write_all(b"\n}\n")
    }
}

//! The JSON report: the contract of checks.md. Streamed: each plan is written as soon as
//! it is checked, the summary at the end.

use super::{PlanReport, Reporter, Totals};
use crate::finding::Severity;
use serde::Serialize;
use std::io::{self, Write};
use std::time::Duration;

#[derive(Default)]
pub struct Json {
    plans: usize,
    buffers: (Vec<u8>, Vec<u8>),
}

#[derive(Serialize)]
struct PlanOut<'a> {
    path: &'a str,
    owner: Option<&'a str>,
    status: &'a str,
    goals: usize,
    findings: Vec<FindingOut<'a>>,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    code: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    sheet: Option<&'a str>,
    cell: Option<&'a str>,
    goal: Option<usize>,
}

#[derive(Serialize)]
struct SummaryOut {
    plans: usize,
    clean: usize,
    info: usize,
    warning: usize,
    error: usize,
    findings: CountsOut,
}

#[derive(Serialize)]
struct CountsOut {
    error: usize,
    warning: usize,
    info: usize,
}

/// Writes `value` as pretty JSON, every line after the first indented by `pad` (JSON text
/// holds no raw line break but its formatting's). The text is made in memory, in buffers
/// kept from plan to plan, and written at once: serde_json writes token by token.
fn write_indented<T: Serialize>(
    out: &mut dyn Write,
    value: &T,
    pad: &[u8],
    buffers: &mut (Vec<u8>, Vec<u8>),
) -> io::Result<()> {
    let (json, text) = buffers;
    json.clear();
    text.clear();
    serde_json::to_writer_pretty(&mut *json, value).map_err(io::Error::other)?;
    for (i, line) in json.split(|b| *b == b'\n').enumerate() {
        if i > 0 {
            text.push(b'\n');
            text.extend_from_slice(pad);
        }
        text.extend_from_slice(line);
    }
    out.write_all(text)
}

impl Reporter for Json {
    fn plan(&mut self, out: &mut dyn Write, p: &PlanReport) -> io::Result<()> {
        out.write_all(if self.plans == 0 {
            b"{\n  \"schema_version\": 1,\n  \"plans\": [\n    "
        } else {
            b",\n    "
        })?;
        self.plans += 1;
        let value = PlanOut {
            path: &p.path,
            owner: p.owner.as_deref(),
            status: p.status().as_str(),
            goals: p.goals,
            findings: p
                .findings
                .iter()
                .map(|f| FindingOut {
                    code: &f.code,
                    name: &f.name,
                    severity: f.severity,
                    message: &f.message,
                    sheet: f.sheet.as_deref(),
                    cell: f.cell.as_deref(),
                    goal: f.goal,
                })
                .collect(),
        };
        write_indented(out, &value, b"    ", &mut self.buffers)
    }

    fn finish(&mut self, out: &mut dyn Write, t: &Totals, _elapsed: Duration) -> io::Result<()> {
        if self.plans == 0 {
            out.write_all(b"{\n  \"schema_version\": 1,\n  \"plans\": [],\n  \"summary\": ")?;
        } else {
            out.write_all(b"\n  ],\n  \"summary\": ")?;
        }
        let summary = SummaryOut {
            plans: t.plans,
            clean: t.clean,
            info: t.info,
            warning: t.warning,
            error: t.error,
            findings: CountsOut {
                error: t.errors,
                warning: t.warnings,
                info: t.infos,
            },
        };
        write_indented(out, &summary, b"  ", &mut self.buffers)?;
        out.write_all(b"\n}\n")
    }
}

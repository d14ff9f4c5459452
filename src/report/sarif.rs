//! The SARIF 2.1.0 report, for code-scanning tools: every rule with its help, every finding
//! as a result at its file, with the cell as a logical location. Streamed.

use super::{PlanReport, Reporter, Totals};
use crate::finding::Severity;
use serde_json::json;
use std::io::{self, Write};
use std::time::Duration;

#[derive(Default)]
pub struct Sarif {
    started: bool,
    results: usize,
}

impl Sarif {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let rules: Vec<_> = crate::rules::RULES
            .iter()
            .map(|r| {
                json!({
                    "id": r.code.code,
                    "name": r.code.name,
                    "shortDescription": { "text": r.code.summary },
                    "fullDescription": { "text": r.what },
                    "help": { "text": format!("{}\n\nExample that fails: {}\nUse instead: {}", r.why, r.fails, r.passes) },
                    "defaultConfiguration": { "level": level(r.code.severity) },
                })
            })
            .collect();
        let driver = json!({ "name": "igp", "version": env!("CARGO_PKG_VERSION"), "rules": rules });
        write!(
            out,
            "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {{\n        \"driver\": "
        )?;
        write_indented(out, &driver, 8)?;
        write!(out, "\n      }},\n      \"results\": [")
    }
}

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

impl Reporter for Sarif {
    fn plan(&mut self, out: &mut dyn Write, p: &PlanReport) -> io::Result<()> {
        self.start(out)?;
        for f in &p.findings {
            let mut loc =
                json!({ "physicalLocation": { "artifactLocation": { "uri": uri(&p.path) } } });
            if let (Some(sheet), Some(cell)) = (&f.sheet, &f.cell) {
                loc["logicalLocations"] = json!([{ "fullyQualifiedName": crate::layout::sheet_ref_a1(sheet, cell), "kind": "cell" }]);
            }
            let mut r = json!({
                "ruleId": f.code,
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [loc],
            });
            if let Some(g) = f.goal {
                r["properties"] = json!({ "goal": g });
            }
            out.write_all(if self.results == 0 {
                b"\n        "
            } else {
                b",\n        "
            })?;
            self.results += 1;
            write_indented(out, &r, 8)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Totals, _: Duration) -> io::Result<()> {
        self.start(out)?;
        if self.results > 0 {
            out.write_all(b"\n      ")?;
        }
        out.write_all(b"]\n    }\n  ]\n}\n")
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI for a path (forward slashes, spaces escaped).
fn uri(path: &str) -> String {
    path.replace('\\', "/").replace(' ', "%20")
}

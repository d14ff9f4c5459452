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
    /// Where each result's JSON is made, kept from result to result.
    buffer: Vec<u8>,
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
        super::json::write_nested(out, &driver, 4, &mut Vec::new())?;
        write!(out, "\n      }},\n      \"results\": [")
    }
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
            if let Some(c) = f.confidence {
                r["properties"]["confidence"] = json!(c.value());
            }
            out.write_all(if self.results == 0 {
                b"\n        "
            } else {
                b",\n        "
            })?;
            self.results += 1;
            super::json::write_nested(out, &r, 4, &mut self.buffer)?;
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

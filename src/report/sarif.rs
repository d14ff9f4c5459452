//! The SARIF 2.1.0 report, for code-scanning tools: every rule with its help, every finding
//! as a result at its file, with the cell as a logical location.

use super::Batch;
use crate::finding::Severity;
use serde_json::json;

pub fn render(batch: &Batch) -> String {
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
    let results: Vec<_> = batch
        .findings()
        .map(|(p, f)| {
            let mut loc = json!({ "physicalLocation": { "artifactLocation": { "uri": uri(&p.path) } } });
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
            r
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "igp",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            } },
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
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

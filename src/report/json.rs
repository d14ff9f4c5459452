//! The JSON report: the contract of checks.md.

use super::Batch;
use serde_json::json;

pub fn render(batch: &Batch) -> String {
    let t = batch.totals();
    let plans: Vec<_> = batch
        .plans
        .iter()
        .map(|p| {
            json!({
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
            })
        })
        .collect();
    let doc = json!({
        "schema_version": 1,
        "plans": plans,
        "summary": {
            "plans": t.plans, "clean": t.clean, "info": t.info, "warning": t.warning, "error": t.error,
            "findings": { "error": t.errors, "warning": t.warnings, "info": t.infos },
        },
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

//! The CSV report: one row per finding.

use super::Batch;

pub const COLUMNS: [&str; 9] = [
    "path", "owner", "severity", "code", "name", "sheet", "cell", "goal", "message",
];

pub fn render(batch: &Batch) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(COLUMNS);
    for (p, f) in batch.findings() {
        let goal = f.goal.map(|g| g.to_string()).unwrap_or_default();
        let _ = w.write_record([
            p.path.as_str(),
            p.owner.as_deref().unwrap_or(""),
            f.severity.as_str(),
            &f.code,
            &f.name,
            f.sheet.as_deref().unwrap_or(""),
            f.cell.as_deref().unwrap_or(""),
            &goal,
            &guard(&f.message),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Report cells quote plan text; guard them as the plan's CSV output does.
fn guard(text: &str) -> String {
    if crate::write::csv::needs_guard(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

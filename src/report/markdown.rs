//! The Markdown report: a summary table of the plans, then each plan's findings.

use super::Batch;
use std::fmt::Write;

fn esc(t: &str) -> String {
    t.replace('|', "\\|").replace('\n', " ")
}

pub fn render(batch: &Batch) -> String {
    let t = batch.totals();
    let mut s = String::from("# IGP check\n\n");
    let _ = writeln!(
        s,
        "{} plans: {} clean, {} with errors, {} with warnings, {} with info. Findings: {} errors, {} warnings, {} infos.\n",
        t.plans, t.clean, t.error, t.warning, t.info, t.errors, t.warnings, t.infos
    );
    s.push_str("| plan | owner | status | goals | errors | warnings | infos |\n|---|---|---|---|---|---|---|\n");
    for p in &batch.plans {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            esc(&p.path),
            esc(p.owner.as_deref().unwrap_or("")),
            p.status().as_str(),
            p.goals,
            p.count(crate::finding::Severity::Error),
            p.count(crate::finding::Severity::Warning),
            p.count(crate::finding::Severity::Info)
        );
    }
    for p in batch.plans.iter().filter(|p| !p.findings.is_empty()) {
        let _ = writeln!(s, "\n## {} ({})\n", esc(&p.display_name()), esc(&p.path));
        s.push_str("| severity | code | cell | goal | message |\n|---|---|---|---|---|\n");
        for f in &p.findings {
            let cell = match (&f.sheet, &f.cell) {
                (Some(sh), Some(c)) => crate::layout::sheet_ref_a1(sh, c),
                _ => String::new(),
            };
            let goal = f.goal.map(|g| g.to_string()).unwrap_or_default();
            let _ = writeln!(
                s,
                "| {} | {} {} | {} | {} | {} |",
                f.severity,
                f.code,
                f.name,
                esc(&cell),
                goal,
                esc(&f.message)
            );
        }
    }
    s
}

//! The Markdown report: a summary table of the plans, then each plan's findings. The table
//! comes first, so the report is kept as text until the end (a few hundred bytes a plan).

use super::{PlanReport, Reporter, Totals};
use crate::finding::Severity;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::time::Duration;

#[derive(Default)]
pub struct Markdown {
    table: String,
    sections: String,
}

/// Plan text, paths and messages as table cells, escaped as the Markdown plan report
/// escapes them: a `|`, a backslash, a line break or markup of their own cannot break a row
/// or become a link or HTML.
fn esc(t: &str) -> String {
    crate::write::markdown::table_cell(t)
}

impl Reporter for Markdown {
    fn plan(&mut self, _out: &mut dyn Write, p: &PlanReport) -> io::Result<()> {
        let _ = writeln!(
            self.table,
            "| {} | {} | {} | {} | {} | {} | {} |",
            esc(&p.path),
            esc(p.owner.as_deref().unwrap_or("")),
            p.status().as_str(),
            p.goals,
            p.count(Severity::Error),
            p.count(Severity::Warning),
            p.count(Severity::Info)
        );
        if p.findings.is_empty() {
            return Ok(());
        }
        let s = &mut self.sections;
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
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, t: &Totals, _: Duration) -> io::Result<()> {
        writeln!(out, "# IGP check\n")?;
        writeln!(out, "{}.\n", super::totals_words(t))?;
        out.write_all(b"| plan | owner | status | goals | errors | warnings | infos |\n|---|---|---|---|---|---|---|\n")?;
        out.write_all(self.table.as_bytes())?;
        out.write_all(self.sections.as_bytes())
    }
}

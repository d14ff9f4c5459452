//! The human report: findings like a compiler's, then a closing line with the counts.
//! Streamed: each plan's findings are written as soon as it is checked.

use super::{location, PlanReport, Reporter, Totals};
use crate::finding::Severity;
use std::io::{self, Write};
use std::time::Duration;

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";

fn color_of(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "\x1b[1;31m",
        Severity::Warning => "\x1b[1;33m",
        Severity::Info => "\x1b[1;36m",
    }
}

pub struct Human {
    pub color: bool,
    /// Only the closing line (`-q`).
    pub quiet: bool,
}

impl Human {
    fn paint(&self, code: &'static str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

impl Reporter for Human {
    fn plan(&mut self, out: &mut dyn Write, plan: &PlanReport) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        for f in &plan.findings {
            writeln!(
                out,
                "{}{}",
                self.paint(color_of(f.severity), &format!("{}[{}]", f.severity, f.code)),
                self.paint(BOLD, &format!(": {}", f.message))
            )?;
            writeln!(
                out,
                "  {} {}\n",
                self.paint(DIM, "-->"),
                location(&plan.path, f)
            )?;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        totals: &Totals,
        elapsed: Duration,
    ) -> io::Result<()> {
        out.write_all(closing_line(totals, elapsed).as_bytes())
    }
}

/// The closing line: how many plans, how long, and the counts.
pub fn closing_line(t: &Totals, elapsed: Duration) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "checked {} in {:.2}s: {} clean, {} with errors, {} with warnings, {} with info; {}, {}, {}\n",
        plural(t.plans, "plan", "plans"),
        elapsed.as_secs_f64(),
        t.clean,
        t.error,
        t.warning,
        t.info,
        plural(t.errors, "error", "errors"),
        plural(t.warnings, "warning", "warnings"),
        plural(t.infos, "info", "infos"),
    )
}

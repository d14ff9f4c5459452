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
    color: bool,
    /// Only the closing line (`-q`).
    quiet: bool,
    /// A plan's text, made here and written at once; kept from plan to plan.
    buffer: Vec<u8>,
}

impl Human {
    pub fn new(color: bool, quiet: bool) -> Human {
        Human {
            color,
            quiet,
            buffer: Vec::new(),
        }
    }
}

impl Reporter for Human {
    fn plan(&mut self, out: &mut dyn Write, plan: &PlanReport) -> io::Result<()> {
        if self.quiet || plan.findings.is_empty() {
            return Ok(());
        }
        let buf = &mut self.buffer;
        buf.clear();
        // `paint(code, text)`: the text between a color and a reset, or as it is.
        let color = self.color;
        let paint = |buf: &mut Vec<u8>, code: &str, text: &[&str]| {
            if color {
                buf.extend_from_slice(code.as_bytes());
            }
            for t in text {
                buf.extend_from_slice(t.as_bytes());
            }
            if color {
                buf.extend_from_slice(RESET.as_bytes());
            }
        };
        for f in &plan.findings {
            paint(
                buf,
                color_of(f.severity),
                &[f.severity.as_str(), "[", f.code, "]"],
            );
            paint(buf, BOLD, &[": ", &f.message]);
            buf.extend_from_slice(b"\n  ");
            paint(buf, DIM, &["-->"]);
            buf.push(b' ');
            buf.extend_from_slice(location(&plan.path, f).as_bytes());
            buf.extend_from_slice(b"\n\n");
        }
        out.write_all(buf)
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

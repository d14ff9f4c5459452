//! The human report: findings like a compiler's, then a closing line with the counts.

use super::{location, Batch};
use crate::finding::Severity;
use std::fmt::Write;

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

pub fn render(batch: &Batch, color: bool) -> String {
    let paint = |code: &'static str, text: &str| {
        if color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    };
    let mut s = String::new();
    for (plan, f) in batch.findings() {
        let _ = writeln!(
            s,
            "{}{}",
            paint(color_of(f.severity), &format!("{}[{}]", f.severity, f.code)),
            paint(BOLD, &format!(": {}", f.message))
        );
        let _ = writeln!(s, "  {} {}\n", paint(DIM, "-->"), location(&plan.path, f));
    }
    s.push_str(&closing_line(batch));
    s
}

/// The closing line: how many plans, how long, and the counts.
pub fn closing_line(batch: &Batch) -> String {
    let mut s = String::new();
    let t = batch.totals();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let _ = writeln!(
        s,
        "checked {} in {:.2}s: {} clean, {} with errors, {} with warnings, {} with info; {}, {}, {}",
        plural(t.plans, "plan", "plans"),
        batch.elapsed.as_secs_f64(),
        t.clean,
        t.error,
        t.warning,
        t.info,
        plural(t.errors, "error", "errors"),
        plural(t.warnings, "warning", "warnings"),
        plural(t.infos, "info", "infos"),
    );
    s
}

//! The human report: findings like a compiler's; for a batch, a table of the plans, worst
//! first; then a closing line with the counts. Streamed: each plan's findings are written
//! as soon as it is checked (the table keeps a few words per plan).

use super::{location, PlanReport, Reporter, Status, Totals};
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
    /// Error-level findings only, no table and no closing line (`-q`).
    quiet: bool,
    /// A plan's text, made here and written at once; kept from plan to plan.
    buffer: Vec<u8>,
    /// One row per plan for the closing table.
    rows: Vec<Row>,
}

/// A plan in the closing table.
struct Row {
    path: String,
    owner: Option<String>,
    status: Status,
    errors: usize,
    warnings: usize,
}

impl Human {
    pub fn new(color: bool, quiet: bool) -> Human {
        Human {
            color,
            quiet,
            buffer: Vec::new(),
            rows: Vec::new(),
        }
    }
}

impl Reporter for Human {
    fn plan(&mut self, out: &mut dyn Write, plan: &PlanReport) -> io::Result<()> {
        if !self.quiet {
            self.rows.push(Row {
                path: plan.path.clone(),
                owner: plan.owner.clone(),
                status: plan.status(),
                errors: plan.count(Severity::Error),
                warnings: plan.count(Severity::Warning),
            });
        }
        let shown = |sev: Severity| !self.quiet || sev == Severity::Error;
        if !plan.findings.iter().any(|f| shown(f.severity)) {
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
        // Top to bottom: the header, Sections 1 to 4 (each by cell), the plan as a whole.
        let mut findings: Vec<&crate::finding::Finding> =
            plan.findings.iter().filter(|f| shown(f.severity)).collect();
        crate::finding::sort_in_reading_order(&mut findings);
        for f in findings {
            paint(
                buf,
                color_of(f.severity),
                &[f.severity.as_str(), "[", f.code, "]"],
            );
            paint(buf, BOLD, &[": ", &printable(&f.message)]);
            buf.extend_from_slice(b"\n  ");
            paint(buf, DIM, &["-->"]);
            buf.push(b' ');
            buf.extend_from_slice(printable(&location(&plan.path, f)).as_bytes());
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
        if self.quiet {
            return Ok(());
        }
        if self.rows.len() > 1 {
            out.write_all(plan_table(&mut self.rows, self.color).as_bytes())?;
        }
        out.write_all(closing_line(totals, elapsed).as_bytes())
    }
}

/// Text of a plan as a terminal may show it: control characters (an escape sequence typed
/// into a cell would move the cursor or recolour the terminal) as U+FFFD; line breaks and
/// tabs kept.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() && c != '\n' && c != '\t';
    if text.contains(bad) {
        text.replace(bad, "\u{fffd}").into()
    } else {
        text.into()
    }
}

/// The plans of a batch as a table, worst first (status, then errors, then warnings; input
/// order among equals): what a manager reads after the findings have scrolled by.
fn plan_table(rows: &mut [Row], color: bool) -> String {
    rows.sort_by_key(|r| std::cmp::Reverse((r.status, r.errors, r.warnings)));
    const MAX: usize = 48;
    let cut = |s: &str| -> String {
        if s.chars().count() <= MAX {
            s.to_string()
        } else {
            // The end of a path says most: keep it.
            let tail: String = s
                .chars()
                .rev()
                .take(MAX - 1)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            format!("…{tail}")
        }
    };
    let cells: Vec<[String; 2]> = rows
        .iter()
        .map(|r| {
            [
                cut(&printable(&r.path)),
                cut(&printable(r.owner.as_deref().unwrap_or("-"))),
            ]
        })
        .collect();
    let width = |i: usize, head: &str| {
        cells
            .iter()
            .map(|c| c[i].chars().count())
            .chain([head.len()])
            .max()
            .unwrap_or(0)
    };
    let (wp, wo) = (width(0, "plan"), width(1, "owner"));
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
    let mut t = String::new();
    let head = format!(
        "{}  {}  {:<7}  {:>6}  {:>8}",
        pad("plan", wp),
        pad("owner", wo),
        "status",
        "errors",
        "warnings"
    );
    if color {
        t.push_str(&format!("{BOLD}{head}{RESET}\n"));
    } else {
        t.push_str(&head);
        t.push('\n');
    }
    for (r, [path, owner]) in rows.iter().zip(&cells) {
        let status = format!("{:<7}", r.status.as_str());
        let status = match (color, r.status) {
            (true, Status::Error) => format!("{}{status}{RESET}", color_of(Severity::Error)),
            (true, Status::Warning) => format!("{}{status}{RESET}", color_of(Severity::Warning)),
            _ => status,
        };
        t.push_str(&format!(
            "{}  {}  {status}  {:>6}  {:>8}\n",
            pad(path, wp),
            pad(owner, wo),
            r.errors,
            r.warnings
        ));
    }
    t.push('\n');
    t
}

/// The closing line: how many plans, how long, and the counts (in the words of every
/// report, [`super::plan_counts`] and [`super::finding_counts`]).
pub fn closing_line(t: &Totals, elapsed: Duration) -> String {
    let skipped = super::skipped_words(t.skipped, t.locks)
        .map(|w| format!("; {w}"))
        .unwrap_or_default();
    format!(
        "checked {} in {:.2}s: {}; {}{skipped}\n",
        super::count(t.plans, "plan", "plans"),
        elapsed.as_secs_f64(),
        super::plan_counts(t),
        super::finding_counts(t.errors, t.warnings, t.infos),
    )
}

#[cfg(test)]
mod printable_tests {
    #[test]
    fn escape_sequences_do_not_reach_the_terminal() {
        assert_eq!(super::printable("a\u{1b}[2Jb\nc\td"), "a\u{fffd}[2Jb\nc\td");
        assert_eq!(super::printable("plain"), "plain");
    }
}

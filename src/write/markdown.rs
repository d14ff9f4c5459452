//! A plan as a Markdown report: owner, the four sections, and the findings.

use crate::finding::Finding;
use crate::layout::{self, OwnerField, Section, GOAL_COLUMNS};
use crate::model::Plan;
use std::fmt::Write;

/// Renders the plan and its findings as Markdown.
pub fn render(plan: &Plan, findings: &[Finding]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Individual Growth Plan: {}\n",
        table_cell(&plan.display_name())
    );
    let o = &plan.owner;
    s.push_str("| | |\n|---|---|\n");
    for field in OwnerField::ALL {
        let _ = writeln!(s, "| {} | {} |", field.label(), cell(o.get(field)));
    }

    let _ = writeln!(s, "\n## {}\n", Section::Inspiration.title());
    for a in &plan.inspiration {
        let _ = writeln!(
            s,
            "**{}**\n\n{}\n",
            table_cell(&a.question),
            block(a.answer.as_deref())
        );
    }

    let _ = writeln!(s, "## {}\n", Section::Role.title());
    let direction = plan.role.direction_text.as_deref().or_else(|| {
        plan.role
            .direction
            .as_deref()
            .and_then(layout::direction_text)
    });
    let _ = writeln!(s, "- **Growth direction:** {}", inline(direction));
    let _ = writeln!(
        s,
        "- **Role I'm growing toward:** {}\n",
        inline(plan.role.target_role.as_deref())
    );
    for a in &plan.role.answers {
        let _ = writeln!(
            s,
            "**{}**\n\n{}\n",
            table_cell(&a.question),
            block(a.answer.as_deref())
        );
    }

    let _ = writeln!(s, "## {}\n", Section::Goals.title());
    if plan.goals.is_empty() {
        s.push_str("_No goals yet._\n\n");
    }
    for g in &plan.goals {
        let _ = writeln!(s, "### Goal {}: {}\n", g.index, inline(g.skill.as_deref()));
        for col in GOAL_COLUMNS.iter().filter(|c| c.key != "skill") {
            if col.key == "action_steps" {
                let _ = writeln!(s, "- **{}**", label(col.header));
                if g.action_steps.is_empty() {
                    s.push_str("  - _(blank)_\n");
                }
                for (i, step) in g.action_steps.iter().enumerate() {
                    let _ = writeln!(s, "  {}. {}", i + 1, table_cell(step));
                }
            } else {
                let _ = writeln!(
                    s,
                    "- **{}** {}",
                    label(col.header),
                    inline(g.field(col.key))
                );
            }
        }
        for (k, v) in &g.extra {
            let _ = writeln!(s, "- **{}:** {}", table_cell(k), inline(v.as_deref()));
        }
        s.push('\n');
    }

    let _ = writeln!(s, "## {}\n", Section::Tracking.title());
    if plan.tracking.is_empty() {
        s.push_str("_No checklist._\n\n");
    }
    for t in &plan.tracking {
        let mark = if t.done { "x" } else { " " };
        let mut line = format!("- [{mark}] {}", inline(t.item.as_deref()));
        if let Some(n) = &t.notes {
            let _ = write!(line, " — {}", table_cell(n));
        }
        if let Some(d) = &t.done_text {
            let _ = write!(line, " ({})", table_cell(d));
        }
        let _ = writeln!(s, "{line}");
    }

    let _ = writeln!(s, "\n## Findings\n");
    if findings.is_empty() {
        s.push_str("No findings.\n");
    } else {
        s.push_str("| Severity | Code | Where | Message |\n|---|---|---|---|\n");
        for f in findings {
            let place = match (&f.sheet, &f.cell) {
                (Some(sh), Some(c)) => format!("{sh}!{c}"),
                _ => String::new(),
            };
            let _ = writeln!(
                s,
                "| {} | {} {} | {} | {} |",
                f.severity,
                f.code,
                f.name,
                table_cell(&place),
                table_cell(&f.message)
            );
        }
    }
    s
}

/// Escapes Markdown's active characters in inline text: a backslash first, so that text
/// of its own with `\|` cannot turn the escape of its `|` into an escaped backslash.
/// Line breaks come out as LF (a lone CR is a line break to Markdown too).
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let text = lf(text);
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        // A control character (an escape sequence typed into a cell) means nothing in
        // Markdown and would drive a terminal that shows the file: U+FFFD, as the terminal
        // report shows it. Line breaks and tabs are kept.
        if ch.is_control() && ch != '\n' && ch != '\t' {
            out.push('\u{fffd}');
        } else {
            out.push(ch);
        }
    }
    out
}

/// Line breaks as LF: CRLF and a lone CR.
fn lf(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// Text on one line (a table cell, a heading, a list item): escaped, its line breaks
/// (LF, CR or both) made spaces.
pub fn table_cell(text: &str) -> String {
    esc(text).replace('\n', " ")
}

fn inline(v: Option<&str>) -> String {
    v.map_or_else(|| "_(blank)_".to_string(), |t| esc(t).replace('\n', " / "))
}

fn cell(v: Option<&str>) -> String {
    v.map_or_else(String::new, table_cell)
}

fn block(v: Option<&str>) -> String {
    v.map_or_else(
        || "_(unanswered)_".to_string(),
        |t| esc(t).replace('\n', "  \n"),
    )
}

/// A header as a list label: a question keeps its "?", anything else takes a ":".
fn label(header: &str) -> String {
    if header.ends_with('?') {
        header.to_string()
    } else {
        format!("{header}:")
    }
}

//! The rule catalogue: one registry of every rule (S, G, P) with its documentation and its
//! check. `igp rules` prints from it, the README's table is generated from it, and
//! [`check`] runs it.
//!
//! Structure rules (S) are found by the reader; goal-row (G) and plan (P) rules look at
//! the model. Each rule or tight group has its own file.

pub mod deadline;
pub mod goal_rows;
pub mod measurable;
pub mod model;
pub mod placeholder;
pub mod plan;
pub mod settings;
pub mod structure;

use crate::finding::{Code, Finding};
use crate::layout::Section;
use crate::model::Plan;
use crate::read::Reading;
pub use settings::Settings;

/// What a rule's check sees.
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub settings: &'a Settings,
    /// The sections found in the input.
    pub sections: &'a [Section],
}

impl Context<'_> {
    pub fn has_section(&self, s: Section) -> bool {
        self.sections.contains(&s)
    }
}

/// A rule: its code, its documentation, and its check (none for the reader's S rules).
pub struct Rule {
    pub code: Code,
    /// What it checks.
    pub what: &'static str,
    /// Why it matters to the plan's owner.
    pub why: &'static str,
    /// An example that fails.
    pub fails: &'static str,
    /// An example that passes.
    pub passes: &'static str,
    pub check: Option<fn(&Context, &mut Vec<Finding>)>,
}

/// Every rule, in catalogue order.
pub const RULES: &[Rule] = &[
    structure::S001,
    structure::S002,
    structure::S003,
    structure::S004,
    structure::S005,
    structure::S006,
    structure::S007,
    structure::S008,
    structure::S009,
    goal_rows::G001,
    goal_rows::G002,
    goal_rows::G003,
    goal_rows::G004,
    measurable::G005,
    placeholder::G006,
    goal_rows::G007,
    deadline::G008,
    plan::P001,
    plan::P002,
    plan::P003,
    plan::P004,
    plan::P005,
    plan::P006,
    plan::P007,
];

/// The rule of a code or name, case-insensitive for codes.
pub fn rule(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.code.code.eq_ignore_ascii_case(code_or_name) || r.code.name == code_or_name)
}

/// All findings about a plan as read: the reader's and every rule's, with the settings'
/// severities applied (rules set `off` dropped), in the order S, G by goal, P.
pub fn check(reading: &Reading, settings: &Settings) -> Vec<Finding> {
    // A file with none of the four sections is no plan: the reader's one finding says so,
    // and no rule about goals or the plan has anything to judge.
    if reading.sections.is_empty() {
        return settings.apply(reading.findings.clone());
    }
    let ctx = Context {
        plan: &reading.plan,
        settings,
        sections: &reading.sections,
    };
    let mut found = reading.findings.clone();
    let mut goal_findings = Vec::new();
    let mut plan_findings = Vec::new();
    for rule in RULES {
        if let Some(check) = rule.check {
            if settings.severity(rule.code).is_none() {
                continue;
            }
            let out = if rule.code.code.starts_with('G') {
                &mut goal_findings
            } else {
                &mut plan_findings
            };
            check(&ctx, out);
        }
    }
    // Goal findings in goal order, then by rule: a goal's problems read together.
    goal_findings.sort_by_key(|f: &Finding| f.goal.unwrap_or(0));
    found.extend(goal_findings);
    found.extend(plan_findings);
    settings.apply(found)
}

/// The README's table of rules, generated from the registry.
pub fn markdown_table() -> String {
    let mut s = String::from("| code | name | default | what it checks |\n|---|---|---|---|\n");
    for r in RULES {
        s.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            r.code.code, r.code.name, r.code.severity, r.code.summary
        ));
    }
    s
}

/// What `igp rules CODE` prints.
pub fn explain(r: &Rule) -> String {
    format!(
        "{code} {name} (default: {sev})\n\n{summary}.\n\nWhat it checks\n  {what}\n\nWhy it matters\n  {why}\n\nExample that fails\n{fails}\n\nUse instead\n{passes}\n",
        code = r.code.code,
        name = r.code.name,
        sev = r.code.severity,
        summary = capitalize(r.code.summary),
        what = wrap(r.what),
        why = wrap(r.why),
        fails = indent(r.fails),
        passes = indent(r.passes),
    )
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn indent(s: &str) -> String {
    s.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Wraps a rule's text at 88 columns, indented by two; each of its lines (the steps of a
/// decision procedure) starts a new line, its continuation indented under its text.
fn wrap(s: &str) -> String {
    let mut out = String::new();
    for (n, line) in s.lines().enumerate() {
        if n > 0 {
            out.push_str("\n  ");
        }
        // "1. Only a date...": continuation lines line up after "1. ".
        let hang = line
            .split_once(". ")
            .filter(|(num, _)| !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()))
            .map_or(0, |(num, _)| num.len() + 2);
        let mut width = 0;
        for word in line.split_whitespace() {
            if width + word.len() > 86 && width > 0 {
                out.push_str("\n  ");
                out.push_str(&" ".repeat(hang));
                width = hang;
            } else if width > 0 {
                out.push(' ');
                width += 1;
            }
            out.push_str(word);
            width += word.len();
        }
    }
    out
}

/// A goal's name for messages: `goal 2 "Public speaking"` or `goal 2`.
pub fn goal_name(g: &crate::model::Goal) -> String {
    // Made for every finding about a goal: pieces pushed rather than formatted.
    let mut name = String::with_capacity(56);
    name.push_str("goal ");
    name.push_str(&g.index.to_string());
    if let Some(s) = &g.skill {
        // The first line, at most 40 characters of it.
        let line = s.lines().next().unwrap_or("");
        let cut = line.char_indices().nth(40).map_or(line.len(), |(i, _)| i);
        name.push_str(" \"");
        name.push_str(&line[..cut]);
        if cut < s.len() {
            name.push('…');
        }
        name.push('"');
    }
    name
}

/// A finding about one field of a goal, placed at that field's cell.
pub fn goal_finding(
    code: Code,
    g: &crate::model::Goal,
    key: &'static str,
    message: String,
) -> Finding {
    let f = Finding::new(code, message).target(crate::finding::Target::Goal(g.index, key));
    // The goal's row is at `'Sheet'!A28`; the field's cell, in that sheet, at D28.
    match (
        g.cell.as_deref().and_then(crate::finding::split_ref),
        g.cells.get(key),
    ) {
        (Some((sheet, _)), Some(cell)) => Finding {
            sheet: Some(sheet.into_owned()),
            cell: Some(cell.clone()),
            ..f
        },
        _ => f.at_ref(g.cell.as_deref()),
    }
}

/// The column header of a goal field, for messages.
pub fn header(key: &str) -> &'static str {
    crate::layout::GOAL_COLUMNS
        .iter()
        .find(|c| c.key == key)
        .map_or("", |c| c.header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goal_names_are_the_first_line_cut_at_forty_characters() {
        let named = |skill: Option<&str>| {
            goal_name(&crate::model::Goal {
                index: 3,
                skill: skill.map(str::to_string),
                ..Default::default()
            })
        };
        assert_eq!(named(None), "goal 3");
        assert_eq!(named(Some("Public speaking")), "goal 3 \"Public speaking\"");
        assert_eq!(named(Some("Talks\nat meetups")), "goal 3 \"Talks…\"");
        let forty = "é".repeat(40);
        assert_eq!(named(Some(&forty)), format!("goal 3 \"{forty}\""));
        assert_eq!(
            named(Some(&format!("{forty}x"))),
            format!("goal 3 \"{forty}…\"")
        );
    }

    #[test]
    fn the_registry_follows_the_catalogue() {
        assert_eq!(RULES.len(), crate::finding::CATALOGUE.len());
        for (r, c) in RULES.iter().zip(crate::finding::CATALOGUE) {
            assert_eq!(r.code, *c);
            assert!(
                !r.what.is_empty()
                    && !r.why.is_empty()
                    && !r.fails.is_empty()
                    && !r.passes.is_empty(),
                "{}",
                c.code
            );
            assert_eq!(r.check.is_none(), c.code.starts_with('S'), "{}", c.code);
        }
        assert_eq!(rule("g005").map(|r| r.code.name), Some("unmeasurable-step"));
    }
}

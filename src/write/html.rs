//! A plan as one self-contained HTML page: no scripts, no network, printable.

use crate::finding::{Finding, Severity, Target};
use crate::layout::{self, OwnerField, Section, GOAL_COLUMNS};
use crate::model::Plan;
use std::fmt::Write;

/// The page's style sheet (`igp serve` serves it as a file, its pages carry no inline style).
pub const STYLE: &str = r#"
:root { --ink:#1f2937; --band:#3b3f8f; --soft:#eef0f8; --line:#d5d8ea; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); max-width: 1100px; margin: 2rem auto; padding: 0 1.25rem; }
h1 { color: var(--band); margin-bottom: .25rem; }
h2 { background: var(--band); color: #fff; padding: .35rem .7rem; border-radius: 4px; font-size: 1.05rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: .4rem .55rem; vertical-align: top; text-align: left; white-space: pre-wrap; }
th { background: var(--soft); }
dl.qa dt { font-weight: 600; margin-top: .8rem; }
dl.qa dd { margin: .2rem 0 0 0; white-space: pre-wrap; }
.blank { color: #9ca3af; font-style: italic; }
.owner th { width: 12rem; }
ol.steps { margin: 0; padding-left: 1.2rem; }
ul.check { list-style: none; padding-left: 0; }
ul.check li::before { content: "☐ "; }
ul.check li.done::before { content: "☑ "; }
.sev { font-weight: 700; text-transform: uppercase; font-size: .75rem; }
.error { color: #b91c1c; } .warning { color: #b45309; } .info { color: #1d4ed8; }
@media screen and (max-width: 700px) {
  body { margin: 1rem auto; padding: 0 .75rem; }
  .owner th { width: 7rem; }
  table.goals, table.goals tbody, table.goals tr, table.goals td { display: block; width: 100%; }
  table.goals thead { display: none; }
  table.goals tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1rem; overflow: hidden; }
  table.goals td { border: 0; border-top: 1px solid var(--line); }
  table.goals td:first-child { border-top: 0; background: var(--soft); font-weight: 700; }
  table.goals td::before { content: attr(data-label); display: block; font-size: .78rem; font-weight: 600; color: #4b5563; white-space: normal; }
  table.goals td:first-child::before { display: inline; content: attr(data-label) " "; font-size: inherit; color: inherit; }
  table.findings, table.findings tbody, table.findings tr, table.findings td { display: block; width: 100%; }
  table.findings thead { display: none; }
  table.findings tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .75rem; padding: .3rem 0; }
  table.findings td { border: 0; padding: .1rem .6rem; }
  table.findings td:nth-child(1), table.findings td:nth-child(2) { display: inline-block; width: auto; }
  table.findings td:nth-child(3) { color: #4b5563; font-size: .85rem; }
}
@media print { body { margin: 0; max-width: none; font-size: 11px; } h2 { break-after: avoid; -webkit-print-color-adjust: exact; print-color-adjust: exact; } tr { break-inside: avoid; } }
"#;

/// Renders the plan and its findings as a self-contained HTML page.
pub fn render(plan: &Plan, findings: &[Finding]) -> String {
    let mut s = String::new();
    let name = esc(&plan.display_name());
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Individual Growth Plan: {name}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    s.push_str(&body(plan, findings, false));
    s.push_str("</body>\n</html>\n");
    s
}

/// The class and title that mark a cell with findings, when marking.
fn flag(findings: &[Finding], marks: bool, on: impl Fn(&Target) -> bool) -> String {
    if !marks {
        return String::new();
    }
    let here: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.target.as_ref().is_some_and(&on))
        .collect();
    let Some(worst) = here.iter().map(|f| f.severity).max() else {
        return String::new();
    };
    let codes: Vec<&str> = here.iter().map(|f| f.code).collect();
    let id = here
        .iter()
        .find_map(|f| f.target.as_ref().and_then(target_id))
        .map(|id| format!(" id=\"{id}\""))
        .unwrap_or_default();
    format!(
        " class=\"flag flag-{}\" title=\"{}\"{id}",
        worst.as_str(),
        esc(&codes.join(" "))
    )
}

/// The id of the marked cell that a finding's target is shown in (by [`body`] with
/// marks), for a link from the finding to its cell; `None` for targets with no cell there.
pub fn target_id(t: &Target) -> Option<String> {
    Some(match t {
        Target::Owner(field) => format!("cell-owner-{}", field.key()),
        Target::Inspiration(i) => format!("cell-inspiration-{i}"),
        Target::Direction => "cell-direction".to_string(),
        Target::TargetRole => "cell-target-role".to_string(),
        Target::RoleAnswer(i) => format!("cell-role-{i}"),
        Target::Goal(n, key) => format!("cell-goal-{n}-{key}"),
        Target::Step(n) => format!("cell-goal-{n}-action_steps"),
        Target::Tracking(i) => format!("cell-tracking-{i}"),
        Target::GoalsHeader | Target::ExtraColumn(_) => return None,
    })
}

/// The page's body: the plan laid out as [`render`] lays it out, then its findings. With
/// `marks`, every cell with a finding is marked (class `flag flag-<severity>`, the codes as
/// its title) and the findings table is left out, for a page that lists them itself.
pub fn body(plan: &Plan, findings: &[Finding], marks: bool) -> String {
    let mut s = String::from("<h1>Individual Growth Plan</h1>\n");
    let o = &plan.owner;
    s.push_str("<table class=\"owner\">\n");
    for field in OwnerField::ALL {
        let _ = writeln!(
            s,
            "<tr><th>{}</th><td{}>{}</td></tr>",
            field.label(),
            flag(findings, marks, |t| *t == Target::Owner(field)),
            value(o.get(field))
        );
    }
    s.push_str("</table>\n");

    let _ = writeln!(
        s,
        "<h2>{}</h2>\n<dl class=\"qa\">",
        Section::Inspiration.title()
    );
    for (i, a) in plan.inspiration.iter().enumerate() {
        let _ = writeln!(
            s,
            "<dt>{}</dt><dd{}>{}</dd>",
            esc(&a.question),
            flag(findings, marks, |t| *t == Target::Inspiration(i)),
            value(a.answer.as_deref())
        );
    }
    s.push_str("</dl>\n");

    let _ = writeln!(s, "<h2>{}</h2>\n<dl class=\"qa\">", Section::Role.title());
    let direction = plan.role.direction_text.as_deref().or_else(|| {
        plan.role
            .direction
            .as_deref()
            .and_then(layout::direction_text)
    });
    let _ = writeln!(
        s,
        "<dt>Growth direction</dt><dd{}>{}</dd>",
        flag(findings, marks, |t| *t == Target::Direction),
        value(direction)
    );
    let _ = writeln!(
        s,
        "<dt>Role I'm growing toward</dt><dd{}>{}</dd>",
        flag(findings, marks, |t| *t == Target::TargetRole),
        value(plan.role.target_role.as_deref())
    );
    for (i, a) in plan.role.answers.iter().enumerate() {
        let _ = writeln!(
            s,
            "<dt>{}</dt><dd{}>{}</dd>",
            esc(&a.question),
            flag(findings, marks, |t| *t == Target::RoleAnswer(i)),
            value(a.answer.as_deref())
        );
    }
    s.push_str("</dl>\n");

    let _ = writeln!(s, "<h2>{}</h2>", Section::Goals.title());
    if plan.goals.is_empty() {
        s.push_str("<p class=\"blank\">No goals yet.</p>\n");
    } else {
        let extras: Vec<&String> =
            plan.goals
                .iter()
                .flat_map(|g| g.extra.keys())
                .fold(Vec::new(), |mut v, k| {
                    if !v.contains(&k) {
                        v.push(k);
                    }
                    v
                });
        s.push_str("<table class=\"goals\">\n<thead><tr><th>#</th>");
        for c in GOAL_COLUMNS {
            let _ = write!(
                s,
                "<th title=\"{}\">{}</th>",
                esc(c.description),
                esc(c.header)
            );
        }
        for e in &extras {
            let _ = write!(s, "<th>{}</th>", esc(e));
        }
        s.push_str("</tr></thead>\n<tbody>\n");
        // Each cell carries its column's header: on a narrow screen a goal is a card
        // whose cells are labelled.
        for g in &plan.goals {
            let _ = write!(s, "<tr><td data-label=\"Goal\">{}</td>", g.index);
            for c in GOAL_COLUMNS {
                let label = esc(c.header);
                let mark = flag(findings, marks, |t| match t {
                    Target::Goal(n, key) => *n == g.index && *key == c.key,
                    Target::Step(n) => *n == g.index && c.key == "action_steps",
                    _ => false,
                });
                if c.key == "action_steps" && !g.action_steps.is_empty() {
                    let _ = write!(s, "<td data-label=\"{label}\"{mark}><ol class=\"steps\">");
                    for step in &g.action_steps {
                        let _ = write!(s, "<li>{}</li>", esc(step));
                    }
                    s.push_str("</ol></td>");
                } else {
                    let _ = write!(
                        s,
                        "<td data-label=\"{label}\"{mark}>{}</td>",
                        value(g.field(c.key))
                    );
                }
            }
            for e in &extras {
                let _ = write!(
                    s,
                    "<td data-label=\"{}\">{}</td>",
                    esc(e),
                    value(g.extra.get(*e).and_then(|v| v.as_deref()))
                );
            }
            s.push_str("</tr>\n");
        }
        s.push_str("</tbody>\n</table>\n");
    }

    let _ = writeln!(s, "<h2>{}</h2>", Section::Tracking.title());
    if plan.tracking.is_empty() {
        s.push_str("<p class=\"blank\">No checklist.</p>\n");
    } else {
        s.push_str("<ul class=\"check\">\n");
        for (i, t) in plan.tracking.iter().enumerate() {
            let class = match (t.done, flag(findings, marks, |x| *x == Target::Tracking(i))) {
                (true, m) if m.is_empty() => " class=\"done\"".to_string(),
                (true, m) => m.replacen("class=\"", "class=\"done ", 1),
                (false, m) => m,
            };
            let _ = write!(s, "<li{class}>{}", value(t.item.as_deref()));
            if let Some(n) = &t.notes {
                let _ = write!(s, " — {}", esc(n));
            }
            if let Some(d) = &t.done_text {
                let _ = write!(s, " ({})", esc(d));
            }
            s.push_str("</li>\n");
        }
        s.push_str("</ul>\n");
    }

    if marks {
        return s;
    }
    s.push_str("<h2>Findings</h2>\n");
    if findings.is_empty() {
        s.push_str("<p>No findings.</p>\n");
    } else {
        s.push_str("<table class=\"findings\">\n<thead><tr><th>Severity</th><th>Code</th><th>Where</th><th>Message</th></tr></thead>\n<tbody>\n");
        for f in findings {
            let class = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            let place = match (&f.sheet, &f.cell) {
                (Some(sh), Some(c)) => format!("{sh}!{c}"),
                _ => String::new(),
            };
            let _ = writeln!(
                s,
                "<tr><td class=\"sev {class}\">{}</td><td>{} {}</td><td>{}</td><td>{}</td></tr>",
                f.severity,
                f.code,
                f.name,
                esc(&place),
                esc(&f.message)
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    s
}

fn value(v: Option<&str>) -> String {
    v.map_or_else(|| "<span class=\"blank\">(blank)</span>".to_string(), esc)
}

/// Escapes text for HTML and XML content and attributes (the JUnit report uses it too);
/// control characters that XML 1.0 cannot hold become U+FFFD.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

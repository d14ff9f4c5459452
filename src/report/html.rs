//! The team report as HTML: the plans in a table (worst first), the findings per rule as a
//! chart, and each plan's findings. `igp check --format html` writes it as one
//! self-contained page (no script, no network, printable); `igp serve` shows the same
//! table and chart, from the same code. Every text is escaped by the template (maud).

use super::{PlanReport, Reporter, Status, Totals};
use crate::finding::{Finding, Severity, CATALOGUE};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::io::{self, Write};
use std::time::Duration;

/// The style of the team table, the chart and the findings (served as a file by
/// `igp serve`, inline in the file report).
pub const STYLE: &str = r#"
.totals { font-size: 1.05rem; margin: .5rem 0 1rem; }
table.team { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
table.team th, table.team td { border-bottom: 1px solid #d5d8ea; padding: .45rem .5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
table.team td:last-child { overflow-wrap: anywhere; }
table.team th { background: #eef0f8; white-space: nowrap; }
table.team td:first-child { min-width: 9rem; overflow-wrap: break-word; }
table.team td.num, table.team th.num { text-align: right; }
table.team th button { font: inherit; font-weight: 700; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
table.team th button::after { content: " \2195"; color: #6b7280; }
table.team th[aria-sort="ascending"] button::after { content: " \2191"; color: inherit; }
table.team th[aria-sort="descending"] button::after { content: " \2193"; color: inherit; }
.status { font-weight: 700; text-transform: uppercase; font-size: .78rem; letter-spacing: .02em; white-space: nowrap; overflow-wrap: normal; }
.status-error, .sev-error { color: #b91c1c; } .status-warning, .sev-warning { color: #92400e; }
.status-info, .sev-info { color: #1d4ed8; } .status-clean { color: #047857; }
table.chart { border-collapse: collapse; margin: .5rem 0 1.5rem; width: 100%; max-width: 40rem; }
table.chart td, table.chart th { padding: .2rem .5rem; text-align: left; }
table.chart td.num { text-align: right; width: 3rem; }
table.chart svg { display: block; width: 100%; height: 1rem; }
table.chart rect { fill: #3b3f8f; }
table.findings { border-collapse: collapse; width: 100%; }
table.findings th, table.findings td { border: 1px solid #d5d8ea; padding: .35rem .5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
table.findings th, table.findings td:first-child { white-space: nowrap; }
table.findings td:last-child { overflow-wrap: anywhere; }
@media screen and (max-width: 700px) {
  table.team thead { display: none; }
  table.team, table.team tbody, table.team tr, table.team td { display: block; width: 100%; }
  table.team tr { border: 1px solid #d5d8ea; border-radius: 6px; margin: 0 0 .75rem; padding: .3rem 0; }
  table.team td { border: 0; padding: .1rem .6rem; }
  table.team td.num { text-align: left; }
  table.team td::before { content: attr(data-label) ": "; font-weight: 600; color: #4b5563; }
  table.findings thead { display: none; }
  table.findings, table.findings tbody, table.findings tr, table.findings td { display: block; width: 100%; }
  table.findings tr { border: 1px solid #d5d8ea; margin: 0 0 .5rem; }
  table.findings td { border: 0; }
}
@media print { table.team th button::after { content: ""; } tr { break-inside: avoid; } }
"#;

/// The order of the team table: worst first (status, then errors, then warnings), then
/// by name; the plans' indexes.
pub fn worst_first(plans: &[PlanReport]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..plans.len()).collect();
    order.sort_by(|&a, &b| {
        let (p, q) = (&plans[a], &plans[b]);
        (
            q.status(),
            q.count(Severity::Error),
            q.count(Severity::Warning),
        )
            .cmp(&(
                p.status(),
                p.count(Severity::Error),
                p.count(Severity::Warning),
            ))
            .then_with(|| p.display_name().cmp(&q.display_name()))
            .then(a.cmp(&b))
    });
    order
}

/// A plan's worst finding: the first of its highest severity.
pub fn worst_finding(p: &PlanReport) -> Option<&Finding> {
    let worst = p.findings.iter().map(|f| f.severity).max()?;
    p.findings.iter().find(|f| f.severity == worst)
}

fn status_rank(s: Status) -> u8 {
    match s {
        Status::Clean => 0,
        Status::Info => 1,
        Status::Warning => 2,
        Status::Error => 3,
    }
}

/// A column of the team table: its name in addresses, its header, and whether it sorts as
/// a number.
pub const TEAM_COLUMNS: [(&str, &str, bool); 6] = [
    ("plan", "Plan", false),
    ("owner", "Owner", false),
    ("status", "Status", true),
    ("errors", "Errors", true),
    ("warnings", "Warnings", true),
    ("worst", "Worst finding", false),
];

/// How the team table is sorted: worst first, or by a column (an index of
/// [`TEAM_COLUMNS`]) up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TeamSort {
    #[default]
    WorstFirst,
    By {
        column: usize,
        ascending: bool,
    },
}

impl TeamSort {
    /// The sort a column's name and a direction (`asc`, `desc`) name; worst first for
    /// anything else.
    pub fn from_names(column: Option<&str>, dir: Option<&str>) -> TeamSort {
        match column.and_then(|c| TEAM_COLUMNS.iter().position(|t| t.0 == c)) {
            Some(column) => TeamSort::By {
                column,
                ascending: dir != Some("desc"),
            },
            None => TeamSort::WorstFirst,
        }
    }
}

/// What a plan's row shows in a column, as it sorts.
fn sort_key(p: &PlanReport, column: usize) -> (u64, String) {
    match column {
        0 => (0, p.path.to_lowercase()),
        1 => (0, p.owner.as_deref().unwrap_or("").to_lowercase()),
        2 => (u64::from(status_rank(p.status())), String::new()),
        3 => (p.count(Severity::Error) as u64, String::new()),
        4 => (p.count(Severity::Warning) as u64, String::new()),
        _ => (
            0,
            worst_finding(p).map_or(String::new(), |f| f.code.to_string()),
        ),
    }
}

/// The plans' indexes in the order of a sort.
pub fn sorted(plans: &[PlanReport], sort: TeamSort) -> Vec<usize> {
    let mut order = worst_first(plans);
    if let TeamSort::By { column, ascending } = sort {
        // Stable: rows that tie stay worst first.
        order.sort_by(|&a, &b| {
            let o = sort_key(&plans[a], column).cmp(&sort_key(&plans[b], column));
            if ascending {
                o
            } else {
                o.reverse()
            }
        });
    }
    order
}

/// The team table in the order of `sort`. `link` gives the address of a plan's page, by
/// its index; `sort_link` the address of the table sorted by a column (index, ascending),
/// which makes the headers links (sorting without script).
pub fn team_table(
    plans: &[PlanReport],
    link: &dyn Fn(usize) -> Option<String>,
    sort: TeamSort,
    sort_link: &dyn Fn(usize, bool) -> Option<String>,
) -> Markup {
    let aria = |col: usize| match sort {
        TeamSort::WorstFirst if col == 2 => Some("descending"),
        TeamSort::By { column, ascending } if column == col => {
            Some(if ascending { "ascending" } else { "descending" })
        }
        _ => None,
    };
    html! {
        table.team data-sortable="" {
            caption.visually-hidden { "Plans, worst first" }
            thead { tr {
                @for (i, (_, header, numeric)) in TEAM_COLUMNS.iter().enumerate() {
                    @let next = match sort {
                        TeamSort::By { column, ascending } if column == i => !ascending,
                        _ => !numeric,
                    };
                    th.num[*numeric && (i == 3 || i == 4)] scope="col" data-type=(if *numeric { "num" } else { "text" }) aria-sort=[aria(i)] {
                        @match sort_link(i, next) {
                            Some(href) => a href=(href) { (header) },
                            None => (header),
                        }
                    }
                }
            } }
            tbody {
                @for i in sorted(plans, sort) {
                    @let p = &plans[i];
                    @let status = p.status();
                    tr {
                        td data-label="Plan" data-sort=(p.path) {
                            @if let Some(href) = link(i) { a href=(href) { (p.path) } } @else { (p.path) }
                        }
                        td data-label="Owner" data-sort=(p.owner.as_deref().unwrap_or("")) {
                            (p.owner.as_deref().unwrap_or("—"))
                        }
                        td data-label="Status" data-sort=(status_rank(status)) {
                            span class={"status status-" (status.as_str())} { (status.as_str()) }
                        }
                        td.num data-label="Errors" data-sort=(p.count(Severity::Error)) { (p.count(Severity::Error)) }
                        td.num data-label="Warnings" data-sort=(p.count(Severity::Warning)) { (p.count(Severity::Warning)) }
                        @let worst = worst_finding(p);
                        td data-label="Worst finding" data-sort=(worst.map_or(String::new(), |f| f.code.to_string())) {
                            @if let Some(f) = worst {
                                span class={"sev-" (f.severity.as_str())} { (f.code) " " (f.name) } ": " (f.message)
                            } @else { "none" }
                        }
                    }
                }
            }
        }
    }
}

/// Links that sort the table, for a narrow screen where the table's headers are hidden.
pub fn sort_links(sort: TeamSort, sort_link: &dyn Fn(usize, bool) -> Option<String>) -> Markup {
    html! {
        p.sort-links {
            "Sort by: "
            @for (i, (_, header, numeric)) in TEAM_COLUMNS.iter().enumerate().take(5) {
                @if i > 0 { " · " }
                @let ascending = !numeric;
                @match sort_link(i, ascending) {
                    Some(href) => {
                        @if matches!(sort, TeamSort::By { column, .. } if column == i) {
                            a href=(href) aria-current="true" { strong { (header) } }
                        } @else {
                            a href=(href) { (header) }
                        }
                    }
                    None => (header),
                }
            }
        }
    }
}

/// The findings of a batch per rule, in catalogue order (rules with none left out).
pub fn rule_counts(plans: &[PlanReport]) -> Vec<(&'static str, &'static str, usize)> {
    CATALOGUE
        .iter()
        .map(|c| {
            let n = plans
                .iter()
                .flat_map(|p| &p.findings)
                .filter(|f| f.code == c.code)
                .count();
            (c.code, c.name, n)
        })
        .filter(|(_, _, n)| *n > 0)
        .collect()
}

/// The chart of findings per rule: a table whose rows carry bars (SVG, no style
/// attribute, so that a strict Content-Security-Policy shows it). `rule_link` gives a
/// rule's documentation, by its code.
pub fn rule_chart(plans: &[PlanReport], rule_link: &dyn Fn(&str) -> Option<String>) -> Markup {
    let counts = rule_counts(plans);
    let max = counts.iter().map(|c| c.2).max().unwrap_or(1).max(1);
    html! {
        @if counts.is_empty() {
            p { "No findings." }
        } @else {
            table.chart {
                caption.visually-hidden { "Findings per rule" }
                thead { tr { th scope="col" { "Rule" } th.num scope="col" { "Findings" } th scope="col" { span.visually-hidden { "Bar" } } } }
                tbody {
                    @for (code, name, n) in &counts {
                        tr {
                            td { @if let Some(href) = rule_link(code) { a href=(href) { (code) " " (name) } } @else { (code) " " (name) } }
                            td.num { (n) }
                            td { svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" {
                                rect x="0" y="0" height="10" width=(format!("{:.1}", *n as f64 * 100.0 / max as f64)) {}
                            } }
                        }
                    }
                }
            }
        }
    }
}

/// The findings of one plan as a table (severity, rule, cell, message).
pub fn findings_table(findings: &[Finding]) -> Markup {
    html! {
        @if findings.is_empty() {
            p { "No findings." }
        } @else {
            table.findings {
                thead { tr { th scope="col" { "Severity" } th scope="col" { "Rule" } th scope="col" { "Cell" } th scope="col" { "Message" } } }
                tbody {
                    @for f in findings {
                        tr {
                            td class={"sev-" (f.severity.as_str())} { (f.severity.as_str()) }
                            td { (f.code) " " (f.name) }
                            td { @if let (Some(sheet), Some(cell)) = (&f.sheet, &f.cell) { code { (crate::layout::sheet_ref_a1(sheet, cell)) } } }
                            td { (f.message) }
                        }
                    }
                }
            }
        }
    }
}

/// The self-contained team report of `igp check --format html`.
pub fn page(plans: &[PlanReport], totals: &Totals) -> String {
    let link = |i: usize| Some(format!("#plan-{}", i + 1));
    let no_link = |_: &str| None;
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "IGP check: " (super::count(totals.plans, "plan", "plans")) }
                style { (PreEscaped(crate::write::html::STYLE)) (PreEscaped(STYLE)) ".visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }" }
            }
            body {
                h1 { "IGP check" }
                p.totals { (super::totals_words(totals)) }
                h2 { "Plans, worst first" }
                (team_table(plans, &link, TeamSort::WorstFirst, &|_, _| None))
                h2 { "Findings per rule" }
                (rule_chart(plans, &no_link))
                @for (i, p) in plans.iter().enumerate() {
                    section id={"plan-" (i + 1)} {
                        h2 { (p.display_name()) }
                        p { (p.path) ": " (super::count(p.goals, "goal", "goals")) ", " span class={"status status-" (p.status().as_str())} { (p.status().as_str()) } }
                        (findings_table(&p.findings))
                    }
                }
                p { small { "Written by igp " (env!("CARGO_PKG_VERSION")) "." } }
            }
        }
    }
    .into_string()
}

/// The HTML reporter: the page needs every plan to sort them, so it keeps their reports
/// (without their goals) until the end.
#[derive(Default)]
pub struct Html {
    plans: Vec<PlanReport>,
}

impl Reporter for Html {
    fn plan(&mut self, _out: &mut dyn Write, plan: &PlanReport) -> io::Result<()> {
        let mut p = plan.clone();
        p.goal_rows = Vec::new();
        self.plans.push(p);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, totals: &Totals, _: Duration) -> io::Result<()> {
        out.write_all(page(&self.plans, totals).as_bytes())
    }
}

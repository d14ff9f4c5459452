//! The pages of `igp serve`, as maud templates: every text from a plan, a file name or a
//! setting is escaped by the template. The plan itself is laid out by the library's
//! HTML writer (`write::html::body`, which escapes every text too).

use super::work::{Checked, Outcome, PlanDownload, TeamDownload};
use crate::finding::{Finding, Severity, Target};
use crate::layout::{self, OwnerField, Section};
use crate::report::{self, Status};
use crate::rules::{self, Settings};
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// What every page says of the server: the configuration in force.
pub struct Site<'a> {
    /// The configuration file in force, if any.
    pub config: Option<&'a str>,
    pub settings: &'a Settings,
    /// The as-of date every check uses unless the page chooses one (`--as-of`, or the
    /// configuration's), or `None` for the day of the check.
    pub fixed_as_of: Option<chrono::NaiveDate>,
    pub limits: &'a super::Limits,
}

/// The frame of every page: navigation, the main part, and what the server keeps.
pub fn layout(title: &str, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) " · igp" }
                link rel="stylesheet" href="/static/plan.css";
                link rel="stylesheet" href="/static/report.css";
                link rel="stylesheet" href="/static/app.css";
                script src="/static/app.js" defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.site {
                    nav aria-label="igp" {
                        a href="/" { "Check plans" }
                        a href="/template" { "Template" }
                        a href="/rules" { "Rules" }
                    }
                }
                main #main tabindex="-1" { (main) }
                footer.site {
                    p { "igp " (env!("CARGO_PKG_VERSION")) " runs on this machine: files are checked in memory and dropped; nothing is stored on disk or sent anywhere else. Results stay downloadable for a few minutes, then are forgotten." }
                }
            }
        }
    }
}

/// The configuration in force, in words.
fn config_note(site: &Site) -> Markup {
    let changed = site.settings.describe();
    html! {
        p.config {
            @match site.config {
                Some(path) => { "Configuration in force: " code { (path) } }
                None => { "Configuration in force: igp's defaults (no igp.toml)." }
            }
            @if !changed.is_empty() {
                " It sets: "
                @for (i, (k, v)) in changed.iter().enumerate() {
                    @if i > 0 { ", " }
                    code { (k) " = " (v) }
                }
                "."
            }
        }
    }
}

/// The upload form: one control to drop or pick files, a folder picker, how to take
/// several files, and the as-of date.
pub fn index(site: &Site, today: chrono::NaiveDate) -> Markup {
    let as_of = site.fixed_as_of.unwrap_or(today);
    let l = site.limits;
    layout(
        "Check plans",
        html! {
            h1 { "Check Individual Growth Plans" }
            p.lead { "Drop a plan (xlsx, ods, xls or CSV) to see what to fix before your next 1:1, or a folder of your team's plans for a table of all of them." }
            form #upload method="post" action="/check" enctype="multipart/form-data" {
                label.drop #drop for="files" {
                    span.drop-title { "Drop files or a folder here, or choose files" }
                    span.drop-hint { "One plan; several CSV files that are the tabs of one plan; or many plans." }
                    input #files type="file" name="files" multiple
                        accept=(crate::read::walk::accept())
                        aria-describedby="limits";
                }
                p #picked aria-live="polite" {}
                p {
                    label for="folder" { "Or choose a folder: " }
                    input #folder type="file" name="files" webkitdirectory multiple;
                }
                fieldset {
                    legend { "Several files are" }
                    label { input type="radio" name="as" value="auto" checked; " worked out by igp" }
                    label { input type="radio" name="as" value="one"; " the tabs of one plan" }
                    label { input type="radio" name="as" value="many"; " separate plans" }
                }
                p {
                    label for="as_of" { "Judge deadlines and reviews as of " }
                    input #as_of type="date" name="as_of" value=(as_of.format("%Y-%m-%d").to_string());
                }
                p { button type="submit" { "Check" } }
                p #progress-line hidden { progress #progress max="100" value="0" { "0%" } " " span #progress-text {} }
                p #limits.hint {
                    "Up to " (l.max_files) " files, " (mb(l.max_file_bytes)) " per file and "
                    (mb(l.max_request_bytes)) " in all."
                }
            }
            (config_note(site))
        },
    )
}

fn mb(bytes: usize) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

/// A page that says why a request was refused or failed.
pub fn problem(title: &str, text: &str) -> Markup {
    layout(
        title,
        html! {
            h1 { (title) }
            p.problem role="alert" { (text) }
            p { a href="/" { "Back to the upload form" } }
        },
    )
}

/// The verdict's banner: the worst status and the findings' counts, in the words of
/// every report.
fn verdict(status: Status, errors: usize, warnings: usize, infos: usize) -> Markup {
    html! {
        p class={"verdict verdict-" (status.as_str())} role="status" {
            strong { (status.heading()) } ": "
            (report::finding_counts(errors, warnings, infos))
        }
    }
}

/// The group of a finding: its goal, else its section, else the plan as a whole.
fn group_of(f: &Finding, plan: Option<&crate::model::Plan>) -> (u8, usize, String) {
    if let Some(n) = f.goal {
        let name = plan
            .and_then(|p| p.goals.iter().find(|g| g.index == n))
            .map_or_else(|| format!("goal {n}"), rules::goal_name);
        return (3, n, capitalize(&name));
    }
    let section = match &f.target {
        Some(Target::Owner(_)) => return (0, 0, "Header".to_string()),
        Some(Target::Inspiration(_)) => Section::Inspiration,
        Some(Target::Direction | Target::TargetRole | Target::RoleAnswer(_)) => Section::Role,
        Some(Target::Goal(..) | Target::Step(_) | Target::GoalsHeader | Target::ExtraColumn(_)) => {
            Section::Goals
        }
        Some(Target::Tracking(_)) => Section::Tracking,
        None => return (9, 0, "The plan as a whole".to_string()),
    };
    (section.number(), 0, section.title().to_string())
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The findings grouped by goal and section, each with its cell and its rule's docs.
fn grouped_findings(findings: &[Finding], plan: Option<&crate::model::Plan>) -> Markup {
    type Group<'a> = ((u8, usize, String), Vec<&'a Finding>);
    let mut groups: Vec<Group> = Vec::new();
    for f in findings {
        let key = group_of(f, plan);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(f),
            None => groups.push((key, vec![f])),
        }
    }
    groups.sort_by_key(|g| (g.0 .0, g.0 .1));
    html! {
        @if findings.is_empty() {
            p { "No findings: nothing to fix." }
        }
        @for ((_, _, title), list) in &groups {
            section.group {
                h3 { (title) }
                ul.findings-list {
                    @for f in list {
                        li class={"finding finding-" (f.severity.as_str())} {
                            span class={"badge badge-" (f.severity.as_str())} { (f.severity.as_str()) }
                            " "
                            a.rule href={"/rules#" (f.code)} { (f.code) " " (f.name) }
                            @if let (Some(sheet), Some(cell)) = (&f.sheet, &f.cell) {
                                " "
                                @let reference = layout::sheet_ref_a1(sheet, cell);
                                @match (plan.is_some(), f.target.as_ref().and_then(crate::write::html::target_id)) {
                                    (true, Some(id)) => a.cell-link href={"#" (id)} title="Show the cell in the plan" { code.cell { (reference) } },
                                    _ => code.cell { (reference) },
                                }
                            }
                            p.message { (f.message) }
                            @if let Some(rule) = rules::rule(f.code) {
                                details {
                                    summary { "What it means and what to write instead" }
                                    (rule_doc(rule))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn rule_doc(rule: &rules::Rule) -> Markup {
    html! {
        dl.rule-doc {
            dt { "What it checks" } dd { (rule.what) }
            dt { "Why it matters" } dd { (rule.why) }
            dt { "Fails" } dd { pre { (rule.fails) } }
            dt { "Use instead" } dd { pre { (rule.passes) } }
        }
    }
}

/// The page of one plan: verdict, findings, downloads, and the plan with its cells marked.
/// `base` is the address of the plan's downloads (`/r/KEY/0`), if kept; `back` the team
/// page's, for a plan of a batch.
pub fn plan_page(
    site: &Site,
    c: &Checked,
    as_of: chrono::NaiveDate,
    base: Option<&str>,
    back: Option<&str>,
) -> Markup {
    let r = &c.report;
    let errors = r.count(Severity::Error);
    let warnings = r.count(Severity::Warning);
    layout(
        &format!("{} checked", r.display_name()),
        html! {
            @if let Some(base) = base { span #result hidden data-href=(base) {} }
            @if let Some(back) = back { p { a href=(back) { "← Back to the team table" } } }
            h1 { (r.display_name()) }
            p.source { "From " code { (r.path) } @if let Some(p) = &c.plan { ", " (p.goals.len()) " goals" } ", as of " (as_of.format("%Y-%m-%d").to_string()) "." }
            (verdict(r.status(), errors, warnings, r.count(Severity::Info)))
            @if let (Some(base), Some(_)) = (base, &c.plan) {
                section.downloads aria-labelledby="downloads" {
                    h2 #downloads { "Downloads" }
                    ul.download-list {
                        @for (_, suffix, label) in PlanDownload::ALL {
                            li { a href={(base) "/" (suffix)} download { (label) } }
                        }
                    }
                }
            } @else if c.plan.is_some() {
                p.hint { "This result was too large to keep for downloads; check fewer files at once." }
            }
            section aria-labelledby="findings" {
                h2 #findings { "Findings" }
                (grouped_findings(&r.findings, c.plan.as_ref()))
            }
            @if let Some(plan) = &c.plan {
                section.plan aria-labelledby="the-plan" {
                    h2 #the-plan { "The plan" }
                    p.hint { "Cells with findings are marked." }
                    div.plan-layout { (PreEscaped(crate::write::html::body(plan, &r.findings, true))) }
                }
            }
            (config_note(site))
        },
    )
}

/// The page of many plans: the team table, worst first, the chart of findings per rule,
/// and the batch's downloads.
pub fn team_page(
    site: &Site,
    outcome: &Outcome,
    key: Option<&str>,
    sort: report::html::TeamSort,
) -> Markup {
    let batch = outcome.batch();
    let totals = batch.totals();
    let link = |i: usize| key.map(|k| format!("/r/{k}/{i}"));
    let rule_link = |code: &str| Some(format!("/rules#{code}"));
    let sort_link = |column: usize, ascending: bool| {
        key.map(|k| {
            format!(
                "/r/{k}?sort={}&dir={}#plans",
                report::html::TEAM_COLUMNS[column].0,
                if ascending { "asc" } else { "desc" }
            )
        })
    };
    let worst = batch.plans.iter().map(|p| p.status()).max();
    layout(
        "Team check",
        html! {
            @if let Some(k) = key { span #result hidden data-href={"/r/" (k)} {} }
            h1 { "Team check" }
            p.totals { (report::totals_words(&totals)) ", as of " (outcome.as_of.format("%Y-%m-%d").to_string()) "." }
            (verdict(totals.worst(), totals.errors, totals.warnings, totals.infos))
            @if !outcome.skipped.is_empty() {
                @if let Some(words) = report::skipped_words(outcome.skipped.len(), outcome.locks) {
                    p.hint { (capitalize(&words)) ": " (outcome.skipped.join(", ")) }
                }
            }
            @if let Some(k) = key {
                section.downloads aria-labelledby="downloads" {
                    h2 #downloads { "Downloads" }
                    ul.download-list {
                        @for (_, name, label) in TeamDownload::ALL {
                            li { a href={"/r/" (k) "/" (name)} download { (label) } }
                        }
                    }
                }
            } @else {
                p.hint { "This result was too large to keep for downloads or plan pages; check fewer files at once." }
            }
            section aria-labelledby="plans" {
                h2 #plans { @if sort == report::html::TeamSort::WorstFirst { "Plans, worst first" } @else { "Plans" } }
                @if worst.is_some_and(|w| w > Status::Clean) || !batch.plans.is_empty() {
                    p.hint.js-only.sort-hint { "Select a column's header to sort by it." }
                }
                @if key.is_some() { (report::html::sort_links(sort, &sort_link)) }
                div.table-wrap { (report::html::team_table(&batch.plans, &link, sort, &sort_link)) }
            }
            section aria-labelledby="per-rule" {
                h2 #per-rule { "Findings per rule" }
                (report::html::rule_chart(&batch.plans, &rule_link))
            }
            (config_note(site))
        },
    )
}

/// The rules, from the registry, with the severities in force.
pub fn rules_page(site: &Site) -> Markup {
    layout(
        "Rules",
        html! {
            h1 { "Rules" }
            p { "Every finding igp reports comes from one of these rules. S rules are about the file's structure, G rules about each goal row, P rules about the plan as a whole." }
            (config_note(site))
            nav.rule-index aria-label="Rules" {
                ul { @for r in rules::RULES { li { a href={"#" (r.code.code)} { (r.code.code) " " (r.code.name) } } } }
            }
            @for r in rules::RULES {
                @let sev = site.settings.severity(r.code);
                section.rule id=(r.code.code) aria-labelledby={"h-" (r.code.code)} {
                    h2 id={"h-" (r.code.code)} { (r.code.code) " " (r.code.name) }
                    p {
                        "Severity here: "
                        @match sev {
                            Some(s) => span class={"badge badge-" (s.as_str())} { (s.as_str()) },
                            None => span.badge { "off" },
                        }
                        @if sev != Some(r.code.severity) { " (default: " (r.code.severity.as_str()) ")" }
                    }
                    p { (capitalize(r.code.summary)) "." }
                    (rule_doc(r))
                }
            }
        },
    )
}

/// The template page: download the blank template or the worked example, and what each
/// section asks.
pub fn template_page() -> Markup {
    layout(
        "Template",
        html! {
            h1 { "The IGP template" }
            form.template method="get" action="/template/download" {
                fieldset {
                    legend { "Download" }
                    label { input type="radio" name="kind" value="blank" checked; " the blank template" }
                    label { input type="radio" name="kind" value="example"; " the worked example" }
                }
                p {
                    label for="goals" { "Goal rows to lay out " }
                    input #goals type="number" name="goals" min="0" max="200" value="3";
                }
                p { button type="submit" { "Download xlsx" } }
            }
            h2 { "What each section asks" }
            section.asks {
                h3 { "Header" }
                ul { @for f in OwnerField::ALL { li { (f.label()) } } }
                h3 { (Section::Inspiration.title()) }
                ol { @for q in layout::INSPIRATION_QUESTIONS { li { (q) } } }
                h3 { (Section::Role.title()) }
                p { (layout::DIRECTION_LABEL) ": one of" }
                ul { @for (_, text) in layout::DIRECTIONS { li { (text) } } }
                p { (layout::TARGET_ROLE_LABEL) ", then:" }
                ol { @for q in layout::ROLE_QUESTIONS { li { (q) } } }
                h3 { (Section::Goals.title()) }
                p { "One row per goal, one to three goals per review period." }
                dl { @for c in layout::GOAL_COLUMNS { dt { (c.header) } dd { (c.description) } } }
                h3 { (Section::Tracking.title()) }
                ul { @for item in layout::TRACKING_ITEMS { li { (item) } } }
            }
        },
    )
}

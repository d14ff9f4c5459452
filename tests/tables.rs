//! Table-driven tests where a table drives the code: every checkbox word, every header
//! alias, the date forms G008 reads, and every threshold rule at its edge (one before, on,
//! one after). Plans are CSV text made here from the clean fixture and read by the public
//! reader, then checked by the public rules, in process.

use chrono::{Days, NaiveDate};
use igp::finding::Finding;
use igp::model::Plan;
use igp::read::{read_plan, ReadOptions, Reading};
use igp::rules::{check, Settings};
use std::path::PathBuf;

/// The clean fixture, with LF line ends.
fn clean() -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules/clean.csv"),
    )
    .unwrap()
    .replace("\r\n", "\n")
}

/// One CSV record, quoted as needed.
fn record(fields: &[&str]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(fields).unwrap();
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn read_text(csv: &str) -> Reading {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.csv");
    std::fs::write(&path, csv).unwrap();
    read_plan(&[path], &ReadOptions::default()).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn settings(as_of: NaiveDate) -> Settings {
    Settings {
        as_of,
        ..Settings::default()
    }
}

fn codes_of(findings: &[Finding], code: &str) -> usize {
    findings.iter().filter(|f| f.code == code).count()
}

/// The clean plan with its goal rows replaced by `goals` (skill, action steps).
fn with_goals(goals: &[(String, String)]) -> String {
    let text = clean();
    let (head, rest) = text.split_at(text.find("API design,API design course").unwrap());
    let tail = &rest[rest.find(",,,,,\n\"Section 4").unwrap()..];
    let mut out = head.to_string();
    for (skill, steps) in goals {
        out.push_str(&record(&[
            skill,
            "A named course",
            "Leads review designs",
            steps,
            "Share notes in #api",
            "Time",
        ]));
    }
    out + tail
}

fn steps(n: usize) -> String {
    (1..=n)
        .map(|i| format!("• Read chapter {i} of the design book"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_clean_plan_builders_read_as_intended() {
    let r = read_text(&with_goals(&[
        ("A".into(), steps(3)),
        ("B".into(), steps(1)),
    ]));
    assert_eq!(r.plan.goals.len(), 2);
    assert_eq!(r.plan.goals[0].action_steps.len(), 3);
    assert_eq!(r.plan.goals[1].action_steps.len(), 1);
    assert_eq!(r.plan.tracking.len(), 5);
    assert_eq!(r.plan.owner.last_reviewed.as_deref(), Some("2026-05-15"));
}

#[test]
fn g004_max_steps_at_its_edge() {
    for (max, n, fires) in [
        (2, 1, false),
        (2, 2, false),
        (2, 3, true),
        (3, 3, false),
        (3, 4, true),
        (0, 1, true),
    ] {
        let r = read_text(&with_goals(&[("Goal".into(), steps(n))]));
        let s = Settings {
            max_steps: max,
            ..settings(date(2026, 6, 1))
        };
        let found = check(&r, &s);
        assert_eq!(
            codes_of(&found, "G004"),
            usize::from(fires),
            "max_steps {max}, {n} steps: {found:?}"
        );
    }
}

#[test]
fn p002_max_goals_at_its_edge() {
    for (max, n, fires) in [
        (3, 2, false),
        (3, 3, false),
        (3, 4, true),
        (1, 1, false),
        (1, 2, true),
    ] {
        let goals: Vec<(String, String)> =
            (1..=n).map(|i| (format!("Skill {i}"), steps(1))).collect();
        let r = read_text(&with_goals(&goals));
        assert_eq!(r.plan.goals.len(), n);
        let s = Settings {
            max_goals: max,
            ..settings(date(2026, 6, 1))
        };
        let found = check(&r, &s);
        assert_eq!(
            codes_of(&found, "P002"),
            usize::from(fires),
            "max_goals {max}, {n} goals"
        );
        if fires {
            // Placed on the first goal over the limit.
            let f = found.iter().find(|f| f.code == "P002").unwrap();
            assert_eq!(f.cell.as_deref(), Some(format!("A{}", 26 + max).as_str()));
        }
    }
}

#[test]
fn p007_stale_days_at_its_edge() {
    let reviewed = date(2026, 3, 1);
    for (stale_days, days, fires) in [
        (92, 91i64, false),
        (92, 92, false),
        (92, 93, true),
        (0, 0, false),
        (0, 1, true),
        (30, 31, true),
        (92, -5, false),
    ] {
        let as_of = if days >= 0 {
            reviewed + Days::new(days as u64)
        } else {
            reviewed - Days::new(days.unsigned_abs())
        };
        let text = clean().replace("Last reviewed,5/15/2026,", "Last reviewed,2026-03-01,");
        let r = read_text(&text);
        let s = Settings {
            stale_days,
            ..settings(as_of)
        };
        let found = check(&r, &s);
        assert_eq!(
            codes_of(&found, "P007"),
            usize::from(fires),
            "stale_days {stale_days}, reviewed {days} days before {as_of}"
        );
        if fires {
            let f = found.iter().find(|f| f.code == "P007").unwrap();
            assert_eq!(f.cell.as_deref(), Some("B8"));
            assert!(f.message.contains(&format!("{days} days")), "{}", f.message);
        }
    }
}

#[test]
fn g008_dates_in_every_promised_form_at_the_as_of_edge() {
    // The forms the spec promises, all naming 2026-01-15.
    let deadline = date(2026, 1, 15);
    for form in [
        "2026-01-15",
        "1/15/2026",
        "15.01.2026",
        "Jan 15 2026",
        "Jan 15, 2026",
    ] {
        let step = format!("Submit the design document to the review board by {form}");
        let r = read_text(&with_goals(&[("Design".into(), step.clone())]));
        for (as_of, fires) in [
            (deadline - Days::new(1), false),
            (deadline, false),
            (deadline + Days::new(1), true),
        ] {
            let found = check(&r, &settings(as_of));
            assert_eq!(
                codes_of(&found, "G008"),
                usize::from(fires),
                "{step:?} as of {as_of}"
            );
            if fires {
                let f = found.iter().find(|f| f.code == "G008").unwrap();
                assert_eq!((f.cell.as_deref(), f.goal), (Some("D26"), Some(1)));
            }
        }
    }
}

/// The checklist's first row with `word` in its done column.
fn first_item(word: &str) -> igp::model::TrackingItem {
    let text = clean().replacen(
        "TRUE,Select a format",
        &format!("{},Select a format", record(&[word]).trim_end()),
        1,
    );
    let r = read_text(&text);
    r.plan.tracking[0].clone()
}

#[test]
fn every_checkbox_word_in_every_case() {
    // The spec's words (TRUE/FALSE, 1/0, x, ✓, ✔, ☑, yes, done) and the booleans Excel
    // writes in CSV in the machine's language.
    let checked = [
        "TRUE",
        "1",
        "x",
        "✓",
        "✔",
        "☑",
        "✅",
        "yes",
        "y",
        "done",
        "wahr",
        "vrai",
        "verdadero",
        "vero",
        "waar",
        "sant",
        "prawda",
    ];
    let unchecked = [
        "FALSE", "0", "☐", "no", "n", "falsch", "faux", "falso", "onwaar", "usant", "fałsz",
    ];
    for (words, done) in [(&checked[..], true), (&unchecked[..], false)] {
        for word in words {
            for form in [
                word.to_string(),
                word.to_uppercase(),
                word.to_lowercase(),
                capitalized(word),
            ] {
                let item = first_item(&form);
                assert_eq!(
                    (item.done, item.done_text.as_deref()),
                    (done, None),
                    "{form:?}"
                );
                assert_eq!(
                    item.item.as_deref(),
                    Some("Select a format to track your progress.")
                );
            }
        }
    }
    // Anything else is not done, and kept as text.
    for other in ["in progress", "maybe", "2", "xx", "not yet done", "-1"] {
        let item = first_item(other);
        assert!(!item.done, "{other:?}");
        assert_eq!(item.done_text.as_deref(), Some(other), "{other:?}");
    }
}

fn capitalized(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| {
            f.to_uppercase()
                .chain(c.flat_map(char::to_lowercase))
                .collect()
        })
        .unwrap_or_default()
}

/// The six columns' headers and every other header each is known by (igp-format.md).
const HEADERS: [(&str, &[&str]); 6] = [
    (
        "skill",
        &[
            "Skill/Behavior",
            "Skill",
            "Behavior",
            "Behaviour",
            "Skill/Behaviour",
            "Skill or behavior",
            "Goal",
        ],
    ),
    (
        "resources",
        &[
            "What resources/support do you need?",
            "What resources or support will you need?",
            "What resources or support do you need?",
            "Resources",
            "Support",
            "Resources/support",
            "Resources and support",
        ],
    ),
    (
        "career_support",
        &[
            "How will this support your career goals?",
            "Career goals",
            "Career support",
            "How does this support your career goals?",
        ],
    ),
    (
        "action_steps",
        &[
            "List 1-2 measurable and achievable action steps",
            "What actionable steps will you take to reach your goal?",
            "Action steps",
            "Steps",
            "Actions",
            "Measurable action steps",
        ],
    ),
    (
        "network",
        &[
            "How will you engage your network?",
            "Network",
            "Engage your network",
            "Networking",
        ],
    ),
    (
        "challenges",
        &[
            "Anticipated Challenges",
            "What challenges do you anticipate?",
            "Challenges",
            "Obstacles",
        ],
    ),
];

#[test]
fn every_header_alias_names_its_column() {
    let canonical: Vec<&str> = HEADERS.iter().map(|(_, h)| h[0]).collect();
    for (i, (key, names)) in HEADERS.iter().enumerate() {
        for name in *names {
            // As written, and as people mangle it: case, spacing, punctuation.
            for form in [
                name.to_string(),
                name.to_uppercase(),
                format!("  {}: ", name.to_lowercase()),
            ] {
                let mut header = canonical.clone();
                header[i] = &form;
                // The columns in reverse order: each is found by its name, not its place.
                header.reverse();
                let values: Vec<String> = HEADERS
                    .iter()
                    .rev()
                    .map(|(k, _)| format!("value of {k}"))
                    .collect();
                let values: Vec<&str> = values.iter().map(String::as_str).collect();
                let csv = record(&header) + &record(&values);
                let r = read_text(&csv);
                assert!(
                    !r.findings
                        .iter()
                        .any(|f| f.code == "S004" || f.code == "S005"),
                    "{form:?}: {:?}",
                    r.findings
                );
                let g = &r.plan.goals[0];
                for (k, _) in HEADERS {
                    assert_eq!(
                        g.field(k),
                        Some(format!("value of {k}").as_str()),
                        "{form:?} as {key}"
                    );
                }
                assert_eq!(
                    g.cells.get(*key).map(String::as_str),
                    Some(format!("{}2", (b'F' - i as u8) as char).as_str())
                );
            }
        }
    }
    // A header that is none of them is an extra column, kept.
    let mut header = canonical.clone();
    header.push("Status");
    let r = read_text(&(record(&header) + &record(&["a", "b", "c", "d", "e", "f", "g"])));
    assert_eq!(
        r.plan.goals[0].extra.get("Status"),
        Some(&Some("g".to_string()))
    );
    assert!(r.findings.iter().any(|f| f.code == "S005"));
}

#[test]
fn a_plan_read_is_the_same_plan_whatever_the_checkbox_spelling() {
    // The whole checklist in one spelling each: the plan's model does not change.
    let base = read_text(&clean()).plan;
    for (yes, no) in [
        ("x", ""),
        ("yes", "no"),
        ("☑", "☐"),
        ("WAHR", "FALSCH"),
        ("1", "0"),
    ] {
        let text = clean()
            .replace("TRUE,Select", &format!("{yes},Select"))
            .replace("FALSE,", &format!("{no},"));
        let plan: Plan = read_text(&text).plan;
        assert_eq!(plan.tracking.len(), 5);
        assert_eq!(
            plan.tracking.iter().map(|t| t.done).collect::<Vec<_>>(),
            base.tracking.iter().map(|t| t.done).collect::<Vec<_>>(),
            "{yes}/{no}"
        );
    }
}

/// Words filled greedily into lines of at most `width` bytes (a space counted as the
/// lines' joint), each line indented by two spaces; each line of the text (a step of a
/// decision procedure, "1. ...") starts a new line, its continuation under its words.
fn filled(text: &str, width: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    for source in text.lines() {
        let hang = source
            .split_once(". ")
            .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .map_or(0, |(n, _)| n.len() + 2);
        let mut line = String::new();
        for w in source.split_whitespace() {
            if !line.trim().is_empty() && line.len() + w.len() > width {
                out.push(std::mem::replace(&mut line, " ".repeat(hang)));
                line.push_str(w);
            } else {
                if !line.trim().is_empty() {
                    line.push(' ');
                }
                line.push_str(w);
            }
        }
        out.push(line);
    }
    out.iter()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn indented(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_rule_explains_itself_in_a_readable_page() {
    for rule in igp::rules::RULES {
        let c = &rule.code;
        // The summary as a sentence: capitalized, with its full stop.
        let mut chars = c.summary.chars();
        let head: String = chars.next().unwrap().to_uppercase().collect();
        let expected = format!(
            "{} {} (default: {})\n\n{head}{}.\n\nWhat it checks\n{}\n\nWhy it matters\n{}\n\nExample that fails\n{}\n\nUse instead\n{}\n",
            c.code,
            c.name,
            c.severity,
            chars.as_str(),
            filled(rule.what, 86),
            filled(rule.why, 86),
            indented(rule.fails),
            indented(rule.passes),
        );
        assert_eq!(igp::rules::explain(rule), expected);
    }
    // A word longer than a line is not wrapped away from its title's line.
    let long = igp::rules::Rule {
        code: igp::finding::G001,
        what: "Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongwordindeed and more",
        why: "Short.",
        fails: "a",
        passes: "b",
        check: None,
    };
    assert!(long.what.split(' ').next().unwrap().len() > 86);
    assert!(igp::rules::explain(&long)
        .contains(&format!("What it checks\n{}\n\n", filled(long.what, 86))));
    assert!(filled(long.what, 86).starts_with("  Avery"));
    // Long texts are wrapped: the check above is not about one-line texts only.
    assert!(igp::rules::RULES
        .iter()
        .any(|r| filled(r.what, 86).lines().count() >= 3));
    assert!(igp::rules::RULES
        .iter()
        .any(|r| r.fails.lines().count() >= 3));
}

#[test]
fn configured_limits_at_their_edges() {
    let origin = std::path::Path::new("igp.toml");
    for (days, ok) in [(-1i64, false), (0, true), (1, true), (92, true)] {
        let toml = format!("[limits]\nstale_days = {days}\n");
        match Settings::from_toml(&toml, origin) {
            Ok(s) => {
                assert!(ok, "stale_days {days} accepted");
                assert_eq!(s.stale_days, days);
            }
            Err(e) => {
                assert!(!ok, "stale_days {days}: {e}");
                assert_eq!(e, "igp.toml: [limits] stale_days must not be negative");
            }
        }
    }
    let s = Settings::from_toml("[limits]\nmax_steps = 0\nmax_goals = 1\n", origin).unwrap();
    assert_eq!((s.max_steps, s.max_goals), (0, 1));
    let s = Settings::from_toml("", origin).unwrap();
    assert_eq!((s.max_steps, s.max_goals, s.stale_days), (2, 3, 92));
}

#[test]
fn a_batchs_totals_count_each_plan_by_its_worst_finding() {
    use igp::finding::{self, Severity};
    use igp::report::{PlanReport, Status, Totals};
    let plan = |findings: Vec<Finding>| PlanReport {
        path: "p.csv".into(),
        owner: None,
        goals: 1,
        findings,
        goal_rows: Vec::new(),
    };
    let (e, w, i) = (
        || Finding::new(finding::G001, "e"),
        || Finding::new(finding::G003, "w"),
        || Finding::new(finding::P006, "i"),
    );
    assert_eq!(e().severity, Severity::Error);
    assert_eq!(w().severity, Severity::Warning);
    assert_eq!(i().severity, Severity::Info);
    // One plan of each status, some twice, with findings of lower severities beside.
    let plans = [
        (plan(vec![]), Status::Clean),
        (plan(vec![i(), i()]), Status::Info),
        (plan(vec![w(), i()]), Status::Warning),
        (plan(vec![w(), w(), w()]), Status::Warning),
        (plan(vec![i(), e(), w()]), Status::Error),
        (plan(vec![e(), e()]), Status::Error),
        (plan(vec![e()]), Status::Error),
    ];
    let mut t = Totals::default();
    for (p, status) in &plans {
        assert_eq!(p.status(), *status, "{:?}", p.findings);
        t.add(p);
    }
    assert_eq!(
        t,
        Totals {
            plans: 7,
            clean: 1,
            info: 1,
            warning: 2,
            error: 3,
            errors: 4,
            warnings: 5,
            infos: 4,
            skipped: 0,
            locks: 0,
        }
    );
    assert_eq!(plans[4].0.count(Severity::Warning), 1);
    assert_eq!(plans[3].0.count(Severity::Warning), 3);
    assert_eq!(plans[0].0.count(Severity::Error), 0);
    // The batch gives the same totals, and every finding with its plan, in order.
    let batch = igp::report::Batch {
        plans: plans.iter().map(|(p, _)| p.clone()).collect(),
        elapsed: std::time::Duration::ZERO,
    };
    assert_eq!(batch.totals(), t);
    let listed: Vec<(usize, &str)> = batch
        .findings()
        .map(|(p, f)| (p.findings.len(), f.message.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            (2, "i"),
            (2, "i"),
            (2, "w"),
            (2, "i"),
            (3, "w"),
            (3, "w"),
            (3, "w"),
            (3, "i"),
            (3, "e"),
            (3, "w"),
            (2, "e"),
            (2, "e"),
            (1, "e"),
        ]
    );
}

#[test]
fn a_section_title_alone_counts_as_found_but_a_goals_title_needs_its_header() {
    let text = clean();
    // Section 1's title kept, its five questions gone: the section is there, unanswered.
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("Section 1"))
        .unwrap();
    let no_questions: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| !(start + 1..start + 6).contains(i))
        .map(|(_, l)| *l)
        .collect();
    let r = read_text(&(no_questions.join("\n") + "\n"));
    assert!(r.plan.inspiration.iter().all(|a| a.answer.is_none()));
    assert!(
        !r.findings.iter().any(|f| f.code == "S003"),
        "{:?}",
        r.findings
    );
    // Section 3's title kept, its header row and goals gone: no goals table (S002), and so
    // no "the goals table has no filled row" (P001) either.
    let start = lines
        .iter()
        .position(|l| l.starts_with("Section 3"))
        .unwrap();
    let no_table: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| !(start + 1..start + 4).contains(i))
        .map(|(_, l)| *l)
        .collect();
    let r = read_text(&(no_table.join("\n") + "\n"));
    let found = check(&r, &settings(date(2026, 6, 1)));
    assert_eq!(codes_of(&found, "S002"), 1, "{found:?}");
    assert_eq!(codes_of(&found, "P001"), 0, "{found:?}");
}

#[test]
fn a_header_naming_one_column_twice_keeps_the_first_and_the_second_as_an_extra() {
    // Four of the six columns, the skill column twice ("Skill" and "Goal"): still a goals
    // header row (four different columns), the first "Skill" column is the skill.
    let csv = record(&["Skill", "Goal", "Resources", "Action steps", "Network"])
        + &record(&[
            "Public speaking",
            "Talk",
            "A course",
            "Give 2 talks",
            "Team",
        ]);
    let r = read_text(&csv);
    assert!(
        !r.findings.iter().any(|f| f.code == "S002"),
        "{:?}",
        r.findings
    );
    let g = &r.plan.goals[0];
    assert_eq!(g.skill.as_deref(), Some("Public speaking"));
    assert_eq!(g.extra.get("Goal"), Some(&Some("Talk".to_string())));
    assert_eq!(g.field("resources"), Some("A course"));
    let extras: Vec<&Finding> = r.findings.iter().filter(|f| f.code == "S005").collect();
    assert_eq!(extras.len(), 1, "{:?}", r.findings);
    assert_eq!(extras[0].cell.as_deref(), Some("B1"));
    assert_eq!(codes_of(&r.findings, "S004"), 2);
}

/// The clean plan as an xlsx made by rust_xlsxwriter, every cell a string but for the
/// numbers given as (row, column, value).
fn xlsx_with_numbers(numbers: &[(u32, u16, f64)]) -> Reading {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("numbers.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let text = clean();
    let mut rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    for (r, rec) in rows.records().enumerate() {
        for (c, v) in rec.unwrap().iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, v).unwrap();
            }
        }
    }
    for (r, c, n) in numbers {
        ws.write_number(*r, *c, *n).unwrap();
    }
    wb.save(&path).unwrap();
    read_plan(&[path], &ReadOptions::default()).unwrap()
}

#[test]
fn numbers_in_a_workbook_are_date_serials_and_checkbox_values() {
    // Plain numbers (no date format) in the date cells (rows 7 and 8 of the clean plan):
    // the serial 46037 is 2026-01-15. In the checklist's done column (rows 31 to 35): 1 is
    // checked, 0 unchecked, any other number is kept as text.
    let r = xlsx_with_numbers(&[
        (6, 1, 46037.0),
        (7, 1, 46157.0),
        (30, 0, 1.0),
        (31, 0, 0.0),
        (32, 0, 2.0),
        (33, 0, 1.0),
        (34, 0, 0.5),
    ]);
    assert_eq!(r.plan.owner.created.as_deref(), Some("2026-01-15"));
    assert_eq!(r.plan.owner.last_reviewed.as_deref(), Some("2026-05-15"));
    assert!(
        !r.findings.iter().any(|f| f.code == "S008"),
        "{:?}",
        r.findings
    );
    let done: Vec<(bool, Option<&str>)> = r
        .plan
        .tracking
        .iter()
        .map(|t| (t.done, t.done_text.as_deref()))
        .collect();
    assert_eq!(
        done,
        [
            (true, None),
            (false, None),
            (false, Some("2")),
            (true, None),
            (false, Some("0.5"))
        ]
    );
}

#[test]
fn extra_columns_of_one_name_are_numbered() {
    let header = [
        "Skill/Behavior",
        "Resources",
        "Career goals",
        "Action steps",
        "Network",
        "Challenges",
        "Status",
        "Status",
        "Status",
        "Status",
    ];
    let csv = record(&header) + &record(&["s", "r", "c", "a", "n", "x", "1", "2", "3", "4"]);
    let r = read_text(&csv);
    let g = &r.plan.goals[0];
    let extras: Vec<(&str, Option<&str>)> = g
        .extra
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_deref()))
        .collect();
    assert_eq!(
        extras,
        [
            ("Status", Some("1")),
            ("Status (2)", Some("2")),
            ("Status (3)", Some("3")),
            ("Status (4)", Some("4"))
        ]
    );
}

/// A checklist row as read: done, item, notes, and what was written for "done".
type ChecklistRow<'a> = (bool, Option<&'a str>, Option<&'a str>, Option<&'a str>);

#[test]
fn a_checklist_without_its_header_row() {
    // Under its title, without the header row: the items still read from the title down,
    // even when a header-like row comes later in the sheet.
    let text = clean().replace("Done,Item,When / notes,,,\n", "")
        + "My own item,,,,,\nin progress,Another item,by May,,,\n";
    let later = text.clone() + ",,,,,\nDone,Item,When / notes,,,\nTRUE,Another list,,,,\n";
    for t in [&text, &later] {
        let r = read_text(t);
        let items: Vec<ChecklistRow> = r
            .plan
            .tracking
            .iter()
            .map(|i| {
                (
                    i.done,
                    i.item.as_deref(),
                    i.notes.as_deref(),
                    i.done_text.as_deref(),
                )
            })
            .collect();
        assert_eq!(items.len(), 7, "{items:?}");
        assert_eq!(
            items[0],
            (
                true,
                Some("Select a format to track your progress."),
                None,
                None
            )
        );
        // A cell alone is an item; a first cell that is no checkbox before more cells is
        // what was written for "done".
        assert_eq!(items[5], (false, Some("My own item"), None, None));
        assert_eq!(
            items[6],
            (
                false,
                Some("Another item"),
                Some("by May"),
                Some("in progress")
            )
        );
    }
    // Without title and header, the template's own items show where the list is, and the
    // cell right of an item is its note.
    let start = text.find("\"Section 4").unwrap();
    let bare = text[..start].to_string()
        + "TRUE,Select a format to track your progress.,a weekly note\n"
        + "FALSE,Review your IGP before completing the Engagement Survey.,in June\n";
    let r = read_text(&bare);
    let t: Vec<(bool, Option<&str>, Option<&str>)> = r
        .plan
        .tracking
        .iter()
        .map(|t| (t.done, t.item.as_deref(), t.notes.as_deref()))
        .collect();
    assert_eq!(
        t,
        [
            (
                true,
                Some("Select a format to track your progress."),
                Some("a weekly note")
            ),
            (
                false,
                Some("Review your IGP before completing the Engagement Survey."),
                Some("in June")
            ),
        ]
    );
}

#[test]
fn a_lone_checked_box_is_an_item_and_a_lone_unchecked_box_is_nothing() {
    let r = read_text(&(clean() + "FALSE,,,,,\nTRUE,,,,,\n"));
    let t = &r.plan.tracking;
    assert_eq!(t.len(), 6, "{t:?}");
    assert!(t[5].done && t[5].item.is_none() && t[5].done_text.is_none());
}

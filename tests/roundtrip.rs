//! Round trips: read, write (xlsx, csv, json), read again gives the same model. Over every
//! fixture, and over generated plans (proptest, 256 cases): unicode, newlines, text starting
//! with = + - @ ', empty cells, numbers, dates, booleans, checkbox words, header words and
//! labels as cell values, 0 to 20 goals.

use igp::model::{split_steps, Goal, Plan, TrackingItem};
use igp::read::{read_plan, ReadOptions};
use igp::write::{render, Format, WriteOptions};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

const READ_BACK: [Format; 3] = [Format::Xlsx, Format::Csv, Format::Json];

/// Writes `plan` in `format` into `dir` and reads it back.
fn write_and_read(plan: &Plan, format: Format, dir: &Path) -> Plan {
    let bytes = render(plan, &[], format, WriteOptions::default()).expect("renders");
    let path = dir.join(format!("plan.{}", format.extension()));
    std::fs::write(&path, bytes).expect("writes");
    read_plan(&[path], &ReadOptions::default())
        .expect("reads back")
        .plan
}

#[test]
fn every_fixture_survives_a_round_trip_in_every_readable_format() {
    let dir = tempfile::tempdir().unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/plans");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 12);
    for file in files {
        let first = read_plan(std::slice::from_ref(&file), &ReadOptions::default())
            .unwrap()
            .plan;
        for format in READ_BACK {
            let second = write_and_read(&first, format, dir.path());
            assert_eq!(
                second.content(),
                first.content(),
                "{} via {format:?}",
                file.display()
            );
            // Written again from the normalized plan, even the cells agree.
            let third = write_and_read(&second, format, dir.path());
            let (mut a, mut b) = (second.clone(), third);
            a.source = Default::default();
            b.source = Default::default();
            assert_eq!(a, b, "{} via {format:?} twice", file.display());
        }
    }
}

#[test]
fn the_template_reads_back_as_an_empty_plan() {
    let dir = tempfile::tempdir().unwrap();
    let blank = igp::template::blank();
    let bytes = render(
        &blank,
        &[],
        Format::Xlsx,
        WriteOptions {
            min_goal_rows: 3,
            ..WriteOptions::default()
        },
    )
    .unwrap();
    let path = dir.path().join("t.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let r = read_plan(&[path], &ReadOptions::default()).unwrap();
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    assert!(r.plan.goals.is_empty());
    assert!(r.plan.inspiration.iter().all(|a| a.answer.is_none()));
    assert_eq!(r.plan.inspiration.len(), 5);
    assert_eq!(r.plan.tracking.len(), 5);
    assert!(r.plan.tracking.iter().all(|t| !t.done));
    assert_eq!(r.plan.content(), blank);
}

#[test]
fn csv_output_guards_formulas_and_the_reader_removes_the_guard() {
    let mut plan = igp::template::example();
    plan.goals[0].set_field("skill", Some("=HYPERLINK(\"http://x\",\"y\")".into()));
    plan.goals[0].set_field("network", Some("@SUM(A1)".into()));
    plan.goals[1].set_field("challenges", Some("'=quoted already".into()));
    let csv = String::from_utf8(render(&plan, &[], Format::Csv, WriteOptions::default()).unwrap())
        .unwrap();
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        "{csv}"
    );
    assert!(csv.contains(",'@SUM(A1),"), "{csv}");
    assert!(!csv.contains(",=") && !csv.contains(",@"));
    let dir = tempfile::tempdir().unwrap();
    let back = write_and_read(&plan, Format::Csv, dir.path());
    assert_eq!(back.content(), plan.content());
    let unguarded = String::from_utf8(
        render(
            &plan,
            &[],
            Format::Csv,
            WriteOptions {
                csv_guard: false,
                ..WriteOptions::default()
            },
        )
        .unwrap(),
    )
    .unwrap();
    assert!(unguarded.contains(",@SUM(A1),"));
}

// ---- generated plans --------------------------------------------------------------------

/// Free cell text as a reader gives it back: trimmed, never empty, LF line breaks. It may
/// start with a formula character, hold unicode and several lines.
fn free_text() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "=", "+", "-", "@", "'", "'=", "#"]),
        "[a-zA-Z0-9äöüßéñ€😀中文 ,;:.!?\"'()/|\t-]{0,30}",
        prop::option::of("[a-z0-9 ,.\"]{0,20}"),
    )
        .prop_map(|(prefix, body, second_line)| {
            let mut t = format!("{prefix}{body}");
            if let Some(l) = second_line {
                t.push('\n');
                t.push_str(&l);
            }
            t.push('z');
            t.trim().to_string()
        })
}

/// Whole cell values that mean something to a reader or a spreadsheet: numbers, dates,
/// booleans, checkbox words (several of the languages the reader knows), the goals table's
/// header words, error values, and formula prefixes alone.
const MEANINGFUL: &[&str] = &[
    "0",
    "1",
    "42",
    "-7",
    "3.50",
    "007",
    "1e5",
    "1,5",
    "46037",
    "2026-01-15",
    "1/15/2026",
    "15.01.2026",
    "Jan 15, 2026",
    "TRUE",
    "FALSE",
    "true",
    "yes",
    "no",
    "x",
    "X",
    "✓",
    "✔",
    "☑",
    "☐",
    "done",
    "WAHR",
    "FALSCH",
    "VRAI",
    "FAUX",
    "fałsz",
    "Skill/Behavior",
    "Skill",
    "Action steps",
    "Steps",
    "Anticipated Challenges",
    "Network",
    "Resources",
    "#REF!",
    "#N/A",
    "=",
    "+",
    "-",
    "@",
    "'",
    "''",
    "=1+1",
    "+1",
    "-1",
    "@A1",
    "'x",
    "''x",
    "=HYPERLINK(\"http://x\",\"y\")",
];

/// The header block's labels, the sections' titles and the checklist's header words: the
/// reader looks for them in every row, and a goal row or checklist row holding them is
/// misread (see the ignored tests at the end), so they are drawn only as the answer beside a
/// label, where the reader does not look for them.
const LABELS: &[&str] = &[
    "Name",
    "Team",
    "Last reviewed",
    "How do you like to learn?",
    "Section 3: Set Specific Goals",
    "Select a format to track your progress.",
    "Done",
    "Item",
    "Status",
    "When / notes",
];

/// Cell text as a reader gives it back: free text, a meaningful value, or a meaningful
/// value behind a formula prefix.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => free_text(),
        3 => prop::sample::select(MEANINGFUL).prop_map(str::to_string),
        1 => (
            prop::sample::select(vec!["=", "+", "-", "@", "'"]),
            prop::sample::select(MEANINGFUL),
        )
            .prop_map(|(p, v)| format!("{p}{v}")),
    ]
}

/// Text for an answer beside a label: labels, titles and checklist headers too.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        9 => text(),
        1 => prop::sample::select(LABELS).prop_map(str::to_string),
    ]
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(0.7, text())
}

fn opt_any() -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(0.7, any_text())
}

fn date() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        (2000i32..2100, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| Some(format!("{y:04}-{m:02}-{d:02}"))),
        text().prop_map(|t| Some(format!("circa {t}"))),
    ]
}

const EXTRAS: [&str; 3] = ["Status", "Target date", "Owner notes"];

fn goal(extras: usize) -> impl Strategy<Value = Goal> {
    (
        opt_text(),
        prop::collection::vec(opt_text(), 5),
        prop::option::of(prop::collection::vec(text(), 1..4)),
        prop::sample::select(vec!["", "• ", "- ", "1. "]),
        prop::collection::vec(opt_text(), extras),
    )
        .prop_map(|(skill, rest, steps, bullet, extra)| {
            let fields = std::iter::once(skill).chain(rest);
            let mut g = Goal::default();
            let keys = [
                "skill",
                "resources",
                "career_support",
                "action_steps",
                "network",
                "challenges",
            ];
            for (k, v) in keys.iter().zip(fields) {
                if *k != "action_steps" {
                    g.set_field(k, v);
                }
            }
            if let Some(steps) = steps {
                let text = steps
                    .iter()
                    .map(|s| format!("{bullet}{}", s.replace('\n', " ")))
                    .collect::<Vec<_>>()
                    .join("\n");
                g.set_field("action_steps", Some(text.trim().to_string()));
                assert_eq!(
                    g.action_steps,
                    split_steps(g.action_steps_text.as_deref().unwrap())
                );
            }
            for (name, v) in EXTRAS.iter().zip(extra) {
                g.extra.insert(name.to_string(), v);
            }
            if g.skill.is_none() {
                g.skill = Some("Skill".to_string() + "z");
            }
            g
        })
        // A row whose cells name four of the six goal columns is the goals table's header
        // row, by the reader's rule: no goal.
        .prop_filter("a goal row of header words is a header row", |g| {
            let headers = [
                "Skill/Behavior",
                "Skill",
                "Action steps",
                "Steps",
                "Anticipated Challenges",
                "Network",
                "Resources",
            ];
            let cells = [
                "skill",
                "resources",
                "career_support",
                "action_steps",
                "network",
                "challenges",
            ]
            .iter()
            .filter_map(|k| g.field(k))
            .chain(g.extra.values().flatten().map(String::as_str));
            cells.filter(|c| headers.contains(c)).count() < 3
        })
}

fn plan() -> impl Strategy<Value = Plan> {
    (0usize..3)
        .prop_flat_map(|extras| {
            (
                prop::collection::vec(opt_any(), 4),
                date(),
                date(),
                prop::collection::vec(opt_any(), 5),
                prop::option::of(prop_oneof![
                    prop::sample::select(
                        igp::layout::DIRECTIONS
                            .iter()
                            .map(|(_, t)| t.to_string())
                            .collect::<Vec<_>>()
                    ),
                    text().prop_map(|t| format!("Other: {t}")),
                ]),
                opt_any(),
                prop::collection::vec(opt_any(), 3),
                prop::collection::vec(goal(extras), 0..=20),
                prop::collection::vec(
                    (
                        text(),
                        any::<bool>(),
                        opt_text(),
                        prop::option::weighted(0.2, text()),
                    ),
                    0..7,
                ),
            )
        })
        .prop_map(
            |(
                owner,
                created,
                reviewed,
                inspiration,
                direction,
                target,
                answers,
                goals,
                tracking,
            )| {
                let mut p = Plan::empty();
                p.owner.name = owner[0].clone();
                p.owner.role = owner[1].clone();
                p.owner.team = owner[2].clone();
                p.owner.manager = owner[3].clone();
                p.owner.created = created;
                p.owner.last_reviewed = reviewed;
                for (a, v) in p.inspiration.iter_mut().zip(inspiration) {
                    a.answer = v;
                }
                p.role.direction = direction
                    .as_deref()
                    .map(|d| igp::layout::direction_key(d).unwrap_or("other").to_string());
                p.role.direction_text = direction;
                p.role.target_role = target;
                for (a, v) in p.role.answers.iter_mut().zip(answers) {
                    a.answer = v;
                }
                p.goals = goals
                    .into_iter()
                    .enumerate()
                    .map(|(i, g)| Goal { index: i + 1, ..g })
                    .collect();
                p.tracking = tracking
                    .into_iter()
                    .map(|(item, done, notes, done_text)| TrackingItem {
                        item: Some(item),
                        done: done && done_text.is_none(),
                        notes,
                        done_text: done_text.map(|t| format!("in progress {t}")),
                        cell: None,
                    })
                    .collect();
                p
            },
        )
}

proptest! {
    // A fixed seed, so that CI runs the same 256 cases every time; another seed explores
    // others: PROPTEST_RNG_SEED=123 cargo test --test roundtrip.
    #![proptest_config(ProptestConfig {
        cases: 256,
        rng_seed: proptest::test_runner::RngSeed::Fixed(
            std::env::var("PROPTEST_RNG_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20_261_128),
        ),
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_plans_round_trip(plan in plan()) {
        let dir = tempfile::tempdir().unwrap();
        for format in READ_BACK {
            let back = write_and_read(&plan, format, dir.path());
            prop_assert_eq!(back.content(), plan.content(), "via {:?}", format);
        }
    }
}

// Two defects of the reader the wider generators found (src/read/locate.rs), both fixed: a
// goal whose first cell is a label or a section title ended the goals table there, and a
// goal row holding two checklist header words ("Item" and "Status") was taken for the
// checklist's header row.

#[test]
fn a_goal_named_like_a_label_is_read_back() {
    let dir = tempfile::tempdir().unwrap();
    for skill in &LABELS[..6] {
        let mut plan = igp::template::example();
        plan.goals[0].set_field("skill", Some(skill.to_string()));
        for format in READ_BACK {
            let back = write_and_read(&plan, format, dir.path());
            assert_eq!(back.content(), plan.content(), "{skill:?} via {format:?}");
        }
    }
}

#[test]
fn a_goal_row_holding_checklist_header_words_is_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = igp::template::example();
    plan.goals[0].set_field("career_support", Some("Item".into()));
    plan.goals[0].set_field("challenges", Some("Status".into()));
    for format in READ_BACK {
        let back = write_and_read(&plan, format, dir.path());
        assert_eq!(back.content(), plan.content(), "via {format:?}");
    }
}

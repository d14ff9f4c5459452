//! The layouts people make, read as igp-format.md settles them (issue 21): goals named like
//! labels, rows under the goals header that are not read (S009), checklist marks under every
//! header, the layouts of "Layouts people make that the reader settles this way" (each in a
//! fixture of `fixtures/layouts/` made by openpyxl, LibreOffice or python's csv), and files
//! with no plan (one S002, nothing else).

use igp::finding::Finding;
use igp::layout::{
    OwnerField, Section, DIRECTION_LABEL, INSPIRATION_QUESTIONS, ROLE_QUESTIONS, TARGET_ROLE_LABEL,
    TRACKING_HEADERS, TRACKING_ITEMS,
};
use igp::model::Plan;
use igp::read::{read_plan, ReadOptions, Reading};
use igp::rules::{check, Settings};
use std::path::{Path, PathBuf};

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(path)
}

fn read(path: &Path) -> Reading {
    read_plan(&[path.to_path_buf()], &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every finding of a file, the reader's and the rules', as igp check gives them.
fn all_findings(path: &Path) -> Vec<Finding> {
    let settings = Settings {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        ..Settings::default()
    };
    check(&read(path), &settings)
}

fn codes(findings: &[Finding]) -> Vec<&'static str> {
    let mut c: Vec<_> = findings.iter().map(|f| f.code).collect();
    c.sort_unstable();
    c
}

/// Zoë's plan as Google Sheets downloads it (three goals, a blank goal row, two items done).
fn zoe_csv() -> String {
    std::fs::read_to_string(fixture("plans/zoe-google-sheets.csv")).unwrap()
}

fn zoe() -> Plan {
    read(&fixture("plans/zoe-openpyxl.xlsx")).plan.content()
}

fn read_csv(dir: &Path, name: &str, text: &str) -> Reading {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    read(&path)
}

/// One CSV record, quoted as needed.
fn record(fields: &[&str]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(fields).unwrap();
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

// ---------------------------------------------------------------------------------------
// 1. No row dropped in silence.
// ---------------------------------------------------------------------------------------

/// Every label and section word of the layout: the header block's labels and the names
/// people give them, the sections' titles, the questions of Sections 1 and 2, the checklist's
/// header words and items.
fn label_words() -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    words.extend(OwnerField::ALL.iter().map(|f| f.label().to_string()));
    words.extend(
        [
            "Your name",
            "Full name",
            "Employee",
            "Owner",
            "Job title",
            "Position",
            "Department",
            "Division",
            "Group",
            "Reports to",
            "Created",
            "Plan date",
            "Reviewed",
            "Last updated",
            "Review date",
            "Direction",
            "Target role",
        ]
        .map(String::from),
    );
    words.extend(Section::ALL.iter().map(|s| s.title().to_string()));
    words.extend(
        [
            "Set Specific Goals",
            "Discover your Inspiration",
            "Track and Iterate",
        ]
        .map(String::from),
    );
    words.extend(INSPIRATION_QUESTIONS.iter().map(|q| q.to_string()));
    words.extend(ROLE_QUESTIONS.iter().map(|q| q.to_string()));
    words.push(DIRECTION_LABEL.to_string());
    words.push(TARGET_ROLE_LABEL.to_string());
    words.extend(TRACKING_HEADERS.iter().map(|h| h.to_string()));
    words.extend(TRACKING_ITEMS.iter().map(|i| i.to_string()));
    words
}

/// A CSV field, quoted as needed.
fn field(text: &str) -> String {
    record(&[text]).trim_end().to_string()
}

/// Zoë's CSV with its goal rows replaced by `rows` (six cells each).
fn with_goal_rows(rows: &[[&str; 6]]) -> String {
    let base = zoe_csv();
    let header = "Anticipated Challenges\r\n";
    let start = base.find(header).unwrap() + header.len();
    let end = base.find(",,,,,\r\n\"Section 4").unwrap();
    let mut text = base[..start].to_string();
    for row in rows {
        text.push_str(&record(row));
    }
    text.push_str(&base[end..]);
    text
}

#[test]
fn a_goal_named_like_any_label_or_section_word_stays_a_goal() {
    let dir = tempfile::tempdir().unwrap();
    let base = zoe_csv();
    let expected = read_csv(dir.path(), "zoe.csv", &base);
    let skills = ["Public speaking", "Giving feedback", "Kubernetes"];
    let mut tried = 0;
    for word in label_words() {
        // Goal 1, the middle goal and the last goal.
        for (i, skill) in skills.iter().enumerate() {
            let text = base.replacen(
                &format!("\r\n{skill},"),
                &format!("\r\n{},", field(&word)),
                1,
            );
            assert_ne!(text, base);
            let r = read_csv(dir.path(), "plan.csv", &text);
            let mut want = expected.plan.content();
            want.goals[i].skill = Some(word.clone());
            assert_eq!(r.plan.content(), want, "{word:?} as goal {}", i + 1);
            assert_eq!(
                codes(&r.findings),
                codes(&expected.findings),
                "{word:?} as goal {}",
                i + 1
            );
            tried += 1;
        }
    }
    assert!(tried > 100, "{tried}");
}

#[test]
fn a_goal_named_like_a_label_with_few_cells_stays_a_goal() {
    let dir = tempfile::tempdir().unwrap();
    let short = ["Manager", "", "", "Book the exam by May 2026", "", ""];
    let full = [
        "Kubernetes",
        "CKAD course",
        "Our services move to Kubernetes",
        "Complete the CKAD certification by Q3",
        "Share in #k8s",
        "Exam cost",
    ];
    // "Manager" with its steps alone, as the first goal (goals follow it), in the middle,
    // and as the last (a "Manager" of the header block is read above it).
    for (rows, at) in [
        (vec![short, full, full], 0),
        (vec![full, short, full], 1),
        (vec![full, full, short], 2),
    ] {
        let r = read_csv(dir.path(), "plan.csv", &with_goal_rows(&rows));
        let skills: Vec<Option<&str>> = r.plan.goals.iter().map(|g| g.skill.as_deref()).collect();
        assert_eq!(skills.len(), 3, "{skills:?}");
        assert_eq!(skills[at], Some("Manager"), "{skills:?}");
        assert_eq!(r.plan.goals[at].action_steps, ["Book the exam by May 2026"]);
        assert_eq!(r.plan.owner.manager.as_deref(), Some("Bo Chen"));
        assert!(r.findings.is_empty(), "{:?}", r.findings);
    }
}

#[test]
fn the_goals_named_like_labels_fixture_reads_every_goal() {
    // openpyxl, the template's layout: goals "Manager", "Team", "Plan created".
    let r = read(&fixture("layouts/goals-named-like-labels.xlsx"));
    let skills: Vec<_> = r.plan.goals.iter().map(|g| g.skill.as_deref()).collect();
    assert_eq!(
        skills,
        [Some("Manager"), Some("Team"), Some("Plan created")]
    );
    let mut want = zoe();
    for (g, s) in want
        .goals
        .iter_mut()
        .zip(["Manager", "Team", "Plan created"])
    {
        g.skill = Some(s.to_string());
    }
    assert_eq!(r.plan.content(), want);
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

#[test]
fn a_row_under_the_goals_header_with_text_outside_the_table_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let base = zoe_csv();
    // Zoë's blank goal row, with a note in column H (no header above it).
    let text = base.replacen(
        "\r\n,,,,,\r\nGiving feedback",
        "\r\n,,,,,,,Negotiation course (ask Bo)\r\nGiving feedback",
        1,
    );
    assert_ne!(text, base);
    let r = read_csv(dir.path(), "plan.csv", &text);
    assert_eq!(r.plan.goals.len(), 3);
    let s009: Vec<&Finding> = r.findings.iter().filter(|f| f.code == "S009").collect();
    assert_eq!(s009.len(), 1, "{:?}", r.findings);
    assert_eq!(s009[0].name, "rows-not-read");
    assert_eq!(s009[0].cell.as_deref(), Some("H27"));
    assert!(
        s009[0]
            .message
            .contains("H27 \"Negotiation course (ask Bo)\""),
        "{}",
        s009[0].message
    );
    // Without the note, no S009.
    let plain = read_csv(dir.path(), "zoe.csv", &base);
    assert!(plain.findings.iter().all(|f| f.code != "S009"));
}

#[test]
fn many_rows_not_read_give_a_bounded_number_of_findings() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "Skill/Behavior,Resources,Career goals,Action steps,Network,Challenges\r\nPublic speaking,a,b,Give a talk by May 2026,c,d\r\n",
    );
    for i in 0..500 {
        text.push_str(&format!(",,,,,,,note {i}\r\n"));
    }
    let r = read_csv(dir.path(), "goals.csv", &text);
    assert_eq!(r.plan.goals.len(), 1);
    let s009: Vec<&Finding> = r.findings.iter().filter(|f| f.code == "S009").collect();
    assert_eq!(s009.len(), 10);
    assert!(
        s009[9].message.contains("490 more rows"),
        "{}",
        s009[9].message
    );
}

#[test]
fn many_label_rows_under_the_goals_header_are_read_in_linear_time() {
    // 50,000 rows led by "Name" between goal rows under a goals header: each is decided a
    // goal without a pass over all the other labels (a quadratic reader would not finish).
    let dir = tempfile::tempdir().unwrap();
    let mut text =
        String::from("Skill/Behavior,Resources,Career goals,Action steps,Network,Challenges\r\n");
    for i in 0..50_000 {
        text.push_str(&format!("Name,,,Step {i},,\r\nSkill {i},,,Step {i},,\r\n"));
    }
    // 300,000 cells: over the default limit of cells, raised here (issue 26).
    let path = dir.path().join("names.csv");
    std::fs::write(&path, &text).unwrap();
    let mut options = ReadOptions::default();
    options.limits.max_cells = 1_000_000;
    let started = std::time::Instant::now();
    let r = read_plan(&[path], &options).unwrap();
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    // A goal row follows each: goals named "Name".
    assert_eq!(r.plan.goals.len(), 100_000);
    assert_eq!(r.plan.goals[0].skill.as_deref(), Some("Name"));
    assert_eq!(r.plan.owner.name, None);
}

#[test]
fn s009_is_explained_by_igp_rules() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_igp"))
        .args(["rules", "S009"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("rows-not-read"), "{text}");
    assert!(text.contains("goals header"), "{text}");
}

// ---------------------------------------------------------------------------------------
// 2. Every mark under every header.
// ---------------------------------------------------------------------------------------

#[test]
fn every_mark_reads_right_under_every_checklist_header() {
    let dir = tempfile::tempdir().unwrap();
    let base = zoe_csv();
    let headers: [Option<&str>; 5] = [
        Some("Done,Item,Notes,,,"),
        Some("\u{2610},To do,Comments,,,"),
        Some("Done,Suggestion,When / notes,,,"),
        None,
        Some("Erledigt,Aufgabe,Wann / Notizen,,,"),
    ];
    let checked = [
        "TRUE",
        "true",
        "1",
        "x",
        "X",
        "✓",
        "✔",
        "☑",
        "yes",
        "Yes",
        "done",
        "Done",
        "[x]",
        "[X]",
        "WAHR",
        "VRAI",
        "VERDADERO",
    ];
    let unchecked = ["FALSE", "0", "", "[ ]", "FALSCH", "FAUX", "FALSO", "no"];
    let items = &TRACKING_ITEMS;
    for header in headers {
        for (marks, done) in [(&checked[..], true), (&unchecked[..], false)] {
            for mark in marks {
                let mut text = base.replace(
                    "TRUE,Select a format",
                    &format!("{},Select a format", record(&[mark]).trim_end()),
                );
                text = text.replace("TRUE,Have at least", "FALSE,Have at least");
                text = match header {
                    Some(h) => text.replace("Done,Item,When / notes,,,", h),
                    None => text.replace("Done,Item,When / notes,,,\r\n", ""),
                };
                let r = read_csv(dir.path(), "plan.csv", &text);
                let what = format!("{mark:?} under {header:?}");
                let t = &r.plan.tracking;
                assert_eq!(t.len(), 5, "{what}: {t:?}");
                assert_eq!(t[0].item.as_deref(), Some(items[0]), "{what}");
                assert_eq!(t[0].done, done, "{what}");
                assert_eq!(t[0].done_text, None, "{what}");
                assert!(t[1..].iter().all(|i| !i.done), "{what}");
                assert_eq!(
                    t[0].notes.as_deref(),
                    Some("Weekly notes in this sheet"),
                    "{what}"
                );
                let findings = all_findings(&dir.path().join("plan.csv"));
                assert_eq!(
                    findings.iter().any(|f| f.code == "P006"),
                    !done,
                    "{what}: P006"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// 3. The layouts the spec settles, each in a fixture made by other software.
// ---------------------------------------------------------------------------------------

#[test]
fn section_titles_retyped_match_like_headers() {
    // openpyxl: "SECTION 1 – DISCOVER YOUR INSPIRATION", "2. Clarify your role",
    // "3. Set specific goals", "4. Track, reflect, and iterate"; the checklist has its own
    // items and no header row, so only its title shows where it is.
    let r = read(&fixture("layouts/titles-retyped.xlsx"));
    assert_eq!(r.sections, Section::ALL);
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    let mut want = zoe();
    for (i, t) in want.tracking.iter_mut().enumerate() {
        t.item = Some(format!("My item {}", i + 1));
    }
    assert_eq!(r.plan.content(), want);
}

#[test]
fn a_goal_over_rows_with_its_skill_merged_down_is_one_goal() {
    // openpyxl (xlsx) and LibreOffice (xls, ods, flat ods): Public speaking over rows 26 and
    // 27, A26:A27 merged; a last row with an empty, unmerged skill is a goal of its own. The
    // OpenDocument files' merges are read from their XML (calamine gives none).
    let xlsx = read(&fixture("layouts/goal-over-two-rows.xlsx"))
        .plan
        .content();
    for file in [
        "layouts/goal-over-two-rows.xlsx",
        "layouts/goal-over-two-rows-libreoffice.xls",
        "layouts/goal-over-two-rows-libreoffice.ods",
        "layouts/goal-over-two-rows-libreoffice.fods",
    ] {
        let r = read(&fixture(file));
        let g = &r.plan.goals;
        assert_eq!(g.len(), 4, "{file}: {g:?}");
        assert_eq!(g[0].skill.as_deref(), Some("Public speaking"), "{file}");
        assert_eq!(
            g[0].action_steps,
            [
                "Give 2 talks at the team demo by March 2026",
                "Join Toastmasters and attend weekly"
            ],
            "{file}"
        );
        assert_eq!(
            g[0].resources.as_deref(),
            Some("Toastmasters\ninternal speaker coaching"),
            "{file}"
        );
        assert_eq!(
            g[0].challenges.as_deref(),
            Some("Nerves\nfinding time"),
            "{file}"
        );
        assert_eq!(
            g[0].career_support.as_deref(),
            Some("Lets me present designs to the whole org"),
            "{file}"
        );
        assert_eq!(g[1].skill.as_deref(), Some("Giving feedback"), "{file}");
        assert_eq!(g[3].skill, None, "{file}");
        assert_eq!(
            g[3].action_steps,
            ["Read one book on negotiation by May 2026"],
            "{file}"
        );
        let findings = all_findings(&fixture(file));
        let g001: Vec<_> = findings.iter().filter(|f| f.code == "G001").collect();
        assert_eq!(g001.len(), 1, "{file}: {findings:?}");
        assert_eq!(g001[0].goal, Some(4), "{file}");
        assert_eq!(r.plan.content().goals, xlsx.goals, "{file}");
    }
}

#[test]
fn steps_numbered_inline_are_split_like_lines() {
    // python csv: "1) ... 2) ..." and "1. ...; 2. ..." on one line.
    let r = read(&fixture("layouts/steps-numbered-inline.csv"));
    let z = zoe();
    for (got, want) in r.plan.goals.iter().zip(&z.goals) {
        assert_eq!(got.action_steps, want.action_steps, "{:?}", got.skill);
    }
    assert_eq!(
        r.plan.goals[0].action_steps_text.as_deref(),
        Some(
            "1) Give 2 talks at the team demo by March 2026 2) Join Toastmasters and attend weekly"
        )
    );
}

#[test]
fn answers_below_their_questions_are_read() {
    // openpyxl: every answer of Sections 1 and 2 in the cell under its question.
    let r = read(&fixture("layouts/answers-below.xlsx"));
    let z = zoe();
    assert_eq!(r.plan.content().inspiration, z.inspiration);
    assert_eq!(r.plan.content().role, z.role);
    assert_eq!(r.plan.content(), z);
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

#[test]
fn the_guidance_row_under_the_goals_header_is_no_goal() {
    // openpyxl: the template's six column descriptions as a row under the header.
    let r = read(&fixture("layouts/guidance-row.xlsx"));
    assert_eq!(r.plan.content(), zoe());
    let findings = all_findings(&fixture("layouts/guidance-row.xlsx"));
    assert!(findings.iter().all(|f| f.code != "G006"), "{findings:?}");
}

#[test]
fn checklist_marks_in_german_french_and_spanish() {
    // python csv, as Excel and LibreOffice in those languages write booleans into CSV.
    for file in [
        "layouts/checklist-wahr-falsch.csv",
        "layouts/checklist-vrai-faux.csv",
        "layouts/checklist-verdadero-falso.csv",
    ] {
        let r = read(&fixture(file));
        let done: Vec<bool> = r.plan.tracking.iter().map(|t| t.done).collect();
        assert_eq!(done, [true, true, false, false, false], "{file}");
        assert!(
            r.plan.tracking.iter().all(|t| t.done_text.is_none()),
            "{file}"
        );
        assert_eq!(r.plan.content(), zoe(), "{file}");
    }
}

#[test]
fn ambiguous_dates_read_month_first_unless_the_file_shows_day_first() {
    let date = |file: &str| {
        let r = read(&fixture(file));
        (
            r.plan.owner.created.clone(),
            r.plan.owner.last_reviewed.clone(),
            r.plan.owner.date_texts.clone(),
        )
    };
    // python csv as Google Sheets writes it: 2/3/2026 and 4/5/2026, month first.
    let (created, reviewed, texts) = date("layouts/dates-month-first.csv");
    assert_eq!(created.as_deref(), Some("2026-02-03"));
    assert_eq!(reviewed.as_deref(), Some("2026-04-05"));
    assert_eq!(texts.get("created").map(String::as_str), Some("2/3/2026"));
    assert_eq!(
        texts.get("last_reviewed").map(String::as_str),
        Some("4/5/2026")
    );
    // Another date of the file, 13/1/2026, can only be day first: so is 4/5/2026.
    let (created, reviewed, texts) = date("layouts/dates-day-first.csv");
    assert_eq!(created.as_deref(), Some("2026-01-13"));
    assert_eq!(reviewed.as_deref(), Some("2026-05-04"));
    assert_eq!(texts.get("created"), None);
    // A semicolon-separated CSV (European Excel): day first.
    let (created, reviewed, _) = date("layouts/dates-semicolon.csv");
    assert_eq!(created.as_deref(), Some("2026-03-02"));
    assert_eq!(reviewed.as_deref(), Some("2026-05-04"));
    // The JSON keeps the cell's text beside the date.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_igp"))
        .args(["convert", "--to", "json", "-o", "-"])
        .arg(fixture("layouts/dates-semicolon.csv"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["owner"]["created"], "2026-03-02");
    assert_eq!(json["owner"]["date_texts"]["created"], "2/3/2026");
}

// ---------------------------------------------------------------------------------------
// 5. A file with no plan gets exactly one S002.
// ---------------------------------------------------------------------------------------

/// Files other software wrote that hold no plan, but a word or two of one: a duckdb query
/// answer and a vocabulary in the shape of w3c/csvw's, each with a "direction" column or
/// term, which once read as a Section 2 with S003 and P005 beside the S002; a task list
/// headed "Item | Notes | Owner", once a Section 4 with S003, P005 and P006.
const NOT_PLANS: [&str; 5] = [
    "not-plans/sales.xlsx",
    "not-plans/numbers.csv",
    "not-plans/query-answer.csv",
    "not-plans/vocabulary.csv",
    "not-plans/task-list.xlsx",
];

#[test]
fn a_file_with_no_plan_gets_one_s002_and_nothing_else() {
    for file in NOT_PLANS {
        let findings = all_findings(&fixture(file));
        assert_eq!(codes(&findings), ["S002"], "{file}: {findings:?}");
    }
    // And through the binary, as a batch of them.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_igp"))
        .args(["check", "--format", "json"])
        .args(NOT_PLANS.map(fixture))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for plan in json["plans"].as_array().unwrap() {
        let codes: Vec<&str> = plan["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["S002"], "{}", plan["path"]);
    }
}

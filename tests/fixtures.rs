//! Every fixture family read into the model, field by field. The files in fixtures/plans
//! hold the same plan (Zoë Álvarez's) in every format and layout, made by openpyxl,
//! LibreOffice and by hand (fixtures/make-fixtures.py), never by igp.

use igp::finding::Finding;
use igp::model::{Goal, Plan, TrackingItem};
use igp::read::{read_plan, ReadOptions, Reading};
use std::path::PathBuf;

fn read(paths: &[&str]) -> Reading {
    let paths: Vec<PathBuf> = paths
        .iter()
        .map(|p| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p))
        .collect();
    read_plan(&paths, &ReadOptions::default()).expect("fixture reads")
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

/// Zoë's plan as every fixture should give it (content only: no cells, no source).
fn zoe() -> Plan {
    let mut p = Plan::empty();
    p.owner.name = s("Zoë Álvarez");
    p.owner.role = s("Backend Engineer");
    p.owner.team = s("Payments");
    p.owner.manager = s("Bo Chen");
    p.owner.created = s("2026-01-15");
    p.owner.last_reviewed = s("2026-03-02");
    let answers = [
        "Debugging production issues with the team, and designing APIs.",
        "Mentoring new hires; \"pairing Fridays\" at the café.",
        "Long status meetings.\nContext switching during on-call.",
        "Pairing, then a short course; budget up to 500 €.",
        "Engineering manager, because I enjoy helping people grow.",
    ];
    for (a, t) in p.inspiration.iter_mut().zip(answers) {
        a.answer = s(t);
    }
    p.role.direction = s("aspiring_manager");
    p.role.direction_text = s("Aspiring manager (IC to manager)");
    p.role.target_role = s("Engineering Manager");
    p.role.answers[0].answer = s("Stay on Payments for now.");
    p.role.answers[1].answer = s("Yes, a small team.");
    p.goals = goals();
    let tracking = [
        (
            true,
            "Select a format to track your progress.",
            Some("Weekly notes in this sheet"),
        ),
        (
            true,
            "Have at least one quarterly career conversation with your manager during a 1:1.",
            Some("2026-02-10 1:1"),
        ),
        (
            false,
            "Review your IGP before completing the Engagement Survey.",
            None,
        ),
        (
            false,
            "Review your IGP before engaging in the 360 feedback program.",
            None,
        ),
        (
            false,
            "Include your lessons learned and growth opportunities in your Talent Assessments.",
            None,
        ),
    ];
    p.tracking = tracking
        .into_iter()
        .map(|(done, item, notes)| TrackingItem {
            item: s(item),
            done,
            notes: notes.map(str::to_string),
            done_text: None,
            cell: None,
        })
        .collect();
    p
}

fn goals() -> Vec<Goal> {
    let rows = [
        [
            "Public speaking",
            "Toastmasters; internal speaker coaching",
            "Lets me present designs to the whole org",
            "• Give 2 talks at the team demo by March 2026\n• Join Toastmasters and attend weekly",
            "Post the talk recordings in #engineering",
            "Nerves; finding time",
        ],
        [
            "Giving feedback",
            "Manager essentials course (self-paced)",
            "Feedback is the first skill a new manager needs",
            "1. Finish the feedback course by 2026-04-30\n2. Ask for feedback after every 1:1",
            "Share notes with my mentor",
            "+1 hour a week of study is hard to find",
        ],
        [
            "Kubernetes",
            "CKAD course, Growth and Development benefit",
            "Our services move to Kubernetes this year",
            "Complete the CKAD certification by Q3",
            "",
            "Exam cost, €300",
        ],
    ];
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let mut g = Goal {
                index: i + 1,
                ..Goal::default()
            };
            for (key, v) in [
                "skill",
                "resources",
                "career_support",
                "action_steps",
                "network",
                "challenges",
            ]
            .iter()
            .zip(r)
            {
                g.set_field(key, (!v.is_empty()).then(|| v.to_string()));
            }
            g
        })
        .collect()
}

fn codes(findings: &[Finding]) -> Vec<String> {
    findings.iter().map(|f| f.code.to_string()).collect()
}

#[test]
fn action_steps_are_split_and_the_text_kept() {
    let g = &goals()[0];
    assert_eq!(
        g.action_steps,
        vec![
            "Give 2 talks at the team demo by March 2026",
            "Join Toastmasters and attend weekly"
        ]
    );
    let g = &goals()[1];
    assert_eq!(
        g.action_steps,
        vec![
            "Finish the feedback course by 2026-04-30",
            "Ask for feedback after every 1:1"
        ]
    );
    assert_eq!(
        g.action_steps_text.as_deref(),
        Some("1. Finish the feedback course by 2026-04-30\n2. Ask for feedback after every 1:1")
    );
}

#[test]
fn the_same_plan_in_every_format_gives_the_same_model() {
    for (file, format) in [
        ("fixtures/plans/zoe-openpyxl.xlsx", "xlsx"),
        ("fixtures/plans/zoe-libreoffice.xlsx", "xlsx"),
        ("fixtures/plans/zoe-libreoffice.xls", "xls"),
        ("fixtures/plans/zoe-libreoffice.ods", "ods"),
        // Flat ODS as LibreOffice writes it: pretty-printed, with named ranges.
        ("fixtures/plans/zoe-libreoffice.fods", "fods"),
        ("fixtures/plans/zoe-gnumeric.gnumeric", "gnumeric"),
        ("fixtures/plans/zoe-libreoffice.slk", "slk"),
        ("fixtures/plans/zoe-google-sheets.csv", "csv"),
        ("fixtures/plans/zoe-excel-european.csv", "csv"),
        ("fixtures/plans/zoe-windows-1252.csv", "csv"),
        ("fixtures/plans/zoe-unicode-text.txt", "csv"),
        ("fixtures/plans/zoe-csv-named.xlsx", "csv"),
        ("fixtures/plans/zoe-tabs-per-section.xlsx", "xlsx"),
    ] {
        let r = read(&[file]);
        assert_eq!(r.plan.source.format, format, "{file}");
        let got = r.plan.content();
        let want = zoe();
        assert_eq!(got.owner, want.owner, "{file}: owner");
        assert_eq!(got.inspiration, want.inspiration, "{file}: inspiration");
        assert_eq!(got.role, want.role, "{file}: role");
        assert_eq!(got.goals, want.goals, "{file}: goals");
        assert_eq!(got.tracking, want.tracking, "{file}: tracking");
        assert_eq!(got, want, "{file}");
        assert!(r.findings.is_empty(), "{file}: {:?}", r.findings);
    }
}

#[test]
fn template_layout_keeps_cells_and_skips_blank_goal_rows() {
    for file in [
        "fixtures/plans/zoe-openpyxl.xlsx",
        "fixtures/plans/zoe-libreoffice.ods",
        "fixtures/plans/zoe-libreoffice.fods",
        "fixtures/plans/zoe-libreoffice.xls",
    ] {
        let r = read(&[file]);
        let p = &r.plan;
        assert_eq!(p.source.sheets, vec!["Individual Growth Plan"], "{file}");
        let cells: Vec<_> = p.goals.iter().map(|g| g.cell.clone().unwrap()).collect();
        // Row 27 is blank in the sheet: skipped, not counted.
        assert_eq!(
            cells,
            [
                "'Individual Growth Plan'!A26",
                "'Individual Growth Plan'!A28",
                "'Individual Growth Plan'!A29"
            ],
            "{file}"
        );
        assert_eq!(p.goals[1].cells["action_steps"], "D28");
        assert_eq!(
            p.inspiration[3].cell.as_deref(),
            Some("'Individual Growth Plan'!B14")
        );
        assert_eq!(
            p.role.direction_cell.as_deref(),
            Some("'Individual Growth Plan'!B18")
        );
        assert_eq!(
            p.tracking[0].cell.as_deref(),
            Some("'Individual Growth Plan'!A33")
        );
    }
}

#[test]
fn csv_cells_name_the_file_as_their_sheet() {
    let r = read(&["fixtures/plans/zoe-google-sheets.csv"]);
    assert_eq!(r.plan.source.sheets, vec!["zoe-google-sheets.csv"]);
    assert_eq!(
        r.plan.goals[0].cell.as_deref(),
        Some("'zoe-google-sheets.csv'!A26")
    );
}

#[test]
fn empty_lines_of_a_csv_are_rows_as_in_a_spreadsheet() {
    // The same CSV, with empty lines, read by igp and opened by LibreOffice (saved as xlsx):
    // the same plan at the same cells.
    let csv = read(&["fixtures/blank-lines/zoe-blank-lines.csv"]);
    let xlsx = read(&["fixtures/blank-lines/zoe-blank-lines-libreoffice.xlsx"]);
    assert_eq!(csv.plan.content(), zoe());
    // LibreOffice's import took the note "2026-02-10 1:1" for a date and time (01:01):
    // igp keeps the time it was given.
    let mut opened = zoe();
    opened.tracking[1].notes = s("2026-02-10 01:01");
    assert_eq!(xlsx.plan.content(), opened);
    let a1 = |r: &Option<String>| {
        r.as_deref()
            .and_then(|r| r.rsplit_once('!'))
            .map(|(_, c)| c.to_string())
    };
    let (c, x) = (&csv.plan, &xlsx.plan);
    for (cg, xg) in c.goals.iter().zip(&x.goals) {
        assert_eq!(a1(&cg.cell), a1(&xg.cell));
        assert_eq!(cg.cells, xg.cells);
    }
    for (ca, xa) in c.inspiration.iter().zip(&x.inspiration) {
        assert_eq!(a1(&ca.cell), a1(&xa.cell));
    }
    for (ct, xt) in c.tracking.iter().zip(&x.tracking) {
        assert_eq!(a1(&ct.cell), a1(&xt.cell));
    }
    let owner = |p: &Plan| -> Vec<Option<String>> {
        p.owner
            .cells
            .values()
            .map(|r| a1(&Some(r.clone())))
            .collect()
    };
    assert_eq!(owner(c), owner(x));
    // Three empty lines above the goals table: its first goal is on row 31, not 28.
    assert_eq!(a1(&c.goals[0].cell).as_deref(), Some("A31"));
}

#[test]
fn european_csv_reads_semicolons_dotted_dates_and_german_booleans() {
    let r = read(&["fixtures/plans/zoe-excel-european.csv"]);
    assert_eq!(r.plan.owner.created.as_deref(), Some("2026-01-15"));
    assert_eq!(r.plan.owner.last_reviewed.as_deref(), Some("2026-03-02"));
    assert!(r.plan.tracking[0].done && !r.plan.tracking[2].done);
    assert_eq!(
        r.plan.goals[2].challenges.as_deref(),
        Some("Exam cost, €300")
    );
}

#[test]
fn windows_1252_and_utf16_keep_accents() {
    for file in [
        "fixtures/plans/zoe-windows-1252.csv",
        "fixtures/plans/zoe-unicode-text.txt",
    ] {
        let r = read(&[file]);
        assert_eq!(r.plan.owner.name.as_deref(), Some("Zoë Álvarez"), "{file}");
        assert_eq!(
            r.plan.inspiration[3].answer.as_deref(),
            Some("Pairing, then a short course; budget up to 500 €."),
            "{file}"
        );
    }
}

#[test]
fn one_tab_per_section_in_any_order() {
    let r = read(&["fixtures/plans/zoe-tabs-per-section.xlsx"]);
    assert_eq!(
        r.plan.source.sheets,
        vec!["Goals", "About me", "Reflection", "Role", "Checklist"]
    );
    assert_eq!(r.plan.goals[0].cell.as_deref(), Some("'Goals'!B4"));
    assert_eq!(r.plan.owner.name.as_deref(), Some("Zoë Álvarez"));
    assert_eq!(r.plan.tracking[1].cell.as_deref(), Some("'Checklist'!B4"));
}

#[test]
fn moved_renamed_reordered_goals_table_with_extra_columns() {
    let r = read(&["fixtures/plans/zoe-moved-goals.xlsx"]);
    let p = &r.plan;
    let mut want = zoe();
    let status = ["In progress", "Not started", ""];
    let target = ["2026-03-31", "2026-04-30", "2026-09-30"];
    for (i, g) in want.goals.iter_mut().enumerate() {
        g.extra.insert(
            "Status".into(),
            (!status[i].is_empty()).then(|| status[i].to_string()),
        );
        g.extra.insert("Target date".into(), s(target[i]));
    }
    assert_eq!(p.content(), want);
    // The extras are kept in the sheet's order.
    assert_eq!(
        p.goals[0].extra.keys().collect::<Vec<_>>(),
        ["Status", "Target date"]
    );
    // Columns were found by their aliases, wherever they are.
    assert_eq!(p.goals[0].cells["action_steps"], "D5");
    assert_eq!(p.goals[0].cells["skill"], "E5");
    assert_eq!(p.goals[0].cells["challenges"], "J5");
    assert_eq!(p.goals[2].cell.as_deref(), Some("'My IGP'!D9"));
    // Answers written under their numbered questions.
    assert_eq!(p.inspiration[0].cell.as_deref(), Some("'My IGP'!D20"));
    assert_eq!(codes(&r.findings), ["S005", "S005"]);
    assert_eq!(r.findings[0].cell.as_deref(), Some("K4"));
    assert!(r.findings[0].message.contains("\"Status\""));
}

#[test]
fn goals_only_csv_has_goals_and_says_which_sections_are_missing() {
    let r = read(&["fixtures/plans/zoe-goals-only.csv"]);
    let mut want = Plan::empty();
    want.goals = goals();
    assert_eq!(r.plan.content(), want);
    assert_eq!(codes(&r.findings), ["S003", "S003", "S003"]);
    assert!(r.findings[0].message.starts_with("Section 1"));
    assert!(r.findings[2].message.starts_with("Section 4"));
}

#[test]
fn several_csv_tabs_make_one_plan() {
    let r = read(&[
        "fixtures/tabs/zoe-reflection.csv",
        "fixtures/tabs/zoe-goals.csv",
        "fixtures/tabs/zoe-tracking.csv",
    ]);
    assert_eq!(r.plan.content(), zoe());
    assert_eq!(r.plan.source.paths.len(), 3);
    assert_eq!(r.plan.goals[0].cell.as_deref(), Some("'zoe-goals.csv'!A3"));
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

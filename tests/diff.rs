//! `igp diff`: two versions of one plan, compared on the model.

mod common;

use common::{igp, root};
use predicates::prelude::*;

#[test]
fn a_plan_against_itself_in_every_format_is_the_same_plan() {
    let plans = std::fs::read_dir(root().join("fixtures/plans")).unwrap();
    for entry in plans {
        let path = entry.unwrap().path();
        // The goals-only export lacks Sections 1, 2 and 4, and the moved layout adds a
        // Status and a Target date to the goals: not the same plan.
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if ["zoe-goals-only.csv", "zoe-moved-goals.xlsx"].contains(&name.as_str()) {
            continue;
        }
        igp(&root())
            .args(["diff", "fixtures/plans/zoe-openpyxl.xlsx"])
            .arg(&path)
            .args(["--as-of", "2026-06-01"])
            .assert()
            .code(0)
            .stdout(predicate::str::ends_with(
                "the same plan: nothing changed\n",
            ));
    }
}

#[test]
fn a_quarter_later() {
    let out = igp(&root())
        .args([
            "diff",
            "fixtures/plans/zoe-openpyxl.xlsx",
            "fixtures/diff/zoe-q2-google-sheets.csv",
            "--as-of",
            "2026-06-01",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["schema_version"], 1);
    assert_eq!(d["reviewed"]["before"], "2026-03-02");
    assert_eq!(d["reviewed"]["after"], "2026-06-10");
    assert_eq!(d["reviewed"]["moved"], true);
    assert_eq!(
        d["inspiration"][0]["field"],
        "Which areas of work feel draining?"
    );
    assert_eq!(d["inspiration"][0]["after"], "Long status meetings.");
    assert_eq!(d["role"], serde_json::json!([]));
    let goals = d["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 4, "{goals:#?}");
    // In the newer plan's order. Renamed with the same content: one goal changed, not one
    // dropped and one added.
    assert_eq!(goals[0]["old_index"], 3);
    assert_eq!(goals[0]["new_index"], 1);
    assert_eq!(goals[0]["fields"][0]["before"], "Kubernetes");
    assert_eq!(goals[0]["fields"][0]["after"], "Kubernetes operations");
    // Moved from row 1 to row 2, a step ticked with a check mark.
    assert_eq!(goals[1]["change"], "changed");
    assert_eq!(goals[1]["old_index"], 1);
    assert_eq!(goals[1]["new_index"], 2);
    assert_eq!(goals[1]["fields"], serde_json::json!([]));
    assert_eq!(goals[1]["steps"][0]["change"], "done");
    // A date in a step moved: reworded, not removed and added.
    assert_eq!(goals[2]["steps"][0]["change"], "reworded");
    assert_eq!(
        goals[2]["steps"][0]["after"],
        "Finish the feedback course by 2026-05-31"
    );
    assert_eq!(goals[3]["change"], "added");
    assert_eq!(goals[3]["skill"], "Negotiation");
    assert_eq!(
        d["tracking"],
        serde_json::json!([{
            "item": "Review your IGP before completing the Engagement Survey.",
            "change": "ticked"
        }])
    );
    let new: Vec<&str> = d["findings"]["new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    // The step ticked with ✓ has met its date: its G008 is fixed. The reworded step is
    // still past (as of June) and the review is still stale: no change there, so the only
    // new finding is the fourth goal's P002.
    assert_eq!(new, ["P002"]);
    let fixed: Vec<(&str, u64)> = d["findings"]["fixed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["goal"].as_u64().unwrap_or(0)))
        .collect();
    assert_eq!(fixed, [("G008", 1)]);
    // Public speaking moved from goal 1 to goal 2.
    assert_eq!(d["findings"]["fixed"][0]["new_goal"], 2);
}

#[test]
fn markdown_is_an_agenda() {
    igp(&root())
        .args([
            "diff",
            "fixtures/plans/zoe-openpyxl.xlsx",
            "fixtures/diff/zoe-q2-google-sheets.csv",
            "--as-of",
            "2026-06-01",
            "--format",
            "md",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("# What changed in the plan\n"))
        .stdout(predicate::str::contains(
            "- [x] ticked: Review your IGP before completing the Engagement Survey.",
        ))
        .stdout(predicate::str::contains("- Added: goal 4 \"Negotiation\""));
}

#[test]
fn what_cannot_be_compared_exits_2() {
    igp(&root())
        .args([
            "diff",
            "fixtures/plans",
            "fixtures/diff/zoe-q2-google-sheets.csv",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give two of a kind"));
    igp(&root())
        .args([
            "diff",
            "fixtures/not-plans/sales.xlsx",
            "fixtures/diff/zoe-q2-google-sheets.csv",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no Individual Growth Plan found"));
    igp(&root())
        .args([
            "diff",
            "nope.xlsx",
            "fixtures/diff/zoe-q2-google-sheets.csv",
        ])
        .assert()
        .code(2)
        .stderr("error: nope.xlsx: cannot read the file: no such file or folder\n");
}

#[test]
fn the_diff_has_a_schema() {
    let out = igp(&root()).args(["schema", "diff"]).output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["title"], "PlanDiff");
    for field in ["owner", "reviewed", "goals", "tracking", "findings"] {
        assert!(schema["properties"][field].is_object(), "{field}");
    }
}

#[test]
fn two_folders_pair_plans_by_owner_then_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let (q1, q2) = (dir.path().join("q1"), dir.path().join("q2"));
    std::fs::create_dir_all(&q1).unwrap();
    std::fs::create_dir_all(&q2).unwrap();
    let copy = |from: &str, to: &std::path::Path| {
        std::fs::copy(root().join("fixtures").join(from), to).unwrap();
    };
    // Zoe's plan under another file name: paired by owner.
    copy("plans/zoe-openpyxl.xlsx", &q1.join("zoe.xlsx"));
    copy("diff/zoe-q2-google-sheets.csv", &q2.join("alvarez-q2.csv"));
    copy("team/alex-chen.xlsx", &q1.join("alex-chen.xlsx"));
    copy("team/alex-chen.xlsx", &q2.join("alex-chen.xlsx"));
    copy("team/bea-okafor.ods", &q1.join("bea-okafor.ods"));
    copy("team/dana-kim.xlsx", &q2.join("dana-kim.xlsx"));
    let out = igp(dir.path())
        .args([
            "diff",
            "q1",
            "q2",
            "--as-of",
            "2026-06-01",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let plans = r["plans"].as_array().unwrap();
    let by_owner = |name: &str| plans.iter().find(|p| p["owner"] == name).unwrap();
    assert_eq!(plans.len(), 4, "{plans:#?}");
    let zoe = by_owner("Zoë Álvarez");
    assert_eq!(zoe["new"], "q2/alvarez-q2.csv");
    assert_eq!(zoe["progress"]["goals_added"], 1);
    assert_eq!(zoe["progress"]["steps_done"], 1);
    assert_eq!(zoe["progress"]["items_ticked"], 1);
    assert_eq!(zoe["progress"]["reviewed"], true);
    assert_eq!(by_owner("Alex Chen")["note"], "no change");
    assert_eq!(by_owner("Bea Okafor")["note"], "only in the older folder");
    assert_eq!(by_owner("Dana Kim")["note"], "only in the newer folder");
    // The same folder against itself: no change, exit 0.
    igp(dir.path())
        .args(["diff", "q1", "q1", "--as-of", "2026-06-01"])
        .assert()
        .code(0);
}

#[test]
fn on_a_terminal_only_the_words_that_changed_are_coloured() {
    let out = igp(&root())
        .args([
            "diff",
            "fixtures/plans/zoe-openpyxl.xlsx",
            "fixtures/diff/zoe-q2-google-sheets.csv",
            "--as-of",
            "2026-06-01",
            "--color",
            "always",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // The date that moved is bold red before and bold green after; the words around it are
    // not coloured.
    assert!(
        text.contains(
            "step reworded: \"Finish the feedback course by \x1b[1m\x1b[31m2026-04-30\x1b[0m\" → \
             \"Finish the feedback course by \x1b[1m\x1b[32m2026-05-31\x1b[0m\""
        ),
        "{text}"
    );
    // Words added at the end: one span, the space before them inside it.
    assert!(
        text.contains("\"Kubernetes\" → \"Kubernetes\x1b[1m\x1b[32m operations\x1b[0m\""),
        "{text}"
    );
}

/// A plan whose words hold an escape sequence, Markdown and a line break, a quarter later.
fn hostile_pair(dir: &std::path::Path) {
    let q1 = std::fs::read_to_string(root().join("fixtures/plans/zoe-google-sheets.csv")).unwrap();
    let q2 = q1
        .replace(
            "Public speaking",
            "Public \x1b[2Jspeaking | [click](javascript:alert(1))",
        )
        .replace(
            "Long status meetings.",
            "Long <b>status</b> meetings \x1b]8;;http://x\x07here",
        );
    std::fs::write(dir.join("q1.csv"), q1).unwrap();
    std::fs::write(dir.join("q2.csv"), q2).unwrap();
}

#[test]
fn plan_text_cannot_drive_the_terminal_or_add_markup() {
    let dir = tempfile::tempdir().unwrap();
    hostile_pair(dir.path());
    for color in ["always", "never"] {
        let out = igp(dir.path())
            .args([
                "diff",
                "q1.csv",
                "q2.csv",
                "--as-of",
                "2026-06-01",
                "--color",
                color,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Public \u{fffd}[2Jspeaking"), "{text}");
        assert!(
            !text.contains("\x1b[2J") && !text.contains("\x1b]8"),
            "{text}"
        );
        assert!(!text.contains('\x07'), "{text}");
    }
    let out = igp(dir.path())
        .args([
            "diff",
            "q1.csv",
            "q2.csv",
            "--as-of",
            "2026-06-01",
            "--format",
            "md",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(!md.contains("<b>") && !md.contains("[click]("), "{md}");
    assert!(!md.contains('\x1b') && !md.contains('\x07'), "{md}");
    assert!(md.contains("\\|"), "{md}");
}

/// `igp diff OLD NEW --format json --as-of AS_OF`, its exit status and report.
fn diff_json(old: &str, new: &str, as_of: &str) -> (i32, serde_json::Value) {
    let out = igp(&root())
        .args(["diff", old, new, "--as-of", as_of, "--format", "json"])
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    });
    (out.status.code().unwrap(), report)
}

#[test]
fn a_csv_resaved_by_libreoffice_as_xlsx_is_the_same_plan() {
    // LibreOffice typed the dates and TRUE/FALSE of the Google Sheets CSV: no change.
    let (code, d) = diff_json(
        "fixtures/diff/zoe-q2-google-sheets.csv",
        "fixtures/diff/zoe-q2-libreoffice.xlsx",
        "2026-06-01",
    );
    assert_eq!(code, 0, "{d:#}");
    // And against the first quarter it says what the CSV says.
    let (_, from_csv) = diff_json(
        "fixtures/plans/zoe-openpyxl.xlsx",
        "fixtures/diff/zoe-q2-google-sheets.csv",
        "2026-06-01",
    );
    let (_, from_xlsx) = diff_json(
        "fixtures/plans/zoe-openpyxl.xlsx",
        "fixtures/diff/zoe-q2-libreoffice.xlsx",
        "2026-06-01",
    );
    for part in [
        "owner",
        "reviewed",
        "inspiration",
        "role",
        "goals",
        "tracking",
        "findings",
    ] {
        assert_eq!(from_csv[part], from_xlsx[part], "{part}");
    }
}

#[test]
fn the_third_quarter_exported_by_libreoffice_as_csv() {
    let (code, d) = diff_json(
        "fixtures/diff/zoe-q2-google-sheets.csv",
        "fixtures/diff/zoe-q3-libreoffice.csv",
        "2026-09-20",
    );
    assert_eq!(code, 1);
    assert_eq!(
        d["reviewed"],
        serde_json::json!({"before": "2026-06-10", "after": "2026-09-14", "moved": true})
    );
    assert_eq!(d["inspiration"], serde_json::json!([]));
    assert_eq!(
        d["role"],
        serde_json::json!([
            {"field": "Role I'm growing toward", "before": "Engineering Manager", "after": "Engineering Team Lead"},
            {"field": "Would you like to manage a team or department?", "before": "Yes, a small team.", "after": "Yes, a team of 4 to 6."},
        ])
    );
    let goals = d["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 4, "{goals:#?}");
    // Negotiation moved from the bottom to the top: a step marked "(done)", one added.
    assert_eq!(
        goals[0],
        serde_json::json!({
            "change": "changed", "old_index": 4, "new_index": 1, "skill": "Negotiation",
            "fields": [],
            "steps": [
                {"change": "done", "step": "Read the book by August 2026 (done)"},
                {"change": "added", "step": "Practise in two vendor calls by November 2026"},
            ]
        })
    );
    assert_eq!(goals[1]["old_index"], 1);
    assert_eq!(goals[1]["new_index"], 2);
    assert_eq!(goals[1]["fields"], serde_json::json!([]));
    assert_eq!(
        goals[1]["steps"],
        serde_json::json!([{"change": "done", "step": "Complete the CKAD certification by Q3 (done)"}])
    );
    // Same row, one step reworded: the numbering "2." is not part of the step.
    assert_eq!(goals[2]["old_index"], 3);
    assert_eq!(goals[2]["new_index"], 3);
    assert_eq!(
        goals[2]["steps"],
        serde_json::json!([{
            "change": "reworded",
            "before": "Ask for feedback after every 1:1",
            "after": "Ask for feedback after every other 1:1"
        }])
    );
    assert_eq!(
        goals[3],
        serde_json::json!({"change": "removed", "index": 2, "skill": "Public speaking"})
    );
    assert_eq!(
        d["tracking"],
        serde_json::json!([{
            "item": "Review your IGP before engaging in the 360 feedback program.",
            "change": "ticked"
        }])
    );
    let codes = |list: &serde_json::Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    // The book read by August (past by September) is done; four goals are three; the review
    // is fresh again.
    assert_eq!(codes(&d["findings"]["fixed"]), ["G008", "P002", "P007"]);
    // The book's goal was goal 4 and is goal 1 now.
    assert_eq!(d["findings"]["fixed"][0]["goal"], 4);
    assert_eq!(d["findings"]["fixed"][0]["new_goal"], 1);
    assert_eq!(codes(&d["findings"]["new"]), Vec::<String>::new());
}

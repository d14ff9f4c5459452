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
    assert!(new.contains(&"P002"), "{new:?}");
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
        .stderr(predicate::str::contains("give two files, not folders"));
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

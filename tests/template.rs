//! `igp template`: the blank template and the worked example, as a user gets them.

mod common;

use common::{igp, root};
use predicates::prelude::*;
use std::io::Read;
use std::path::Path;

fn part(xlsx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn check_json(dir: &Path, file: &str) -> serde_json::Value {
    common::check_json(dir, &[file, "--as-of", "2026-11-27"])
}

/// The codes of the first plan's findings.
fn codes(v: &serde_json::Value) -> Vec<String> {
    common::codes(&v["plans"][0])
}

#[test]
fn the_blank_template_is_a_form() {
    let dir = tempfile::tempdir().unwrap();
    igp(dir.path())
        .arg("template")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "wrote individual-growth-plan.xlsx",
        ));
    let path = dir.path().join("individual-growth-plan.xlsx");
    let sheet = part(&path, "xl/worksheets/sheet1.xml");
    // A dropdown of the four growth directions on B18.
    assert!(sheet.contains("<dataValidation type=\"list\""), "{sheet}");
    assert!(sheet.contains("sqref=\"B18\""));
    assert!(sheet.contains("Aspiring manager (IC to manager)"));
    // Answers merged across B:F; frozen title row; landscape, one page wide.
    assert!(sheet.contains("<mergeCell ref=\"B11:F11\"/>"));
    assert!(sheet.contains("state=\"frozen\""));
    assert!(sheet.contains("orientation=\"landscape\""));
    assert!(sheet.contains("fitToHeight=\"0\""));
    // Nothing blocks adding or deleting rows: no protection, no formula.
    assert!(!sheet.contains("<sheetProtection"));
    assert!(!sheet.contains("<f>") && !sheet.contains("<f "));
    // The guide's description of each goal column as a note on its header.
    let notes = part(&path, "xl/comments1.xml");
    for col in igp::layout::GOAL_COLUMNS {
        assert!(notes.contains(col.description), "{}", col.key);
    }
    let workbook = part(&path, "xl/workbook.xml");
    assert!(
        workbook.contains("name=\"Individual Growth Plan\"") && workbook.contains("name=\"Guide\"")
    );
    // Refuses to overwrite without --force.
    igp(dir.path())
        .arg("template")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    igp(dir.path())
        .args(["template", "--force", "--goals", "5"])
        .assert()
        .success();
}

#[test]
fn the_template_reads_back_empty_with_no_structural_finding() {
    let dir = tempfile::tempdir().unwrap();
    igp(dir.path())
        .args(["template", "-o", "t.xlsx", "--goals", "4"])
        .assert()
        .success();
    let v = check_json(dir.path(), "t.xlsx");
    let found = codes(&v);
    assert!(found.iter().all(|c| !c.starts_with('S')), "{found:?}");
    assert_eq!(v["plans"][0]["goals"], 0);
    // What an empty plan lacks: goals, answers, a name, a direction, a ticked item.
    let mut kinds = found.clone();
    kinds.dedup();
    assert_eq!(kinds, ["P001", "P003", "P004", "P005", "P006"]);
    assert_eq!(found.iter().filter(|c| *c == "P003").count(), 5);
    let out = igp(dir.path())
        .args(["convert", "t.xlsx", "-o", "-"])
        .output()
        .unwrap();
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["tracking"].as_array().unwrap().len(), 5);
    assert!(plan["tracking"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["done"] == false));
}

#[test]
fn the_example_passes_check_with_no_error_and_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    igp(dir.path())
        .args(["template", "--example", "-o", "example.xlsx"])
        .assert()
        .success();
    let v = check_json(dir.path(), "example.xlsx");
    assert_eq!(v["summary"]["findings"]["error"], 0, "{v}");
    assert_eq!(v["summary"]["findings"]["warning"], 0, "{v}");
    assert_eq!(v["plans"][0]["owner"], "Alex Example");
    assert_eq!(v["plans"][0]["goals"], 2);
}

#[test]
fn goal_rows_added_or_deleted_by_other_software_still_read() {
    let root = root();
    for (file, goals) in [
        ("fixtures/template/added-rows.xlsx", 5),
        ("fixtures/template/added-rows-libreoffice.ods", 5),
        ("fixtures/template/deleted-rows.xlsx", 1),
    ] {
        let v = check_json(&root, file);
        assert_eq!(v["plans"][0]["goals"], goals, "{file}");
        assert_eq!(v["plans"][0]["owner"], "Zoë Álvarez", "{file}");
        let found = codes(&v);
        assert!(
            found.iter().all(|c| !c.starts_with('S')),
            "{file}: {found:?}"
        );
    }
}

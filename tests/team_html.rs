//! `igp check --format html`: the team page as one self-contained file, made by the same
//! code as `igp serve`'s team page.

mod common;

use common::{fixture, igp};

#[test]
fn the_team_page_is_one_self_contained_file_worst_first() {
    let dir = tempfile::tempdir().unwrap();
    igp(dir.path())
        .arg("check")
        .arg(fixture("team"))
        .args(["--as-of", "2026-06-01", "-o", "team.html"])
        .assert()
        .code(1);
    let page = std::fs::read_to_string(dir.path().join("team.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..100]);
    assert!(page.contains("<table class=\"team\""));
    assert!(page.contains("<table class=\"chart\""));
    // Self-contained: no script, no file or address from elsewhere.
    assert!(!page.contains("<script"));
    assert!(!page.contains("<link"));
    assert!(!page.contains("src="));
    assert!(!page.contains("http://") && !page.contains("https://"));
    // Worst first: the statuses of the table's rows never get worse.
    let table = page.split("</table>").next().unwrap();
    let rank = |s: &str| match s {
        "error" => 3,
        "warning" => 2,
        "info" => 1,
        _ => 0,
    };
    let statuses: Vec<u8> = table
        .split("<span class=\"status status-")
        .skip(1)
        .map(|s| rank(s.split('"').next().unwrap()))
        .collect();
    assert_eq!(statuses.len(), 6, "{statuses:?}");
    assert!(statuses.windows(2).all(|w| w[0] >= w[1]), "{statuses:?}");
    // Each row links to its plan's findings in the same file.
    assert!(page.contains("href=\"#plan-1\"") && page.contains("id=\"plan-1\""));
    assert!(page.contains("Eli Novak"));
    // --format html to standard output gives the same page.
    let out = igp(dir.path())
        .arg("check")
        .arg(fixture("team"))
        .args(["--as-of", "2026-06-01", "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), page);
}

#[test]
fn the_team_page_escapes_what_plans_and_file_names_hold() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("plans/zoe-google-sheets.csv")).unwrap();
    let hostile = text
        .replace("Zoë Álvarez", "<script>alert(1)</script>")
        .replace("Public speaking", "\"\"><img src=x onerror=alert(1)>");
    std::fs::write(dir.path().join("<i>odd\".csv"), hostile).unwrap();
    igp(dir.path())
        .args(["check", ".", "--format", "html", "-o", "team.html"])
        .assert()
        .code(predicates::prelude::predicate::in_iter([0, 1]));
    let page = std::fs::read_to_string(dir.path().join("team.html")).unwrap();
    assert!(!page.contains("<script") && !page.contains("<img") && !page.contains("<i>"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&lt;i&gt;odd&quot;.csv"), "{page}");
}

//! Snapshots of every report format over the team fixtures (insta). Review changes with
//! `cargo insta review`, or `INSTA_UPDATE=always cargo test` and `git diff`.

use igp::read::ReadOptions;
use igp::report::{check_file, render, Batch, ReportFormat};
use igp::rules::Settings;
use std::path::Path;

fn batch() -> Batch {
    let settings = Settings {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        ..Settings::default()
    };
    let mut files: Vec<_> = std::fs::read_dir("fixtures/team")
        .unwrap()
        .map(|e| Path::new("fixtures/team").join(e.unwrap().file_name()))
        .collect();
    files.sort();
    Batch {
        plans: files
            .iter()
            .map(|f| check_file(f, &ReadOptions::default(), &settings, false))
            .collect(),
        elapsed: std::time::Duration::from_millis(125),
    }
}

#[test]
fn human() {
    insta::assert_snapshot!(render(&batch(), ReportFormat::Human, false));
}

#[test]
fn human_in_colour() {
    let text = render(&batch(), ReportFormat::Human, true);
    assert!(text.contains("\x1b[1;31merror[S006]\x1b[0m"));
    assert!(text.contains("\x1b[1;33mwarning[G006]\x1b[0m"));
    assert!(text.contains("\x1b[1;36minfo[G008]\x1b[0m"));
}

#[test]
fn json() {
    insta::assert_snapshot!(render(&batch(), ReportFormat::Json, false));
}

#[test]
fn csv() {
    insta::assert_snapshot!(render(&batch(), ReportFormat::Csv, false));
}

#[test]
fn markdown() {
    insta::assert_snapshot!(render(&batch(), ReportFormat::Markdown, false));
}

#[test]
fn junit() {
    insta::assert_snapshot!(render(&batch(), ReportFormat::Junit, false));
}

#[test]
fn sarif() {
    let text = render(&batch(), ReportFormat::Sarif, false);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(
        v["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        igp::rules::RULES.len()
    );
    insta::assert_snapshot!(text.replace(env!("CARGO_PKG_VERSION"), "[version]"));
}

//! What the tests that run the real binary share.
#![allow(dead_code)] // each test file uses its own part

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under fixtures/.
pub fn fixture(p: &str) -> PathBuf {
    root().join("fixtures").join(p)
}

/// The igp binary, run in `dir`, without colour, stopped after a minute.
pub fn igp(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("igp").unwrap();
    c.current_dir(dir)
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(60));
    c
}

/// `igp check ARGS --format json` run in `dir`, as JSON.
pub fn check_json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = igp(dir)
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The codes of a plan's findings in a JSON report.
pub fn codes(plan: &serde_json::Value) -> Vec<String> {
    plan["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

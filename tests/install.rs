//! What an installed igp carries besides its commands: the man page the wheel installs is
//! the one `igp man` prints, and `igp --version` names the commit igp was built from.

mod common;

use common::{igp, root};
use std::path::PathBuf;
use std::process::Command;

/// The man page the wheel installs (pyproject.toml's `data`), under the environment's prefix.
fn installed_page() -> PathBuf {
    root().join("packaging/wheel/data/share/man/man1/igp.1")
}

#[test]
#[cfg_attr(
    not(feature = "serve"),
    ignore = "the page the wheel installs is the default build's, with igp serve"
)]
fn the_wheels_man_page_is_igp_man() {
    let out = igp(&root()).arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    if std::env::var_os("IGP_UPDATE_MAN").is_some() {
        std::fs::write(installed_page(), &page).unwrap();
    }
    let kept = std::fs::read_to_string(installed_page()).unwrap();
    assert!(
        kept == page,
        "{} is not what `igp man` prints: run IGP_UPDATE_MAN=1 cargo test --test install",
        installed_page().display()
    );
}

#[test]
fn the_man_page_has_every_command_and_option() {
    let out = igp(&root()).arg("man").output().unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH igp 1"), "{page}");
    assert!(page.contains(&format!("igp {}", env!("CARGO_PKG_VERSION"))));
    for command in [
        "CHECK",
        "CONVERT",
        "TEMPLATE",
        "DIFF",
        "CALENDAR",
        "RULES",
        "SCHEMA",
        "COMPLETIONS",
        "MAN",
    ] {
        assert!(
            page.contains(&format!(".SH \"IGP {command}\"")),
            "{command}"
        );
    }
    for option in [
        "\\-\\-as\\-of",
        "\\-\\-annotate",
        "\\-\\-force",
        "\\-\\-summary",
    ] {
        assert!(page.contains(option), "{option}");
    }
    // The page names the version alone: it changes when the command line does, not with
    // every commit.
    if let Some(commit) = env!("IGP_VERSION").split(['(', ' ']).nth(2) {
        assert!(!page.contains(commit), "the page names the commit {commit}");
    }
}

/// The page renders as man(1) renders it, when groff is installed (CI has it).
#[test]
fn the_man_page_renders() {
    let Ok(groff) = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(installed_page())
        .output()
    else {
        eprintln!("groff is missing: the man page was not rendered");
        return;
    };
    let warnings = String::from_utf8_lossy(&groff.stderr);
    assert!(groff.status.success() && warnings.is_empty(), "{warnings}");
}

#[test]
fn version_names_the_commit() {
    let out = igp(&root()).arg("--version").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // The binary and this test are built by the same build script run.
    let version = env!("IGP_VERSION");
    assert_eq!(text, format!("igp {version}\n"));
    assert!(version.starts_with(env!("CARGO_PKG_VERSION")), "{version}");
    // In a git clone, the commit named is one of this branch's: the one checked out when
    // igp was built (HEAD, or behind it if commits were made since), with its date.
    let in_clone = Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .current_dir(root())
        .output()
        .is_ok_and(|o| o.status.success() && root().join(".git").exists());
    if !in_clone {
        return;
    }
    let inside = version
        .split_once(" (")
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("{version:?} names no commit"));
    let (hash, date) = inside.split_once(' ').expect("a hash and a date");
    assert!(
        hash.len() >= 7 && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "{version:?}"
    );
    assert_eq!(date.len(), "2026-12-06".len(), "{version:?}");
    let ancestor = Command::new("git")
        .args(["merge-base", "--is-ancestor", hash, "HEAD"])
        .current_dir(root())
        .status()
        .unwrap();
    assert!(ancestor.success(), "{hash} is not HEAD or behind it");
    let committed = Command::new("git")
        .args(["log", "-1", "--format=%cs", hash])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&committed.stdout).trim(), date);
}

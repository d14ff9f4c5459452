//! The version and commit igp is built from, for `igp --version`: `IGP_VERSION` is the
//! crate's version followed by the short hash and date of the commit ("0.2.0 (fe3229c
//! 2026-12-06)") when there is one to name, or the version alone. A packager building from
//! a tarball can name the commit with `IGP_COMMIT` in the environment.
//!
//! In a git clone, git says which commit is checked out. In a crate package (`cargo install
//! igp`, `cargo publish`) there is no .git of its own: cargo writes the commit it was
//! packaged from into `.cargo_vcs_info.json`, and its first seven digits are used. A package
//! unpacked inside some other repository is not taken for that repository's commit.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=IGP_COMMIT");
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let commit = std::env::var("IGP_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(|| from_git(&dir))
        .or_else(|| from_vcs_info(&dir));
    let version = std::env::var("CARGO_PKG_VERSION").expect("set by cargo");
    match commit {
        Some(commit) => println!("cargo:rustc-env=IGP_VERSION={version} ({commit})"),
        None => println!("cargo:rustc-env=IGP_VERSION={version}"),
    }
}

/// `git` in `dir`, its standard output trimmed, or nothing if git is missing or fails.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// The checked-out commit, if `dir` is the top of a git work tree (not a folder inside one).
fn from_git(dir: &Path) -> Option<String> {
    let top = PathBuf::from(git(dir, &["rev-parse", "--show-toplevel"])?);
    if top.canonicalize().ok()? != dir.canonicalize().ok()? {
        return None;
    }
    // Built again when HEAD moves: HEAD itself (a checkout) and the branch it names (a
    // commit), wherever this work tree keeps them (a linked work tree keeps them apart).
    let mut watched = vec![git(dir, &["rev-parse", "--git-path", "HEAD"])?];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(git(dir, &["rev-parse", "--git-path", &branch])?);
    }
    watched.push(git(dir, &["rev-parse", "--git-path", "packed-refs"])?);
    for path in watched {
        let path = dir.join(path);
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    git(dir, &["log", "-1", "--format=%h %cs"])
}

/// The commit cargo recorded when it packaged the crate (`.cargo_vcs_info.json`).
fn from_vcs_info(dir: &Path) -> Option<String> {
    let path = dir.join(".cargo_vcs_info.json");
    // Watched only if it is there: a missing file would run this script on every build.
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    let text = std::fs::read_to_string(path).ok()?;
    // {"git": {"sha1": "<40 hex digits>", ...}, "path_in_vcs": ""}: no JSON parser in a
    // build script for one field.
    let start = text.find("\"sha1\"")? + "\"sha1\"".len();
    let rest = text[start..].trim_start().strip_prefix(':')?.trim_start();
    let hash: String = rest
        .strip_prefix('"')?
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect();
    (hash.len() >= 7).then(|| hash[..7].to_string())
}

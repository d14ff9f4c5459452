//! Turning PATH arguments into the list of input files: files as given, folders walked
//! (only spreadsheet and CSV files; hidden files and `~$` lock files skipped), `-` for
//! standard input. The order is the order given, folders sorted by name.

use anyhow::{bail, Context};
use std::path::{Path, PathBuf};

/// The extensions of files taken from a folder.
pub const EXTENSIONS: [&str; 8] = ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv", "txt"];

/// Expands the arguments into input files.
pub fn expand(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == igp::read::STDIN {
            out.push(path.clone());
            continue;
        }
        let meta =
            std::fs::metadata(path).with_context(|| format!("{}: cannot read", path.display()))?;
        if meta.is_dir() {
            let before = out.len();
            let walker = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_hidden(e.path()));
            for entry in walker {
                let entry =
                    entry.with_context(|| format!("{}: cannot walk the folder", path.display()))?;
                if entry.file_type().is_file() && is_plan_file(entry.path()) {
                    out.push(entry.into_path());
                }
            }
            if out.len() == before {
                bail!(
                    "{}: the folder holds no spreadsheet or CSV file",
                    path.display()
                );
            }
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Whether a file found in a folder is one to read: a spreadsheet or CSV extension, not
/// hidden, not an office lock file (`~$plan.xlsx`, `.~lock.plan.ods#`).
pub fn is_plan_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name.starts_with('.') || name.starts_with("~$") {
        return false;
    }
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Whether two paths name the same file (the second may not exist yet).
pub fn same_file(a: &Path, b: &Path) -> bool {
    if a.as_os_str() == igp::read::STDIN || b.as_os_str() == igp::read::STDIN {
        return false;
    }
    identity(a) == identity(b)
}

/// A path that names a file whatever way it is written: canonical when the file exists,
/// else absolute.
pub fn identity(p: &Path) -> PathBuf {
    p.canonicalize()
        .unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_and_hidden_files_are_skipped() {
        assert!(is_plan_file(Path::new("plans/alice.xlsx")));
        assert!(is_plan_file(Path::new("plans/BOB.CSV")));
        assert!(!is_plan_file(Path::new("plans/~$alice.xlsx")));
        assert!(!is_plan_file(Path::new("plans/.~lock.bob.ods#")));
        assert!(!is_plan_file(Path::new("plans/notes.pdf")));
    }
}

//! Turning PATH arguments into the list of input files: files as given, folders walked
//! (by the library's one rule, [`igp::read::walk`]: spreadsheet, CSV and plan files;
//! notes, hidden files and office lock files skipped), `-` for standard input. The order is
//! the order given, folders sorted by name.

use std::path::{Path, PathBuf};

/// The files to read, and the files of walked folders that were left out, with why.
#[derive(Debug, Default)]
pub struct Inputs {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<(PathBuf, String)>,
    /// How many of the skipped files are office lock files (`~$Plan.xlsx`).
    pub locks: usize,
}

impl Inputs {
    /// The closing words about skipped files ("skipped 2 files that are not plans"), if any.
    pub fn skipped_line(&self) -> Option<String> {
        igp::report::skipped_words(self.skipped.len(), self.locks)
    }

    /// Lists the skipped files on stderr, with why (for `-v`).
    pub fn list_skipped(&self) {
        for (path, why) in &self.skipped {
            eprintln!("skipped {}: {why}", path.display());
        }
    }
}

/// Expands the arguments into input files. A file argument is taken as given, even when
/// it does not exist (reading it then says so); a folder is walked (links followed), and
/// every file in it is either taken or listed as skipped with the reason. A folder with
/// nothing to read is no error while other arguments give files.
///
/// # Errors
///
/// When no argument gives a file to read.
pub fn expand(paths: &[PathBuf]) -> anyhow::Result<Inputs> {
    let mut out = Inputs::default();
    let mut empty_folders = Vec::new();
    for path in paths {
        if path.as_os_str() == igp::read::STDIN || !path.is_dir() {
            out.files.push(path.clone());
            continue;
        }
        let before = out.files.len();
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.path()) || !e.file_type().is_dir());
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    match igp::read::walk::skip_path(entry.path()) {
                        None => out.files.push(entry.into_path()),
                        Some(why) => {
                            out.locks += usize::from(why.is_lock_file());
                            out.skipped.push((entry.into_path(), why.to_string()));
                        }
                    }
                }
                Ok(_) => {}
                // A folder that cannot be read, a link that loops or leads nowhere: named,
                // and the walk goes on.
                Err(e) => {
                    let at = e.path().unwrap_or(path).to_path_buf();
                    let why = match (e.loop_ancestor(), e.io_error()) {
                        (Some(_), _) => "a link that loops back to a folder above it".to_string(),
                        (None, Some(io)) => {
                            format!("cannot be read: {}", igp::error::io_reason(io))
                        }
                        (None, None) => "cannot be read".to_string(),
                    };
                    out.skipped.push((at, why));
                }
            }
        }
        if out.files.len() == before {
            empty_folders.push(path.display().to_string());
        }
    }
    if out.files.is_empty() {
        out.list_skipped();
        anyhow::bail!(
            "{}: no spreadsheet or CSV file to read{}",
            empty_folders.join(", "),
            match out.skipped.len() {
                0 => String::new(),
                n => format!(" ({n} other files, listed above)"),
            }
        );
    }
    Ok(out)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
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

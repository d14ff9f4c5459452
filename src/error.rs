//! The library's error type: what keeps igp from doing its work on a file.
//! (What is wrong *in* a plan is a [`crate::finding::Finding`], never an error.)

use std::path::PathBuf;

/// Why a file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read from disk.
    #[error("{path}: cannot read the file: {}", io_reason(error))]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The bytes are not a spreadsheet or delimited text igp can read.
    #[error("{path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    /// The file is larger than a limit allows.
    #[error("{path}: {what} is {actual}, over the limit of {limit}; {hint}")]
    TooLarge {
        path: PathBuf,
        what: &'static str,
        actual: String,
        limit: String,
        hint: &'static str,
    },
    /// A JSON plan that does not match the model.
    #[error(
        "{path}: not an igp plan in JSON: {reason} (igp reads the JSON that `igp convert --to json` writes)"
    )]
    BadJson { path: PathBuf, reason: String },
    /// Several inputs given as the parts of one plan are two plans (each has a section the
    /// other has, or they name two owners).
    #[error("{} and {} are two plans, not the parts of one: {reason}", first.display(), second.display())]
    NotOnePlan {
        first: PathBuf,
        second: PathBuf,
        reason: String,
    },
    /// An output could not be written.
    #[error("{path}: cannot write: {reason}")]
    Write { path: PathBuf, reason: String },
    /// A plan's output exists, and only `--force` replaces it.
    #[error("{path}: already exists; use --force to overwrite it")]
    Exists { path: PathBuf },
}

/// What an I/O error says to a person, in one clause: "no such file", "permission
/// denied", without the OS error number or any path that the error carries (such as a
/// temporary file's).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file or folder".to_string(),
        K::PermissionDenied => "permission denied".to_string(),
        K::AlreadyExists => "it already exists".to_string(),
        K::IsADirectory => "it is a folder".to_string(),
        K::NotADirectory => "a part of the path is a file, not a folder".to_string(),
        K::ReadOnlyFilesystem => "the disk is read-only".to_string(),
        K::StorageFull => "the disk is full".to_string(),
        _ => match e.raw_os_error() {
            // The OS's own words, without the path a wrapped error adds.
            Some(code) => {
                let text = std::io::Error::from_raw_os_error(code).to_string();
                match text.find(" (os error") {
                    Some(i) => text[..i].to_string(),
                    None => text,
                }
            }
            None => e.kind().to_string(),
        },
    }
}

/// The message a panic was raised with, when it has one (`panic!("...")` gives a `&str` or
/// a `String`).
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> Option<&str> {
    (panic.downcast_ref::<&str>().copied())
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
}

impl Error {
    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            Error::Io { path, .. }
            | Error::Unreadable { path, .. }
            | Error::TooLarge { path, .. }
            | Error::BadJson { path, .. }
            | Error::Write { path, .. }
            | Error::Exists { path } => path,
            Error::NotOnePlan { first, .. } => first,
        }
    }

    /// What is wrong, without the file's name (every message is `PATH: reason`), for a
    /// report that already names the file.
    pub fn reason(&self) -> String {
        let text = self.to_string();
        let prefix = format!("{}: ", self.path().display());
        text.strip_prefix(&prefix)
            .map_or(text.clone(), str::to_string)
    }

    pub(crate) fn unreadable(path: &std::path::Path, reason: impl Into<String>) -> Error {
        Error::Unreadable {
            path: path.to_path_buf(),
            reason: reason.into(),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_is_the_message_without_the_path() {
        let e = Error::unreadable(std::path::Path::new("plans/a: b.xlsx"), "the file is empty");
        assert_eq!(e.to_string(), "plans/a: b.xlsx: the file is empty");
        assert_eq!(e.reason(), "the file is empty");
    }

    #[test]
    fn an_io_error_says_its_cause_once_without_paths() {
        let e = Error::Io {
            path: "plans/nope.xlsx".into(),
            error: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "No such file or directory (os error 2) at path \"/tmp/.igp-x.tmp\"",
            ),
        };
        assert_eq!(
            e.to_string(),
            "plans/nope.xlsx: cannot read the file: no such file or folder"
        );
        assert!(std::error::Error::source(&e).is_none());
        let os = std::io::Error::from_raw_os_error(28);
        assert_eq!(io_reason(&os), "the disk is full");
    }
}

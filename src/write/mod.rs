//! Writing a plan: one module per output format, all laid out from the same tables.
//! Files are written to a temporary file beside the target and renamed into place.

pub mod canonical;
pub mod csv;
pub mod html;
pub mod markdown;
pub mod xlsx;

use crate::error::{Error, Result};
use crate::finding::Finding;
use crate::model::Plan;
use std::io::Write;
use std::path::Path;

/// An output format of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Xlsx,
    Csv,
    Json,
    Markdown,
    Html,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Xlsx,
        Format::Csv,
        Format::Json,
        Format::Markdown,
        Format::Html,
    ];

    /// The format a file name's extension names.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::from_name(&ext)
    }

    /// The format by name (`xlsx`, `csv`, `json`, `md`/`markdown`, `html`/`htm`).
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// The extension of files of this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    /// Whether the format is text (and so can go to standard output).
    pub fn is_text(self) -> bool {
        self != Format::Xlsx
    }
}

/// Options that shape the output.
#[derive(Debug, Clone, Copy)]
pub struct WriteOptions {
    /// Guard CSV text that a spreadsheet would run as a formula (default on).
    pub csv_guard: bool,
    /// Goal rows to write at least (blank rows to fill), for xlsx.
    pub min_goal_rows: usize,
    /// xlsx: each finding as a note on its cell, the cell highlighted, and a Findings sheet.
    pub annotate: bool,
}

impl Default for WriteOptions {
    fn default() -> WriteOptions {
        WriteOptions {
            csv_guard: true,
            min_goal_rows: 0,
            annotate: false,
        }
    }
}

/// Renders a plan (and the findings about it, for md and html) in `format`.
///
/// # Errors
///
/// When a value cannot be written in the format (such as a cell over Excel's limit).
pub fn render(
    plan: &Plan,
    findings: &[Finding],
    format: Format,
    options: WriteOptions,
) -> std::result::Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match format {
        Format::Xlsx => {
            let annotations = if options.annotate { findings } else { &[] };
            return xlsx::write(
                plan,
                xlsx::XlsxOptions {
                    min_goal_rows: options.min_goal_rows,
                    annotate: options.annotate,
                },
                annotations,
            )
            .map_err(|e| e.to_string());
        }
        Format::Csv => csv::write(plan, &mut out, options.csv_guard).map_err(|e| e.to_string())?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, plan).map_err(|e| e.to_string())?;
            out.push(b'\n');
        }
        Format::Markdown => out = markdown::render(plan, findings).into_bytes(),
        Format::Html => out = html::render(plan, findings).into_bytes(),
    }
    Ok(out)
}

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed into
/// place: a failure leaves no half-written file and the previous file intact.
///
/// # Errors
///
/// When the folder cannot be written or the rename fails.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|e| file.error(e))?;
    file.commit()
}

/// Writes `bytes` to `path` as [`write_atomic`] does, but never over a file that exists
/// (a plan that someone filled in): the rename into place refuses to replace one, so no
/// file that appears meanwhile is lost either. Only a regular file is refused; a device
/// (`/dev/null`) is written as [`write_atomic`] writes it.
///
/// # Errors
///
/// [`Error::Exists`] when `path` is a file; as [`write_atomic`] otherwise.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Err(Error::Exists {
            path: path.to_path_buf(),
        });
    }
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|e| file.error(e))?;
    file.commit_new()
}

/// Makes ready to write `path` later: its folder made if missing, and a temporary file
/// created there and removed at once. A folder that cannot be written then fails before
/// the work, and no temporary file waits through the work (to be left behind by Ctrl-C).
///
/// # Errors
///
/// As [`AtomicFile::create`].
pub fn prepare(path: &Path) -> Result<()> {
    AtomicFile::create(path).map(drop)
}

/// A file written through a temporary file beside it and renamed into place on
/// [`AtomicFile::commit`]; dropped without a commit, it leaves nothing behind. A target that
/// exists and is not a regular file (`/dev/null`, a FIFO, a terminal) is written directly:
/// renaming over it would replace the device.
pub struct AtomicFile {
    path: std::path::PathBuf,
    sink: Sink,
}

enum Sink {
    Temp(tempfile::NamedTempFile),
    Direct(std::fs::File),
}

impl AtomicFile {
    /// Creates the temporary file beside `path`, and `path`'s folder if it is missing.
    /// The file gets the permissions a new file gets from the umask (0644 under umask
    /// 022), or those of the file it replaces.
    ///
    /// # Errors
    ///
    /// When the folder cannot be created or written, or `path` is a folder.
    pub fn create(path: &Path) -> Result<AtomicFile> {
        let fail = |reason: String| Error::Write {
            path: path.to_path_buf(),
            reason,
        };
        let existing = std::fs::metadata(path).ok();
        if existing.as_ref().is_some_and(std::fs::Metadata::is_dir) {
            return Err(fail("it is a folder; give a file name".to_string()));
        }
        let special = existing.as_ref().is_some_and(|m| !m.is_file());
        let sink = if special {
            Sink::Direct(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| fail(crate::error::io_reason(&e)))?,
            )
        } else {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            if dir.exists() && !dir.is_dir() {
                return Err(fail(format!("{} is a file, not a folder", dir.display())));
            }
            if !dir.is_dir() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    fail(format!(
                        "cannot create the folder {}: {}",
                        dir.display(),
                        crate::error::io_reason(&e)
                    ))
                })?;
            }
            let mut builder = tempfile::Builder::new();
            builder.prefix(".igp-").suffix(".tmp");
            // The mode a new file is opened with; the umask then takes its bits away, as
            // for any other tool's output (tempfile's own default is 0600).
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                builder.permissions(std::fs::Permissions::from_mode(0o666));
            }
            let tmp = builder
                .tempfile_in(dir)
                .map_err(|e| fail(crate::error::io_reason(&e)))?;
            // Overwriting keeps the file's permissions (a read-only 0444 report stays so).
            if let Some(meta) = &existing {
                std::fs::set_permissions(tmp.path(), meta.permissions())
                    .map_err(|e| fail(crate::error::io_reason(&e)))?;
            }
            Sink::Temp(tmp)
        };
        Ok(AtomicFile {
            path: path.to_path_buf(),
            sink,
        })
    }

    /// The error of a failed write, naming the target.
    pub fn error(&self, e: std::io::Error) -> Error {
        Error::Write {
            path: self.path.clone(),
            reason: crate::error::io_reason(&e),
        }
    }

    /// Flushes the file and renames it into place.
    ///
    /// # Errors
    ///
    /// When the data cannot be flushed or the rename fails.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        let fail = |reason: String| Error::Write {
            path: path.clone(),
            reason,
        };
        match self.sink {
            Sink::Temp(tmp) => {
                let reason = |e: &std::io::Error| crate::error::io_reason(e);
                tmp.as_file().sync_all().map_err(|e| fail(reason(&e)))?;
                tmp.persist(&path).map_err(|e| fail(reason(&e.error)))?;
            }
            Sink::Direct(mut file) => file
                .flush()
                .map_err(|e| fail(crate::error::io_reason(&e)))?,
        }
        Ok(())
    }

    /// As [`AtomicFile::commit`], but refuses to replace a file that exists.
    ///
    /// # Errors
    ///
    /// [`Error::Exists`] when a file is at the path; as [`AtomicFile::commit`] otherwise.
    pub fn commit_new(self) -> Result<()> {
        let path = self.path;
        match self.sink {
            Sink::Temp(tmp) => {
                let fail = |e: &std::io::Error| Error::Write {
                    path: path.clone(),
                    reason: crate::error::io_reason(e),
                };
                tmp.as_file().sync_all().map_err(|e| fail(&e))?;
                tmp.persist_noclobber(&path).map_err(|e| {
                    if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                        Error::Exists { path: path.clone() }
                    } else {
                        fail(&e.error)
                    }
                })?;
                Ok(())
            }
            Sink::Direct(_) => AtomicFile {
                path,
                sink: self.sink,
            }
            .commit(),
        }
    }

    fn writer(&mut self) -> &mut dyn Write {
        match &mut self.sink {
            Sink::Temp(t) => t,
            Sink::Direct(f) => f,
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.writer().flush()
    }
}

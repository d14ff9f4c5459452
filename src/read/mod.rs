//! Reading plans: bytes → type (by content) → grids of cells → the section locator → a
//! [`Plan`] and the findings about its structure.
//!
//! One module per source kind: [`workbook`] (calamine) and [`delimited`] (csv); then
//! [`locate`] finds the sections, whatever the layout.

pub mod biff;
pub mod bounds;
pub mod cfb;
pub mod delimited;
pub mod gnumeric;
pub mod grid;
pub mod locate;
pub mod ods;
pub mod sniff;
pub mod spreadsheetml;
pub mod sylk;
pub mod walk;
pub mod workbook;

use crate::error::{Error, Result};
use crate::finding::Finding;
use crate::layout::Section;
use crate::model::{Plan, SCHEMA_VERSION};
use grid::Grid;
use sniff::Kind;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Bounds on what one input may cost, checked before the work that would exceed them
/// (see [`bounds`]). Each default is far beyond a real plan (an IGP unpacks to well under
/// 1 MB, holds a few hundred cells and its longest cell is a few thousand characters) and
/// keeps the dearest file within it to about 256 MiB and a few seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest input file, in bytes.
    pub max_file_bytes: u64,
    /// The most used cells in one input.
    pub max_cells: usize,
    /// The most bytes a workbook's zip may unpack to.
    pub max_unpacked_bytes: u64,
    /// The most characters in one cell.
    pub max_cell_chars: usize,
    /// The most strings in a workbook's shared-string table (xlsx, xlsb, xls).
    pub max_shared_strings: usize,
    /// The most bytes of a workbook's shared-string table, as stored unpacked.
    pub max_shared_bytes: u64,
    /// The most sheets in one workbook.
    pub max_sheets: usize,
    /// The deepest nesting of elements in a workbook's XML.
    pub max_xml_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 20 * 1024 * 1024,
            max_cells: 200_000,
            max_unpacked_bytes: 32 * 1024 * 1024,
            max_cell_chars: 100_000,
            max_shared_strings: 100_000,
            max_shared_bytes: 16 * 1024 * 1024,
            max_sheets: 250,
            max_xml_depth: 100,
        }
    }
}

/// Limits as a person sets them, in megabytes and counts, each only where it is given: a
/// flag of the command line or a key under `[limits]` in igp.toml.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LimitChanges {
    pub max_file_size: Option<u64>,
    pub max_unpacked_size: Option<u64>,
    pub max_cell_length: Option<usize>,
    pub max_shared_strings: Option<usize>,
    pub max_shared_strings_size: Option<u64>,
    pub max_cells: Option<usize>,
    pub max_sheets: Option<usize>,
    pub max_xml_depth: Option<usize>,
}

impl LimitChanges {
    /// `limits` with each limit given here in its place.
    pub fn apply(&self, mut limits: Limits) -> Limits {
        const MB: u64 = 1024 * 1024;
        for (value, field) in [
            (self.max_file_size, &mut limits.max_file_bytes),
            (self.max_unpacked_size, &mut limits.max_unpacked_bytes),
            (self.max_shared_strings_size, &mut limits.max_shared_bytes),
        ] {
            if let Some(n) = value {
                *field = n.saturating_mul(MB);
            }
        }
        for (value, field) in [
            (self.max_cell_length, &mut limits.max_cell_chars),
            (self.max_shared_strings, &mut limits.max_shared_strings),
            (self.max_cells, &mut limits.max_cells),
            (self.max_sheets, &mut limits.max_sheets),
            (self.max_xml_depth, &mut limits.max_xml_depth),
        ] {
            if let Some(n) = value {
                *field = n;
            }
        }
        limits
    }
}

/// How to read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub limits: Limits,
    /// Extra goal column headers, as (field key, header).
    pub aliases: Vec<(String, String)>,
}

/// A plan as read, with what the reader found about its structure (S002 to S008).
#[derive(Debug, Clone)]
pub struct Reading {
    pub plan: Plan,
    pub findings: Vec<Finding>,
    /// The sections found in the input (all four for a JSON plan).
    pub sections: Vec<Section>,
}

/// The name that stands for standard input.
pub const STDIN: &str = "-";

/// Reads one plan from one or more inputs (several inputs are the tabs of one plan, such
/// as one CSV per tab). `-` reads standard input.
///
/// # Errors
///
/// When an input cannot be read, is not a spreadsheet, CSV or igp JSON plan, or exceeds
/// a limit. Problems *in* a readable plan are findings, not errors.
pub fn read_plan(paths: &[PathBuf], options: &ReadOptions) -> Result<Reading> {
    if let [path] = paths {
        let bytes = read_bytes(path, &options.limits)?;
        return read_plan_bytes(path, &bytes, options);
    }
    let mut inputs = Vec::with_capacity(paths.len());
    for path in paths {
        inputs.push((path.clone(), read_bytes(path, &options.limits)?));
    }
    read_plan_parts(&inputs, options)
}

/// Reads one plan from the bytes of several inputs, the tabs of one plan (such as one CSV
/// per tab, uploaded together); each path names its input in the model and in errors. One
/// input is read as [`read_plan_bytes`] reads it.
///
/// # Errors
///
/// As [`read_plan`]: also when the inputs are two plans (a section in both, or two owners).
pub fn read_plan_parts(inputs: &[(PathBuf, Vec<u8>)], options: &ReadOptions) -> Result<Reading> {
    if let [(path, bytes)] = inputs {
        return read_plan_bytes(path, bytes, options);
    }
    let paths: Vec<&PathBuf> = inputs.iter().map(|(p, _)| p).collect();
    let mut grids = Vec::new();
    let mut format = None;
    // What each input holds on its own: a section found in two inputs, or two owners,
    // means two plans, which are never merged.
    let mut parts: Vec<(&PathBuf, Vec<Section>, Option<String>)> = Vec::new();
    for (path, bytes) in inputs {
        if bytes.len() as u64 > options.limits.max_file_bytes {
            return Err(too_large(
                path,
                bytes.len() as u64,
                options.limits.max_file_bytes,
            ));
        }
        let kind = kind_of(path, bytes)?;
        format.get_or_insert(kind);
        if kind == Kind::Json {
            return Err(Error::unreadable(
                path,
                "a JSON plan is a whole plan and cannot be combined with other inputs",
            ));
        }
        let these = read_grids(path, bytes, kind, &options.limits)?;
        let alone = locate::locate(&these, &options.aliases);
        let owner = alone.plan.owner.name.clone();
        for (other, sections, other_owner) in &parts {
            let shared: Vec<&str> = alone
                .sections
                .iter()
                .filter(|s| sections.contains(s))
                .map(|s| s.name())
                .collect();
            let reason = if let Some(first) = shared.first() {
                Some(format!("both hold {first}"))
            } else {
                match (&owner, other_owner) {
                    (Some(a), Some(b)) if !same_name(a, b) => {
                        Some(format!("one is {b}'s and the other {a}'s"))
                    }
                    _ => None,
                }
            };
            if let Some(reason) = reason {
                return Err(Error::NotOnePlan {
                    first: (*other).clone(),
                    second: path.clone(),
                    reason,
                });
            }
        }
        parts.push((path, alone.sections, owner));
        grids.extend(these);
    }
    let located = locate::locate(&grids, &options.aliases);
    let mut plan = located.plan;
    plan.source.paths = paths.iter().map(|p| p.display().to_string()).collect();
    plan.source.format = format.map_or("csv", Kind::name).to_string();
    Ok(Reading {
        plan,
        findings: located.findings,
        sections: located.sections,
    })
}

/// Reads one plan from the bytes of one input; `path` names it in the model and in errors.
///
/// # Errors
///
/// As [`read_plan`].
pub fn read_plan_bytes(path: &Path, bytes: &[u8], options: &ReadOptions) -> Result<Reading> {
    let kind = kind_of(path, bytes)?;
    if kind == Kind::Json {
        return read_json(path, bytes);
    }
    let grids = read_grids(path, bytes, kind, &options.limits)?;
    let located = locate::locate(&grids, &options.aliases);
    if located.sections.is_empty() && kind == Kind::Delimited && !is_table(bytes) {
        return Err(Error::unreadable(
            path,
            "prose, not a table: its lines do not split into columns by commas, semicolons or tabs; \
             export the plan from the spreadsheet as xlsx or CSV",
        ));
    }
    let mut plan = located.plan;
    plan.source.paths = vec![path.display().to_string()];
    plan.source.format = kind.name().to_string();
    Ok(Reading {
        plan,
        findings: located.findings,
        sections: located.sections,
    })
}

/// What an input is, by its bytes; an office lock file is named as one, by its name and
/// bytes, with the workbook it stands for.
fn kind_of(path: &Path, bytes: &[u8]) -> Result<Kind> {
    if let Some(lock) = walk::lock_file(&path.to_string_lossy(), bytes) {
        return Err(Error::unreadable(path, lock));
    }
    sniff::sniff(bytes).map_err(|r| Error::unreadable(path, r))
}

/// The grids of one input whose kind is known.
///
/// # Errors
///
/// When the bytes cannot be read as `kind`, or exceed a limit.
pub fn read_grids(path: &Path, bytes: &[u8], kind: Kind, limits: &Limits) -> Result<Vec<Grid>> {
    match kind {
        Kind::Delimited => {
            let (text, _) = delimited::decode(bytes).map_err(|r| Error::unreadable(path, r))?;
            let grid = delimited::parse(&text, &sheet_name(path), limits)
                .map_err(|r| Error::unreadable(path, r))?;
            let grids = vec![grid];
            bounds::check_grids(&grids, limits).map_err(|o| o.error(path))?;
            Ok(grids)
        }
        Kind::Sylk => {
            Ok(vec![sylk::read(bytes, &sheet_name(path), limits)
                .map_err(|r| Error::unreadable(path, r))?])
        }
        Kind::Json => Err(Error::unreadable(path, "a JSON plan has no sheets")),
        _ => {
            bounds::check_workbook(bytes, kind, limits).map_err(|o| o.error(path))?;
            let grids =
                workbook::read(bytes, kind, limits).map_err(|r| Error::unreadable(path, r))?;
            bounds::check_grids(&grids, limits).map_err(|o| o.error(path))?;
            Ok(grids)
        }
    }
}

/// Whether delimited text's first lines are a table rather than prose.
fn is_table(bytes: &[u8]) -> bool {
    delimited::decode(bytes).is_ok_and(|(text, _)| delimited::looks_like_table(&text))
}

/// Whether two owner names name the same person (case and spacing aside).
fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// The sheet name of a delimited file: its file name.
fn sheet_name(path: &Path) -> String {
    if path.as_os_str() == STDIN {
        return "stdin".to_string();
    }
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads a file (or standard input) whole, refusing one over the size limit.
pub fn read_bytes(path: &Path, limits: &Limits) -> Result<Vec<u8>> {
    let io = |error| Error::Io {
        path: path.to_path_buf(),
        error,
    };
    let max = limits.max_file_bytes;
    let mut bytes = Vec::new();
    if path.as_os_str() == STDIN {
        std::io::stdin()
            .lock()
            .take(max + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    } else {
        let file = std::fs::File::open(path).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if meta.is_dir() {
            return Err(Error::unreadable(path, "a folder, not a file"));
        }
        if meta.len() > max {
            return Err(too_large(path, meta.len(), max));
        }
        // Sized up front: one read for the whole file (the file may still grow: the
        // limit holds through `take`).
        bytes.reserve_exact(meta.len() as usize + 1);
        file.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    }
    if bytes.len() as u64 > max {
        return Err(too_large(path, bytes.len() as u64, max));
    }
    Ok(bytes)
}

fn too_large(path: &Path, size: u64, max: u64) -> Error {
    Error::TooLarge {
        path: path.to_path_buf(),
        what: "the file's size",
        actual: human_bytes(size),
        limit: human_bytes(max),
        hint: bounds::Limit::FileSize.hint(),
    }
}

fn read_json(path: &Path, bytes: &[u8]) -> Result<Reading> {
    let bad = |reason: String| Error::BadJson {
        path: path.to_path_buf(),
        reason,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| bad(e.to_string()))?;
    let mut plan: Plan = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| bad(e.to_string()))?;
    if plan.schema_version != SCHEMA_VERSION {
        return Err(bad(format!(
            "schema_version {} is not supported (this igp reads {SCHEMA_VERSION})",
            plan.schema_version
        )));
    }
    plan.source.paths = vec![path.display().to_string()];
    plan.source.format = "json".to_string();
    Ok(Reading {
        plan,
        findings: Vec::new(),
        sections: Section::ALL.to_vec(),
    })
}

/// A byte count for messages: "50 MB".
pub fn human_bytes(n: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if n >= MB {
        format!("{:.0} MB", n as f64 / MB as f64)
    } else if n >= 1024 {
        format!("{:.0} KB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}

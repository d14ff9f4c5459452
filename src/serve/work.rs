//! The work of a request, off the async threads: read and check the uploaded files with the
//! library, and render what a download asks for. Synchronous; run in `spawn_blocking`.

use crate::finding::Finding;
use crate::model::Plan;
use crate::read::{self, ReadOptions};
use crate::report::{self, Batch, PlanReport, ReportFormat};
use crate::rules::{self, Settings};
use crate::write::{self, Format, WriteOptions};
use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};

/// An uploaded file: its name as sent (already made safe to show) and its bytes.
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// How to take several files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One file is one plan; several CSV files are tried as the tabs of one plan, else
    /// they are many plans.
    Auto,
    /// The files are the tabs of one plan.
    One,
    /// Each file is a plan.
    Many,
}

impl Mode {
    pub fn from_name(name: &str) -> Mode {
        match name {
            "one" => Mode::One,
            "many" => Mode::Many,
            _ => Mode::Auto,
        }
    }
}

/// One checked plan: its report and, when it could be read, the plan.
pub struct Checked {
    pub report: PlanReport,
    pub plan: Option<Plan>,
}

/// The answer to one request: one plan (maybe from several tabs) or many.
pub struct Outcome {
    pub team: bool,
    pub plans: Vec<Checked>,
    /// Files of a folder that are not plans, by name (the rule of `igp check DIR`,
    /// [`read::walk`]).
    pub skipped: Vec<String>,
    /// How many of the skipped files are office lock files.
    pub locks: usize,
    pub as_of: NaiveDate,
    /// The configuration file in force and the settings it changes, for the summary.
    pub config: Option<String>,
    pub settings: Vec<(String, String)>,
}

impl Outcome {
    /// The batch of reports, in upload order.
    pub fn batch(&self) -> Batch {
        Batch {
            plans: self.plans.iter().map(|c| c.report.clone()).collect(),
            elapsed: std::time::Duration::ZERO,
        }
    }

    /// About how many bytes the outcome holds, for the store's bound.
    pub fn size(&self) -> usize {
        self.plans
            .iter()
            .map(|c| {
                let findings: usize = c.report.findings.iter().map(|f| f.message.len() + 64).sum();
                let plan = c
                    .plan
                    .as_ref()
                    .and_then(|p| serde_json::to_vec(p).ok())
                    .map_or(0, |v| v.len());
                // The goals are kept twice: in the plan and in the report's goal rows.
                findings + 2 * plan + 256
            })
            .sum()
    }
}

/// Reads and checks the uploads. Never fails: a file that cannot be read is its S001
/// finding, and a panic of igp on a file is that file's finding too.
pub fn check(
    uploads: Vec<Upload>,
    mode: Mode,
    read: &ReadOptions,
    settings: &Settings,
    config: Option<String>,
) -> Outcome {
    let mut outcome = Outcome {
        team: false,
        plans: Vec::new(),
        skipped: Vec::new(),
        locks: 0,
        as_of: settings.as_of,
        config,
        settings: settings.describe(),
    };
    let several = uploads.len() > 1;
    // Several files are a folder (or a selection): its files are taken by the rule of
    // `igp check DIR`; one file is read as given, as on the command line.
    let uploads = if several {
        let mut plans = Vec::with_capacity(uploads.len());
        for u in uploads {
            let head = || Some(u.bytes[..u.bytes.len().min(read::walk::HEAD_BYTES)].to_vec());
            match read::walk::skip(&u.name, head) {
                None => plans.push(u),
                Some(why) => {
                    outcome.locks += usize::from(why.is_lock_file());
                    outcome.skipped.push(u.name);
                }
            }
        }
        plans
    } else {
        uploads
    };
    let as_tabs = match mode {
        Mode::One => several,
        Mode::Many => false,
        Mode::Auto => {
            several
                && uploads.len() <= 12
                && uploads.iter().all(|u| {
                    read::sniff::sniff(&u.bytes).is_ok_and(|k| k == read::sniff::Kind::Delimited)
                })
        }
    };
    if as_tabs {
        let inputs: Vec<(PathBuf, Vec<u8>)> = uploads
            .iter()
            .map(|u| (PathBuf::from(&u.name), u.bytes.clone()))
            .collect();
        let names = uploads
            .iter()
            .map(|u| u.name.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        let one = contained(&names, settings, || {
            read::read_plan_parts(&inputs, read).map(|reading| checked(&names, reading, settings))
        });
        match one {
            Ok(c) if mode == Mode::One || c.plan.is_some() => {
                outcome.plans.push(c);
                return outcome;
            }
            Err(e) if mode == Mode::One => {
                outcome
                    .plans
                    .push(unreadable(&names, e.to_string(), settings));
                return outcome;
            }
            // Not the tabs of one plan: each file is a plan.
            _ => {}
        }
    }
    outcome.team = several;
    for u in uploads {
        let name = u.name;
        let bytes = u.bytes;
        let c = contained(&name, settings, || {
            read::read_plan_bytes(Path::new(&name), &bytes, read)
                .map(|reading| checked(&name, reading, settings))
        });
        outcome.plans.push(match c {
            Ok(c) => c,
            Err(e) => unreadable(&name, e.reason(), settings),
        });
    }
    outcome
}

/// Runs the work on one plan; a panic (a bug of igp) becomes the file's S001 finding.
fn contained(
    name: &str,
    settings: &Settings,
    work: impl FnOnce() -> crate::Result<Checked>,
) -> crate::Result<Checked> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|panic| {
        let what = crate::error::panic_message(panic.as_ref()).unwrap_or("a panic");
        Ok(unreadable(
            name,
            format!("igp failed on this file ({what}): a bug in igp; please report it"),
            settings,
        ))
    })
}

fn checked(name: &str, reading: read::Reading, settings: &Settings) -> Checked {
    let findings = rules::check(&reading, settings);
    let plan = (!reading.sections.is_empty()).then_some(reading.plan);
    Checked {
        report: PlanReport {
            path: name.to_string(),
            owner: plan.as_ref().and_then(|p| p.owner.name.clone()),
            goals: plan.as_ref().map_or(0, |p| p.goals.len()),
            findings,
            goal_rows: plan.as_ref().map_or_else(Vec::new, |p| p.goals.clone()),
        },
        plan,
    }
}

fn unreadable(name: &str, reason: String, settings: &Settings) -> Checked {
    Checked {
        report: PlanReport::unreadable(Path::new(name), reason, settings),
        plan: None,
    }
}

/// What a plan can be downloaded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanDownload {
    Xlsx,
    Annotated,
    Csv,
    Json,
    Markdown,
    Html,
}

impl PlanDownload {
    pub const ALL: [(PlanDownload, &'static str, &'static str); 6] = [
        (PlanDownload::Xlsx, "xlsx", "Normalized xlsx"),
        (
            PlanDownload::Annotated,
            "annotated.xlsx",
            "Annotated xlsx (findings as notes)",
        ),
        (PlanDownload::Csv, "csv", "CSV"),
        (PlanDownload::Json, "json", "JSON"),
        (PlanDownload::Markdown, "md", "Markdown"),
        (PlanDownload::Html, "html", "HTML"),
    ];

    pub fn from_name(name: &str) -> Option<PlanDownload> {
        Self::ALL.iter().find(|d| d.1 == name).map(|d| d.0)
    }

    pub fn suffix(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|d| d.0 == self)
            .map_or("bin", |d| d.1)
    }

    pub fn content_type(self) -> &'static str {
        match self {
            PlanDownload::Xlsx | PlanDownload::Annotated => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            PlanDownload::Csv => "text/csv; charset=utf-8",
            PlanDownload::Json => "application/json",
            PlanDownload::Markdown => "text/markdown; charset=utf-8",
            PlanDownload::Html => "text/html; charset=utf-8",
        }
    }
}

/// A plan in a download format.
///
/// # Errors
///
/// When the writer refuses a value (a cell over a format's limit), with its message.
pub fn plan_download(
    plan: &Plan,
    findings: &[Finding],
    what: PlanDownload,
) -> Result<Vec<u8>, String> {
    let (format, annotate) = match what {
        PlanDownload::Xlsx => (Format::Xlsx, false),
        PlanDownload::Annotated => (Format::Xlsx, true),
        PlanDownload::Csv => (Format::Csv, false),
        PlanDownload::Json => (Format::Json, false),
        PlanDownload::Markdown => (Format::Markdown, false),
        PlanDownload::Html => (Format::Html, false),
    };
    write::render(
        plan,
        findings,
        format,
        WriteOptions {
            annotate,
            ..WriteOptions::default()
        },
    )
}

/// What a batch can be downloaded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamDownload {
    Json,
    Csv,
    Summary,
    Zip,
}

impl TeamDownload {
    pub const ALL: [(TeamDownload, &'static str, &'static str); 4] = [
        (TeamDownload::Json, "report.json", "JSON report"),
        (TeamDownload::Csv, "report.csv", "CSV report"),
        (TeamDownload::Summary, "summary.xlsx", "Summary workbook"),
        (TeamDownload::Zip, "plans.zip", "Normalized plans (zip)"),
    ];

    pub fn from_name(name: &str) -> Option<TeamDownload> {
        Self::ALL.iter().find(|d| d.1 == name).map(|d| d.0)
    }

    pub fn file_name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|d| d.0 == self)
            .map_or("report", |d| d.1)
    }

    pub fn content_type(self) -> &'static str {
        match self {
            TeamDownload::Json => "application/json",
            TeamDownload::Csv => "text/csv; charset=utf-8",
            TeamDownload::Summary => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            TeamDownload::Zip => "application/zip",
        }
    }
}

/// A batch in a download format.
///
/// # Errors
///
/// When a writer fails, with its message.
pub fn team_download(outcome: &Outcome, what: TeamDownload) -> Result<Vec<u8>, String> {
    match what {
        TeamDownload::Json => {
            Ok(report::render(&outcome.batch(), ReportFormat::Json, false).into_bytes())
        }
        TeamDownload::Csv => {
            Ok(report::render(&outcome.batch(), ReportFormat::Csv, false).into_bytes())
        }
        TeamDownload::Summary => {
            let batch = outcome.batch();
            let mut s = report::summary::Summary::new().map_err(|e| e.to_string())?;
            for p in &batch.plans {
                s.plan(p).map_err(|e| e.to_string())?;
            }
            let about = report::summary::About {
                version: env!("CARGO_PKG_VERSION"),
                as_of: outcome.as_of,
                config: outcome.config.clone(),
                settings: outcome.settings.clone(),
            };
            s.finish(&batch.totals(), &about).map_err(|e| e.to_string())
        }
        TeamDownload::Zip => {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            let mut used = std::collections::HashSet::new();
            for c in &outcome.plans {
                let Some(plan) = &c.plan else { continue };
                let bytes = plan_download(plan, &[], PlanDownload::Xlsx)?;
                let name = unique(&mut used, &format!("{}.xlsx", stem(&c.report.path)));
                zip.start_file(name, stored).map_err(|e| e.to_string())?;
                zip.write_all(&bytes).map_err(|e| e.to_string())?;
            }
            let cursor = zip.finish().map_err(|e| e.to_string())?;
            Ok(cursor.into_inner())
        }
    }
}

/// A file name's stem, safe as a name inside a zip or a download: its last component,
/// without the extension, with only letters, digits, `-`, `_` and `.` kept.
pub fn stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = match base.rfind('.') {
        Some(i) if i > 0 => &base[..i],
        _ => base,
    };
    let clean: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let clean = clean.trim_matches('.').to_string();
    if clean.is_empty() {
        "plan".to_string()
    } else {
        clean
    }
}

fn unique(used: &mut std::collections::HashSet<String>, name: &str) -> String {
    let mut candidate = name.to_string();
    let mut n = 2;
    while !used.insert(candidate.clone()) {
        candidate = match name.rsplit_once('.') {
            Some((a, b)) => format!("{a}-{n}.{b}"),
            None => format!("{name}-{n}"),
        };
        n += 1;
    }
    candidate
}

/// The blank template or the worked example, with at least `goals` goal rows.
///
/// # Errors
///
/// When the xlsx writer fails.
pub fn template(example: bool, goals: usize) -> Result<Vec<u8>, String> {
    let plan = if example {
        crate::template::example()
    } else {
        crate::template::blank()
    };
    write::render(
        &plan,
        &[],
        Format::Xlsx,
        WriteOptions {
            min_goal_rows: goals,
            ..WriteOptions::default()
        },
    )
}

//! Reports of a check over many plans: one file per format (human, json, csv, markdown,
//! junit, sarif) and the xlsx summary. All read the same [`Batch`].

pub mod csv;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod summary;

use crate::finding::{self, Finding, Severity};
use crate::model::Goal;
use crate::read::{read_plan, ReadOptions};
use crate::rules::{self, Settings};
use std::path::Path;

/// The outcome of checking one plan.
#[derive(Debug, Clone)]
pub struct PlanReport {
    /// The input as given (`-` is shown as `stdin`).
    pub path: String,
    pub owner: Option<String>,
    /// The number of goals read.
    pub goals: usize,
    pub findings: Vec<Finding>,
    /// The goals themselves, kept only for the xlsx summary.
    pub goal_rows: Vec<Goal>,
}

/// A plan's status: the worst severity found, or clean (no finding at all). Every report
/// names and counts plans by it, in the words below: the terminal, the HTML team page,
/// the web page, JSON and the summary workbook say the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Clean,
    Info,
    Warning,
    Error,
}

impl Status {
    /// Every status, from clean to error.
    pub const ALL: [Status; 4] = [Status::Clean, Status::Info, Status::Warning, Status::Error];

    /// The status's word, as JSON, the tables and the CSS classes write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Clean => "clean",
            Status::Info => "info",
            Status::Warning => "warning",
            Status::Error => "error",
        }
    }

    /// How plans of this status are counted: "3 clean", "2 with errors", "1 with
    /// warnings", "4 with info".
    pub fn plans_words(self) -> &'static str {
        match self {
            Status::Clean => "clean",
            Status::Info => "with info",
            Status::Warning => "with warnings",
            Status::Error => "with errors",
        }
    }

    /// The heading of a verdict of this status (the web page's banner).
    pub fn heading(self) -> &'static str {
        match self {
            Status::Clean => "Clean",
            Status::Info => "Info",
            Status::Warning => "Warnings",
            Status::Error => "Errors",
        }
    }
}

/// `n` of a thing, in the singular for one: "1 plan", "3 plans".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The findings' counts: "3 errors, 1 warning, 2 infos".
pub fn finding_counts(errors: usize, warnings: usize, infos: usize) -> String {
    format!(
        "{}, {}, {}",
        count(errors, "error", "errors"),
        count(warnings, "warning", "warnings"),
        count(infos, "info", "infos")
    )
}

/// The plans' counts by status: "7 clean, 6 with errors, 1 with warnings, 4 with info".
pub fn plan_counts(t: &Totals) -> String {
    [Status::Clean, Status::Error, Status::Warning, Status::Info]
        .map(|s| format!("{} {}", t.with_status(s), s.plans_words()))
        .join(", ")
}

/// A batch's verdict in words, as every report closes: "18 plans: 7 clean, 6 with errors,
/// 1 with warnings, 4 with info; 10 errors, 2 warnings, 5 infos".
pub fn totals_words(t: &Totals) -> String {
    format!(
        "{}: {}; {}",
        count(t.plans, "plan", "plans"),
        plan_counts(t),
        finding_counts(t.errors, t.warnings, t.infos)
    )
}

impl PlanReport {
    pub fn status(&self) -> Status {
        match self.findings.iter().map(|f| f.severity).max() {
            None => Status::Clean,
            Some(Severity::Info) => Status::Info,
            Some(Severity::Warning) => Status::Warning,
            Some(Severity::Error) => Status::Error,
        }
    }

    /// How many findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The owner's name, or the file's name.
    pub fn display_name(&self) -> String {
        self.owner.clone().unwrap_or_else(|| {
            Path::new(&self.path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| self.path.clone())
        })
    }
}

/// Reads and checks one input. A file that cannot be read is one S001 finding.
pub fn check_file(
    path: &Path,
    read: &ReadOptions,
    settings: &Settings,
    keep_goals: bool,
) -> PlanReport {
    let shown = shown_path(path);
    match read_plan(&[path.to_path_buf()], read) {
        Ok(reading) => {
            let findings = rules::check(&reading, settings);
            PlanReport {
                path: shown,
                owner: reading.plan.owner.name.clone(),
                goals: reading.plan.goals.len(),
                findings,
                goal_rows: if keep_goals {
                    reading.plan.goals
                } else {
                    Vec::new()
                },
            }
        }
        // The finding's place already says which file.
        Err(e) => PlanReport::unreadable(path, e.reason(), settings),
    }
}

/// An input as reports show it (`-` as `stdin`).
fn shown_path(path: &Path) -> String {
    if path.as_os_str() == crate::read::STDIN {
        "stdin".to_string()
    } else {
        path.display().to_string()
    }
}

impl PlanReport {
    /// The report of an input that could not be checked: one S001 finding saying why.
    pub fn unreadable(path: &Path, reason: impl Into<String>, settings: &Settings) -> PlanReport {
        PlanReport {
            path: shown_path(path),
            owner: None,
            goals: 0,
            findings: settings.apply(vec![Finding::new(finding::S001, reason)]),
            goal_rows: Vec::new(),
        }
    }
}

/// Counts over a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub plans: usize,
    pub clean: usize,
    pub info: usize,
    pub warning: usize,
    pub error: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files of walked folders that were not read (not spreadsheets, notes, lock files).
    pub skipped: usize,
    /// How many of the skipped files are office lock files.
    pub locks: usize,
}

/// The reports of a check run, in input order.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub plans: Vec<PlanReport>,
    /// The time the run took, for the human report's closing line.
    pub elapsed: std::time::Duration,
}

impl Totals {
    /// How many plans have a status.
    pub fn with_status(&self, s: Status) -> usize {
        match s {
            Status::Clean => self.clean,
            Status::Info => self.info,
            Status::Warning => self.warning,
            Status::Error => self.error,
        }
    }

    /// The worst status of the batch's plans (clean for none).
    pub fn worst(&self) -> Status {
        Status::ALL
            .into_iter()
            .rev()
            .find(|s| self.with_status(*s) > 0)
            .unwrap_or(Status::Clean)
    }

    /// Counts one more plan.
    pub fn add(&mut self, p: &PlanReport) {
        self.plans += 1;
        match p.status() {
            Status::Clean => self.clean += 1,
            Status::Info => self.info += 1,
            Status::Warning => self.warning += 1,
            Status::Error => self.error += 1,
        }
        self.errors += p.count(Severity::Error);
        self.warnings += p.count(Severity::Warning);
        self.infos += p.count(Severity::Info);
    }
}

impl Batch {
    pub fn totals(&self) -> Totals {
        let mut t = Totals::default();
        for p in &self.plans {
            t.add(p);
        }
        t
    }

    /// Every finding with its plan, in order.
    pub fn findings(&self) -> impl Iterator<Item = (&PlanReport, &Finding)> {
        self.plans
            .iter()
            .flat_map(|p| p.findings.iter().map(move |f| (p, f)))
    }
}

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Human,
    Json,
    Csv,
    Markdown,
    Junit,
    Sarif,
    /// The team page: plans worst first, findings per rule, each plan's findings.
    Html,
}

impl ReportFormat {
    /// Every format, by the name `--format` takes.
    pub const ALL: [(&'static str, ReportFormat); 7] = [
        ("human", ReportFormat::Human),
        ("json", ReportFormat::Json),
        ("csv", ReportFormat::Csv),
        ("markdown", ReportFormat::Markdown),
        ("junit", ReportFormat::Junit),
        ("sarif", ReportFormat::Sarif),
        ("html", ReportFormat::Html),
    ];

    /// Other names of formats, accepted wherever a format is named (`md`, as `convert --to`
    /// takes it).
    pub const ALIASES: [(&'static str, ReportFormat); 2] =
        [("md", ReportFormat::Markdown), ("xml", ReportFormat::Junit)];

    /// The format of a name (case-insensitive), or of an alias.
    pub fn from_name(name: &str) -> Option<ReportFormat> {
        let name = name.to_ascii_lowercase();
        Self::ALL
            .iter()
            .chain(&Self::ALIASES)
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
    }

    /// The format a report file's extension names: `.json`, `.csv`, `.md`, `.sarif`, and
    /// `.xml` for JUnit; `None` for others (`.txt`, none), which take the human report.
    pub fn from_extension(path: &std::path::Path) -> Option<ReportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "markdown" | "md" => Some(ReportFormat::Markdown),
            "htm" => Some(ReportFormat::Html),
            "json" | "csv" | "sarif" | "xml" | "html" => ReportFormat::from_name(&ext),
            _ => None,
        }
    }

    /// The name of the format, as `--format` takes it.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("human", |(n, _)| *n)
    }
}

/// What shapes a report beside its format.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportOptions {
    /// Colour the human report.
    pub color: bool,
    /// The human report shows error-level findings only, and no closing lines (`-q`).
    pub quiet: bool,
    /// Warnings fail a plan, as errors do (`--deny warnings`): JUnit marks such plans failed.
    pub deny_warnings: bool,
}

/// The closing words about files of walked folders that were not read, if any: "skipped 2
/// files that are not plans", and how many of them are office lock files ("skipped 3 files
/// that are not plans, 1 of them an office lock file").
pub fn skipped_words(n: usize, locks: usize) -> Option<String> {
    let words = match n {
        0 => return None,
        1 => "skipped 1 file that is not a plan".to_string(),
        n => format!("skipped {n} files that are not plans"),
    };
    Some(match (n, locks.min(n)) {
        (_, 0) => words,
        (1, _) => format!("{words}, an office lock file"),
        (2, 2) => format!("{words}, both office lock files"),
        (n, l) if l == n => format!("{words}, all office lock files"),
        (_, 1) => format!("{words}, 1 of them an office lock file"),
        (_, l) => format!("{words}, {l} of them office lock files"),
    })
}

/// Where a finding is, as `path:'Sheet'!D29` (or the path alone).
pub fn location(path: &str, f: &Finding) -> String {
    match (&f.sheet, &f.cell) {
        (Some(sheet), Some(cell)) => format!("{path}:{}", crate::layout::sheet_ref_a1(sheet, cell)),
        _ => path.to_string(),
    }
}

/// A report being written: plans are given one at a time, in input order, so that a batch
/// of any size is reported without holding every plan in memory.
pub trait Reporter {
    /// Reports one plan.
    fn plan(&mut self, out: &mut dyn std::io::Write, plan: &PlanReport) -> std::io::Result<()>;
    /// Ends the report.
    fn finish(
        &mut self,
        out: &mut dyn std::io::Write,
        totals: &Totals,
        elapsed: std::time::Duration,
    ) -> std::io::Result<()>;
}

/// The reporter of a format.
pub fn reporter(format: ReportFormat, options: ReportOptions) -> Box<dyn Reporter + Send> {
    match format {
        ReportFormat::Human => Box::new(human::Human::new(options.color, options.quiet)),
        ReportFormat::Json => Box::<json::Json>::default(),
        ReportFormat::Csv => Box::<csv::Csv>::default(),
        ReportFormat::Markdown => Box::<markdown::Markdown>::default(),
        ReportFormat::Junit => Box::new(junit::Junit::new(options.deny_warnings)),
        ReportFormat::Sarif => Box::<sarif::Sarif>::default(),
        ReportFormat::Html => Box::<html::Html>::default(),
    }
}

/// Renders a whole batch in a text format. `color` is for the human format only.
pub fn render(batch: &Batch, format: ReportFormat, color: bool) -> String {
    let options = ReportOptions {
        color,
        ..ReportOptions::default()
    };
    let mut r = reporter(format, options);
    let mut out = Vec::new();
    for p in &batch.plans {
        let _ = r.plan(&mut out, p);
    }
    let _ = r.finish(&mut out, &batch.totals(), batch.elapsed);
    String::from_utf8(out).unwrap_or_default()
}

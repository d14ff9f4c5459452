//! `igp check`: validate plans, one or ten thousand, with reports for a person, a script
//! and a CI system.

use super::{inputs, Exit, Verbosity};
use anyhow::{bail, Context};
use clap::ValueEnum;
use igp::report::{self, summary::Summary, PlanReport, ReportFormat, Totals};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Check plans: every goal row and the plan as a whole (see `igp rules`).
///
/// PATHs are files, folders (walked for spreadsheet and CSV files; every other file is
/// skipped, counted in the closing line and named with -v) and `-` for standard input. Files are checked in parallel and reported in
/// the order given. A file that cannot be read is one S001 finding; the batch goes on.
///
/// Exit status: 0 no error-level finding; 1 at least one (or any warning with
/// --deny warnings); 2 the check itself could not run (bad arguments, configuration or output).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  igp check my-plan.xlsx
  igp check plans/ --format json > report.json
  igp check plans/ --summary summary.xlsx --as-of 2026-06-30
  igp check plans/ --format html -o team.html
  igp check plans/ --format junit -o igp-junit.xml --deny warnings")]
pub struct Args {
    /// Plans to check: files, folders, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The report format [default: from the -o file's extension (.json, .csv, .md, .xml
    /// for junit, .sarif, .html), else human]. html is a self-contained team page.
    #[arg(long, ignore_case = true, value_parser = report_format())]
    pub format: Option<ReportFormat>,
    /// Write the report to this file instead of standard output (`-` is standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write an xlsx summary: About, Plans, Goals, Findings and a chart of findings
    /// per rule.
    #[arg(long, value_name = "FILE.xlsx")]
    pub summary: Option<PathBuf>,
    /// Exit 1 on warnings too (and fail warning plans in the JUnit report).
    #[arg(long, value_name = "LEVEL", value_parser = ["warnings"])]
    pub deny: Option<String>,
    /// When to color the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub check: super::CheckOptions,
    /// Threads, at least 1 [default: all cores].
    #[arg(short = 'j', long, value_name = "N", value_parser = super::parse_jobs)]
    pub jobs: Option<usize>,
}

/// `--format`: the library's formats by name (and `md`, `xml`), listed in --help and
/// completions.
fn report_format() -> impl clap::builder::TypedValueParser<Value = ReportFormat> {
    use clap::builder::{PossibleValue, TypedValueParser};
    let values = ReportFormat::ALL.map(|(name, format)| {
        let aliases = ReportFormat::ALIASES
            .iter()
            .filter(move |(_, f)| *f == format)
            .map(|(a, _)| *a);
        PossibleValue::new(name).aliases(aliases)
    });
    clap::builder::PossibleValuesParser::new(values)
        .map(|name| ReportFormat::from_name(&name).unwrap_or(ReportFormat::Human))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The report's format: `--format`, else the output's extension, else human. A `--format`
/// that the extension contradicts is refused rather than written under the wrong name.
fn resolve_format(
    format: Option<ReportFormat>,
    output: Option<&Path>,
) -> anyhow::Result<ReportFormat> {
    let from_ext = output
        .filter(|p| !super::is_stdout(p))
        .and_then(ReportFormat::from_extension);
    if let Some(out) = output.filter(|p| !super::is_stdout(p)) {
        match super::extension(out).as_deref() {
            Some("xlsx" | "xls" | "ods") => bail!(
                "{}: the report is text; for a workbook of the batch use --summary FILE.xlsx",
                out.display()
            ),
            // The human report goes to a name without extension, .txt or .log; any other
            // extension names a format igp does not write.
            Some(ext) if from_ext.is_none() && !matches!(ext, "txt" | "log" | "text") => bail!(
                "{}: igp writes no .{ext} report; name it .txt (human), .json, .csv, .md, .xml (junit), .sarif or .html",
                out.display()
            ),
            _ => {}
        }
    }
    match (format, from_ext) {
        (Some(f), Some(e)) if f != e => {
            bail!(
            "{}: the extension says {} but --format {} was given; rename the file or drop --format",
            output.map(Path::display).map(|d| d.to_string()).unwrap_or_default(),
            e.name(),
            f.name()
        )
        }
        (Some(f), _) => Ok(f),
        (None, Some(e)) => Ok(e),
        (None, None) => Ok(ReportFormat::Human),
    }
}

pub fn run(args: Args, verbosity: Verbosity) -> anyhow::Result<Exit> {
    let started = Instant::now();
    let resolved = args.check.resolve(verbosity)?;
    let (settings, read) = (&resolved.settings, &resolved.read);
    // The flags first: a wrong name fails before any folder is walked.
    let output = args.output.as_deref().filter(|p| !super::is_stdout(p));
    let format = resolve_format(args.format, args.output.as_deref())?;
    if let Some(path) = &args.summary {
        super::require_xlsx(path, "the summary")?;
    }
    let inputs = inputs::expand(&args.paths)?;
    let files = &inputs.files;
    if files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        bail!("standard input (-) can be given once");
    }
    for out in [output, args.summary.as_deref()].into_iter().flatten() {
        if files.iter().any(|f| inputs::same_file(f, out)) {
            bail!(
                "{}: the report would overwrite an input; choose another name",
                out.display()
            );
        }
    }
    if verbosity == Verbosity::Verbose {
        inputs.list_skipped();
    }
    let summary_error = |e: rust_xlsxwriter::XlsxError| {
        let path = args.summary.as_deref().unwrap_or(Path::new("summary"));
        anyhow::anyhow!("{}: cannot write the summary: {e}", path.display())
    };
    let report_name = output.map_or_else(
        || "standard output".to_string(),
        |p| p.display().to_string(),
    );
    let to_terminal = output.is_none() && std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let deny_warnings = args.deny.is_some();
    let mut reporter = report::reporter(
        format,
        report::ReportOptions {
            color,
            quiet: verbosity == Verbosity::Quiet,
            deny_warnings,
        },
    );
    // Every output is opened before the work: a folder that cannot be written fails now,
    // not after ten thousand plans.
    let mut file = output.map(igp::write::AtomicFile::create).transpose()?;
    if let Some(path) = &args.summary {
        igp::write::prepare(path)?;
    }
    let mut summary = match &args.summary {
        Some(_) => Some(Summary::new().map_err(summary_error)?),
        None => None,
    };
    let sink: Box<dyn Write + '_> = match file.as_mut() {
        Some(f) => Box::new(f),
        None => Box::new(super::stdout()),
    };
    // A plan's JSON report is several KB: a larger buffer writes several plans at once.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, sink);

    // Plans are checked in parallel and reported in input order as they complete, so
    // memory does not grow with the number of plans.
    let progress = super::progress_bar(files.len() as u64, verbosity);
    let keep_goals = summary.is_some();
    let mut totals = Totals {
        skipped: inputs.skipped.len(),
        locks: inputs.locks,
        ..Totals::default()
    };
    let work = |f: &PathBuf| {
        contained(f, settings, || {
            report::check_file(f, read, settings, keep_goals)
        })
    };
    // On a terminal, findings are shown as they come, but the progress bar steps aside for
    // them at most a few times a second.
    let mut shown_at = Instant::now();
    let mut pending: Vec<u8> = Vec::new();
    let checked = super::in_order(files, super::threads(args.jobs), work, |r: PlanReport| {
        progress.inc(1);
        totals.add(&r);
        if verbosity == Verbosity::Verbose {
            progress.suspend(|| {
                eprintln!(
                    "checked {}{}: {}, {}",
                    r.path,
                    r.owner
                        .as_deref()
                        .map(|o| format!(" ({o})"))
                        .unwrap_or_default(),
                    report::count(r.goals, "goal", "goals"),
                    report::finding_counts(
                        r.count(igp::finding::Severity::Error),
                        r.count(igp::finding::Severity::Warning),
                        r.count(igp::finding::Severity::Info)
                    )
                );
            });
        }
        if to_terminal {
            // Held until the bar steps aside: a write to the terminal in between would
            // land on the bar's line.
            reporter.plan(&mut pending, &r)?;
            if shown_at.elapsed() >= std::time::Duration::from_millis(250) {
                progress.suspend(|| out.write_all(&pending).and_then(|()| out.flush()))?;
                pending.clear();
                shown_at = Instant::now();
            }
        } else {
            reporter
                .plan(&mut out, &r)
                .with_context(|| format!("{report_name}: cannot write the report"))?;
        }
        if let Some(s) = summary.as_mut() {
            s.plan(&r).map_err(summary_error)?;
        }
        Ok(())
    });
    // Cleared on an error too (`igp check plans | head` closes the pipe).
    progress.finish_and_clear();
    checked?;
    let elapsed = started.elapsed();
    out.write_all(&pending)
        .and_then(|()| reporter.finish(&mut out, &totals, elapsed))
        .and_then(|()| out.flush())
        .with_context(|| format!("{report_name}: cannot write the report"))?;
    drop(out);
    if let (Some(s), Some(path)) = (summary, &args.summary) {
        let about = igp::report::summary::About {
            version: env!("CARGO_PKG_VERSION"),
            as_of: settings.as_of,
            config: resolved.config.as_ref().map(|p| p.display().to_string()),
            settings: settings.describe(),
        };
        let bytes = s.finish(&totals, &about).map_err(summary_error)?;
        igp::write::write_atomic(path, &bytes)?;
        if verbosity >= Verbosity::Normal {
            eprintln!("wrote {}", path.display());
        }
    }
    if let (Some(file), Some(path)) = (file, output) {
        file.commit()?;
        if verbosity >= Verbosity::Normal {
            // The report went to a file: say how it went here too.
            eprint!("{}", report::human::closing_line(&totals, elapsed));
            eprintln!("wrote {}", path.display());
        }
    } else if verbosity >= Verbosity::Normal && format != ReportFormat::Human {
        if let Some(line) = inputs.skipped_line() {
            eprintln!("{line} (-v lists them)");
        }
    }
    let failed = totals.errors > 0 || (deny_warnings && totals.warnings > 0);
    Ok(if failed { Exit::Findings } else { Exit::Clean })
}

/// Runs the check of one file; a panic in it (a bug of igp) becomes that file's S001
/// finding, so that one file does not end a batch of thousands. The panic's own message
/// is on standard error, for the bug report.
fn contained(
    path: &std::path::Path,
    settings: &igp::rules::Settings,
    check: impl FnOnce() -> PlanReport,
) -> PlanReport {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(check)).unwrap_or_else(|panic| {
        PlanReport::unreadable(path, super::bug_on_file(panic.as_ref()), settings)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_on_one_file_becomes_its_finding() {
        let settings = igp::rules::Settings::default();
        let path = std::path::Path::new("plans/odd.xlsx");
        let report = contained(path, &settings, || panic!("index out of bounds"));
        assert_eq!(report.path, "plans/odd.xlsx");
        assert_eq!(report.findings.len(), 1);
        assert_eq!(report.findings[0].code, "S001");
        assert!(
            report.findings[0]
                .message
                .starts_with("igp failed on this file (index out of bounds): a bug in igp"),
            "{}",
            report.findings[0].message
        );
        let fine = contained(path, &settings, || {
            PlanReport::unreadable(path, "x", &settings)
        });
        assert_eq!(fine.findings[0].message, "x");
    }
}

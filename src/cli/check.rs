//! `igp check`: validate plans, one or ten thousand, with reports for a person, a script
//! and a CI system.

use super::{inputs, Exit, Verbosity};
use anyhow::{bail, Context};
use clap::ValueEnum;
use igp::report::{self, summary::Summary, PlanReport, ReportFormat, Totals};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

/// Check plans: every goal row and the plan as a whole (see `igp rules`).
///
/// PATHs are files, folders (walked for spreadsheet and CSV files; hidden files and ~$ lock
/// files skipped) and `-` for standard input. Files are checked in parallel and reported in
/// the order given. A file that cannot be read is one S001 finding; the batch goes on.
///
/// Exit status: 0 no error-level finding; 1 at least one (or any warning with
/// --deny warnings); 2 the check itself could not run (bad arguments, configuration or output).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  igp check my-plan.xlsx
  igp check plans/ --format json > report.json
  igp check plans/ --summary summary.xlsx --as-of 2026-06-30
  igp check plans/ --format junit -o igp-junit.xml --deny warnings")]
pub struct Args {
    /// Plans to check: files, folders, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The report format.
    #[arg(long, default_value = "human", value_parser = report_format())]
    pub format: ReportFormat,
    /// Write the report to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write an xlsx summary: Plans, Goals, Findings and a chart of findings per rule.
    #[arg(long, value_name = "FILE.xlsx")]
    pub summary: Option<PathBuf>,
    /// Exit 1 on warnings too.
    #[arg(long, value_name = "LEVEL", value_parser = ["warnings"])]
    pub deny: Option<String>,
    /// When to color the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub check: super::CheckOptions,
    /// Threads [default: all cores].
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// `--format`: the library's formats by name, listed in --help and completions.
fn report_format() -> impl clap::builder::TypedValueParser<Value = ReportFormat> {
    use clap::builder::TypedValueParser;
    let names = ReportFormat::ALL.map(|(name, _)| name);
    clap::builder::PossibleValuesParser::new(names)
        .map(|name| ReportFormat::from_name(&name).unwrap_or(ReportFormat::Human))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub fn run(args: Args, verbosity: Verbosity) -> anyhow::Result<Exit> {
    let started = Instant::now();
    let (settings, read) = args.check.resolve(verbosity)?;
    let files = inputs::expand(&args.paths)?;
    if files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        bail!("standard input (-) can be given once");
    }
    for out in [&args.output, &args.summary].into_iter().flatten() {
        if files.iter().any(|f| inputs::same_file(f, out)) {
            bail!(
                "{}: the report would overwrite an input; choose another name",
                out.display()
            );
        }
    }
    let summary_error = |e: rust_xlsxwriter::XlsxError| {
        let path = args
            .summary
            .as_deref()
            .unwrap_or(std::path::Path::new("summary"));
        anyhow::anyhow!("{}: cannot write the summary: {e}", path.display())
    };
    let report_name = args.output.as_ref().map_or_else(
        || "standard output".to_string(),
        |p| p.display().to_string(),
    );
    let format = args.format;
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let mut reporter = report::reporter(format, color, verbosity == Verbosity::Quiet);
    let mut summary = match &args.summary {
        Some(_) => Some(Summary::new().map_err(summary_error)?),
        None => None,
    };
    let mut file = match &args.output {
        Some(path) => Some(igp::write::AtomicFile::create(path)?),
        None => None,
    };
    let stdout = std::io::stdout();
    let sink: Box<dyn Write + '_> = match file.as_mut() {
        Some(f) => Box::new(f),
        None => Box::new(stdout.lock()),
    };
    // A plan's JSON report is several KB: a larger buffer writes several plans at once.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, sink);

    // Plans are checked in parallel and reported in input order as they complete, so
    // memory does not grow with the number of plans.
    let progress = super::progress_bar(files.len() as u64, verbosity);
    let keep_goals = summary.is_some();
    let mut totals = Totals::default();
    let work = |f: &PathBuf| {
        contained(f, &settings, || {
            report::check_file(f, &read, &settings, keep_goals)
        })
    };
    super::in_order(&files, super::threads(args.jobs), work, |r: PlanReport| {
        progress.inc(1);
        totals.add(&r);
        let mut write = || -> anyhow::Result<()> {
            reporter
                .plan(&mut out, &r)
                .with_context(|| format!("{report_name}: cannot write the report"))?;
            if to_terminal && !r.findings.is_empty() {
                out.flush()?;
            }
            Ok(())
        };
        // On a terminal the progress bar steps aside while findings are written.
        if to_terminal && !r.findings.is_empty() {
            progress.suspend(write)?;
        } else {
            write()?;
        }
        if let Some(s) = summary.as_mut() {
            s.plan(&r).map_err(summary_error)?;
        }
        Ok(())
    })?;
    progress.finish_and_clear();
    reporter
        .finish(&mut out, &totals, started.elapsed())
        .and_then(|()| out.flush())
        .with_context(|| format!("{report_name}: cannot write the report"))?;
    drop(out);
    if let (Some(s), Some(path)) = (summary, &args.summary) {
        let bytes = s.finish(&totals).map_err(summary_error)?;
        igp::write::write_atomic(path, &bytes)?;
        if verbosity >= Verbosity::Normal {
            eprintln!("wrote {}", path.display());
        }
    }
    if let (Some(file), Some(path)) = (file, &args.output) {
        file.commit()?;
        if verbosity >= Verbosity::Normal {
            eprintln!("wrote {}", path.display());
        }
    }
    let deny_warnings = args.deny.is_some();
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

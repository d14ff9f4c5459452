//! `igp check`: validate plans, one or ten thousand, with reports for a person, a script
//! and a CI system.

use super::{inputs, Exit, Verbosity};
use anyhow::{bail, Context};
use clap::ValueEnum;
use igp::report::{self, Batch, ReportFormat};
use rayon::prelude::*;
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
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write an xlsx summary: Plans, Goals, Findings and a chart of findings per rule.
    #[arg(long, value_name = "FILE.xlsx")]
    pub summary: Option<PathBuf>,
    /// The configuration file [default: igp.toml in this folder or above].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Judge deadlines and reviews as of this date (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Exit 1 on warnings too.
    #[arg(long, value_name = "LEVEL", value_parser = ["warnings"])]
    pub deny: Option<String>,
    /// When to color the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Refuse input files larger than this many megabytes (S001).
    #[arg(long, value_name = "MB", default_value_t = 50)]
    pub max_file_size: u64,
    /// Threads [default: all cores].
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Csv,
    Markdown,
    Junit,
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub fn run(args: Args, verbosity: Verbosity) -> anyhow::Result<Exit> {
    let started = Instant::now();
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let settings = super::settings(
        args.config.as_deref(),
        args.as_of.as_deref(),
        &cwd,
        verbosity,
    )?;
    let read = super::read_options(args.max_file_size, &settings);
    let files = inputs::expand(&args.paths)?;
    if files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        bail!("standard input (-) can be given once");
    }
    if let Some(out) = &args.output {
        if files.iter().any(|f| inputs::same_file(f, out)) {
            bail!(
                "{}: the report would overwrite an input; choose another -o",
                out.display()
            );
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()?;
    let progress = super::progress_bar(files.len() as u64, verbosity);
    let keep_goals = args.summary.is_some();
    let plans = pool.install(|| {
        files
            .par_iter()
            .map(|f| {
                let r = report::check_file(f, &read, &settings, keep_goals);
                progress.inc(1);
                r
            })
            .collect()
    });
    progress.finish_and_clear();
    let batch = Batch {
        plans,
        elapsed: started.elapsed(),
    };

    let format = match args.format {
        Format::Human => ReportFormat::Human,
        Format::Json => ReportFormat::Json,
        Format::Csv => ReportFormat::Csv,
        Format::Markdown => ReportFormat::Markdown,
        Format::Junit => ReportFormat::Junit,
        Format::Sarif => ReportFormat::Sarif,
    };
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let text = if format == ReportFormat::Human && verbosity == Verbosity::Quiet {
        report::human::closing_line(&batch)
    } else {
        report::render(&batch, format, color)
    };
    if let Some(summary) = &args.summary {
        let bytes = report::summary::write(&batch)
            .map_err(|e| anyhow::anyhow!("{}: cannot write the summary: {e}", summary.display()))?;
        igp::write::write_atomic(summary, &bytes)?;
        if verbosity >= Verbosity::Normal {
            eprintln!("wrote {}", summary.display());
        }
    }
    match &args.output {
        Some(path) => {
            igp::write::write_atomic(path, text.as_bytes())?;
            if verbosity >= Verbosity::Normal {
                eprintln!("wrote {}", path.display());
            }
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    let totals = batch.totals();
    let deny_warnings = args.deny.is_some();
    let failed = totals.errors > 0 || (deny_warnings && totals.warnings > 0);
    Ok(if failed { Exit::Findings } else { Exit::Clean })
}

//! The command line: one enum of subcommands (clap derive), one file per subcommand.
//! The library never sees clap; options are resolved here into the library's types.

mod check;
mod completions;
mod convert;
mod inputs;
mod rules;
mod schema;
mod template;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Read, normalize, check and template Individual Growth Plans (IGPs).
///
/// An IGP is a career-development plan kept in a copy of the IGP Google Sheet template and
/// downloaded as xlsx, ods or CSV. igp reads any such export into one model, writes it
/// normalized, checks it, and writes the blank template.
#[derive(Debug, Parser)]
#[command(name = "igp", version, propagate_version = true, max_term_width = 100)]
#[command(
    after_help = "Examples:\n  igp convert plan.xlsx -o plan.json\n  igp convert plans/ --out-dir out --to html\n  igp template -o my-plan.xlsx\n  igp schema > igp.schema.json"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Say less: only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Say more: what was read from each file.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Check(check::Args),
    Convert(convert::Args),
    Template(template::Args),
    Rules(rules::Args),
    Schema(schema::Args),
    Completions(completions::Args),
}

/// How much to say on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// The exit status of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// No error-level finding.
    Clean = 0,
    /// At least one error-level finding (or a warning under `--deny warnings`).
    Findings = 1,
    /// The command could not do its work.
    Failure = 2,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

pub fn run(cli: Cli) -> anyhow::Result<Exit> {
    let verbosity = if cli.quiet {
        Verbosity::Quiet
    } else if cli.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    match cli.command {
        Command::Check(args) => check::run(args, verbosity),
        Command::Convert(args) => convert::run(args, verbosity),
        Command::Rules(args) => rules::run(args),
        Command::Template(args) => template::run(args, verbosity),
        Command::Schema(args) => schema::run(args),
        Command::Completions(args) => completions::run(args),
    }
}

/// Whether an error is a closed stdout (`igp ... | head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// An error and its causes on one line.
pub fn one_line(err: &anyhow::Error) -> String {
    format!("{err:#}").replace(['\n', '\r'], " ")
}

/// The options that shape the findings, shared by `check` and `convert`.
#[derive(Debug, clap::Args)]
pub struct CheckOptions {
    /// The configuration file [default: igp.toml in this folder or above].
    #[arg(long, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    /// Judge deadlines and reviews as of this date (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Refuse input files larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 50)]
    pub max_file_size: u64,
}

impl CheckOptions {
    /// The settings and read options these flags and the configuration give.
    pub fn resolve(
        &self,
        verbosity: Verbosity,
    ) -> anyhow::Result<(igp::rules::Settings, igp::read::ReadOptions)> {
        let cwd = std::env::current_dir()
            .map_err(|e| anyhow::anyhow!("cannot read the current folder: {e}"))?;
        let settings = settings(
            self.config.as_deref(),
            self.as_of.as_deref(),
            &cwd,
            verbosity,
        )?;
        let read = read_options(self.max_file_size, &settings);
        Ok((settings, read))
    }
}

/// Resolves the settings: the configuration file (given, or found from `cwd` upward), then
/// `--as-of`.
pub fn settings(
    config: Option<&std::path::Path>,
    as_of: Option<&str>,
    cwd: &std::path::Path,
    verbosity: Verbosity,
) -> anyhow::Result<igp::rules::Settings> {
    let (mut settings, found) =
        igp::rules::Settings::load(config, cwd).map_err(anyhow::Error::msg)?;
    if let (Some(path), Verbosity::Verbose) = (&found, verbosity) {
        eprintln!("using {}", path.display());
    }
    if let Some(d) = as_of {
        settings.as_of =
            igp::rules::settings::parse_as_of(d).map_err(|e| anyhow::anyhow!("--as-of: {e}"))?;
    }
    Ok(settings)
}

/// Read options from the size flag and the settings' header aliases.
pub fn read_options(max_file_mb: u64, settings: &igp::rules::Settings) -> igp::read::ReadOptions {
    igp::read::ReadOptions {
        limits: igp::read::Limits {
            max_file_bytes: max_file_mb.saturating_mul(1024 * 1024),
            ..igp::read::Limits::default()
        },
        aliases: settings.aliases.clone(),
    }
}

/// Runs `work` on every item on `threads` threads and hands each result to `emit` in the
/// items' order, as soon as it and all before it are done. Workers take items in order,
/// so few results wait to be emitted and memory does not grow with the number of items;
/// output is written while the next items are worked on.
pub fn in_order<I, T, W, E>(items: &[I], threads: usize, work: W, mut emit: E) -> anyhow::Result<()>
where
    I: Sync,
    T: Send,
    W: Fn(&I) -> T + Sync,
    E: FnMut(T) -> anyhow::Result<()>,
{
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        // One thread: no hand-over, each item is done and emitted in turn.
        return items.iter().try_for_each(|item| emit(work(item)));
    }
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, T)>(threads * 8);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                // A closed channel means the emitter stopped on an error: stop too.
                if tx.send((i, work(item))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut waiting = std::collections::BTreeMap::new();
        let mut want = 0;
        for (i, result) in rx {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&want) {
                emit(result)?;
                want += 1;
            }
        }
        Ok(())
    })
}

/// The number of threads for `-j N`: N, or every core.
pub fn threads(jobs: Option<usize>) -> usize {
    jobs.filter(|n| *n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// A progress bar on stderr for a batch, drawn only on a terminal and never when quiet.
pub fn progress_bar(len: u64, verbosity: Verbosity) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if verbosity == Verbosity::Quiet || len < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} [{bar:30}] {human_pos}/{human_len} plans, {elapsed} ({eta} left)",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}

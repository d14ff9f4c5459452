//! The command line: one enum of subcommands (clap derive), one file per subcommand.
//! The library never sees clap; options are resolved here into the library's types.

mod calendar;
mod check;
mod completions;
mod convert;
mod diff;
mod inputs;
mod man;
mod rules;
mod schema;
#[cfg(feature = "serve")]
mod serve;
mod template;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Read, normalize, check and template Individual Growth Plans (IGPs).
///
/// An IGP is a career-development plan kept in a copy of the IGP Google Sheet template and
/// downloaded as xlsx, ods or CSV. igp reads any such export into one model, writes it
/// normalized, checks it, and writes the blank template.
#[derive(Debug, Parser)]
#[command(name = "igp", version = env!("IGP_VERSION"), propagate_version = true, max_term_width = 100)]
#[command(
    after_help = "Examples:\n  igp check plans/\n  igp convert plan.xlsx -o plan.json\n  igp convert plans/ --out-dir out --to html\n  igp diff plan-q1.xlsx plan-q2.csv\n  igp calendar plan.xlsx -o plan.ics\n  igp template -o my-plan.xlsx\n  igp schema > igp.schema.json\n  igp serve --open"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Say less: only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Say more: the configuration file used, and what was read from each plan and file
    /// skipped (check, convert, diff, calendar).
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Check(check::Args),
    Convert(convert::Args),
    Template(template::Args),
    Diff(diff::Args),
    Calendar(calendar::Args),
    Rules(rules::Args),
    Schema(schema::Args),
    #[cfg(feature = "serve")]
    Serve(serve::Args),
    Completions(completions::Args),
    Man(man::Args),
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
        Command::Diff(args) => diff::run(args, verbosity),
        Command::Calendar(args) => calendar::run(args, verbosity),
        Command::Schema(args) => schema::run(args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(args, verbosity),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    }
}

/// Whether an error is a closed stdout (`igp ... | head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Standard output, where a closed pipe (`igp ... | head`) is no error: once the reader has
/// gone, what is written is dropped, and the command goes on to the exit status its work
/// has (as ripgrep does), saying nothing. Every command writes its standard output here.
pub struct Stdout {
    inner: std::io::StdoutLock<'static>,
    closed: bool,
}

/// Standard output, locked, quiet on a closed pipe: see [`Stdout`].
pub fn stdout() -> Stdout {
    Stdout {
        inner: std::io::stdout().lock(),
        closed: false,
    }
}

impl Stdout {
    /// The outcome of a write: a broken pipe closes this output for good.
    fn quiet<T>(&mut self, result: std::io::Result<T>, none: T) -> std::io::Result<T> {
        match result {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(none)
            }
            r => r,
        }
    }
}

impl std::io::Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let written = self.inner.write(buf);
        self.quiet(written, buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let flushed = self.inner.flush();
        self.quiet(flushed, ())
    }
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
    /// Refuse input files larger than this many megabytes [default: 20].
    ///
    /// This and the limits below are also `max_file_size`, `max_unpacked_size`... under
    /// `[limits]` in igp.toml. Each default is far beyond a real plan; a file over one is
    /// one S001 finding that names the limit.
    #[arg(long, value_name = "MB")]
    pub max_file_size: Option<u64>,
    /// Refuse a workbook that unpacks to more than this many megabytes [default: 32].
    #[arg(long, value_name = "MB")]
    pub max_unpacked_size: Option<u64>,
    /// Refuse a file with a cell longer than this many characters [default: 100000].
    #[arg(long, value_name = "CHARS")]
    pub max_cell_length: Option<usize>,
    /// Refuse a workbook with more shared strings than this [default: 100000].
    #[arg(long, value_name = "N")]
    pub max_shared_strings: Option<usize>,
    /// Refuse a workbook whose shared strings unpack to more megabytes than this [default: 16].
    #[arg(long, value_name = "MB")]
    pub max_shared_strings_size: Option<u64>,
    /// Refuse a file with more used cells than this [default: 200000].
    #[arg(long, value_name = "N")]
    pub max_cells: Option<usize>,
    /// Refuse a workbook with more sheets than this [default: 250].
    #[arg(long, value_name = "N")]
    pub max_sheets: Option<usize>,
    /// Refuse a workbook whose XML nests deeper than this [default: 100].
    #[arg(long, value_name = "N")]
    pub max_xml_depth: Option<usize>,
}

/// What the options of `check` and `convert` resolve to.
pub struct Resolved {
    pub settings: igp::rules::Settings,
    pub read: igp::read::ReadOptions,
    /// The configuration file in force, if any.
    pub config: Option<std::path::PathBuf>,
}

impl CheckOptions {
    /// The settings and read options these flags and the configuration give.
    pub fn resolve(&self, verbosity: Verbosity) -> anyhow::Result<Resolved> {
        let cwd = std::env::current_dir()
            .map_err(|e| anyhow::anyhow!("cannot read the current folder: {e}"))?;
        let (settings, config) = settings(
            self.config.as_deref(),
            self.as_of.as_deref(),
            &cwd,
            verbosity,
        )?;
        let read = self.read_options(&settings);
        Ok(Resolved {
            settings,
            read,
            config,
        })
    }
}

/// Resolves the settings: the configuration file (given, or found from `cwd` upward), then
/// `--as-of`. Also gives the configuration file in force.
pub fn settings(
    config: Option<&std::path::Path>,
    as_of: Option<&str>,
    cwd: &std::path::Path,
    verbosity: Verbosity,
) -> anyhow::Result<(igp::rules::Settings, Option<std::path::PathBuf>)> {
    let (mut settings, found) =
        igp::rules::Settings::load(config, cwd).map_err(anyhow::Error::msg)?;
    if let (Some(path), Verbosity::Verbose) = (&found, verbosity) {
        eprintln!("using {}", path.display());
    }
    if let Some(d) = as_of {
        settings.as_of =
            igp::rules::settings::parse_as_of(d).map_err(|e| anyhow::anyhow!("--as-of: {e}"))?;
    }
    Ok((settings, found))
}

impl CheckOptions {
    /// Read options: the limits of the settings, each flag given in its place, and the
    /// settings' header aliases.
    pub fn read_options(&self, settings: &igp::rules::Settings) -> igp::read::ReadOptions {
        let limits = igp::read::LimitChanges {
            max_file_size: self.max_file_size,
            max_unpacked_size: self.max_unpacked_size,
            max_cell_length: self.max_cell_length,
            max_shared_strings: self.max_shared_strings,
            max_shared_strings_size: self.max_shared_strings_size,
            max_cells: self.max_cells,
            max_sheets: self.max_sheets,
            max_xml_depth: self.max_xml_depth,
        }
        .apply(settings.reading);
        igp::read::ReadOptions {
            limits,
            aliases: settings.aliases.clone(),
        }
    }
}

/// Runs `work` on every item on `threads` threads and hands each result to `emit` in the
/// items' order, as soon as it and all before it are done. The calling thread is one of
/// the `threads`: it works on items too, and emits between them, so that no thread waits
/// on a core for the others' results. Items are taken in order and at most a few dozen
/// results wait to be emitted: memory does not grow with the number of items.
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
    // Past this many results waiting, the calling thread stops taking items and only emits.
    let max_waiting = threads * 8;
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, T)>(max_waiting);
    std::thread::scope(|scope| {
        // Returning drops the receiver: helpers stop at their next send.
        let rx = rx;
        for _ in 1..threads {
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
        while want < items.len() {
            waiting.extend(rx.try_iter());
            while let Some(result) = waiting.remove(&want) {
                emit(result)?;
                want += 1;
            }
            if want == items.len() {
                break;
            }
            if waiting.len() < max_waiting {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if let Some(item) = items.get(i) {
                    waiting.insert(i, work(item));
                    continue;
                }
            }
            // Every item is taken (or enough wait): wait for a helper's result.
            match rx.recv() {
                Ok((i, result)) => {
                    waiting.insert(i, result);
                }
                // Every helper has stopped: only a panic does that early, and the scope
                // passes it on.
                Err(_) => break,
            }
        }
        Ok(())
    })
}

/// What to say of a panic while working on one file of a batch: a bug of igp, reported
/// for that file so that the batch goes on.
pub fn bug_on_file(panic: &(dyn std::any::Any + Send)) -> String {
    let what = igp::error::panic_message(panic).unwrap_or("a panic");
    format!("igp failed on this file ({what}): a bug in igp; please report it, with the file if you can")
}

/// The number of threads for `-j N`: N, or every core.
pub fn threads(jobs: Option<usize>) -> usize {
    jobs.filter(|n| *n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// `-j N`: a number of threads, at least 1.
pub fn parse_jobs(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1 (leave -j out to use every core)".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{s:?} is not a number of threads")),
    }
}

/// A file with none of the four sections is no plan: `convert`, `diff` and `calendar`
/// refuse it rather than work on an empty plan. The reader's finding says what was looked
/// for and where the file came closest.
pub fn refuse_no_plan(reading: &igp::read::Reading) -> anyhow::Result<()> {
    if !reading.sections.is_empty() {
        return Ok(());
    }
    let why = (reading.findings.first())
        .map_or("no Individual Growth Plan found", |f| f.message.as_str());
    anyhow::bail!("{}: {why}", reading.plan.source.paths.join(" + "))
}

/// Whether an output path is `-`, standard output.
pub fn is_stdout(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}

/// A path's extension in lower case (`Plan.XLSX` → `xlsx`).
pub fn extension(path: &std::path::Path) -> Option<String> {
    Some(path.extension()?.to_str()?.to_ascii_lowercase())
}

/// Refuses an output that is not named `.xlsx` (or is standard output): `what` is a
/// workbook, and xlsx bytes under another name open as garbage.
pub fn require_xlsx(path: &std::path::Path, what: &str) -> anyhow::Result<()> {
    if extension(path).as_deref() != Some("xlsx") {
        anyhow::bail!(
            "{}: {what} is an xlsx workbook; give a file name ending in .xlsx",
            path.display()
        );
    }
    Ok(())
}

/// A progress bar on stderr for a batch, drawn only on a terminal and never when quiet.
pub fn progress_bar(len: u64, verbosity: Verbosity) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if verbosity == Verbosity::Quiet || len < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    // Redrawn at most 4 times a second, whatever the pace of the plans; no time-left
    // estimate, which jumps about when plans differ in size.
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len),
        indicatif::ProgressDrawTarget::stderr_with_hz(4),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} [{bar:30}] {human_pos}/{human_len} plans, {elapsed}",
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

    #[test]
    fn results_are_emitted_in_order_whatever_the_threads() {
        let items: Vec<u64> = (0..300).collect();
        for threads in [1, 2, 3, 8, 400] {
            let mut seen = Vec::new();
            in_order(
                &items,
                threads,
                |&i| {
                    // Uneven work, so that items finish out of order.
                    std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 300));
                    i * 2
                },
                |r| {
                    seen.push(r);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(
                seen,
                items.iter().map(|i| i * 2).collect::<Vec<_>>(),
                "{threads}"
            );
        }
        in_order(&[] as &[u64], 4, |&i| i, |_| Ok(())).unwrap();
    }

    #[test]
    fn an_emit_error_stops_the_work() {
        let items: Vec<u64> = (0..10_000).collect();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let mut emitted = 0;
        let result = in_order(
            &items,
            4,
            |&i| {
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                i
            },
            |i| {
                emitted += 1;
                if i == 10 {
                    anyhow::bail!("disk full");
                }
                Ok(())
            },
        );
        assert_eq!(result.unwrap_err().to_string(), "disk full");
        assert_eq!(emitted, 11);
        // The helpers stopped soon after, not at the end of the items.
        assert!(done.into_inner() < 1_000);
    }
}

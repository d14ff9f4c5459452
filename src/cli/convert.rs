//! `igp convert`: read a plan from any export and write it normalized.

use super::{inputs, Exit, Verbosity};
use anyhow::{bail, Context};
use igp::finding::{Finding, Severity};
use igp::read::{read_plan, Reading};
use igp::write::{self, Format, WriteOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Read a plan from any export (xlsx, xlsm, xlsb, xls, ods, csv, tsv, or igp's JSON) and
/// write it normalized.
///
/// With -o, all INPUTs are read as one plan (several inputs are the tabs of one plan, such
/// as one CSV per tab). With --out-dir, each INPUT is its own plan, and folders are walked.
/// The output format comes from --to or the output's extension: xlsx and csv (the
/// canonical layout), json (the model), md and html (a readable report). An existing file
/// is never replaced unless --force is given.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  igp convert alice.xlsx -o alice.json
  igp convert alice.ods -o -                    # the model as JSON on stdout
  igp convert reflection.csv goals.csv -o plan.xlsx
  igp convert plans/ --out-dir normalized --to xlsx
  igp convert bob.csv -o bob.html
  igp convert alice.xlsx -o alice.json --force  # replace last week's alice.json")]
// One of -o and --out-dir: the usage error names both.
#[command(group(clap::ArgGroup::new("target").required(true).args(["output", "out_dir"])))]
pub struct Args {
    /// Input files (or folders, with --out-dir); `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The output file (`-` for standard output, text formats only).
    #[arg(short, long, value_name = "OUTPUT", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Convert each input to its own file in this folder (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// The output format [default: from the output's extension; json for `-o -`].
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub to: Option<Format>,
    /// xlsx: put each finding of `igp check` as a note on its cell, highlight the cell, and
    /// add a Findings sheet.
    #[arg(long)]
    pub annotate: bool,
    /// Replace output files that exist (without it, an existing file is left as it is and
    /// reported).
    #[arg(short, long)]
    pub force: bool,
    /// Write CSV text that starts with = + - @ as is, without the leading ' guard.
    #[arg(long)]
    pub no_csv_guard: bool,
    #[command(flatten)]
    pub check: super::CheckOptions,
    /// Threads for --out-dir, at least 1 [default: all cores].
    #[arg(short = 'j', long, value_name = "N", value_parser = super::parse_jobs)]
    pub jobs: Option<usize>,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::from_name(s)
        .ok_or_else(|| format!("unknown format {s:?}; use xlsx, csv, json, md or html"))
}

pub fn run(args: Args, verbosity: Verbosity) -> anyhow::Result<Exit> {
    let resolved = args.check.resolve(verbosity)?;
    let (settings, options) = (resolved.settings, resolved.read);
    let write_options = WriteOptions {
        csv_guard: !args.no_csv_guard,
        annotate: args.annotate,
        ..WriteOptions::default()
    };
    if args.annotate && args.to.is_some_and(|f| f != Format::Xlsx) {
        bail!("--annotate writes notes into an xlsx workbook; use --to xlsx or an .xlsx output");
    }
    match (&args.output, &args.out_dir) {
        (Some(output), _) => {
            let to_stdout = super::is_stdout(output);
            let from_ext = (!to_stdout)
                .then(|| Format::from_extension(output))
                .flatten();
            let format = match (args.to, from_ext) {
                (Some(f), Some(e)) if f != e => bail!(
                    "{}: the extension says {} but --to {} was given; rename the output or drop --to",
                    output.display(),
                    e.extension(),
                    f.extension()
                ),
                (Some(f), _) => f,
                (None, Some(e)) => e,
                (None, None) if to_stdout => Format::Json,
                (None, None) => bail!(
                    "{}: cannot tell the output format from the extension; use --to xlsx|csv|json|md|html",
                    output.display()
                ),
            };
            for input in &args.inputs {
                if inputs::same_file(input, output) {
                    bail!(
                        "{}: the output is one of the inputs; choose another output path",
                        output.display()
                    );
                }
                if input.is_dir() {
                    bail!(
                        "{}: a folder; to convert every plan in it use --out-dir DIR --to FORMAT",
                        input.display()
                    );
                }
            }
            if args.annotate && format != Format::Xlsx {
                bail!("--annotate writes notes into an xlsx workbook; use an .xlsx output");
            }
            if to_stdout && !format.is_text() {
                bail!("xlsx cannot go to standard output; give a file name with -o");
            }
            // A folder that cannot be written, or a file that is there, fails before
            // anything is read.
            if !to_stdout {
                if !args.force && output.is_file() {
                    return Err(igp::error::Error::Exists {
                        path: output.clone(),
                    }
                    .into());
                }
                write::prepare(output)?;
            }
            let reading = read_plan(&args.inputs, &options).map_err(|e| match e {
                igp::error::Error::NotOnePlan { .. } => anyhow::anyhow!(
                    "{e}; give one plan to -o, or use --out-dir DIR to convert each"
                ),
                e => e.into(),
            })?;
            super::refuse_no_plan(&reading)?;
            report(&reading, verbosity);
            let findings = igp::rules::check(&reading, &settings);
            let bytes = write::render(&reading.plan, &findings, format, write_options)
                .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", output.display()))?;
            if to_stdout {
                let mut out = super::stdout();
                out.write_all(&bytes)?;
                out.flush()?;
            } else {
                save(output, &bytes, args.force)?;
                if verbosity >= Verbosity::Normal {
                    eprintln!("wrote {}", output.display());
                }
            }
            Ok(Exit::Clean)
        }
        (None, Some(dir)) => {
            let format = args
                .to
                .context("--out-dir needs --to FORMAT (xlsx, csv, json, md or html)")?;
            let inputs = inputs::expand(&args.inputs)?;
            let files = &inputs.files;
            if verbosity == Verbosity::Verbose {
                inputs.list_skipped();
            }
            if files.iter().any(|f| f.as_os_str() == "-") {
                bail!("standard input cannot be used with --out-dir; use -o");
            }
            std::fs::create_dir_all(dir).map_err(|e| {
                anyhow::anyhow!(
                    "{}: cannot create the folder: {}",
                    dir.display(),
                    igp::error::io_reason(&e)
                )
            })?;
            let targets = output_names(files, dir, format);
            let identities: std::collections::HashMap<PathBuf, &PathBuf> =
                files.iter().map(|f| (inputs::identity(f), f)).collect();
            for t in &targets {
                if let Some(input) = identities.get(&inputs::identity(t)) {
                    bail!(
                        "{}: the output would overwrite the input {}; choose another --out-dir",
                        t.display(),
                        input.display()
                    );
                }
            }
            let progress = super::progress_bar(files.len() as u64, verbosity);
            let mut failed = 0;
            let jobs: Vec<(&PathBuf, &PathBuf)> = files.iter().zip(&targets).collect();
            let convert = |(input, target): &(&PathBuf, &PathBuf)| -> anyhow::Result<Vec<String>> {
                let reading = read_plan(std::slice::from_ref(*input), &options)?;
                super::refuse_no_plan(&reading)?;
                let findings = igp::rules::check(&reading, &settings);
                let bytes = write::render(&reading.plan, &findings, format, write_options)
                    .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", target.display()))?;
                save(target, &bytes, args.force)?;
                let mut lines = messages(&reading, verbosity);
                if verbosity == Verbosity::Verbose {
                    lines.push(format!("wrote {}", target.display()));
                }
                Ok(lines)
            };
            // A panic on one plan (a bug of igp) is that plan's error, as a bad file is.
            let work = |job: &(&PathBuf, &PathBuf)| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| convert(job)))
                    .unwrap_or_else(|panic| {
                        let bug = super::bug_on_file(panic.as_ref());
                        Err(anyhow::anyhow!("{}: {bug}", job.0.display()))
                    })
            };
            // Messages in input order, as plans complete; one bad plan does not stop the rest.
            super::in_order(&jobs, super::threads(args.jobs), work, |result| {
                progress.inc(1);
                match result {
                    Ok(lines) => lines
                        .iter()
                        .for_each(|l| progress.suspend(|| eprintln!("{l}"))),
                    Err(e) => {
                        failed += 1;
                        progress.suspend(|| eprintln!("error: {}", super::one_line(&e)));
                    }
                }
                Ok(())
            })?;
            progress.finish_and_clear();
            if verbosity >= Verbosity::Normal {
                eprintln!(
                    "converted {} of {} plans into {}{}",
                    files.len() - failed,
                    files.len(),
                    dir.display(),
                    inputs
                        .skipped_line()
                        .map(|l| format!("; {l} (-v lists them)"))
                        .unwrap_or_default()
                );
            }
            Ok(if failed > 0 {
                Exit::Failure
            } else {
                Exit::Clean
            })
        }
        (None, None) => bail!("give an output with -o FILE, or --out-dir DIR --to FORMAT"),
    }
}

/// Writes a converted plan: over an existing file only with `--force`.
fn save(path: &Path, bytes: &[u8], force: bool) -> igp::error::Result<()> {
    if force {
        write::write_atomic(path, bytes)
    } else {
        write::write_new(path, bytes)
    }
}

/// One output name per input: the input's stem and the format's extension; inputs that
/// would share a name keep their own extension in it (a.xlsx → a.xlsx.json).
fn output_names(files: &[PathBuf], dir: &Path, format: Format) -> Vec<PathBuf> {
    let stem = |f: &PathBuf| {
        f.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let stems: Vec<String> = files.iter().map(stem).collect();
    let mut uses = std::collections::HashMap::<&str, usize>::new();
    for s in &stems {
        *uses.entry(s.as_str()).or_default() += 1;
    }
    let names: Vec<String> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if uses[stems[i].as_str()] > 1 {
                f.file_name()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            } else {
                stems[i].clone()
            }
        })
        .collect();
    // Same file names in different folders: number them.
    let mut seen = std::collections::HashMap::<String, usize>::new();
    names
        .into_iter()
        .map(|n| {
            let count = seen.entry(n.clone()).or_insert(0);
            *count += 1;
            let n = if *count > 1 {
                format!("{n}-{count}")
            } else {
                n
            };
            dir.join(format!("{n}.{}", format.extension()))
        })
        .collect()
}

/// Says on stderr what the reader found wrong with the structure.
fn report(reading: &Reading, verbosity: Verbosity) {
    for line in messages(reading, verbosity) {
        eprintln!("{line}");
    }
}

/// What to say about a plan read: with -v what was read, and the structural findings at
/// warning level or above (all of them with -v).
fn messages(reading: &Reading, verbosity: Verbosity) -> Vec<String> {
    let mut lines = Vec::new();
    let path = reading.plan.source.paths.join(" + ");
    if verbosity == Verbosity::Verbose {
        lines.push(format!(
            "read {path}: {}, sheets [{}], {} goals",
            reading.plan.source.format,
            reading.plan.source.sheets.join(", "),
            reading.plan.goals.len()
        ));
    }
    if verbosity != Verbosity::Quiet {
        for f in &reading.findings {
            if f.severity >= Severity::Warning || verbosity == Verbosity::Verbose {
                lines.push(short(f, &path));
            }
        }
    }
    lines
}

fn short(f: &Finding, path: &str) -> String {
    match (&f.sheet, &f.cell) {
        (Some(s), Some(c)) => format!(
            "{}[{}]: {} ({path}:{})",
            f.severity,
            f.code,
            f.message,
            igp::layout::sheet_ref_a1(s, c)
        ),
        _ => format!("{}[{}]: {} ({path})", f.severity, f.code, f.message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clashing_names_keep_their_extension() {
        let files = vec![
            PathBuf::from("a.xlsx"),
            PathBuf::from("a.csv"),
            PathBuf::from("b.ods"),
        ];
        let names = output_names(&files, Path::new("out"), Format::Json);
        assert_eq!(
            names,
            vec![
                PathBuf::from("out/a.xlsx.json"),
                PathBuf::from("out/a.csv.json"),
                PathBuf::from("out/b.json")
            ]
        );
        let files = vec![PathBuf::from("x/a.csv"), PathBuf::from("y/a.csv")];
        let names = output_names(&files, Path::new("o"), Format::Csv);
        assert_eq!(
            names,
            vec![PathBuf::from("o/a.csv.csv"), PathBuf::from("o/a.csv-2.csv")]
        );
    }
}

//! `igp calendar`: a plan's dated steps and reviews as an .ics file to import.

use super::{inputs, Exit, Verbosity};
use anyhow::bail;
use igp::calendar::{calendar, CalendarOptions, Learning};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Write a plan's dated steps and quarterly reviews as a calendar (.ics).
///
/// An RFC 5545 calendar to import into Google Calendar, Outlook or Apple Calendar: each open
/// action step with a date (all-day, on that date), the quarterly career
/// conversation every three months from the last review, the checklist items with a date,
/// and an optional weekly learning block. Importing the calendar of an updated plan updates
/// its events. Steps without a date are listed on stderr.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  igp calendar my-plan.xlsx -o my-plan.ics
  igp calendar my-plan.xlsx -o my-plan.ics --learning \"Fri 14:00-15:00\"
  igp calendar my-plan.xlsx -o my-steps.ics --todos     # steps as to-dos
  igp calendar plans/ --out-dir calendars")]
// One of -o and --out-dir: the usage error names both.
#[command(group(clap::ArgGroup::new("target").required(true).args(["output", "out_dir"])))]
pub struct Args {
    /// The plan (several inputs are the tabs of one plan), or plans and folders with --out-dir.
    #[arg(required = true, value_name = "PLAN")]
    pub inputs: Vec<PathBuf>,
    /// The .ics file to write (`-` for standard output).
    #[arg(short, long, value_name = "FILE.ics", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Write one .ics per plan into this folder (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// The first quarterly conversation (YYYY-MM-DD) [default: three months after Last
    /// reviewed].
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// A weekly learning block, e.g. "Fri 14:00-15:00".
    #[arg(long, value_name = "DAY HH:MM-HH:MM")]
    pub learning: Option<String>,
    /// Action steps as to-dos due on their date, instead of all-day events: steps without a
    /// date are to-dos without one, and steps marked done are completed to-dos.
    #[arg(long)]
    pub todos: bool,
    #[command(flatten)]
    pub check: super::CheckOptions,
}

pub fn run(args: Args, verbosity: Verbosity) -> anyhow::Result<Exit> {
    let resolved = args.check.resolve(verbosity)?;
    let options = CalendarOptions {
        from: args
            .from
            .as_deref()
            .map(igp::rules::settings::parse_as_of)
            .transpose()
            .map_err(|e| anyhow::anyhow!("--from: {e}"))?,
        today: resolved.settings.as_of,
        learning: args
            .learning
            .as_deref()
            .map(Learning::parse)
            .transpose()
            .map_err(|e| anyhow::anyhow!("--learning: {e}"))?,
        todos: args.todos,
    };
    let example = igp::calendar::example_deadline(resolved.settings.as_of);
    let one = |paths: &[PathBuf], target: &Path| -> anyhow::Result<()> {
        let reading = igp::read::read_plan(paths, &resolved.read)?;
        super::refuse_no_plan(&reading)?;
        let made = calendar(&reading.plan, &options);
        if verbosity >= Verbosity::Normal {
            for (goal, step) in &made.undated {
                eprintln!(
                    "{}: goal {goal}: \"{step}\" has no date; add one (e.g. \"by {example}\") to {}",
                    paths[0].display(),
                    if args.todos {
                        "give it a due date"
                    } else {
                        "see it in the calendar"
                    }
                );
            }
        }
        let mut text = made.calendar.to_string();
        // Every line of an .ics ends in CRLF, the last one too.
        if !text.ends_with("\r\n") {
            text.push_str("\r\n");
        }
        if super::is_stdout(target) {
            let mut out = super::stdout();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        } else {
            igp::write::write_atomic(target, text.as_bytes())?;
            if verbosity >= Verbosity::Normal {
                eprintln!("wrote {}", target.display());
            }
        }
        Ok(())
    };
    match (&args.output, &args.out_dir) {
        (Some(output), _) => {
            if !super::is_stdout(output) && super::extension(output).as_deref() != Some("ics") {
                bail!(
                    "{}: a calendar is an .ics file; give a file name ending in .ics",
                    output.display()
                );
            }
            if args.inputs.iter().any(|p| p.is_dir()) {
                bail!("a folder of plans needs --out-dir DIR: one calendar per plan");
            }
            one(&args.inputs, output)?;
            Ok(Exit::Clean)
        }
        (None, Some(dir)) => {
            let files = inputs::expand(&args.inputs)?.files;
            let mut failed = 0;
            for f in &files {
                let name = f
                    .file_stem()
                    .map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned());
                if let Err(e) = one(std::slice::from_ref(f), &dir.join(format!("{name}.ics"))) {
                    failed += 1;
                    eprintln!("error: {}", super::one_line(&e));
                }
            }
            Ok(if failed > 0 {
                Exit::Failure
            } else {
                Exit::Clean
            })
        }
        (None, None) => bail!("give an output with -o FILE.ics, or --out-dir DIR"),
    }
}

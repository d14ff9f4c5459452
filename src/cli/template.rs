//! `igp template`: write the blank template workbook, or a worked example.

use super::{Exit, Verbosity};
use anyhow::bail;
use igp::write::{self, Format, WriteOptions};
use std::io::Write;
use std::path::PathBuf;

/// Write the blank IGP template workbook (xlsx), or with --example a worked example plan.
///
/// The template is the canonical layout that `igp convert` writes: the header block,
/// Sections 1 to 4 on one sheet (so that a CSV download carries the whole plan), and a
/// Guide sheet.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  igp template                          # writes individual-growth-plan.xlsx
  igp template -o team/igp.xlsx --goals 5
  igp template --example -o example.xlsx")]
pub struct Args {
    /// The file to write.
    #[arg(
        short,
        long,
        value_name = "FILE",
        default_value = "individual-growth-plan.xlsx"
    )]
    pub output: PathBuf,
    /// Blank goal rows in Section 3.
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u16).range(0..=200))]
    pub goals: u16,
    /// Fill the template with a worked example plan.
    #[arg(long)]
    pub example: bool,
    /// Overwrite the file if it exists.
    #[arg(short, long)]
    pub force: bool,
}

pub fn run(args: Args, verbosity: Verbosity) -> anyhow::Result<Exit> {
    if args.output.as_os_str() == "-" {
        bail!("the template is an xlsx workbook and cannot go to standard output; give a file name with -o");
    }
    super::require_xlsx(&args.output, "the template").map_err(|e| {
        e.context(
            "for the template as CSV: igp template -o t.xlsx, then igp convert t.xlsx -o t.csv",
        )
    })?;
    if args.output.exists() && !args.force {
        bail!(
            "{}: already exists; use --force to overwrite it",
            args.output.display()
        );
    }
    let plan = if args.example {
        igp::template::example()
    } else {
        igp::template::blank()
    };
    let options = WriteOptions {
        min_goal_rows: args.goals as usize,
        ..WriteOptions::default()
    };
    let mut file = write::AtomicFile::create(&args.output)?;
    let bytes = write::render(&plan, &[], Format::Xlsx, options)
        .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", args.output.display()))?;
    file.write_all(&bytes).map_err(|e| file.error(e))?;
    file.commit()?;
    if verbosity >= Verbosity::Normal {
        eprintln!("wrote {}", args.output.display());
    }
    Ok(Exit::Clean)
}

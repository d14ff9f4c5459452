//! `igp completions SHELL`: shell completion scripts, generated from the same definitions
//! as `--help`.

use super::{Cli, Exit};
use clap::CommandFactory;
use std::io::Write;

/// Print a shell completion script.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  igp completions bash > ~/.local/share/bash-completion/completions/igp"
)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let mut cmd = Cli::command();
    let mut out = super::stdout();
    clap_complete::generate(args.shell, &mut cmd, "igp", &mut out);
    out.flush()?;
    Ok(Exit::Clean)
}

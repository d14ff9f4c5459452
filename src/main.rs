//! The `igp` binary: parse the command line, run the command, map the outcome to an exit
//! code (0 clean, 1 findings at error level, 2 the command could not do its work).

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code.into(),
        Err(err) => {
            if cli::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {}", cli::one_line(&err));
            cli::Exit::Failure.into()
        }
    }
}

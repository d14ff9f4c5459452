//! The `igp` binary: parse the command line, run the command, map the outcome to an exit
//! code (0 clean, 1 findings at error level, 2 the command could not do its work).

mod cli;

use clap::Parser;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A panic of a workbook reader on a damaged file is caught and reported as an error
    // naming the file; anything else is a bug and is printed as usual.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !igp::read::workbook::in_guarded_reader() {
            default_hook(info);
        }
    }));
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

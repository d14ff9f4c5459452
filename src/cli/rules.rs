//! `igp rules`: list the rules, or explain one.

use super::Exit;
use anyhow::bail;
use std::io::Write;

/// List the rules, or explain one: what it checks, why it matters, an example that fails
/// and one that passes.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  igp rules
  igp rules G005
  igp rules placeholder-text
  igp rules --markdown      # the table in the README")]
pub struct Args {
    /// A rule's code (G005) or name (unmeasurable-step).
    #[arg(value_name = "CODE")]
    pub code: Option<String>,
    /// Print the list as a Markdown table.
    #[arg(long, conflicts_with = "code")]
    pub markdown: bool,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let mut out = super::stdout();
    match args.code {
        Some(code) => match igp::rules::rule(&code) {
            Some(rule) => write!(out, "{}", igp::rules::explain(rule))?,
            None => bail!("no rule {code:?}; `igp rules` lists them"),
        },
        None if args.markdown => write!(out, "{}", igp::rules::markdown_table())?,
        None => {
            for r in igp::rules::RULES {
                writeln!(
                    out,
                    "{}  {:<22} {:<8} {}",
                    r.code.code,
                    r.code.name,
                    r.code.severity.as_str(),
                    r.code.summary
                )?;
            }
        }
    }
    out.flush()?;
    Ok(Exit::Clean)
}

//! `igp schema`: the JSON Schema of the plan model.

use super::Exit;
use std::io::Write;

/// Print the JSON Schema of the plan model (what `igp convert --to json` writes).
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  igp schema > igp-plan.schema.json")]
pub struct Args {}

pub fn run(_args: Args) -> anyhow::Result<Exit> {
    let schema = schemars::schema_for!(igp::model::Plan);
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &schema)?;
    writeln!(out)?;
    Ok(Exit::Clean)
}

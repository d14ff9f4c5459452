//! `igp schema`: the JSON Schema of the plan model.

use super::Exit;
use std::io::Write;

/// Print the JSON Schema of the plan model (what `igp convert --to json` writes), or of
/// the diff (`igp diff --format json`).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  igp schema > igp-plan.schema.json\n  igp schema diff > igp-diff.schema.json"
)]
pub struct Args {
    /// Which shape.
    #[arg(value_enum, default_value_t = Shape::Plan)]
    pub shape: Shape,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shape {
    /// The plan model.
    Plan,
    /// What `igp diff --format json` writes.
    Diff,
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let schema = match args.shape {
        Shape::Plan => schemars::schema_for!(igp::model::Plan),
        Shape::Diff => schemars::schema_for!(igp::diff::PlanDiff),
    };
    let mut out = super::stdout();
    serde_json::to_writer_pretty(&mut out, &schema)?;
    writeln!(out)?;
    out.flush()?;
    Ok(Exit::Clean)
}

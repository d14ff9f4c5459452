//! `igp diff`: what changed between two versions of one plan, for the quarterly review.

use super::{Exit, Verbosity};
use anyhow::bail;
use igp::diff::{GoalChange, PlanDiff, StepChange};
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Show what changed between two versions of one plan: goals added, removed and changed
/// (matched by Skill/Behavior, then by content, so a goal that moved or was renamed is
/// still the same goal), action steps added, reworded or marked done, answers, direction,
/// checklist items ticked, the review date, and the findings fixed and new.
///
/// The versions may be in any formats igp reads (last quarter's xlsx against today's CSV).
/// Exit status, as diff's: 0 the same plan, 1 it changed, 2 they could not be compared.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  igp diff plan-q1.xlsx plan-q2.csv
  igp diff plan-q1.xlsx plan-q2.xlsx --format markdown > agenda.md
  igp diff old.ods new.xlsx --format json | jq .goals")]
pub struct Args {
    /// The older version.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The newer version.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// The output format.
    #[arg(long, value_enum, ignore_case = true, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// When to color the human output.
    #[arg(long, value_enum, default_value_t = super::check::ColorChoice::Auto)]
    pub color: super::check::ColorChoice,
    #[command(flatten)]
    pub check: super::CheckOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Grouped by goal, coloured on a terminal.
    Human,
    /// The shape `igp schema diff` describes.
    Json,
    /// Pasteable as a 1:1 agenda.
    #[value(alias = "md")]
    Markdown,
}

pub fn run(args: Args, verbosity: Verbosity) -> anyhow::Result<Exit> {
    let resolved = args.check.resolve(verbosity)?;
    if args.old.is_dir() || args.new.is_dir() {
        bail!("igp diff compares two plan files; give two files, not folders");
    }
    let read = |p: &PathBuf| -> anyhow::Result<(igp::read::Reading, Vec<igp::finding::Finding>)> {
        let reading = igp::read::read_plan(std::slice::from_ref(p), &resolved.read)?;
        if reading.sections.is_empty() {
            let why = reading
                .findings
                .first()
                .map_or("no Individual Growth Plan found", |f| f.message.as_str());
            bail!("{}: {why}", p.display());
        }
        let findings = igp::rules::check(&reading, &resolved.settings);
        Ok((reading, findings))
    };
    let (old, old_findings) = read(&args.old)?;
    let (new, new_findings) = read(&args.new)?;
    let d = igp::diff::diff(&old.plan, &new.plan, &old_findings, &new_findings);
    let color = match args.color {
        super::check::ColorChoice::Always => true,
        super::check::ColorChoice::Never => false,
        super::check::ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let text = match args.format {
        DiffFormat::Human => human(&d, color),
        DiffFormat::Json => serde_json::to_string_pretty(&d)? + "\n",
        DiffFormat::Markdown => markdown(&d),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(if d.is_empty() {
        Exit::Clean
    } else {
        Exit::Findings
    })
}

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// `before → after`, the before in red and the after in green on a terminal.
fn arrow(before: Option<&str>, after: Option<&str>, color: bool) -> String {
    let show = |v: Option<&str>| match v {
        Some(t) => format!("\"{}\"", t.replace('\n', " / ")),
        None => "(blank)".to_string(),
    };
    if color {
        format!(
            "{RED}{}{RESET} → {GREEN}{}{RESET}",
            show(before),
            show(after)
        )
    } else {
        format!("{} → {}", show(before), show(after))
    }
}

fn goal_title(index: usize, skill: Option<&str>) -> String {
    match skill {
        Some(s) => format!("goal {index} \"{s}\""),
        None => format!("goal {index}"),
    }
}

/// The human report: by part of the plan, each goal's changes together.
pub fn human(d: &PlanDiff, color: bool) -> String {
    let mut s = String::new();
    let head = |s: &mut String, t: &str| {
        if color {
            let _ = writeln!(s, "{BOLD}{t}{RESET}");
        } else {
            let _ = writeln!(s, "{t}");
        }
    };
    let _ = writeln!(s, "{} → {}", d.old.join(" + "), d.new.join(" + "));
    if d.is_empty() {
        let _ = writeln!(s, "the same plan: nothing changed");
        return s;
    }
    let changes = |s: &mut String, title: &str, list: &[igp::diff::Change]| {
        if !list.is_empty() {
            s.push('\n');
            head(s, title);
            for c in list {
                let _ = writeln!(
                    s,
                    "  {}: {}",
                    c.field,
                    arrow(c.before.as_deref(), c.after.as_deref(), color)
                );
            }
        }
    };
    changes(&mut s, "Header", &d.owner);
    if !d.reviewed.moved {
        let _ = writeln!(
            s,
            "\nLast reviewed: not moved ({})",
            d.reviewed.before.as_deref().unwrap_or("never")
        );
    }
    changes(
        &mut s,
        "Section 1: Discover your Inspiration",
        &d.inspiration,
    );
    changes(&mut s, "Section 2: Clarify your Role", &d.role);
    if !d.goals.is_empty() {
        s.push('\n');
        head(&mut s, "Section 3: Set Specific Goals");
        for g in &d.goals {
            match g {
                GoalChange::Added { index, skill } => {
                    let _ = writeln!(s, "  added: {}", goal_title(*index, skill.as_deref()));
                }
                GoalChange::Removed { index, skill } => {
                    let _ = writeln!(s, "  removed: {}", goal_title(*index, skill.as_deref()));
                }
                GoalChange::Changed {
                    old_index,
                    new_index,
                    skill,
                    fields,
                    steps,
                } => {
                    let moved = if old_index == new_index {
                        String::new()
                    } else {
                        format!(" (goal {old_index} before)")
                    };
                    let _ = writeln!(s, "  {}{moved}:", goal_title(*new_index, skill.as_deref()));
                    for c in fields {
                        let _ = writeln!(
                            s,
                            "    {}: {}",
                            c.field,
                            arrow(c.before.as_deref(), c.after.as_deref(), color)
                        );
                    }
                    for st in steps {
                        let _ = match st {
                            StepChange::Added { step } => writeln!(s, "    step added: \"{step}\""),
                            StepChange::Removed { step } => {
                                writeln!(s, "    step removed: \"{step}\"")
                            }
                            StepChange::Done { step } => writeln!(s, "    step done: \"{step}\""),
                            StepChange::Reworded { before, after } => writeln!(
                                s,
                                "    step reworded: {}",
                                arrow(Some(before), Some(after), color)
                            ),
                        };
                    }
                }
            }
        }
    }
    if !d.tracking.is_empty() {
        s.push('\n');
        head(&mut s, "Section 4: Track, Reflect, and Iterate");
        for t in &d.tracking {
            let _ = writeln!(s, "  {}: {}", t.change, t.item);
        }
    }
    if !d.findings.fixed.is_empty() || !d.findings.new.is_empty() {
        s.push('\n');
        head(&mut s, "Findings (igp check)");
        for (what, list) in [("fixed", &d.findings.fixed), ("new", &d.findings.new)] {
            for f in list.iter() {
                let on = f.goal.map(|g| format!(" on goal {g}")).unwrap_or_default();
                let _ = writeln!(s, "  {what}: {}{on} ({}): {}", f.code, f.name, f.message);
            }
        }
    }
    s
}

/// The Markdown report: headings and lists, to paste as the agenda of a 1:1.
pub fn markdown(d: &PlanDiff) -> String {
    let md = |t: &str| t.replace('\n', " / ").replace('|', "\\|");
    let val = |v: &Option<String>| {
        v.as_deref()
            .map_or("*(blank)*".to_string(), |t| format!("\"{}\"", md(t)))
    };
    let mut s = String::from("# What changed in the plan\n\n");
    let _ = writeln!(
        s,
        "{} → {}\n",
        md(&d.old.join(" + ")),
        md(&d.new.join(" + "))
    );
    if d.is_empty() {
        s.push_str("Nothing changed.\n");
        return s;
    }
    let _ = writeln!(
        s,
        "Last reviewed: {}\n",
        if d.reviewed.moved {
            format!("{} → {}", val(&d.reviewed.before), val(&d.reviewed.after))
        } else {
            format!(
                "not moved ({})",
                d.reviewed.before.as_deref().unwrap_or("never")
            )
        }
    );
    let changes = |s: &mut String, title: &str, list: &[igp::diff::Change]| {
        if !list.is_empty() {
            let _ = writeln!(s, "## {title}\n");
            for c in list {
                let _ = writeln!(
                    s,
                    "- **{}**: {} → {}",
                    md(&c.field),
                    val(&c.before),
                    val(&c.after)
                );
            }
            s.push('\n');
        }
    };
    changes(&mut s, "Header", &d.owner);
    changes(
        &mut s,
        "Section 1: Discover your Inspiration",
        &d.inspiration,
    );
    changes(&mut s, "Section 2: Clarify your Role", &d.role);
    if !d.goals.is_empty() {
        s.push_str("## Section 3: Set Specific Goals\n\n");
        for g in &d.goals {
            match g {
                GoalChange::Added { index, skill } => {
                    let _ = writeln!(s, "- Added: {}", md(&goal_title(*index, skill.as_deref())));
                }
                GoalChange::Removed { index, skill } => {
                    let _ = writeln!(
                        s,
                        "- Removed: {}",
                        md(&goal_title(*index, skill.as_deref()))
                    );
                }
                GoalChange::Changed {
                    new_index,
                    skill,
                    fields,
                    steps,
                    ..
                } => {
                    let _ = writeln!(s, "- {}", md(&goal_title(*new_index, skill.as_deref())));
                    for c in fields {
                        let _ = writeln!(
                            s,
                            "  - {}: {} → {}",
                            md(&c.field),
                            val(&c.before),
                            val(&c.after)
                        );
                    }
                    for st in steps {
                        let _ = match st {
                            StepChange::Added { step } => {
                                writeln!(s, "  - Step added: \"{}\"", md(step))
                            }
                            StepChange::Removed { step } => {
                                writeln!(s, "  - Step removed: \"{}\"", md(step))
                            }
                            StepChange::Done { step } => {
                                writeln!(s, "  - [x] Step done: \"{}\"", md(step))
                            }
                            StepChange::Reworded { before, after } => {
                                writeln!(
                                    s,
                                    "  - Step reworded: \"{}\" → \"{}\"",
                                    md(before),
                                    md(after)
                                )
                            }
                        };
                    }
                }
            }
        }
        s.push('\n');
    }
    if !d.tracking.is_empty() {
        s.push_str("## Section 4: Track, Reflect, and Iterate\n\n");
        for t in &d.tracking {
            let mark = if t.change == "ticked" { "[x]" } else { "[ ]" };
            let _ = writeln!(s, "- {mark} {}: {}", t.change, md(&t.item));
        }
        s.push('\n');
    }
    if !d.findings.fixed.is_empty() || !d.findings.new.is_empty() {
        s.push_str("## Findings (igp check)\n\n");
        for (what, list) in [("Fixed", &d.findings.fixed), ("New", &d.findings.new)] {
            for f in list.iter() {
                let on = f.goal.map(|g| format!(" on goal {g}")).unwrap_or_default();
                let _ = writeln!(s, "- {what}: `{}`{on}: {}", f.code, md(&f.message));
            }
        }
        s.push('\n');
    }
    s
}

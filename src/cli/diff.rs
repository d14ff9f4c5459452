//! `igp diff`: what changed between two versions of one plan, for the quarterly review.

use super::{Exit, Verbosity};
use anyhow::bail;
use igp::diff::{GoalChange, PlanDiff, StepChange};
use igp::layout::Section;
use igp::report::human::printable;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Show what changed between two versions of a plan, or of a folder of plans.
///
/// Goals added, removed and changed (matched by Skill/Behavior, then by content, so a goal that moved or was renamed is
/// still the same goal), action steps added, reworded or marked done, answers, direction,
/// checklist items ticked, the review date, and the findings fixed and new.
///
/// The versions may be in any formats igp reads (last quarter's xlsx against today's CSV).
/// Given two folders, the plans are paired by owner name (then by file name) and a table
/// shows each person's progress, with the plans found on one side only.
/// Exit status, as diff's: 0 the same plan(s), 1 changed, 2 they could not be compared.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  igp diff plan-q1.xlsx plan-q2.csv
  igp diff plan-q1.xlsx plan-q2.xlsx -o agenda.md   # Markdown, from the extension
  igp diff old.ods new.xlsx --format json | jq .goals
  igp diff plans-q1/ plans-q2/                  # a team table of progress")]
pub struct Args {
    /// The older version (a plan, or a folder of plans).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The newer version (a plan, or a folder of plans).
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// The output format [default: from the -o file's extension (.json, .md), else human].
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<DiffFormat>,
    /// Write to this file instead of standard output (`-` is standard output); an existing
    /// file is overwritten, as a report is.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
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

impl Args {
    /// The output file, if not standard output.
    fn file(&self) -> Option<&Path> {
        self.output.as_deref().filter(|p| !super::is_stdout(p))
    }

    /// The format: --format, else the output's extension, else human. A --format that
    /// the extension contradicts is refused rather than written under the wrong name.
    fn format(&self) -> anyhow::Result<DiffFormat> {
        let from_ext = match self.file().and_then(super::extension).as_deref() {
            Some("json") => Some(DiffFormat::Json),
            Some("md" | "markdown") => Some(DiffFormat::Markdown),
            _ => None,
        };
        match (self.format, from_ext) {
            (Some(f), Some(e)) if f != e => bail!(
                "{}: the extension says {} but --format {} was given; rename the file or drop --format",
                self.file().map(Path::display).map(|d| d.to_string()).unwrap_or_default(),
                e.name(),
                f.name()
            ),
            (Some(f), _) | (None, Some(f)) => Ok(f),
            (None, None) => Ok(DiffFormat::Human),
        }
    }

    /// Writes the text to the output: the file (replaced, as a report is) or standard output.
    fn emit(&self, text: &str, verbosity: Verbosity) -> anyhow::Result<()> {
        match self.file() {
            Some(path) => {
                igp::write::write_atomic(path, text.as_bytes())?;
                if verbosity >= Verbosity::Normal {
                    eprintln!("wrote {}", path.display());
                }
            }
            None => {
                let mut out = super::stdout();
                out.write_all(text.as_bytes())?;
                out.flush()?;
            }
        }
        Ok(())
    }
}

impl DiffFormat {
    fn name(self) -> &'static str {
        match self {
            DiffFormat::Human => "human",
            DiffFormat::Json => "json",
            DiffFormat::Markdown => "markdown",
        }
    }
}

pub fn run(args: Args, verbosity: Verbosity) -> anyhow::Result<Exit> {
    let resolved = args.check.resolve(verbosity)?;
    let format = args.format()?;
    if let Some(out) = args.file() {
        if [&args.old, &args.new]
            .iter()
            .any(|input| super::inputs::same_file(input, out))
        {
            bail!(
                "{}: the output is one of the inputs; choose another output path",
                out.display()
            );
        }
    }
    let color = match args.color {
        super::check::ColorChoice::Always => true,
        super::check::ColorChoice::Never => false,
        super::check::ColorChoice::Auto => {
            args.file().is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    match (args.old.is_dir(), args.new.is_dir()) {
        (true, true) => return folders(&args, &resolved, verbosity),
        (false, false) => {}
        _ => bail!("igp diff compares two plans or two folders of plans; give two of a kind"),
    }
    let (old, old_findings) = read_checked(&args.old, &resolved)?;
    let (new, new_findings) = read_checked(&args.new, &resolved)?;
    let d = igp::diff::diff(&old.plan, &new.plan, &old_findings, &new_findings);
    let text = match format {
        DiffFormat::Human => human(&d, color),
        DiffFormat::Json => serde_json::to_string_pretty(&d)? + "\n",
        DiffFormat::Markdown => markdown(&d),
    };
    args.emit(&text, verbosity)?;
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

/// Plan text as the terminal shows it: one line, no control characters.
fn shown(text: &str) -> String {
    printable(&text.replace('\n', " / ")).into_owned()
}

/// `before → after`. On a terminal the before is red and the after green; when both are
/// there, only the words that changed are coloured (as `git diff --color-words` shows them).
fn arrow(before: Option<&str>, after: Option<&str>, color: bool) -> String {
    let quoted = |v: Option<&str>| match v {
        Some(t) => format!("\"{}\"", shown(t)),
        None => "(blank)".to_string(),
    };
    match (before, after, color) {
        (Some(b), Some(a), true) => {
            let (b, a) = (shown(b), shown(a));
            let d = similar::TextDiff::configure()
                .timeout(std::time::Duration::from_millis(50))
                .diff_words(b.as_str(), a.as_str());
            // Each side in runs: a run of changed words is one coloured span.
            let (mut old, mut new) = (Marked::new(RED), Marked::new(GREEN));
            for c in d.iter_all_changes() {
                match c.tag() {
                    similar::ChangeTag::Equal => {
                        old.push(c.value(), false);
                        new.push(c.value(), false);
                    }
                    similar::ChangeTag::Delete => old.push(c.value(), true),
                    similar::ChangeTag::Insert => new.push(c.value(), true),
                }
            }
            let (old, new) = (old.done(), new.done());
            format!("\"{old}\" → \"{new}\"")
        }
        (_, _, true) => format!(
            "{RED}{}{RESET} → {GREEN}{}{RESET}",
            quoted(before),
            quoted(after)
        ),
        (_, _, false) => format!("{} → {}", quoted(before), quoted(after)),
    }
}

/// Text with some of its words in bold colour: a span opens where a changed word follows
/// an unchanged one and closes where the changes end.
struct Marked {
    text: String,
    color: &'static str,
    open: bool,
}

impl Marked {
    fn new(color: &'static str) -> Marked {
        Marked {
            text: String::new(),
            color,
            open: false,
        }
    }

    fn push(&mut self, word: &str, changed: bool) {
        // Spaces between two changed words stay in the span.
        let space = word.trim().is_empty();
        if changed && !self.open {
            let _ = write!(self.text, "{BOLD}{}", self.color);
            self.open = true;
        } else if !changed && self.open && !space {
            self.text.push_str(RESET);
            self.open = false;
        }
        self.text.push_str(word);
    }

    fn done(mut self) -> String {
        if self.open {
            self.text.push_str(RESET);
        }
        self.text
    }
}

/// Where a finding is, by the newer plan's goal numbers (a fixed finding's goal may have
/// moved, or gone), and what it says without the goal's old number and name.
fn on_goal(f: &igp::diff::FindingRef) -> (String, &str) {
    let on = match (f.goal, f.new_goal) {
        (Some(old), Some(g)) if old != g => format!(" on goal {g} (goal {old} before)"),
        (_, Some(g)) => format!(" on goal {g}"),
        (Some(g), None) => format!(" on goal {g}, since removed"),
        (None, None) => String::new(),
    };
    let message = match f.message.split_once(": ") {
        Some((_, rest)) if f.goal.is_some() => rest,
        _ => f.message.as_str(),
    };
    (on, message)
}

/// " (goal 3 before)" for a goal that moved, or nothing.
fn moved(old_index: usize, new_index: usize) -> String {
    if old_index == new_index {
        String::new()
    } else {
        format!(" (goal {old_index} before)")
    }
}

fn goal_title(index: usize, skill: Option<&str>) -> String {
    match skill {
        Some(s) => format!("goal {index} \"{}\"", shown(s)),
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
    // What happened, green for progress and red for what went away or came wrong.
    let tag = |word: &str| -> String {
        let paint = match word {
            "added" | "step added" | "step done" | "ticked" | "fixed" => GREEN,
            "removed" | "step removed" | "unticked" | "new" => RED,
            _ => "",
        };
        if color && !paint.is_empty() {
            format!("{paint}{word}{RESET}")
        } else {
            word.to_string()
        }
    };
    let _ = writeln!(
        s,
        "{} → {}",
        shown(&d.old.join(" + ")),
        shown(&d.new.join(" + "))
    );
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
                    shown(&c.field),
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
    changes(&mut s, Section::Inspiration.title(), &d.inspiration);
    changes(&mut s, Section::Role.title(), &d.role);
    if !d.goals.is_empty() {
        s.push('\n');
        head(&mut s, Section::Goals.title());
        for g in &d.goals {
            match g {
                GoalChange::Added { index, skill } => {
                    let _ = writeln!(
                        s,
                        "  {}: {}",
                        tag("added"),
                        goal_title(*index, skill.as_deref())
                    );
                }
                GoalChange::Removed { index, skill } => {
                    let _ = writeln!(
                        s,
                        "  {}: {}",
                        tag("removed"),
                        goal_title(*index, skill.as_deref())
                    );
                }
                GoalChange::Changed {
                    old_index,
                    new_index,
                    skill,
                    fields,
                    steps,
                } => {
                    let moved = moved(*old_index, *new_index);
                    let _ = writeln!(s, "  {}{moved}:", goal_title(*new_index, skill.as_deref()));
                    for c in fields {
                        let _ = writeln!(
                            s,
                            "    {}: {}",
                            shown(&c.field),
                            arrow(c.before.as_deref(), c.after.as_deref(), color)
                        );
                    }
                    for st in steps {
                        let _ = match st {
                            StepChange::Added { step } => {
                                writeln!(s, "    {}: \"{}\"", tag("step added"), shown(step))
                            }
                            StepChange::Removed { step } => {
                                writeln!(s, "    {}: \"{}\"", tag("step removed"), shown(step))
                            }
                            StepChange::Done { step } => {
                                writeln!(s, "    {}: \"{}\"", tag("step done"), shown(step))
                            }
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
        head(&mut s, Section::Tracking.title());
        for t in &d.tracking {
            let _ = writeln!(s, "  {}: {}", tag(&t.change), shown(&t.item));
        }
    }
    if !d.findings.fixed.is_empty() || !d.findings.new.is_empty() {
        s.push('\n');
        head(&mut s, "Findings (igp check)");
        for (what, list) in [("fixed", &d.findings.fixed), ("new", &d.findings.new)] {
            for f in list.iter() {
                let (on, message) = on_goal(f);
                let _ = writeln!(
                    s,
                    "  {}: {} ({}){on}: {}",
                    tag(what),
                    f.code,
                    f.name,
                    shown(message)
                );
            }
        }
    }
    s
}

/// The Markdown report: headings and lists, to paste as the agenda of a 1:1.
pub fn markdown(d: &PlanDiff) -> String {
    // Plan text escaped as `convert --to markdown` escapes it: no markup of its own.
    // Plan text escaped as `convert --to markdown` escapes it (no markup of its own), and
    // without control characters: the agenda is also read in a terminal.
    let md = |t: &str| igp::write::markdown::table_cell(&shown(t));
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
    // A review date that moved is listed under the header's changes.
    if !d.reviewed.moved {
        let _ = writeln!(
            s,
            "Last reviewed: not moved ({})\n",
            d.reviewed.before.as_deref().map_or("never".into(), md)
        );
    }
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
    changes(&mut s, Section::Inspiration.title(), &d.inspiration);
    changes(&mut s, Section::Role.title(), &d.role);
    if !d.goals.is_empty() {
        s.push_str(&format!("## {}\n\n", Section::Goals.title()));
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
                    old_index,
                    new_index,
                    skill,
                    fields,
                    steps,
                } => {
                    let moved = moved(*old_index, *new_index);
                    let _ = writeln!(
                        s,
                        "- {}{moved}",
                        md(&goal_title(*new_index, skill.as_deref()))
                    );
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
        s.push_str(&format!("## {}\n\n", Section::Tracking.title()));
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
                let (on, message) = on_goal(f);
                let _ = writeln!(s, "- {what}: `{}`{on}: {}", f.code, md(message));
            }
        }
        s.push('\n');
    }
    s
}

/// Reads a plan and checks it; a file with no plan in it cannot be compared.
fn read_checked(
    path: &PathBuf,
    resolved: &super::Resolved,
) -> anyhow::Result<(igp::read::Reading, Vec<igp::finding::Finding>)> {
    let reading = igp::read::read_plan(std::slice::from_ref(path), &resolved.read)?;
    super::refuse_no_plan(&reading)?;
    let findings = igp::rules::check(&reading, &resolved.settings);
    Ok((reading, findings))
}

/// One plan of a folder: where it is, whose it is, what it says.
struct Side {
    path: PathBuf,
    owner: Option<String>,
    read: anyhow::Result<(igp::read::Reading, Vec<igp::finding::Finding>)>,
}

/// A row of the team table: both sides of one person's plan, or one side only.
#[derive(serde::Serialize)]
struct Row {
    owner: Option<String>,
    old: Option<String>,
    new: Option<String>,
    /// The counts, where both sides were read.
    progress: Option<igp::diff::Progress>,
    /// Why a side could not be read or is missing, or that nothing changed.
    note: Option<String>,
}

/// `igp diff OLD_DIR NEW_DIR`: each person's plan paired across the folders, by owner name
/// and then by file name, and their progress in a table.
fn folders(args: &Args, resolved: &super::Resolved, verbosity: Verbosity) -> anyhow::Result<Exit> {
    let side = |dir: &PathBuf| -> anyhow::Result<Vec<Side>> {
        let inputs = super::inputs::expand(std::slice::from_ref(dir))?;
        if verbosity == Verbosity::Verbose {
            inputs.list_skipped();
        }
        Ok(inputs
            .files
            .into_iter()
            .map(|path| {
                let read = read_checked(&path, resolved);
                let owner = (read.as_ref().ok()).and_then(|(r, _)| r.plan.owner.name.clone());
                Side { path, owner, read }
            })
            .collect())
    };
    let old = side(&args.old)?;
    let mut new: Vec<Option<Side>> = side(&args.new)?.into_iter().map(Some).collect();
    let norm = igp::layout::normalize;
    let stem = |p: &PathBuf| p.file_stem().map(|s| s.to_string_lossy().to_lowercase());
    let shown = |p: &PathBuf| Some(p.display().to_string());
    let mut rows = Vec::new();
    let mut changed = false;
    for o in old {
        // By owner; when the owner has several plans in the newer folder, the one with the
        // same file name, else the first (and the row says so).
        let owned: Vec<usize> = (0..new.len())
            .filter(|&j| {
                let m = new[j].as_ref().and_then(|n| n.owner.as_deref());
                o.owner
                    .as_deref()
                    .is_some_and(|name| m.is_some_and(|m| norm(m) == norm(name)))
            })
            .collect();
        let same_name = owned.iter().copied().find(|&j| {
            new[j]
                .as_ref()
                .is_some_and(|n| stem(&n.path) == stem(&o.path))
        });
        let by_owner = same_name.or(owned.first().copied());
        let ambiguous = owned.len() > 1;
        let by_name = || {
            (new.iter()).position(|n| n.as_ref().is_some_and(|n| stem(&n.path) == stem(&o.path)))
        };
        let Some(n) = by_owner.or_else(by_name).and_then(|j| new[j].take()) else {
            changed = true;
            rows.push(Row {
                owner: o.owner.clone(),
                old: shown(&o.path),
                new: None,
                progress: None,
                note: Some("only in the older folder".into()),
            });
            continue;
        };
        let mut row = Row {
            owner: n.owner.clone().or(o.owner.clone()),
            old: shown(&o.path),
            new: shown(&n.path),
            progress: None,
            note: None,
        };
        match (&o.read, &n.read) {
            (Ok((a, fa)), Ok((b, fb))) => {
                let d = igp::diff::diff(&a.plan, &b.plan, fa, fb);
                changed |= !d.is_empty();
                row.progress = Some(d.progress());
                row.note = match (ambiguous, d.is_empty()) {
                    (true, _) => Some(format!(
                        "{} plans of this owner in the newer folder; paired with this one",
                        owned.len()
                    )),
                    (false, true) => Some("no change".to_string()),
                    (false, false) => None,
                };
            }
            (a, b) => {
                changed = true;
                row.note = (a.as_ref().err()).or(b.as_ref().err()).map(super::one_line);
            }
        }
        rows.push(row);
    }
    for n in new.into_iter().flatten() {
        changed = true;
        rows.push(Row {
            owner: n.owner.clone(),
            old: None,
            new: shown(&n.path),
            progress: None,
            note: Some(match &n.read {
                Ok(_) => "only in the newer folder".to_string(),
                Err(e) => super::one_line(e),
            }),
        });
    }
    let text = match args.format()? {
        DiffFormat::Json => {
            let report = serde_json::json!({
                "schema_version": igp::diff::DIFF_SCHEMA_VERSION,
                "plans": rows,
            });
            serde_json::to_string_pretty(&report)? + "\n"
        }
        DiffFormat::Human => team_table(&rows, false),
        DiffFormat::Markdown => team_table(&rows, true),
    };
    args.emit(&text, verbosity)?;
    Ok(if changed { Exit::Findings } else { Exit::Clean })
}

/// The team table: one row a person, as aligned columns or as a Markdown table.
fn team_table(rows: &[Row], markdown: bool) -> String {
    let head = [
        "owner",
        "plan",
        "goals +/-",
        "steps done",
        "items ticked",
        "fixed",
        "new",
        "reviewed",
        "note",
    ]
    .map(String::from);
    let cells: Vec<[String; 9]> = rows
        .iter()
        .map(|r| {
            let p = r.progress.as_ref();
            let n =
                |f: fn(&igp::diff::Progress) -> usize| p.map_or("-".into(), |p| f(p).to_string());
            [
                r.owner.clone().unwrap_or_else(|| "-".into()),
                r.new.clone().or(r.old.clone()).unwrap_or_default(),
                p.map_or("-".into(), |p| {
                    format!("+{} -{}", p.goals_added, p.goals_removed)
                }),
                n(|p| p.steps_done),
                n(|p| p.items_ticked),
                n(|p| p.findings_fixed),
                n(|p| p.findings_new),
                p.map_or("-".into(), |p| {
                    if p.reviewed { "yes" } else { "not since" }.into()
                }),
                r.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    // Owners and file names are the plans' words: one line each, no control characters.
    let cells: Vec<[String; 9]> = cells.into_iter().map(|c| c.map(|x| shown(&x))).collect();
    let mut s = String::new();
    if markdown {
        let row = |c: &[String]| {
            let c: Vec<String> = c
                .iter()
                .map(|x| igp::write::markdown::table_cell(x))
                .collect();
            format!("| {} |\n", c.join(" | "))
        };
        s.push_str("# Progress of the team's plans\n\n");
        s.push_str(&row(&head));
        s.push_str(&format!("|{}\n", "---|".repeat(head.len())));
        cells.iter().for_each(|c| s.push_str(&row(c)));
        return s;
    }
    let widths: Vec<usize> = (0..head.len())
        .map(|i| {
            (cells.iter().map(|c| c[i].chars().count()))
                .chain([head[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    for c in std::iter::once(&head).chain(&cells) {
        let mut line = String::new();
        for (x, w) in c.iter().zip(&widths) {
            line.push_str(x);
            line.push_str(&" ".repeat(w.saturating_sub(x.chars().count()) + 2));
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

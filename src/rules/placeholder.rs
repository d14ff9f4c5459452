//! G006 placeholder-text: a cell still holding filler or the template's own guidance.

use super::model::{self, Verdict};
use super::{goal_finding, goal_name, header, Context, Rule};
use crate::finding::{self, Confidence, Finding, Severity, Target};
use crate::layout::{self, GOAL_COLUMNS};
use crate::vocabulary::cells::{
    DEFERRAL_WORDS, DEFERRING, EMPTY_CELLS, MARKER_PHRASES, NOTHING, NOTHING_QUALIFIERS, PREFIXES,
    XREF_ANCHORS, XREF_WORDS,
};
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

pub const G006: Rule = Rule {
    code: finding::G006,
    what: "That no cell of a goal (and no answer of Sections 1 and 2, nor the Name) tells a reader nothing. A cell is a placeholder when it is, as a whole:\n\
1. Filler: TBD, TBC, TBA, TODO, to do, N/A, none yet, ?, ..., -, x, xxx, placeholder, fill in, coming soon, to be confirmed, lorem ipsum..., or a cell that starts with \"e.g.\", \"example:\", \"[insert\".\n\
2. The placeholder text that Word, Google Docs and form templates insert: \"Click or tap here to enter text.\", \"Your answer\", \"Short answer text\", \"Long answer text\", \"Type here\", \"Enter text here\", \"Add text\", \"Write something...\", \"Start typing...\".\n\
3. A deferral that names nothing: \"check with my lead\", \"awaiting budget cycle\", \"to be added\", \"will add later\", \"pending\", \"ask manager\", \"depends\".\n\
4. A bare cross-reference: \"as above\", \"same as above\", \"idem\", \"ditto\", \"like goal 2\", \"see goal 1\", \"siehe oben\", \"comme ci-dessus\", \"igual que arriba\".\n\
5. A bare \"nothing\", \"none\", \"nope\" (\"nichts\", \"rien\", \"nada\"); \"No\" and \"Yes\" answer Section 2's questions and are content.\n\
6. Only emoji or punctuation.\n\
7. Filler in German, French or Spanish: \"à compléter\", \"à définir\", \"por definir\", \"pendiente\", \"noch zu klären\", \"folgt\", \"offen\".\n\
8. The template's own guidance: a column's description or header, a question of Sections 1 and 2, or a goal cell that repeats its own column's header, even in a short form (\"Network\" under \"How will you engage your network?\").\n\
9. A marker (TBD, TBC, TODO, pending, \"à définir\", \"noch zu klären\") beside words that name nothing themselves (a deferral, or only words such as \"links\", \"details\", \"dates\"): \"TODO: add links\", \"Links TODO\", \"tbd, need to check with HR\".\n\
A cell that names a real resource, person, plan or obstacle is content, even beside a marker or a deferral: \"Pluralsight licence, start date TBC\", \"TODO: confirm the O'Reilly seat with IT\", \"budget, date TBD\", \"Ask Maria in L&D about the Coursera seat\", \"the same Udemy licence as goal 1\". Words that only look alike are content too: \"Example Mapping workshop\", \"To-do app in Rust\", \"Todoist for tracking\".\n\
Each cell is judged twice: by the list above, and by a second judge that learned from more than a thousand cells labelled by people against the same test (in data/judgment/). Where both say the cell is a placeholder, the finding is a warning; where they disagree, it is an info finding that asks whether the cell says what you plan. The Name, the Skill/Behavior and the action steps are judged by the list alone, the second judge only doubting it. JSON and SARIF give each finding a confidence, from 0.0 to 1.0: how sure igp is that the cell is a placeholder.",
    why: "Filler makes a plan look complete when it is not. Your manager reads the plan before your 1:1: write what you really plan. A blank cell is named as missing (G003), so that it is seen; filler hides that it is missing.",
    fails: "Anticipated Challenges: TBD\nWhat resources/support do you need?: Click or tap here to enter text.\nWhat resources/support do you need?: check with my lead\nHow will you engage your network?: same as goal 1",
    passes: "Anticipated Challenges: Finding time during on-call weeks\nWhat resources/support do you need?: Pluralsight licence, start date TBC",
    check: Some(placeholder_text),
};

fn placeholder_text(ctx: &Context, out: &mut Vec<Finding>) {
    let p = ctx.plan;
    if let Some(name) = &p.owner.name {
        if let Some(judged) = judge_cell(name, "name", None) {
            let message = match judged.verdict {
                Verdict::Asks => {
                    format!("is \"{name}\" your name? If it is a placeholder, write your name")
                }
                _ => format!("Name holds the placeholder \"{name}\"; write your name"),
            };
            out.push(
                judged
                    .finding(message)
                    .at_ref(p.owner.cells.get("name").map(String::as_str))
                    .target(Target::Owner(layout::OwnerField::Name)),
            );
        }
    }
    let answers = p
        .inspiration
        .iter()
        .enumerate()
        .map(|(i, a)| (a, Target::Inspiration(i)))
        .chain(
            p.role
                .answers
                .iter()
                .enumerate()
                .map(|(i, a)| (a, Target::RoleAnswer(i))),
        );
    for (a, target) in answers {
        if let Some(text) = a.answer.as_deref() {
            answer_finding(text, &a.question, a.cell.as_deref(), target, out);
        }
    }
    if let Some(text) = p.role.target_role.as_deref() {
        answer_finding(
            text,
            layout::TARGET_ROLE_LABEL,
            p.role.target_role_cell.as_deref(),
            Target::TargetRole,
            out,
        );
    }
    for g in &p.goals {
        for (i, col) in GOAL_COLUMNS.iter().enumerate() {
            let Some(text) = g.field(col.key) else {
                continue;
            };
            let judged = if col.key == "action_steps" {
                // A cell of steps is a placeholder where one of its steps is.
                let filler = g.action_steps.iter().any(|s| is_placeholder(s));
                judge_cell(text, col.key, filler.then_some(true))
            } else {
                judge_cell(text, col.key, Some(placeholder_in(text, Some(i))))
            };
            let Some(judged) = judged else {
                continue;
            };
            let short: String = text.chars().take(50).collect();
            let header = header(col.key);
            let write = what_to_write(col.key);
            let message = match judged.verdict {
                Verdict::Asks => format!(
                    "{}: does \"{short}\" under \"{header}\" say what you plan? If it is a placeholder, write {write}",
                    goal_name(g),
                ),
                _ => format!(
                    "{}: \"{header}\" holds the placeholder \"{short}\"; write {write}",
                    goal_name(g),
                ),
            };
            let f = goal_finding(finding::G006, g, col.key, message);
            out.push(judged.with(f));
        }
    }
}

/// Judges a cell of `column` (a goal field's key, "answer" for an answer of Sections 1
/// and 2, "name") twice, as the rule does. `None` when both say it is content.
pub fn judge_text(text: &str, column: &str) -> Option<model::Judged> {
    let own = GOAL_COLUMNS.iter().position(|c| c.key == column);
    judge_cell(text, column, Some(placeholder_in(text, own)))
}

/// What the procedure alone says of a cell of `column`: whether it is a placeholder.
pub fn procedure_says(text: &str, column: &str) -> bool {
    let own = GOAL_COLUMNS.iter().position(|c| c.key == column);
    placeholder_in(text, own)
}

/// What a cell of a goal column should say instead of a placeholder.
fn what_to_write(key: &str) -> &'static str {
    match key {
        "skill" => "the skill or behavior you will grow",
        "resources" => "the course, book, budget or person you will use",
        "career_support" => "how this helps your career",
        "action_steps" => "a step someone could later call done, with its date",
        "network" => "who you will share it with, and how",
        "challenges" => "what could get in your way",
        _ => "what you really plan",
    }
}

/// The columns the model of G006 has learned from: elsewhere (the Name, the Skill, the
/// action steps) only the procedure can raise a finding, and the model can only doubt it.
const LEARNED_COLUMNS: &[&str] = &[
    "resources",
    "career_support",
    "network",
    "challenges",
    "answer",
];

/// Judges a cell twice: the procedure (`procedure`, or [`is_placeholder`] when `None`)
/// and the model. `None` when both say it is content.
fn judge_cell(text: &str, column: &str, procedure: Option<bool>) -> Option<model::Judged> {
    if text.trim().is_empty() {
        return None;
    }
    let filler = procedure.unwrap_or_else(|| is_placeholder(text));
    if !filler && !LEARNED_COLUMNS.contains(&column) {
        return None;
    }
    let judged = model::judge_twice(filler, model::CELLS.probability(text, column));
    (judged.verdict != Verdict::Passes).then_some(judged)
}

trait Judge {
    fn finding(&self, message: String) -> Finding;
    fn with(&self, f: Finding) -> Finding;
}

impl Judge for model::Judged {
    /// A G006 finding of this verdict.
    fn finding(&self, message: String) -> Finding {
        self.with(Finding::new(finding::G006, message))
    }

    /// `f` at this verdict's severity and confidence.
    fn with(&self, mut f: Finding) -> Finding {
        if self.verdict == Verdict::Asks {
            f.severity = Severity::Info;
        }
        f.confidence = Some(Confidence::new(self.confidence));
        f
    }
}

fn answer_finding(
    text: &str,
    question: &str,
    cell: Option<&str>,
    target: Target,
    out: &mut Vec<Finding>,
) {
    let Some(judged) = judge_cell(text, "answer", None) else {
        return;
    };
    let short: String = text.chars().take(50).collect();
    let message = match judged.verdict {
        Verdict::Asks => format!(
            "is \"{short}\" your answer to \"{question}\"? If it is a placeholder, write your own answer"
        ),
        _ => format!("the answer to \"{question}\" is the placeholder \"{short}\"; write your own answer"),
    };
    out.push(judged.finding(message).at_ref(cell).target(target));
}

/// Whether a cell's text is filler or the template's own guidance.
pub fn is_placeholder(text: &str) -> bool {
    placeholder_in(text, None)
}

/// Whether a normalized cell of at most a few words names nothing: a bare "nothing", a
/// deferral, a bare cross-reference, or field words beside a marker (`marked`).
fn names_nothing(key: &str, marked: bool) -> bool {
    let words = || key.split(' ').filter(|w| !w.is_empty());
    if words().count() == 0 {
        return true;
    }
    if words()
        .next()
        .is_some_and(|w| NOTHING.contains(&w) && w != "a")
        && words().all(|w| NOTHING.contains(&w) || NOTHING_QUALIFIERS.contains(&w))
    {
        return true;
    }
    if words().all(|w| XREF_WORDS.contains(&w)) && words().any(|w| XREF_ANCHORS.contains(&w)) {
        return true;
    }
    if !words().all(|w| DEFERRAL_WORDS.contains(&w)) {
        return false;
    }
    // A deferring verb ("awaiting budget cycle"), or a marker beside words that name no
    // resource ("Links TODO"; but "budget, date TBD" names the budget it needs).
    let is_marker = |w: &str| matches!(w, "tbd" | "tbc" | "tba" | "todo");
    words().any(|w| DEFERRING.contains(&w) && !is_marker(w))
        || (marked || words().any(is_marker)) && !words().any(|w| w == "budget")
}

/// [`is_placeholder`] for a cell of goal column `own`, where its header is filler too,
/// even in a short form ("Network" under "How will you engage your network?").
fn placeholder_in(text: &str, own: Option<usize>) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return false;
    }
    // Only punctuation or emoji: "?", "...", "-", "…", "--", "🤷".
    if !t.chars().any(char::is_alphanumeric) {
        return true;
    }
    // The prefixes are ASCII and short: only the start of the cell is compared.
    let starts_with = |prefix: &str| {
        t.as_bytes()
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    // Each prefix starts with one of these: most cells are ruled out by their first byte.
    let first = t.as_bytes()[0].to_ascii_lowercase();
    let prefixes = if matches!(first, b'e' | b'f' | b'l' | b'[' | b'<') {
        PREFIXES
    } else {
        &[]
    };
    for prefix in prefixes {
        if starts_with(prefix) {
            return true;
        }
    }
    // Filler and the template's own words, compared whole (a cell longer than all of
    // them is none of them).
    if let Some(key) = layout::vocabulary_key(t) {
        if layout::is_filler_key(&key)
            || layout::is_guidance_key(&key)
            || own.is_some() && layout::goal_column_key(&key) == own
        {
            return true;
        }
    }
    // What is left says nothing only when it is short, a few words, each of them a word
    // that says nothing (most cells are ruled out by their first word).
    if t.len() > SHORT || !only_empty_words(t) {
        return false;
    }
    let Some(key) = layout::normalize_bounded(t, SHORT) else {
        return false;
    };
    if EMPTY_CELLS.contains(&key.as_str()) {
        return true;
    }
    // A marker beside words that name nothing ("Links TODO", "TODO: add links"), a
    // deferral ("check with my lead") or a bare cross-reference ("like goal 2").
    // (TBD, TBC, TBA and TODO themselves are words of the key, found by `names_nothing`.)
    let mut marked = false;
    let mut rest = key.clone();
    for phrase in MARKER_PHRASES {
        if let Some(at) = rest.find(phrase) {
            rest.replace_range(at..at + phrase.len(), " ");
            marked = true;
        }
    }
    names_nothing(&rest, marked)
}

/// Every word of [`EMPTY_CELLS`], [`DEFERRAL_WORDS`], [`XREF_WORDS`] and
/// [`MARKER_PHRASES`]: a cell with any other word names something.
static EMPTY_WORDS: LazyLock<FxHashSet<&'static [u8]>> = LazyLock::new(|| {
    EMPTY_CELLS
        .iter()
        .chain(MARKER_PHRASES)
        .flat_map(|c| c.split(' '))
        .chain(DEFERRAL_WORDS.iter().copied())
        .chain(XREF_WORDS.iter().copied())
        .chain(NOTHING.iter().copied())
        .chain(NOTHING_QUALIFIERS.iter().copied())
        .map(str::as_bytes)
        .collect()
});

/// Whether every word of `t` (as [`layout::normalize`] splits and lower-cases them) is one
/// of [`EMPTY_WORDS`], and there are at most eight. ASCII words are compared without
/// allocating; a cell with other letters is normalized first.
fn only_empty_words(t: &str) -> bool {
    let bytes = t.as_bytes();
    let mut buf = [0u8; 16];
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii() {
            // Other letters: the slow way, through `normalize`.
            let key = layout::normalize(t);
            return key.split(' ').count() <= 8
                && key.split(' ').all(|w| EMPTY_WORDS.contains(w.as_bytes()));
        }
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i < bytes.len() && !bytes[i].is_ascii() {
            // A word with other letters ("klären"): the slow way above.
            continue;
        }
        count += 1;
        let len = i - start;
        if count > 8 || len > buf.len() {
            return false;
        }
        for (to, from) in buf.iter_mut().zip(&bytes[start..i]) {
            *to = from.to_ascii_lowercase();
        }
        if !EMPTY_WORDS.contains(&buf[..len]) {
            return false;
        }
    }
    true
}

/// The longest cell (in bytes) that may be a deferral or a cross-reference.
const SHORT: usize = 64;

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    const PLACEHOLDERS: &[&str] = &[
        "TBD",
        "tbd",
        "TBD.",
        "TBC",
        "TODO",
        "todo",
        "To do",
        "N/A",
        "n/a",
        "NA",
        "?",
        "??",
        "...",
        "…",
        "-",
        "--",
        "x",
        "XXX",
        "lorem ipsum dolor sit amet",
        "Lorem Ipsum",
        "e.g. Toastmasters",
        "E.g. sign up for a course",
        "eg. LinkedIn Learning",
        "Example: present at the team demo",
        "Placeholder",
        "Fill in",
        "Your answer here",
        "Links TODO",
        "Venue TBA",
        "Dates (TBC)",
        "Owner: TBD…",
        "Écrire TODO",
        "TODO: add handbook links",
        "Coming soon",
        "What are you learning? Identify the main skill/behavior that you want to develop.",
        "How will you engage your network?",
        "Anticipated Challenges",
        "How do you like to learn?",
        "[Insert your goal]",
        "To be decided",
        "Click or tap here to enter text.",
        "check with my lead",
        "awaiting budget cycle",
        "as above",
        "like goal 2",
        "nothing",
        "🤷",
        "à compléter",
        "por definir",
        "noch zu klären",
    ];

    const NOT_PLACEHOLDERS: &[&str] = &[
        "Budget TBD",
        "budget, date TBD",
        "Pluralsight licence, start date TBC",
        "TODO: confirm the O'Reilly seat with IT",
        "Example Mapping workshop",
        "To-do app in Rust as a practice project",
        "Kanban: keep the to do column short",
        "Public speaking",
        "N/A means no blockers this quarter: my manager agreed",
        "Ask for feedback after every demo",
        "Todoist for tracking",
        "Examples of good design docs from the handbook",
        "Na'vi language course",
        "Xavier from the platform team as a mentor",
        "Testing strategy",
        "Lateral move to data engineering",
        "A mentor to practice with",
        "Tbilisi office visit",
        "Later in the year I will apply for the lead role",
        "Read 'The Manager's Path'",
        "Finding time; I will block Friday afternoons",
        "eBPF tracing",
        "Egyptian history talk at the book club",
        "Pairing with QA",
        "Nerves; finding time",
        "+1 hour a week of study is hard to find",
        "Section about networks in the handbook",
        "How to give feedback (course)",
        "Test-driven development kata",
        "The x86 assembly course",
        "Question-driven development",
        "Exam cost, €300",
        "Fill the gaps in my SQL knowledge",
        "Coming back from leave in March",
        "Test automation",
        "E2E testing with Playwright",
        "Clear the TBDs from the roadmap",
        "Fix the TODOs in the build",
        "ÉTBD course",
        "Toronto office visit",
    ];

    #[test]
    fn placeholders() {
        for s in PLACEHOLDERS {
            assert!(is_placeholder(s), "should be a placeholder: {s}");
        }
    }

    #[test]
    fn real_text_including_near_misses() {
        for s in NOT_PLACEHOLDERS {
            assert!(!is_placeholder(s), "should not be a placeholder: {s}");
        }
    }
}

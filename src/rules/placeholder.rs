//! G006 placeholder-text: a cell still holding filler or the template's own guidance.

use super::{goal_finding, goal_name, header, Context, Rule};
use crate::finding::{self, Finding, Target};
use crate::layout::{self, GOAL_COLUMNS};

pub const G006: Rule = Rule {
    code: finding::G006,
    what: "That no cell of a goal (and no answer of Sections 1 and 2, nor the Name) still holds filler or the template's own guidance. Filler is a whole cell of: TBD, TBC, TODO, to do, N/A, NA, none yet, ?, ..., -, x, xxx, placeholder, fill in, your answer here, type here, coming soon; a cell that starts with \"e.g.\", \"eg\", \"example:\" or \"lorem ipsum\"; the upper-case markers TBD, TBC or TODO anywhere in a cell (\"Budget TBD\"); or the text of a column's description, header or a question; or a goal cell that repeats its own column's header, even in a short form (\"Network\" under \"How will you engage your network?\"). Words that only look alike are fine: \"Example Mapping workshop\", \"To-do app in Rust\", \"Kanban to do column\".",
    why: "Filler makes a plan look complete when it is not. Your manager reads the plan before your 1:1: write what you really plan, or leave the cell blank so that it shows as missing.",
    fails: "Anticipated Challenges: TBD",
    passes: "Anticipated Challenges: Finding time during on-call weeks",
    check: Some(placeholder_text),
};

fn placeholder_text(ctx: &Context, out: &mut Vec<Finding>) {
    let p = ctx.plan;
    if let Some(name) = &p.owner.name {
        if is_placeholder(name) {
            out.push(
                Finding::new(
                    finding::G006,
                    format!("Name holds the placeholder \"{name}\"; write your name"),
                )
                .at_ref(p.owner.cells.get("name").map(String::as_str))
                .target(Target::Owner(layout::OwnerField::Name)),
            );
        }
    }
    for (i, a) in p.inspiration.iter().enumerate() {
        if let Some(text) = a.answer.as_deref().filter(|t| is_placeholder(t)) {
            out.push(answer_finding(
                text,
                &a.question,
                a.cell.as_deref(),
                Target::Inspiration(i),
            ));
        }
    }
    for (i, a) in p.role.answers.iter().enumerate() {
        if let Some(text) = a.answer.as_deref().filter(|t| is_placeholder(t)) {
            out.push(answer_finding(
                text,
                &a.question,
                a.cell.as_deref(),
                Target::RoleAnswer(i),
            ));
        }
    }
    if let Some(text) = p.role.target_role.as_deref().filter(|t| is_placeholder(t)) {
        out.push(answer_finding(
            text,
            layout::TARGET_ROLE_LABEL,
            p.role.target_role_cell.as_deref(),
            Target::TargetRole,
        ));
    }
    for g in &p.goals {
        for (i, col) in GOAL_COLUMNS.iter().enumerate() {
            let Some(text) = g.field(col.key) else {
                continue;
            };
            if placeholder_in(text, Some(i))
                || col.key == "action_steps" && g.action_steps.iter().any(|s| is_placeholder(s))
            {
                let short: String = text.chars().take(50).collect();
                out.push(goal_finding(
                    finding::G006,
                    g,
                    col.key,
                    format!(
                        "{}: \"{}\" holds the placeholder \"{short}\"; write what you really plan, or leave it blank",
                        goal_name(g),
                        header(col.key)
                    ),
                ));
            }
        }
    }
}

fn answer_finding(text: &str, question: &str, cell: Option<&str>, target: Target) -> Finding {
    let short: String = text.chars().take(50).collect();
    Finding::new(
        finding::G006,
        format!("the answer to \"{question}\" is the placeholder \"{short}\"; write your own answer, or leave it blank"),
    )
    .at_ref(cell)
    .target(target)
}

/// Whether a cell's text is filler or the template's own guidance.
pub fn is_placeholder(text: &str) -> bool {
    placeholder_in(text, None)
}

/// What filler starts with (compared in any case).
const PREFIXES: &[&str] = &[
    "e.g.",
    "e.g ",
    "eg.",
    "eg:",
    "eg ",
    "example:",
    "for example:",
    "lorem ipsum",
    "todo:",
    "tbd:",
    "tbd -",
    "[insert",
    "<insert",
    "[your",
    "<your",
];

/// Whether one of the upper-case markers TBD, TBC, TBA or TODO is a word of `t`.
fn has_marker(t: &str) -> bool {
    let bytes = t.as_bytes();
    for start in memchr::memchr_iter(b'T', bytes) {
        let Some(marker) = ["TBD", "TBC", "TBA", "TODO"]
            .into_iter()
            .find(|m| bytes[start..].starts_with(m.as_bytes()))
        else {
            continue;
        };
        let before = t[..start].chars().next_back();
        let after = t[start + marker.len()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return true;
        }
    }
    false
}

/// [`is_placeholder`] for a cell of goal column `own`, where its header is filler too,
/// even in a short form ("Network" under "How will you engage your network?").
fn placeholder_in(text: &str, own: Option<usize>) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return false;
    }
    // Only punctuation: "?", "...", "-", "…", "--".
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
    let prefixes = if matches!(first, b'e' | b'f' | b'l' | b't' | b'[' | b'<') {
        PREFIXES
    } else {
        &[]
    };
    for prefix in prefixes {
        if starts_with(prefix) {
            return true;
        }
    }
    // Upper-case markers inside a longer text: "Budget TBD", "Links TODO".
    if has_marker(t) {
        return true;
    }
    // The rest compares the normalized cell, once, with filler words and the template's
    // own words; a cell longer than all of them is none of them.
    let Some(key) = layout::vocabulary_key(t) else {
        return false;
    };
    layout::is_filler_key(&key)
        || layout::is_guidance_key(&key)
        || own.is_some() && layout::goal_column_key(&key) == own
}

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
        "Budget TBD",
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
    ];

    const NOT_PLACEHOLDERS: &[&str] = &[
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

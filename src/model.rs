//! The plan model: what one Individual Growth Plan holds, whatever file it came from.
//!
//! Its serde form is the JSON contract of `igp-format.md` (field names are fixed there).
//! Every value keeps the cell reference it was read from, so that findings can point at it.

use indexmap::IndexMap;

/// A map in insertion order (as the sheet has it), hashed with Fx: its keys are a few
/// short strings of our own.
pub type Map<V> = IndexMap<String, V, rustc_hash::FxBuildHasher>;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The version of the JSON model.
pub const SCHEMA_VERSION: u32 = 1;

/// One Individual Growth Plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Plan {
    /// Always 1 for this model.
    pub schema_version: u32,
    /// Where the plan was read from.
    pub source: Source,
    /// The header block: who the plan belongs to.
    pub owner: Owner,
    /// Section 1: the five reflection questions, in order, each with its answer.
    pub inspiration: Vec<Answer>,
    /// Section 2: growth direction, target role, and three questions.
    pub role: Role,
    /// Section 3: one entry per filled row of the goals table.
    pub goals: Vec<Goal>,
    /// Section 4: the checklist.
    pub tracking: Vec<TrackingItem>,
}

/// The files a plan was read from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The input paths, as given.
    pub paths: Vec<String>,
    /// The format told by the bytes of the first input (xlsx, xlsm, xlsb, xls, ods, csv, json).
    pub format: String,
    /// The sheets that held the plan (for CSV, the file name).
    pub sheets: Vec<String>,
}

/// The header block. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Owner {
    pub name: Option<String>,
    pub role: Option<String>,
    pub team: Option<String>,
    pub manager: Option<String>,
    /// `YYYY-MM-DD`, or the original text when it is not a date.
    pub created: Option<String>,
    /// `YYYY-MM-DD`, or the original text when it is not a date.
    pub last_reviewed: Option<String>,
    /// Where each field is (or would be), by field name: A1 references with their sheet.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub cells: Map<String>,
    /// A date's text as the cell wrote it, by field name, where it could be read either way
    /// (3/2/2026: month first, unless the file shows day first elsewhere).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub date_texts: Map<String>,
}

/// A question and its answer (Sections 1 and 2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Answer {
    pub question: String,
    pub answer: Option<String>,
    /// Where the answer is (or would be): an A1 reference with its sheet.
    pub cell: Option<String>,
}

/// Section 2.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Role {
    /// ic_growth, aspiring_manager, manager_growth, career_transition, or `other`
    /// for text that names none of them; null when blank.
    pub direction: Option<String>,
    /// The direction as written in the sheet.
    pub direction_text: Option<String>,
    pub target_role: Option<String>,
    /// The three questions of Section 2, in order.
    pub answers: Vec<Answer>,
    /// Where the growth direction is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction_cell: Option<String>,
    /// Where the target role is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_role_cell: Option<String>,
}

/// One filled row of the goals table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Goal {
    /// 1-based number of the goal among the filled rows.
    pub index: usize,
    /// The row's first cell, an A1 reference with its sheet.
    pub cell: Option<String>,
    pub skill: Option<String>,
    pub resources: Option<String>,
    pub career_support: Option<String>,
    /// The action steps, split from the cell's lines, bullets or numbers.
    pub action_steps: Vec<String>,
    /// The action steps cell as it was written.
    pub action_steps_text: Option<String>,
    pub network: Option<String>,
    pub challenges: Option<String>,
    /// Columns beyond the six, by header, in the sheet's order.
    pub extra: Map<Option<String>>,
    /// Where each of the six fields is, by field name (A1 references without the sheet).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub cells: Map<String>,
}

impl Owner {
    /// A field of the header block.
    pub fn get(&self, field: crate::layout::OwnerField) -> Option<&str> {
        use crate::layout::OwnerField;
        match field {
            OwnerField::Name => self.name.as_deref(),
            OwnerField::Role => self.role.as_deref(),
            OwnerField::Team => self.team.as_deref(),
            OwnerField::Manager => self.manager.as_deref(),
            OwnerField::Created => self.created.as_deref(),
            OwnerField::LastReviewed => self.last_reviewed.as_deref(),
        }
    }

    /// The slot of a field of the header block, to set it.
    pub fn slot(&mut self, field: crate::layout::OwnerField) -> &mut Option<String> {
        use crate::layout::OwnerField;
        match field {
            OwnerField::Name => &mut self.name,
            OwnerField::Role => &mut self.role,
            OwnerField::Team => &mut self.team,
            OwnerField::Manager => &mut self.manager,
            OwnerField::Created => &mut self.created,
            OwnerField::LastReviewed => &mut self.last_reviewed,
        }
    }
}

impl Goal {
    /// The value of one of the six fields by its key (action steps as the cell's text).
    pub fn field(&self, key: &str) -> Option<&str> {
        match key {
            "skill" => self.skill.as_deref(),
            "resources" => self.resources.as_deref(),
            "career_support" => self.career_support.as_deref(),
            "action_steps" => self.action_steps_text.as_deref(),
            "network" => self.network.as_deref(),
            "challenges" => self.challenges.as_deref(),
            _ => None,
        }
    }

    /// Sets one of the six fields by its key; action steps are split into steps.
    pub fn set_field(&mut self, key: &str, value: Option<String>) {
        match key {
            "skill" => self.skill = value,
            "resources" => self.resources = value,
            "career_support" => self.career_support = value,
            "action_steps" => {
                self.action_steps = value.as_deref().map(split_steps).unwrap_or_default();
                self.action_steps_text = value;
            }
            "network" => self.network = value,
            "challenges" => self.challenges = value,
            _ => {}
        }
    }
}

/// One item of the Section 4 checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TrackingItem {
    pub item: Option<String>,
    pub done: bool,
    pub notes: Option<String>,
    /// The done cell's text when it was neither checked nor unchecked (kept, not lost).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_text: Option<String>,
    pub cell: Option<String>,
}

impl Plan {
    /// An empty plan: the five questions and the three Section 2 questions unanswered,
    /// no goals, no checklist.
    pub fn empty() -> Plan {
        Plan {
            schema_version: SCHEMA_VERSION,
            source: Source::default(),
            owner: Owner::default(),
            inspiration: crate::layout::INSPIRATION_QUESTIONS
                .iter()
                .map(|q| Answer {
                    question: q.to_string(),
                    answer: None,
                    cell: None,
                })
                .collect(),
            role: Role {
                answers: crate::layout::ROLE_QUESTIONS
                    .iter()
                    .map(|q| Answer {
                        question: q.to_string(),
                        answer: None,
                        cell: None,
                    })
                    .collect(),
                ..Role::default()
            },
            goals: Vec::new(),
            tracking: Vec::new(),
        }
    }

    /// The plan without where it came from: no source, no cell references. Two reads of
    /// the same content in different layouts give equal contents.
    pub fn content(&self) -> Plan {
        let mut p = self.clone();
        p.source = Source::default();
        p.owner.cells.clear();
        p.owner.date_texts.clear();
        for a in p.inspiration.iter_mut().chain(p.role.answers.iter_mut()) {
            a.cell = None;
        }
        p.role.direction_cell = None;
        p.role.target_role_cell = None;
        for g in &mut p.goals {
            g.cell = None;
            g.cells.clear();
        }
        for t in &mut p.tracking {
            t.cell = None;
        }
        p
    }

    /// The owner's name, or the first input's file name when the plan has none.
    pub fn display_name(&self) -> String {
        if let Some(n) = &self.owner.name {
            return n.clone();
        }
        self.source
            .paths
            .first()
            .map(|p| {
                std::path::Path::new(p)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| p.clone())
            })
            .unwrap_or_else(|| "(unnamed plan)".to_string())
    }
}

/// Splits an action steps cell into steps: one per line, with bullets (•, -, *, ◦, ·, ▪, –)
/// and numbers (`1.`, `1)`, `a)`, `(a)`) removed. A cell of one line is one step.
/// An action step without its done mark, and whether it had one: "✓ Give a talk",
/// "[x] Give a talk", "Give a talk (done)" are the step "Give a talk", done.
pub fn done_step(step: &str) -> (&str, bool) {
    let t = step.trim();
    for mark in [
        "✓",
        "✔",
        "✅",
        "☑",
        "[x]",
        "[X]",
        "(done)",
        "(Done)",
        "DONE",
        "Done:",
        "done:",
        "(erledigt)",
        "(fait)",
        "(hecho)",
    ] {
        if let Some(rest) = t.strip_prefix(mark) {
            return (rest.trim_start_matches([' ', ':', '-']).trim(), true);
        }
        if let Some(rest) = t.strip_suffix(mark) {
            return (rest.trim_end_matches([' ', '-', ':']).trim(), true);
        }
    }
    (t, false)
}

pub fn split_steps(text: &str) -> Vec<String> {
    text.lines()
        .flat_map(|l| inline_steps(l.trim()))
        .map(|l| strip_marker(l.trim()).trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// A line of steps numbered inline ("1) Book the exam 2) Pass it by June", "1. X; 2. Y"),
/// cut before each next number: `2)` after a space, `2.` after `;`, `,` or `.`. A line that
/// does not start with `1)` or `1.` is one step ("Read chapter 2. Then ...").
fn inline_steps(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let Some(marker) = line[digits..]
        .bytes()
        .next()
        .filter(|b| matches!(b, b')' | b'.'))
    else {
        return vec![line];
    };
    let Ok(mut n) = line[..digits].parse::<u32>() else {
        return vec![line];
    };
    if digits > 2 {
        return vec![line];
    }
    let mut start = 0;
    let mut from = digits + 1;
    loop {
        n += 1;
        let next = format!("{n}{}", char::from(marker));
        let found = line[from..]
            .match_indices(&next)
            .map(|(i, _)| from + i)
            .find(|&i| {
                let before = line[..i].trim_end();
                let spaced = before.len() < i;
                let after = line[i + next.len()..].starts_with(char::is_whitespace);
                let prefixed_by_digit = line[..i].ends_with(|c: char| c.is_ascii_digit());
                after
                    && !prefixed_by_digit
                    && match marker {
                        b')' => spaced,
                        _ => before.ends_with([';', ',', '.']),
                    }
            });
        let Some(i) = found else {
            break;
        };
        parts.push(line[start..i].trim_end().trim_end_matches([';', ',']));
        start = i;
        from = i + next.len();
    }
    parts.push(&line[start..]);
    parts
}

fn strip_marker(line: &str) -> &str {
    // Most steps start with a word: a letter not followed by `)` or `.` starts no marker.
    if let [first, second, ..] = line.as_bytes() {
        if first.is_ascii_alphabetic() && !matches!(second, b')' | b'.') {
            return line;
        }
    }
    for bullet in ['•', '-', '*', '◦', '·', '▪', '–', '‣', '○', '●'] {
        if let Some(rest) = line.strip_prefix(bullet) {
            // "-5 kg" is a number, not a bullet; a bullet is followed by a space.
            if rest.starts_with(char::is_whitespace) || rest.is_empty() {
                return rest;
            }
        }
    }
    let inner = line.strip_prefix('(').unwrap_or(line);
    let digits = inner.chars().take_while(|c| c.is_ascii_digit()).count();
    let marker_len = if digits > 0 && digits <= 3 {
        digits
    } else if inner
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && inner.chars().nth(1).is_some_and(|c| c == ')' || c == '.')
    {
        1
    } else {
        0
    };
    if marker_len > 0 {
        let rest = &inner[marker_len..];
        if let Some(r) = rest.strip_prefix(')').or_else(|| rest.strip_prefix('.')) {
            // "1." alone is an empty item of a numbered list, not a step.
            if r.is_empty() || r.starts_with(char::is_whitespace) {
                return r;
            }
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_numbered_inline_are_split() {
        assert_eq!(
            split_steps("1) Book the exam 2) Pass it by June"),
            ["Book the exam", "Pass it by June"]
        );
        assert_eq!(split_steps("1. X; 2. Y"), ["X", "Y"]);
        assert_eq!(
            split_steps("1. Enroll by May. 2. Finish 3 modules, 3. Demo"),
            ["Enroll by May.", "Finish 3 modules", "Demo"]
        );
        assert_eq!(
            split_steps("1. Read chapter 2. Then present it"),
            ["Read chapter 2. Then present it"]
        );
        assert_eq!(split_steps("1) Read 2 books 3) x"), ["Read 2 books 3) x"]);
        assert_eq!(
            split_steps("Read chapter 1) and 2) of it"),
            ["Read chapter 1) and 2) of it"]
        );
        assert_eq!(split_steps("1) a 12) b"), ["a 12) b"]);
        assert_eq!(split_steps("1)"), Vec::<String>::new());
    }

    #[test]
    fn an_empty_numbered_list_has_no_steps() {
        assert!(split_steps("1.\n2.\n3.").is_empty());
        assert!(split_steps("a)\n•").is_empty());
        assert_eq!(split_steps("1.\n2. Give a talk"), ["Give a talk"]);
    }

    #[test]
    fn steps_split_on_lines_bullets_and_numbers() {
        assert_eq!(split_steps("Read the book"), vec!["Read the book"]);
        assert_eq!(
            split_steps("• Sign up by March\n• Present to the team"),
            vec!["Sign up by March", "Present to the team"]
        );
        assert_eq!(
            split_steps("1. Enroll\n2) Finish 3 modules\n\n a) Demo"),
            vec!["Enroll", "Finish 3 modules", "Demo"]
        );
        assert_eq!(
            split_steps("- one\r\n* two\n◦ three"),
            vec!["one", "two", "three"]
        );
        assert_eq!(split_steps("-5 kg by June"), vec!["-5 kg by June"]);
        assert_eq!(split_steps("2026 goals. Start"), vec!["2026 goals. Start"]);
        assert_eq!(split_steps("A. Lead a retro"), vec!["Lead a retro"]);
        assert!(split_steps("  \n ").is_empty());
    }
}

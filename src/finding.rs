//! Findings: what igp has to say about a plan. A finding is data, never an error.
//!
//! The catalogue of codes (`CATALOGUE`) is the one table of rule codes, names and default
//! severities (`checks.md`); readers and rules create findings through it.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code of the catalogue with its name, default severity and one-line summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

macro_rules! catalogue {
    ($($id:ident $code:literal $name:literal $sev:ident $summary:literal;)*) => {
        $(pub const $id: Code = Code { code: $code, name: $name, severity: Severity::$sev, summary: $summary };)*
        /// Every code, in catalogue order.
        pub const CATALOGUE: &[Code] = &[$($id),*];
    };
}

catalogue! {
    S001 "S001" "unreadable-file" Error "the file cannot be opened or is not a spreadsheet/CSV";
    S002 "S002" "no-goals-table" Error "no Section 3 header row found anywhere (none of the four sections: no plan at all)";
    S003 "S003" "missing-section" Warning "Section 1, 2 or 4 not found";
    S004 "S004" "missing-column" Error "the goals table lacks one of the six columns";
    S005 "S005" "extra-column" Info "the goals table has a column beyond the six (kept as an extra)";
    S006 "S006" "cell-error" Error "a used cell holds an error value (#REF!, #N/A, #DIV/0!, #VALUE!, #NAME?)";
    S007 "S007" "duplicate-section" Warning "a section appears twice; the first is used";
    S008 "S008" "unreadable-date" Warning "a date cell holds text that is not a date";
    S009 "S009" "rows-not-read" Warning "a row under the goals header holds text that is not read as a goal";
    G001 "G001" "missing-skill" Error "a goal row has no Skill/Behavior";
    G002 "G002" "missing-action-steps" Error "a goal row has no action steps";
    G003 "G003" "missing-detail" Warning "resources/support, career support, network or challenges is blank";
    G004 "G004" "too-many-steps" Warning "more action steps than the template asks for";
    G005 "G005" "unmeasurable-step" Warning "an action step has no end state a reviewer could later call done or not done";
    G006 "G006" "placeholder-text" Warning "a cell tells a reader nothing: filler, the template's guidance, a deferral or a bare cross-reference";
    G007 "G007" "duplicate-goal" Warning "two goal rows name the same Skill/Behavior";
    G008 "G008" "past-deadline" Info "an action step names a date before the as-of date";
    P001 "P001" "no-goals" Error "the goals table has no filled row";
    P002 "P002" "many-goals" Info "more goals than recommended for one review period";
    P003 "P003" "unanswered-reflection" Warning "a Section 1 question has no answer";
    P004 "P004" "no-direction" Warning "Section 2 names no growth direction and answers none of its questions";
    P005 "P005" "no-owner" Warning "the header has no Name";
    P006 "P006" "not-tracked" Info "no Section 4 item is checked";
    P007 "P007" "stale-review" Info "Last reviewed is more than 92 days before the as-of date";
}

/// Looks a code up by its code ("G002") or name ("missing-action-steps").
pub fn lookup(code_or_name: &str) -> Option<&'static Code> {
    CATALOGUE
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(code_or_name) || c.name == code_or_name)
}

/// The part of a plan a finding is about, whatever the layout it was read from, so that a
/// writer can place the finding in its own layout (`convert --annotate`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Owner(crate::layout::OwnerField),
    Inspiration(usize),
    Direction,
    TargetRole,
    RoleAnswer(usize),
    /// A field of a goal: the goal's number and the field's key.
    Goal(usize, &'static str),
    /// An action step of a goal (the steps cell).
    Step(usize),
    GoalsHeader,
    ExtraColumn(String),
    Tracking(usize),
}

impl Target {
    /// The section the target is in (none for the header).
    pub fn section(&self) -> Option<crate::layout::Section> {
        use crate::layout::Section;
        match self {
            Target::Owner(_) => None,
            Target::Inspiration(_) => Some(Section::Inspiration),
            Target::Direction | Target::TargetRole | Target::RoleAnswer(_) => Some(Section::Role),
            Target::Goal(..) | Target::Step(_) | Target::GoalsHeader | Target::ExtraColumn(_) => {
                Some(Section::Goals)
            }
            Target::Tracking(_) => Some(Section::Tracking),
        }
    }
}

/// An A1 reference's row and column (1-based), for sorting; unknown parts sort last.
fn cell_position(cell: &str) -> (u32, u32) {
    let cell = cell.trim_start_matches('$');
    let letters = cell.bytes().take_while(u8::is_ascii_alphabetic).count();
    let col = cell[..letters].bytes().fold(0u32, |c, b| {
        c.saturating_mul(26)
            .saturating_add(u32::from(b.to_ascii_uppercase() - b'A' + 1))
    });
    let row = cell[letters..]
        .trim_start_matches('$')
        .parse()
        .unwrap_or(u32::MAX);
    (row, if letters == 0 { u32::MAX } else { col })
}

/// One finding about a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// Names the cell and says what to do.
    pub message: String,
    /// The sheet (for CSV, the file name), where the finding has a place.
    pub sheet: Option<String>,
    /// The A1 reference, without the sheet.
    pub cell: Option<String>,
    /// The goal's number, where the finding concerns a goal row.
    pub goal: Option<usize>,
    /// How sure igp is that the text fails the rule's test, for the rules judged twice
    /// (G005, G006); `None` for the others.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// The part of the plan it is about.
    #[serde(skip)]
    pub target: Option<Target>,
}

/// Sorts a plan's findings as the plan reads from top to bottom: the header, then Sections
/// 1 to 4, then the plan as a whole; within a part, by cell (row, then column). The sort is
/// stable: findings of one cell keep the rules' order. A finding with a cell but no part
/// (a cell error, the goal row past the limit) takes the part of the finding nearest to it
/// on its sheet, above it or else below.
pub fn sort_in_reading_order(findings: &mut [&Finding]) {
    let part_of = |f: &Finding| match &f.target {
        Some(Target::Owner(_)) => Some(0),
        Some(t) => t.section().map(crate::layout::Section::number),
        None => None,
    };
    let position = |f: &Finding| {
        f.cell
            .as_deref()
            .map_or((u32::MAX, u32::MAX), cell_position)
    };
    let keys: Vec<(u8, u32, u32)> = findings
        .iter()
        .map(|f| {
            let (row, col) = position(f);
            let part = part_of(f).or_else(|| {
                f.cell.as_ref()?;
                // The part of the placed finding nearest above on the same sheet, else
                // nearest below.
                let placed: Vec<((u32, u32), u8)> = findings
                    .iter()
                    .filter(|o| o.sheet == f.sheet && o.cell.is_some())
                    .filter_map(|o| Some((position(o), part_of(o)?)))
                    .collect();
                let above = placed.iter().filter(|(at, _)| *at <= (row, col)).max();
                let below = placed.iter().filter(|(at, _)| *at > (row, col)).min();
                above.or(below).map(|(_, part)| *part)
            });
            (part.unwrap_or(9), row, col)
        })
        .collect();
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| keys[i]);
    let sorted: Vec<&Finding> = order.iter().map(|&i| findings[i]).collect();
    findings.copy_from_slice(&sorted);
}

impl Finding {
    /// A finding of `code` at its default severity.
    pub fn new(code: Code, message: impl Into<String>) -> Finding {
        Finding {
            code: code.code,
            name: code.name,
            severity: code.severity,
            message: message.into(),
            sheet: None,
            cell: None,
            goal: None,
            confidence: None,
            target: None,
        }
    }

    /// Says what part of the plan the finding is about.
    pub fn target(mut self, target: Target) -> Finding {
        if let Target::Goal(i, _) | Target::Step(i) = target {
            self.goal = Some(i);
        }
        self.target = Some(target);
        self
    }

    /// Places the finding at a cell of a sheet.
    pub fn at(mut self, sheet: &str, cell: impl Into<String>) -> Finding {
        self.sheet = Some(sheet.to_string());
        self.cell = Some(cell.into());
        self
    }

    /// Places the finding at a sheet-qualified reference (`'Sheet'!B4`).
    pub fn at_ref(mut self, reference: Option<&str>) -> Finding {
        if let Some((sheet, cell)) = reference.and_then(split_ref) {
            self.sheet = Some(sheet.into_owned());
            self.cell = Some(cell.to_string());
        }
        self
    }

    /// Ties the finding to a goal.
    pub fn goal(mut self, index: usize) -> Finding {
        self.goal = Some(index);
        self
    }
}

/// A confidence from 0.0 to 1.0, kept in thousandths so that findings compare exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Confidence(u16);

impl Confidence {
    /// The confidence nearest `p`, clamped to 0.0-1.0.
    pub fn new(p: f64) -> Confidence {
        Confidence((p.clamp(0.0, 1.0) * 1000.0).round() as u16)
    }

    pub fn value(self) -> f64 {
        f64::from(self.0) / 1000.0
    }
}

impl Serialize for Confidence {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.value())
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value())
    }
}

/// Splits `'Sheet'!B4` (or `Sheet!B4`) into the sheet name and the cell.
pub fn split_ref(reference: &str) -> Option<(Cow<'_, str>, &str)> {
    let (sheet, cell) = reference.rsplit_once('!')?;
    let sheet = match sheet.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        Some(quoted) if quoted.contains("''") => Cow::Owned(quoted.replace("''", "'")),
        Some(quoted) => Cow::Borrowed(quoted),
        None => Cow::Borrowed(sheet),
    };
    Some((sheet, cell))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_codes_are_unique_and_found() {
        for (i, a) in CATALOGUE.iter().enumerate() {
            for b in &CATALOGUE[i + 1..] {
                assert_ne!(a.code, b.code);
                assert_ne!(a.name, b.name);
            }
        }
        assert_eq!(lookup("g002").map(|c| c.name), Some("missing-action-steps"));
        assert_eq!(lookup("no-owner").map(|c| c.code), Some("P005"));
    }

    #[test]
    fn references_split() {
        assert_eq!(
            split_ref("'Bob''s plan'!A28"),
            Some((Cow::Owned("Bob's plan".to_string()), "A28"))
        );
        assert_eq!(
            split_ref("goals.csv!B2"),
            Some((Cow::Borrowed("goals.csv"), "B2"))
        );
    }
}

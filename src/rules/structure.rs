//! S rules: could the plan be read? The reader finds these ([`crate::read`]); this file
//! holds their documentation.

use super::Rule;
use crate::finding;

pub const S001: Rule = Rule {
    code: finding::S001,
    what: "That every input can be opened as a spreadsheet (xlsx, xlsm, xlsb, xls, ods) or delimited text (CSV, TSV), told by its bytes rather than its name. A PDF, an HTML page, an image, an empty, damaged, encrypted or oversized file is reported with what it is.",
    why: "A plan that cannot be read cannot be checked; in a batch, the one bad download should be named so that its owner can export it again.",
    fails: "plans/bob.xlsx is an HTML sign-in page saved by a browser",
    passes: "plans/bob.xlsx downloaded with File > Download > Microsoft Excel (.xlsx)",
    check: None,
};

pub const S002: Rule = Rule {
    code: finding::S002,
    what: "That a goals table exists: a row where at least four cells are Section 3 headers (Skill/Behavior, resources/support, career goals, action steps, network, challenges, or their other names), in any sheet, at any place. A file with none of the four sections (a sales workbook, a CSV of numbers) is no plan at all: it gets this one finding, which says where the file came closest to a plan, and nothing else; `igp convert` refuses it.",
    why: "The goals are the heart of the plan; without the header row igp cannot tell which cells are goals.",
    fails: "A sheet whose goals are listed under a header row that was deleted",
    passes: "Skill/Behavior | What resources/support do you need? | ... | Anticipated Challenges",
    check: None,
};

pub const S003: Rule = Rule {
    code: finding::S003,
    what: "That Sections 1, 2 and 4 are present, found by their titles or their questions and items.",
    why: "Reflection, direction and tracking are what make the goals yours and keep them alive. A goals-only CSV export is common: export the whole sheet, or add the missing tabs as more inputs.",
    fails: "goals.csv, a download of the goals tab alone",
    passes: "igp check reflection.csv goals.csv tracking.csv (or the whole workbook)",
    check: None,
};

pub const S004: Rule = Rule {
    code: finding::S004,
    what: "That the goals table has all six columns of the template.",
    why: "Each column asks a question that makes a goal actionable; a deleted column means those answers are missing for every goal.",
    fails: "Skill/Behavior | Resources | Career goals | Action steps | Network   (no challenges column)",
    passes: "Skill/Behavior | Resources | Career goals | Action steps | Network | Challenges",
    check: None,
};

pub const S005: Rule = Rule {
    code: finding::S005,
    what: "Columns of the goals table beyond the six (Status, Target date, ...). They are kept, in order, as extras of each goal.",
    why: "Nothing is wrong with your own columns; this says that igp saw them and kept them.",
    fails: "... | Anticipated Challenges | Status",
    passes: "... | Anticipated Challenges",
    check: None,
};

pub const S006: Rule = Rule {
    code: finding::S006,
    what: "That no used cell holds an error value (#REF!, #N/A, #DIV/0!, #VALUE!, #NAME?, #NUM!, #NULL!).",
    why: "An error value hides what the cell was meant to say, often after a row or sheet it pointed to was deleted.",
    fails: "D27: #REF!",
    passes: "D27: Finish the course by March",
    check: None,
};

pub const S007: Rule = Rule {
    code: finding::S007,
    what: "That each section appears once. When a section title or goals table appears twice, the first is used.",
    why: "A copied section splits the plan in two; the second copy is not read.",
    fails: "Two goals tables on the same sheet",
    passes: "One goals table with every goal row in it",
    check: None,
};

pub const S008: Rule = Rule {
    code: finding::S008,
    what: "That Plan created and Last reviewed hold dates: date cells, ISO text (2026-01-15), or common local forms (1/15/2026, 15.01.2026, Jan 15, 2026).",
    why: "Review dates tell when the plan was last looked at; text that is not a date cannot be compared.",
    fails: "Last reviewed: last spring",
    passes: "Last reviewed: 2026-03-02",
    check: None,
};

pub const S009: Rule = Rule {
    code: finding::S009,
    what: "That every row with text under the goals header is read as a goal. A row whose text lies only in columns without a header (right of the table, or in a column left blank in the header row) is not a goal igp can read; the finding names the row and quotes its cells. A goal named like a label or a section title (\"Manager\", \"Team\", \"Plan created\") is read as a goal, not taken for the header block.",
    why: "A goal that is not read is not checked, converted or compared: it would vanish from the report without a word.",
    fails: "Skill/Behavior | ... | Anticipated Challenges   then a row with \"Negotiation course\" in column H only",
    passes: "The same text moved into the Skill/Behavior column, or its column given a header (kept as an extra)",
    check: None,
};

//! The canonical layout as CSV: what a CSV export of the canonical sheet looks like.
//! Text a spreadsheet would run as a formula is guarded with a leading `'` (OWASP's
//! advice) unless the guard is turned off; igp's reader removes its own guard.
//!
//! [`guard`] is the one guard of every CSV igp writes: this plan writer's text cells and
//! every text column of the check report (`report::csv`).

use super::canonical::{self, Content};
use crate::model::Plan;
use std::borrow::Cow;

/// Whether text needs the guard: it would be run as a formula by a spreadsheet opening the
/// CSV, or it starts with a `'` of its own (guarded too, so that the reader's removal of
/// one `'` gives it back unchanged).
pub fn needs_guard(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r', '\''])
}

/// The text as a CSV cell a spreadsheet opens safely: with a leading `'` when
/// [`needs_guard`] says so, as it is otherwise.
pub fn guard(text: &str) -> Cow<'_, str> {
    if needs_guard(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Writes the plan as CSV.
///
/// # Errors
///
/// When `out` fails.
pub fn write<W: std::io::Write>(plan: &Plan, out: W, guard_text: bool) -> std::io::Result<()> {
    let sheet = canonical::layout(plan, 0);
    let last_row = sheet.cells.iter().map(|c| c.row).max().unwrap_or(0);
    let mut grid = vec![vec![String::new(); sheet.width as usize]; last_row as usize + 1];
    for cell in &sheet.cells {
        let text = cell.content.csv_text();
        grid[cell.row as usize][cell.col as usize] =
            if guard_text && matches!(cell.content, Content::Text(_)) {
                self::guard(&text).into_owned()
            } else {
                text
            };
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    for row in grid {
        w.write_record(&row)?;
    }
    w.flush()
}

//! A sheet as a sparse grid of cell values: what every reader produces and what the
//! locator reads. Only used cells are stored, so a sheet whose one cell sits at XFD1048576
//! costs one entry.

/// The value of one used cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text, trimmed, line breaks as `\n`; never empty.
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date cell (a date serial with a date format, or an ISO date-time).
    Date(chrono::NaiveDate),
    /// An error value such as `#REF!`.
    Error(String),
}

/// The error values a spreadsheet shows, as text (CSV exports carry them this way).
pub const ERROR_TEXTS: [&str; 9] = [
    "#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#ERROR!", "#SPILL!",
];

impl Value {
    /// A text value, normalized; `None` when blank. Error literals become [`Value::Error`].
    pub fn text(raw: &str) -> Option<Value> {
        let t = normalize_text(raw)?;
        if t.starts_with('#') && ERROR_TEXTS.contains(&t.as_str()) {
            return Some(Value::Error(t));
        }
        Some(Value::Text(t))
    }

    /// The value as the text a person sees (dates in ISO form).
    pub fn display(&self) -> String {
        match self {
            Value::Text(s) | Value::Error(s) => s.clone(),
            Value::Number(n) => format_number(*n),
            Value::Bool(true) => "TRUE".to_string(),
            Value::Bool(false) => "FALSE".to_string(),
            Value::Date(d) => d.to_string(),
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// Trims text and folds CRLF and CR into LF; `None` when nothing is left.
pub fn normalize_text(raw: &str) -> Option<String> {
    let t = raw.trim();
    if t.is_empty() {
        return None;
    }
    if t.contains('\r') {
        Some(t.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Some(t.to_string())
    }
}

/// A number as a spreadsheet shows it by default: integers without a decimal point.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The used cells of one row, in column order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    cells: Vec<(u32, Value)>,
}

impl Row {
    /// The cells in column order.
    pub fn iter(&self) -> impl Iterator<Item = (&u32, &Value)> {
        self.cells.iter().map(|(c, v)| (c, v))
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.cells.iter().map(|(_, v)| v)
    }

    pub fn get(&self, col: &u32) -> Option<&Value> {
        self.cells
            .binary_search_by_key(col, |(c, _)| *c)
            .ok()
            .map(|i| &self.cells[i].1)
    }

    pub fn contains_key(&self, col: &u32) -> bool {
        self.get(col).is_some()
    }

    /// The cells from column `col` on.
    pub fn from_col(&self, col: u32) -> impl Iterator<Item = (&u32, &Value)> {
        let start = self.cells.partition_point(|(c, _)| *c < col);
        self.cells[start..].iter().map(|(c, v)| (c, v))
    }

    /// Sets a cell; returns whether it was new.
    fn set(&mut self, col: u32, value: Value) -> bool {
        match self.cells.last() {
            Some((last, _)) if *last < col => {
                self.cells.push((col, value));
                true
            }
            None => {
                self.cells.push((col, value));
                true
            }
            _ => match self.cells.binary_search_by_key(&col, |(c, _)| *c) {
                Ok(i) => {
                    self.cells[i].1 = value;
                    false
                }
                Err(i) => {
                    self.cells.insert(i, (col, value));
                    true
                }
            },
        }
    }
}

/// A merged range of cells, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

/// The most merged ranges a grid keeps (a plan has a few dozen).
pub(crate) const MAX_MERGES: usize = 65_536;

/// One sheet of used cells: rows in order, each with its cells in column order. Readers
/// give cells in order, so building it is a push per cell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    /// The sheet's name (for delimited text, the file name).
    pub name: String,
    rows: Vec<(u32, Row)>,
    len: usize,
    /// The ranges merged down over more than one row, by first column then first row.
    merged_down: Vec<Merge>,
    /// Whether the source says that its dates are written day first: a semicolon-separated
    /// CSV, as Excel saves one in the European locales.
    pub day_first: bool,
}

impl Grid {
    pub fn new(name: impl Into<String>) -> Grid {
        Grid {
            name: name.into(),
            ..Grid::default()
        }
    }

    /// Sets a cell (0-based row and column).
    pub fn set(&mut self, row: u32, col: u32, value: Value) {
        let index = match self.rows.last() {
            Some((last, _)) if *last == row => self.rows.len() - 1,
            Some((last, _)) if *last > row => {
                match self.rows.binary_search_by_key(&row, |(r, _)| *r) {
                    Ok(i) => i,
                    Err(i) => {
                        self.rows.insert(i, (row, Row::default()));
                        i
                    }
                }
            }
            _ => {
                self.rows.push((row, Row::default()));
                self.rows.len() - 1
            }
        };
        if self.rows[index].1.set(col, value) {
            self.len += 1;
        }
    }

    pub fn get(&self, row: u32, col: u32) -> Option<&Value> {
        self.row(row)?.get(&col)
    }

    /// The number of used cells.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The used rows in order, each with its used cells in column order.
    pub fn rows(&self) -> impl Iterator<Item = (u32, &Row)> {
        self.rows.iter().map(|(r, cells)| (*r, cells))
    }

    /// The used cells of one row.
    pub fn row(&self, row: u32) -> Option<&Row> {
        self.rows
            .binary_search_by_key(&row, |(r, _)| *r)
            .ok()
            .map(|i| &self.rows[i].1)
    }

    /// The used rows after `row`, in order.
    pub fn rows_after(&self, row: u32) -> impl Iterator<Item = (u32, &Row)> {
        let start = self.rows.partition_point(|(r, _)| *r <= row);
        self.rows[start..].iter().map(|(r, cells)| (*r, cells))
    }

    /// Keeps the merged ranges that span more than one row (at most [`MAX_MERGES`]).
    pub fn set_merges(&mut self, merges: impl IntoIterator<Item = Merge>) {
        self.merged_down = merges
            .into_iter()
            .filter(|m| m.last_row > m.first_row && m.last_col >= m.first_col)
            .take(MAX_MERGES)
            .collect();
        self.merged_down
            .sort_unstable_by_key(|m| (m.first_col, m.first_row));
    }

    /// The first row of a range merged down over (row, col) from a row above it.
    pub fn merged_from_above(&self, row: u32, col: u32) -> Option<u32> {
        // Ranges do not overlap: the few that start at or left of (row, col), nearest first.
        let end = self
            .merged_down
            .partition_point(|m| (m.first_col, m.first_row) <= (col, row));
        self.merged_down[..end]
            .iter()
            .rev()
            .take(64)
            .find(|m| m.first_row < row && row <= m.last_row && col <= m.last_col)
            .map(|m| m.first_row)
    }

    /// The first used cell right of (row, col) in the same row.
    pub fn right_of(&self, row: u32, col: u32) -> Option<(u32, &Value)> {
        self.row(row)?
            .from_col(col.saturating_add(1))
            .next()
            .map(|(c, v)| (*c, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_in_any_order_are_kept_in_order() {
        let mut g = Grid::new("s");
        let t = |s: &str| Value::Text(s.to_string());
        g.set(5, 2, t("c"));
        g.set(5, 0, t("a"));
        g.set(1, 1, t("b"));
        g.set(5, 2, t("C"));
        g.set(9, 0, t("d"));
        assert_eq!(g.len(), 4);
        let rows: Vec<u32> = g.rows().map(|(r, _)| r).collect();
        assert_eq!(rows, [1, 5, 9]);
        assert_eq!(g.get(5, 2), Some(&t("C")));
        assert_eq!(g.right_of(5, 0), Some((2, &t("C"))));
        assert_eq!(g.rows_after(1).map(|(r, _)| r).collect::<Vec<_>>(), [5, 9]);
        assert_eq!(g.row(5).unwrap().from_col(1).count(), 1);
        assert!(g.get(2, 0).is_none());
    }

    #[test]
    fn a_range_merged_down_is_found_from_its_lower_rows() {
        let mut g = Grid::new("s");
        let m = |first_row, first_col, last_row, last_col| Merge {
            first_row,
            first_col,
            last_row,
            last_col,
        };
        g.set_merges([m(3, 0, 5, 0), m(0, 0, 0, 5), m(8, 0, 9, 1), m(3, 2, 4, 2)]);
        assert_eq!(g.merged_from_above(3, 0), None);
        assert_eq!(g.merged_from_above(4, 0), Some(3));
        assert_eq!(g.merged_from_above(5, 0), Some(3));
        assert_eq!(g.merged_from_above(6, 0), None);
        assert_eq!(g.merged_from_above(9, 1), Some(8));
        assert_eq!(g.merged_from_above(4, 2), Some(3));
        assert_eq!(g.merged_from_above(4, 1), None);
    }
}

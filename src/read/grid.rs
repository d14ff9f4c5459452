//! A sheet as a sparse grid of cell values: what every reader produces and what the
//! locator reads. Only used cells are stored, so a sheet whose one cell sits at XFD1048576
//! costs one entry.

use std::collections::BTreeMap;

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
        if ERROR_TEXTS.contains(&t.as_str()) {
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
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
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

/// One sheet of used cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    /// The sheet's name (for delimited text, the file name).
    pub name: String,
    rows: BTreeMap<u32, BTreeMap<u32, Value>>,
    len: usize,
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
        if self
            .rows
            .entry(row)
            .or_default()
            .insert(col, value)
            .is_none()
        {
            self.len += 1;
        }
    }

    pub fn get(&self, row: u32, col: u32) -> Option<&Value> {
        self.rows.get(&row)?.get(&col)
    }

    /// The number of used cells.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The used rows in order, each with its used cells in column order.
    pub fn rows(&self) -> impl Iterator<Item = (u32, &BTreeMap<u32, Value>)> {
        self.rows.iter().map(|(r, cells)| (*r, cells))
    }

    /// The used cells of one row.
    pub fn row(&self, row: u32) -> Option<&BTreeMap<u32, Value>> {
        self.rows.get(&row)
    }

    /// The used rows after `row`, in order.
    pub fn rows_after(&self, row: u32) -> impl Iterator<Item = (u32, &BTreeMap<u32, Value>)> {
        self.rows
            .range(row.saturating_add(1)..)
            .map(|(r, cells)| (*r, cells))
    }

    /// The first used cell right of (row, col) in the same row.
    pub fn right_of(&self, row: u32, col: u32) -> Option<(u32, &Value)> {
        self.rows
            .get(&row)?
            .range(col.saturating_add(1)..)
            .next()
            .map(|(c, v)| (*c, v))
    }
}

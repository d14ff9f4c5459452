//! SYLK files (.slk): one record a line, `ID;P...` first, then cell records such as
//! `C;X2;Y3;K"Zoë"` (column, row, value); a field's `;` is written `;;`, and a line break
//! inside text `ESC :` (as Excel and LibreOffice write them). Only the cells' values are
//! read: formulas (`E`), formats and the other records are left aside.

use super::grid::{Grid, Value};
use super::Limits;

const MAX_ROW: u32 = 1 << 20;
const MAX_COL: u32 = 1 << 14;

/// Reads the one sheet of a SYLK file, named `name`.
///
/// # Errors
///
/// When it holds more values than the limits allow.
pub fn read(bytes: &[u8], name: &str, limits: &Limits) -> Result<Grid, String> {
    // UTF-8 as LibreOffice writes it, else the ANSI code page of Excel's.
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    };
    let mut cells: Vec<(u32, u32, Value)> = Vec::new();
    let (mut row, mut col) = (1u32, 1u32);
    for line in text.split(['\n', '\r']) {
        let fields = split(line);
        let Some(kind) = fields.first() else { continue };
        if kind != "C" && kind != "F" {
            continue;
        }
        let mut value = None;
        for f in &fields[1..] {
            let (key, rest) = f.split_at(f.chars().next().map_or(0, char::len_utf8));
            match key {
                "X" => {
                    col = rest
                        .trim()
                        .parse()
                        .ok()
                        .filter(|c| (1..=MAX_COL).contains(c))
                        .unwrap_or(col)
                }
                "Y" => {
                    row = rest
                        .trim()
                        .parse()
                        .ok()
                        .filter(|r| (1..=MAX_ROW).contains(r))
                        .unwrap_or(row)
                }
                "K" if kind == "C" => value = parse_value(rest),
                _ => {}
            }
        }
        if let Some(v) = value {
            if cells.len() >= limits.max_cells {
                return Err(format!(
                    "the SYLK file has more than {} used cells; an IGP has a few hundred",
                    limits.max_cells
                ));
            }
            cells.push((row - 1, col - 1, v));
        }
    }
    cells.sort_by_key(|(r, c, _)| (*r, *c));
    let mut grid = Grid::new(name);
    for (r, c, v) in cells {
        grid.set(r, c, v);
    }
    Ok(grid)
}

/// The fields of a record: split at `;`, where `;;` is a `;` in the field.
fn split(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ';' {
            if chars.peek() == Some(&';') {
                chars.next();
                field.push(';');
            } else {
                fields.push(std::mem::take(&mut field));
            }
        } else {
            field.push(c);
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
    }
    fields
}

/// A `K` value: text in quotes, a number, TRUE/FALSE, or an error such as `#N/A`.
fn parse_value(raw: &str) -> Option<Value> {
    if let Some(quoted) = raw.strip_prefix('"') {
        let text = quoted.strip_suffix('"').unwrap_or(quoted);
        // ESC : is a line break; other escape sequences (ESC N, accents) are left out.
        let text = text.replace("\u{1b} :", "\n").replace("\u{1b}:", "\n");
        return Value::text(&text.replace('\u{1b}', ""));
    }
    let raw = raw.trim();
    match raw {
        "" => None,
        "TRUE" => Some(Value::Bool(true)),
        "FALSE" => Some(Value::Bool(false)),
        _ if raw.starts_with('#') => Some(Value::Error(raw.to_string())),
        _ => match raw.parse::<f64>() {
            Ok(n) if n.is_finite() => Some(Value::Number(n)),
            _ => Value::text(raw),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_text_numbers_and_escapes_are_read() {
        let slk = "ID;PCALCOOO32\r\nC;X1;Y1;K\"Name\"\r\nC;X2;K\"Zoë;; Álvarez\"\r\n\
                   F;P0;FG0G;X3;Y2\r\nC;K46037;EDATE(1;;2)\r\nC;X1;Y3;K\"a\u{1b} :b\"\r\n\
                   C;X2;Y3;KTRUE\r\nC;X3;Y3;K#N/A\r\nE\r\n";
        let g = read(slk.as_bytes(), "plan.slk", &Limits::default()).unwrap();
        assert_eq!(g.name, "plan.slk");
        assert_eq!(g.get(0, 0), Some(&Value::Text("Name".into())));
        assert_eq!(g.get(0, 1), Some(&Value::Text("Zoë; Álvarez".into())));
        assert_eq!(g.get(1, 2), Some(&Value::Number(46037.0)));
        assert_eq!(g.get(2, 0), Some(&Value::Text("a\nb".into())));
        assert_eq!(g.get(2, 1), Some(&Value::Bool(true)));
        assert_eq!(g.get(2, 2), Some(&Value::Error("#N/A".into())));
        assert_eq!(g.len(), 6);
        // Excel's ANSI.
        let g = read(b"ID;PWXL\nC;Y1;X1;K\"Zo\xEB\"\n", "x", &Limits::default()).unwrap();
        assert_eq!(g.get(0, 0), Some(&Value::Text("Zoë".into())));
        let small = Limits {
            max_cells: 2,
            ..Limits::default()
        };
        assert!(read(slk.as_bytes(), "x", &small)
            .unwrap_err()
            .contains("more than 2 used cells"));
    }
}

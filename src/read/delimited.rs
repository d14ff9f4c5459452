//! Delimited text (CSV, TSV, `;` and `|` separated) through the csv crate, into a grid.
//!
//! The encoding is told by the BOM (UTF-8, UTF-16), else UTF-8 when the bytes are valid
//! UTF-8, else UTF-16 without BOM when every other byte is NUL, else Windows-1252.
//! The delimiter is sniffed from the first records.

use super::grid::{Grid, Value};
use super::Limits;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Decodes the bytes of a text file, or says why they are not text.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static Encoding), String> {
    let (encoding, body): (&'static Encoding, &[u8]) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None if std::str::from_utf8(bytes).is_ok() => (UTF_8, bytes),
        None if looks_utf16(bytes, 1) => (UTF_16LE, bytes),
        None if looks_utf16(bytes, 0) => (UTF_16BE, bytes),
        None => (WINDOWS_1252, bytes),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors && encoding != WINDOWS_1252 {
        return Err(format!(
            "text that is not valid {} (a damaged or binary file)",
            encoding.name()
        ));
    }
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        .count();
    let total = text.chars().count().max(1);
    if text.contains('\0') || control * 200 > total {
        return Err("binary data, not a spreadsheet or delimited text".into());
    }
    Ok((text.into_owned(), encoding))
}

/// UTF-16 without BOM: in the first bytes, the byte at `zero_at` of each pair is NUL.
fn looks_utf16(bytes: &[u8], zero_at: usize) -> bool {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(256).collect();
    pairs.len() >= 2 && pairs.iter().all(|p| p[zero_at] == 0 && p[1 - zero_at] != 0)
}

/// The delimiter that splits the first records most consistently into several fields:
/// for each candidate, the fields of each of the first 100 records are counted (quotes
/// respected, trailing empty fields of padded rows ignored), and the candidate whose most
/// common count (over 1) covers the most fields wins. Comma on a tie or a single column.
pub fn sniff_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
    // Per candidate: field count of each record -> fields it accounts for.
    let mut counts: [std::collections::HashMap<usize, usize>; 4] = Default::default();
    // Per candidate: fields so far in this record, and the fields up to the last non-empty one.
    let mut fields = [1usize; 4];
    let mut used = [0usize; 4];
    let mut field_has_text = false;
    let mut in_quotes = false;
    let mut records = 0;
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        if in_quotes {
            if b == b'"' {
                if bytes.peek() == Some(&b'"') {
                    bytes.next();
                } else {
                    in_quotes = false;
                }
            }
            continue;
        }
        match b {
            b'"' => {
                in_quotes = true;
                field_has_text = true;
            }
            b'\n' => {
                for i in 0..4 {
                    if field_has_text {
                        used[i] = fields[i];
                    }
                    if used[i] > 1 {
                        *counts[i].entry(fields[i]).or_default() += used[i];
                    }
                    fields[i] = 1;
                    used[i] = 0;
                }
                field_has_text = false;
                records += 1;
                if records == 100 {
                    break;
                }
            }
            b'\r' | b' ' => {}
            _ => {
                if let Some(i) = CANDIDATES.iter().position(|c| *c == b) {
                    if field_has_text {
                        used[i] = fields[i];
                    }
                    fields[i] += 1;
                    // A delimiter of one candidate is text in the fields of the others.
                    for (j, u) in used.iter_mut().enumerate() {
                        if j != i {
                            *u = fields[j];
                        }
                    }
                    field_has_text = false;
                } else {
                    field_has_text = true;
                }
            }
        }
    }
    if !in_quotes {
        for i in 0..4 {
            if field_has_text {
                used[i] = fields[i];
            }
            if used[i] > 1 {
                *counts[i].entry(fields[i]).or_default() += used[i];
            }
        }
    }
    let mut best = (b',', 0usize);
    for (i, c) in counts.iter().enumerate() {
        let score = c.values().copied().max().unwrap_or(0);
        if score > best.1 {
            best = (CANDIDATES[i], score);
        }
    }
    best.0
}

/// Removes the guard that igp's CSV writer puts before text a spreadsheet would run as a
/// formula (a `'` before `=`, `+`, `-`, `@`, tab, CR, or another `'`).
pub fn unguard(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) => rest,
        _ => field,
    }
}

/// Parses decoded text into one grid named `name`.
pub fn parse(text: &str, name: &str, limits: &Limits) -> Result<Grid, String> {
    let delim = sniff_delimiter(text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(text.as_bytes());
    let mut grid = Grid::new(name);
    let mut record = csv::StringRecord::new();
    let mut row: u32 = 0;
    loop {
        match rdr.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(format!("malformed delimited text: {e}")),
        }
        for (col, field) in record.iter().enumerate() {
            if let Some(v) = Value::text(unguard(field)) {
                if grid.len() >= limits.max_cells {
                    return Err(format!(
                        "more than {} used cells; an IGP has a few hundred",
                        limits.max_cells
                    ));
                }
                grid.set(row, col as u32, v);
            }
        }
        row = row.saturating_add(1);
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(
            sniff_delimiter("Name,Alice,,\nRole,\"Dev, backend\",,\n"),
            b','
        );
        assert_eq!(sniff_delimiter("Name;Alice;;\nRole;Dev, backend;;\n"), b';');
        assert_eq!(sniff_delimiter("Name\tAlice\nRole\tDev; ops\n"), b'\t');
        assert_eq!(sniff_delimiter("a|b|c\n1|2|3\n"), b'|');
    }

    #[test]
    fn decodes_encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFa,b").unwrap().0, "a,b");
        assert_eq!(decode(b"Jos\xE9,1").unwrap().0, "José,1");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a\tb".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).unwrap().0, "a\tb");
        assert!(decode(&[0, 1, 2, 3, 200, 17, 4, 5]).is_err());
    }

    #[test]
    fn guard_is_removed_only_before_formula_characters() {
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unguard("'quoted'"), "'quoted'");
    }
}

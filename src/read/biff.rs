//! Excel 2.x, 3 and 4 worksheets (.xls before Excel 97): a bare BIFF2, BIFF3 or BIFF4
//! stream, no compound file around it, which calamine does not read. Records are
//! `[id u16][length u16][data]`; the cell records carry row and column, then the value:
//! numbers (NUMBER, INTEGER, RK), text (LABEL, in the file's code page), booleans and errors
//! (BOOLERR), and a formula's last result (FORMULA, its text in the STRING record after it).
//! Formats are not read: a date is its serial number, as the locator takes it. An Excel 4
//! workbook (several sheets in one stream) gives one grid per sheet.

use super::grid::{Grid, Value};
use super::spreadsheetml::fill;
use super::Limits;
use encoding_rs::Encoding;

/// Whether the bytes start with the BOF record of a BIFF2, BIFF3 or BIFF4 stream.
pub fn is_biff2_4(bytes: &[u8]) -> bool {
    matches!(bytes, [0x09, 0x00 | 0x02 | 0x04, len, 0, ..] if (4..=16).contains(len))
}

/// Reads the sheets of a BIFF2 to BIFF4 stream.
///
/// # Errors
///
/// When the stream has more values than the limits allow.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<Grid>, String> {
    let mut grids: Vec<Grid> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut cells: Vec<(u32, u32, Value)> = Vec::new();
    let mut encoding: &'static Encoding = encoding_rs::WINDOWS_1252;
    let mut budget = limits.max_cells;
    // A formula whose text result is in the next STRING record.
    let mut pending: Option<(u32, u32)> = None;
    let mut in_sheet = false;
    let mut at = 0usize;
    while at + 4 <= bytes.len() {
        let id = u16::from_le_bytes([bytes[at], bytes[at + 1]]);
        let len = usize::from(u16::from_le_bytes([bytes[at + 2], bytes[at + 3]]));
        let Some(data) = bytes.get(at + 4..at + 4 + len) else {
            break; // a truncated last record: what came before is kept
        };
        at += 4 + len;
        let rc = || -> Option<(u32, u32)> {
            Some((
                u32::from(u16::from_le_bytes([*data.first()?, *data.get(1)?])),
                u32::from(u16::from_le_bytes([*data.get(2)?, *data.get(3)?])),
            ))
        };
        let mut value: Option<(u32, u32, Value)> = None;
        match id {
            // BOF: a worksheet (or a BIFF2/3 stream's only sheet) starts.
            0x0009 | 0x0209 | 0x0409 => {
                let kind = data.get(2..4).map(|k| u16::from_le_bytes([k[0], k[1]]));
                // 0x0010 worksheet; BIFF2 and some writers leave it 0. Globals (0x0100),
                // charts, macro sheets: no cells of a plan.
                in_sheet = matches!(kind, None | Some(0x0010) | Some(0));
                if in_sheet {
                    cells.clear();
                }
            }
            // EOF: the sheet ends.
            0x000A => {
                if in_sheet {
                    let name = names
                        .get(grids.len())
                        .cloned()
                        .unwrap_or_else(|| format!("Sheet{}", grids.len() + 1));
                    grids.push(fill(Grid::new(name), &mut cells));
                }
                in_sheet = false;
            }
            // CODEPAGE
            0x0042 => {
                if let Some(cp) = data.get(0..2).map(|c| u16::from_le_bytes([c[0], c[1]])) {
                    encoding = code_page(cp);
                }
            }
            // BUNDLESHEET (BIFF4 workbook): the sheets' names, in order.
            0x008F => {
                if let Some(&n) = data.get(6) {
                    if let Some(name) = data.get(7..7 + usize::from(n)) {
                        names.push(encoding.decode_without_bom_handling(name).0.into_owned());
                    }
                }
            }
            // INTEGER (BIFF2)
            0x0002 => {
                if let (Some((r, c)), Some(v)) = (rc(), data.get(7..9)) {
                    value = Some((
                        r,
                        c,
                        Value::Number(f64::from(u16::from_le_bytes([v[0], v[1]]))),
                    ));
                }
            }
            // NUMBER (BIFF2: 3 attribute bytes; BIFF3/4: an XF index)
            0x0003 | 0x0203 => {
                let off = if id == 0x0003 { 7 } else { 6 };
                if let (Some((r, c)), Some(v)) = (rc(), f64_at(data, off)) {
                    value = Some((r, c, Value::Number(v)));
                }
            }
            // LABEL (BIFF2: an 8-bit length; BIFF3/4: 16-bit)
            0x0004 | 0x0204 => {
                let text = if id == 0x0004 {
                    data.get(7).and_then(|&n| data.get(8..8 + usize::from(n)))
                } else {
                    data.get(6..8)
                        .map(|n| usize::from(u16::from_le_bytes([n[0], n[1]])))
                        .and_then(|n| data.get(8..8 + n))
                };
                if let (Some((r, c)), Some(t)) = (rc(), text) {
                    if let Some(v) = Value::text(&encoding.decode_without_bom_handling(t).0) {
                        value = Some((r, c, v));
                    }
                }
            }
            // BOOLERR
            0x0005 | 0x0205 => {
                let off = if id == 0x0005 { 7 } else { 6 };
                if let (Some((r, c)), Some(&v), Some(&err)) =
                    (rc(), data.get(off), data.get(off + 1))
                {
                    value = Some((
                        r,
                        c,
                        if err == 0 {
                            Value::Bool(v != 0)
                        } else {
                            error(v)
                        },
                    ));
                }
            }
            // RK (BIFF3/4)
            0x027E => {
                if let (Some((r, c)), Some(v)) = (rc(), data.get(6..10)) {
                    value = Some((
                        r,
                        c,
                        Value::Number(rk(u32::from_le_bytes([v[0], v[1], v[2], v[3]]))),
                    ));
                }
            }
            // FORMULA: its last result (a text result is in the STRING record next)
            0x0006 | 0x0206 | 0x0406 => {
                let off = if id == 0x0006 { 7 } else { 6 };
                if let (Some((r, c)), Some(res)) = (rc(), data.get(off..off + 8)) {
                    if res[6] == 0xFF && res[7] == 0xFF {
                        match res[0] {
                            0 => pending = Some((r, c)),
                            1 => value = Some((r, c, Value::Bool(res[2] != 0))),
                            2 => value = Some((r, c, error(res[2]))),
                            _ => {}
                        }
                    } else if let Some(v) = f64_at(res, 0) {
                        value = Some((r, c, Value::Number(v)));
                    }
                }
            }
            // STRING: the text result of the formula before
            0x0007 | 0x0207 => {
                let text = if id == 0x0007 {
                    data.first().and_then(|&n| data.get(1..1 + usize::from(n)))
                } else {
                    data.get(0..2)
                        .map(|n| usize::from(u16::from_le_bytes([n[0], n[1]])))
                        .and_then(|n| data.get(2..2 + n))
                };
                if let (Some((r, c)), Some(t)) = (pending.take(), text) {
                    if let Some(v) = Value::text(&encoding.decode_without_bom_handling(t).0) {
                        value = Some((r, c, v));
                    }
                }
            }
            _ => {}
        }
        if let (Some((r, c, v)), true) = (value, in_sheet) {
            if budget == 0 {
                return Err(format!(
                    "the workbook has more than {} used cells; an IGP has a few hundred",
                    limits.max_cells
                ));
            }
            budget -= 1;
            cells.push((r, c, v));
        }
    }
    // A stream cut before its EOF: the cells read so far are the sheet; a stream with no
    // sheet in it is one empty sheet, as LibreOffice opens it.
    if (in_sheet && !cells.is_empty()) || grids.is_empty() {
        let name = names
            .get(grids.len())
            .cloned()
            .unwrap_or_else(|| format!("Sheet{}", grids.len() + 1));
        grids.push(fill(Grid::new(name), &mut cells));
    }
    Ok(grids)
}

fn f64_at(data: &[u8], off: usize) -> Option<f64> {
    let b: [u8; 8] = data.get(off..off + 8)?.try_into().ok()?;
    Some(f64::from_le_bytes(b)).filter(|v| v.is_finite())
}

/// An RK number: a 30-bit integer or the top 30 bits of a double, maybe over 100.
fn rk(v: u32) -> f64 {
    let n = if v & 2 != 0 {
        f64::from((v as i32) >> 2)
    } else {
        f64::from_bits(u64::from(v & 0xFFFF_FFFC) << 32)
    };
    if v & 1 != 0 {
        n / 100.0
    } else {
        n
    }
}

fn error(code: u8) -> Value {
    Value::Error(
        match code {
            0x00 => "#NULL!",
            0x07 => "#DIV/0!",
            0x0F => "#VALUE!",
            0x17 => "#REF!",
            0x1D => "#NAME?",
            0x24 => "#NUM!",
            _ => "#N/A",
        }
        .to_string(),
    )
}

/// The encoding of a Windows code page, Windows-1252 for one encoding_rs does not have.
fn code_page(cp: u16) -> &'static Encoding {
    match cp {
        1250 => encoding_rs::WINDOWS_1250,
        1251 => encoding_rs::WINDOWS_1251,
        1253 => encoding_rs::WINDOWS_1253,
        1254 => encoding_rs::WINDOWS_1254,
        1255 => encoding_rs::WINDOWS_1255,
        1256 => encoding_rs::WINDOWS_1256,
        1257 => encoding_rs::WINDOWS_1257,
        1258 => encoding_rs::WINDOWS_1258,
        874 => encoding_rs::WINDOWS_874,
        932 => encoding_rs::SHIFT_JIS,
        936 => encoding_rs::GBK,
        949 => encoding_rs::EUC_KR,
        950 => encoding_rs::BIG5,
        10000 | 0x8000 => encoding_rs::MACINTOSH,
        _ => encoding_rs::WINDOWS_1252,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: u16, data: &[u8]) -> Vec<u8> {
        let mut r = id.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    #[test]
    fn biff2_and_biff3_cells_are_read() {
        // BIFF2: BOF, LABEL "Zoë" (Windows-1252), NUMBER, INTEGER, BOOLERR, EOF.
        let mut b2 = record(0x0009, &[0, 0, 0x10, 0]);
        b2.extend(record(0x0004, &[0, 0, 0, 0, 0, 0, 0, 3, b'Z', b'o', 0xEB]));
        let mut number = vec![1, 0, 1, 0, 0, 0, 0];
        number.extend(46037.0f64.to_le_bytes());
        b2.extend(record(0x0003, &number));
        b2.extend(record(0x0002, &[2, 0, 0, 0, 0, 0, 0, 7, 0]));
        b2.extend(record(0x0005, &[2, 0, 1, 0, 0, 0, 0, 1, 0]));
        b2.extend(record(0x000A, &[]));
        assert!(is_biff2_4(&b2));
        let g = &read(&b2, &Limits::default()).unwrap()[0];
        assert_eq!(g.name, "Sheet1");
        assert_eq!(g.get(0, 0), Some(&Value::Text("Zoë".into())));
        assert_eq!(g.get(1, 1), Some(&Value::Number(46037.0)));
        assert_eq!(g.get(2, 0), Some(&Value::Number(7.0)));
        assert_eq!(g.get(2, 1), Some(&Value::Bool(true)));
        // BIFF3: BOF, CODEPAGE 1251, LABEL, RK 1.5 (150 / 100), a formula with a text
        // result, EOF.
        let mut b3 = record(0x0209, &[0, 0, 0x10, 0, 0, 0]);
        b3.extend(record(0x0042, &1251u16.to_le_bytes()));
        b3.extend(record(0x0204, &[0, 0, 0, 0, 0, 0, 2, 0, 0xC8, 0xFF]));
        b3.extend(record(0x027E, &[0, 0, 1, 0, 0, 0, 0x5B, 0x02, 0, 0]));
        b3.extend(record(
            0x0206,
            &[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0],
        ));
        b3.extend(record(0x0207, &[4, 0, b'G', b'o', b'a', b'l']));
        b3.extend(record(0x000A, &[]));
        let g = &read(&b3, &Limits::default()).unwrap()[0];
        assert_eq!(g.get(0, 0), Some(&Value::Text("Ия".into())));
        assert_eq!(g.get(0, 1), Some(&Value::Number(1.5)));
        assert_eq!(g.get(1, 0), Some(&Value::Text("Goal".into())));
        let small = Limits {
            max_cells: 2,
            ..Limits::default()
        };
        assert!(read(&b2, &small)
            .unwrap_err()
            .contains("more than 2 used cells"));
        // Cut short: what was read is kept; nothing read, one empty sheet.
        assert_eq!(
            read(&b2[..b2.len() - 6], &Limits::default()).unwrap()[0].len(),
            3
        );
        let none = read(&b2[..8], &Limits::default()).unwrap();
        assert_eq!((none.len(), none[0].len()), (1, 0));
    }
}

//! Gnumeric workbooks (.gnumeric): gzip-compressed XML, one `Sheet` element per sheet, its
//! cells as `<gnm:Cell Row="0" Col="0" ValueType="60">text</gnm:Cell>` (older files: `gmr:`
//! and the text in a `Content` element). Gnumeric keeps formulas, not their results: a
//! formula cell is left out, as no value of it is stored.

use super::grid::{Grid, Value};
use super::spreadsheetml::attr;
use super::Limits;
use quick_xml::events::{BytesStart, Event};
use std::io::Read;

/// Whether the first KB of XML name Gnumeric's workbook element or namespace (today's,
/// `http://www.gnumeric.org/v10.dtd`, or the first, `http://www.gnome.org/gnumeric/`).
pub fn names_gnumeric(head: &str) -> bool {
    head.contains("http://www.gnumeric.org/v")
        || head.contains("http://www.gnome.org/gnumeric/")
        || head.contains("<gnm:Workbook")
        || head.contains("<gmr:Workbook")
}

const MAX_ROW: u32 = (1 << 24) - 1;
const MAX_COL: u32 = (1 << 14) - 1;
/// The most date-formatted style regions of a sheet looked at for each number.
const MAX_DATE_REGIONS: usize = 1024;

/// Whether these bytes (gzip or plain XML) are a Gnumeric workbook, by its first KB.
pub fn is_gnumeric(bytes: &[u8]) -> bool {
    let mut head = Vec::new();
    let plain: &[u8] = if bytes.starts_with(b"\x1F\x8B") {
        let z = flate2::read::GzDecoder::new(bytes);
        // A damaged stream gives what it gave before the damage.
        let _ = z.take(4096).read_to_end(&mut head);
        &head
    } else {
        &bytes[..bytes.len().min(4096)]
    };
    names_gnumeric(&String::from_utf8_lossy(plain))
}

/// Reads the sheets of a Gnumeric workbook.
///
/// # Errors
///
/// When the gzip stream or the XML is damaged, or the workbook unpacks to more bytes, or
/// holds more values, than the limits allow.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<Grid>, String> {
    let bad = |e: &dyn std::fmt::Display| {
        format!(
            "a Gnumeric workbook that cannot be read ({e}): open it in Gnumeric or LibreOffice, \
             save it as Excel Workbook (.xlsx) and check that"
        )
    };
    let xml = if bytes.starts_with(b"\x1F\x8B") {
        let mut xml = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .take(limits.max_unpacked_bytes + 1)
            .read_to_end(&mut xml)
            .map_err(|e| bad(&e))?;
        if xml.len() as u64 > limits.max_unpacked_bytes {
            return Err(format!(
                "the Gnumeric workbook unpacks to more than {}, over the limit; an IGP unpacks \
                 to well under 1 MB: is this the right file?",
                super::human_bytes(limits.max_unpacked_bytes)
            ));
        }
        xml
    } else {
        bytes.to_vec()
    };
    let source = super::spreadsheetml::xml_text(&xml);
    let mut reader = quick_xml::Reader::from_str(&source);
    reader.config_mut().trim_text(false);
    let mut grids = Vec::new();
    let mut budget = limits.max_cells;
    let mut depth = 0usize;
    // The open sheet: its depth, and whether its name was read.
    let mut sheet: Option<(usize, bool)> = None;
    let mut grid: Option<Grid> = None;
    let mut cells: Vec<(u32, u32, Value)> = Vec::new();
    // What text is being gathered: the sheet's name, or a cell's (row, col, value type).
    let mut name: Option<String> = None;
    let mut cell: Option<(u32, u32, Option<u32>, String)> = None;
    let mut date_format = false;
    // The sheet's style regions with a date format (rows, then columns, inclusive), and
    // the open region's, until its style is read. Bounded: past the cap, numbers stay
    // numbers.
    let mut dates: Vec<[u32; 4]> = Vec::new();
    let mut region: Option<[u32; 4]> = None;
    loop {
        let event = reader.read_event().map_err(|e| bad(&e))?;
        match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    "Sheet" if sheet.is_none() && !empty => {
                        sheet = Some((depth, false));
                        grid = Some(Grid::new(format!("Sheet{}", grids.len() + 1)));
                    }
                    "Name"
                        if !empty && sheet.is_some_and(|(d, named)| d + 1 == depth && !named) =>
                    {
                        name = Some(String::new());
                    }
                    "StyleRegion" if grid.is_some() => {
                        let at = |n| index(e, n, u32::MAX);
                        region = match (at("startRow"), at("endRow"), at("startCol"), at("endCol"))
                        {
                            (Some(r0), Some(r1), Some(c0), Some(c1)) => Some([r0, r1, c0, c1]),
                            _ => None,
                        };
                    }
                    "Style" => {
                        if let Some(r) = region.take() {
                            if dates.len() < MAX_DATE_REGIONS
                                && attr(e, "Format").is_some_and(|f| is_date_format(&f))
                            {
                                dates.push(r);
                            }
                        }
                    }
                    "Cell" if grid.is_some() => {
                        let row = index(e, "Row", MAX_ROW);
                        let col = index(e, "Col", MAX_COL);
                        if let (Some(row), Some(col), false) = (row, col, empty) {
                            let typ = attr(e, "ValueType").and_then(|v| v.trim().parse().ok());
                            date_format = attr(e, "ValueFormat")
                                .map(|f| is_date_format(&f))
                                .unwrap_or_else(|| {
                                    dates.iter().any(|[r0, r1, c0, c1]| {
                                        (*r0..=*r1).contains(&row) && (*c0..=*c1).contains(&col)
                                    })
                                });
                            cell = Some((row, col, typ, String::new()));
                        }
                    }
                    _ => {}
                }
                if !empty {
                    depth += 1;
                }
            }
            Event::Text(t) => {
                let text = t.xml10_content();
                if let Some(s) = name.as_mut() {
                    s.push_str(&text);
                } else if let Some((.., s)) = cell.as_mut() {
                    s.push_str(&text);
                }
            }
            Event::CData(t) => {
                if let Some((.., s)) = cell.as_mut() {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.xml10_content().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    if let Some(s) = name.as_mut() {
                        s.push(c);
                    } else if let Some((.., s)) = cell.as_mut() {
                        s.push(c);
                    }
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                match e.local_name().as_ref() {
                    "Name" if name.is_some() => {
                        if let (Some(n), Some(g), Some((_, named))) =
                            (name.take(), grid.as_mut(), sheet.as_mut())
                        {
                            if let Some(n) = super::grid::normalize_text(&n) {
                                g.name = n;
                            }
                            *named = true;
                        }
                    }
                    "Cell" => {
                        if let Some((row, col, typ, text)) = cell.take() {
                            if let Some(v) = value(typ, &text, date_format) {
                                if budget == 0 {
                                    return Err(format!(
                                        "the workbook has more than {} used cells; an IGP has a few hundred",
                                        limits.max_cells
                                    ));
                                }
                                budget -= 1;
                                cells.push((row, col, v));
                            }
                        }
                    }
                    "Sheet" if sheet.is_some_and(|(d, _)| d == depth) => {
                        sheet = None;
                        dates.clear();
                        if let Some(mut g) = grid.take() {
                            cells.sort_by_key(|(r, c, _)| (*r, *c));
                            for (r, c, v) in cells.drain(..) {
                                g.set(r, c, v);
                            }
                            grids.push(g);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Ok(grids)
}

fn index(e: &BytesStart<'_>, name: &str, max: u32) -> Option<u32> {
    attr(e, name)?.trim().parse().ok().filter(|&i| i <= max)
}

/// Whether a number format shows a date (a day and a year, or a month name).
fn is_date_format(f: &str) -> bool {
    let f = f.to_ascii_lowercase();
    let plain: String = f
        .split('"')
        .step_by(2)
        .collect::<String>()
        .replace("general", "");
    plain.contains('y') && (plain.contains('d') || plain.contains('m'))
}

/// A cell's value by its Gnumeric value type: 10 empty, 20 boolean, 30 integer, 40 float,
/// 50 error, 60 string, 70 range, 80 array; none for a formula (its text starts with `=`,
/// and its result is not stored) or an old file's plain content.
fn value(typ: Option<u32>, text: &str, date_format: bool) -> Option<Value> {
    match typ {
        Some(10) => None,
        Some(20) => Some(Value::Bool(text.trim().eq_ignore_ascii_case("true"))),
        Some(30 | 40) => {
            let n: f64 = text.trim().parse().ok()?;
            if date_format {
                if let Some(d) = crate::dates::from_serial(n) {
                    return Some(Value::Date(d));
                }
            }
            Some(Value::Number(n))
        }
        Some(50) => super::grid::normalize_text(text).map(Value::Error),
        _ if text.trim_start().starts_with('=') => None,
        _ => Value::text(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<gnm:Workbook xmlns:gnm="http://www.gnumeric.org/v10.dtd">
  <gnm:SheetNameIndex><gnm:SheetName>Plan</gnm:SheetName></gnm:SheetNameIndex>
  <gnm:Sheets>
    <gnm:Sheet DisplayFormulas="0">
      <gnm:Name>Plan &amp; goals</gnm:Name>
      <gnm:Names><gnm:Name><gnm:name>Print_Area</gnm:name></gnm:Name></gnm:Names>
      <gnm:Styles>
        <gnm:StyleRegion startCol="2" startRow="1" endCol="2" endRow="1"><gnm:Style Format="d/m/yyyy"/></gnm:StyleRegion>
        <gnm:StyleRegion startCol="0" startRow="0" endCol="255" endRow="65535"><gnm:Style Format="General"/></gnm:StyleRegion>
      </gnm:Styles>
      <gnm:Cells>
        <gnm:Cell Row="0" Col="0" ValueType="60">Name</gnm:Cell>
        <gnm:Cell Row="0" Col="1" ValueType="60">Zoë Álvarez</gnm:Cell>
        <gnm:Cell Row="1" Col="1" ValueType="40" ValueFormat="yyyy-mm-dd">46037</gnm:Cell>
        <gnm:Cell Row="1" Col="2" ValueType="40">46038</gnm:Cell>
        <gnm:Cell Row="2" Col="0" ValueType="20">TRUE</gnm:Cell>
        <gnm:Cell Row="2" Col="1" ValueType="30">3</gnm:Cell>
        <gnm:Cell Row="3" Col="0">=A3+1</gnm:Cell>
        <gnm:Cell Row="3" Col="1" ValueType="50">#REF!</gnm:Cell>
      </gnm:Cells>
    </gnm:Sheet>
    <gnm:Sheet><gnm:Name>Empty</gnm:Name><gnm:Cells/></gnm:Sheet>
  </gnm:Sheets>
</gnm:Workbook>"#;

    fn gzip(b: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(b).unwrap();
        z.finish().unwrap()
    }

    #[test]
    fn sheets_cells_and_value_types_are_read() {
        let bytes = gzip(XML.as_bytes());
        assert!(is_gnumeric(&bytes) && is_gnumeric(XML.as_bytes()));
        assert!(!is_gnumeric(&gzip(b"a,b\n1,2\n")));
        let first = r#"<?xml version="1.0"?>
<gmr:Workbook xmlns:gmr="http://www.gnome.org/gnumeric/"><gmr:Sheets><gmr:Sheet>
<gmr:Name>Sheet 0</gmr:Name><gmr:Cells>
<gmr:Cell Col="1" Row="0" Style="0"><gmr:Content>Goal</gmr:Content></gmr:Cell>
</gmr:Cells></gmr:Sheet></gmr:Sheets></gmr:Workbook>"#;
        assert_eq!(
            crate::read::sniff::sniff(first.as_bytes()),
            Ok(crate::read::sniff::Kind::Gnumeric)
        );
        let old = read(first.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(old[0].name, "Sheet 0");
        assert_eq!(old[0].get(0, 1), Some(&Value::Text("Goal".into())));
        let grids = read(&bytes, &Limits::default()).unwrap();
        assert_eq!(grids.len(), 2);
        let g = &grids[0];
        assert_eq!(g.name, "Plan & goals");
        assert_eq!(g.get(0, 1), Some(&Value::Text("Zoë Álvarez".into())));
        assert_eq!(
            g.get(1, 1),
            Some(&Value::Date(
                chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
            ))
        );
        assert_eq!(
            g.get(1, 2),
            Some(&Value::Date(
                chrono::NaiveDate::from_ymd_opt(2026, 1, 16).unwrap()
            ))
        );
        assert_eq!(g.get(2, 0), Some(&Value::Bool(true)));
        assert_eq!(g.get(2, 1), Some(&Value::Number(3.0)));
        assert_eq!(g.get(3, 0), None);
        assert_eq!(g.get(3, 1), Some(&Value::Error("#REF!".into())));
        assert_eq!(g.len(), 7);
        assert_eq!(grids[1].name, "Empty");
    }

    #[test]
    fn limits_hold() {
        let bytes = gzip(XML.as_bytes());
        let small = Limits {
            max_cells: 3,
            ..Limits::default()
        };
        assert!(read(&bytes, &small)
            .unwrap_err()
            .contains("more than 3 used cells"));
        let tight = Limits {
            max_unpacked_bytes: 100,
            ..Limits::default()
        };
        assert!(read(&bytes, &tight)
            .unwrap_err()
            .contains("unpacks to more than"));
        let cut = &bytes[..bytes.len() / 2];
        assert!(read(cut, &Limits::default())
            .unwrap_err()
            .starts_with("a Gnumeric workbook that cannot be read"));
    }
}

//! Excel 2003 XML spreadsheets (SpreadsheetML, "XML Spreadsheet 2003"), which calamine
//! does not read: `Workbook` > `Worksheet ss:Name` > `Table` > `Row` > `Cell` > `Data
//! ss:Type`, rows and cells placed by an optional 1-based `ss:Index`. One pass over the
//! XML, each value counted against the cell limit; a cell spanning columns
//! (`ss:MergeAcross`) moves the next cell past its span.

use super::grid::{Grid, Value};
use super::Limits;
use crate::layout::{FINDINGS_SHEET, GUIDE_SHEET};
use quick_xml::events::{BytesStart, Event};

/// The namespace that tells a SpreadsheetML workbook.
pub const NAMESPACE: &str = "urn:schemas-microsoft-com:office:spreadsheet";

/// Excel's grid: 1,048,576 rows of 16,384 columns.
const MAX_ROW: u32 = 1 << 20;
const MAX_COL: u32 = 1 << 14;

/// The value of an attribute of `e` by its local name (any namespace), unescaped.
pub(super) fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// A 1-based `ss:Index` as a 0-based position, when it is a sound one.
fn index(e: &BytesStart<'_>, max: u32) -> Option<u32> {
    let i: u32 = attr(e, "Index")?.trim().parse().ok()?;
    (1..=max).contains(&i).then(|| i - 1)
}

/// An XML file's bytes as text: UTF-16 by its BOM or its first `<` (an XML file starts
/// with one), else the encoding its declaration names, else UTF-8.
pub fn xml_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_with_bom_removal(bytes).0;
    }
    if bytes.starts_with(b"<\0") {
        return encoding_rs::UTF_16LE.decode_without_bom_handling(bytes).0;
    }
    if bytes.starts_with(b"\0<") {
        return encoding_rs::UTF_16BE.decode_without_bom_handling(bytes).0;
    }
    let head = &bytes[..bytes.len().min(200)];
    let declared = std::str::from_utf8(head).ok().and_then(|h| {
        let at = h.find("encoding=")? + 10;
        let rest = h.get(at..)?;
        let end = rest.find(['"', '\''])?;
        encoding_rs::Encoding::for_label(&rest.as_bytes()[..end])
    });
    let encoding = match declared {
        // A declaration read as ASCII cannot truly say UTF-16.
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => encoding_rs::UTF_8,
        Some(e) => e,
        None => encoding_rs::UTF_8,
    };
    encoding.decode_without_bom_handling(bytes).0
}

/// Reads the worksheets of a SpreadsheetML workbook.
///
/// # Errors
///
/// When the XML is not well formed, or the workbook has more values than the limits allow.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<Grid>, String> {
    let source = xml_text(bytes);
    let mut reader = quick_xml::Reader::from_str(&source);
    reader.config_mut().trim_text(false);
    let bad = |e: &dyn std::fmt::Display| {
        format!(
            "an Excel 2003 XML spreadsheet (SpreadsheetML) that is not well-formed XML ({e}): \
             open it in Excel or LibreOffice, save it as Excel Workbook (.xlsx) and check that"
        )
    };
    let mut grids = Vec::new();
    let mut budget = limits.max_cells;
    let mut grid: Option<Grid> = None;
    let (mut row, mut col) = (0u32, 0u32);
    let mut next_row = 0u32;
    // The open Data element: its type and text so far.
    let mut data: Option<(String, String)> = None;
    let mut cell_span = 0u32;
    // The current sheet's cells, put in order into its grid at the sheet's end.
    let mut cells: Vec<(u32, u32, Value)> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| bad(&e))?;
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) if data.is_none() => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    "Worksheet" => {
                        let name =
                            attr(e, "Name").unwrap_or_else(|| format!("Sheet{}", grids.len() + 1));
                        if let Some(g) = grid.take() {
                            grids.push(fill(g, &mut cells));
                        }
                        grid = Some(Grid::new(name));
                        next_row = 0;
                    }
                    "Row" => {
                        row = index(e, MAX_ROW).unwrap_or(next_row);
                        next_row = row + 1;
                        col = 0;
                        if empty {
                            continue;
                        }
                    }
                    "Cell" => {
                        col = index(e, MAX_COL).unwrap_or(col);
                        let across: u32 = attr(e, "MergeAcross")
                            .and_then(|v| v.trim().parse().ok())
                            .unwrap_or(0);
                        cell_span = across.min(MAX_COL) + 1;
                        if empty {
                            col = col.saturating_add(cell_span);
                        }
                    }
                    "Data" if !empty => {
                        data = Some((attr(e, "Type").unwrap_or_default(), String::new()));
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some((_, s)) = &mut data {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some((_, s)) = &mut data {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, s)) = &mut data {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        s.push(c);
                    } else {
                        s.push_str(match r.xml10_content().as_ref() {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            _ => "",
                        });
                    }
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "Data" => {
                    if let (Some((typ, s)), Some(g)) = (data.take(), grid.as_mut()) {
                        if let Some(v) = value(&typ, &s) {
                            if budget == 0 {
                                return Err(format!(
                                    "the workbook has more than {} used cells (sheet '{}'); an IGP has a few hundred",
                                    limits.max_cells, g.name
                                ));
                            }
                            budget -= 1;
                            cells.push((row, col, v));
                        }
                    }
                }
                "Cell" => col = col.saturating_add(cell_span.max(1)),
                "Worksheet" => {
                    if let Some(g) = grid.take() {
                        grids.push(fill(g, &mut cells));
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    if let Some(g) = grid.take() {
        grids.push(fill(g, &mut cells));
    }
    grids.retain(|g| g.name != GUIDE_SHEET && g.name != FINDINGS_SHEET);
    Ok(grids)
}

/// A sheet's cells put into its grid in row and column order: `ss:Index` lets a file give
/// rows in any order, and a grid takes cells in order in constant time but out of order
/// in time that grows with the rows after them (700,000 rows given last to first took
/// minutes).
pub(super) fn fill(mut grid: Grid, cells: &mut Vec<(u32, u32, Value)>) -> Grid {
    cells.sort_by_key(|(r, c, _)| (*r, *c));
    for (r, c, v) in cells.drain(..) {
        grid.set(r, c, v);
    }
    grid
}

/// A cell's value by its `ss:Type`.
fn value(typ: &str, s: &str) -> Option<Value> {
    match typ {
        "Number" => match s.trim().parse::<f64>() {
            Ok(n) => Some(Value::Number(n)),
            Err(_) => Value::text(s),
        },
        "Boolean" => Some(Value::Bool(matches!(s.trim(), "1" | "true" | "TRUE"))),
        "DateTime" => Some(super::workbook::iso_value(s.trim())),
        "Error" => Some(Value::Error(s.trim().to_string())),
        _ => Value::text(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_given_last_to_first_are_put_in_order() {
        let rows: String = (1..=2000)
            .rev()
            .map(|i| {
                format!(
                    "<Row ss:Index=\"{i}\"><Cell><Data ss:Type=\"Number\">{i}</Data></Cell></Row>"
                )
            })
            .collect();
        let xml = format!(
            "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet ss:Name=\"S\"><Table>{rows}</Table></Worksheet></Workbook>"
        );
        let grids = read(xml.as_bytes(), &Limits::default()).unwrap();
        let rows: Vec<u32> = grids[0].rows().map(|(r, _)| r).collect();
        assert_eq!(rows, (0..2000).collect::<Vec<u32>>());
        assert_eq!(grids[0].get(1999, 0), Some(&Value::Number(2000.0)));
    }

    #[test]
    fn reads_rows_cells_indexes_and_types() {
        let xml = r#"<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Plan">
  <Table>
   <Row><Cell ss:MergeAcross="1"><Data ss:Type="String">Name &amp; role</Data></Cell><Cell><Data ss:Type="String">Zoë</Data></Cell></Row>
   <Row ss:Index="4"><Cell ss:Index="2"><Data ss:Type="Number">3.5</Data></Cell><Cell><Data ss:Type="DateTime">2026-02-10T00:00:00.000</Data></Cell></Row>
   <Row><Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>Bold</B> text&#10;two</ss:Data></Cell><Cell><Data ss:Type="Boolean">1</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="Empty"/>
</Workbook>"#;
        let grids = read(xml.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(grids.len(), 2);
        let g = &grids[0];
        assert_eq!(g.name, "Plan");
        assert_eq!(g.get(0, 0), Some(&Value::Text("Name & role".into())));
        assert_eq!(g.get(0, 2), Some(&Value::Text("Zoë".into())));
        assert_eq!(g.get(3, 1), Some(&Value::Number(3.5)));
        let day = chrono::NaiveDate::from_ymd_opt(2026, 2, 10).unwrap();
        assert_eq!(g.get(3, 2), Some(&Value::Date(day)));
        assert_eq!(g.get(4, 0).and_then(Value::as_text), Some("Bold text\ntwo"));
        assert_eq!(g.get(4, 1), Some(&Value::Bool(true)));
        assert!(grids[1].is_empty());
    }

    #[test]
    fn broken_xml_is_named() {
        let err = read(
            b"<Workbook><Worksheet ss:Name='a'><Table><Row></Cell>",
            &Limits::default(),
        );
        assert!(err
            .unwrap_err()
            .starts_with("an Excel 2003 XML spreadsheet"));
    }
}

//! A bounded look at an OpenDocument spreadsheet's content before calamine reads it.
//!
//! calamine keeps each ods sheet as a dense range, rows and columns repeated as the file
//! says (up to 100 million cells, 3 GB): a row of one value repeated over a million rows
//! is cheap to write and dear to read. So content.xml is streamed here first and the span
//! of each table's values counted, with its repeats; a file whose sheets span more than the
//! limits allow is refused before calamine allocates.
//!
//! The same pass notices what calamine's ods reader refuses although LibreOffice reads it:
//! text between the cells of a row, or between the names of `table:named-expressions`
//! (content.xml pretty-printed with line breaks, as LibreOffice writes every flat ODS, and
//! as some writers and hand edits leave a package; calamine 0.38 refuses the names' with
//! "Expecting 'table:named-expressions', found other content"). Such a file is given to
//! calamine as a copy whose content.xml has that whitespace dropped.

use super::grid::{Merge, MAX_MERGES};
use super::Limits;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use std::io::{BufRead, Cursor, Read, Write};

/// Past this size content.xml is not rewritten (an IGP's is a few hundred KB).
const MAX_REWRITE: u64 = 32 * 1024 * 1024;

/// What the pass found.
struct Scan {
    /// The cells the tables span, repeats counted.
    dense: u64,
    /// Whether a table row holds text or comments between its cells, or the named
    /// expressions between their names.
    loose_text: bool,
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<u64> {
    let a = e.try_get_attribute(name).ok().flatten()?;
    a.value.trim().parse().ok()
}

fn is_cell(e: &BytesStart<'_>) -> bool {
    let n = e.name();
    n.as_ref() == "table:table-cell" || n.as_ref() == "table:covered-table-cell"
}

/// One table's span so far.
#[derive(Default)]
struct Table {
    row: u64,
    first: Option<u64>,
    end: u64,
    width: u64,
}

fn scan<R: BufRead>(xml: R, copy: Option<&mut Vec<u8>>) -> Result<Scan, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = false;
    let mut writer = copy.map(quick_xml::Writer::new);
    let mut buf = Vec::new();
    let mut out = Scan {
        dense: 0,
        loose_text: false,
    };
    let mut table = Table::default();
    let (mut in_row, mut row_repeat, mut col, mut last_value) = (false, 1u64, 0u64, 0u64);
    // The open cell: its repeat and whether it holds a value.
    let mut cell: Option<(u64, bool)> = None;
    // Inside `table:named-expressions` (the workbook's or a sheet's named ranges).
    let mut in_names = false;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("not a readable workbook (content.xml: {e})"))?;
        let mut keep = true;
        match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table" => {
                table = Table::default();
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                row_repeat = attr(e, "table:number-rows-repeated").unwrap_or(1).max(1);
                // calamine stops a sheet at 1,048,576 rows.
                row_repeat = row_repeat.min((1 << 20) - table.row.min(1 << 20));
                if matches!(event, Event::Start(_)) {
                    (in_row, col, last_value) = (true, 0, 0);
                } else {
                    table.row += row_repeat;
                }
            }
            Event::Start(e) | Event::Empty(e) if in_row && cell.is_none() && is_cell(e) => {
                let repeat = attr(e, "table:number-columns-repeated").unwrap_or(1).max(1);
                let valued = e
                    .try_get_attribute("office:value-type")
                    .ok()
                    .flatten()
                    .is_some()
                    || e.try_get_attribute("table:formula")
                        .ok()
                        .flatten()
                        .is_some();
                if matches!(event, Event::Start(_)) {
                    cell = Some((repeat, valued));
                } else {
                    // calamine stops a row at 16,384 columns.
                    col = (col + repeat).min(1 << 14);
                    if valued {
                        last_value = col;
                    }
                }
            }
            Event::Start(_) | Event::Empty(_) if cell.is_some() => {
                if let Some((_, valued)) = &mut cell {
                    *valued = true;
                }
            }
            Event::End(e) if cell.is_some() && is_cell_name(e.name().as_ref()) => {
                let (repeat, valued) = cell.take().unwrap_or((1, false));
                col = (col + repeat).min(1 << 14);
                if valued {
                    last_value = col;
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" && cell.is_none() => {
                if last_value > 0 {
                    table.first.get_or_insert(table.row);
                    table.end = table.row + row_repeat;
                    table.width = table.width.max(last_value);
                }
                table.row += row_repeat;
                in_row = false;
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(first) = table.first {
                    out.dense = out.dense.saturating_add((table.end - first) * table.width);
                }
                table = Table::default();
            }
            Event::Start(e) if e.name().as_ref() == "table:named-expressions" => in_names = true,
            Event::End(e) if e.name().as_ref() == "table:named-expressions" => in_names = false,
            Event::Text(_) | Event::Comment(_) | Event::GeneralRef(_) | Event::CData(_)
                if (in_row && cell.is_none()) || in_names =>
            {
                out.loose_text = true;
                keep = false;
            }
            _ => {}
        }
        if let (Some(w), true) = (writer.as_mut(), keep) {
            w.write_event(event)
                .map_err(|e| format!("not a readable workbook ({e})"))?;
        }
        buf.clear();
    }
    Ok(out)
}

fn is_cell_name(name: &str) -> bool {
    name == "table:table-cell" || name == "table:covered-table-cell"
}

fn too_many(dense: u64, limits: &Limits) -> Result<(), String> {
    let budget = 2 * limits.max_cells as u64;
    if dense > budget {
        return Err(format!(
            "the workbook's sheets span {dense} cells from their first to their last value, \
             repeats counted, over the limit of {budget}; an IGP spans a few hundred (delete \
             the far-away cells and save it again)"
        ));
    }
    Ok(())
}

/// Checks an ods before calamine reads it; gives a package to read instead when its
/// content.xml needs the whitespace between cells dropped.
///
/// # Errors
///
/// When the sheets span more cells than the limits allow, or content.xml is not XML.
pub fn prepare_ods(bytes: &[u8], limits: &Limits) -> Result<Option<Vec<u8>>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("a damaged zip archive ({e})"))?;
    let mut manifest = Vec::new();
    if let Ok(f) = zip.by_name("META-INF/manifest.xml") {
        f.take(1 << 20)
            .read_to_end(&mut manifest)
            .map_err(|e| format!("a damaged zip archive ({e})"))?;
    }
    // An encrypted package's content.xml is not XML: say so before reading it. A package
    // whose only encrypted parts are others (a password-protected Basic library) is read.
    if content_encrypted(&manifest) {
        return Err(
            "the workbook is password-protected; save an unprotected copy and try again".into(),
        );
    }
    let Ok(content) = zip.by_name("content.xml") else {
        return Ok(None);
    };
    let size = content.size();
    let found = scan(std::io::BufReader::new(content), None)?;
    too_many(found.dense, limits)?;
    // LibreOffice opens a package without its mimetype part; calamine needs it.
    let no_mimetype = zip.index_for_name("mimetype").is_none();
    // calamine refuses a manifest with any encryption data, even a macro library's: the
    // copy gets a manifest of its own.
    let other_parts_encrypted = memchr::memmem::find(&manifest, b"encryption-data").is_some();
    if !(found.loose_text || no_mimetype || other_parts_encrypted) || size > MAX_REWRITE {
        return Ok(None);
    }
    let mut xml = Vec::new();
    let content = zip
        .by_name("content.xml")
        .map_err(|e| format!("a damaged zip archive ({e})"))?;
    scan(std::io::BufReader::new(content), Some(&mut xml))?;
    let manifest = if other_parts_encrypted {
        &[][..]
    } else {
        &manifest[..]
    };
    package(manifest, &xml).map(Some)
}

/// Whether the manifest gives content.xml encryption data (the document is password-
/// protected), rather than only other parts (a protected macro library).
fn content_encrypted(manifest: &[u8]) -> bool {
    let find = |hay: &[u8], needle: &[u8]| memchr::memmem::find(hay, needle);
    if find(manifest, b"encryption-data").is_none() {
        return false;
    }
    // The file-entry of content.xml, to its end: `/>`, or its closing tag.
    let Some(at) = find(manifest, b"full-path=\"content.xml\"") else {
        // A manifest that does not name content.xml: as before, encrypted.
        return true;
    };
    let rest = &manifest[at..];
    let Some(tag_end) = find(rest, b">") else {
        return true;
    };
    if tag_end > 0 && rest[tag_end - 1] == b'/' {
        return false;
    }
    let entry_end = find(rest, b"file-entry>").unwrap_or(rest.len());
    find(&rest[..entry_end], b"encryption-data").is_some()
}

/// A flat ODS (one XML file) as the ods package it stands for: its XML, whitespace between
/// cells dropped, is the package's content.xml (the root element is `office:document`
/// rather than `office:document-content`, which calamine does not look at).
///
/// # Errors
///
/// When the sheets span more cells than the limits allow, or the XML is not well formed.
pub fn fods_package(fods: &[u8], limits: &Limits) -> Result<Vec<u8>, String> {
    let mut xml = Vec::with_capacity(fods.len());
    let found = scan(fods, Some(&mut xml))?;
    too_many(found.dense, limits)?;
    package(b"", &xml)
}

/// The ranges merged down (over more than one row) in the named tables of an OpenDocument
/// content.xml or flat ODS, one list for each name of `sheets`: calamine gives none.
///
/// A merged range is a cell with `table:number-rows-spanned` (and maybe
/// `table:number-columns-spanned`) over 1, the cells it covers `table:covered-table-cell`s.
/// Positions count repeated rows and columns, and covered cells, as calamine does, up to its
/// 1,048,576 rows and 16,384 columns; the pass stops when every named table is read. Streamed:
/// it keeps only the ranges, at most [`MAX_MERGES`] a table. XML it cannot read ends the pass
/// with the ranges found so far (merges only join a goal's rows).
pub fn merged_down<R: BufRead>(xml: R, sheets: &[&str]) -> Vec<Vec<Merge>> {
    const ROWS: u64 = 1 << 20;
    const COLS: u64 = 1 << 14;
    let mut out = vec![Vec::new(); sheets.len()];
    let mut seen = vec![false; sheets.len()];
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let (mut buf, mut skip) = (Vec::new(), Vec::new());
    // The table being read (its index in `sheets`), the row and the column in that row.
    let mut table: Option<usize> = None;
    let (mut row, mut row_repeat, mut col) = (0u64, 1u64, 0u64);
    while let Ok(event) = reader.read_event_into(&mut buf) {
        let open = matches!(event, Event::Start(_));
        // Whether to skip the open element's content: a cell's, or a table not asked for.
        let mut skip_content = false;
        match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table" => {
                if table.is_some() {
                    // A table inside a table (a text box's): not the sheet's cells.
                    skip_content = open;
                } else {
                    let name = e.try_get_attribute("table:name").ok().flatten();
                    let name = name
                        .as_ref()
                        .and_then(|a| quick_xml::escape::unescape(&a.value).ok());
                    table = name
                        .and_then(|n| sheets.iter().position(|s| *s == n))
                        .filter(|&i| open && !seen[i]);
                    match table {
                        Some(i) => {
                            seen[i] = true;
                            (row, row_repeat, col) = (0, 1, 0);
                        }
                        // A table not asked for.
                        None => skip_content = open,
                    }
                }
            }
            Event::End(e) if table.is_some() && e.name().as_ref() == "table:table" => {
                table = None;
                if seen.iter().all(|&s| s) {
                    break;
                }
            }
            Event::Start(e) | Event::Empty(e)
                if table.is_some() && e.name().as_ref() == "table:table-row" =>
            {
                row_repeat = attr(e, "table:number-rows-repeated").unwrap_or(1).max(1);
                col = 0;
                if !open {
                    row = row.saturating_add(row_repeat).min(ROWS);
                }
            }
            Event::End(e) if table.is_some() && e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(row_repeat).min(ROWS);
                // Past calamine's last row: nothing more of this table is counted.
                if row == ROWS {
                    table = None;
                    if seen.iter().all(|&s| s)
                        || reader
                            .read_to_end_into(QName("table:table"), &mut skip)
                            .is_err()
                    {
                        break;
                    }
                    skip.clear();
                }
            }
            Event::Start(e) | Event::Empty(e) if is_cell(e) => {
                if let Some(merges) = table.map(|i| &mut out[i]) {
                    let rows = attr(e, "table:number-rows-spanned").unwrap_or(1);
                    let cols = attr(e, "table:number-columns-spanned").unwrap_or(1).max(1);
                    if rows > 1 && row < ROWS && col < COLS && merges.len() < MAX_MERGES {
                        merges.push(Merge {
                            first_row: row as u32,
                            first_col: col as u32,
                            last_row: (row.saturating_add(rows - 1)).min(ROWS - 1) as u32,
                            last_col: (col.saturating_add(cols - 1)).min(COLS - 1) as u32,
                        });
                    }
                    let repeat = attr(e, "table:number-columns-repeated").unwrap_or(1);
                    col = col.saturating_add(repeat.max(1)).min(COLS);
                }
                skip_content = open;
            }
            _ => {}
        }
        if skip_content {
            if let Event::Start(e) = &event {
                if reader.read_to_end_into(e.name(), &mut skip).is_err() {
                    break;
                }
                skip.clear();
            }
        }
        buf.clear();
    }
    out
}

/// A stored (uncompressed) ods package of the given manifest (a minimal one when empty)
/// and content.xml.
fn package(manifest: &[u8], content: &[u8]) -> Result<Vec<u8>, String> {
    const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;
    let fail = |e: &dyn std::fmt::Display| format!("not a readable workbook ({e})");
    let manifest = if manifest.is_empty() {
        MANIFEST.as_bytes()
    } else {
        manifest
    };
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(content.len() + 2048)));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let parts: [(&str, &[u8]); 3] = [
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content),
    ];
    for (name, data) in parts {
        zip.start_file(name, stored).map_err(|e| fail(&e))?;
        zip.write_all(data).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<office:document xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>"#;
    const TAIL: &str = "</office:spreadsheet></office:body></office:document>";

    #[test]
    fn repeats_are_counted_and_loose_text_noticed() {
        let xml = format!(
            r#"{HEAD}<table:table><table:table-row table:number-rows-repeated="1000">
  <table:table-cell table:number-columns-repeated="3"/>
  <table:table-cell office:value-type="float" office:value="1"/>
</table:table-row><table:table-row table:number-rows-repeated="5"><table:table-cell/></table:table-row></table:table>{TAIL}"#
        );
        let found = scan(xml.as_bytes(), None).unwrap();
        assert_eq!(found.dense, 4000);
        assert!(found.loose_text);
        let limits = Limits {
            max_cells: 1000,
            ..Limits::default()
        };
        assert!(fods_package(xml.as_bytes(), &limits)
            .unwrap_err()
            .contains("4000 cells"));
    }

    #[test]
    fn text_inside_cells_is_kept() {
        let xml = format!(
            r#"{HEAD}<table:table><table:table-row>
<table:table-cell><text:p>a  b</text:p></table:table-cell>
</table:table-row></table:table>{TAIL}"#
        );
        let mut out = Vec::new();
        let found = scan(xml.as_bytes(), Some(&mut out)).unwrap();
        assert_eq!(found.dense, 1);
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("<table:table-row><table:table-cell><text:p>a  b</text:p></table:table-cell></table:table-row>"), "{out}");
    }

    #[test]
    fn whitespace_between_named_expressions_is_dropped_for_calamine() {
        // As LibreOffice writes a flat ODS: every element on its own line.
        let xml = format!(
            r#"{HEAD}
 <table:table table:name="Plan">
  <table:table-row><table:table-cell office:value-type="string"><text:p>Goal</text:p></table:table-cell></table:table-row>
 </table:table>
 <table:named-expressions>
  <table:named-range table:name="goals" table:base-cell-address="$Plan.$A$1" table:cell-range-address="$Plan.$A$1"/>
  <!-- a comment -->
  <table:named-expression table:name="two" table:expression="of:=2"/>
 </table:named-expressions>
{TAIL}"#
        );
        let mut out = Vec::new();
        let found = scan(xml.as_bytes(), Some(&mut out)).unwrap();
        assert!(found.loose_text);
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains("<table:named-expressions><table:named-range ")
                && out.contains("/><table:named-expression ")
                && out.contains("/></table:named-expressions>"),
            "{out}"
        );
        // calamine reads the package made of it, names and all.
        let package = fods_package(xml.as_bytes(), &Limits::default()).unwrap();
        let mut ods: calamine::Ods<_> = calamine::Reader::new(Cursor::new(package)).unwrap();
        assert_eq!(calamine::Reader::defined_names(&ods).len(), 2);
        let range = calamine::Reader::worksheet_range(&mut ods, "Plan").unwrap();
        assert_eq!(
            range.get_value((0, 0)),
            Some(&calamine::Data::String("Goal".into()))
        );
    }

    #[test]
    fn merged_ranges_are_read_with_repeats_counted() {
        let m = |first_row, first_col, last_row, last_col| Merge {
            first_row,
            first_col,
            last_row,
            last_col,
        };
        // Plan: a title merged across A1:F1 (one row: not kept); B4:C5 merged after two
        // repeated rows and a repeated cell, under it covered cells, one repeated; D7:D9
        // after a row repeated in an empty element; a cell's text and a sheet not asked for
        // are not counted.
        let xml = format!(
            r#"{HEAD}<table:table table:name="Other"><table:table-row><table:table-cell table:number-rows-spanned="5"/></table:table-row></table:table>
<table:table table:name="P&amp;lan">
 <table:table-column table:number-columns-repeated="6"/>
 <table:table-row><table:table-cell table:number-columns-spanned="6" table:number-rows-spanned="1"><text:p>Title</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="5"/></table:table-row>
 <table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
 <table:table-row><table:table-cell><text:p>a</text:p><table:table-cell table:number-rows-spanned="9"/></table:table-cell><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2"/><table:covered-table-cell/></table:table-row>
 <table:table-header-rows><table:table-row><table:covered-table-cell table:number-columns-repeated="3"/><table:table-cell/></table:table-row></table:table-header-rows>
 <table:table-row table:number-rows-repeated="1"/>
 <table:table-row><table:table-cell table:number-columns-repeated="3"/><table:table-cell table:number-rows-spanned="3"/></table:table-row>
</table:table>
<table:table table:name="Empty"/>{TAIL}"#
        );
        let found = merged_down(xml.as_bytes(), &["P&lan", "Missing", "Empty"]);
        assert_eq!(found, [vec![m(3, 1, 4, 2), m(6, 3, 8, 3)], vec![], vec![]]);
        // Repeats past calamine's limits are counted up to them.
        let xml = format!(
            r#"{HEAD}<table:table table:name="P"><table:table-row table:number-rows-repeated="2000000"><table:table-cell/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="99999"/><table:table-cell table:number-rows-spanned="2"/></table:table-row></table:table>{TAIL}"#
        );
        assert_eq!(merged_down(xml.as_bytes(), &["P"]), [vec![]]);
        let huge = u64::MAX;
        let xml = format!(
            r#"{HEAD}<table:table table:name="P"><table:table-row table:number-rows-repeated="{huge}"><table:table-cell table:number-columns-repeated="{huge}" table:number-rows-spanned="{huge}" table:number-columns-spanned="{huge}"/></table:table-row>
<table:table-row><table:table-cell table:number-rows-spanned="2"/></table:table-row></table:table>{TAIL}"#
        );
        let last = Merge {
            first_row: 0,
            first_col: 0,
            last_row: (1 << 20) - 1,
            last_col: (1 << 14) - 1,
        };
        assert_eq!(merged_down(xml.as_bytes(), &["P"]), [vec![last]]);
        // Broken XML: the ranges found before it.
        let xml = format!(
            r#"{HEAD}<table:table table:name="P"><table:table-row><table:table-cell table:number-rows-spanned="2"/></table:table-row><table:table-row></table:table"#
        );
        assert_eq!(merged_down(xml.as_bytes(), &["P"]), [vec![m(0, 0, 1, 0)]]);
    }

    #[test]
    fn only_an_encrypted_content_xml_is_password_protection() {
        let entry = |path: &str, encrypted: bool| {
            if encrypted {
                format!(
                    r#"<manifest:file-entry manifest:full-path="{path}" manifest:media-type="text/xml" manifest:size="567">
  <manifest:encryption-data manifest:checksum-type="sha256-1k" manifest:checksum="W3z"/>
 </manifest:file-entry>"#
                )
            } else {
                format!(
                    r#"<manifest:file-entry manifest:full-path="{path}" manifest:media-type="text/xml"/>"#
                )
            }
        };
        // As LibreOffice writes a document with a password-protected Basic library.
        let basic = format!(
            "{}\n{}\n{}",
            entry("Basic/Protected/Module1.xml", true),
            entry("content.xml", false),
            entry("styles.xml", false)
        );
        assert!(!content_encrypted(basic.as_bytes()));
        let whole = format!(
            "{}\n{}",
            entry("content.xml", true),
            entry("styles.xml", true)
        );
        assert!(content_encrypted(whole.as_bytes()));
        let after = format!(
            "{}\n{}",
            entry("styles.xml", false),
            entry("content.xml", true)
        );
        assert!(content_encrypted(after.as_bytes()));
        assert!(!content_encrypted(entry("content.xml", false).as_bytes()));
    }

    #[test]
    fn an_ods_with_a_protected_macro_library_is_read() {
        // As LibreOffice saves a document whose Basic library has a password: the manifest
        // gives that module encryption data, and calamine refuses any manifest that has some.
        let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="Basic/Protected/Module1.xml" manifest:media-type="text/xml" manifest:size="567">
  <manifest:encryption-data manifest:checksum-type="sha256-1k" manifest:checksum="W3z"/>
 </manifest:file-entry>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;
        let xml = format!(
            r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="Plan"><table:table-row><table:table-cell office:value-type="string"><text:p>Goal</text:p></table:table-cell></table:table-row></table:table>{TAIL}"#
        )
        .replace("</office:document>", "</office:document-content>");
        let ods = package(manifest.as_bytes(), xml.as_bytes()).unwrap();
        assert!(calamine::open_workbook_from_rs::<calamine::Ods<_>, _>(Cursor::new(&ods)).is_err());
        let copy = prepare_ods(&ods, &Limits::default()).unwrap().unwrap();
        let mut wb: calamine::Ods<_> = calamine::open_workbook_from_rs(Cursor::new(copy)).unwrap();
        let range = calamine::Reader::worksheet_range(&mut wb, "Plan").unwrap();
        assert_eq!(
            range.get_value((0, 0)),
            Some(&calamine::Data::String("Goal".into()))
        );
    }
}

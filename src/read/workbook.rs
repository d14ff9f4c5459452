//! Workbooks (xlsx, xlsm, xlsb, xls, ods) through calamine, into grids of used cells.
//!
//! xlsx and xlsb are streamed cell by cell, so a sheet whose used range claims
//! XFD1048576 costs only its used cells; the number of cells is capped by [`Limits`].

use super::grid::{normalize_text, Grid, Merge, Value};
use super::sniff::Kind;
use super::Limits;
use crate::layout::{FINDINGS_SHEET, GUIDE_SHEET};
use calamine::{Data, DataRef, Reader};
use std::io::Cursor;

thread_local! {
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is inside a workbook reader, where a panic of the reader is caught
/// and reported as a damaged file. A panic hook can use it to stay silent there.
pub fn in_guarded_reader() -> bool {
    GUARDED.with(std::cell::Cell::get)
}

/// Reads every sheet of a workbook but the Guide and Findings sheets.
///
/// A damaged file can make a reader of calamine panic (an index out of bounds in a
/// corrupt xls, found by fuzzing); that panic is caught here and becomes an error, so that
/// one bad file in a batch is one S001 finding.
pub fn read(bytes: &[u8], kind: Kind, limits: &Limits) -> Result<Vec<Grid>, String> {
    GUARDED.with(|g| g.set(true));
    let result = std::panic::catch_unwind(|| read_unguarded(bytes, kind, limits));
    GUARDED.with(|g| g.set(false));
    result.unwrap_or_else(|panic| {
        let what = crate::error::panic_message(panic.as_ref()).unwrap_or_default();
        Err(format!(
            "a damaged workbook: the {} reader failed ({what}); {RESAVE}",
            kind.name()
        ))
    })
}

/// Reads the sheets of an xlsx or xlsb workbook cell by cell (their cell readers share no
/// trait in calamine, hence a macro): the used range a file claims is never allocated.
macro_rules! stream_cells {
    ($wb:ident, $limits:ident) => {{
        let mut wb = $wb;
        let mut grids = Vec::new();
        let mut budget = $limits.max_cells;
        for name in worksheet_names(wb.sheets_metadata()) {
            let mut cells = wb
                .worksheet_cells_reader(&name)
                .map_err(|e| describe(&e.to_string()))?;
            let mut grid = Grid::new(name.clone());
            while let Some(cell) = cells.next_cell().map_err(|e| describe(&e.to_string()))? {
                let (r, c) = cell.get_position();
                if let Some(v) = from_ref(cell.get_value()) {
                    take(&mut budget, $limits)?;
                    grid.set(r, c, v);
                }
            }
            drop(cells);
            // The merges are a second pass over the sheet's XML: only for a sheet where a
            // goals table may be.
            if may_hold_goals(&grid) {
                grid.set_merges(MergedCells::merged_cells(&mut wb, &name));
            }
            grids.push(grid);
        }
        Ok(grids)
    }};
}

/// The merged ranges of a sheet, where the format's reader gives them (a sheet whose
/// ranges cannot be read has none: merges only join a goal's rows).
trait MergedCells {
    fn merged_cells(&mut self, sheet: &str) -> Vec<Merge>;
}

impl<R: std::io::Read + std::io::Seek> MergedCells for calamine::Xlsx<R> {
    fn merged_cells(&mut self, sheet: &str) -> Vec<Merge> {
        self.merge_cells_by_sheet_name(sheet)
            .map(|ranges| ranges.iter().map(merge).collect())
            .unwrap_or_default()
    }
}

impl<R: std::io::Read + std::io::Seek> MergedCells for calamine::Xlsb<R> {
    fn merged_cells(&mut self, _sheet: &str) -> Vec<Merge> {
        Vec::new()
    }
}

impl<R: std::io::Read + std::io::Seek> MergedCells for calamine::Xls<R> {
    fn merged_cells(&mut self, sheet: &str) -> Vec<Merge> {
        self.merge_cells_by_sheet_name(sheet)
            .map(|ranges| ranges.iter().map(merge).collect())
            .unwrap_or_default()
    }
}

/// calamine does not give an OpenDocument sheet's merged ranges (see [`set_ods_merges`]).
impl<R: std::io::Read + std::io::Seek> MergedCells for calamine::Ods<R> {
    fn merged_cells(&mut self, _sheet: &str) -> Vec<Merge> {
        Vec::new()
    }
}

/// Whether a row of the grid names two goal columns or more (the locator needs four, or
/// aliases from the settings): the only sheets whose merged ranges the locator reads.
fn may_hold_goals(grid: &Grid) -> bool {
    grid.rows().any(|(_, cells)| {
        cells
            .values()
            .filter_map(|v| v.as_text())
            .filter_map(|t| crate::layout::Terms::of(t, &[]).goal_column)
            .fold(0u8, |set, c| set | 1 << c)
            .count_ones()
            >= 2
    })
}

/// Gives an OpenDocument workbook's grids their merged ranges, which `content` reads from
/// its content.xml for the sheets named: a second pass over the XML, as for xlsx only when a
/// sheet may hold a goals table.
fn set_ods_merges(grids: &mut [Grid], content: impl FnOnce(&[&str]) -> Vec<Vec<Merge>>) {
    let wanted: Vec<usize> = (0..grids.len())
        .filter(|&i| may_hold_goals(&grids[i]))
        .collect();
    if wanted.is_empty() {
        return;
    }
    let names: Vec<&str> = wanted.iter().map(|&i| grids[i].name.as_str()).collect();
    let merges = content(&names);
    for (i, found) in wanted.into_iter().zip(merges) {
        grids[i].set_merges(found);
    }
}

fn merge(d: &calamine::Dimensions) -> Merge {
    Merge {
        first_row: d.start.0,
        first_col: d.start.1,
        last_row: d.end.0,
        last_col: d.end.1,
    }
}

fn read_unguarded(bytes: &[u8], kind: Kind, limits: &Limits) -> Result<Vec<Grid>, String> {
    match kind {
        Kind::Xlsx | Kind::Xlsm => {
            let relabelled = repaired_package(bytes)?;
            let cursor = Cursor::new(relabelled.as_deref().unwrap_or(bytes));
            let wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(cursor)
                .map_err(|e: calamine::XlsxError| describe(&e.to_string()))?;
            stream_cells!(wb, limits)
        }
        Kind::Xlsb => {
            let relabelled = repaired_package(bytes)?;
            let cursor = Cursor::new(relabelled.as_deref().unwrap_or(bytes));
            let wb: calamine::Xlsb<_> = calamine::open_workbook_from_rs(cursor)
                .map_err(|e: calamine::XlsbError| describe(&e.to_string()))?;
            stream_cells!(wb, limits)
        }
        Kind::Xls => {
            // One pass, or several when the cells span too far for one dense range (see
            // `prepare_xls`): each pass holds other cells, put together here.
            let passes = super::cfb::prepare_xls(bytes, limits)?;
            let mut budget = limits.max_cells;
            let mut grids: Vec<Grid> = Vec::new();
            for pass in &passes {
                let read = ranges(open_xls(pass)?, limits, &mut budget)?;
                if grids.is_empty() {
                    grids = read;
                    continue;
                }
                for (grid, more) in grids.iter_mut().zip(read) {
                    for (r, row) in more.rows() {
                        for (c, v) in row.iter() {
                            grid.set(r, *c, v.clone());
                        }
                    }
                }
            }
            Ok(grids)
        }
        Kind::Ods => {
            let package = super::ods::prepare_ods(bytes, limits)?;
            let bytes = package.as_deref().unwrap_or(bytes);
            let wb: calamine::Ods<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|e: calamine::OdsError| describe(&e.to_string()))?;
            let mut grids = ranges(wb, limits, &mut limits.max_cells.clone())?;
            set_ods_merges(&mut grids, |sheets| {
                use std::io::Read;
                let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
                    return Vec::new();
                };
                let Ok(xml) = zip.by_name("content.xml") else {
                    return Vec::new();
                };
                let xml = std::io::BufReader::new(xml.take(limits.max_unpacked_bytes));
                super::ods::merged_down(xml, sheets)
            });
            Ok(grids)
        }
        Kind::Fods => {
            let package = super::ods::fods_package(bytes, limits)?;
            let wb: calamine::Ods<_> = calamine::open_workbook_from_rs(Cursor::new(&package[..]))
                .map_err(|e: calamine::OdsError| describe(&e.to_string()))?;
            let mut grids = ranges(wb, limits, &mut limits.max_cells.clone())?;
            set_ods_merges(&mut grids, |sheets| super::ods::merged_down(bytes, sheets));
            Ok(grids)
        }
        Kind::SpreadsheetMl => super::spreadsheetml::read(bytes, limits),
        Kind::Gnumeric => super::gnumeric::read(bytes, limits),
        Kind::OldXls => super::biff::read(bytes, limits),
        Kind::Delimited | Kind::Json | Kind::Sylk => Err("not a workbook".into()),
    }
}

/// Opens an xls that `prepare_xls` checked. A code page encoding_rs does not have (Mac
/// Central European, or a value other software wrote) is read as Windows-1252, whose
/// ASCII is right and whose other letters may not be, rather than not at all.
fn open_xls(bytes: &[u8]) -> Result<calamine::Xls<Cursor<&[u8]>>, String> {
    match calamine::Xls::new(Cursor::new(bytes)) {
        Err(e) if e.to_string().contains("Codepage") => {
            let mut options = calamine::XlsOptions::default();
            options.force_codepage = Some(1252);
            calamine::Xls::new_with_options(Cursor::new(bytes), options)
        }
        wb => wb,
    }
    .map_err(|e| describe(&e.to_string()))
}

/// Reads xls and ods sheets, which calamine gives as whole ranges.
fn ranges<'a, R>(mut wb: R, limits: &Limits, budget: &mut usize) -> Result<Vec<Grid>, String>
where
    R: Reader<Cursor<&'a [u8]>> + MergedCells,
    R::Error: std::fmt::Display,
{
    let mut grids = Vec::new();
    for name in worksheet_names(wb.sheets_metadata()) {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| describe(&e.to_string()))?;
        let mut grid = Grid::new(name.clone());
        if let Some((r0, c0)) = range.start() {
            for (r, c, d) in range.used_cells() {
                if let Some(v) = from_data(d) {
                    take(budget, limits)?;
                    grid.set(r0 + r as u32, c0 + c as u32, v);
                }
            }
        }
        grid.set_merges(wb.merged_cells(&name));
        grids.push(grid);
    }
    Ok(grids)
}

/// The worksheets to read: chart, macro and dialog sheets hold no plan (a chart of the
/// plan's progress is a chart sheet), nor do igp's own Guide and Findings sheets.
fn worksheet_names(sheets: &[calamine::Sheet]) -> Vec<String> {
    sheets
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .filter(|n| n.as_str() != GUIDE_SHEET && n.as_str() != FINDINGS_SHEET)
        .collect()
}

fn take(budget: &mut usize, limits: &Limits) -> Result<(), String> {
    super::bounds::take_cell(budget, limits).map_err(String::from)
}

/// An OOXML package as calamine can read it, when it cannot as it is: a copy in which
/// (every other part copied as it is, still compressed)
///
/// - Excel 4 macro sheets are relabelled as dialog sheets, which igp skips. calamine
///   refuses a whole xlsx or xlsb that has a macro sheet ("Unrecognized sheet:type"); it
///   tells sheets apart by their relationship's type (xlsx) or target folder (xlsb), so the
///   workbook's relationships part gets the dialog sheet's type and folder. The macro
///   sheet's part is never opened.
/// - XML parts in UTF-16 (which Excel reads) are rewritten in UTF-8, declaration included:
///   calamine's XML reader stops at their first NUL byte.
///
/// Parts are rewritten only up to 32 MB each (an IGP's are a few hundred KB).
fn repaired_package(bytes: &[u8]) -> Result<Option<Vec<u8>>, String> {
    use std::io::{Read, Write};
    const MAX_PART: u64 = 32 * 1024 * 1024;
    let fail = |e: &dyn std::fmt::Display| format!("a damaged zip archive ({e})");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| fail(&e))?;
    let is_rels = |n: &str| {
        let n = n.replace('\\', "/").to_ascii_lowercase();
        n.ends_with(".rels") && n.contains("/_rels/workbook.")
    };
    let has_macros = zip.file_names().filter_map(Result::ok).any(|n| {
        n.replace('\\', "/")
            .to_ascii_lowercase()
            .contains("macrosheets/")
    });
    // Which parts are XML in UTF-16 (a BOM, or `<` as a UTF-16 code unit).
    let mut utf16 = vec![false; zip.len()];
    for (i, flag) in utf16.iter_mut().enumerate() {
        let file = zip.by_index(i).map_err(|e| fail(&e))?;
        if file.is_dir() || file.size() > MAX_PART {
            continue;
        }
        let mut head = [0u8; 2];
        let n = file.take(2).read(&mut head).unwrap_or(0);
        *flag = n == 2 && matches!(head, [0xFF, 0xFE] | [0xFE, 0xFF] | [b'<', 0] | [0, b'<']);
    }
    if !has_macros && !utf16.contains(&true) {
        return Ok(None);
    }
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() + 1024)));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (i, &wide) in utf16.iter().enumerate() {
        let mut file = zip.by_index(i).map_err(|e| fail(&e))?;
        let name = file.name().map_err(|e| fail(&e))?.to_string();
        let relabel = has_macros && is_rels(&name);
        if relabel || wide {
            let mut raw = Vec::new();
            (&mut file)
                .take(MAX_PART)
                .read_to_end(&mut raw)
                .map_err(|e| fail(&e))?;
            drop(file);
            let mut text = super::spreadsheetml::xml_text(&raw).into_owned();
            if wide {
                text = utf8_declaration(&text);
            }
            if relabel {
                text = relabel_macro_sheets(&text);
            }
            out.start_file(name, stored).map_err(|e| fail(&e))?;
            out.write_all(text.as_bytes()).map_err(|e| fail(&e))?;
        } else {
            drop(file);
            let raw = zip.by_index_raw(i).map_err(|e| fail(&e))?;
            out.raw_copy_file(raw).map_err(|e| fail(&e))?;
        }
    }
    Ok(Some(out.finish().map_err(|e| fail(&e))?.into_inner()))
}

/// XML text whose declaration names UTF-16, made to name UTF-8.
fn utf8_declaration(xml: &str) -> String {
    let Some(end) = xml.starts_with("<?xml").then(|| xml.find("?>")).flatten() else {
        return xml.to_string();
    };
    let declaration = xml[..end]
        .replace("UTF-16BE", "UTF-8")
        .replace("UTF-16LE", "UTF-8")
        .replace("UTF-16", "UTF-8")
        .replace("utf-16", "UTF-8");
    format!("{declaration}{}", &xml[end..])
}

/// The relationships of a workbook part, each macro sheet's made a dialog sheet's.
fn relabel_macro_sheets(rels: &str) -> String {
    const DIALOG: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/dialogsheet";
    let mut out = String::with_capacity(rels.len());
    let mut rest = rels;
    while let Some(start) = rest.find("<Relationship ") {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let element = &rest[start..end];
        if element.to_ascii_lowercase().contains("macrosheet\"") {
            let mut e = String::new();
            for part in element.split_inclusive('"') {
                e.push_str(part);
            }
            // Type="...xlMacrosheet" → the dialog sheet type; Target folder likewise.
            let typ = e.find("Type=\"").map(|t| t + 6);
            if let Some(t) = typ {
                if let Some(len) = e[t..].find('"') {
                    e.replace_range(t..t + len, DIALOG);
                }
            }
            out.push_str(&e.replace("macrosheets/", "dialogsheets/"));
        } else {
            out.push_str(element);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A calamine error as a short phrase, password protection said plainly, and no Rust
/// debug output (calamine's ods reader puts the XML event it met in its message).
fn describe(message: &str) -> String {
    let mut one_line = message.replace(['\n', '\r'], " ");
    if one_line.to_ascii_lowercase().contains("password") {
        return "the workbook is password-protected; save an unprotected copy and try again".into();
    }
    const DEBUG: [&str; 6] = [
        "BytesText",
        "BytesStart",
        "Borrowed(",
        "Owned(",
        "Some(",
        " { ",
    ];
    if DEBUG.iter().any(|d| one_line.contains(d)) {
        let cut = one_line.find(", found").or_else(|| one_line.find(" found"));
        one_line.truncate(cut.unwrap_or(0));
        one_line = if one_line.is_empty() {
            "unexpected content".into()
        } else {
            format!("{one_line}, found other content")
        };
    }
    format!("not a readable workbook ({one_line}); {RESAVE}")
}

/// What to do with a workbook its reader gives up on.
const RESAVE: &str = "if it opens in Excel or LibreOffice, save it again from there";

fn from_ref(d: &DataRef<'_>) -> Option<Value> {
    match d {
        DataRef::SharedString(s) => Value::text(s),
        DataRef::String(s) => Value::text(s),
        DataRef::Int(i) => Some(Value::Number(*i as f64)),
        DataRef::Float(f) => Some(Value::Number(*f)),
        DataRef::Bool(b) => Some(Value::Bool(*b)),
        DataRef::DateTime(dt) => Some(date_value(dt)),
        DataRef::DateTimeIso(s) => Some(iso_value(s)),
        DataRef::DurationIso(s) => Value::text(s),
        DataRef::Error(e) => Some(Value::Error(e.to_string())),
        DataRef::Empty => None,
    }
}

fn from_data(d: &Data) -> Option<Value> {
    match d {
        Data::String(s) => Value::text(s),
        Data::Int(i) => Some(Value::Number(*i as f64)),
        Data::Float(f) => Some(Value::Number(*f)),
        Data::Bool(b) => Some(Value::Bool(*b)),
        Data::DateTime(dt) => Some(date_value(dt)),
        Data::DateTimeIso(s) => Some(iso_value(s)),
        Data::DurationIso(s) => Value::text(s),
        Data::Error(e) => Some(Value::Error(e.to_string())),
        Data::Empty => None,
    }
}

fn date_value(dt: &calamine::ExcelDateTime) -> Value {
    match dt.as_datetime() {
        Some(d) if dt.is_datetime() => datetime_value(d, dt.as_f64() < 1.0),
        _ => Value::Number(dt.as_f64()),
    }
}

/// A date cell: a date, or, when it has a time of day, text that keeps the time
/// ("2026-02-10 01:01"; "01:01" alone for a time without a date).
fn datetime_value(d: chrono::NaiveDateTime, time_only: bool) -> Value {
    use chrono::Timelike;
    if d.time() == chrono::NaiveTime::MIN && !time_only {
        return Value::Date(d.date());
    }
    let time = d.format(if d.second() == 0 { "%H:%M" } else { "%H:%M:%S" });
    Value::Text(if time_only {
        time.to_string()
    } else {
        format!("{} {time}", d.date())
    })
}

pub(super) fn iso_value(s: &str) -> Value {
    if let Ok(d) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return datetime_value(d, false);
    }
    let day = s.get(..10).unwrap_or(s);
    match chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        Ok(d) => Value::Date(d),
        Err(_) => Value::Text(normalize_text(s).unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    fn cell(serial: f64) -> Value {
        date_value(&ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        ))
    }

    #[test]
    fn date_cells_keep_their_time_of_day() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 2, 10).unwrap();
        assert_eq!(cell(46063.0), Value::Date(day));
        assert_eq!(
            cell(46063.0 + 61.0 / 1440.0),
            Value::Text("2026-02-10 01:01".into())
        );
        assert_eq!(cell(0.5), Value::Text("12:00".into()));
        assert_eq!(iso_value("2026-02-10T00:00:00"), Value::Date(day));
        assert_eq!(
            iso_value("2026-02-10T01:01:30"),
            Value::Text("2026-02-10 01:01:30".into())
        );
        assert_eq!(iso_value("2026-02-10"), Value::Date(day));
    }
}

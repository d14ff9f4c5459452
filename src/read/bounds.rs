//! What one input may cost: the [`Limits`] checked before a reader is given the bytes.
//!
//! A file well inside the size limit can still hold a zip that unpacks a thousandfold, one
//! cell of 200 MB, millions of shared strings or XML nested without end. So before calamine
//! (or igp's own readers) see a workbook, its package is looked at here: the sizes the zip's
//! central directory declares (the zip reader holds each part to its declared size), then
//! every XML part streamed once through a small scanner that counts, without keeping
//! anything, the characters of each cell, the depth of the nesting, the shared strings and
//! the sheets. A file over a limit is refused with the limit it is over and how to raise
//! it; nothing past the limit is read.

use super::grid::{Grid, Value};
use super::sniff::Kind;
use super::Limits;
use crate::error::Error;
use std::io::{Cursor, Read};
use std::path::Path;

/// One of the limits, as the command line and igp.toml name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    FileSize,
    UnpackedSize,
    CellLength,
    SharedStrings,
    SharedStringsSize,
    Cells,
    Sheets,
    XmlDepth,
}

impl Limit {
    /// How to raise the limit, for the end of a refusal.
    pub fn hint(self) -> &'static str {
        macro_rules! hint {
            ($flag:literal, $key:literal) => {
                concat!(
                    "raise it with ",
                    $flag,
                    " (or ",
                    $key,
                    " under [limits] in igp.toml) if the file is really a plan"
                )
            };
        }
        match self {
            Limit::FileSize => hint!("--max-file-size", "max_file_size"),
            Limit::UnpackedSize => hint!("--max-unpacked-size", "max_unpacked_size"),
            Limit::CellLength => hint!("--max-cell-length", "max_cell_length"),
            Limit::SharedStrings => hint!("--max-shared-strings", "max_shared_strings"),
            Limit::SharedStringsSize => {
                hint!("--max-shared-strings-size", "max_shared_strings_size")
            }
            Limit::Cells => hint!("--max-cells", "max_cells"),
            Limit::Sheets => hint!("--max-sheets", "max_sheets"),
            Limit::XmlDepth => hint!("--max-xml-depth", "max_xml_depth"),
        }
    }
}

/// An input over a limit: what is over, by how much (as far as it was read), and the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Over {
    pub limit: Limit,
    /// What is measured: "one cell's text".
    pub what: &'static str,
    /// Its measure, as far as it was read: "more than 100000 characters".
    pub actual: String,
    /// The limit: "100000 characters".
    pub max: String,
}

impl Over {
    fn new(limit: Limit, what: &'static str, actual: String, max: String) -> Over {
        Over {
            limit,
            what,
            actual,
            max,
        }
    }

    /// The error for the file at `path`.
    pub fn error(self, path: &Path) -> Error {
        Error::TooLarge {
            path: path.to_path_buf(),
            what: self.what,
            actual: self.actual,
            limit: self.max,
            hint: self.limit.hint(),
        }
    }

    fn cell(part: &str, limits: &Limits) -> Over {
        let what = if part.is_empty() {
            "one cell's text"
        } else {
            "one cell's text (or a text between its XML tags)"
        };
        Over::new(
            Limit::CellLength,
            what,
            format!(
                "more than {} characters{}",
                limits.max_cell_chars,
                in_part(part)
            ),
            format!("{} characters", limits.max_cell_chars),
        )
    }

    fn cells(limits: &Limits) -> Over {
        Over::new(
            Limit::Cells,
            "the number of used cells",
            format!("more than {}", limits.max_cells),
            format!("{} (an IGP has a few hundred)", limits.max_cells),
        )
    }

    pub(super) fn sheets(actual: String, limits: &Limits) -> Over {
        Over::new(
            Limit::Sheets,
            "the number of sheets",
            actual,
            limits.max_sheets.to_string(),
        )
    }

    pub(super) fn shared_strings(actual: String, limits: &Limits) -> Over {
        Over::new(
            Limit::SharedStrings,
            "the number of shared strings",
            actual,
            format!("{} (an IGP has a few hundred)", limits.max_shared_strings),
        )
    }

    pub(super) fn shared_bytes(actual: u64, limits: &Limits) -> Over {
        Over::new(
            Limit::SharedStringsSize,
            "the shared-string table's unpacked size",
            super::human_bytes(actual),
            super::human_bytes(limits.max_shared_bytes),
        )
    }
}

impl std::fmt::Display for Over {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is {}, over the limit of {}; {}",
            self.what,
            self.actual,
            self.max,
            self.limit.hint()
        )
    }
}

impl From<Over> for String {
    fn from(o: Over) -> String {
        o.to_string()
    }
}

fn in_part(part: &str) -> String {
    if part.is_empty() {
        String::new()
    } else {
        format!(" in {part}")
    }
}

/// The refusal of a cell past the limit of its length.
pub fn cell_over(limits: &Limits) -> Over {
    Over::cell("", limits)
}

/// The refusal of a sheet's cells past the limit (`budget` used cells left).
pub fn take_cell(budget: &mut usize, limits: &Limits) -> Result<(), Over> {
    if *budget == 0 {
        return Err(Over::cells(limits));
    }
    *budget -= 1;
    Ok(())
}

/// Checks a workbook's package or XML before any reader sees it.
///
/// # Errors
///
/// The first limit the file is over.
pub fn check_workbook(bytes: &[u8], kind: Kind, limits: &Limits) -> Result<(), Over> {
    match kind {
        Kind::Xlsx | Kind::Xlsm | Kind::Xlsb | Kind::Ods => check_package(bytes, kind, limits),
        Kind::Fods => {
            let text = super::spreadsheetml::xml_text(bytes);
            let mut scan = Scanner::new("", Part::OdsContent, limits);
            scan.feed(text.as_bytes())?;
            scan.finish()
        }
        Kind::SpreadsheetMl => {
            let text = super::spreadsheetml::xml_text(bytes);
            let mut scan = Scanner::new("", Part::SpreadsheetMl, limits);
            scan.feed(text.as_bytes())?;
            scan.finish()
        }
        // The compound file's records are bounded in cfb.rs; Gnumeric (its unpacked size
        // and cells), SYLK and Excel 2-4 (their cells) by their own readers; the length of
        // a cell and the sheets of every kind by `check_grids`, after reading.
        Kind::Xls | Kind::Delimited | Kind::Json | Kind::Gnumeric | Kind::Sylk | Kind::OldXls => {
            Ok(())
        }
    }
}

/// Checks the cells as read: none longer than the limit, no more sheets than the limit.
///
/// # Errors
///
/// The first limit the grids are over.
pub fn check_grids(grids: &[Grid], limits: &Limits) -> Result<(), Over> {
    if grids.len() > limits.max_sheets {
        return Err(Over::sheets(grids.len().to_string(), limits));
    }
    for grid in grids {
        for (_, row) in grid.rows() {
            for (_, v) in row.iter() {
                if let Value::Text(t) = v {
                    if t.len() > limits.max_cell_chars && t.chars().count() > limits.max_cell_chars
                    {
                        return Err(Over::cell("", limits));
                    }
                }
            }
        }
    }
    Ok(())
}

/// What a part of a package holds, for what the scanner counts in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// xl/sharedStrings.xml: `si` elements, each one string.
    SharedStrings,
    /// xl/workbook.xml: `sheet` elements.
    Workbook,
    /// A worksheet: `c` elements, each one cell.
    Worksheet,
    /// An OpenDocument content.xml (or a flat ODS): `table:table`, `table:table-cell`.
    OdsContent,
    /// An Excel 2003 XML spreadsheet: `Worksheet`, `Cell`.
    SpreadsheetMl,
    /// Any other XML part: only its texts and depth are bounded.
    Other,
}

impl Part {
    /// The part a package's entry is, among those the reader reads (others are never
    /// unpacked, so cost nothing but their share of the unpacked size).
    fn of(name: &str, kind: Kind) -> Option<Part> {
        let lower = name.replace('\\', "/").to_ascii_lowercase();
        let file = lower.rsplit('/').next().unwrap_or(&lower);
        if kind == Kind::Ods {
            return (lower == "content.xml").then_some(Part::OdsContent);
        }
        Some(match file {
            "sharedstrings.xml" => Part::SharedStrings,
            "workbook.xml" => Part::Workbook,
            _ if lower.contains("worksheets/") && file.ends_with(".xml") => Part::Worksheet,
            "styles.xml" | "[content_types].xml" => Part::Other,
            _ if lower.contains("theme/") && file.ends_with(".xml") => Part::Other,
            _ if file.ends_with(".rels") => Part::Other,
            _ => return None,
        })
    }

    /// The local name of the element that is one cell.
    fn cell(self) -> &'static [u8] {
        match self {
            Part::SharedStrings => b"si",
            Part::Worksheet => b"c",
            Part::OdsContent => b"table-cell",
            Part::SpreadsheetMl => b"Cell",
            Part::Workbook | Part::Other => b"",
        }
    }

    /// The local name of the element that is one sheet.
    fn sheet(self) -> &'static [u8] {
        match self {
            Part::Workbook => b"sheet",
            Part::OdsContent => b"table",
            Part::SpreadsheetMl => b"Worksheet",
            _ => b"",
        }
    }
}

/// Checks a zip package: the sizes its directory declares, then each XML part streamed.
fn check_package(bytes: &[u8], kind: Kind, limits: &Limits) -> Result<(), Over> {
    // A damaged archive is left to the reader, which says so.
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    let mut parts = Vec::new();
    let mut sheet_parts = 0usize;
    for i in 0..zip.len() {
        let Ok(f) = zip.by_index_raw(i) else {
            return Ok(());
        };
        total = total.saturating_add(f.size());
        let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
        let lower = name.replace('\\', "/").to_ascii_lowercase();
        let shared = lower.ends_with("sharedstrings.xml") || lower.ends_with("sharedstrings.bin");
        if shared && f.size() > limits.max_shared_bytes {
            return Err(Over::shared_bytes(f.size(), limits));
        }
        if [
            "worksheets/",
            "chartsheets/",
            "dialogsheets/",
            "macrosheets/",
        ]
        .iter()
        .any(|d| lower.contains(d))
            && !lower.contains("_rels/")
        {
            sheet_parts += 1;
        }
        if let Some(part) = Part::of(&name, kind) {
            parts.push((i, name, part));
        }
    }
    if total > limits.max_unpacked_bytes {
        return Err(Over::new(
            Limit::UnpackedSize,
            "the workbook's unpacked size",
            super::human_bytes(total),
            format!(
                "{} (an IGP unpacks to well under 1 MB)",
                super::human_bytes(limits.max_unpacked_bytes)
            ),
        ));
    }
    let mut sheets = 0usize;
    let mut buf = vec![0u8; 64 * 1024];
    for (i, name, part) in parts {
        let Ok(mut f) = zip.by_index(i) else {
            continue;
        };
        let mut scan = Scanner::new(&name, part, limits);
        scan.sheets = sheets;
        loop {
            match f.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => scan.feed(&buf[..n])?,
                // A damaged part is left to the reader, which says so.
                Err(_) => break,
            }
        }
        scan.finish()?;
        sheets = scan.sheets;
    }
    // Each sheet is read from its own part: sheets that share one would read it again
    // and again (Excel never writes such a workbook).
    if kind != Kind::Ods && sheets > sheet_parts.max(1) {
        return Err(Over::new(
            Limit::Sheets,
            "the number of sheets",
            format!("{sheets}, from {sheet_parts} sheet parts"),
            format!("one sheet a part (and {} sheets)", limits.max_sheets),
        ));
    }
    Ok(())
}

/// Where the scanner is in the XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Text,
    /// Inside `<...>`; the byte is the open quote of an attribute value, or 0.
    Tag(u8),
    Comment,
    CData,
}

/// A streaming look at XML that keeps no more than one tag: the characters of each text
/// and of each cell, the depth of the nesting, the cells' and sheets' elements.
struct Scanner<'a> {
    limits: &'a Limits,
    part: &'a str,
    kind: Part,
    state: State,
    /// The tag being read (without `<` and `>`), up to the limit of one tag.
    tag: Vec<u8>,
    /// `[` nesting inside a DOCTYPE; the `]` in a row in CDATA.
    brackets: usize,
    /// The last bytes seen, for the end of a comment.
    tail: [u8; 2],
    in_entity: bool,
    depth: usize,
    /// Characters of the current text, and of the open cell.
    run: usize,
    cell: Option<usize>,
    strings: usize,
    sheets: usize,
}

impl<'a> Scanner<'a> {
    fn new(part: &'a str, kind: Part, limits: &'a Limits) -> Scanner<'a> {
        Scanner {
            limits,
            part,
            kind,
            state: State::Text,
            tag: Vec::new(),
            brackets: 0,
            tail: [0; 2],
            in_entity: false,
            depth: 0,
            run: 0,
            cell: None,
            strings: 0,
            sheets: 0,
        }
    }

    /// The longest tag: its attributes are read in full by the XML readers.
    fn max_tag(&self) -> usize {
        self.limits.max_cell_chars.max(64 * 1024)
    }

    fn feed(&mut self, bytes: &[u8]) -> Result<(), Over> {
        let mut at = 0;
        while at < bytes.len() {
            match self.state {
                State::Text => {
                    let rest = &bytes[at..];
                    let end = memchr::memchr(b'<', rest).unwrap_or(rest.len());
                    self.text(&rest[..end])?;
                    at += end;
                    if at < bytes.len() {
                        at += 1;
                        self.run = 0;
                        self.in_entity = false;
                        self.tag.clear();
                        self.brackets = 0;
                        self.state = State::Tag(0);
                    }
                }
                State::Tag(quote) => {
                    let b = bytes[at];
                    at += 1;
                    if quote != 0 {
                        if b == quote {
                            self.state = State::Tag(0);
                        }
                        self.push_tag(b)?;
                        continue;
                    }
                    match b {
                        b'"' | b'\'' => {
                            self.state = State::Tag(b);
                            self.push_tag(b)?;
                        }
                        b'[' if self.tag.starts_with(b"!DOCTYPE") => {
                            self.brackets += 1;
                            self.push_tag(b)?;
                        }
                        b']' if self.brackets > 0 => {
                            self.brackets -= 1;
                            self.push_tag(b)?;
                        }
                        b'>' if self.brackets == 0 => {
                            self.state = State::Text;
                            self.end_tag()?;
                        }
                        _ => {
                            self.push_tag(b)?;
                            if self.tag == b"!--" {
                                self.state = State::Comment;
                                self.tail = [0; 2];
                            } else if self.tag == b"![CDATA[" {
                                self.state = State::CData;
                                self.brackets = 0;
                            }
                        }
                    }
                }
                State::Comment => {
                    let b = bytes[at];
                    at += 1;
                    if b == b'>' && self.tail == *b"--" {
                        self.state = State::Text;
                    }
                    self.tail = [self.tail[1], b];
                }
                State::CData => {
                    let b = bytes[at];
                    at += 1;
                    // `]` are counted once it is known they do not end the section.
                    if b == b']' {
                        self.brackets += 1;
                    } else if b == b'>' && self.brackets >= 2 {
                        self.state = State::Text;
                        self.count(self.brackets - 2)?;
                        self.brackets = 0;
                    } else {
                        let pending = std::mem::take(&mut self.brackets);
                        self.count(pending + usize::from(b & 0xC0 != 0x80))?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Counts the characters of a text: its UTF-8 leading bytes, an entity as one.
    fn text(&mut self, text: &[u8]) -> Result<(), Over> {
        if text.is_empty() {
            return Ok(());
        }
        let mut chars = 0usize;
        if !self.in_entity && memchr::memchr(b'&', text).is_none() {
            // Counted in u8 lanes, 255 bytes at a time.
            chars = text
                .chunks(255)
                .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(b & 0xC0 != 0x80))))
                .sum();
        } else {
            for &b in text {
                if self.in_entity {
                    if b == b';' {
                        self.in_entity = false;
                    }
                } else if b == b'&' {
                    self.in_entity = true;
                    chars += 1;
                } else if b & 0xC0 != 0x80 {
                    chars += 1;
                }
            }
        }
        self.count(chars)
    }

    fn count(&mut self, chars: usize) -> Result<(), Over> {
        self.run += chars;
        if let Some(c) = &mut self.cell {
            *c += chars;
        }
        let max = self.limits.max_cell_chars;
        if self.run > max || self.cell.is_some_and(|c| c > max) {
            return Err(Over::cell(self.part, self.limits));
        }
        Ok(())
    }

    fn push_tag(&mut self, b: u8) -> Result<(), Over> {
        if self.tag.len() >= self.max_tag() {
            return Err(Over::new(
                Limit::CellLength,
                "one XML tag",
                format!("more than {} bytes{}", self.max_tag(), in_part(self.part)),
                format!(
                    "{} bytes (the cell length's limit, or 64 KB)",
                    self.max_tag()
                ),
            ));
        }
        self.tag.push(b);
        Ok(())
    }

    /// A tag is read: the depth, the cells and sheets it opens or closes.
    fn end_tag(&mut self) -> Result<(), Over> {
        let tag = std::mem::take(&mut self.tag);
        let result = self.element(&tag);
        self.tag = tag;
        result
    }

    fn element(&mut self, tag: &[u8]) -> Result<(), Over> {
        match tag.first() {
            None | Some(b'?' | b'!') => return Ok(()),
            Some(b'/') => {
                self.depth = self.depth.saturating_sub(1);
                if local_name(&tag[1..]) == self.kind.cell() {
                    self.cell = None;
                }
                return Ok(());
            }
            _ => {}
        }
        let empty = tag.ends_with(b"/");
        let name = local_name(tag);
        if !empty {
            self.depth += 1;
            if self.depth > self.limits.max_xml_depth {
                return Err(Over::new(
                    Limit::XmlDepth,
                    "the nesting of the XML",
                    format!(
                        "more than {} elements deep{}",
                        self.limits.max_xml_depth,
                        in_part(self.part)
                    ),
                    format!(
                        "{} (an office application nests a few dozen)",
                        self.limits.max_xml_depth
                    ),
                ));
            }
        }
        let cell = self.kind.cell();
        if !cell.is_empty() && name == cell {
            self.cell = (!empty).then_some(0);
        }
        let sheet = self.kind.sheet();
        if !sheet.is_empty() && name == sheet {
            self.sheets += 1;
            if self.sheets > self.limits.max_sheets {
                return Err(Over::sheets(
                    format!("more than {}", self.limits.max_sheets),
                    self.limits,
                ));
            }
        }
        if self.kind == Part::SharedStrings {
            if name == b"si" {
                self.strings += 1;
                if self.strings > self.limits.max_shared_strings {
                    return Err(Over::shared_strings(
                        format!("more than {}", self.limits.max_shared_strings),
                        self.limits,
                    ));
                }
            } else if name == b"sst" {
                // calamine makes room for as many strings as the table says it holds.
                if let Some(n) = attribute(tag, b"uniqueCount") {
                    if n > self.limits.max_shared_strings as u64 {
                        return Err(Over::shared_strings(
                            format!("{n} (as the table says)"),
                            self.limits,
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    fn finish(&self) -> Result<(), Over> {
        Ok(())
    }
}

/// The local name of a start or end tag's text (without `<`, `/`).
fn local_name(tag: &[u8]) -> &[u8] {
    let end = tag
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/')
        .unwrap_or(tag.len());
    let name = &tag[..end];
    match memchr::memrchr(b':', name) {
        Some(colon) => &name[colon + 1..],
        None => name,
    }
}

/// A number-valued attribute of a start tag.
fn attribute(tag: &[u8], name: &[u8]) -> Option<u64> {
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&tag[from..], name) {
        let start = from + at;
        from = start + name.len();
        let before_ok = start > 0 && tag[start - 1].is_ascii_whitespace();
        let rest = &tag[from..];
        let rest = rest.trim_ascii_start();
        if !before_ok || !rest.starts_with(b"=") {
            continue;
        }
        let rest = rest[1..].trim_ascii_start();
        let quote = *rest.first()?;
        let value = &rest[1..];
        let end = memchr::memchr(quote, value)?;
        let digits = std::str::from_utf8(&value[..end]).ok()?.trim();
        // A number too large for u64 is over any limit.
        return Some(digits.parse().unwrap_or(u64::MAX));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(xml: &str, part: Part, limits: &Limits) -> Result<(usize, usize), Over> {
        let mut s = Scanner::new("p.xml", part, limits);
        // Fed a byte at a time and whole: the same answer.
        for b in xml.as_bytes() {
            s.feed(std::slice::from_ref(b))?;
        }
        let mut whole = Scanner::new("p.xml", part, limits);
        whole.feed(xml.as_bytes())?;
        assert_eq!((s.strings, s.sheets), (whole.strings, whole.sheets));
        Ok((s.strings, s.sheets))
    }

    #[test]
    fn a_cell_at_the_limit_is_read_and_one_past_it_refused() {
        let limits = Limits {
            max_cell_chars: 10,
            ..Limits::default()
        };
        let cell = |t: &str| {
            format!("<sheetData><row><c r=\"A1\" t=\"inlineStr\"><is><t>{t}</t></is></c></row></sheetData>")
        };
        assert!(scan(&cell("0123456789"), Part::Worksheet, &limits).is_ok());
        assert!(scan(&cell("é&amp;&#x10FFFF;3456789"), Part::Worksheet, &limits).is_ok());
        assert!(scan(&cell("<![CDATA[0123456789]]>"), Part::Worksheet, &limits).is_ok());
        let over = scan(&cell("01234567890"), Part::Worksheet, &limits).unwrap_err();
        assert_eq!(over.limit, Limit::CellLength);
        assert!(over.to_string().contains("--max-cell-length"), "{over}");
        // Runs of a shared string add up.
        let si = "<sst><si><r><t>012345</t></r><r><t>67890</t></r></si></sst>";
        assert!(scan(si, Part::SharedStrings, &limits).is_err());
        // A comment is no text, and its `<` and `>` end nothing.
        assert!(scan(
            "<c><!-- 0123456789 <a> --></c><c>0123456789</c>",
            Part::Worksheet,
            &limits
        )
        .is_ok());
    }

    #[test]
    fn shared_strings_sheets_and_depth_at_their_limits() {
        let limits = Limits {
            max_shared_strings: 3,
            max_sheets: 2,
            max_xml_depth: 4,
            ..Limits::default()
        };
        let sst = |n: usize, unique: usize| {
            format!(
                "<sst uniqueCount=\"{unique}\">{}</sst>",
                "<si><t>a</t></si>".repeat(n)
            )
        };
        assert_eq!(scan(&sst(3, 3), Part::SharedStrings, &limits), Ok((3, 0)));
        assert!(scan(&sst(4, 3), Part::SharedStrings, &limits).is_err());
        let over = scan(&sst(1, 4), Part::SharedStrings, &limits).unwrap_err();
        assert_eq!(over.limit, Limit::SharedStrings);
        let wb = |n: usize| {
            format!(
                "<workbook><sheets>{}</sheets></workbook>",
                "<sheet name=\"a>b\" r:id=\"x\"/>".repeat(n)
            )
        };
        assert_eq!(scan(&wb(2), Part::Workbook, &limits), Ok((0, 2)));
        assert_eq!(
            scan(&wb(3), Part::Workbook, &limits).unwrap_err().limit,
            Limit::Sheets
        );
        let deep = |n: usize| format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
        assert!(scan(&deep(4), Part::Other, &limits).is_ok());
        assert_eq!(
            scan(&deep(5), Part::Other, &limits).unwrap_err().limit,
            Limit::XmlDepth
        );
        // Empty elements and declarations open nothing.
        let flat = format!("<?xml version=\"1.0\"?><a>{}</a>", "<b/>".repeat(10));
        assert!(scan(&flat, Part::Other, &limits).is_ok());
    }

    #[test]
    fn a_tag_past_its_limit_is_refused() {
        let limits = Limits {
            max_cell_chars: 10,
            ..Limits::default()
        };
        let tag = format!("<c {}/>", "a=\"\" ".repeat(20_000));
        assert_eq!(
            scan(&tag, Part::Worksheet, &limits).unwrap_err().limit,
            Limit::CellLength
        );
    }
}

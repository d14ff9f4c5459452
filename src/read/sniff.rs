//! Telling a file's real type from its bytes, whatever its name says.

use std::io::Cursor;

/// What a file's bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Xlsm,
    Xlsb,
    Xls,
    Ods,
    /// A flat OpenDocument spreadsheet (.fods): an ods's content in one XML file.
    Fods,
    /// An Excel 2003 XML spreadsheet (SpreadsheetML).
    SpreadsheetMl,
    /// A Gnumeric workbook: gzip-compressed (or plain) XML.
    Gnumeric,
    /// A SYLK file (Excel's and LibreOffice's symbolic link format, .slk).
    Sylk,
    /// An Excel 2.x, 3 or 4 worksheet: a bare BIFF2 to BIFF4 stream.
    OldXls,
    /// Delimited text (CSV, TSV, semicolon- or pipe-separated).
    Delimited,
    /// A plan in igp's own JSON model.
    Json,
}

impl Kind {
    /// The name used in the model's `source.format`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Xlsx => "xlsx",
            Kind::Xlsm => "xlsm",
            Kind::Xlsb => "xlsb",
            Kind::Xls => "xls",
            Kind::Ods => "ods",
            Kind::Fods => "fods",
            Kind::SpreadsheetMl => "xml",
            Kind::Gnumeric => "gnumeric",
            Kind::Sylk => "slk",
            Kind::OldXls => "xls",
            Kind::Delimited => "csv",
            Kind::Json => "json",
        }
    }
}

/// Whether text that starts with an ID record has the records of a SYLK file.
fn is_sylk(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    // Lines end in CR, LF or both (SYLK is old enough for CR alone).
    let records = (head.split(|&b| b == b'\n' || b == b'\r').skip(1))
        .filter(|l| {
            [&b"C;"[..], b"F;", b"B;", b"P;"]
                .iter()
                .any(|r| l.starts_with(r))
        })
        .count();
    records >= 2
}

/// Tells what `bytes` are, or says in a few words what they are instead.
pub fn sniff(bytes: &[u8]) -> Result<Kind, String> {
    if bytes.is_empty() {
        return Err("the file is empty (0 bytes); download or export the plan again".into());
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        if contains_utf16(bytes, "EncryptedPackage") {
            return Err("the workbook is password-protected (encrypted); save an unprotected copy and try again".into());
        }
        return Ok(Kind::Xls);
    }
    // SYLK: an ID record, then cell (C;), format (F;) or bounds (B;) records. A European
    // CSV whose first header is "ID" ("ID;Name;Role") has none of them.
    if (bytes.starts_with(b"ID;P") || bytes.starts_with(b"ID;N")) && is_sylk(bytes) {
        return Ok(Kind::Sylk);
    }
    if super::biff::is_biff2_4(bytes) {
        return Ok(Kind::OldXls);
    }
    if let Some(what) = old_format(bytes) {
        return Err(what);
    }
    if bytes.starts_with(b"\x1F\x8B") && super::gnumeric::is_gnumeric(bytes) {
        return Ok(Kind::Gnumeric);
    }
    let magic: [(&[u8], &str); 9] = [
        (b"%PDF", "a PDF document, not a spreadsheet or CSV; a PDF keeps no cells to read: download the plan from the sheet as Microsoft Excel (.xlsx), OpenDocument (.ods) or CSV instead"),
        (b"\x89PNG", "a PNG image, not a spreadsheet or CSV"),
        (b"\xFF\xD8\xFF", "a JPEG image, not a spreadsheet or CSV"),
        (b"GIF8", "a GIF image, not a spreadsheet or CSV"),
        (
            b"\x1F\x8B",
            "a gzip archive, not a spreadsheet or CSV: unpack it and check the file inside",
        ),
        (b"Rar!", "a RAR archive, not a spreadsheet or CSV"),
        (b"7z\xBC\xAF", "a 7-Zip archive, not a spreadsheet or CSV"),
        (
            b"\x7FELF",
            "a program (ELF binary), not a spreadsheet or CSV",
        ),
        (b"{\\rtf", "an RTF document, not a spreadsheet or CSV"),
    ];
    for (m, what) in magic {
        if bytes.starts_with(m) {
            return Err(what.into());
        }
    }
    if bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Err("a WebP image, not a spreadsheet or CSV".into());
    }
    let head = text_head(bytes);
    let lower = head.trim_start().to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.contains("<html") && lower.starts_with('<')
    {
        return Err(
            "an HTML page, not a spreadsheet or CSV (did the download save a sign-in page?)".into(),
        );
    }
    if lower.starts_with("<?xml") || lower.starts_with("<svg") || lower.starts_with("<office:") {
        return xml_kind(bytes);
    }
    if lower.starts_with('{') && is_json(bytes) {
        return Ok(Kind::Json);
    }
    Ok(Kind::Delimited)
}

/// Whether text that starts with `{` is JSON (then it is meant as igp's JSON model), not
/// text that happens to start with a brace. Checked without building the value.
fn is_json(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok()
        || memchr::memmem::find(body, b"\"schema_version\"").is_some()
}

/// What an XML file is: a flat OpenDocument spreadsheet is read; the other XML
/// spreadsheets are named, with what to do.
fn xml_kind(bytes: &[u8]) -> Result<Kind, String> {
    let head = super::spreadsheetml::xml_text(&bytes[..bytes.len().min(32 * 1024)]);
    let has = |needle: &str| head.contains(needle);
    if has("opendocument.spreadsheet") && has("office:document") {
        return Ok(Kind::Fods);
    }
    if has(super::spreadsheetml::NAMESPACE) {
        return Ok(Kind::SpreadsheetMl);
    }
    if super::gnumeric::names_gnumeric(&head) {
        return Ok(Kind::Gnumeric);
    }
    if has("opendocument.text") {
        return Err("a flat OpenDocument text document (.fodt), not a spreadsheet".into());
    }
    if has("<html") || has("<HTML") {
        return Err(
            "an HTML page, not a spreadsheet or CSV (did the download save a sign-in page?)".into(),
        );
    }
    Err("an XML document, not a spreadsheet or CSV (save it as .xlsx, .ods or .csv)".into())
}

/// The message for a format igp does not read but a spreadsheet program converts.
const OPEN_AND_SAVE: &str =
    "{what}: open it in {app}, save it as Excel Workbook (.xlsx) and check that";

/// A dBASE or FoxPro table: a version byte, the date of the last update (YY MM DD), the
/// record count, then the header and record lengths.
fn is_dbase(bytes: &[u8]) -> bool {
    const VERSIONS: [u8; 14] = [
        0x02, 0x03, 0x04, 0x05, 0x30, 0x31, 0x32, 0x43, 0x63, 0x83, 0x8B, 0x8C, 0xCB, 0xF5,
    ];
    if bytes.len() < 44 || !VERSIONS.contains(&bytes[0]) {
        return false;
    }
    let header = usize::from(u16::from_le_bytes([bytes[8], bytes[9]]));
    let record = u16::from_le_bytes([bytes[10], bytes[11]]);
    // The first field descriptor, at 32: a name (ASCII, NUL-padded to 11 bytes), then its
    // type letter. Text that happens to match the fixed header ("1\n\n\n..." does) has
    // neither.
    let name = &bytes[32..43];
    let named = (name[0].is_ascii_alphanumeric() || name[0] == b'_')
        && name.iter().all(|&b| b == 0 || b.is_ascii_graphic());
    (1..=12).contains(&bytes[2])
        && (1..=31).contains(&bytes[3])
        && header >= 33
        && header <= bytes.len()
        && record >= 1
        && named
        && b"BCDFGILMNOPTVXY@+0".contains(&bytes[43])
}

/// Spreadsheet formats older than igp reads, told by their first bytes.
fn old_format(bytes: &[u8]) -> Option<String> {
    let say =
        |what: &str, app: &str| Some(OPEN_AND_SAVE.replace("{what}", what).replace("{app}", app));
    // Quattro Pro for DOS and Windows (WQ1, WB1, WB2): a BOF record of 2 bytes, version
    // 0x5120, 0x1001 or 0x1002.
    if bytes.len() >= 6
        && bytes.starts_with(b"\x00\x00\x02\x00")
        && matches!(bytes[4..6], [0x20, 0x51] | [0x01, 0x10] | [0x02, 0x10])
    {
        return say("a Quattro Pro spreadsheet", "LibreOffice");
    }
    // Microsoft Works spreadsheet (WKS): a Works BOF record.
    if bytes.starts_with(b"\xFF\x00\x02\x00\x04\x04") {
        return say("a Microsoft Works spreadsheet", "LibreOffice");
    }
    // An Excel 5-2003 workbook stream taken out of its compound file.
    if bytes.len() >= 8 && bytes.starts_with(b"\x09\x08") && bytes[3] == 0 {
        return Some(
            "an Excel workbook stream taken out of its .xls file, not a spreadsheet; check the \
             original .xls"
                .into(),
        );
    }
    if is_dbase(bytes) {
        return say("a dBASE table (.dbf)", "LibreOffice");
    }
    // Lotus 1-2-3: a BOF record, 2 bytes (WKS, WK1) or 26 (WK3, WK4, 123).
    if bytes.len() >= 8
        && (bytes.starts_with(b"\x00\x00\x02\x00") && bytes[5] == 0x04
            || bytes.starts_with(b"\x00\x00\x1A\x00") && bytes[6..8] == [0x04, 0x00])
    {
        return say("a Lotus 1-2-3 file", "LibreOffice");
    }
    None
}

fn sniff_zip(bytes: &[u8]) -> Result<Kind, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!("a damaged or truncated zip archive, not a readable workbook ({e}); download or export the plan again")
    })?;
    // Part names as Excel looks them up: `\` is `/` (Windows zip tools write it), case is
    // ignored.
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.replace('\\', "/").to_ascii_lowercase())
        .collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    let workbook = if has("xl/workbook.xml") || has("xl/workbook.bin") {
        names
            .iter()
            .find(|n| *n == "xl/workbook.xml" || *n == "xl/workbook.bin")
            .cloned()
    } else {
        office_document(&mut archive)
    };
    if let Some(workbook) = workbook {
        if workbook.ends_with(".bin") {
            return Ok(Kind::Xlsb);
        }
        if workbook.ends_with(".xml") && !names.iter().any(|n| n.ends_with("word/document.xml")) {
            let dir = workbook.rsplit_once('/').map_or("", |(d, _)| d);
            let macros = format!(
                "{dir}{}vbaproject.bin",
                if dir.is_empty() { "" } else { "/" }
            );
            return Ok(if has(&macros) { Kind::Xlsm } else { Kind::Xlsx });
        }
    }
    if has("content.xml") && (has("mimetype") || has("meta-inf/manifest.xml")) {
        return Ok(Kind::Ods);
    }
    if has("word/document.xml") {
        return Err(
            "a Word document, not a spreadsheet; if the plan is a table in it, copy the \
                    table into a spreadsheet and save that as .xlsx"
                .into(),
        );
    }
    if has("ppt/presentation.xml") {
        return Err("a PowerPoint presentation, not a spreadsheet".into());
    }
    if has("index/calculationengine.iwa") || has("index/document.iwa") && has("index/tables/") {
        return Err(NUMBERS.into());
    }
    if names
        .iter()
        .any(|n| n.starts_with("index/") && n.ends_with(".iwa"))
    {
        return Err(
            "an Apple iWork document (Pages, Numbers or Keynote), not a spreadsheet; \
                    if it is a Numbers file, export it as Excel (File ▸ Export To ▸ Excel) and \
                    check that"
                .into(),
        );
    }
    if names
        .iter()
        .any(|n| n.contains(".numbers/") || n == "index.zip")
    {
        return Err(NUMBERS.into());
    }
    Err(
        "a zip archive that is not a workbook (no xl/workbook.xml or content.xml inside); \
         unzip it and check the spreadsheet inside"
            .into(),
    )
}

const NUMBERS: &str =
    "an Apple Numbers file: export it as Excel (File ▸ Export To ▸ Excel) and check that";

/// The main part of an OOXML package as `_rels/.rels` names it (an Excel workbook need
/// not be at `xl/workbook.xml`), lowercased and without its leading `/`.
fn office_document(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<String> {
    let index = (0..archive.len()).find(|&i| {
        archive.name_for_index(i).is_some_and(|n| {
            n.is_ok_and(|n| n.replace('\\', "/").eq_ignore_ascii_case("_rels/.rels"))
        })
    })?;
    let file = archive.by_index(index).ok()?;
    let mut text = String::new();
    // A relationships part is a few hundred bytes.
    std::io::Read::read_to_string(&mut std::io::Read::take(file, 1 << 20), &mut text).ok()?;
    let at = text.find("relationships/officeDocument\"")?;
    // The Target of the Relationship element that holds this Type.
    let start = text[..at].rfind('<')?;
    let end = at + text[at..].find('>')?;
    let element = &text[start..end];
    let target = element.split("Target=").nth(1)?;
    let quote = target.chars().next()?;
    let target = target[1..].split(quote).next()?;
    Some(
        target
            .trim_start_matches('/')
            .replace('\\', "/")
            .to_ascii_lowercase(),
    )
}

/// The sum of the declared uncompressed sizes of a zip's entries.
pub fn zip_unpacked_size(bytes: &[u8]) -> Result<u64, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("a damaged zip archive ({e})"))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let f = archive
            .by_index_raw(i)
            .map_err(|e| format!("a damaged zip archive ({e})"))?;
        total = total.saturating_add(f.size());
    }
    Ok(total)
}

fn contains_utf16(bytes: &[u8], needle: &str) -> bool {
    let pat: Vec<u8> = needle
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    bytes.windows(pat.len()).any(|w| w == pat.as_slice())
}

/// The first bytes as text (BOMs and UTF-16 handled), for recognising markup.
fn text_head(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(1024)];
    let (text, _, _) = encoding_rs::UTF_8.decode(head);
    let t = text.trim_start_matches('\u{feff}');
    if head.starts_with(b"<\0") || head.starts_with(b"\0<") {
        return super::spreadsheetml::xml_text(head).into_owned();
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        let (text, _) = encoding_rs::Encoding::for_bom(head)
            .map(|(e, _)| e)
            .unwrap_or(encoding_rs::UTF_16LE)
            .decode_with_bom_removal(head);
        return text.into_owned();
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_european_csv_headed_id_is_no_sylk_file() {
        assert_eq!(sniff(b"ID;Name;Role\r\n1;Ana;Dev\r\n"), Ok(Kind::Delimited));
        let sylk = sniff(b"ID;PWXL;N;E\rP;PGeneral\rC;Y1;X1;K\"Name\"\rE\r");
        assert_eq!(sylk, Ok(Kind::Sylk));
    }

    #[test]
    fn tells_types_by_bytes() {
        assert_eq!(sniff(b"Name,Alice\n"), Ok(Kind::Delimited));
        assert_eq!(sniff(b"{\"schema_version\":1}"), Ok(Kind::Json));
        assert!(sniff(b"").unwrap_err().contains("empty"));
        assert!(sniff(b"%PDF-1.7 ...").unwrap_err().contains("PDF"));
        assert!(sniff(b"\n<!DOCTYPE html><html>")
            .unwrap_err()
            .contains("HTML"));
        assert!(sniff(b"PK\x03\x04garbage").unwrap_err().contains("zip"));
    }

    #[test]
    fn text_that_starts_with_a_brace_is_json_only_when_it_is_json() {
        assert_eq!(sniff(b"{\"a\": 1}"), Ok(Kind::Json));
        assert_eq!(sniff(b"{\"schema_version\": 1, oops"), Ok(Kind::Json));
        assert_eq!(sniff(b"{name},{role}\nAlice,Lead\n"), Ok(Kind::Delimited));
    }

    #[test]
    fn formats_out_of_reach_are_named_with_what_to_do() {
        // Excel 2 to 4 worksheets are read now (read::biff).
        let excel4 = [0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00];
        assert_eq!(sniff(&excel4), Ok(Kind::OldXls));
        let sylk = sniff(b"ID;PWXL;N;E\r\nP;PGeneral\r\nC;Y1;X1;K\"a\"\r\nE\r\n");
        assert_eq!(sylk, Ok(Kind::Sylk));
        let quattro = [0x00, 0x00, 0x02, 0x00, 0x20, 0x51, 0xCC, 0x00];
        assert!(sniff(&quattro)
            .unwrap_err()
            .starts_with("a Quattro Pro spreadsheet"));
        let mut dbase = vec![0x03, 0x75, 0x03, 0x05, 3, 0, 0, 0, 0xA1, 0, 0x21, 0];
        dbase.resize(32, 0);
        dbase.extend(b"NAME\0\0\0\0\0\0\0C");
        dbase.resize(0xA1 + 3 * 0x21, b' ');
        assert!(sniff(&dbase).unwrap_err().starts_with("a dBASE table"));
        // A CSV that happens to match the fixed header (duckdb's many_empty_lines.csv).
        let mut lines = b"1".to_vec();
        lines.resize(4000, b'\n');
        assert_eq!(sniff(&lines), Ok(Kind::Delimited));
        let lotus = [0x00, 0x00, 0x02, 0x00, 0x06, 0x04, 0x06, 0x00];
        assert!(sniff(&lotus).unwrap_err().starts_with("a Lotus 1-2-3 file"));
        let xml = b"<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">";
        assert_eq!(sniff(xml), Ok(Kind::SpreadsheetMl));
    }
}

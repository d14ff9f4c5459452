//! Delimited text (CSV, TSV, `;` and `|` separated) through csv-core, into a grid.
//!
//! The encoding is told by the BOM (UTF-8, UTF-16, UTF-32), else UTF-8 when the bytes are
//! valid UTF-8, else UTF-32 or UTF-16 without BOM when the NUL bytes fall as they do in
//! those, else what `chardetng` (Firefox's detector for legacy text) guesses: Windows-1252
//! and the other single-byte code pages, Shift-JIS, EUC-KR, GBK, Big5...
//! The delimiter is sniffed from the first records.

use super::grid::{Grid, Value};
use super::Limits;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::borrow::Cow;
use std::cell::RefCell;

/// Decodes the bytes of a text file, or says why they are not text.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static Encoding), String> {
    if let Some(big_endian) = utf32_bom(bytes) {
        let text = decode_utf32(&bytes[4..], big_endian)?;
        return check_text(Cow::Owned(text), UTF_8, false);
    }
    let (encoding, body): (&'static Encoding, &[u8]) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None => match std::str::from_utf8(bytes) {
            // Most files: lent as they are, checked once. (ASCII text in UTF-16 or UTF-32
            // is valid UTF-8 too, with NULs: looked at below.)
            Ok(text) if memchr::memchr(0, bytes).is_none() => {
                return check_text(Cow::Borrowed(text), UTF_8, false)
            }
            _ => {
                if let Some(big_endian) = looks_utf32(bytes) {
                    let text = decode_utf32(bytes, big_endian)?;
                    return check_text(Cow::Owned(text), UTF_8, false);
                }
                if looks_utf16(bytes, 1) {
                    (UTF_16LE, bytes)
                } else if looks_utf16(bytes, 0) {
                    (UTF_16BE, bytes)
                } else if std::str::from_utf8(bytes).is_ok() {
                    // UTF-8 with a few NULs in it.
                    (UTF_8, bytes)
                } else {
                    (guess_legacy(bytes), bytes)
                }
            }
        },
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors && (encoding == UTF_8 || encoding == UTF_16LE || encoding == UTF_16BE) {
        return Err(format!(
            "text that is not valid {} (a damaged or binary file)",
            encoding.name()
        ));
    }
    // NULs are dropped from UTF-8 text only: in text of another encoding (a guess from
    // bytes that are not UTF-8) they are a sign of binary data, such as an image.
    check_text(text, encoding, encoding == UTF_8)
}

/// The legacy encoding of text that is not UTF-8, as `chardetng` guesses it from the
/// first 64 KiB (Windows-1252 for Western text, Shift_JIS for Japanese...).
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes[..bytes.len().min(64 * 1024)], true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// The byte order of a UTF-32 BOM, when the bytes start with one.
fn utf32_bom(bytes: &[u8]) -> Option<bool> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        Some(false)
    } else if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        Some(true)
    } else {
        None
    }
}

/// UTF-32 without BOM: in the first code units, the top byte is NUL and the lowest is not
/// (most text is below U+10000 and has no NUL).
fn looks_utf32(bytes: &[u8]) -> Option<bool> {
    let units: Vec<&[u8]> = bytes.chunks_exact(4).take(256).collect();
    if units.len() < 2 || bytes.len() % 4 != 0 {
        return None;
    }
    let le = units
        .iter()
        .all(|u| u[3] == 0 && u[2] <= 0x10 && u != &[0, 0, 0, 0]);
    let be = units
        .iter()
        .all(|u| u[0] == 0 && u[1] <= 0x10 && u != &[0, 0, 0, 0]);
    match (le, be) {
        (true, false) => Some(false),
        (false, true) => Some(true),
        _ => None,
    }
}

fn decode_utf32(body: &[u8], big_endian: bool) -> Result<String, String> {
    if body.len() % 4 != 0 {
        return Err("text that is not valid UTF-32 (a damaged or binary file)".into());
    }
    body.chunks_exact(4)
        .map(|u| {
            let u = [u[0], u[1], u[2], u[3]];
            let n = if big_endian {
                u32::from_be_bytes(u)
            } else {
                u32::from_le_bytes(u)
            };
            char::from_u32(n)
        })
        .collect::<Option<String>>()
        .ok_or_else(|| "text that is not valid UTF-32 (a damaged or binary file)".into())
}

/// Refuses decoded text that is binary data: more than one control character in 200
/// (NUL aside), or a NUL where `nul_ok` is false, or NULs in more than a third of the
/// characters. UTF-8 text with NULs among its characters (a field padded with them, a NUL
/// before each tab or at the end, as the test files of LibreOffice and duckdb have) is read
/// as LibreOffice reads it, the NULs dropped.
fn check_text<'a>(
    text: Cow<'a, str>,
    encoding: &'static Encoding,
    nul_ok: bool,
) -> Result<(Cow<'a, str>, &'static Encoding), String> {
    let (control, total) = control_chars(&text);
    let nul = memchr::memchr_iter(0, text.as_bytes()).count();
    if (control - nul) * 200 > total.max(1) || nul * 3 > total.max(1) || (nul > 0 && !nul_ok) {
        return Err(
            "binary data, not a spreadsheet or delimited text; export the plan as xlsx or CSV"
                .into(),
        );
    }
    if nul > 0 {
        return Ok((Cow::Owned(text.replace('\0', "")), encoding));
    }
    Ok((text, encoding))
}

/// The control characters (tab and line breaks aside) and all characters of `text`,
/// counted from its UTF-8 bytes: C0 controls and DEL are single bytes, C1 controls
/// (U+0080 to U+009F) are C2 80 to C2 9F, and every character has one leading byte.
fn control_chars(text: &str) -> (usize, usize) {
    // Branch-free sums, which the compiler vectorizes; C1 controls looked for only where
    // their leading byte is.
    let bytes = text.as_bytes();
    let total = text.chars().count();
    // Counted in u8 lanes, 255 bytes at a time.
    let c0: usize = (bytes.chunks(255))
        .map(|chunk| {
            let n = chunk.iter().fold(0u8, |n, &b| {
                let c0 = (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r');
                n + u8::from(c0 | (b == 0x7F))
            });
            usize::from(n)
        })
        .sum();
    let c1 = if bytes.contains(&0xC2) {
        text.chars()
            .filter(|c| ('\u{80}'..'\u{a0}').contains(c))
            .count()
    } else {
        0
    };
    (c0 + c1, total)
}

/// UTF-16 without BOM: in the first code units, the byte at `zero_at` is NUL in most
/// (ASCII and Latin text) and the other byte seldom is.
fn looks_utf16(bytes: &[u8], zero_at: usize) -> bool {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(512).collect();
    let zero = pairs.iter().filter(|p| p[zero_at] == 0).count();
    let other = pairs.iter().filter(|p| p[1 - zero_at] == 0).count();
    pairs.len() >= 2
        && bytes.len() % 2 == 0
        && zero * 10 >= pairs.len() * 7
        && other * 10 <= pairs.len()
}

/// The delimiter that splits the first records most consistently into several fields:
/// for each candidate, the fields of each of the first 100 records are counted (quotes
/// respected, trailing empty fields of padded rows ignored), and the candidate whose most
/// common count (over 1) covers the most fields wins. Comma on a tie or a single column.
pub fn sniff_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
    // The bytes that end a run of text (spaces and CRs inside one change nothing: the field
    // has text already).
    const SPECIAL: [bool; 256] = {
        let mut table = [false; 256];
        let special = [b',', b';', b'\t', b'|', b'"', b'\n'];
        let mut i = 0;
        while i < special.len() {
            table[special[i] as usize] = true;
            i += 1;
        }
        table
    };
    // Per candidate: field count of each record -> fields it accounts for.
    let mut counts: [Tally; 4] = Default::default();
    // Per candidate: fields so far in this record, and the fields up to the last non-empty one.
    let mut fields = [1usize; 4];
    let mut used = [0usize; 4];
    let mut field_has_text = false;
    let mut in_quotes = false;
    let mut records = 0;
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let b = bytes[pos];
        pos += 1;
        if in_quotes {
            // Straight to the next quote: `""` inside quotes is one quote.
            match memchr::memchr(b'"', &bytes[pos - 1..]) {
                Some(at) => pos += at,
                None => break,
            }
            if bytes.get(pos) == Some(&b'"') {
                pos += 1;
            } else {
                in_quotes = false;
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
                        counts[i].add(fields[i], used[i]);
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
            // Text: the rest of its run too.
            _ if !CANDIDATES.contains(&b) => {
                field_has_text = true;
                let run = bytes[pos..].iter().position(|&c| SPECIAL[usize::from(c)]);
                pos = run.map_or(bytes.len(), |n| pos + n);
            }
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
                counts[i].add(fields[i], used[i]);
            }
        }
    }
    let mut best = (b',', 0usize);
    for (i, c) in counts.iter().enumerate() {
        let score = c.0.iter().map(|(_, n)| *n).max().unwrap_or(0);
        if score > best.1 {
            best = (CANDIDATES[i], score);
        }
    }
    best.0
}

/// Per field count of a record, the fields that records of that count account for (a
/// file has a few distinct counts: a list beats a hash map).
#[derive(Default)]
struct Tally(Vec<(usize, usize)>);

impl Tally {
    fn add(&mut self, count: usize, fields: usize) {
        match self.0.iter_mut().find(|(c, _)| *c == count) {
            Some((_, n)) => *n += fields,
            None => self.0.push((count, fields)),
        }
    }
}

/// Removes the guard that igp's CSV writer puts before text a spreadsheet would run as a
/// formula (a `'` before `=`, `+`, `-`, `@`, tab, CR, or another `'`).
pub fn unguard(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) => rest,
        _ => field,
    }
}

/// A csv-core parser for one delimiter, and the buffers it writes records into.
struct Parser {
    delimiter: u8,
    reader: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
}

thread_local! {
    /// One parser per thread, reset between files: building its state machine costs more
    /// than parsing a whole plan.
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Parses decoded text into one grid named `name`.
pub fn parse(text: &str, name: &str, limits: &Limits) -> Result<Grid, String> {
    let delimiter = sniff_delimiter(text);
    PARSER.with(|slot| {
        let mut slot = slot.borrow_mut();
        let parser = match &mut *slot {
            Some(parser) if parser.delimiter == delimiter => {
                parser.reader.reset();
                parser
            }
            _ => slot.insert(Parser {
                delimiter,
                reader: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
                out: vec![0; 4096],
                ends: vec![0; 64],
            }),
        };
        let grid = parse_with(parser, text, name, limits).map(|mut grid| {
            grid.day_first = delimiter == b';';
            grid
        });
        // A file with a huge record does not keep its buffer for the next ones.
        if parser.out.len() > 1 << 20 {
            parser.out = vec![0; 4096];
        }
        grid
    })
}

/// The columns of a spreadsheet (A to XFD): a row with more fields is no sheet.
const MAX_FIELDS: usize = 16_384;

fn parse_with(
    parser: &mut Parser,
    text: &str,
    name: &str,
    limits: &Limits,
) -> Result<Grid, String> {
    use csv_core::ReadRecordResult as R;
    let Parser {
        reader: parser,
        out,
        ends,
        ..
    } = parser;
    let mut grid = Grid::new(name);
    let mut input = text.as_bytes();
    let (mut nout, mut nend) = (0, 0);
    let mut row: u32 = 0;
    let mut record_start = true;
    loop {
        if record_start {
            // A blank line is an empty row of the sheet, as a spreadsheet opens the file;
            // csv-core skips blank lines, so they are counted here.
            let consumed = text.len() - input.len();
            let mut after_cr = consumed > 0 && text.as_bytes()[consumed - 1] == b'\r';
            while let Some(&b @ (b'\n' | b'\r')) = input.first() {
                input = &input[1..];
                if !(after_cr && b == b'\n') {
                    row = row.saturating_add(1);
                }
                after_cr = b == b'\r';
            }
            record_start = false;
        }
        let (result, nin, o, e) = parser.read_record(input, &mut out[nout..], &mut ends[nend..]);
        input = &input[nin..];
        nout += o;
        nend += e;
        match result {
            R::InputEmpty => {}
            R::OutputFull => {
                // The field being read is at most 4 bytes a character: past that, it is
                // over the limit of one cell, and not read further.
                let field = nout - nend.checked_sub(1).map_or(0, |i| ends[i]);
                if field > limits.max_cell_chars.saturating_mul(4) {
                    return Err(super::bounds::cell_over(limits).into());
                }
                out.resize(out.len() * 2, 0)
            }
            R::OutputEndsFull if ends.len() >= MAX_FIELDS => {
                return Err(format!(
                    "row {} has more than {MAX_FIELDS} fields, the most a spreadsheet has",
                    row + 1
                ))
            }
            R::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            R::Record => {
                // The fields are the text's bytes less quotes: UTF-8, checked once a record.
                let record = std::str::from_utf8(&out[..nout])
                    .map_err(|_| "malformed delimited text: a field is not UTF-8")?;
                let mut start = 0;
                for (col, &end) in ends[..nend].iter().enumerate() {
                    if start == end {
                        continue;
                    }
                    let field = record
                        .get(start..end)
                        .ok_or("malformed delimited text: a field is not UTF-8")?;
                    start = end;
                    if let Some(v) = Value::text(unguard(field)) {
                        if grid.len() >= limits.max_cells {
                            let mut none = 0;
                            super::bounds::take_cell(&mut none, limits)?;
                        }
                        grid.set(row, col as u32, v);
                    }
                }
                (nout, nend) = (0, 0);
                row = row.saturating_add(1);
                record_start = true;
            }
            R::End => return Ok(grid),
        }
    }
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
    fn control_characters_are_counted_as_chars_are() {
        for text in [
            "plain, text\n",
            "a\u{1}b\u{7f}\t\r\n",
            "•\u{85}é\u{9f}\u{a0}€𝄞\u{0}",
            "",
        ] {
            let control = text
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                .count();
            assert_eq!(
                control_chars(text),
                (control, text.chars().count()),
                "{text:?}"
            );
        }
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
    fn decodes_utf32_and_bomless_utf16_and_legacy_encodings() {
        let text = "Name,Zoë\nRole,Lead\n";
        let le32: Vec<u8> = text
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        let be32: Vec<u8> = text
            .chars()
            .flat_map(|c| (c as u32).to_be_bytes())
            .collect();
        let bom: Vec<u8> = [0xFF, 0xFE, 0, 0].into_iter().chain(le32.clone()).collect();
        assert_eq!(decode(&le32).unwrap().0, text);
        assert_eq!(decode(&be32).unwrap().0, text);
        assert_eq!(decode(&bom).unwrap().0, text);
        let le16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&le16).unwrap().0, text);
        // ASCII only: valid UTF-8 as well, with NULs.
        let ascii32: Vec<u8> = "a,b\n"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        assert_eq!(decode(&ascii32).unwrap().0, "a,b\n");
        let ascii16: Vec<u8> = "a,b\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&ascii16).unwrap().0, "a,b\n");
        let (sjis, _, _) = encoding_rs::SHIFT_JIS
            .encode("名前,山田太郎\n役割,エンジニア\n目標,日本語の資料を読む\n");
        let (decoded, encoding) = decode(&sjis).unwrap();
        assert_eq!(encoding, encoding_rs::SHIFT_JIS);
        assert!(decoded.contains("山田太郎"), "{decoded}");
    }

    #[test]
    fn text_with_nuls_among_its_characters_is_read_without_them() {
        // As LibreOffice's tdf57841.csv has them (a NUL before each tab), duckdb's
        // nullterm.csv and null_terminator.csv, and a field padded with them.
        for (bytes, text) in [
            (&b"1\0\t2\0\tZo\xC3\xAB\0\r\n"[..], "1\t2\tZoë\r\n"),
            (b"hello\n\0world\0\n", "hello\nworld\n"),
            (b"a\0b", "ab"),
            (
                b"\xEF\xBB\xBF\"Campo\0\0\0\0\";1;1\r\n",
                "\"Campo\";1;1\r\n",
            ),
        ] {
            assert_eq!(decode(bytes).unwrap().0, text);
        }
        // Mostly NULs, or NULs among other control characters: binary data.
        // And NULs in text that is not UTF-8 (a BMP image, its pixels 0x00 and 0xFF).
        let mut bmp = b"BM\xB6\x9C\x01\0\0\0\0\x006\0\0\0(\0".to_vec();
        bmp.extend([0xFF, 0xFF, 0xFF, 0].repeat(200));
        for bytes in [
            &b"a\0\0b\0\0c\0\0"[..],
            b"a,b\0\x01\x02\x03\n\x04\x05,c\0",
            &bmp,
        ] {
            assert!(decode(bytes).unwrap_err().starts_with("binary data"));
        }
    }

    #[test]
    fn parses_quotes_line_breaks_and_ragged_rows_with_one_parser_per_thread() {
        let limits = Limits::default();
        // The parser is kept between files: each file must start from a clean state, even
        // after one that ends inside quotes, and with another delimiter.
        for text in [
            "a;\"b;c\"\r\n;x\n",
            "a,\"b,c\"\n,x",
            "unclosed,\"quote\n",
            "a;\"b;c\"\r\n;x\n",
        ] {
            let grid = parse(text, "t", &limits).unwrap();
            if text.starts_with("unclosed") {
                assert_eq!(grid.get(0, 1), Some(&Value::Text("quote".into())));
                continue;
            }
            assert_eq!(grid.get(0, 0), Some(&Value::Text("a".into())));
            assert_eq!(
                grid.get(0, 1),
                Some(&Value::Text(format!("b{}c", &text[1..2])))
            );
            assert_eq!(grid.get(1, 0), None);
            assert_eq!(grid.get(1, 1), Some(&Value::Text("x".into())));
        }
        let text = "\"Say \"\"hi\"\"\",\"two\nlines\"\n\n,,\n last ,";
        let grid = parse(text, "t", &limits).unwrap();
        assert_eq!(grid.get(0, 0), Some(&Value::Text("Say \"hi\"".into())));
        assert_eq!(grid.get(0, 1), Some(&Value::Text("two\nlines".into())));
        // The blank line is a row, as in a spreadsheet.
        assert_eq!(grid.get(3, 0), Some(&Value::Text("last".into())));
        assert_eq!(grid.len(), 3);
        let grid = parse("\r\na\r\n\r\nb\rc\n\nd\r\r\ne", "t", &limits).unwrap();
        let rows: Vec<u32> = grid.rows().map(|(r, _)| r).collect();
        assert_eq!(rows, [1, 3, 4, 6, 8]);
    }

    #[test]
    fn a_row_wider_than_a_spreadsheet_is_refused() {
        let limits = Limits::default();
        let wide = ",".repeat(MAX_FIELDS - 1) + "x\n";
        assert!(parse(&wide, "t", &limits).is_ok());
        let wider = ",".repeat(MAX_FIELDS) + "x\n";
        let err = parse(&wider, "t", &limits).unwrap_err();
        assert!(err.contains("more than 16384 fields"), "{err}");
    }

    #[test]
    fn guard_is_removed_only_before_formula_characters() {
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unguard("'quoted'"), "'quoted'");
    }
}

/// Whether decoded text looks like a table rather than prose. A table's first lines split
/// into the same number of fields (two or more) by the sniffed delimiter, or its first line
/// holds a tab (Excel's "Unicode Text"), or it is one column of short values. Prose has
/// commas too, but a person puts a space after them and writes several words between
/// them: "Talked to Sam about the budget, then to Ana." is no record, while
/// "1, 1, London" is one.
pub fn looks_like_table(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_start_matches('\u{feff}'))
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let Some(first) = lines.first() else {
        return false;
    };
    let delimiter = sniff_delimiter(text);
    if delimiter == b'\t' && first.contains('\t') {
        return true;
    }
    // Per line: its fields (quotes respected; a quoted field spanning lines counts a little
    // off, which only makes a table look less regular), and whether one of them is a
    // sentence (four words or more).
    let mut spaced = 0;
    let mut delimiters = 0;
    let mut counts = Vec::with_capacity(lines.len());
    let mut wordy = 0;
    for line in &lines {
        let bytes = line.as_bytes();
        let mut in_quotes = false;
        let mut fields = 1;
        let mut words = 0;
        let mut most_words = 0;
        let mut in_word = false;
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'"' {
                in_quotes = !in_quotes;
            } else if b == delimiter && !in_quotes {
                fields += 1;
                delimiters += 1;
                spaced += usize::from(bytes.get(i + 1) == Some(&b' '));
                most_words = most_words.max(words);
                words = 0;
                in_word = false;
                continue;
            }
            let letter = !b.is_ascii_whitespace();
            words += usize::from(letter && !in_word);
            in_word = letter;
        }
        most_words = most_words.max(words);
        // Columns aligned with runs of spaces (a .prn) are no sentence.
        wordy += usize::from(most_words >= 4 && !line.contains("  "));
        counts.push(fields);
    }
    let n = counts.len();
    let sentences = wordy * 2 > n;
    let mut best = 0;
    for &c in counts.iter().filter(|&&c| c >= 2) {
        best = best.max(counts.iter().filter(|&&d| d == c).count());
    }
    let prose_commas = delimiter != b'|' && delimiters > 0 && spaced * 5 >= delimiters * 4;
    let columns = match n {
        1 => counts[0] >= 3 || (counts[0] == 2 && !prose_commas),
        _ => best >= 2 && (best * 3 >= n * 2 || best >= 3),
    };
    if columns {
        return !(prose_commas && sentences);
    }
    // No columns: one column of values (a stray comma in one of them aside), or sentences.
    !sentences
}

#[cfg(test)]
mod table_tests {
    use super::looks_like_table;

    #[test]
    fn tables_and_prose() {
        for table in [
            "Name,Zoe\nRole,Engineer\n",
            "Skill/Behavior;Resources;Career;Steps;Network;Challenges\nSQL;Course;Job;Take it;Team;Time\n",
            "Name\tZoe\n",
            "a,\"b, c\",d\ne,f,g\nh,i,j\n",
            "Section 1: Discover your Inspiration,,,,,\nWhat parts of your role are most engaging?,Pairing,,,,\n",
        ] {
            assert!(looks_like_table(table), "{table:?}");
        }
        for table in [
            "id, cid, name\n1, 1, London\n2, 2, Paris\n",
            "number\n1.1\n1.2\n",
            "\"true\"\n\"false\"\n",
            "2,中国人\n",
            "SingleLine\n",
            "Algeria\nCongo, Democratic Republic of\nEgypt\n",
            "Region    Item      Volume    Month\nEast      Apple     9000      July\n",
        ] {
            assert!(looks_like_table(table), "{table:?}");
        }
        for prose in [
            "Notes from my 1:1 with Sam.\nTalked about the conference, and the budget for next year.\nNext: ask Ana about mentoring, then update the plan.\n",
            "Remember to ask about the budget\nBook the room for the offsite next week\n",
            "We talked about the budget, and then about the offsite.",
            "",
        ] {
            assert!(!looks_like_table(prose), "{prose:?}");
        }
    }
}

//! Files made to hurt: small on disk, dear to read. Written with the zip and csv crates
//! (never with igp's writer), for tests/hostile.rs and for bench/hostile.sh (through
//! examples/hostile_files.rs), which measures what each costs.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;

/// What igp must do with a file: refuse it at the limit named by this flag, or read it
/// (`ReadInBench`: a file at the limits, read, too slow for a debug build's test).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Refused(&'static str),
    Read,
    ReadInBench,
}

/// One hostile file: its name, what it holds, what igp must do.
pub struct Hostile {
    pub name: &'static str,
    pub holds: &'static str,
    pub expect: Expect,
    write: fn(&Path),
}

const MB: usize = 1024 * 1024;

/// Every hostile file.
pub fn all() -> Vec<Hostile> {
    use Expect::{Read, ReadInBench, Refused};
    fn h(name: &'static str, holds: &'static str, expect: Expect, write: fn(&Path)) -> Hostile {
        Hostile {
            name,
            holds,
            expect,
            write,
        }
    }
    vec![
        h(
            "sst-14m-strings.xlsx",
            "sharedStrings.xml of 14 million one-letter strings (238 MB unpacked)",
            Refused("--max-shared-strings-size"),
            |p| {
                let si = b"<si><t>a</t></si>".repeat(1 << 16);
                let sst = sst(repeat(si, 14_000_000 / (1 << 16)));
                xlsx(p, sheet_a1_shared(), Some(sst), None, 1);
            },
        ),
        h(
            "sst-200k-strings.xlsx",
            "sharedStrings.xml of 200,000 one-letter strings (3.4 MB unpacked)",
            Refused("--max-shared-strings"),
            |p| {
                let si = b"<si><t>a</t></si>".repeat(1000);
                xlsx(p, sheet_a1_shared(), Some(sst(repeat(si, 200))), None, 1);
            },
        ),
        h(
            "sst-unique-count.xlsx",
            "a shared-string table that says it holds 4 billion strings",
            Refused("--max-shared-strings"),
            |p| {
                let sst: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="4000000000"><si><t>a</t></si></sst>"#;
                xlsx(p, sheet_a1_shared(), Some(once(sst)), None, 1);
            },
        ),
        h(
            "inline-cell-200mb.xlsx",
            "one inline-string cell of 200 MB",
            Refused("--max-unpacked-size"),
            |p| xlsx_inline_cell(p, 200 * MB),
        ),
        h(
            "inline-cell-30mb.xlsx",
            "one inline-string cell of 30 MB (within the unpacked limit)",
            Refused("--max-cell-length"),
            |p| xlsx_inline_cell(p, 30 * MB),
        ),
        h(
            "shared-cell-15mb.xlsx",
            "one shared string of 15 MB",
            Refused("--max-cell-length"),
            |p| {
                let mut sst = chunks(&[
                    b"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>",
                ]);
                sst.extend(repeat(vec![b'x'; 1 << 16], (15 * MB) >> 16));
                sst.push(b"</t></si></sst>".to_vec());
                xlsx(
                    p,
                    sheet_a1_shared(),
                    Some(Box::new(sst.into_iter())),
                    None,
                    1,
                );
            },
        ),
        h(
            "ods-cell-200mb.ods",
            "an ods with one text cell of 200 MB",
            Refused("--max-unpacked-size"),
            |p| ods_cell(p, 200 * MB),
        ),
        h(
            "ods-cell-30mb.ods",
            "an ods with one text cell of 30 MB (within the unpacked limit)",
            Refused("--max-cell-length"),
            |p| ods_cell(p, 30 * MB),
        ),
        h(
            "fods-cell-19mb.fods",
            "a flat ods with one text cell of 19 MB",
            Refused("--max-cell-length"),
            |p| {
                let mut f = std::io::BufWriter::new(std::fs::File::create(p).unwrap());
                for part in ods_content(19 * MB) {
                    f.write_all(&part).unwrap();
                }
            },
        ),
        h(
            "spreadsheetml-cell-19mb.xml",
            "an Excel 2003 XML spreadsheet with one cell of 19 MB",
            Refused("--max-cell-length"),
            |p| {
                let mut f = std::io::BufWriter::new(std::fs::File::create(p).unwrap());
                f.write_all(br#"<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Plan"><Table><Row><Cell><Data ss:Type="String">"#).unwrap();
                for c in repeat(vec![b'x'; 1 << 16], (19 * MB) >> 16) {
                    f.write_all(&c).unwrap();
                }
                f.write_all(b"</Data></Cell></Row></Table></Worksheet></Workbook>")
                    .unwrap();
            },
        ),
        h(
            "csv-field-49mb.csv",
            "a CSV of 49 MB that is one quoted field",
            Refused("--max-file-size"),
            |p| csv_field(p, 49 * MB),
        ),
        h(
            "csv-field-19mb.csv",
            "a CSV of 19 MB that is one quoted field",
            Refused("--max-cell-length"),
            |p| csv_field(p, 19 * MB),
        ),
        h(
            "cells-1m.xlsx",
            "1 million one-digit cells (1,000 rows of 1,000)",
            Refused("--max-cells"),
            |p| {
                let rows = (0..1000).map(|r| {
                    let mut row = format!("<row r=\"{}\">", r + 1);
                    for c in 0..1000 {
                        row.push_str(&format!("<c r=\"{}{}\"><v>1</v></c>", column(c), r + 1));
                    }
                    row.push_str("</row>");
                    row.into_bytes()
                });
                xlsx(p, sheet(rows), None, None, 1);
            },
        ),
        h(
            "rows-1m.xlsx",
            "a million rows of one column",
            Refused("--max-cells"),
            |p| {
                // Rows and cells without references, to fit the unpacked limit.
                let rows = (0..1000).map(|_| b"<row><c><v>1</v></c></row>".repeat(1000));
                xlsx(p, sheet(rows), None, None, 1);
            },
        ),
        h(
            "rows-1m.csv",
            "a CSV of a million rows of one column",
            Refused("--max-cells"),
            |p| {
                let mut w = csv::Writer::from_path(p).unwrap();
                for i in 0..1_000_000 {
                    w.write_record([format!("{i}")]).unwrap();
                }
                w.flush().unwrap();
            },
        ),
        h(
            "sheets-5000.xlsx",
            "a workbook of 5,000 sheets",
            Refused("--max-sheets"),
            |p| {
                let sheets: String = (1..=5000)
                    .map(|i| format!("<sheet name=\"S{i}\" sheetId=\"{i}\" r:id=\"rId{i}\"/>"))
                    .collect();
                let rels: String = (1..=5000)
                    .map(|i| format!("<Relationship Id=\"rId{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"))
                    .collect();
                let a1 = b"<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>".to_vec();
                xlsx(p, sheet(std::iter::once(a1)), None, Some((sheets, rels)), 1);
            },
        ),
        h(
            "deep-nesting.xlsx",
            "a sheet whose XML nests 2.5 million elements deep",
            Refused("--max-xml-depth"),
            |p| {
                let mut parts = chunks(&[b"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"]);
                parts.extend(repeat(b"<row>".repeat(1 << 14), 150));
                parts.extend(repeat(b"</row>".repeat(1 << 14), 150));
                parts.push(b"</sheetData></worksheet>".to_vec());
                xlsx(p, Box::new(parts.into_iter()), None, None, 1);
            },
        ),
        h(
            "wide-tag.xlsx",
            "one cell tag with 2.5 million attributes",
            Refused("--max-cell-length"),
            |p| {
                let mut parts = chunks(&[b"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" "]);
                let attrs: Vec<u8> = (0..1u32 << 14)
                    .flat_map(|i| format!("a{i}=\"\" ").into_bytes())
                    .collect();
                parts.extend(repeat(attrs, 150));
                parts.push(b"><v>1</v></c></row></sheetData></worksheet>".to_vec());
                xlsx(p, Box::new(parts.into_iter()), None, None, 1);
            },
        ),
        h(
            "goals-at-the-limits.csv",
            "a CSV of 19.6 MB: 33,332 goal rows of 98-character cells (199,998 cells)",
            ReadInBench,
            |p| {
                let mut w = csv::Writer::from_path(p).unwrap();
                w.write_record(GOAL_COLUMNS).unwrap();
                let mut seed = 1u64;
                for _ in 0..33_332 {
                    let row: Vec<String> = (0..6).map(|_| words(&mut seed, 98)).collect();
                    w.write_record(&row).unwrap();
                }
                w.flush().unwrap();
            },
        ),
        h(
            "long-cells-at-the-limits.csv",
            "a CSV of 19.9 MB: 200 cells of 99,000 characters",
            ReadInBench,
            |p| {
                let mut w = csv::Writer::from_path(p).unwrap();
                w.write_record(GOAL_COLUMNS).unwrap();
                let mut seed = 2u64;
                for _ in 0..33 {
                    let row: Vec<String> = (0..6).map(|_| words(&mut seed, 99_000)).collect();
                    w.write_record(&row).unwrap();
                }
                w.flush().unwrap();
            },
        ),
        h(
            "cells-at-the-limits.xlsx",
            "an xlsx of 199,998 inline-string cells of 100 characters (30 MB unpacked)",
            ReadInBench,
            |p| {
                let mut seed = 3u64;
                let rows = (0..33_333u32).map(move |r| {
                    let mut row = format!("<row r=\"{}\">", r + 1);
                    for (c, header) in GOAL_COLUMNS.iter().enumerate() {
                        let text = if r == 0 {
                            header.to_string()
                        } else {
                            words(&mut seed, 100)
                        };
                        row.push_str(&format!(
                            "<c r=\"{}{}\" t=\"inlineStr\"><is><t>{text}</t></is></c>",
                            column(c),
                            r + 1
                        ));
                    }
                    row.push_str("</row>");
                    row.into_bytes()
                });
                xlsx(p, sheet(rows), None, None, 1);
            },
        ),
        h(
            "plan-like.xlsx",
            "a small plan-like sheet with a 30,000-character cell (read)",
            Read,
            |p| {
                let long = "word ".repeat(6000);
                let row = format!("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Skill/Behavior</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>{long}</t></is></c></row>");
                xlsx(p, sheet(std::iter::once(row.into_bytes())), None, None, 1);
            },
        ),
    ]
}

impl Hostile {
    /// Writes the file into `dir`.
    pub fn write(&self, dir: &Path) {
        (self.write)(&dir.join(self.name));
    }
}

const GOAL_COLUMNS: [&str; 6] = [
    "Skill/Behavior",
    "Resources/Support needed",
    "Career goals",
    "Action steps",
    "Network",
    "Challenges",
];

/// Words of a plan, `chars` characters of them, from a xorshift seed.
fn words(seed: &mut u64, chars: usize) -> String {
    const WORDS: [&str; 16] = [
        "give",
        "two",
        "talks",
        "on",
        "kubernetes",
        "by",
        "June",
        "weekly",
        "review",
        "with",
        "mentor",
        "finish",
        "the",
        "certification",
        "course",
        "write",
    ];
    let mut out = String::with_capacity(chars + 16);
    while out.len() < chars {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        out.push_str(WORDS[(*seed % 16) as usize]);
        out.push(' ');
    }
    out.truncate(chars);
    out
}

fn csv_field(p: &Path, bytes: usize) {
    let mut w = csv::Writer::from_path(p).unwrap();
    let field = "x".repeat(bytes);
    w.write_record(["Skill/Behavior", &field]).unwrap();
    w.flush().unwrap();
}

fn column(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

fn chunks(parts: &[&[u8]]) -> Vec<Vec<u8>> {
    parts.iter().map(|p| p.to_vec()).collect()
}

type Chunks = Box<dyn Iterator<Item = Vec<u8>>>;

/// `block` `n` times, as chunks.
fn repeat(block: Vec<u8>, n: usize) -> Chunks {
    Box::new((0..n).map(move |_| block.clone()))
}

fn once(bytes: &[u8]) -> Chunks {
    Box::new(std::iter::once(bytes.to_vec()))
}

/// A worksheet whose sheetData is the given rows.
fn sheet<I: Iterator<Item = Vec<u8>> + 'static>(rows: I) -> Chunks {
    Box::new(std::iter::once(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>".to_vec())
        .chain(rows)
        .chain(std::iter::once(b"</sheetData></worksheet>".to_vec())))
}

/// A shared-string table of the given `si` elements.
fn sst(items: Chunks) -> Chunks {
    Box::new(
        std::iter::once(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">".to_vec())
            .chain(items)
            .chain(std::iter::once(b"</sst>".to_vec())),
    )
}

/// A sheet whose A1 is shared string 0.
fn sheet_a1_shared() -> Chunks {
    sheet(std::iter::once(
        b"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>".to_vec(),
    ))
}

fn xlsx_inline_cell(p: &Path, bytes: usize) {
    let mut parts = chunks(&[b"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"]);
    parts.extend(repeat(vec![b'x'; 1 << 16], bytes >> 16));
    parts.push(b"</t></is></c></row></sheetData></worksheet>".to_vec());
    xlsx(p, Box::new(parts.into_iter()), None, None, 1);
}

fn options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .large_file(true)
}

/// An xlsx: one sheet (or the given sheets and relationships), written to `parts` parts
/// (sheet1.xml, and that many copies of it), and a shared-string table when given.
fn xlsx(
    path: &Path,
    sheet: Chunks,
    shared: Option<Chunks>,
    sheets: Option<(String, String)>,
    parts: usize,
) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = options();
    let (sheets, rels) = sheets.unwrap_or_else(|| {
        (
            "<sheet name=\"Plan\" sheetId=\"1\" r:id=\"rId1\"/>".into(),
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>".into(),
        )
    });
    let shared_rel = if shared.is_some() {
        "<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    } else {
        ""
    };
    let small: [(&str, String); 4] = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#.into()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into()),
        ("xl/workbook.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>"#)),
        ("xl/_rels/workbook.xml.rels", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}{shared_rel}</Relationships>"#)),
    ];
    for (name, text) in small {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let mut first = Vec::new();
    for chunk in sheet {
        zip.write_all(&chunk).unwrap();
        if parts > 1 {
            first.extend_from_slice(&chunk);
        }
    }
    for i in 2..=parts {
        zip.start_file(format!("xl/worksheets/sheet{i}.xml"), opts)
            .unwrap();
        zip.write_all(&first).unwrap();
    }
    if let Some(shared) = shared {
        zip.start_file("xl/sharedStrings.xml", opts).unwrap();
        for chunk in shared {
            zip.write_all(&chunk).unwrap();
        }
    }
    zip.finish().unwrap();
}

/// An ods content.xml (or flat ods) whose one cell holds `bytes` of text.
fn ods_content(bytes: usize) -> Vec<Vec<u8>> {
    let mut parts = chunks(&[br#"<?xml version="1.0" encoding="UTF-8"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet><table:table table:name="Plan"><table:table-row><table:table-cell office:value-type="string"><text:p>"#]);
    parts.extend(repeat(vec![b'x'; 1 << 16], bytes >> 16));
    parts.push(b"</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document>".to_vec());
    parts
}

fn ods_cell(p: &Path, bytes: usize) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(p).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", options()).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", options()).unwrap();
    for part in ods_content(bytes) {
        zip.write_all(&part).unwrap();
    }
    zip.finish().unwrap();
}

/// A small xlsx for the tests at each limit's edge: `sheets` sheets (all the same part)
/// whose sheetData is `rows`, and a shared-string table when given.
pub fn small_xlsx(path: &Path, rows: &str, shared: Option<&str>, sheets: usize) {
    let names: String = (1..=sheets)
        .map(|i| format!("<sheet name=\"S{i}\" sheetId=\"{i}\" r:id=\"rId{i}\"/>"))
        .collect();
    let rels: String = (1..=sheets)
        .map(|i| format!("<Relationship Id=\"rId{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"))
        .collect();
    let shared = shared.map(|s| once(s.as_bytes()));
    xlsx(
        path,
        sheet(std::iter::once(rows.as_bytes().to_vec())),
        shared,
        Some((names, rels)),
        sheets,
    );
}

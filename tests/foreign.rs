//! Files written by other software (Excel, LibreOffice, POI, SheetJS, PhpSpreadsheet,
//! rust_xlsxwriter, fuzzers), committed under fixtures/foreign/ with their origin in
//! fixtures/README.md: what igp says of each.

mod common;

use common::fixture;
use igp::read::{self, grid::Grid, sniff, Limits};

/// What igp makes of a file: its sheets and first values, or the reason it refuses it.
fn outcome(file: &str) -> Result<Vec<Grid>, String> {
    let path = fixture(&format!("foreign/{file}"));
    let limits = Limits::default();
    let bytes = read::read_bytes(&path, &limits).map_err(|e| e.reason())?;
    let kind = sniff::sniff(&bytes)?;
    read::read_grids(&path, &bytes, kind, &limits).map_err(|e| e.reason())
}

fn summary(grids: &[Grid]) -> String {
    grids
        .iter()
        .map(|g| {
            let first = g
                .rows()
                .flat_map(|(r, row)| row.iter().map(move |(c, v)| (r, *c, v.display())))
                .next();
            format!("{} {:?}", g.name, first)
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Read: each worksheet's name and its first value as (row, column, text), in sheet order.
type Sheets = &'static [(&'static str, Option<(u32, u32, &'static str)>)];

/// Each sheet's name and first value, as read.
type Seen = Vec<(String, Option<(u32, u32, String)>)>;

enum Says {
    Reads(Sheets),
    Refuses(&'static str),
}
use Says::{Reads, Refuses};

const PASSWORD: &str = "the workbook is password-protected; save an unprotected copy and try again";
const SAVE_AS: &str = "save it as Excel Workbook (.xlsx) and check that";

const FILES: &[(&str, Says)] = &[
    // A chart sheet is skipped; the worksheets still read (calamine, POI, rust_xlsxwriter).
    ("calamine/any_sheets.xlsx", Reads(&[("Visible", Some((0, 0, "1"))), ("Hidden", None), ("VeryHidden", None)])),
    ("calamine/any_sheets.xlsb", Reads(&[("Visible", Some((0, 0, "1"))), ("Hidden", None), ("VeryHidden", None)])),
    ("calamine/any_sheets.ods", Reads(&[("Visible", Some((0, 0, "1"))), ("Hidden", None), ("VeryHidden", None), ("Chart", None)])),
    ("rust_xlsxwriter/chartsheet01.xlsx", Reads(&[("Sheet1", Some((0, 0, "1")))])),
    ("poi/WithChartSheet.xlsx", Reads(&[
        ("Sheet1", Some((0, 0, "Year"))), ("Sheet6", Some((2, 1, "Year"))),
        ("Sheet5", Some((2, 1, "Column Labels"))), ("Sheet4", Some((2, 1, "Values"))),
        ("Sheet3", Some((2, 2, "Category"))), ("Sheet2", Some((2, 0, "Year"))),
    ])),
    ("poi/WithChart.xls", Reads(&[("Sheet1", Some((0, 0, "1"))), ("Sheet2", None), ("Sheet3", None)])),
    // Chart and macro sheets of an xls skipped (a dialog sheet is a worksheet to calamine).
    ("sheetjs/BlankSheetTypes.xls", Reads(&[("Sheet1", None), ("Dialog1", None)])),
    // calamine refuses a whole xlsx or xlsb with a macro sheet: relabelled, then skipped.
    ("sheetjs/BlankSheetTypes.xlsm", Reads(&[("Sheet1", None)])),
    ("sheetjs/BlankSheetTypes.xlsb", Reads(&[("Sheet1", None)])),
    // XML parts in UTF-16 (big-endian, no BOM), rewritten in UTF-8.
    ("phpspreadsheet/utf16be.xlsx", Reads(&[("Sheet1", Some((0, 0, "1")))])),
    // An ods without its mimetype part, as LibreOffice opens it.
    ("phpspreadsheet/nomimetype.ods", Reads(&[("Sheet1", Some((0, 0, "Hello")))])),
    // A code page encoding_rs lacks (Mac Central European): read as Windows-1252, so the
    // ASCII is right and "Ä" shows as "€".
    ("phpspreadsheet/maccentraleurope.biff5.xls", Reads(&[("€rkusz1", Some((0, 0, "NumerPolisy")))])),
    // Zip layouts Excel opens: backslash part names, the workbook part elsewhere.
    ("poi/49609.xlsx", Reads(&[("FAM", Some((0, 1, "Cycle"))), ("VIC", Some((0, 1, "Cycle")))])),
    ("phpspreadsheet/Zip-Windows-Directory-Separator.xlsx", Reads(&[("Sheet", Some((0, 0, "Key ID")))])),
    ("calamine/issue_530.xlsx", Reads(&[("出勤分类组织汇总表", Some((0, 0, "报表导出人：")))])),
    ("calamine/minimal_package.xlsx", Reads(&[("Sheet1", Some((0, 0, "ARREST BOOKINGS for 01/30/17")))])),
    ("phpspreadsheet/rootZipFiles.xlsx", Reads(&[("Data", Some((0, 0, "TEST CELL")))])),
    ("sheetjs/wtf_path.xlsx", Reads(&[("SheetJS", Some((0, 0, "1"))), ("Hidden", Some((0, 0, "H")))])),
    // ods with line breaks between a row's cells, and flat ods.
    ("phpspreadsheet/RepeatedDataCells.ods", Reads(&[("Sheet1", Some((0, 0, "TestA")))])),
    ("phpspreadsheet/issue.804.ods", Reads(&[("Report", Some((0, 0, "Name")))])),
    ("sheetjs/LO7322.fods", Reads(&[("Sheet1", Some((0, 0, "1.2345")))])),
    // Excel 95 (BIFF5 in a compound file) reads.
    ("poi/testEXCEL_95.xls", Reads(&[
        ("Feuil1", Some((0, 0, "Sample Excel Worksheet - Numbers and their Squares"))),
        ("Feuil2", None), ("Feuil3", None),
    ])),
    // Text in UTF-32 (with and without BOM), UTF-16 without BOM, Windows-1252.
    ("phpspreadsheet/premiere.utf32be.csv", Reads(&[("premiere.utf32be.csv", Some((0, 0, "première")))])),
    ("phpspreadsheet/premiere.utf32le.csv", Reads(&[("premiere.utf32le.csv", Some((0, 0, "première")))])),
    ("phpspreadsheet/premiere.utf32lebom.csv", Reads(&[("premiere.utf32lebom.csv", Some((0, 0, "première")))])),
    ("phpspreadsheet/premiere.utf16le.csv", Reads(&[("premiere.utf16le.csv", Some((0, 0, "première")))])),
    ("phpspreadsheet/premiere.win1252.csv", Reads(&[("premiere.win1252.csv", Some((0, 0, "première")))])),
    // A sector chain that loops (1 KiB; calamine alone asks for 17 GB and aborts).
    ("phpspreadsheet/oleloop.xls", Refuses("a damaged xls workbook (more allocation sectors than the file has); open it in Excel or LibreOffice and save it again")),
    // Cells at the corners of A1:IV65536 (calamine alone takes 1 GiB) and scattered over
    // 32,770 rows (380 MB): read in bands (`cells_far_apart_are_read_in_bounded_passes`).
    ("poi/51535.xls", Reads(&[("Sheet1", Some((0, 0, "Top Left Cell"))), ("Sheet2", None), ("Sheet3", None)])),
    ("poi/SharedFormulaTest.xls", Reads(&[("0", Some((0, 0, "1")))])),
    // Every kind of password: XOR and RC4 (CryptoAPI) xls, OOXML encryption.
    ("poi/xor-encryption-abc.xls", Refuses(PASSWORD)),
    ("sheetjs/password_2002_40_xor.xls", Refuses(PASSWORD)),
    ("sheetjs/password_2002_40_basecrypto.xls", Refuses(PASSWORD)),
    ("poi/password.xls", Refuses(PASSWORD)),
    ("calamine/pass_protected.ods", Refuses(PASSWORD)),
    ("poi/protected_passtika.xlsx", Refuses("the workbook is password-protected (encrypted); save an unprotected copy and try again")),
    // Formats out of reach, named with what to do.
    // Excel 3 and 4 worksheets (bare BIFF3 and BIFF4 streams) read.
    ("poi/testEXCEL_3.xls", Reads(&[("Sheet1", Some((0, 0, "Table C-13--Lemons: Utilization of production, by State, 1977/78 to date")))])),
    ("poi/testEXCEL_4.xls", Reads(&[("Sheet1", Some((0, 0, "Table 10 -- Examination Coverage:  Recommended and Average Recommended Additional Tax After")))])),
    // SYLK read (the sheet is named after the file, as LibreOffice names it).
    ("phpspreadsheet/issue.2276.slk", Reads(&[("issue.2276.slk", Some((0, 0, "1")))])),
    ("sheetjs/ErrorTypes.slk", Reads(&[("ErrorTypes.slk", Some((0, 0, "Error")))])),
    // Excel 2003 XML (SpreadsheetML) read; a broken one named.
    ("phpspreadsheet/ArrayFormula.xml", Reads(&[("Sheet1", Some((0, 0, "a")))])),
    ("poi/SampleSS.xml", Reads(&[("First Sheet", Some((0, 0, "Test spreadsheet"))), ("Sheet Number 2", Some((0, 0, "Start of 2nd sheet"))), ("Sheet3", None)])),
    ("phpspreadsheet/CorruptedXmlFile.xml", Refuses("an Excel 2003 XML spreadsheet (SpreadsheetML) that is not well-formed XML (ill-formed document: expected `</CORRUPTED>`, but `</Workbook>` was found): open it in Excel or LibreOffice, save it as Excel Workbook (.xlsx) and check that")),
    ("sheetjs/minimal_112.numbers", Refuses("an Apple Numbers file: export it as Excel (File ▸ Export To ▸ Excel) and check that")),
    ("sheetjs/q9test.qpw", Refuses("a Quattro Pro spreadsheet: open it in LibreOffice")),
];

#[test]
fn igp_says_of_each_foreign_file_what_it_is() {
    if std::env::var_os("IGP_PRINT_FOREIGN").is_some() {
        for (file, _) in FILES {
            match outcome(file) {
                Ok(g) => println!("{file}\tREAD\t{}", summary(&g)),
                Err(e) => println!("{file}\tREFUSED\t{e}"),
            }
        }
    }
    for (file, says) in FILES {
        match (outcome(file), says) {
            (Ok(grids), Reads(sheets)) => {
                let got: Seen = grids
                    .iter()
                    .map(|g| {
                        let first = g
                            .rows()
                            .flat_map(|(r, row)| row.iter().map(move |(c, v)| (r, *c, v.display())))
                            .next();
                        (g.name.clone(), first)
                    })
                    .collect();
                let want: Seen = sheets
                    .iter()
                    .map(|(n, v)| (n.to_string(), v.map(|(r, c, t)| (r, c, t.to_string()))))
                    .collect();
                assert_eq!(got, want, "{file}");
            }
            (Err(reason), Refuses(want)) => {
                assert!(reason.starts_with(want), "{file}: {reason}");
                assert!(
                    !reason.contains("{ ") && !reason.contains("Some("),
                    "{file}: {reason}"
                );
                if reason.contains("save it as") {
                    assert!(reason.ends_with(SAVE_AS), "{file}: {reason}");
                }
            }
            (Ok(grids), Refuses(want)) => {
                panic!("{file}: read {} sheets, expected: {want}", grids.len())
            }
            (Err(reason), Reads(_)) => panic!("{file}: refused: {reason}"),
        }
    }
}

/// The cells of an xls that span far more than they hold are all read, each in its place,
/// though no pass may build a range of more than the limits (so never the 16.7 million
/// cells of A1:IV65536, 1 GiB in calamine): a limit of 1,000 cells still reads them.
#[test]
fn cells_far_apart_are_read_in_bounded_passes() {
    let path = fixture("foreign/poi/51535.xls");
    let limits = Limits {
        max_cells: 1_000,
        ..Limits::default()
    };
    let bytes = read::read_bytes(&path, &limits).unwrap();
    let grids = read::read_grids(&path, &bytes, sniff::Kind::Xls, &limits).unwrap();
    let cells: Vec<(u32, u32, String)> = grids[0]
        .rows()
        .flat_map(|(r, row)| row.iter().map(move |(c, v)| (r, *c, v.display())))
        .collect();
    assert_eq!(
        cells,
        [
            (0, 0, "Top Left Cell".to_string()),
            (0, 255, "Top Right Cell".to_string()),
            (65535, 0, "Bottom Left Cell".to_string()),
            (65535, 255, "Bottom Right Cell".to_string()),
        ]
    );
    // 64 numbers over rows 1 to 32,770 and columns A to DZ, as xlrd reads them.
    let path = fixture("foreign/poi/SharedFormulaTest.xls");
    let bytes = read::read_bytes(&path, &limits).unwrap();
    let grids = read::read_grids(&path, &bytes, sniff::Kind::Xls, &limits).unwrap();
    let g = &grids[0];
    assert_eq!(g.len(), 64);
    assert_eq!(g.get(0, 128).map(|v| v.display()), Some("2".to_string()));
    assert_eq!(g.get(32769, 7).map(|v| v.display()), Some("8".to_string()));
}

/// Every committed foreign file is in the table above, and its origin in fixtures/README.md.
#[test]
fn every_foreign_file_is_listed_with_its_origin() {
    let root = fixture("foreign");
    let readme = std::fs::read_to_string(fixture("README.md")).unwrap();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            let name = f.strip_prefix(&root).unwrap().display().to_string();
            assert!(
                FILES.iter().any(|(n, _)| *n == name),
                "{name} has no expectation"
            );
            assert!(
                readme.contains(&format!("`{name}`")),
                "{name} has no origin in fixtures/README.md"
            );
        }
    }
}

/// A folder check over all of them ends normally with one report (a batch never dies
/// for one file), and the looping compound file is one S001 in it.
#[test]
fn a_folder_of_foreign_files_is_checked_to_the_end() {
    let out = common::igp(&fixture("foreign"))
        .args(["check", ".", "--format", "json"])
        .output()
        .unwrap();
    let code = out.status.code().expect("not killed by a signal");
    assert_eq!(code, 1, "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let plans = report["plans"].as_array().unwrap();
    let oleloop = plans
        .iter()
        .find(|p| p["path"].as_str().unwrap().ends_with("oleloop.xls"))
        .expect("oleloop.xls is in the report");
    assert_eq!(oleloop["findings"][0]["code"], "S001");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

//! Hostile input and safe output: files generated here (too large or too odd to commit)
//! must each end within seconds, in bounded memory, with exit 0, 1 or 2 and never a
//! panic; outputs never damage a file.

mod common;

use common::igp;
use predicates::prelude::*;
use std::io::Write;
use std::path::Path;

/// Runs `igp check` and `igp convert` on `file`: no panic, a known exit code, stderr of
/// at most one line per problem.
fn survives(dir: &Path, file: &str) {
    let out = igp(dir)
        .args(["check", file, "--format", "json"])
        .output()
        .unwrap();
    let code = out.status.code().expect("not killed by a signal");
    assert!(code == 0 || code == 1, "{file}: check exited {code}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{file}: {stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["plans"], 1);

    let out = igp(dir)
        .args(["convert", file, "-o", "out.json", "--force"])
        .output()
        .unwrap();
    let code = out.status.code().expect("not killed by a signal");
    assert!(code == 0 || code == 2, "{file}: convert exited {code}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{file}: {stderr}");
    if code == 2 {
        assert_eq!(
            stderr.lines().filter(|l| l.starts_with("error:")).count(),
            1,
            "{file}: {stderr}"
        );
        assert!(stderr.contains(file), "{file}: {stderr}");
    }
}

/// A zip with the given entries, written with the zip crate.
fn zip_file(path: &Path, entries: &[(&str, &[u8])]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap();
}

/// The parts of a minimal xlsx around one sheet's XML.
fn xlsx_with_sheet(path: &Path, sheet: &[u8], shared: Option<&[u8]>) {
    let content_types = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    let rels = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let workbook = br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let wb_rels: &[u8] = if shared.is_some() {
        br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
    } else {
        br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
    };
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", wb_rels),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(s) = shared {
        entries.push(("xl/sharedStrings.xml", s));
    }
    zip_file(path, &entries);
}

#[test]
fn random_bytes_under_every_extension() {
    let dir = tempfile::tempdir().unwrap();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for ext in [
        "xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv", "txt", "json",
    ] {
        let bytes: Vec<u8> = (0..8192)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        let name = format!("random.{ext}");
        std::fs::write(dir.path().join(&name), bytes).unwrap();
        survives(dir.path(), &name);
    }
}

#[test]
fn odd_text_nul_bytes_invalid_utf8_unclosed_quotes_and_bad_json() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8]); 6] = [
        ("nul.csv", b"Skill,Steps\x00,x\nA,\x00\x00\x00\n"),
        ("invalid-utf8.csv", b"Skill/Behavior,Action steps,Network,Challenges\n\xff\xfe\xfd caf\xe9,\xc3\x28,x,y\n"),
        ("unclosed.csv", b"Skill/Behavior,Action steps,Network,Challenges\n\"Public speaking,2 talks by May,x,y\n"),
        ("bad.json", b"{\"schema_version\": 1, \"goals\": 7}"),
        ("future.json", b"{\"schema_version\": 99}"),
        ("only-bom.csv", b"\xef\xbb\xbf"),
    ];
    for (name, bytes) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        survives(dir.path(), name);
    }
}

#[test]
fn a_zip_that_is_not_a_workbook_and_a_damaged_workbook() {
    let dir = tempfile::tempdir().unwrap();
    zip_file(&dir.path().join("notes.xlsx"), &[("notes.txt", b"hello")]);
    survives(dir.path(), "notes.xlsx");
    xlsx_with_sheet(
        &dir.path().join("broken.xlsx"),
        b"<worksheet><sheetData><row><c r=\"A1\" t=\"s\"><v>99</v></c>",
        None,
    );
    survives(dir.path(), "broken.xlsx");
}

#[test]
fn entity_expansion_is_not_expanded() {
    let dir = tempfile::tempdir().unwrap();
    let mut doctype = String::from("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    doctype.push_str("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
    for i in 2..10 {
        doctype.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&lol{};", i - 1).repeat(10)
        ));
    }
    doctype.push_str("]>");
    let shared = format!("{doctype}<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&lol9;</t></si></sst>");
    let sheet = br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#;
    xlsx_with_sheet(
        &dir.path().join("lolz.xlsx"),
        sheet,
        Some(shared.as_bytes()),
    );
    survives(dir.path(), "lolz.xlsx");
}

#[test]
fn a_20_mb_cell_and_a_300000_row_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = std::fs::File::create(dir.path().join("big-cell.csv")).unwrap();
    writeln!(
        f,
        "Skill/Behavior,Resources,Career goals,Action steps,Network,Challenges"
    )
    .unwrap();
    write!(f, "Public speaking,\"").unwrap();
    let chunk = "word ".repeat(1000);
    for _ in 0..(20 * 1024 * 1024 / chunk.len()) {
        f.write_all(chunk.as_bytes()).unwrap();
    }
    writeln!(f, "\",x,2 talks by June,y,z").unwrap();
    drop(f);
    survives(dir.path(), "big-cell.csv");

    let mut f =
        std::io::BufWriter::new(std::fs::File::create(dir.path().join("rows.csv")).unwrap());
    writeln!(
        f,
        "Skill/Behavior,Resources,Career goals,Action steps,Network,Challenges"
    )
    .unwrap();
    for i in 0..300_000 {
        writeln!(f, "Skill {i},r,c,Give {i} talks by June,n,x").unwrap();
    }
    drop(f);
    survives(dir.path(), "rows.csv");
}

#[test]
fn password_protected_workbooks() {
    let root = common::root();
    let out = igp(&root)
        .args(["check", "fixtures/bad/protected.xlsx", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["plans"][0]["findings"][0]["code"], "S001");
    assert!(v["plans"][0]["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("password-protected"));
}

#[test]
fn a_failed_write_leaves_the_previous_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    // A plan whose one cell is over Excel's limit of 32,767 characters: xlsx cannot hold it.
    let long = "x".repeat(40_000);
    std::fs::write(
        dir.path().join("long.csv"),
        format!("Skill/Behavior,Resources,Career goals,Action steps,Network,Challenges\n{long},r,c,2 talks by June,n,x\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join("plan.xlsx"), b"the previous file").unwrap();
    // Without --force the file is refused before anything is read; with it, the write fails.
    igp(dir.path())
        .args(["convert", "long.csv", "-o", "plan.xlsx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("plan.xlsx: already exists"));
    igp(dir.path())
        .args(["convert", "long.csv", "-o", "plan.xlsx", "--force"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("plan.xlsx: cannot write"));
    assert_eq!(
        std::fs::read(dir.path().join("plan.xlsx")).unwrap(),
        b"the previous file"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
}

#[test]
fn plan_text_never_becomes_a_formula_in_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("inject.csv"),
        "Name,\"=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\"\nSkill/Behavior,Resources,Career goals,Action steps,Network,Challenges\n=1+1,+SUM(A1),-2,@cmd,\"=cmd|' /C calc'!A0\",x\n",
    )
    .unwrap();
    igp(dir.path())
        .args(["convert", "inject.csv", "-o", "out.xlsx"])
        .assert()
        .success();
    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(dir.path().join("out.xlsx")).unwrap()).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert!(
        !sheet.contains("<f>") && !sheet.contains("<f "),
        "a formula was written"
    );
    let back = igp::read::read_plan(&[dir.path().join("out.xlsx")], &Default::default()).unwrap();
    assert_eq!(
        back.plan.owner.name.as_deref(),
        Some("=HYPERLINK(\"http://evil\",\"click\")")
    );
    assert_eq!(back.plan.goals[0].skill.as_deref(), Some("=1+1"));
}

#[cfg(target_os = "linux")]
#[test]
fn devices_are_written_to_not_replaced_and_a_full_disk_is_an_error() {
    use std::os::unix::fs::FileTypeExt;
    let root = common::root();
    igp(&root)
        .args([
            "convert",
            "fixtures/team/alex-chen.xlsx",
            "-o",
            "/dev/null",
            "--to",
            "json",
        ])
        .assert()
        .success();
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    if Path::new("/dev/full").exists() {
        igp(&root)
            .args(["check", "fixtures/team", "-o", "/dev/full"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "/dev/full: cannot write the report",
            ));
        assert!(std::fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device());
    }
}

#[test]
fn a_reader_panic_on_a_damaged_workbook_is_a_finding_not_a_crash() {
    // Found by fuzzing (fuzz/regressions): calamine's xls reader indexes out of bounds.
    let dir = tempfile::tempdir().unwrap();
    let root = common::root();
    for entry in std::fs::read_dir(root.join("fuzz/regressions")).unwrap() {
        let path = entry.unwrap().path();
        let name = format!("{}.xls", path.file_name().unwrap().to_string_lossy());
        std::fs::copy(&path, dir.path().join(&name)).unwrap();
        survives(dir.path(), &name);
    }
    std::fs::copy(
        root.join("fuzz/regressions/crash-d109698701d8b301a5392b727b26dbde9fca1e05"),
        dir.path().join("damaged.xls"),
    )
    .unwrap();
    igp(dir.path())
        .args(["check", "damaged.xls"])
        .assert()
        .code(1)
        // The compound-file check (src/read/cfb.rs) now finds this file's chain past the
        // end before calamine can panic on it; either way, one S001 that says "damaged".
        .stdout(predicate::str::contains("error[S001]: a damaged"))
        .stderr(predicate::str::is_empty());
}

#[path = "common/hostile_files.rs"]
mod hostile_files;

/// Each file made to hurt (tests/common/hostile_files.rs; bench/hostile.sh measures what
/// each costs) is one S001 finding that names the limit it is over and the flag that
/// raises it; the plan-like one is read.
#[test]
fn files_made_to_hurt_are_refused_at_the_limit_they_are_over() {
    let dir = tempfile::tempdir().unwrap();
    for file in hostile_files::all() {
        if file.expect == hostile_files::Expect::ReadInBench {
            continue;
        }
        file.write(dir.path());
        let v = common::check_json(dir.path(), &[file.name]);
        let findings = v["plans"][0]["findings"].as_array().unwrap().clone();
        let s001: Vec<&str> = findings
            .iter()
            .filter(|f| f["code"] == "S001")
            .map(|f| f["message"].as_str().unwrap())
            .collect();
        match file.expect {
            hostile_files::Expect::Refused(flag) => {
                assert_eq!(s001.len(), 1, "{}: {findings:?}", file.name);
                assert_eq!(findings.len(), 1, "{}: {findings:?}", file.name);
                assert!(
                    s001[0].contains(&format!("raise it with {flag} ")),
                    "{}: {}",
                    file.name,
                    s001[0]
                );
            }
            _ => assert!(s001.is_empty(), "{}: {s001:?}", file.name),
        }
        std::fs::remove_file(dir.path().join(file.name)).unwrap();
    }
}

/// What reading `file` under `limits` gives: the sheets read, or the flag of the limit.
fn under(file: &Path, limits: &igp::read::Limits) -> Result<usize, String> {
    let bytes = std::fs::read(file).unwrap();
    let kind = igp::read::sniff::sniff(&bytes).unwrap();
    match igp::read::read_grids(file, &bytes, kind, limits) {
        Ok(grids) => Ok(grids.len()),
        // Refused before reading (TooLarge) or by the reader as it counts (Unreadable):
        // either way, the message names the flag.
        Err(e) => match e.to_string().split_once("raise it with ") {
            Some((_, flag)) => Err(flag.split_whitespace().next().unwrap().to_string()),
            None => panic!("{}: {e}", file.display()),
        },
    }
}

/// Every limit at its edge: a file at the limit is read, one past it refused, in each
/// format the limit is checked in.
#[test]
fn each_limit_at_its_edge() {
    use igp::read::Limits;
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    let at = |limits: Limits, file: &Path, flag: &str, edit: &dyn Fn(&mut Limits)| {
        let mut one_less = limits;
        edit(&mut one_less);
        assert!(under(file, &limits).is_ok(), "{}: {flag}", file.display());
        assert_eq!(
            under(file, &one_less),
            Err(flag.to_string()),
            "{}",
            file.display()
        );
    };
    let d = Limits::default();

    // One cell's length: 10 characters (an entity and a two-byte letter are one each).
    let ten = "é&amp;3456789<![CDATA[0]]>";
    hostile_files::small_xlsx(
        &path("inline.xlsx"),
        &format!("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{ten}</t></is></c></row>"),
        None,
        1,
    );
    hostile_files::small_xlsx(
        &path("shared.xlsx"),
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>",
        Some("<sst><si><r><t>01234</t></r><r><t>56789</t></r></si></sst>"),
        1,
    );
    std::fs::write(path("cell.csv"), "a,\"0123456789\"\n").unwrap();
    let cell = Limits {
        max_cell_chars: 10,
        ..d
    };
    for f in ["inline.xlsx", "shared.xlsx", "cell.csv"] {
        at(cell, &path(f), "--max-cell-length", &|l| {
            l.max_cell_chars -= 1
        });
    }

    // Shared strings: 3, and the table's own count of them.
    let sst = |n: usize, unique: usize| {
        format!(
            "<sst uniqueCount=\"{unique}\">{}</sst>",
            "<si><t>a</t></si>".repeat(n)
        )
    };
    let a1 = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>";
    hostile_files::small_xlsx(&path("sst.xlsx"), a1, Some(&sst(3, 3)), 1);
    hostile_files::small_xlsx(&path("sst-says.xlsx"), a1, Some(&sst(1, 3)), 1);
    let strings = Limits {
        max_shared_strings: 3,
        ..d
    };
    for f in ["sst.xlsx", "sst-says.xlsx"] {
        at(strings, &path(f), "--max-shared-strings", &|l| {
            l.max_shared_strings -= 1
        });
    }

    // The shared strings' bytes and the unpacked size, as the zip declares them.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path("sst.xlsx")).unwrap()).unwrap();
    let sizes: Vec<u64> = (0..zip.len())
        .map(|i| zip.by_index_raw(i).unwrap().size())
        .collect();
    let sst_size = zip.by_name("xl/sharedStrings.xml").unwrap().size();
    let bytes = Limits {
        max_shared_bytes: sst_size,
        ..d
    };
    at(
        bytes,
        &path("sst.xlsx"),
        "--max-shared-strings-size",
        &|l| l.max_shared_bytes -= 1,
    );
    let unpacked = Limits {
        max_unpacked_bytes: sizes.iter().sum(),
        ..d
    };
    at(unpacked, &path("sst.xlsx"), "--max-unpacked-size", &|l| {
        l.max_unpacked_bytes -= 1
    });

    // Sheets: 3.
    hostile_files::small_xlsx(&path("sheets.xlsx"), a1, Some(&sst(1, 1)), 3);
    let sheets = Limits { max_sheets: 3, ..d };
    assert_eq!(under(&path("sheets.xlsx"), &sheets), Ok(3));
    at(sheets, &path("sheets.xlsx"), "--max-sheets", &|l| {
        l.max_sheets -= 1
    });

    // Cells: 4, in a sheet and in a CSV.
    let four = "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row><row r=\"2\"><c r=\"A2\"><v>3</v></c><c r=\"B2\"><v>4</v></c></row>";
    hostile_files::small_xlsx(&path("cells.xlsx"), four, None, 1);
    std::fs::write(path("cells.csv"), "1,2\n3,4\n").unwrap();
    let cells = Limits { max_cells: 4, ..d };
    for f in ["cells.xlsx", "cells.csv"] {
        at(cells, &path(f), "--max-cells", &|l| l.max_cells -= 1);
    }

    // Nesting: worksheet, sheetData, row, c, is, t.
    let depth = Limits {
        max_xml_depth: 6,
        ..d
    };
    at(depth, &path("inline.xlsx"), "--max-xml-depth", &|l| {
        l.max_xml_depth -= 1
    });
}

/// The limits are flags of check (and convert) and settings of igp.toml.
#[test]
fn limits_are_flags_and_settings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.csv"),
        "Skill/Behavior,Resources,Career goals,Action steps,Network,Challenges\nPublic speaking,r,c,2 talks by June,n,x\n",
    )
    .unwrap();
    let s001 = |args: &[&str]| {
        let v = common::check_json(dir.path(), args);
        common::codes(&v["plans"][0]).contains(&"S001".to_string())
    };
    assert!(!s001(&["plan.csv"]));
    assert!(s001(&["plan.csv", "--max-cells", "11"]));
    assert!(!s001(&["plan.csv", "--max-cells", "12"]));
    assert!(s001(&["plan.csv", "--max-cell-length", "14"]));
    std::fs::write(dir.path().join("igp.toml"), "[limits]\nmax_cells = 11\n").unwrap();
    assert!(s001(&["plan.csv"]));
    assert!(!s001(&["plan.csv", "--max-cells", "12"]));
    let help = igp(dir.path()).args(["check", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for flag in [
        "--max-file-size",
        "--max-unpacked-size",
        "--max-cell-length",
        "--max-shared-strings",
        "--max-shared-strings-size",
        "--max-cells",
        "--max-sheets",
        "--max-xml-depth",
    ] {
        assert!(help.contains(flag), "{flag}");
    }
}

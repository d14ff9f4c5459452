//! `igp convert`, run as a user runs it: the real binary in a fresh temporary folder.

mod common;

use common::{fixture, igp};
use predicates::prelude::*;
use std::io::Write;

#[test]
fn json_to_stdout_is_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let out = igp(dir.path())
        .args(["convert"])
        .arg(fixture("plans/zoe-libreoffice.ods"))
        .args(["-o", "-"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["source"]["format"], "ods");
    assert_eq!(v["owner"]["name"], "Zoë Álvarez");
    assert_eq!(v["owner"]["team"], "Payments");
    assert_eq!(v["role"]["direction"], "aspiring_manager");
    assert_eq!(
        v["goals"][0]["action_steps"][1],
        "Join Toastmasters and attend weekly"
    );
    assert_eq!(v["goals"][2]["network"], serde_json::Value::Null);
    assert_eq!(v["tracking"][1]["done"], true);
    assert_eq!(v["inspiration"][0]["cell"], "'Individual Growth Plan'!B11");
}

#[test]
fn every_output_format_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["xlsx", "csv", "json", "md", "html"] {
        let out = dir.path().join(format!("plan.{ext}"));
        igp(dir.path())
            .arg("convert")
            .arg(fixture("plans/zoe-google-sheets.csv"))
            .arg("-o")
            .arg(&out)
            .assert()
            .success()
            .stderr(predicate::str::contains("wrote"));
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.len() > 500, "{ext}");
    }
    let html = std::fs::read_to_string(dir.path().join("plan.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Zoë Álvarez") && html.contains("Public speaking"));
    assert!(html.contains("&quot;pairing Fridays&quot;"));
    // Self-contained: no scripts, no external resources.
    assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("<link"));
    let md = std::fs::read_to_string(dir.path().join("plan.md")).unwrap();
    assert!(md.contains("### Goal 2: Giving feedback"));
    assert!(md.contains("- [x] Select a format to track your progress."));
    // The written files are left, with no temporary file beside them.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 5, "{names:?}");
}

#[test]
fn xlsx_output_has_notes_on_the_goal_headers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.xlsx");
    igp(dir.path())
        .arg("convert")
        .arg(fixture("plans/zoe-moved-goals.xlsx"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let file = std::fs::File::open(&out).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut comments = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/comments1.xml").unwrap(), &mut comments)
        .unwrap();
    for col in igp::layout::GOAL_COLUMNS {
        assert!(comments.contains(col.description), "{}", col.key);
    }
    // The extra columns follow the six.
    let reading = igp::read::read_plan(&[out], &Default::default()).unwrap();
    assert_eq!(reading.plan.goals[0].cells["challenges"], "F26");
    assert_eq!(
        reading.plan.goals[0].extra["Status"].as_deref(),
        Some("In progress")
    );
}

#[test]
fn several_inputs_make_one_plan() {
    let dir = tempfile::tempdir().unwrap();
    let out = igp(dir.path())
        .arg("convert")
        .args(
            ["zoe-reflection.csv", "zoe-goals.csv", "zoe-tracking.csv"]
                .map(|f| fixture(&format!("tabs/{f}"))),
        )
        .args(["-o", "-", "--to", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["source"]["paths"].as_array().unwrap().len(), 3);
    assert_eq!(v["goals"].as_array().unwrap().len(), 3);
    assert_eq!(v["tracking"].as_array().unwrap().len(), 5);
}

#[test]
fn out_dir_converts_each_plan_and_keeps_clashing_names_apart() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(fixture("plans/zoe-openpyxl.xlsx"), inputs.join("a.xlsx")).unwrap();
    std::fs::copy(fixture("plans/zoe-google-sheets.csv"), inputs.join("a.csv")).unwrap();
    std::fs::copy(fixture("plans/zoe-libreoffice.ods"), inputs.join("b.ods")).unwrap();
    std::fs::write(inputs.join("~$a.xlsx"), b"lock").unwrap();
    std::fs::write(inputs.join("notes.pdf"), b"%PDF-1.4").unwrap();
    igp(dir.path())
        .args(["convert", "in", "--out-dir", "out", "--to", "json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("converted 3 of 3 plans"));
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.csv.json", "a.xlsx.json", "b.json"]);
}

#[test]
fn an_output_equal_to_an_input_is_refused_and_the_input_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("plan.csv");
    std::fs::copy(fixture("plans/zoe-google-sheets.csv"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    igp(dir.path())
        .args(["convert", "plan.csv", "-o", "./plan.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the output is one of the inputs"));
    assert_eq!(std::fs::read(&input).unwrap(), before);
    igp(dir.path())
        .args(["convert", "plan.csv", "--out-dir", ".", "--to", "csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("would overwrite the input"));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn bad_inputs_get_one_line_errors_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for (file, says) in [
        ("bad/report.pdf", "a PDF document"),
        ("bad/sign-in.csv", "an HTML page"),
        ("bad/photo.xlsx", "a PNG image"),
        ("bad/empty.xlsx", "the file is empty"),
        ("bad/random.xlsx", "binary data"),
        (
            "bad/not-a-workbook.xlsx",
            "a zip archive that is not a workbook",
        ),
        ("bad/protected.xlsx", "password-protected"),
        ("bad/truncated.xlsx", "damaged or truncated"),
    ] {
        let out = igp(dir.path())
            .arg("convert")
            .arg(fixture(file))
            .args(["-o", "out.json"])
            .assert()
            .code(2)
            .get_output()
            .clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{file}: {stderr}");
        assert!(
            stderr.starts_with("error: ") && stderr.contains(file) && stderr.contains(says),
            "{file}: {stderr}"
        );
        assert!(!dir.path().join("out.json").exists());
    }
}

#[test]
fn a_missing_file_and_bad_arguments_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    igp(dir.path())
        .args(["convert", "nope.xlsx", "-o", "x.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.xlsx: cannot read the file"));
    igp(dir.path())
        .args(["convert", "x.csv", "-o", "x.pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--to"));
    igp(dir.path()).args(["convert", "x.csv"]).assert().code(2);
}

#[test]
fn stdin_reads_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let csv = std::fs::read(fixture("plans/zoe-excel-european.csv")).unwrap();
    igp(dir.path())
        .args(["convert", "-", "-o", "-", "--to", "md"])
        .write_stdin(csv)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "# Individual Growth Plan: Zoë Álvarez",
        ));
}

#[test]
fn a_cell_at_xfd1048576_is_read_in_bounded_memory() {
    // A workbook whose used range claims the whole sheet: one cell at A1 and one at the
    // very last cell. Reading it must not allocate the range.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge-range.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in igp::layout::GOAL_COLUMNS.iter().enumerate() {
        ws.write_string(0, c as u16, h.header).unwrap();
    }
    ws.write_string(1, 0, "Public speaking").unwrap();
    ws.write_string(1_048_575, 16_383, "the last cell").unwrap();
    wb.save(&path).unwrap();
    let out = igp(dir.path())
        .args(["convert", "huge-range.xlsx", "-o", "-"])
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["goals"][0]["skill"], "Public speaking");
}

#[test]
fn a_workbook_that_unpacks_to_hundreds_of_megabytes_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.xlsx");
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    zip.start_file("xl/workbook.xml", opts).unwrap();
    zip.write_all(b"<workbook/>").unwrap();
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..300 {
        zip.write_all(&block).unwrap();
    }
    zip.finish().unwrap();
    igp(dir.path())
        .args(["convert", "bomb.xlsx", "-o", "x.json"])
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unpacked size is 300 MB, over the limit of 32 MB",
        ));
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut f = std::fs::File::create(&path).unwrap();
    let line = "x,".repeat(512) + "\n";
    for _ in 0..1100 {
        f.write_all(line.as_bytes()).unwrap();
    }
    drop(f);
    igp(dir.path())
        .args(["convert", "big.csv", "-o", "x.json", "--max-file-size", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "big.csv: the file's size is 1 MB, over the limit of 1 MB",
        ));
}

#[test]
fn schema_describes_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let out = igp(dir.path())
        .arg("schema")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    for field in [
        "schema_version",
        "source",
        "owner",
        "inspiration",
        "role",
        "goals",
        "tracking",
    ] {
        assert!(v["properties"][field].is_object(), "{field}");
    }
}

#[test]
fn every_command_has_help_with_an_example() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in ["convert", "template", "schema", "completions"] {
        igp(dir.path())
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("igp "));
    }
    igp(dir.path())
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("igp"));
}

#[test]
fn annotate_puts_findings_on_their_cells_and_in_a_findings_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("checked.xlsx");
    igp(dir.path())
        .arg("convert")
        .arg(fixture("team/bea-okafor.ods"))
        .arg("-o")
        .arg(&out)
        .args(["--annotate", "--as-of", "2026-06-01"])
        .assert()
        .success();
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["Individual Growth Plan", "Guide", "Findings"]
    );
    let findings = wb.worksheet_range("Findings").unwrap();
    assert_eq!(findings.height(), 1 + 8);
    // The TBD challenge of goal 1 (F26 in the canonical layout) is listed with where it was read.
    let rows: Vec<Vec<String>> = findings
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert!(
        rows.iter()
            .any(|r| r[1] == "G006" && r[4] == "F26" && r[5] == "'Individual Growth Plan'!F26"),
        "{rows:?}"
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut notes = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/comments1.xml").unwrap(), &mut notes)
        .unwrap();
    assert!(notes.contains("warning[G005] goal 1"), "{notes}");
    // The annotated workbook still reads as the same plan.
    let original =
        igp::read::read_plan(&[fixture("team/bea-okafor.ods")], &Default::default()).unwrap();
    let back = igp::read::read_plan(&[out], &Default::default()).unwrap();
    assert_eq!(back.plan.content(), original.plan.content());
    igp(dir.path())
        .arg("convert")
        .arg(fixture("team/bea-okafor.ods"))
        .args(["-o", "x.json", "--annotate"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--annotate"));
}

#[test]
fn out_dir_exits_2_when_one_input_of_many_fails_and_converts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(fixture("rules/clean.csv"), inputs.join("a.csv")).unwrap();
    std::fs::write(inputs.join("b.xlsx"), b"PK\x03\x04 not a workbook at all").unwrap();
    std::fs::copy(fixture("plans/zoe-libreoffice.ods"), inputs.join("c.ods")).unwrap();
    for jobs in ["1", "3"] {
        let out = format!("out{jobs}");
        igp(dir.path())
            .args([
                "convert",
                "in",
                "--out-dir",
                &out,
                "--to",
                "json",
                "-j",
                jobs,
            ])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("b.xlsx"))
            .stderr(predicate::str::contains("converted 2 of 3 plans"));
        let mut names: Vec<String> = std::fs::read_dir(dir.path().join(&out))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.json", "c.json"]);
    }
    // The same inputs without the bad one: exit 0.
    std::fs::remove_file(inputs.join("b.xlsx")).unwrap();
    igp(dir.path())
        .args(["convert", "in", "--out-dir", "ok", "--to", "json"])
        .assert()
        .success();
}

/// The notes of the first sheet of an xlsx: (cell, text).
fn notes(xlsx: &std::path::Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/comments1.xml").unwrap(), &mut xml).unwrap();
    let mut out = Vec::new();
    for part in xml.split("<comment ref=\"").skip(1) {
        let (cell, rest) = part.split_once('"').unwrap();
        let body = &rest[rest.find('>').unwrap() + 1..rest.find("</comment>").unwrap()];
        // The text runs of the note, tags dropped.
        let mut text = String::new();
        let mut in_tag = false;
        for c in body.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        out.push((cell.to_string(), text));
    }
    out
}

#[test]
fn annotate_puts_each_note_on_the_cell_its_finding_names() {
    // A plan with a finding on every kind of place: the owner block (P005, S008), a
    // reflection answer (P003), the direction (P004), a goal's field (G003), its steps
    // (G004, G008), an extra column (S005) and the checklist (P006).
    let dir = tempfile::tempdir().unwrap();
    let clean = std::fs::read_to_string(fixture("rules/clean.csv")).unwrap();
    let plan = clean
        .replace("Name,Rae Clean,", "Name,,")
        .replace("Last reviewed,5/15/2026,", "Last reviewed,soon,")
        .replace(
            "How do you like to learn?,Pairing.,",
            "How do you like to learn?,,",
        )
        .replace(
            "Growth direction,IC growing in your role,",
            "Growth direction,,",
        )
        .replace(
            "Role I'm growing toward,Tech Lead,",
            "Role I'm growing toward,,",
        )
        .replace("?,Stay.,", "?,,")
        .replace("?,\"No, not yet.\",", "?,,")
        .replace("?,Yes: API design.,", "?,,")
        .replace("Anticipated Challenges", "Anticipated Challenges,Status")
        .replace(
            "Pair with a new hire every week,Present at the October demo,",
            "\"Pair with a new hire every week\nRead 2 books\nShip the guide by 2026-02-01\",,",
        )
        .replace("TRUE,Select", "FALSE,Select");
    std::fs::write(dir.path().join("plan.csv"), &plan).unwrap();
    igp(dir.path())
        .args([
            "convert",
            "plan.csv",
            "-o",
            "a.xlsx",
            "--annotate",
            "--as-of",
            "2026-06-01",
        ])
        .assert()
        .success();
    // What the annotated workbook's own reading finds, and where: the reader locates each
    // answer in the written sheet by its label, independently of the writer's placing.
    let out = dir.path().join("a.xlsx");
    let reading = igp::read::read_plan(std::slice::from_ref(&out), &Default::default()).unwrap();
    let settings = igp::rules::Settings {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        ..Default::default()
    };
    let findings: Vec<_> = igp::rules::check(&reading, &settings)
        .into_iter()
        .filter(|f| f.target.is_some())
        .collect();
    let mut codes: Vec<&str> = findings.iter().map(|f| f.code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(
        codes,
        ["G003", "G004", "G005", "G008", "P003", "P004", "P005", "P006", "S005", "S008"],
        "{findings:?}"
    );
    let notes = notes(&out);
    for f in &findings {
        assert_eq!(f.sheet.as_deref(), Some("Individual Growth Plan"));
        let cell = f.cell.as_deref().unwrap();
        let tag = format!("{}[{}]", f.severity, f.code);
        assert!(
            notes
                .iter()
                .any(|(c, text)| c == cell && text.contains(&tag)),
            "{tag} at {cell}: {notes:?}"
        );
    }
    // No finding's note anywhere else (the goal headers keep the template's guidance notes).
    let finding_notes = notes.iter().filter(|(_, t)| {
        ["error[", "warning[", "info["]
            .iter()
            .any(|s| t.starts_with(s))
    });
    assert!(finding_notes.clone().count() >= 7, "{notes:?}");
    for (cell, text) in finding_notes {
        assert!(
            findings
                .iter()
                .any(|f| f.cell.as_deref() == Some(cell.as_str())),
            "a note on {cell} names no finding there: {text}"
        );
    }
}

#[test]
fn no_csv_guard_writes_formula_text_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let clean = std::fs::read_to_string(fixture("rules/clean.csv")).unwrap();
    let plan = clean.replace("Name,Rae Clean,", "Name,=1+1,");
    assert_ne!(plan, clean);
    std::fs::write(dir.path().join("p.csv"), plan).unwrap();
    igp(dir.path())
        .args(["convert", "p.csv", "-o", "guarded.csv"])
        .assert()
        .success();
    igp(dir.path())
        .args(["convert", "p.csv", "-o", "raw.csv", "--no-csv-guard"])
        .assert()
        .success();
    let guarded = std::fs::read_to_string(dir.path().join("guarded.csv")).unwrap();
    let raw = std::fs::read_to_string(dir.path().join("raw.csv")).unwrap();
    assert!(guarded.contains("\nName,'=1+1,"), "{guarded}");
    assert!(raw.contains("\nName,=1+1,"), "{raw}");
    assert!(!raw.contains("'=1+1"));
}

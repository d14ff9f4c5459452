//! The everyday path, as a new user walks it: several inputs, output files and their
//! permissions, missing files, output paths and extensions, files that are no plan, folder
//! walks, and the flags doing what `--help` says. Each test runs the real binary.

mod common;

use common::{fixture, igp, root};
use predicates::prelude::*;
use std::path::Path;

#[test]
fn two_plans_are_never_converted_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("both.json");
    igp(&root())
        .args([
            "convert",
            "fixtures/team/alex-chen.xlsx",
            "fixtures/team/dana-kim.xlsx",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "fixtures/team/alex-chen.xlsx and fixtures/team/dana-kim.xlsx are two plans, not the parts of one",
        ))
        .stderr(predicate::str::contains("--out-dir DIR"))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    assert!(!out.exists());
    // The tabs of one plan still read as one.
    let tabs = dir.path().join("tabs.json");
    igp(&root())
        .args([
            "convert",
            "fixtures/tabs/zoe-reflection.csv",
            "fixtures/tabs/zoe-goals.csv",
            "fixtures/tabs/zoe-tracking.csv",
            "-o",
        ])
        .arg(&tabs)
        .assert()
        .success();
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&tabs).unwrap()).unwrap();
    assert_eq!(plan["goals"].as_array().unwrap().len(), 3);
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn outputs_follow_the_umask_and_keep_an_overwritten_mode() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Every writer: template, convert -o, --out-dir, a report with -o, --summary.
    // Under umask 022 whatever the test runner's.
    let run = |args: &[&str]| {
        let status = std::process::Command::new("sh")
            .args([
                "-c",
                "umask 022 && exec \"$@\"",
                "sh",
                env!("CARGO_BIN_EXE_igp"),
            ])
            .args(args)
            .current_dir(root())
            .env("NO_COLOR", "1")
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.code().unwrap() <= 1, "{args:?}");
    };
    let path = |n: &str| d.join(n).to_string_lossy().into_owned();
    run(&["template", "-o", &path("t.xlsx")]);
    run(&[
        "convert",
        "fixtures/team/alex-chen.xlsx",
        "-o",
        &path("a.json"),
    ]);
    run(&[
        "convert",
        "fixtures/team/alex-chen.xlsx",
        "--out-dir",
        &path("out"),
        "--to",
        "csv",
    ]);
    run(&[
        "check",
        "fixtures/team",
        "-q",
        "-o",
        &path("r.json"),
        "--summary",
        &path("s.xlsx"),
    ]);
    for f in ["t.xlsx", "a.json", "out/alex-chen.csv", "r.json", "s.xlsx"] {
        assert_eq!(mode(&d.join(f)), 0o644, "{f}");
    }
    // An overwritten file keeps its mode.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(d.join("a.json"), std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(d.join("r.json"), std::fs::Permissions::from_mode(0o640)).unwrap();
    run(&[
        "convert",
        "fixtures/team/dana-kim.xlsx",
        "-o",
        &path("a.json"),
    ]);
    run(&["check", "fixtures/team", "-q", "-o", &path("r.json")]);
    assert_eq!(mode(&d.join("a.json")), 0o444);
    assert_eq!(mode(&d.join("r.json")), 0o640);
    assert!(std::fs::read_to_string(d.join("a.json"))
        .unwrap()
        .contains("Dana Kim"));
}

#[test]
fn a_missing_file_is_one_finding_and_the_batch_goes_on() {
    let out = igp(&root())
        .args([
            "check",
            "fixtures/team/alex-chen.xlsx",
            "nope.xlsx",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let plans = report["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[0]["owner"], "Alex Chen");
    assert_eq!(plans[1]["path"], "nope.xlsx");
    assert_eq!(plans[1]["findings"][0]["code"], "S001");
    assert_eq!(
        plans[1]["findings"][0]["message"],
        "cannot read the file: no such file or folder"
    );
    // convert says it once.
    igp(&root())
        .args(["convert", "nope.xlsx", "-o", "-"])
        .assert()
        .code(2)
        .stderr("error: nope.xlsx: cannot read the file: no such file or folder\n");
}

#[test]
fn output_paths_behave_as_people_expect() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The example of `template --help`: the folder is made.
    igp(d)
        .args(["template", "-o", "team/igp.xlsx", "--goals", "5"])
        .assert()
        .success()
        .stderr("wrote team/igp.xlsx\n");
    assert!(d.join("team/igp.xlsx").is_file());
    // A folder that cannot be made is named, with no temporary file's path.
    std::fs::write(d.join("file"), "x").unwrap();
    igp(d)
        .args(["template", "-o", "file/igp.xlsx"])
        .assert()
        .code(2)
        .stderr("error: file/igp.xlsx: cannot write: file is a file, not a folder\n")
        .stderr(predicate::str::contains(".tmp").not());
    // The summary's folder is checked before the work, and made.
    igp(d)
        .args(["check"])
        .arg(root().join("fixtures/team"))
        .args(["-q", "--summary", "file/s.xlsx"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: file/s.xlsx: cannot write",
        ));
    igp(d)
        .args(["check"])
        .arg(root().join("fixtures/team"))
        .args(["-q", "--summary", "sums/s.xlsx"])
        .assert()
        .code(1);
    assert!(d.join("sums/s.xlsx").is_file());
    // `-o -` is standard output.
    let out = igp(d)
        .args(["check"])
        .arg(root().join("fixtures/team/alex-chen.xlsx"))
        .args(["--format", "json", "-o", "-"])
        .output()
        .unwrap();
    assert!(serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok());
    assert!(!d.join("-").exists());
    // An extension that does not match the format is obeyed, or refused.
    for (args, says) in [
        (
            &["template", "-o", "t.csv"][..],
            "t.csv: the template is an xlsx workbook",
        ),
        (
            &["check", "x.csv", "--summary", "s.csv"][..],
            "s.csv: the summary is an xlsx workbook",
        ),
        (
            &["check", "x.csv", "--format", "json", "-o", "r.csv"][..],
            "r.csv: the extension says csv but --format json was given",
        ),
        (
            &["convert", "x.csv", "--to", "json", "-o", "p.csv"][..],
            "p.csv: the extension says csv but --to json was given",
        ),
    ] {
        igp(d)
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    igp(d)
        .args(["check"])
        .arg(root().join("fixtures/team/alex-chen.xlsx"))
        .args(["-o", "report.json"])
        .assert()
        .success();
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["schema_version"], 1);
}

#[test]
fn the_summary_is_quiet() {
    let dir = tempfile::tempdir().unwrap();
    igp(&root())
        .args(["check", "fixtures/team", "-q", "--summary"])
        .arg(dir.path().join("s.xlsx"))
        .assert()
        .code(1)
        .stderr("");
}

#[test]
fn a_file_with_no_plan_is_one_finding_and_is_not_converted() {
    for (file, says) in [
        (
            "fixtures/not-plans/sales.xlsx",
            "the closest is 'Sales'!A4, a row with 2 of the 6 goal column headers",
        ),
        (
            "fixtures/not-plans/numbers.csv",
            "no Individual Growth Plan found in this file",
        ),
    ] {
        let out = igp(&root())
            .args(["check", file, "--format", "json"])
            .output()
            .unwrap();
        let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let findings = r["plans"][0]["findings"].as_array().unwrap();
        assert_eq!(findings.len(), 1, "{file}: {findings:?}");
        // No owner is read from a cell that happens to say "Owner" or "Name".
        assert!(r["plans"][0]["owner"].is_null(), "{file}");
        assert_eq!(findings[0]["code"], "S002");
        let message = findings[0]["message"].as_str().unwrap();
        assert!(
            message.starts_with("no Individual Growth Plan found in this file"),
            "{message}"
        );
        assert!(message.contains(says), "{message}");
        let dir = tempfile::tempdir().unwrap();
        igp(&root())
            .args(["convert", file, "-o"])
            .arg(dir.path().join("p.json"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("no Individual Growth Plan found"));
        assert!(!dir.path().join("p.json").exists());
    }
    // Prose named on the command line is one clear S001.
    igp(&root())
        .args(["check", "fixtures/not-plans/notes.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "error[S001]: prose, not a table",
        ));
}

#[test]
fn folder_walks_account_for_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for f in [
        "team/alex-chen.xlsx",
        "team/dana-kim.xlsx",
        "not-plans/notes.txt",
    ] {
        std::fs::copy(fixture(f), d.join(Path::new(f).file_name().unwrap())).unwrap();
    }
    std::fs::write(d.join("README.md"), "# plans\n").unwrap();
    std::fs::write(d.join("~$alex-chen.xlsx"), "\x05Alex Chen").unwrap();
    let out = igp(d).args(["check", "."]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("checked 2 plans"), "{stdout}");
    assert!(
        stdout.contains("skipped 3 files that are not plans, 1 of them an office lock file\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("notes.txt"));
    let verbose = igp(d).args(["check", ".", "-v"]).output().unwrap();
    let stderr = String::from_utf8(verbose.stderr).unwrap();
    for line in [
        "skipped ./README.md: not a spreadsheet or CSV file",
        "skipped ./notes.txt: text that is not a table",
        "skipped ./~$alex-chen.xlsx: the lock file of alex-chen.xlsx (kept while it is open)",
        "checked ./alex-chen.xlsx (Alex Chen): 2 goals",
    ] {
        assert!(stderr.contains(line), "{line}\n{stderr}");
    }
    // Other formats say it on stderr.
    igp(d)
        .args(["check", ".", "--format", "json"])
        .assert()
        .stderr(
            "skipped 3 files that are not plans, 1 of them an office lock file (-v lists them)\n",
        );
}

#[test]
fn the_checklist_header_is_never_an_item() {
    for file in [
        "done-suggestion-when.csv",
        "box-todo-notes.csv",
        "erledigt-aufgabe.csv",
    ] {
        let out = igp(&root())
            .args(["convert"])
            .arg(fixture(&format!("checklist-headers/{file}")))
            .args(["-o", "-"])
            .output()
            .unwrap();
        let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let items = plan["tracking"].as_array().unwrap();
        assert_eq!(items.len(), 5, "{file}: {items:?}");
        assert!(items.iter().all(|i| i["done"] == false), "{file}");
        assert!(items[0]["item"]
            .as_str()
            .unwrap()
            .starts_with("Select a format"));
        let r = common::check_json(
            &root(),
            &[
                &format!("fixtures/checklist-headers/{file}"),
                "--as-of",
                "2026-06-01",
            ],
        );
        assert!(
            common::codes(&r["plans"][0]).contains(&"P006".to_string()),
            "{file}"
        );
    }
}

#[test]
fn the_flags_do_what_help_says() {
    igp(&root())
        .args(["check", "fixtures/team", "-j", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must be at least 1"));
    for name in ["md", "markdown", "MD"] {
        igp(&root())
            .args(["check", "fixtures/team/alex-chen.xlsx", "--format", name])
            .assert()
            .success()
            .stdout(predicate::str::starts_with("# "));
    }
    // --deny warnings fails warning-only plans in JUnit too.
    let junit = |deny: bool| {
        let mut c = igp(&root());
        c.args([
            "check",
            "fixtures/team/bea-okafor.ods",
            "--as-of",
            "2026-06-01",
            "--format",
            "junit",
        ]);
        if deny {
            c.args(["--deny", "warnings"]);
        }
        String::from_utf8(c.output().unwrap().stdout).unwrap()
    };
    assert!(junit(false).contains("failures=\"0\""));
    assert!(!junit(false).contains("<failure"));
    assert!(junit(true).contains("failures=\"1\""));
    assert!(junit(true).contains("<failure"));
    // The rules table's columns line up.
    let out = igp(&root()).arg("rules").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // The summary starts at the same column whatever the severity's length.
    let starts: std::collections::BTreeSet<usize> = text
        .lines()
        .map(|l| {
            let sev = [" error ", " warning ", " info "]
                .iter()
                .find_map(|s| l.find(s).map(|i| i + 1))
                .unwrap();
            sev + l[sev..].find(' ').unwrap()
                + l[sev..]
                    .split(' ')
                    .skip(1)
                    .take_while(|w| w.is_empty())
                    .count()
                + 1
        })
        .collect();
    assert_eq!(starts.len(), 1, "{text}");
    // With -o the closing line still appears, on stderr.
    let dir = tempfile::tempdir().unwrap();
    igp(&root())
        .args(["check", "fixtures/team", "-o"])
        .arg(dir.path().join("r.txt"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("checked 6 plans in"));
}

/// The number format of a cell of the first sheet, whether it is aligned, and its fill,
/// from the workbook's XML.
fn cell_style(xlsx: &Path, cell: &str) -> (String, bool, String) {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let sheet = read("xl/worksheets/sheet1.xml");
    let styles = read("xl/styles.xml");
    let at = sheet.find(&format!("<c r=\"{cell}\"")).expect(cell);
    let tag = &sheet[at..at + sheet[at..].find('>').unwrap()];
    let s: usize = tag
        .split("s=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .map_or(0, |n| n.parse().unwrap());
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    let xf = xfs.split("<xf ").nth(s + 1).unwrap();
    let num_fmt = xf
        .split("numFmtId=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let code = styles
        .split(&format!("<numFmt numFmtId=\"{num_fmt}\" formatCode=\""))
        .nth(1)
        .map_or(String::new(), |r| r.split('"').next().unwrap().to_string());
    let fill = xf
        .split("fillId=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    (code, xf.contains("<alignment"), fill.to_string())
}

#[test]
fn annotate_changes_nothing_but_notes_and_highlights() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.xlsx");
    let annotated = dir.path().join("annotated.xlsx");
    for (out, annotate) in [(&plain, false), (&annotated, true)] {
        let mut c = igp(&root());
        c.args([
            "convert",
            "fixtures/team/dana-kim.xlsx",
            "--as-of",
            "2026-06-01",
            "-o",
        ])
        .arg(out);
        if annotate {
            c.arg("--annotate");
        }
        c.assert().success();
    }
    // A34: a checkbox with a finding (P006); B8: the last-reviewed date (P007).
    for cell in ["A34", "B8"] {
        let (fmt, aligned, filled) = cell_style(&plain, cell);
        let (afmt, aaligned, afilled) = cell_style(&annotated, cell);
        assert_ne!(filled, afilled, "{cell} is highlighted");
        assert_eq!(fmt, afmt, "{cell} keeps its number format");
        assert_eq!(aligned, aaligned, "{cell} keeps its alignment");
    }
    assert!(cell_style(&annotated, "A34").0.contains("☐"));
    assert_eq!(cell_style(&annotated, "B8").0, "yyyy-mm-dd");
}

#[test]
fn an_unknown_header_hints_at_its_alias() {
    let dir = tempfile::tempdir().unwrap();
    let clean = std::fs::read_to_string(fixture("rules/clean.csv")).unwrap();
    assert!(clean.contains("\nSkill/Behavior,"));
    let renamed = clean.replace("\nSkill/Behavior,", "\nCompetency,");
    std::fs::write(dir.path().join("plan.csv"), renamed).unwrap();
    igp(dir.path())
        .args(["check", "plan.csv", "--as-of", "2026-06-01"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "if \"Competency\" is this column under another name, add to igp.toml under [aliases]: skill = [\"Competency\"]",
        ));
    // The hint works as given.
    std::fs::write(
        dir.path().join("igp.toml"),
        "[aliases]\nskill = [\"Competency\"]\n",
    )
    .unwrap();
    igp(dir.path())
        .args(["check", "plan.csv", "--as-of", "2026-06-01"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 clean"));
}

#[test]
fn on_a_narrow_screen_each_goal_is_a_labelled_card() {
    let out = igp(&root())
        .args([
            "convert",
            "fixtures/team/dana-kim.xlsx",
            "-o",
            "-",
            "--to",
            "html",
        ])
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("@media screen and (max-width: 700px)"));
    assert!(html.contains("table.goals thead { display: none; }"));
    // Every goal cell names its column, for the card's labels.
    let goals = &html[html.find("<table class=\"goals\">").unwrap()..];
    let goals = &goals[..goals.find("</table>").unwrap()];
    let cells = goals.matches("<td").count();
    assert_eq!(cells, goals.matches("<td data-label=\"").count());
    assert!(goals.contains("<td data-label=\"Skill/Behavior\">Hiring</td>"));
}

#[test]
fn a_first_checklist_item_without_a_header_stays_an_item() {
    let dir = tempfile::tempdir().unwrap();
    let plan = std::fs::read_to_string(fixture("plans/zoe-google-sheets.csv")).unwrap();
    assert!(plan.contains("Done,Item,When / notes,,,\r\nTRUE,Select a format"));
    for (done_cell, done) in [("Done", true), ("\u{2610}", false), ("x", true)] {
        let edited = plan.replace(
            "Done,Item,When / notes,,,\r\nTRUE,Select a format",
            &format!("{done_cell},Shadow a staff engineer,March,,,\r\nTRUE,Select a format"),
        );
        std::fs::write(dir.path().join("p.csv"), edited).unwrap();
        let out = igp(dir.path())
            .args(["convert", "p.csv", "-o", "-"])
            .output()
            .unwrap();
        let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let items = plan["tracking"].as_array().unwrap();
        assert_eq!(items.len(), 6, "{done_cell}: {items:?}");
        assert_eq!(items[0]["item"], "Shadow a staff engineer");
        assert_eq!(items[0]["notes"], "March");
        assert_eq!(items[0]["done"], done, "{done_cell}");
    }
}

#[test]
fn folders_with_nothing_to_read_and_links() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("empty")).unwrap();
    std::fs::create_dir(d.join("notes")).unwrap();
    std::fs::write(d.join("notes/a.md"), "# a\n").unwrap();
    std::fs::write(d.join("notes/b.pdf"), "%PDF-1.4").unwrap();
    std::fs::create_dir(d.join("plans")).unwrap();
    std::fs::copy(fixture("team/alex-chen.xlsx"), d.join("plans/alex.xlsx")).unwrap();
    // A folder with nothing to read beside one with a plan: the batch goes on.
    let out = igp(d)
        .args(["check", "empty", "notes", "plans"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("checked 1 plan"));
    assert!(stdout.contains("skipped 2 files that are not plans"));
    // Nothing to read at all: one line per skipped file, then the error.
    igp(d)
        .args(["check", "empty", "notes"])
        .assert()
        .code(2)
        .stderr(
            "skipped notes/a.md: not a spreadsheet or CSV file\n\
             skipped notes/b.pdf: not a spreadsheet or CSV file\n\
             error: empty, notes: no spreadsheet or CSV file to read (2 other files, listed above)\n",
        );
    #[cfg(unix)]
    {
        // A link to a plan is read; a link that leads nowhere is named.
        std::fs::create_dir(d.join("links")).unwrap();
        std::os::unix::fs::symlink(d.join("plans/alex.xlsx"), d.join("links/alex.xlsx")).unwrap();
        std::os::unix::fs::symlink(d.join("gone.xlsx"), d.join("links/gone.xlsx")).unwrap();
        let out = igp(d).args(["check", "links", "-v"]).output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stdout.contains("checked 1 plan"), "{stdout}");
        assert!(stdout.contains("skipped 1 file"), "{stdout}");
        assert!(
            stderr.contains("skipped links/gone.xlsx: cannot be read: no such file or folder"),
            "{stderr}"
        );
    }
}

#[test]
fn a_report_named_for_a_format_igp_does_not_write_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, ok) in [
        ("r.docx", false),
        ("r.pdf", false),
        ("r.html", true),
        ("r.txt", true),
        ("r", true),
    ] {
        let mut c = igp(dir.path());
        c.arg("check").arg(fixture("team/alex-chen.xlsx")).args([
            "--as-of",
            "2026-06-01",
            "-o",
            name,
        ]);
        if ok {
            c.assert().success();
        } else {
            c.assert()
                .code(2)
                .stderr(predicate::str::contains("igp writes no ."));
            assert!(!dir.path().join(name).exists());
        }
    }
}

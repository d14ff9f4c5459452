//! The everyday path, as a new user walks it: several inputs, output files and their
//! permissions, missing files, output paths and extensions, files that are no plan, folder
//! walks, and the flags doing what `--help` says. Each test runs the real binary.

mod common;

use common::{check_json, fixture, igp, root};
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
        "--force",
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

/// The `<xf>` of a cell's style: the cell's `s` attribute in the sheet's XML, looked up in
/// the workbook's `cellXfs`.
fn cell_xf<'a>(sheet: &str, styles: &'a str, cell: &str) -> &'a str {
    let at = sheet.find(&format!("<c r=\"{cell}\"")).expect(cell);
    let tag = &sheet[at..at + sheet[at..].find('>').unwrap()];
    let s: usize = tag
        .split("s=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .map_or(0, |n| n.parse().unwrap());
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    xfs.split("<xf ").nth(s + 1).unwrap()
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
    let xf = cell_xf(&sheet, &styles, cell);
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

// The everyday path, second round (issue 22).

#[test]
fn convert_never_replaces_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = root().join("fixtures/team/alex-chen.xlsx");
    // A filled plan that is there already, in every format convert writes.
    for name in ["mine.xlsx", "mine.json", "mine.csv", "mine.md", "mine.html"] {
        std::fs::write(d.join(name), "a plan someone filled in").unwrap();
        igp(d)
            .arg("convert")
            .arg(&plan)
            .args(["-o", name])
            .assert()
            .code(2)
            .stderr(format!(
                "error: {name}: already exists; use --force to overwrite it\n"
            ));
        assert_eq!(
            std::fs::read_to_string(d.join(name)).unwrap(),
            "a plan someone filled in",
            "{name}"
        );
    }
    igp(d)
        .arg("convert")
        .arg(&plan)
        .args(["-o", "mine.json", "--force"])
        .assert()
        .success()
        .stderr("wrote mine.json\n");
    assert!(std::fs::read_to_string(d.join("mine.json"))
        .unwrap()
        .contains("Alex Chen"));
    // --out-dir: the plan whose output is there is refused, the others are written.
    std::fs::create_dir(d.join("out")).unwrap();
    std::fs::write(d.join("out/alex-chen.json"), "mine").unwrap();
    igp(d)
        .arg("convert")
        .arg(&plan)
        .arg(root().join("fixtures/team/dana-kim.xlsx"))
        .args(["--out-dir", "out", "--to", "json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: out/alex-chen.json: already exists; use --force to overwrite it",
        ));
    assert_eq!(
        std::fs::read_to_string(d.join("out/alex-chen.json")).unwrap(),
        "mine"
    );
    assert!(d.join("out/dana-kim.json").is_file());
    igp(d)
        .arg("convert")
        .arg(&plan)
        .args(["--out-dir", "out", "--to", "json", "--force"])
        .assert()
        .success();
    assert!(std::fs::read_to_string(d.join("out/alex-chen.json"))
        .unwrap()
        .contains("Alex Chen"));
    // Reports are regenerated: they overwrite.
    for _ in 0..2 {
        igp(d)
            .arg("check")
            .arg(&plan)
            .args(["-q", "-o", "r.json", "--summary", "s.xlsx"])
            .assert()
            .code(predicate::in_iter([0, 1]));
    }
    // --help says so.
    igp(d)
        .args(["convert", "--help"])
        .assert()
        .stdout(predicate::str::contains("--force"));
}

/// Runs igp with its standard output a pipe whose reader is gone; the exit status and
/// what it said on stderr.
fn with_closed_stdout(args: &[&str]) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_igp"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_stdout_ends_quietly_with_the_status_of_the_work() {
    let team = ["fixtures/team", "--as-of", "2026-06-01"];
    for (args, code) in [
        (vec!["completions", "zsh"], 0),
        (vec!["completions", "bash"], 0),
        (vec!["schema"], 0),
        (vec!["schema", "diff"], 0),
        (vec!["rules"], 0),
        (vec!["rules", "G005"], 0),
        (
            vec!["convert", "fixtures/team/alex-chen.xlsx", "-o", "-"],
            0,
        ),
        ([&["check"][..], &team, &["--format", "json"]].concat(), 1),
        ([&["check"][..], &team].concat(), 1),
        ([&["check"][..], &team, &["--format", "html"]].concat(), 1),
        (
            vec![
                "diff",
                "fixtures/plans/zoe-openpyxl.xlsx",
                "fixtures/diff/zoe-q2-google-sheets.csv",
            ],
            1,
        ),
        (
            vec![
                "calendar",
                "fixtures/plans/zoe-openpyxl.xlsx",
                "-q",
                "-o",
                "-",
            ],
            0,
        ),
    ] {
        let (status, stderr) = with_closed_stdout(&args);
        assert_eq!(status, Some(code), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

/// The plans' counts of a JSON report's summary, in the words of every report.
fn counts_in_words(summary: &serde_json::Value) -> (String, String) {
    let n = |k: &str| summary[k].as_u64().unwrap();
    let f = |k: &str| summary["findings"][k].as_u64().unwrap();
    let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    (
        format!(
            "{}: {} clean, {} with errors, {} with warnings, {} with info",
            plural(n("plans"), "plan", "plans"),
            n("clean"),
            n("error"),
            n("warning"),
            n("info")
        ),
        format!(
            "{}, {}, {}",
            plural(f("error"), "error", "errors"),
            plural(f("warning"), "warning", "warnings"),
            plural(f("info"), "info", "infos")
        ),
    )
}

#[test]
fn every_report_says_the_same_words_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let args = [
        "check",
        "fixtures/rules",
        "fixtures/team",
        "--as-of",
        "2026-06-01",
    ];
    let json = check_json(&root(), &args[1..]);
    let summary = &json["summary"];
    // The batch has plans of every status, so that each count is tested.
    for k in ["clean", "info", "warning", "error"] {
        assert!(summary[k].as_u64().unwrap() > 0, "{k}: {summary}");
    }
    let (plans, findings) = counts_in_words(summary);
    let plans_clause = plans.split(": ").nth(1).unwrap().to_string();
    // The terminal.
    let human = igp(&root()).args(args).output().unwrap();
    let human = String::from_utf8(human.stdout).unwrap();
    let last = human.lines().last().unwrap();
    assert!(last.contains(&plans_clause), "{last}\n{plans_clause}");
    assert!(last.contains(&findings), "{last}\n{findings}");
    // The HTML team page.
    igp(&root())
        .args(args)
        .arg("-o")
        .arg(d.join("team.html"))
        .assert()
        .code(1);
    let page = std::fs::read_to_string(d.join("team.html")).unwrap();
    let expected = format!("{plans}; {findings}");
    assert!(page.contains(&expected), "{expected}");
    // Markdown.
    let md = igp(&root())
        .args(args)
        .args(["--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains(&expected), "{md}");
    // The summary workbook: the same counts under the same words.
    igp(&root())
        .args(args)
        .args(["-q", "--summary"])
        .arg(d.join("s.xlsx"))
        .assert()
        .code(1);
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(d.join("s.xlsx")).unwrap();
    let about = book.worksheet_range("About").unwrap();
    let value = |label: &str| {
        about
            .rows()
            .find(|r| r[0] == label)
            .map(|r| r[1].to_string())
            .unwrap_or_else(|| panic!("{label}"))
    };
    for (label, key) in [
        ("Clean", "clean"),
        ("With errors", "error"),
        ("With warnings", "warning"),
        ("With info", "info"),
    ] {
        assert_eq!(value(label), summary[key].to_string(), "{label}");
    }
    for (label, key) in [
        ("Errors", "error"),
        ("Warnings", "warning"),
        ("Infos", "info"),
    ] {
        assert_eq!(
            value(label),
            summary["findings"][key].to_string(),
            "{label}"
        );
    }
}

#[test]
fn the_calendar_hint_names_a_date_ahead_of_the_as_of_date() {
    let out = igp(&root())
        .args([
            "calendar",
            "fixtures/plans/zoe-openpyxl.xlsx",
            "--as-of",
            "2026-12-06",
            "-o",
            "-",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("has no date; add one (e.g. \"by 2027-03-31\")"),
        "{stderr}"
    );
}

#[test]
fn the_team_page_breaks_no_header_or_severity_mid_word() {
    let out = igp(&root())
        .args([
            "check",
            "fixtures/team",
            "--as-of",
            "2026-06-01",
            "--format",
            "html",
        ])
        .output()
        .unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    let style = &page[page.find("<style>").unwrap()..page.find("</style>").unwrap()];
    // A word may be broken anywhere only in the columns of long text (the worst finding, the
    // message: the last of their tables); never in a header, a severity or a status.
    for rule in style.split('}') {
        if rule.contains("overflow-wrap: anywhere") {
            let selectors = rule.split('{').next().unwrap().trim();
            for s in selectors.split(',').map(str::trim) {
                assert!(
                    s.ends_with("td:last-child") || !s.starts_with("table."),
                    "{s} breaks words anywhere"
                );
            }
        }
    }
    assert!(
        style.contains("table.findings th, table.findings td:first-child { white-space: nowrap; }")
    );
}

/// The XML of a sheet of an xlsx, by the sheet's name.
fn sheet_xml(xlsx: &Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut read = |part: &str| {
        let mut s = String::new();
        zip.by_name(part).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let workbook = read("xl/workbook.xml");
    let index = workbook
        .split("<sheet ")
        .skip(1)
        .position(|s| s.contains(&format!("name=\"{name}\"")))
        .unwrap();
    read(&format!("xl/worksheets/sheet{}.xml", index + 1))
}

#[test]
fn the_annotated_findings_sheet_prints_landscape_one_page_wide_wrapped() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("annotated.xlsx");
    igp(&root())
        .args([
            "convert",
            "fixtures/team/dana-kim.xlsx",
            "--as-of",
            "2026-06-01",
            "--annotate",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let sheet = sheet_xml(&out, "Findings");
    assert!(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{sheet}");
    assert!(sheet.contains("orientation=\"landscape\""), "{sheet}");
    assert!(sheet.contains("fitToHeight=\"0\""), "{sheet}");
    // The message column wraps, and a long message's row is tall enough for its lines.
    assert!(wraps(&out, &sheet, "G2"), "the message wraps");
    assert!(sheet.contains("customHeight=\"1\""), "{sheet}");
}

/// Whether a cell of a sheet (its XML) wraps its text.
fn wraps(xlsx: &Path, sheet: &str, cell: &str) -> bool {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut styles = String::new();
    zip.by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    let xf = cell_xf(sheet, &styles, cell);
    let xf = &xf[..xf.find("</xf>").unwrap_or(xf.len())];
    xf.contains("wrapText=\"1\"")
}

#[test]
fn messages_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A PDF: download the plan as a spreadsheet instead.
    igp(&root())
        .args(["convert", "fixtures/bad/report.pdf", "-o", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a PDF document, not a spreadsheet or CSV",
        ))
        .stderr(predicate::str::contains("(.xlsx)"))
        .stderr(predicate::str::contains("CSV instead"));
    // -v says what it does where it does something.
    for cmd in ["template", "serve", "rules", "schema", "completions"] {
        igp(d)
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Say more: what was read from each file\n").not());
    }
    // The calendar's usage error names both ways to give an output.
    igp(&root())
        .args(["calendar", "fixtures/plans/zoe-openpyxl.xlsx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--output"))
        .stderr(predicate::str::contains("--out-dir"));
}

#[test]
fn diff_writes_to_a_file_with_o() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let old = root().join("fixtures/plans/zoe-openpyxl.xlsx");
    let new = root().join("fixtures/diff/zoe-q2-google-sheets.csv");
    for _ in 0..2 {
        igp(d)
            .arg("diff")
            .args([&old, &new])
            .args(["--as-of", "2026-06-01", "-o", "agenda.md"])
            .assert()
            .code(1)
            .stdout("")
            .stderr("wrote agenda.md\n");
    }
    let md = std::fs::read_to_string(d.join("agenda.md")).unwrap();
    let expected = igp(d)
        .arg("diff")
        .args([&old, &new])
        .args(["--as-of", "2026-06-01", "--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(md.as_bytes(), expected.stdout);
    igp(d)
        .arg("diff")
        .args([&old, &new])
        .args(["-o", "d.json"])
        .assert()
        .code(1);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("d.json")).unwrap()).unwrap();
    assert!(json.get("goals").is_some());
    igp(d)
        .arg("diff")
        .args([&old, &new])
        .args(["--format", "json", "-o", "d.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the extension says markdown but --format json",
        ));
}

#[test]
fn serve_names_the_way_out_of_a_busy_port_and_an_address_to_open() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    igp(&root())
        .args(["serve", "--port", &port])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the port is in use"))
        .stderr(predicate::str::contains("--port"))
        .stderr(predicate::str::contains("os error").not());
    // On every interface: the address to open is this machine's loopback.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_igp"))
        .args(["serve", "--host", "0.0.0.0", "--port", "0"])
        .current_dir(root())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let line = std::io::BufRead::lines(std::io::BufReader::new(stderr))
        .map(Result::unwrap)
        .find(|l| l.contains("listening"));
    child.kill().unwrap();
    child.wait().unwrap();
    let line = line.unwrap();
    assert!(line.contains("all interfaces"), "{line}");
    assert!(line.contains("open http://127.0.0.1:"), "{line}");
    assert!(!line.contains("0.0.0.0:"), "{line}");
}

#[test]
fn a_plans_findings_come_in_reading_order() {
    // Plans on one sheet, the sections from top to bottom, so reading order is row order
    // (findings without a cell aside: the header's first, the plan as a whole's last).
    // bea-okafor.ods has findings in Section 1 (B13, B15) and in its goals.
    let out = igp(&root())
        .args([
            "check",
            "fixtures/team",
            "fixtures/rules",
            "--as-of",
            "2026-06-01",
        ])
        .output()
        .unwrap();
    let human = String::from_utf8(out.stdout).unwrap();
    let mut plans: std::collections::BTreeMap<String, Vec<Option<u32>>> = Default::default();
    for line in human.lines().filter_map(|l| l.strip_prefix("  --> ")) {
        let (path, row) = match line.split_once(":'") {
            Some((path, rest)) => {
                let cell = rest.rsplit('!').next().unwrap();
                let row: u32 = cell
                    .trim_start_matches(char::is_alphabetic)
                    .parse()
                    .unwrap();
                (path.to_string(), Some(row))
            }
            None => (line.to_string(), None),
        };
        plans.entry(path).or_default().push(row);
    }
    assert!(plans.len() > 10);
    for (path, rows) in plans {
        let placed: Vec<u32> = rows.iter().filter_map(|r| *r).collect();
        assert!(placed.windows(2).all(|w| w[0] <= w[1]), "{path}: {rows:?}");
    }
}

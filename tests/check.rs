//! `igp check` as a user runs it: rules on their fixtures, exit codes, stderr, colour,
//! configuration, folders, order and the xlsx summary.

mod common;

use common::{codes, igp, root};
#[path = "common/lock.rs"]
mod lock;
use lock::excel_lock;
use predicates::prelude::*;

/// `igp check ARGS` from the root, as of 2026-06-01, as JSON.
fn json_report(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--as-of", "2026-06-01"]);
    common::check_json(&root(), &all)
}

#[test]
fn each_rule_has_a_fixture_that_triggers_it_and_the_clean_plan_passes_all() {
    let clean = json_report(&["fixtures/rules/clean.csv"]);
    assert_eq!(clean["plans"][0]["status"], "clean");
    assert!(codes(&clean["plans"][0]).is_empty());
    let mut covered = Vec::new();
    for entry in std::fs::read_dir(root().join("fixtures/rules")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name == "clean.csv" {
            continue;
        }
        let code = &name[..4];
        let report = json_report(&[&format!("fixtures/rules/{name}")]);
        let found = codes(&report["plans"][0]);
        assert!(found.iter().any(|c| c == code), "{name}: {found:?}");
        // The variant changes one thing: only its own rule (and what follows from it) fires.
        assert!(found.len() <= 3, "{name}: {found:?}");
        covered.push(code.to_string());
    }
    // S001 is covered by the files in fixtures/bad.
    let bad = json_report(&["fixtures/bad"]);
    for plan in bad["plans"].as_array().unwrap() {
        assert_eq!(codes(plan), ["S001"], "{}", plan["path"]);
        assert_eq!(plan["status"], "error");
    }
    covered.push("S001".into());
    covered.sort();
    let mut all: Vec<String> = igp::rules::RULES
        .iter()
        .map(|r| r.code.code.to_string())
        .collect();
    all.sort();
    assert_eq!(covered, all);
}

#[test]
fn findings_name_the_cell_and_the_goal() {
    let r = json_report(&["fixtures/rules/G002-missing-action-steps.csv"]);
    let f = &r["plans"][0]["findings"][0];
    assert_eq!(f["code"], "G002");
    assert_eq!(f["name"], "missing-action-steps");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["sheet"], "G002-missing-action-steps.csv");
    assert_eq!(f["cell"], "D26");
    assert_eq!(f["goal"], 1);
    assert_eq!(r["plans"][0]["owner"], "Rae Clean");
    assert_eq!(r["plans"][0]["goals"], 2);
    assert_eq!(r["summary"]["plans"], 1);
    assert_eq!(r["summary"]["error"], 1);
    assert_eq!(r["summary"]["findings"]["error"], 1);
}

#[test]
fn exit_codes() {
    let dir = root();
    // 0: no finding at error level (warnings and infos allowed).
    igp(&dir)
        .args(["check", "fixtures/rules/clean.csv", "--as-of", "2026-06-01"])
        .assert()
        .code(0);
    igp(&dir)
        .args([
            "check",
            "fixtures/rules/G003-missing-detail.csv",
            "--as-of",
            "2026-06-01",
        ])
        .assert()
        .code(0);
    // 1: an error-level finding; or a warning with --deny warnings.
    igp(&dir)
        .args(["check", "fixtures/rules/G001-missing-skill.csv"])
        .assert()
        .code(1);
    igp(&dir)
        .args([
            "check",
            "fixtures/rules/G003-missing-detail.csv",
            "--as-of",
            "2026-06-01",
            "--deny",
            "warnings",
        ])
        .assert()
        .code(1);
    // Infos never fail, even with --deny warnings.
    igp(&dir)
        .args([
            "check",
            "fixtures/rules/P002-many-goals.csv",
            "--as-of",
            "2026-06-01",
            "--deny",
            "warnings",
        ])
        .assert()
        .code(0);
    // An unreadable file is a finding (exit 1), and the batch goes on.
    igp(&dir)
        .args([
            "check",
            "fixtures/bad/report.pdf",
            "fixtures/rules/clean.csv",
            "--as-of",
            "2026-06-01",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("checked 2 plans"));
    // A missing file is one finding too, and the batch goes on.
    igp(&dir)
        .args(["check", "no-such-file.xlsx", "fixtures/rules/clean.csv"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[S001]: cannot read the file: no such file or folder\n  --> no-such-file.xlsx",
        ))
        .stdout(predicate::str::contains("checked 2 plans"));
    // 2: the check itself could not run.
    igp(&dir)
        .args(["check", "fixtures/rules", "--as-of", "June"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--as-of"));
    igp(&dir)
        .args(["check", "fixtures/rules", "--format", "pdf"])
        .assert()
        .code(2);
    igp(&dir)
        .args([
            "check",
            "fixtures/rules/clean.csv",
            "-o",
            "fixtures/rules/clean.csv/report.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: fixtures/rules/clean.csv/report.txt: cannot write: fixtures/rules/clean.csv is a file, not a folder",
        ))
        .stderr(predicate::str::contains(".tmp").not());
}

#[test]
fn a_bad_configuration_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("igp.toml"), "[severity]\nG999 = \"off\"\n").unwrap();
    std::fs::copy(
        root().join("fixtures/rules/clean.csv"),
        dir.path().join("plan.csv"),
    )
    .unwrap();
    igp(dir.path())
        .args(["check", "plan.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "igp.toml: [severity] G999: no such rule",
        ));
    std::fs::write(dir.path().join("igp.toml"), "[severity\n").unwrap();
    let out = igp(dir.path())
        .args(["check", "plan.csv"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(out).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn configuration_is_found_upward_and_changes_severities_and_limits() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("igp.toml"),
        "as_of = \"2026-06-01\"\n[severity]\nG001 = \"warning\"\nmany-goals = \"off\"\n[aliases]\nskill = [\"Competency\"]\n",
    )
    .unwrap();
    let sub = dir.path().join("team/plans");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::copy(
        root().join("fixtures/rules/G001-missing-skill.csv"),
        sub.join("a.csv"),
    )
    .unwrap();
    std::fs::copy(
        root().join("fixtures/rules/P002-many-goals.csv"),
        sub.join("b.csv"),
    )
    .unwrap();
    let csv = std::fs::read_to_string(root().join("fixtures/rules/clean.csv")).unwrap();
    std::fs::write(
        sub.join("c.csv"),
        csv.replace("Skill/Behavior", "Competency"),
    )
    .unwrap();
    let out = igp(&sub)
        .args(["check", ".", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(codes(&v["plans"][0]), ["G001"]);
    assert_eq!(v["plans"][0]["findings"][0]["severity"], "warning");
    // many-goals is off: the plan of four goals gets no P002.
    assert!(!codes(&v["plans"][1]).contains(&"P002".to_string()));
    assert_eq!(v["plans"][2]["status"], "clean");
    // --config names another file; --as-of wins over the file's as_of.
    std::fs::write(dir.path().join("strict.toml"), "[limits]\nmax_goals = 1\n").unwrap();
    let out = igp(&sub)
        .args([
            "check",
            "c.csv",
            "--format",
            "json",
            "--config",
            "../../strict.toml",
            "--as-of",
            "2026-06-01",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    // Without the aliases of igp.toml the renamed header is not the skill column; the
    // limits of strict.toml apply.
    let found = codes(&v["plans"][0]);
    assert!(
        found.contains(&"S004".to_string()) && found.contains(&"S005".to_string()),
        "{found:?}"
    );
    assert!(found.contains(&"P002".to_string()), "{found:?}");
}

#[test]
fn folders_are_walked_in_order_and_hidden_and_lock_files_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(plans.join("b-team")).unwrap();
    std::fs::create_dir_all(plans.join(".git")).unwrap();
    for (src, dst) in [
        ("rules/clean.csv", "z.csv"),
        ("rules/G001-missing-skill.csv", "a.csv"),
        ("team/alex-chen.xlsx", "b-team/alex.xlsx"),
        ("rules/clean.csv", ".hidden.csv"),
        ("rules/clean.csv", ".git/x.csv"),
        ("team/alex-chen.xlsx", "~$alex.xlsx"),
        ("bad/report.pdf", "notes.pdf"),
    ] {
        std::fs::copy(root().join("fixtures").join(src), plans.join(dst)).unwrap();
    }
    let out = igp(dir.path())
        .args(["check", "plans", "--format", "json", "-j", "2"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths = plan_paths(&v);
    assert_eq!(
        paths,
        ["plans/a.csv", "plans/b-team/alex.xlsx", "plans/z.csv"]
    );
}

/// The paths of a JSON report's plans, in its order.
fn plan_paths(v: &serde_json::Value) -> Vec<&str> {
    v["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect()
}

#[test]
fn a_folder_is_taken_by_the_same_rule_as_igp_serve() {
    // The folder of tests/serve.rs's `a_dropped_folder_is_taken_by_the_rule_of_check_dir`.
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team");
    std::fs::create_dir(&team).unwrap();
    for (src, dst) in [
        ("team/alex-chen.xlsx", "alex-chen.xlsx"),
        ("team/dana-kim.xlsx", "dana-kim.xlsx"),
        ("foreign/sheetjs/minimal_112.numbers", "minimal.numbers"),
        ("not-plans/notes.txt", "notes.txt"),
    ] {
        std::fs::copy(root().join("fixtures").join(src), team.join(dst)).unwrap();
    }
    std::fs::write(team.join("README.md"), "# plans").unwrap();
    std::fs::write(team.join("~$alex-chen.xlsx"), excel_lock("Alex Chen")).unwrap();
    std::fs::write(
        team.join(".~lock.dana-kim.xlsx#"),
        "Dana Kim,laptop,dana,06.12.2026 10:00,file:///home/dana;",
    )
    .unwrap();
    let out = igp(dir.path())
        .args(["check", "team", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths = plan_paths(&v);
    assert_eq!(
        paths,
        [
            "team/alex-chen.xlsx",
            "team/dana-kim.xlsx",
            "team/minimal.numbers"
        ]
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "skipped 4 files that are not plans, 2 of them office lock files (-v lists them)\n"
    );
    let out = igp(dir.path())
        .args(["check", "team", "-v"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    for line in [
        "skipped team/.~lock.dana-kim.xlsx#: the lock file of dana-kim.xlsx (kept while it is open)",
        "skipped team/~$alex-chen.xlsx: the lock file of alex-chen.xlsx (kept while it is open)",
        "skipped team/notes.txt: text that is not a table",
    ] {
        assert!(stderr.contains(line), "{line}\n{stderr}");
    }
    // A lock file given by name is read, and named as what it is, with its workbook.
    for (file, said) in [
        (
            "team/~$alex-chen.xlsx",
            "error[S001]: an Excel lock file, not a plan: Excel keeps it beside alex-chen.xlsx \
             while that file is open (here by Alex Chen) and deletes it on closing; check \
             alex-chen.xlsx itself",
        ),
        (
            "team/.~lock.dana-kim.xlsx#",
            "error[S001]: a LibreOffice lock file, not a plan: LibreOffice keeps it beside \
             dana-kim.xlsx while that file is open (here by Dana Kim) and deletes it on closing; \
             check dana-kim.xlsx itself",
        ),
    ] {
        let out = igp(dir.path()).args(["check", file]).output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.contains(said), "{file}: {stdout}");
        assert_eq!(stdout.matches("error[").count(), 1, "{stdout}");
    }
}

#[test]
fn order_is_the_input_order_with_many_threads() {
    let files: Vec<String> = std::fs::read_dir(root().join("fixtures/rules"))
        .unwrap()
        .map(|e| {
            format!(
                "fixtures/rules/{}",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .collect();
    let mut args: Vec<&str> = files.iter().map(String::as_str).collect();
    args.reverse();
    args.extend(["-j", "4"]);
    let v = json_report(&args);
    let paths = plan_paths(&v);
    assert_eq!(paths, args[..args.len() - 2]);
}

#[test]
fn stdin_is_checked() {
    let csv = std::fs::read(root().join("fixtures/rules/G002-missing-action-steps.csv")).unwrap();
    igp(&root())
        .args(["check", "-"])
        .write_stdin(csv)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("--> stdin:'stdin'!D26"));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal_and_never_with_no_color() {
    let plain = igp(&root())
        .args(["check", "fixtures/rules/G001-missing-skill.csv"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\x1b'));
    let forced = igp(&root())
        .args([
            "check",
            "fixtures/rules/G001-missing-skill.csv",
            "--color",
            "always",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&forced.stdout).contains("\x1b[1;31merror[G001]"));
}

#[test]
fn quiet_prints_the_errors_only() {
    let out = igp(&root())
        .args(["check", "fixtures/team", "-q", "--as-of", "2026-06-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let heads: Vec<&str> = stdout
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.is_empty())
        .collect();
    // The team has 4 errors, and nothing else is printed: no warnings, no table, no counts.
    assert_eq!(heads.len(), 4, "{stdout}");
    assert!(heads.iter().all(|l| l.starts_with("error[")), "{stdout}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_batch_ends_with_its_plans_worst_first() {
    let out = igp(&root())
        .args(["check", "fixtures/team", "--as-of", "2026-06-01"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let table = &stdout[stdout.find("\nplan ").expect("a table of the plans") + 1..];
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| {
            l.split("  ")
                .filter(|c| !c.trim().is_empty())
                .map(str::trim)
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 6, "{table}");
    // (status, errors, warnings) never gets better going down.
    let rank = |r: &Vec<&str>| {
        let s = ["clean", "info", "warning", "error"]
            .iter()
            .position(|s| *s == r[2])
            .unwrap();
        (
            s,
            r[3].parse::<usize>().unwrap(),
            r[4].parse::<usize>().unwrap(),
        )
    };
    for w in rows.windows(2) {
        assert!(rank(&w[0]) >= rank(&w[1]), "{table}");
    }
    assert_eq!(rows[0][2], "error");
    assert!(table.lines().last().unwrap().starts_with("checked 6 plans"));
    // One plan: no table.
    let one = igp(&root())
        .args(["check", "fixtures/team/alex-chen.xlsx"])
        .output()
        .unwrap();
    assert!(!String::from_utf8(one.stdout).unwrap().contains("\nplan "));
}

#[test]
fn summary_workbook_has_plans_goals_findings_and_a_chart() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.xlsx");
    igp(&root())
        .args([
            "check",
            "fixtures/team",
            "--as-of",
            "2026-06-01",
            "-q",
            "--summary",
        ])
        .arg(&summary)
        .assert()
        .code(1);
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&summary).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["About", "Plans", "Goals", "Findings", "Rules"]
    );
    let about = wb.worksheet_range("About").unwrap();
    let value_of = |label: &str| {
        about
            .rows()
            .find(|r| r[0] == label)
            .map(|r| r[1].to_string())
    };
    assert_eq!(
        value_of("Deadlines and reviews judged as of").unwrap(),
        "2026-06-01"
    );
    assert_eq!(value_of("igp version").unwrap(), env!("CARGO_PKG_VERSION"));
    assert_eq!(value_of("Plans checked").unwrap(), "6");
    assert_eq!(value_of("With errors").unwrap(), "3");
    let plans = wb.worksheet_range("Plans").unwrap();
    assert_eq!(plans.height(), 7);
    assert_eq!(plans.get((1, 1)).unwrap().to_string(), "Alex Chen");
    assert_eq!(plans.get((1, 2)).unwrap().to_string(), "clean");
    let goals = wb.worksheet_range("Goals").unwrap();
    assert_eq!(goals.get((0, 3)).unwrap().to_string(), "Skill/Behavior");
    assert_eq!(goals.height(), 1 + 2 + 2 + 3 + 5 + 1);
    let findings = wb.worksheet_range("Findings").unwrap();
    assert_eq!(findings.height(), 1 + 34);
    wb.load_tables().unwrap();
    assert_eq!(wb.table_names(), ["Goals"]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&summary).unwrap()).unwrap();
    assert!(zip.by_name("xl/charts/chart1.xml").is_ok());
}

#[test]
fn rules_lists_and_explains() {
    igp(&root())
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::contains("G005  unmeasurable-step"))
        .stdout(predicate::function(|s: &str| {
            s.lines().count() == igp::rules::RULES.len()
        }));
    igp(&root())
        .args(["rules", "placeholder-text"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "G006 placeholder-text (default: warning)",
        ))
        .stdout(predicate::str::contains("Example that fails"))
        .stdout(predicate::str::contains("Use instead"));
    igp(&root())
        .args(["rules", "X123"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no rule"));
}

#[test]
fn the_readme_rule_table_is_generated_from_the_registry() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("<!-- rules:start -->")
        .expect("README has the rules markers")
        + "<!-- rules:start -->".len();
    let end = readme.find("<!-- rules:end -->").unwrap();
    assert_eq!(
        readme[start..end].trim(),
        igp::rules::markdown_table().trim(),
        "the README's rule table is out of date: paste `igp rules --markdown` between the markers"
    );
}

/// A command line as the README writes it: words split at spaces, "double quotes" kept
/// together.
fn shell_words(line: &str) -> Vec<String> {
    let (mut words, mut word, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    words.extend((!word.is_empty()).then_some(word));
    words
}

#[test]
fn every_readme_sample_is_what_igp_prints() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut samples = 0;
    for (start, _) in readme.match_indices("```\n$ igp ") {
        let block = &readme[start + 4..];
        let block = &block[..block.find("\n```").unwrap()];
        let (command, shown) = block.split_once('\n').unwrap_or((block, ""));
        // Run where the README's relative paths hold, writing its outputs into a scratch
        // folder: the fixtures are linked in.
        let dir = tempfile::tempdir().unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root().join("fixtures"), dir.path().join("fixtures")).unwrap();
        #[cfg(not(unix))]
        return;
        let words = shell_words(&command["$ igp ".len()..]);
        let out = igp(dir.path()).args(&words).output().unwrap();
        let printed =
            String::from_utf8(out.stderr).unwrap() + &String::from_utf8(out.stdout).unwrap();
        // The time of a closing line aside, every line shown is printed, in the same order.
        let untimed = |l: &str| match (l.find(" in "), l.find("s: ")) {
            (Some(a), Some(b)) if l.starts_with("checked ") => {
                format!("{}{}", &l[..a], &l[b + 1..])
            }
            _ => l.to_string(),
        };
        let printed: Vec<String> = printed.lines().map(untimed).collect();
        let mut at = 0;
        for line in shown.lines().filter(|l| *l != "...") {
            let line = untimed(line);
            let found = printed[at..].iter().position(|p| *p == line);
            assert!(
                found.is_some(),
                "`{command}`: the README shows a line igp does not print (in this order):\n{line}\n\nprinted:\n{}",
                printed.join("\n")
            );
            at += found.unwrap() + 1;
        }
        samples += 1;
    }
    // check, diff and calendar.
    assert!(samples >= 3, "{samples} samples");
}

#[test]
fn piped_output_has_no_colour_even_without_no_color() {
    // Colour follows the terminal: piped, none, whether NO_COLOR is unset or empty.
    for no_color in [None, Some("")] {
        let mut cmd = igp(&root());
        cmd.env_remove("NO_COLOR");
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let out = cmd
            .args(["check", "fixtures/rules/G001-missing-skill.csv"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("error[G001]"), "{stdout}");
        assert!(!stdout.contains('\x1b'), "{no_color:?}: {stdout:?}");
    }
}

#[test]
fn written_reports_are_named_on_stderr_unless_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("fixtures/rules/clean.csv");
    let args = ["--format", "json", "--as-of", "2026-06-01"];
    igp(dir.path())
        .arg("check")
        .arg(&plan)
        .args(args)
        .args(["-o", "r.json", "--summary", "s.xlsx"])
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote r.json"))
        .stderr(predicate::str::contains("wrote s.xlsx"));
    igp(dir.path())
        .arg("check")
        .arg(&plan)
        .args(args)
        .args(["-o", "q.json", "--summary", "q.xlsx", "-q"])
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote").not());
    assert!(dir.path().join("q.json").is_file() && dir.path().join("q.xlsx").is_file());
}

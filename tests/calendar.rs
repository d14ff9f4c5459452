//! `igp calendar`: the .ics of a plan, parsed back by an independent parser (the `ical`
//! crate), events, dates, recurrences and UIDs asserted.

mod common;

use common::{igp, root};
use predicates::prelude::*;

/// The events of an .ics as (summary, DTSTART, RRULE, UID), parsed by `ical`.
fn events(ics: &[u8]) -> Vec<(String, String, Option<String>, String)> {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(ics));
    let cal = parser
        .next()
        .expect("one calendar")
        .expect("a valid calendar");
    assert!(parser.next().is_none());
    cal.events
        .iter()
        .map(|e| {
            let get = |name: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
            };
            (
                get("SUMMARY").unwrap(),
                get("DTSTART").unwrap(),
                get("RRULE"),
                get("UID").unwrap(),
            )
        })
        .collect()
}

fn calendar_of(plan: &str, extra: &[&str]) -> (Vec<u8>, String) {
    let out = igp(&root())
        .args(["calendar", plan, "-o", "-", "--as-of", "2026-06-01"])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (out.stdout, String::from_utf8(out.stderr).unwrap())
}

#[test]
fn a_plan_with_dated_steps_a_review_and_a_learning_block() {
    let (ics, stderr) = calendar_of(
        "fixtures/plans/zoe-openpyxl.xlsx",
        &["--learning", "Fri 14:00-15:00"],
    );
    let text = String::from_utf8(ics.clone()).unwrap();
    assert!(text.lines().all(|l| l.len() <= 76), "folded at 75 octets");
    assert!(
        text.split_inclusive('\n').all(|l| l.ends_with("\r\n")),
        "CRLF lines"
    );
    let ev = events(&ics);
    let summaries: Vec<&str> = ev.iter().map(|e| e.0.as_str()).collect();
    // Zoë's dated steps: talks by March 2026, the feedback course by 2026-04-30.
    let talk = ev
        .iter()
        .find(|e| e.0.starts_with("Public speaking: Give 2 talks"))
        .unwrap();
    assert_eq!(talk.1, "20260331");
    let course = ev
        .iter()
        .find(|e| e.0.starts_with("Giving feedback: Finish"))
        .unwrap();
    assert_eq!(course.1, "20260430");
    // "by Q3" has no year: placed on the first Q3 end on or after Plan created
    // (2026-01-15), and the event says so.
    let ckad = ev
        .iter()
        .find(|e| e.0.starts_with("Kubernetes: Complete the CKAD"))
        .unwrap();
    assert_eq!(ckad.1, "20260930");
    assert!(
        text.replace("\r\n ", "").contains(
            "The step gives no year: igp placed it on 2026-09-30\\, the first such day on or after the day the plan was created (2026-01-15)."
        ),
        "{text}"
    );
    // Every three months from Last reviewed (2026-03-02).
    let review = ev
        .iter()
        .find(|e| e.0.starts_with("Quarterly career conversation"))
        .unwrap();
    assert_eq!(review.1, "20260602");
    assert_eq!(review.2.as_deref(), Some("FREQ=MONTHLY;INTERVAL=3"));
    // The first Friday from 2026-06-01.
    let learning = ev.iter().find(|e| e.0 == "Learning time (IGP)").unwrap();
    assert_eq!(learning.1, "20260605T140000");
    assert_eq!(learning.2.as_deref(), Some("FREQ=WEEKLY"));
    // Steps with no date are named on stderr.
    assert!(
        stderr.contains("\"Join Toastmasters and attend weekly\" has no date"),
        "{stderr}"
    );
    assert!(summaries.len() >= 4, "{summaries:?}");
}

#[test]
fn the_calendar_of_an_updated_plan_updates_its_events() {
    let (q1, _) = calendar_of("fixtures/plans/zoe-openpyxl.xlsx", &[]);
    let (q1_csv, _) = calendar_of("fixtures/plans/zoe-google-sheets.csv", &[]);
    let uids = |ics: &[u8]| {
        let mut u: Vec<String> = events(ics).into_iter().map(|e| e.3).collect();
        u.sort();
        u
    };
    // The same plan in another format: the same events.
    assert_eq!(uids(&q1), uids(&q1_csv));
    // A quarter later the talks step is marked done (✓): its event is left out; the
    // reworded step is a new event; the review keeps its UID.
    let (q2, _) = calendar_of("fixtures/diff/zoe-q2-google-sheets.csv", &[]);
    let q2_events = events(&q2);
    assert!(!q2_events.iter().any(|e| e.0.contains("Give 2 talks")));
    let review_uid = |ev: &[(String, String, Option<String>, String)]| {
        ev.iter()
            .find(|e| e.0.starts_with("Quarterly"))
            .unwrap()
            .3
            .clone()
    };
    assert_eq!(review_uid(&events(&q1)), review_uid(&q2_events));
    // Reviewed 2026-06-10: the next conversation in September.
    assert_eq!(
        q2_events
            .iter()
            .find(|e| e.0.starts_with("Quarterly"))
            .unwrap()
            .1,
        "20260910"
    );
}

#[test]
fn bad_options_and_outputs_are_refused() {
    igp(&root())
        .args([
            "calendar",
            "fixtures/plans/zoe-openpyxl.xlsx",
            "-o",
            "plan.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give a file name ending in .ics"));
    igp(&root())
        .args([
            "calendar",
            "fixtures/plans/zoe-openpyxl.xlsx",
            "-o",
            "-",
            "--learning",
            "Friday",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--learning: \"Friday\" is not a weekly time",
        ));
    let dir = tempfile::tempdir().unwrap();
    igp(&root())
        .args(["calendar", "fixtures/team", "--out-dir"])
        .arg(dir.path())
        .assert()
        .code(2);
    assert!(dir.path().join("alex-chen.ics").is_file());
}

/// The to-dos of an .ics as (summary, DUE, STATUS, UID), parsed by `ical`.
fn todos(ics: &[u8]) -> Vec<(String, Option<String>, String, String)> {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(ics));
    let cal = parser.next().unwrap().unwrap();
    cal.todos
        .iter()
        .map(|t| {
            let get = |name: &str| {
                t.properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
            };
            (
                get("SUMMARY").unwrap(),
                get("DUE"),
                get("STATUS").unwrap(),
                get("UID").unwrap(),
            )
        })
        .collect()
}

#[test]
fn steps_as_to_dos_are_due_on_their_date_and_done_steps_are_completed() {
    let (ics, stderr) = calendar_of("fixtures/diff/zoe-q2-google-sheets.csv", &["--todos"]);
    let t = todos(&ics);
    let find = |start: &str| t.iter().find(|t| t.0.starts_with(start)).unwrap();
    // Every action step is a to-do: the one ticked with ✓ completed (its mark dropped from
    // the title), the undated ones without a due date.
    assert_eq!(t.len(), 6, "{t:#?}");
    let talk = find("Public speaking: Give 2 talks");
    assert_eq!(talk.1.as_deref(), Some("20260331"));
    assert_eq!(talk.2, "COMPLETED");
    let toastmasters = find("Public speaking: Join Toastmasters");
    assert_eq!(toastmasters.1, None);
    assert_eq!(toastmasters.2, "NEEDS-ACTION");
    assert_eq!(
        find("Kubernetes operations: Complete the CKAD")
            .1
            .as_deref(),
        Some("20260930")
    );
    assert_eq!(
        find("Negotiation: Read the book").1.as_deref(),
        Some("20260831")
    );
    // The review stays an event; the steps are not also events.
    let ev = events(&ics);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    // A to-do is not the event of the same step: their UIDs differ.
    let (as_events, _) = calendar_of("fixtures/diff/zoe-q2-google-sheets.csv", &[]);
    let event_uids: Vec<String> = events(&as_events).into_iter().map(|e| e.3).collect();
    assert!(t.iter().all(|t| !event_uids.contains(&t.3)));
    assert!(stderr.contains("to give it a due date"), "{stderr}");
}

#[test]
fn steps_marked_done_in_words_are_left_out() {
    // Q3 as LibreOffice exported it: "(done)" at the end of two steps.
    let (ics, _) = calendar_of("fixtures/diff/zoe-q3-libreoffice.csv", &[]);
    let ev = events(&ics);
    assert!(!ev
        .iter()
        .any(|e| e.0.contains("CKAD") || e.0.contains("Read the book")));
    let vendor = ev
        .iter()
        .find(|e| e.0 == "Negotiation: Practise in two vendor calls by November 2026")
        .unwrap();
    assert_eq!(vendor.1, "20261130");
    // Reviewed 2026-09-14: the next conversation in December.
    let review = ev.iter().find(|e| e.0.starts_with("Quarterly")).unwrap();
    assert_eq!(review.1, "20261214");
}

/// Every plan of every fixture family: its calendar parses back, and `igp diff` of the plan
/// against itself is empty. A file igp refuses is refused by both, with exit 2.
#[test]
fn both_commands_work_on_every_fixture_family() {
    let families = [
        "plans",
        "team",
        "template",
        "rules",
        "blank-lines",
        "checklist-headers",
        "diff",
    ];
    let mut read = 0;
    for family in families {
        let mut files: Vec<_> = std::fs::read_dir(root().join("fixtures").join(family))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            let cal = igp(&root())
                .args(["calendar", "-o", "-", "--as-of", "2026-06-01"])
                .arg(&f)
                .output()
                .unwrap();
            let same = igp(&root())
                .args(["diff", "--as-of", "2026-06-01"])
                .args([&f, &f])
                .output()
                .unwrap();
            let shown = f.display();
            match cal.status.code() {
                Some(0) => {
                    read += 1;
                    let ev = events(&cal.stdout);
                    assert!(ev.iter().any(|e| e.0.starts_with("Quarterly")), "{shown}");
                    assert_eq!(
                        same.status.code(),
                        Some(0),
                        "{shown}: {}",
                        String::from_utf8_lossy(&same.stdout)
                    );
                }
                code => {
                    assert_eq!(code, Some(2), "{shown}");
                    assert_eq!(same.status.code(), Some(2), "{shown}");
                    let err = String::from_utf8_lossy(&cal.stderr);
                    assert!(err.starts_with("error: "), "{shown}: {err}");
                }
            }
        }
    }
    // The tabs of one plan, given together.
    let tabs = igp(&root())
        .args(["calendar", "-o", "-", "--as-of", "2026-06-01"])
        .args(["reflection", "goals", "tracking"].map(|t| format!("fixtures/tabs/zoe-{t}.csv")))
        .output()
        .unwrap();
    assert_eq!(tabs.status.code(), Some(0));
    assert!(events(&tabs.stdout).len() >= 3);
    assert!(read >= 45, "{read} plans read");
}

#[test]
fn the_calendar_of_the_worked_example_parses_back_with_its_events() {
    let dir = tempfile::tempdir().unwrap();
    igp(dir.path())
        .args(["template", "--example", "-q", "-o", "example.xlsx"])
        .assert()
        .success();
    let out = igp(dir.path())
        .args(["calendar", "example.xlsx", "-o", "example.ics"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let ics = std::fs::read(dir.path().join("example.ics")).unwrap();
    let ev = events(&ics);
    // Its dated steps (the example's dates follow today's), and the quarterly review.
    let steps: Vec<_> = ev.iter().filter(|e| e.2.is_none()).collect();
    assert!(steps.len() >= 2, "{ev:#?}");
    assert!(steps.iter().all(|e| e.1.len() == 8 && e.0.contains(": ")));
    let review = ev.iter().find(|e| e.0.starts_with("Quarterly")).unwrap();
    assert_eq!(review.2.as_deref(), Some("FREQ=MONTHLY;INTERVAL=3"));
    let mut uids: Vec<_> = ev.iter().map(|e| &e.3).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), ev.len(), "one UID per event");
}

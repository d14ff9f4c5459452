//! Every output igp writes keeps plan text as text: no CSV cell a spreadsheet would run as
//! a formula, no Markdown row broken by a `|` or a line break, no HTML or XML markup from a
//! plan, JSON that gives the text back exactly. A table of hostile prefixes and texts, run
//! through each writer: the plan writers (csv, md, html, json) and the check reports (csv,
//! markdown, junit, sarif, json).

mod common;

use common::igp;
use igp::finding::{self, Finding};
use igp::model::Plan;
use igp::report::{render as report, Batch, PlanReport, ReportFormat};
use igp::write::{render, Format, WriteOptions};

/// What a spreadsheet runs as a formula (OWASP's list), and the guard's own `'`.
const PREFIXES: [&str; 7] = ["=", "+", "-", "@", "\t", "\r", "'"];

/// A text of each prefix: a formula that would open a link.
fn hostile(prefix: &str) -> String {
    format!("{prefix}HYPERLINK(\"http://evil.example\",\"click\")")
}

/// Whether a spreadsheet opening a CSV field would run it.
fn runs(field: &str) -> bool {
    field.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn parse_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// A plan with `text` in every kind of text cell the canonical layout writes.
fn plan_with(text: &str) -> Plan {
    let mut plan = igp::template::example();
    plan.owner.name = Some(text.to_string());
    plan.owner.team = Some(text.to_string());
    plan.inspiration[0].answer = Some(text.to_string());
    plan.role.target_role = Some(text.to_string());
    plan.role.answers[1].answer = Some(text.to_string());
    plan.goals[0].set_field("skill", Some(text.to_string()));
    plan.goals[0].set_field("challenges", Some(text.to_string()));
    plan.goals[1].set_field("action_steps", Some(text.to_string()));
    for g in &mut plan.goals {
        g.extra.insert(text.to_string(), Some(text.to_string()));
    }
    plan.tracking[0].item = Some(text.to_string());
    plan.tracking[1].notes = Some(text.to_string());
    plan
}

#[test]
fn the_plan_csv_guards_every_text_cell_for_every_prefix() {
    for prefix in PREFIXES {
        let text = hostile(prefix);
        let plan = plan_with(&text);
        let bytes = render(&plan, &[], Format::Csv, WriteOptions::default()).unwrap();
        let rows = parse_csv(&bytes);
        let fields: Vec<&String> = rows.iter().flatten().collect();
        for f in &fields {
            assert!(!runs(f), "{prefix:?}: a field runs: {f:?}");
        }
        // Each cell holding the text is guarded, with one `'` and nothing else changed:
        // eight answers, the extra column's header and its value in each goal, two
        // checklist cells.
        let cells = 8 + 1 + plan.goals.len() + 2;
        let guarded = format!("'{text}");
        let count = fields.iter().filter(|f| ***f == guarded).count();
        assert_eq!(count, cells, "{prefix:?}");
        // Unguarded on request: the text as it is.
        let raw = render(
            &plan,
            &[],
            Format::Csv,
            WriteOptions {
                csv_guard: false,
                ..WriteOptions::default()
            },
        )
        .unwrap();
        let raw_fields = parse_csv(&raw);
        assert_eq!(
            raw_fields.iter().flatten().filter(|f| **f == text).count(),
            cells,
            "{prefix:?}"
        );
    }
}

#[test]
fn the_guard_is_read_back_off_so_the_round_trip_holds() {
    // Tab and CR at the start of a cell are trimmed by any reader, so only the others can
    // come back unchanged.
    let dir = tempfile::tempdir().unwrap();
    for prefix in ["=", "+", "-", "@", "'", "''"] {
        let plan = plan_with(&hostile(prefix));
        let bytes = render(&plan, &[], Format::Csv, WriteOptions::default()).unwrap();
        let path = dir.path().join("plan.csv");
        std::fs::write(&path, bytes).unwrap();
        let back = igp::read::read_plan(&[path], &Default::default())
            .unwrap()
            .plan;
        assert_eq!(back.content(), plan.content(), "{prefix:?}");
    }
}

/// A batch of one plan with `text` as its path, owner, sheet and message.
fn report_batch(text: &str) -> Batch {
    let finding = Finding::new(finding::G006, text.to_string())
        .at(text, "F26")
        .goal(1);
    Batch {
        plans: vec![
            PlanReport {
                path: text.to_string(),
                owner: Some(text.to_string()),
                goals: 1,
                findings: vec![finding.clone(), Finding::new(finding::P005, "no name")],
                goal_rows: Vec::new(),
            },
            PlanReport {
                path: "plans/clean.csv".into(),
                owner: None,
                goals: 2,
                findings: Vec::new(),
                goal_rows: Vec::new(),
            },
        ],
        elapsed: std::time::Duration::ZERO,
    }
}

#[test]
fn the_csv_report_guards_every_text_column_for_every_prefix() {
    for prefix in PREFIXES {
        let text = hostile(prefix);
        let out = report(&report_batch(&text), ReportFormat::Csv, false);
        let rows = parse_csv(out.as_bytes());
        assert_eq!(
            rows[0],
            ["path", "owner", "severity", "code", "name", "sheet", "cell", "goal", "message"]
        );
        assert_eq!(rows.len(), 3, "{prefix:?}: {out}");
        for f in rows.iter().flatten() {
            assert!(!runs(f), "{prefix:?}: a field runs: {f:?}\n{out}");
        }
        let guarded = format!("'{text}");
        let row = &rows[1];
        for (column, i) in [("path", 0), ("owner", 1), ("sheet", 5), ("message", 8)] {
            assert_eq!(row[i], guarded, "{prefix:?}: {column}");
        }
        assert_eq!(
            &row[2..5],
            ["warning", "G006", "placeholder-text"],
            "{prefix:?}"
        );
        assert_eq!((row[6].as_str(), row[7].as_str()), ("F26", "1"));
        // The second finding has no place: its empty fields stay empty.
        assert_eq!(rows[2][1], guarded);
        assert_eq!((rows[2][5].as_str(), rows[2][6].as_str()), ("", ""));
    }
}

#[test]
fn check_format_csv_does_not_write_a_plans_name_as_a_formula() {
    // The issue's case, end to end: a plan whose Name is a formula, in a file whose name is
    // one too (the CSV's sheet is its file name).
    let dir = tempfile::tempdir().unwrap();
    let clean = std::fs::read_to_string(common::fixture("rules/clean.csv")).unwrap();
    let name = "=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")";
    let plan = clean.replace("Name,Rae Clean,", &format!("Name,\"{name}\","));
    assert_ne!(plan, clean);
    std::fs::write(dir.path().join("@plan.csv"), plan).unwrap();
    let out = igp(dir.path())
        // Late enough for P007 (stale review) and G008 (past deadlines): rows to look at.
        .args([
            "check",
            "@plan.csv",
            "--format",
            "csv",
            "--as-of",
            "2027-06-01",
        ])
        .output()
        .unwrap();
    let rows = parse_csv(&out.stdout);
    assert!(rows.len() > 1, "{}", String::from_utf8_lossy(&out.stdout));
    for row in &rows[1..] {
        assert_eq!(row[0], "'@plan.csv");
        assert_eq!(
            row[1], "'=HYPERLINK(\"http://evil.example\",\"click\")",
            "{row:?}"
        );
        for f in row {
            assert!(!runs(f), "{row:?}");
        }
    }
}

/// Splits a GFM table row into its cells: a `|` ends a cell unless escaped by a `\`, and
/// a `\` escapes the character after it.
fn gfm_cells(line: &str) -> Vec<String> {
    let inner = line
        .strip_prefix('|')
        .and_then(|l| l.strip_suffix('|'))
        .unwrap_or_else(|| panic!("not a table row: {line:?}"));
    let mut cells = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    cells.last_mut().unwrap().push(n);
                }
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

/// Every table row of a Markdown text with its number of cells; the rows of one table
/// (lines starting with `|` one after another) must all have their header's count.
fn assert_tables_whole(md: &str, text: &str) {
    let mut width = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            width = None;
            continue;
        }
        let n = gfm_cells(line).len();
        match width {
            None => width = Some(n),
            Some(w) => assert_eq!(n, w, "{text:?}: row {line:?}\n{md}"),
        }
    }
}

/// Texts that would break a Markdown table, or become markup, or a link.
const MARKDOWN_HOSTILE: [&str; 6] = [
    "a | b",
    "a \\| b",
    "two\nlines",
    "carriage\rreturn",
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
];

#[test]
fn markdown_tables_keep_their_columns_and_markup_stays_text() {
    for text in MARKDOWN_HOSTILE {
        // The check report: path, owner and message in tables.
        let md = report(&report_batch(text), ReportFormat::Markdown, false);
        assert_tables_whole(&md, text);
        // The plan report: owner table and findings table.
        let plan = plan_with(text);
        let findings =
            [Finding::new(finding::G006, format!("\"{text}\" says nothing")).at(text, "F26")];
        let md = String::from_utf8(
            render(&plan, &findings, Format::Markdown, WriteOptions::default()).unwrap(),
        )
        .unwrap();
        assert_tables_whole(&md, text);
        for out in [
            &md,
            &report(&report_batch(text), ReportFormat::Markdown, false),
        ] {
            assert!(!out.contains("<script>"), "{out}");
            assert!(!out.contains("[click]("), "{out}");
            assert!(!out.contains('\r'), "{out}");
        }
    }
    // The cells' text is the text, once the escapes are read.
    let md = report(&report_batch("a \\| b"), ReportFormat::Markdown, false);
    let row = md.lines().find(|l| l.contains("G006")).unwrap();
    assert_eq!(gfm_cells(row).last().unwrap(), "a \\| b");
}

#[test]
fn markdown_holds_no_control_character_of_a_plan() {
    // An escape sequence typed into a cell: clear the screen, an OSC 8 link, a bell.
    let text = "Zoë\u{1b}[2J \u{1b}]8;;http://x\u{7}here";
    let plan = plan_with(text);
    let md =
        String::from_utf8(render(&plan, &[], Format::Markdown, WriteOptions::default()).unwrap())
            .unwrap();
    let report_md = report(&report_batch(text), ReportFormat::Markdown, false);
    for out in [&md, &report_md] {
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
        assert!(out.contains("Zoë\u{fffd}\\[2J"), "{out}");
    }
}

/// Texts that would be markup in HTML or XML, and a control character XML cannot hold.
const XML_HOSTILE: &str = "<b>&amp;\"quoted\" 'single' ]]> \u{1} </testcase>";

#[test]
fn html_escapes_plan_text_in_content_and_attributes() {
    let plan = plan_with(XML_HOSTILE);
    let findings = [Finding::new(finding::G006, XML_HOSTILE).at(XML_HOSTILE, "F26")];
    let html =
        String::from_utf8(render(&plan, &findings, Format::Html, WriteOptions::default()).unwrap())
            .unwrap();
    assert!(!html.contains("<b>"), "{html}");
    assert!(!html.contains("</testcase>"));
    assert!(!html.contains('\u{1}'));
    assert!(html.contains("&lt;b&gt;&amp;amp;&quot;quoted&quot; &#39;single&#39; ]]&gt;"));
    // Every tag in the page is one igp writes.
    let tags: std::collections::BTreeSet<&str> = html
        .split('<')
        .skip(1)
        .map(|t| {
            t.split([' ', '>', '\n'])
                .next()
                .unwrap()
                .trim_start_matches('/')
        })
        .collect();
    for tag in tags {
        assert!(
            [
                "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2", "table",
                "tr", "th", "td", "thead", "tbody", "dl", "dt", "dd", "span", "ol", "li", "ul",
                "p"
            ]
            .contains(&tag),
            "unexpected tag {tag:?}"
        );
    }
}

/// Every text and attribute value of an XML document, unescaped; panics on malformed XML.
fn xml_texts(xml: &str) -> Vec<String> {
    use quick_xml::escape::unescape;
    use quick_xml::events::{BytesStart, Event};
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut text = String::new();
    let mut depth = 0i32;
    let attributes = |e: &BytesStart, out: &mut Vec<String>| {
        for a in e.attributes() {
            let a = a.expect("a well-formed attribute");
            let raw: &str = &a.value;
            out.push(unescape(raw).expect("known entities").into_owned());
        }
    };
    loop {
        let event = reader.read_event().expect("well-formed XML");
        if !matches!(event, Event::Text(_) | Event::GeneralRef(_)) && !text.is_empty() {
            out.push(unescape(&text).expect("known entities").into_owned());
            text.clear();
        }
        match event {
            Event::Start(e) => {
                depth += 1;
                attributes(&e, &mut out);
            }
            Event::Empty(e) => attributes(&e, &mut out),
            Event::End(_) => depth -= 1,
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                text.push('&');
                text.push_str(&r.xml10_content());
                text.push(';');
            }
            Event::CData(_) => panic!("no CDATA expected"),
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0);
    out
}

#[test]
fn junit_is_well_formed_xml_that_gives_the_text_back() {
    let out = report(&report_batch(XML_HOSTILE), ReportFormat::Junit, false);
    let texts = xml_texts(&out);
    // The control character XML 1.0 cannot hold is replaced; everything else comes back.
    let expected = XML_HOSTILE.replace('\u{1}', "\u{FFFD}");
    assert!(
        texts
            .iter()
            .any(|t| *t == format!("{expected} ({expected})")),
        "{texts:?}"
    );
    assert!(texts
        .iter()
        .any(|t| t.contains(&format!("warning[G006]: {expected}"))));
    assert!(!out.contains('\u{1}'));
}

#[test]
fn json_and_sarif_give_the_text_back_exactly() {
    let text = format!("{XML_HOSTILE} \\ \n \t \u{7f} \u{2028} 😀");
    let batch = report_batch(&text);
    let json: serde_json::Value =
        serde_json::from_str(&report(&batch, ReportFormat::Json, false)).unwrap();
    let p = &json["plans"][0];
    assert_eq!(p["path"], text.as_str());
    assert_eq!(p["owner"], text.as_str());
    assert_eq!(p["findings"][0]["message"], text.as_str());
    assert_eq!(p["findings"][0]["sheet"], text.as_str());
    let sarif: serde_json::Value =
        serde_json::from_str(&report(&batch, ReportFormat::Sarif, false)).unwrap();
    let r = &sarif["runs"][0]["results"][0];
    assert_eq!(r["message"]["text"], text.as_str());
    let place = r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
        .as_str()
        .unwrap();
    assert!(place.ends_with("!F26"), "{place}");
    // The plan as JSON: the model, text as it is.
    let plan = plan_with(&text);
    let model: serde_json::Value =
        serde_json::from_slice(&render(&plan, &[], Format::Json, WriteOptions::default()).unwrap())
            .unwrap();
    assert_eq!(model["owner"]["name"], text.as_str());
    assert_eq!(model["goals"][0]["skill"], text.as_str());
}

#[test]
fn the_summary_workbook_writes_plan_text_as_strings() {
    // The xlsx summary is the other table a people team opens: no cell there is a formula.
    let dir = tempfile::tempdir().unwrap();
    let clean = std::fs::read_to_string(common::fixture("rules/clean.csv")).unwrap();
    let plan = clean.replace("Name,Rae Clean,", "Name,\"=1+1\",").replace(
        "Mentoring,Mentoring guide",
        "\"=HYPERLINK(\"\"http://evil.example\"\")\",Mentoring guide",
    );
    std::fs::write(dir.path().join("=plan.csv"), plan).unwrap();
    igp(dir.path())
        .args(["check", "=plan.csv", "--summary", "s.xlsx", "-q"])
        .assert()
        .code(predicates::ord::le(1));
    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(dir.path().join("s.xlsx")).unwrap()).unwrap();
    // Constant-memory worksheets hold their strings inline: look at every part.
    let mut sheets = 0;
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
        if name.starts_with("xl/worksheets/sheet") {
            sheets += 1;
            assert!(!xml.contains("<f>") && !xml.contains("<f "), "{name}");
        }
        all.push_str(&xml);
    }
    assert!(sheets >= 3);
    assert!(all.contains("=1+1") && all.contains("=plan.csv"));
}

#[test]
fn the_csv_report_of_no_finding_is_its_header() {
    // A batch of clean plans, and no plan at all: the header row alone, so that the file
    // still opens as a table with its columns.
    let header = "path,owner,severity,code,name,sheet,cell,goal,message\n";
    let clean = Batch {
        plans: report_batch("x").plans.split_off(1),
        elapsed: std::time::Duration::ZERO,
    };
    assert_eq!(report(&clean, ReportFormat::Csv, false), header);
    assert_eq!(report(&Batch::default(), ReportFormat::Csv, false), header);
}

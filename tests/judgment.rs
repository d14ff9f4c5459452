//! Agreement of G005 and G006 with labelled sets of action steps and cells
//! (tests/judgment/*.tsv), written and labelled by hand from the rules' decision
//! procedures: the first set (steps.tsv, cells.tsv) before the rules' code, the held-out
//! set (*-holdout.tsv) after it, each before igp ran on it. The real rules run on every
//! row, through the registry; every disagreement is printed (`cargo test --test judgment
//! -- --nocapture`), and each rule must agree on at least 97% of the rows of each set.

use igp::finding::Severity;
use igp::model::{Answer, Goal, Plan};
use igp::rules::{self, Context, Settings};

const STEPS: &str = include_str!("judgment/steps.tsv");
const CELLS: &str = include_str!("judgment/cells.tsv");
const STEPS_HELD_OUT: &str = include_str!("judgment/steps-holdout.tsv");
const CELLS_HELD_OUT: &str = include_str!("judgment/cells-holdout.tsv");
const PROBES: &str = include_str!("judgment/probes.txt");
const CELL_PROBES: &str = include_str!("judgment/cell-probes.txt");
const AGREEMENT: f64 = 0.97;

/// The rows of a labelled file: its lines that are neither comments nor blank, split at tabs.
fn rows(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect()
}

/// What a rule says about a plan: its findings of `code`.
fn run(code: &str, plan: &Plan) -> Vec<igp::finding::Finding> {
    let rule = rules::rule(code).expect("the rule exists");
    let settings = Settings::default();
    let ctx = Context {
        plan,
        settings: &settings,
        sections: &[],
    };
    let mut out = Vec::new();
    (rule.check.expect("a G rule has a check"))(&ctx, &mut out);
    out.into_iter().filter(|f| f.code == code).collect()
}

fn goal_with(field: &str, text: &str) -> Goal {
    let mut g = Goal {
        index: 1,
        skill: Some("Growth".to_string()),
        ..Default::default()
    };
    let value = Some(text.to_string());
    match field {
        "action_steps" => {
            g.action_steps = igp::model::split_steps(text);
            g.action_steps_text = value;
        }
        "resources" => g.resources = value,
        "career_support" => g.career_support = value,
        "network" => g.network = value,
        "challenges" => g.challenges = value,
        other => panic!("unknown column {other}"),
    }
    g
}

/// Prints the agreement of one rule on one set, and its disagreements.
fn report(rule: &str, total: usize, misses: &[String]) {
    let agreement = (total - misses.len()) as f64 / total as f64;
    println!(
        "{rule}: {} of {total} rows agree ({:.1}%); {} disagreements:",
        total - misses.len(),
        agreement * 100.0,
        misses.len()
    );
    for m in misses {
        println!("  {m}");
    }
}

/// G005's disagreements with labelled steps: (rows, disagreements).
fn g005_misses(text: &str) -> (usize, Vec<String>) {
    let rows = rows(text);
    let mut misses = Vec::new();
    for row in &rows {
        let [label, step] = row[..] else {
            panic!("a step row is label TAB step: {row:?}");
        };
        let plan = Plan {
            goals: vec![goal_with("action_steps", step)],
            ..Plan::empty()
        };
        let found = run("G005", &plan);
        let said = match found.iter().map(|f| f.severity).max() {
            None => "measurable",
            Some(Severity::Info) => "borderline",
            Some(_) => "unmeasurable",
        };
        if said != label {
            let message = found.first().map_or("", |f| f.message.as_str());
            misses.push(format!(
                "labelled {label}, igp says {said}: {step}  [{message}]"
            ));
        }
    }
    (rows.len(), misses)
}

/// The fields G006 flags in a plan holding one cell of `column` (a goal column, or
/// "answer" for an answer of Sections 1 and 2): none when the cell is content.
fn g006_flags(column: &str, text: &str) -> Vec<&'static str> {
    let plan = if column == "answer" {
        Plan {
            inspiration: vec![Answer {
                question: "How do you like to learn?".to_string(),
                answer: Some(text.to_string()),
                cell: None,
            }],
            ..Plan::empty()
        }
    } else {
        Plan {
            goals: vec![goal_with(column, text)],
            ..Plan::empty()
        }
    };
    run("G006", &plan)
        .iter()
        .map(|f| match f.target {
            Some(igp::finding::Target::Goal(_, key)) => key,
            _ => "answer",
        })
        .collect()
}

/// What G006 says of a cell.
fn g006_says(column: &str, text: &str) -> &'static str {
    if g006_flags(column, text).is_empty() {
        "content"
    } else {
        "placeholder"
    }
}

/// G006's disagreements with labelled cells: (rows, disagreements).
fn g006_misses(text: &str) -> (usize, Vec<String>) {
    let rows = rows(text);
    let mut misses = Vec::new();
    for row in &rows {
        let [label, column, text] = row[..] else {
            panic!("a cell row is label TAB column TAB text: {row:?}");
        };
        let said = g006_says(column, text);
        if said != label {
            misses.push(format!(
                "labelled {label}, igp says {said}: [{column}] {text}"
            ));
        }
    }
    (rows.len(), misses)
}

/// Reports a rule on the first and the held-out set; returns its agreement on both.
fn agreement(rule: &str, first: (usize, Vec<String>), held_out: (usize, Vec<String>)) -> f64 {
    report(&format!("{rule} on the first set"), first.0, &first.1);
    report(
        &format!("{rule} on the held-out set"),
        held_out.0,
        &held_out.1,
    );
    let total = first.0 + held_out.0;
    let agree = total - first.1.len() - held_out.1.len();
    println!(
        "{rule} on both: {agree} of {total} rows agree ({:.1}%)",
        agree as f64 / total as f64 * 100.0
    );
    // Each set on its own: the held-out set, written after the rules, must not hide behind
    // the larger first set.
    let rate = |(n, misses): &(usize, Vec<String>)| (n - misses.len()) as f64 / *n as f64;
    rate(&first).min(rate(&held_out))
}

#[test]
fn g005_agrees_with_the_labelled_steps() {
    assert!(rows(STEPS).len() >= 300, "{} steps", rows(STEPS).len());
    let a = agreement("G005", g005_misses(STEPS), g005_misses(STEPS_HELD_OUT));
    assert!(
        a >= AGREEMENT,
        "G005 agrees on less than 97% of the labelled steps of one set"
    );
}

#[test]
fn g006_agrees_with_the_labelled_cells() {
    assert!(rows(CELLS).len() >= 150, "{} cells", rows(CELLS).len());
    let a = agreement("G006", g006_misses(CELLS), g006_misses(CELLS_HELD_OUT));
    assert!(
        a >= AGREEMENT,
        "G006 agrees on less than 97% of the labelled cells of one set"
    );
}

/// Every step's whole judgment (what is missing, or the question asked; not only the
/// label), for the labelled steps and the probes: a change to G005's procedure shows as a
/// snapshot diff to review, even where the agreement above still holds.
#[test]
fn g005_judgments_are_as_reviewed() {
    use std::fmt::Write as _;
    let mut out = String::new();
    let labelled = rows(STEPS).into_iter().chain(rows(STEPS_HELD_OUT));
    let steps = labelled.map(|row| row[1]).chain(
        PROBES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty()),
    );
    for text in steps {
        for step in igp::model::split_steps(text) {
            let _ = writeln!(out, "{step}\t{:?}", igp::rules::measurable::judge(&step));
        }
    }
    insta::assert_snapshot!("g005_judgments", out);
}

/// Every labelled cell's verdict and the cell probes', the same way.
#[test]
fn g006_verdicts_are_as_reviewed() {
    use std::fmt::Write as _;
    let mut out = String::new();
    let labelled = rows(CELLS).into_iter().chain(rows(CELLS_HELD_OUT));
    let cells = labelled
        .map(|row| (row[1].to_string(), row[2].replace("\\n", "\n")))
        .chain(rows(CELL_PROBES).into_iter().map(|row| {
            let [column, text] = row[..] else {
                panic!("a probe is column TAB text: {row:?}");
            };
            (column.to_string(), text.replace("\\n", "\n"))
        }));
    for (column, text) in cells {
        let flags = g006_flags(&column, &text);
        let verdict = if flags.is_empty() {
            "content".to_string()
        } else if column == "answer" {
            "placeholder".to_string()
        } else {
            format!("placeholder in {}", flags.join(", "))
        };
        let _ = writeln!(out, "[{column}] {}\t{verdict}", text.replace('\n', "\\n"));
    }
    insta::assert_snapshot!("g006_verdicts", out);
}

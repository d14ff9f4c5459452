//! The labelled sets of G005 and G006 and their figures, shared by tests/judgment.rs (which
//! gates them) and examples/judgment_figures.rs (which prints them).

use igp::rules::model::{self, Figures, Labelled};
use std::path::{Path, PathBuf};

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A labelled set: its name and rows.
pub struct Set {
    pub name: String,
    pub rows: Vec<Labelled>,
}

/// The rows of the earlier sets (tests/judgment/*.tsv: `label TAB text` for steps, `label
/// TAB column TAB text` for cells). Their third label, borderline (a step the earlier rules
/// asked about: an unnamed course, an open-ended activity), is what the corpus's labelling
/// rule 7 calls unmeasurable.
fn earlier(path: &Path) -> Vec<Labelled> {
    let text = std::fs::read_to_string(path).expect("the earlier set is there");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let (label, column, text) = match f.as_slice() {
                [label, text] => (*label, "action_steps", *text),
                [label, column, text] => (*label, *column, *text),
                _ => panic!("{}: a row of 2 or 3 fields: {l}", path.display()),
            };
            let label = if label == "borderline" {
                "unmeasurable"
            } else {
                label
            };
            Labelled {
                label: label.into(),
                column: column.into(),
                text: text.into(),
                role: String::new(),
                lang: String::new(),
                author: "earlier".into(),
                split: "earlier".into(),
            }
        })
        .collect()
}

/// Every set: the corpus's train, dev and test splits for steps and cells, and the earlier
/// sets. The test split is absent until it is written.
pub fn sets() -> Vec<Set> {
    let data = root().join("data/judgment");
    let mut out = Vec::new();
    for kind in ["steps", "cells"] {
        let rows = model::read_labelled(&data, &format!("{kind}-")).expect("the corpus reads");
        for split in ["train", "dev"] {
            out.push(Set {
                name: format!("{kind} {split}"),
                rows: rows.iter().filter(|r| r.split == split).cloned().collect(),
            });
        }
        let test =
            model::read_labelled(&data, &format!("test-{kind}-")).expect("the test split reads");
        if !test.is_empty() {
            out.push(Set {
                name: format!("{kind} test"),
                rows: test,
            });
        }
    }
    let earlier_dir = root().join("tests/judgment");
    for (name, file) in [
        ("steps earlier", "steps.tsv"),
        ("steps earlier held-out", "steps-holdout.tsv"),
        ("cells earlier", "cells.tsv"),
        ("cells earlier held-out", "cells-holdout.tsv"),
    ] {
        out.push(Set {
            name: name.into(),
            rows: earlier(&earlier_dir.join(file)),
        });
    }
    out
}

/// The table of figures, one line a set.
pub fn table(figures: &[(String, Figures)]) -> String {
    let mut s = format!(
        "{:<26} {:>6} {:>16} {:>10} {:>10} {:>10}\n",
        "set", "rows", "verdicts agree", "questions", "procedure", "model"
    );
    for (name, f) in figures {
        s.push_str(&format!(
            "{:<26} {:>6} {:>15.1}% {:>9.1}% {:>9.1}% {:>9.1}%\n",
            name,
            f.rows,
            100.0 * f.agreement(),
            100.0 * f.questions(),
            100.0 * f.procedure_right as f64 / f.rows.max(1) as f64,
            100.0 * f.model_right as f64 / f.rows.max(1) as f64,
        ));
    }
    s
}

//! The labelled sets of G005 and G006 and their figures, shared by tests/judgment.rs (which
//! gates them) and examples/judgment_figures.rs (which prints them).

use igp::rules::model::{self, Figures, Labelled};
use std::path::PathBuf;

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A labelled set: its name and rows.
pub struct Set {
    pub name: String,
    pub rows: Vec<Labelled>,
}

/// Every set: the corpus's train, dev and test splits for steps and cells, and the earlier
/// sets (data/judgment/earlier/, learned from too). The test split is absent until it is written.
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
    let earlier = data.join("earlier");
    for (name, file) in [
        ("steps earlier (trained on)", "steps.tsv"),
        ("steps earlier held-out (tr.)", "steps-holdout.tsv"),
        ("cells earlier (trained on)", "cells.tsv"),
        ("cells earlier held-out (tr.)", "cells-holdout.tsv"),
    ] {
        let text = std::fs::read_to_string(earlier.join(file)).expect("the earlier set is there");
        out.push(Set {
            name: name.into(),
            rows: model::parse_labelled(&text).expect("the earlier set parses"),
        });
    }
    out
}

/// The table of figures, one line a set.
pub fn table(figures: &[(String, Figures)]) -> String {
    let mut s = format!(
        "{:<30} {:>6} {:>16} {:>10} {:>10} {:>10}\n",
        "set", "rows", "verdicts agree", "questions", "procedure", "model"
    );
    for (name, f) in figures {
        s.push_str(&format!(
            "{:<30} {:>6} {:>15.1}% {:>9.1}% {:>9.1}% {:>9.1}%\n",
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

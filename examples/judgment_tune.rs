//! The dev split's figures for a grid of training settings and of model margins: how the
//! settings in src/rules/model.rs (`Training::default`, `MARGIN`) were chosen (the grid
//! of epochs 10/20/40, rates 0.2/0.5/1.0 and L2 0/1e-6/1e-5 moved the model alone by at
//! most 1.3 points; the default is in the middle). Uses the train and dev splits only,
//! never the test split.
//!
//! ```text
//! cargo run --release --example judgment_tune
//! ```

use igp::rules::model::{self, Labelled, Training};
use std::path::Path;

fn main() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/judgment");
    for prefix in ["steps-", "cells-"] {
        let rows = model::read_labelled(&data, prefix).unwrap();
        let earlier =
            model::read_labelled(&data.join("earlier"), prefix.trim_end_matches('-')).unwrap();
        let train: Vec<_> = rows
            .iter()
            .chain(&earlier)
            .filter(|r| r.split == "train")
            .map(Labelled::example)
            .collect();
        let dev: Vec<&Labelled> = rows.iter().filter(|r| r.split == "dev").collect();
        for epochs in [10, 20, 40] {
            for rate in [0.2, 0.5, 1.0] {
                for l2 in [0.0, 1e-6, 1e-5] {
                    let m = model::train(&train, Training { epochs, rate, l2 });
                    let right = dev
                        .iter()
                        .filter(|r| (m.probability(&r.text, &r.column) >= 0.5) == r.fails())
                        .count();
                    println!(
                        "{prefix} epochs {epochs:>2} rate {rate:.1} l2 {l2:.0e}: model alone {:.1}% of {}",
                        100.0 * right as f64 / dev.len() as f64,
                        dev.len()
                    );
                }
            }
        }
        // The margins: the model raises a question against a procedure that passes the text
        // only at `up` or more above one half, and doubts a procedure that fails it only at
        // `down` or more below.
        let judged: Vec<(bool, f64, bool)> = dev
            .iter()
            .map(|r| {
                let (_, procedure, p) = model::verdict_of(r);
                (procedure, p, r.fails())
            })
            .collect();
        for up in [0.0, 0.1, 0.2, 0.3, 0.4] {
            for down in [0.0, 0.1, 0.2, 0.3, 0.4] {
                let (mut decided, mut right, mut asked) = (0, 0, 0);
                for &(procedure, p, fails) in &judged {
                    let doubt = if procedure {
                        p <= 0.5 - down
                    } else {
                        p >= 0.5 + up
                    };
                    if doubt {
                        asked += 1;
                    } else {
                        decided += 1;
                        right += usize::from(procedure == fails);
                    }
                }
                println!(
                    "{prefix} up {up:.1} down {down:.1}: verdicts agree {:.1}%, questions {:.1}%",
                    100.0 * right as f64 / decided as f64,
                    100.0 * asked as f64 / dev.len() as f64
                );
            }
        }
    }
}

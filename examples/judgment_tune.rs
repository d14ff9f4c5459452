//! The dev split's figures for a grid of training settings and model margins: how the
//! settings in src/rules/model.rs (`Training::default`, `MARGIN`) were chosen. Uses the
//! train and dev splits only, never the test split.
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
        let train: Vec<_> = rows
            .iter()
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
    }
}

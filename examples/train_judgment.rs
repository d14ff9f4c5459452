//! Trains the models of G005 and G006 from the labelled data in `data/judgment/` and writes
//! their weights to `data/judgment/model/{steps,cells}.bin`, which the library includes.
//!
//! ```text
//! cargo run --release --example train_judgment
//! ```
//!
//! Only the train split is learned from; the same data gives the same bytes
//! (tests/judgment.rs trains again and compares).

use std::path::Path;

fn main() -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/judgment");
    let (steps, cells) = igp::rules::model::train_from(&root)?;
    for (name, model) in [("steps", steps), ("cells", cells)] {
        let path = root.join("model").join(format!("{name}.bin"));
        std::fs::write(&path, model.to_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

//! Replays every input kept in fuzz/regressions and the fuzz seed corpora through the fuzz
//! entry points: each must return without a panic.

use std::path::PathBuf;

fn inputs(folder: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(folder);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

#[test]
fn regressions_and_seeds_do_not_panic() {
    let mut n = 0;
    for folder in [
        "regressions",
        "corpus/workbook",
        "corpus/delimited",
        "corpus/locate",
    ] {
        for (path, bytes) in inputs(folder) {
            eprintln!("{}", path.display());
            igp::fuzzing::file(&bytes);
            igp::fuzzing::delimited(&bytes);
            igp::fuzzing::grid(&bytes);
            n += 1;
        }
    }
    assert!(n > 20, "the seed corpora are in fuzz/corpus");
}

#[test]
fn the_grid_target_reaches_the_locator() {
    // Cells spelling a goals table header and one goal row through the vocabulary kind.
    let mut data = Vec::new();
    for (col, word) in [24u8, 25, 26, 27, 28, 29].iter().enumerate() {
        data.extend([0, 3, col as u8, 1, *word]);
    }
    data.extend([0, 4, 0, 0, 5]);
    data.extend(b"Skill");
    igp::fuzzing::grid(&data);
}

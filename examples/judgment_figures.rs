//! Prints how G005 and G006 agree with every labelled set (bench/judgment.sh runs it):
//! the share of verdicts (a warning, or no finding) that agree with the labels, the share
//! of rows asked about (info), and how the procedure alone and the model alone do.
//! `--misses` also lists every row with a wrong verdict or a question.

#[path = "../tests/judgment/figures.rs"]
mod figures;

fn main() {
    let misses = std::env::args().any(|a| a == "--misses");
    let mut rows = Vec::new();
    for set in figures::sets() {
        let (f, wrong) = igp::rules::model::evaluate(&set.rows);
        if misses {
            println!("## {}", set.name);
            for (row, verdict, p) in wrong {
                println!(
                    "{:?}\tp={p:.2}\t{}\t{}\t{}",
                    verdict, row.label, row.column, row.text
                );
            }
        }
        rows.push((set.name, f));
    }
    print!("{}", figures::table(&rows));
}

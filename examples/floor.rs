//! The floor of the benchmark: the least a program must do to check plans, which is to open
//! each file with calamine or csv and touch every cell. No locating, no rules, no report.
//!
//! cargo run --release --example floor -- DIR THREADS

use calamine::{open_workbook_auto, Data, Reader};
use rayon::prelude::*;

// The allocator igp uses: the floor and igp differ in their own work only.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn touch(path: &std::path::Path) -> usize {
    let mut n = 0;
    if path.extension().is_some_and(|e| e == "csv") {
        let Ok(mut rdr) = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(path)
        else {
            return 0;
        };
        for rec in rdr.records().flatten() {
            n += rec.iter().map(str::len).sum::<usize>();
        }
        return n;
    }
    let Ok(mut wb) = open_workbook_auto(path) else {
        return 0;
    };
    for name in wb.sheet_names() {
        if let Ok(range) = wb.worksheet_range(&name) {
            for cell in range.used_cells() {
                n += match cell.2 {
                    Data::String(s) => s.len(),
                    Data::Empty => 0,
                    _ => 1,
                };
            }
        }
    }
    n
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: floor DIR THREADS")?;
    let threads: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(0);
    let mut files: Vec<_> = std::fs::read_dir(&dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let bytes: usize = pool.install(|| files.par_iter().map(|f| touch(f)).sum());
    println!("{} files, {bytes} bytes of cell text", files.len());
    Ok(())
}

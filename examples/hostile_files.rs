//! Writes the files made to hurt (tests/common/hostile_files.rs) into a folder, one name
//! a line on stdout with what igp must do: bench/hostile.sh measures what each costs.
//!
//! `cargo run --release --example hostile_files -- DIR`

#[path = "../tests/common/hostile_files.rs"]
mod hostile_files;

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: hostile_files DIR");
        std::process::exit(2);
    };
    let dir = std::path::PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        std::process::exit(2);
    }
    for file in hostile_files::all() {
        file.write(&dir);
        let expect = match file.expect {
            hostile_files::Expect::Refused(flag) => format!("refused ({flag})"),
            hostile_files::Expect::Read | hostile_files::Expect::ReadInBench => "read".to_string(),
        };
        println!("{}\t{}\t{}", file.name, expect, file.holds);
    }
}

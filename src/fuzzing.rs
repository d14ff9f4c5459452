//! Entry points for the fuzz targets (fuzz/) and their regression tests: each takes
//! arbitrary bytes, runs a reader and the rules on them, and throws the result away. They
//! must return, whatever the bytes; a panic here is a bug.

use crate::layout::{self, Section};
use crate::read::grid::{Grid, Value};
use crate::read::{self, ReadOptions, Reading};
use crate::rules::{self, Settings};
use std::path::Path;

/// Panics of calamine inside the guarded workbook reader become errors, as in the CLI;
/// every other panic still reaches the fuzzer's hook and is a crash.
fn install_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !read::workbook::in_guarded_reader() {
                fuzzer_hook(info);
            }
        }));
    });
}

fn check(reading: &Reading) {
    let _ = rules::check(reading, &Settings::default());
}

/// Any bytes as a file of unknown type.
pub fn file(data: &[u8]) {
    install_hook();
    if let Ok(reading) = read::read_plan_bytes(Path::new("fuzz"), data, &ReadOptions::default()) {
        check(&reading);
        for format in crate::write::Format::ALL {
            let _ = crate::write::render(&reading.plan, &[], format, Default::default());
        }
    }
}

/// Any bytes as delimited text.
pub fn delimited(data: &[u8]) {
    let options = ReadOptions::default();
    let Ok((text, _)) = read::delimited::decode(data) else {
        return;
    };
    if let Ok(grid) = read::delimited::parse(&text, "fuzz.csv", &options.limits) {
        locate(vec![grid]);
    }
}

/// The sheet's own words, so that the fuzzer reaches the locator's paths quickly.
fn vocabulary() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Section::ALL.iter().map(|s| s.title()).collect();
    v.extend(layout::OwnerField::ALL.iter().map(|f| f.label()));
    v.extend(layout::INSPIRATION_QUESTIONS);
    v.extend(layout::ROLE_QUESTIONS);
    v.extend([layout::DIRECTION_LABEL, layout::TARGET_ROLE_LABEL]);
    v.extend(layout::GOAL_COLUMNS.iter().map(|c| c.header));
    v.extend(layout::TRACKING_HEADERS);
    v.extend(layout::TRACKING_ITEMS);
    v.extend(layout::DIRECTIONS.iter().map(|(_, t)| *t));
    v.extend([
        "TRUE",
        "FALSE",
        "x",
        "✓",
        "#REF!",
        "1/15/2026",
        "TBD",
        "• a\n• b",
    ]);
    v
}

/// Bytes read as cells: each cell is `[sheet, row, col, kind, len, text...]`; kind picks
/// text, a word of the sheet's vocabulary, a number, a boolean, an error or a date.
pub fn grid(data: &[u8]) {
    let words = vocabulary();
    let mut grids: Vec<Grid> = (0..3).map(|i| Grid::new(format!("Sheet{i}"))).collect();
    let mut rest = data;
    while rest.len() >= 5 {
        let (head, tail) = rest.split_at(5);
        let len = (head[4] as usize).min(tail.len());
        let (text, tail) = tail.split_at(len);
        rest = tail;
        let text = String::from_utf8_lossy(text);
        let value = match head[3] % 6 {
            0 => Value::text(&text),
            1 => Value::text(words[head[4] as usize % words.len()]),
            2 => Some(Value::Number(f64::from(head[4]) * 997.0 - 3.0)),
            3 => Some(Value::Bool(head[4] % 2 == 0)),
            4 => Some(Value::Error("#N/A".into())),
            _ => chrono::NaiveDate::from_num_days_from_ce_opt(700_000 + i32::from(head[4]) * 50)
                .map(Value::Date),
        };
        if let Some(v) = value {
            grids[head[0] as usize % 3].set(u32::from(head[1]), u32::from(head[2] % 12), v);
        }
    }
    locate(grids);
}

fn locate(grids: Vec<Grid>) {
    let located = read::locate::locate(&grids, &[]);
    let reading = Reading {
        plan: located.plan,
        findings: located.findings,
        sections: located.sections,
    };
    check(&reading);
}

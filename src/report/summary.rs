//! The xlsx summary of a batch (`igp check --summary FILE.xlsx`): sheets Plans (one row per
//! plan), Goals (every goal of every plan, an Excel table with filters), Findings (one row
//! per finding), and Rules with a chart of findings per rule.

use super::Batch;
use crate::finding::Severity;
use rust_xlsxwriter::{
    Chart, ChartType, Color, Format, Table, TableColumn, Workbook, Worksheet, XlsxError,
};

/// Writes the summary workbook into memory.
///
/// # Errors
///
/// When rust_xlsxwriter refuses a value.
pub fn write(batch: &Batch) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(0x3B3F8F));
    // Goals are one line each, as a table to filter: the cells keep their line breaks.

    let ws = wb.add_worksheet();
    ws.set_name("Plans")?;
    let cols = [
        "Path", "Owner", "Status", "Goals", "Errors", "Warnings", "Infos",
    ];
    header(ws, &cols, &head, &[44, 24, 10, 8, 8, 10, 8])?;
    for (i, p) in batch.plans.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &p.path)?;
        ws.write_string(r, 1, p.owner.as_deref().unwrap_or(""))?;
        ws.write_string(r, 2, p.status().as_str())?;
        ws.write_number(r, 3, p.goals as f64)?;
        ws.write_number(r, 4, p.count(Severity::Error) as f64)?;
        ws.write_number(r, 5, p.count(Severity::Warning) as f64)?;
        ws.write_number(r, 6, p.count(Severity::Info) as f64)?;
    }
    ws.autofilter(0, 0, batch.plans.len() as u32, cols.len() as u16 - 1)?;
    ws.set_freeze_panes(1, 0)?;

    let ws = wb.add_worksheet();
    ws.set_name("Goals")?;
    let gcols = [
        ("Path", 36),
        ("Owner", 20),
        ("Goal", 6),
        ("Skill/Behavior", 28),
        ("Resources/support", 32),
        ("Career support", 32),
        ("Action steps", 44),
        ("Steps", 7),
        ("Network", 28),
        ("Challenges", 28),
    ];
    print_setup(ws);
    for (c, (_, w)) in gcols.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let mut r = 0u32;
    for p in &batch.plans {
        for g in &p.goal_rows {
            r += 1;
            ws.write_string(r, 0, &p.path)?;
            ws.write_string(r, 1, p.owner.as_deref().unwrap_or(""))?;
            ws.write_number(r, 2, g.index as f64)?;
            for (c, key) in [
                (3u16, "skill"),
                (4, "resources"),
                (5, "career_support"),
                (6, "action_steps"),
                (8, "network"),
                (9, "challenges"),
            ] {
                ws.write_string(r, c, g.field(key).unwrap_or(""))?;
            }
            ws.write_number(r, 7, g.action_steps.len() as f64)?;
        }
    }
    let columns: Vec<TableColumn> = gcols
        .iter()
        .map(|(h, _)| TableColumn::new().set_header(*h))
        .collect();
    let table = Table::new().set_columns(&columns).set_name("Goals");
    // A table needs at least one data row.
    ws.add_table(0, 0, r.max(1), gcols.len() as u16 - 1, &table)?;
    ws.set_freeze_panes(1, 0)?;

    let ws = wb.add_worksheet();
    ws.set_name("Findings")?;
    let fcols = [
        "Path", "Owner", "Severity", "Code", "Name", "Sheet", "Cell", "Goal", "Message",
    ];
    header(ws, &fcols, &head, &[36, 20, 9, 7, 22, 22, 7, 6, 90])?;
    let mut r = 0u32;
    for (p, f) in batch.findings() {
        r += 1;
        ws.write_string(r, 0, &p.path)?;
        ws.write_string(r, 1, p.owner.as_deref().unwrap_or(""))?;
        ws.write_string(r, 2, f.severity.as_str())?;
        ws.write_string(r, 3, &f.code)?;
        ws.write_string(r, 4, &f.name)?;
        ws.write_string(r, 5, f.sheet.as_deref().unwrap_or(""))?;
        ws.write_string(r, 6, f.cell.as_deref().unwrap_or(""))?;
        if let Some(g) = f.goal {
            ws.write_number(r, 7, g as f64)?;
        }
        ws.write_string(r, 8, &f.message)?;
    }
    ws.autofilter(0, 0, r, fcols.len() as u16 - 1)?;
    ws.set_freeze_panes(1, 0)?;

    let ws = wb.add_worksheet();
    ws.set_name("Rules")?;
    header(ws, &["Code", "Name", "Findings"], &head, &[8, 24, 10])?;
    let mut r = 0u32;
    for rule in crate::rules::RULES {
        let n = batch
            .findings()
            .filter(|(_, f)| f.code == rule.code.code)
            .count();
        if n == 0 {
            continue;
        }
        r += 1;
        ws.write_string(r, 0, rule.code.code)?;
        ws.write_string(r, 1, rule.code.name)?;
        ws.write_number(r, 2, n as f64)?;
    }
    if r > 0 {
        let mut chart = Chart::new(ChartType::Bar);
        chart
            .add_series()
            .set_categories(("Rules", 1, 1, r, 1))
            .set_values(("Rules", 1, 2, r, 2))
            .set_name("Findings")
            .set_format(rust_xlsxwriter::ChartFormat::new().set_solid_fill(
                rust_xlsxwriter::ChartSolidFill::new().set_color(Color::RGB(0x3B3F8F)),
            ));
        chart.title().set_name("Findings per rule");
        chart.legend().set_hidden();
        chart.set_width(720).set_height(24 * r.max(8) + 80);
        ws.insert_chart(0, 4, &chart)?;
    } else {
        ws.write_string(1, 0, "No findings.")?;
    }
    wb.save_to_buffer()
}

fn header(
    ws: &mut Worksheet,
    cols: &[&str],
    format: &Format,
    widths: &[u16],
) -> Result<(), XlsxError> {
    print_setup(ws);
    for (c, h) in cols.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, format)?;
        if let Some(w) = widths.get(c) {
            ws.set_column_width(c as u16, *w)?;
        }
    }
    Ok(())
}

/// Landscape, one page wide, the header row repeated on every page.
fn print_setup(ws: &mut Worksheet) {
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    let _ = ws.set_repeat_rows(0, 0);
}

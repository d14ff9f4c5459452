//! The xlsx summary of a batch (`igp check --summary FILE.xlsx`): sheets Plans (one row per
//! plan), Goals (every goal of every plan, an Excel table with filters), Findings (one row
//! per finding), and Rules with a chart of findings per rule.
//!
//! The three long sheets are written in rust_xlsxwriter's constant-memory mode, row by row
//! as plans arrive, so that the summary of ten thousand plans does not sit in memory.

use super::{PlanReport, Totals};
use crate::finding::Severity;
use rust_xlsxwriter::{
    Chart, ChartType, Color, Format, Table, TableColumn, Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeMap;

const PLANS: usize = 0;
const GOALS: usize = 1;
const FINDINGS: usize = 2;
const RULES: usize = 3;

const PLAN_COLUMNS: [(&str, u16); 7] = [
    ("Path", 44),
    ("Owner", 24),
    ("Status", 10),
    ("Goals", 8),
    ("Errors", 8),
    ("Warnings", 10),
    ("Infos", 8),
];
const GOAL_COLUMNS: [(&str, u16); 10] = [
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
const FINDING_COLUMNS: [(&str, u16); 9] = [
    ("Path", 36),
    ("Owner", 20),
    ("Severity", 9),
    ("Code", 7),
    ("Name", 22),
    ("Sheet", 22),
    ("Cell", 7),
    ("Goal", 6),
    ("Message", 90),
];

/// A summary workbook being written.
pub struct Summary {
    workbook: Workbook,
    plans: u32,
    goals: u32,
    findings: u32,
    per_rule: BTreeMap<&'static str, usize>,
}

impl Summary {
    /// Starts the workbook: its four sheets and their header rows.
    ///
    /// # Errors
    ///
    /// When rust_xlsxwriter cannot set the sheets up (such as no temporary folder).
    pub fn new() -> Result<Summary, XlsxError> {
        let mut workbook = Workbook::new();
        let head = Format::new()
            .set_bold()
            .set_font_color(Color::White)
            .set_background_color(Color::RGB(0x3B3F8F));
        for (name, cols) in [
            ("Plans", &PLAN_COLUMNS[..]),
            ("Goals", &GOAL_COLUMNS[..]),
            ("Findings", &FINDING_COLUMNS[..]),
        ] {
            let ws = workbook.add_worksheet_with_constant_memory()?;
            ws.set_name(name)?;
            print_setup(ws);
            ws.set_freeze_panes(1, 0)?;
            for (c, (h, w)) in cols.iter().enumerate() {
                ws.set_column_width(c as u16, *w)?;
                // The Goals table writes its own header row.
                if name != "Goals" {
                    ws.write_string_with_format(0, c as u16, *h, &head)?;
                } else {
                    ws.write_string(0, c as u16, *h)?;
                }
            }
        }
        let ws = workbook.add_worksheet();
        ws.set_name("Rules")?;
        print_setup(ws);
        for (c, (h, w)) in [("Code", 8), ("Name", 24), ("Findings", 10)]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(0, c as u16, *h, &head)?;
            ws.set_column_width(c as u16, *w)?;
        }
        Ok(Summary {
            workbook,
            plans: 0,
            goals: 0,
            findings: 0,
            per_rule: BTreeMap::new(),
        })
    }

    /// Adds one plan: its row, its goals (the plan's `goal_rows`) and its findings.
    ///
    /// # Errors
    ///
    /// When rust_xlsxwriter refuses a value.
    pub fn plan(&mut self, p: &PlanReport) -> Result<(), XlsxError> {
        let owner = p.owner.as_deref().unwrap_or("");
        self.plans += 1;
        let r = self.plans;
        let ws = self.sheet(PLANS)?;
        ws.write_string(r, 0, &p.path)?;
        ws.write_string(r, 1, owner)?;
        ws.write_string(r, 2, p.status().as_str())?;
        ws.write_number(r, 3, p.goals as f64)?;
        ws.write_number(r, 4, p.count(Severity::Error) as f64)?;
        ws.write_number(r, 5, p.count(Severity::Warning) as f64)?;
        ws.write_number(r, 6, p.count(Severity::Info) as f64)?;

        for g in &p.goal_rows {
            self.goals += 1;
            let r = self.goals;
            let ws = self.sheet(GOALS)?;
            ws.write_string(r, 0, &p.path)?;
            ws.write_string(r, 1, owner)?;
            ws.write_number(r, 2, g.index as f64)?;
            for (c, key) in [
                (3u16, "skill"),
                (4, "resources"),
                (5, "career_support"),
                (6, "action_steps"),
                (8, "network"),
                (9, "challenges"),
            ] {
                if let Some(v) = g.field(key) {
                    ws.write_string(r, c, v)?;
                }
            }
            ws.write_number(r, 7, g.action_steps.len() as f64)?;
        }

        for f in &p.findings {
            self.findings += 1;
            if let Some(rule) = crate::finding::lookup(f.code) {
                *self.per_rule.entry(rule.code).or_default() += 1;
            }
            let r = self.findings;
            let ws = self.sheet(FINDINGS)?;
            ws.write_string(r, 0, &p.path)?;
            ws.write_string(r, 1, owner)?;
            ws.write_string(r, 2, f.severity.as_str())?;
            ws.write_string(r, 3, f.code)?;
            ws.write_string(r, 4, f.name)?;
            ws.write_string(r, 5, f.sheet.as_deref().unwrap_or(""))?;
            ws.write_string(r, 6, f.cell.as_deref().unwrap_or(""))?;
            if let Some(g) = f.goal {
                ws.write_number(r, 7, g as f64)?;
            }
            ws.write_string(r, 8, &f.message)?;
        }
        Ok(())
    }

    /// Ends the workbook: the filters, the Goals table, the Rules sheet and its chart.
    ///
    /// # Errors
    ///
    /// When rust_xlsxwriter cannot assemble the file.
    pub fn finish(mut self, _totals: &Totals) -> Result<Vec<u8>, XlsxError> {
        let (plans, goals, findings) = (self.plans, self.goals, self.findings);
        self.sheet(PLANS)?
            .autofilter(0, 0, plans.max(1), PLAN_COLUMNS.len() as u16 - 1)?;
        self.sheet(FINDINGS)?.autofilter(
            0,
            0,
            findings.max(1),
            FINDING_COLUMNS.len() as u16 - 1,
        )?;
        let columns: Vec<TableColumn> = GOAL_COLUMNS
            .iter()
            .map(|(h, _)| TableColumn::new().set_header(*h))
            .collect();
        let table = Table::new().set_columns(&columns).set_name("Goals");
        // A table needs at least one data row.
        self.sheet(GOALS)?
            .add_table(0, 0, goals.max(1), GOAL_COLUMNS.len() as u16 - 1, &table)?;

        let counts: Vec<(&'static str, usize)> =
            self.per_rule.iter().map(|(c, n)| (*c, *n)).collect();
        let ws = self.sheet(RULES)?;
        for (i, (code, n)) in counts.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, *code)?;
            ws.write_string(r, 1, crate::finding::lookup(code).map_or("", |c| c.name))?;
            ws.write_number(r, 2, *n as f64)?;
        }
        let n = counts.len() as u32;
        if n > 0 {
            let mut chart = Chart::new(ChartType::Bar);
            chart
                .add_series()
                .set_categories(("Rules", 1, 1, n, 1))
                .set_values(("Rules", 1, 2, n, 2))
                .set_name("Findings")
                .set_format(rust_xlsxwriter::ChartFormat::new().set_solid_fill(
                    rust_xlsxwriter::ChartSolidFill::new().set_color(Color::RGB(0x3B3F8F)),
                ));
            chart.title().set_name("Findings per rule");
            chart.legend().set_hidden();
            chart.set_width(720).set_height(24 * n.max(8) + 80);
            ws.insert_chart(0, 4, &chart)?;
        } else {
            ws.write_string(1, 0, "No findings.")?;
        }
        self.workbook.save_to_buffer()
    }

    fn sheet(&mut self, index: usize) -> Result<&mut Worksheet, XlsxError> {
        self.workbook.worksheet_from_index(index)
    }
}

/// Writes the summary of a whole batch into memory.
///
/// # Errors
///
/// When rust_xlsxwriter refuses a value.
pub fn write(batch: &super::Batch) -> Result<Vec<u8>, XlsxError> {
    let mut s = Summary::new()?;
    for p in &batch.plans {
        s.plan(p)?;
    }
    s.finish(&batch.totals())
}

/// Landscape, one page wide, the header row repeated on every page.
fn print_setup(ws: &mut Worksheet) {
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    let _ = ws.set_repeat_rows(0, 0);
}

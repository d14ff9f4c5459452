//! The xlsx summary of a batch (`igp check --summary FILE.xlsx`): sheets Plans (one row per
//! plan), Goals (every goal of every plan, an Excel table with filters), Findings (one row
//! per finding), and Rules with a chart of findings per rule.
//!
//! The three long sheets are written in rust_xlsxwriter's constant-memory mode, row by row
//! as plans arrive, so that the summary of ten thousand plans does not sit in memory.

use super::{PlanReport, Status, Totals};
use crate::finding::Severity;
use rust_xlsxwriter::{
    Chart, ChartType, Color, Format, FormatAlign, FormatBorder, Table, TableColumn, TableStyle,
    Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeMap;
use std::io::{BufRead, Seek, Write};

const ABOUT: usize = 0;
const PLANS: usize = 1;
const GOALS: usize = 2;
const FINDINGS: usize = 3;
const RULES: usize = 4;

/// The columns of a sheet: header, width, and whether the text wraps.
type Columns = [(&'static str, u16, bool)];

const PLAN_COLUMNS: [(&str, u16, bool); 7] = [
    ("Path", 40, true),
    ("Owner", 22, true),
    ("Status", 9, false),
    ("Goals", 7, false),
    ("Errors", 7, false),
    ("Warnings", 9, false),
    ("Infos", 7, false),
];
const GOAL_COLUMNS: [(&str, u16, bool); 10] = [
    ("Path", 18, true),
    ("Owner", 14, true),
    ("Goal", 6, false),
    ("Skill/Behavior", 18, true),
    ("Resources/support", 24, true),
    ("Career support", 24, true),
    ("Action steps", 34, true),
    ("Steps", 7, false),
    ("Network", 20, true),
    ("Challenges", 20, true),
];
const FINDING_COLUMNS: [(&str, u16, bool); 9] = [
    ("Path", 18, true),
    ("Owner", 14, true),
    ("Severity", 9, false),
    ("Code", 7, false),
    ("Name", 16, true),
    ("Sheet", 14, true),
    ("Cell", 6, false),
    ("Goal", 6, false),
    ("Message", 50, true),
];

/// The height of a row whose wrapped cells hold `texts` (column, text): spreadsheets do
/// not measure the rows of a file they open, so a row of several lines would show one
/// and overlap the next. One line keeps the default height.
fn row_height(cols: &Columns, texts: &[(usize, &str)]) -> Option<f64> {
    let lines = texts
        .iter()
        .filter(|(c, _)| cols[*c].2)
        .map(|(c, t)| {
            let per_line = f64::from(cols[*c].1).max(1.0);
            t.split('\n')
                .map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0) as usize)
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1);
    (lines > 1).then(|| (15.0 * lines as f64).min(409.0))
}

/// What the About sheet says of the run besides the counts.
#[derive(Debug, Clone)]
pub struct About {
    /// igp's version.
    pub version: &'static str,
    /// The date deadlines and reviews were judged against.
    pub as_of: chrono::NaiveDate,
    /// The configuration file in force, if any.
    pub config: Option<String>,
    /// The settings that differ from the defaults.
    pub settings: Vec<(String, String)>,
}

/// A summary workbook being written.
pub struct Summary {
    workbook: Workbook,
    plans: u32,
    goals: u32,
    findings: u32,
    per_rule: BTreeMap<&'static str, usize>,
    /// The goal rows, one JSON array a line, until the Goals table can be laid out: an
    /// Excel table's header must be written before its rows, and its size is known only
    /// at the end. On disk, so that memory does not grow with the batch.
    goal_rows: std::io::BufWriter<std::fs::File>,
    /// Long text: wrapped, at the top of its row.
    wrap: Format,
    /// Short values, at the top of their row like the text beside them.
    top: Format,
}

/// The header cells' format.
fn head() -> Format {
    Format::new()
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(0x3B3F8F))
        .set_text_wrap()
        .set_align(FormatAlign::Top)
}

impl Summary {
    /// Starts the workbook: its sheets and their header rows.
    ///
    /// # Errors
    ///
    /// When rust_xlsxwriter cannot set the sheets up, or no temporary file can be made.
    pub fn new() -> Result<Summary, XlsxError> {
        let mut workbook = Workbook::new();
        let about = workbook.add_worksheet();
        about.set_name("About")?;
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        for (name, cols) in [
            ("Plans", &PLAN_COLUMNS[..]),
            ("Goals", &GOAL_COLUMNS[..]),
            ("Findings", &FINDING_COLUMNS[..]),
        ] {
            let ws = workbook.add_worksheet_with_constant_memory()?;
            ws.set_name(name)?;
            print_setup(ws);
            ws.set_freeze_panes(1, 0)?;
            set_columns(ws, cols, &wrap)?;
            // The Goals table writes its own header row, at the end.
            if name != "Goals" {
                for (c, (h, _, _)) in cols.iter().enumerate() {
                    ws.write_string_with_format(0, c as u16, *h, &head())?;
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
            ws.write_string_with_format(0, c as u16, *h, &head())?;
            ws.set_column_width(c as u16, *w)?;
        }
        let goal_rows = std::io::BufWriter::new(tempfile::tempfile()?);
        Ok(Summary {
            workbook,
            plans: 0,
            goals: 0,
            findings: 0,
            per_rule: BTreeMap::new(),
            goal_rows,
            wrap,
            top: Format::new().set_align(FormatAlign::Top),
        })
    }

    /// Adds one plan: its row, its goals (the plan's `goal_rows`) and its findings.
    ///
    /// # Errors
    ///
    /// When rust_xlsxwriter refuses a value, or the goal rows cannot be kept.
    pub fn plan(&mut self, p: &PlanReport) -> Result<(), XlsxError> {
        let owner = p.owner.as_deref().unwrap_or("");
        self.plans += 1;
        let r = self.plans;
        let (wrap, top) = (self.wrap.clone(), self.top.clone());
        let ws = self.sheet(PLANS)?;
        ws.write_string_with_format(r, 0, &p.path, &wrap)?;
        ws.write_string_with_format(r, 1, owner, &wrap)?;
        ws.write_string_with_format(r, 2, p.status().as_str(), &top)?;
        ws.write_number_with_format(r, 3, p.goals as f64, &top)?;
        ws.write_number_with_format(r, 4, p.count(Severity::Error) as f64, &top)?;
        ws.write_number_with_format(r, 5, p.count(Severity::Warning) as f64, &top)?;
        ws.write_number_with_format(r, 6, p.count(Severity::Info) as f64, &top)?;
        if let Some(h) = row_height(&PLAN_COLUMNS, &[(0, &p.path), (1, owner)]) {
            ws.set_row_height(r, h)?;
        }

        for g in &p.goal_rows {
            self.goals += 1;
            let field = |key| g.field(key).map(str::to_string);
            let row = (
                &p.path,
                owner,
                g.index,
                [
                    field("skill"),
                    field("resources"),
                    field("career_support"),
                    field("action_steps"),
                    field("network"),
                    field("challenges"),
                ],
                g.action_steps.len(),
            );
            serde_json::to_writer(&mut self.goal_rows, &row)
                .map_err(|e| XlsxError::IoError(std::io::Error::other(e)))?;
            self.goal_rows.write_all(b"\n")?;
        }

        for f in &p.findings {
            self.findings += 1;
            if let Some(rule) = crate::finding::lookup(f.code) {
                *self.per_rule.entry(rule.code).or_default() += 1;
            }
            let r = self.findings;
            let ws = self.sheet(FINDINGS)?;
            ws.write_string_with_format(r, 0, &p.path, &wrap)?;
            ws.write_string_with_format(r, 1, owner, &wrap)?;
            ws.write_string_with_format(r, 2, f.severity.as_str(), &top)?;
            ws.write_string_with_format(r, 3, f.code, &top)?;
            ws.write_string_with_format(r, 4, f.name, &wrap)?;
            ws.write_string_with_format(r, 5, f.sheet.as_deref().unwrap_or(""), &wrap)?;
            ws.write_string_with_format(r, 6, f.cell.as_deref().unwrap_or(""), &top)?;
            if let Some(g) = f.goal {
                ws.write_number_with_format(r, 7, g as f64, &top)?;
            }
            ws.write_string_with_format(r, 8, &f.message, &wrap)?;
            let texts = [
                (0, p.path.as_str()),
                (1, owner),
                (4, f.name),
                (5, f.sheet.as_deref().unwrap_or("")),
                (8, f.message.as_str()),
            ];
            if let Some(h) = row_height(&FINDING_COLUMNS, &texts) {
                ws.set_row_height(r, h)?;
            }
        }
        Ok(())
    }

    /// Ends the workbook: the About sheet, the filters, the Goals table, the Rules sheet
    /// and its chart.
    ///
    /// # Errors
    ///
    /// When rust_xlsxwriter cannot assemble the file.
    pub fn finish(mut self, totals: &Totals, about: &About) -> Result<Vec<u8>, XlsxError> {
        let (plans, goals, findings) = (self.plans, self.goals, self.findings);
        write_about(self.sheet(ABOUT)?, totals, about)?;
        self.sheet(PLANS)?
            .autofilter(0, 0, plans.max(1), PLAN_COLUMNS.len() as u16 - 1)?;
        self.sheet(FINDINGS)?.autofilter(
            0,
            0,
            findings.max(1),
            FINDING_COLUMNS.len() as u16 - 1,
        )?;
        self.goals_table(goals)?;

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
            chart.set_width(640).set_height(24 * n.max(8) + 80);
            ws.insert_chart(0, 4, &chart)?;
        } else {
            ws.write_string(1, 0, "No findings.")?;
        }
        self.workbook.save_to_buffer()
    }

    /// The Goals sheet: the table (its styled header first), then the rows kept on disk.
    fn goals_table(&mut self, goals: u32) -> Result<(), XlsxError> {
        let columns: Vec<TableColumn> = GOAL_COLUMNS
            .iter()
            .map(|(h, _, _)| TableColumn::new().set_header(*h).set_header_format(head()))
            .collect();
        let table = Table::new()
            .set_columns(&columns)
            .set_name("Goals")
            .set_style(TableStyle::Medium2);
        // A table needs at least one data row.
        self.sheet(GOALS)?
            .add_table(0, 0, goals.max(1), GOAL_COLUMNS.len() as u16 - 1, &table)?;
        let mut file = std::mem::replace(
            &mut self.goal_rows,
            std::io::BufWriter::new(tempfile::tempfile()?),
        )
        .into_inner()
        .map_err(|e| XlsxError::IoError(e.into_error()))?;
        file.rewind()?;
        let (wrap, top) = (self.wrap.clone(), self.top.clone());
        let ws = self.sheet(GOALS)?;
        type GoalRow = (String, String, usize, [Option<String>; 6], usize);
        for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
            let (path, owner, index, fields, steps): GoalRow = serde_json::from_str(&line?)
                .map_err(|e| XlsxError::IoError(std::io::Error::other(e)))?;
            let r = i as u32 + 1;
            ws.write_string_with_format(r, 0, &path, &wrap)?;
            ws.write_string_with_format(r, 1, &owner, &wrap)?;
            ws.write_number_with_format(r, 2, index as f64, &top)?;
            for (c, v) in [3u16, 4, 5, 6, 8, 9].into_iter().zip(&fields) {
                if let Some(v) = v {
                    ws.write_string_with_format(r, c, v, &wrap)?;
                }
            }
            ws.write_number_with_format(r, 7, steps as f64, &top)?;
            let mut texts = vec![(0, path.as_str()), (1, owner.as_str())];
            for (c, v) in [3usize, 4, 5, 6, 8, 9].into_iter().zip(&fields) {
                if let Some(v) = v {
                    texts.push((c, v.as_str()));
                }
            }
            if let Some(h) = row_height(&GOAL_COLUMNS, &texts) {
                ws.set_row_height(r, h)?;
            }
        }
        Ok(())
    }

    fn sheet(&mut self, index: usize) -> Result<&mut Worksheet, XlsxError> {
        self.workbook.worksheet_from_index(index)
    }
}

/// The About sheet: what a reader asks first. When, by which igp, under which
/// configuration, and the totals.
fn write_about(ws: &mut Worksheet, t: &Totals, about: &About) -> Result<(), XlsxError> {
    let title = Format::new().set_bold().set_font_size(16);
    let label = Format::new().set_bold().set_align(FormatAlign::Top);
    let value = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_align(FormatAlign::Left);
    let section = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin)
        .set_font_color(Color::RGB(0x3B3F8F));
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 56)?;
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 0);
    ws.write_string_with_format(0, 0, "IGP check summary", &title)?;
    // (label, value); a label without a value heads a part. Counts are numbers.
    enum Value {
        Text(String),
        Count(usize),
    }
    let text = |t: &str| Some(Value::Text(t.to_string()));
    let mut rows: Vec<(String, Option<Value>)> = vec![
        (
            "Deadlines and reviews judged as of".into(),
            text(&about.as_of.to_string()),
        ),
        (
            "Written".into(),
            text(&chrono::Local::now().format("%Y-%m-%d %H:%M").to_string()),
        ),
        ("igp version".into(), text(about.version)),
        (
            "Configuration".into(),
            text(about.config.as_deref().unwrap_or("none (igp's defaults)")),
        ),
    ];
    rows.extend(
        about
            .settings
            .iter()
            .map(|(k, v)| (format!("  {k}"), text(v))),
    );
    rows.push(("Plans".into(), None));
    // In the words of every report (plans by their worst finding).
    rows.push(("Plans checked".into(), Some(Value::Count(t.plans))));
    for s in [Status::Clean, Status::Error, Status::Warning, Status::Info] {
        rows.push((
            capitalize(s.plans_words()),
            Some(Value::Count(t.with_status(s))),
        ));
    }
    rows.push((
        "Files skipped (not plans)".into(),
        Some(Value::Count(t.skipped)),
    ));
    rows.push(("Findings".into(), None));
    for (k, v) in [
        ("Errors", t.errors),
        ("Warnings", t.warnings),
        ("Infos", t.infos),
    ] {
        rows.push((k.into(), Some(Value::Count(v))));
    }
    rows.push(("Sheets".into(), None));
    for (k, v) in [
        ("Plans", "one row per plan"),
        ("Goals", "every goal of every plan, a table with filters"),
        (
            "Findings",
            "one row per finding; `igp rules CODE` explains a rule",
        ),
        ("Rules", "findings per rule, with a chart"),
    ] {
        rows.push((k.into(), text(v)));
    }
    let mut r = 2;
    for (k, v) in rows {
        match v {
            Some(v) => {
                ws.write_string_with_format(r, 0, &k, &label)?;
                match v {
                    Value::Text(t) => ws.write_string_with_format(r, 1, &t, &value)?,
                    Value::Count(n) => ws.write_number_with_format(r, 1, n as f64, &value)?,
                };
            }
            None => {
                r += 1;
                ws.write_string_with_format(r, 0, &k, &section)?;
                ws.write_string_with_format(r, 1, "", &section)?;
            }
        }
        r += 1;
    }
    Ok(())
}

/// A word with its first letter in capitals ("with errors" → "With errors").
fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn set_columns(ws: &mut Worksheet, cols: &Columns, wrap: &Format) -> Result<(), XlsxError> {
    for (c, (_, w, wraps)) in cols.iter().enumerate() {
        if *wraps {
            ws.set_column_width(c as u16, *w)?;
            ws.set_column_format(c as u16, wrap)?;
        } else {
            ws.set_column_width(c as u16, *w)?;
        }
    }
    Ok(())
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
    let about = About {
        version: env!("CARGO_PKG_VERSION"),
        as_of: chrono::Local::now().date_naive(),
        config: None,
        settings: Vec::new(),
    };
    s.finish(&batch.totals(), &about)
}

/// Landscape, one page wide, the header row repeated on every page, narrow margins.
fn print_setup(ws: &mut Worksheet) {
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    let _ = ws.set_repeat_rows(0, 0);
}

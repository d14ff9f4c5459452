//! The canonical layout as an xlsx workbook (rust_xlsxwriter): a styled form with the
//! guide's description of each goal column as a note on its header, a dropdown of growth
//! directions, checkboxes, and a Guide sheet. Plan text is always written as string cells,
//! never as formulas.

use super::canonical::{self, Content, Part};
use crate::finding::{Finding, Target};
use crate::layout::{self, CanonicalRows, OwnerField, GUIDE_SHEET, PLAN_SHEET};
use crate::model::Plan;
use rust_xlsxwriter::{
    Color, DataValidation, ExcelDateTime, Format, FormatAlign, FormatBorder, Note, Workbook,
    Worksheet, XlsxError,
};

/// How to write the workbook.
#[derive(Debug, Clone, Copy, Default)]
pub struct XlsxOptions {
    /// At least this many goal rows (blank ones for the template to fill).
    pub min_goal_rows: usize,
    /// Put each finding as a note on its cell, highlight the cell, and add a Findings sheet.
    pub annotate: bool,
}

const INK: u32 = 0x1F2937;
const BAND: u32 = 0x3B3F8F;
const LABEL_FILL: u32 = 0xEEF0F8;
const HEADER_FILL: u32 = 0xDCE0F5;
const INPUT_BORDER: u32 = 0xA5ABCF;

struct Styles {
    title: Format,
    subtitle: Format,
    band: Format,
    label: Format,
    value: Format,
    date: Format,
    header: Format,
    extra_header: Format,
    cell: Format,
    checkbox: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new()
            .set_font_name("Arial")
            .set_font_size(10)
            .set_font_color(Color::RGB(INK))
            .set_align(FormatAlign::Top)
            .set_text_wrap();
        let input = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(INPUT_BORDER))
            .set_background_color(Color::White);
        Styles {
            title: base
                .clone()
                .set_font_size(18)
                .set_bold()
                .set_font_color(Color::RGB(BAND))
                .set_align(FormatAlign::VerticalCenter),
            subtitle: base
                .clone()
                .set_italic()
                .set_font_color(Color::RGB(0x5B6170))
                .set_align(FormatAlign::VerticalCenter),
            band: base
                .clone()
                .set_font_size(12)
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(BAND))
                .set_align(FormatAlign::VerticalCenter),
            label: base
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(LABEL_FILL))
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(0xFFFFFF)),
            value: input.clone(),
            date: input
                .clone()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Left),
            header: base
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(INPUT_BORDER)),
            extra_header: base
                .clone()
                .set_bold()
                .set_italic()
                .set_background_color(Color::RGB(LABEL_FILL))
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(INPUT_BORDER)),
            cell: input.clone(),
            // Excel shows a checkbox; elsewhere the number format shows a box.
            checkbox: input
                .set_align(FormatAlign::Center)
                .set_num_format("\"☑\";\"☑\";\"☐\"")
                .set_font_size(12),
        }
    }
}

/// Writes the plan as an xlsx workbook into memory.
///
/// # Errors
///
/// When rust_xlsxwriter refuses a value (such as text over Excel's 32,767 characters).
pub fn write(
    plan: &Plan,
    options: XlsxOptions,
    findings: &[Finding],
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = canonical::layout(plan, options.min_goal_rows);
    let ws = workbook.add_worksheet();
    ws.set_name(PLAN_SHEET)?;
    write_plan_sheet(ws, &sheet)?;
    if options.annotate {
        annotate(ws, &sheet, findings)?;
    }
    let guide = workbook.add_worksheet();
    write_guide(guide)?;
    if options.annotate {
        let ws = workbook.add_worksheet();
        write_findings(ws, &sheet, findings)?;
    }
    workbook.save_to_buffer()
}

/// Where a finding's target sits in the canonical layout.
fn canonical_cell(sheet: &canonical::Sheet, target: &Target) -> Option<(u32, u16)> {
    let goal_row = |i: usize| Some(CanonicalRows::GOALS + i.checked_sub(1)? as u32);
    Some(match target {
        Target::Owner(f) => (
            CanonicalRows::OWNER + OwnerField::ALL.iter().position(|x| x == f)? as u32,
            1,
        ),
        Target::Inspiration(i) => (CanonicalRows::INSPIRATION + *i as u32, 1),
        Target::Direction => (CanonicalRows::DIRECTION, 1),
        Target::TargetRole => (CanonicalRows::TARGET_ROLE, 1),
        Target::RoleAnswer(i) => (CanonicalRows::ROLE_QUESTIONS + *i as u32, 1),
        Target::Goal(i, key) => (
            goal_row(*i)?,
            layout::GOAL_COLUMNS.iter().position(|c| c.key == *key)? as u16,
        ),
        Target::Step(i) => (goal_row(*i)?, 3),
        Target::GoalsHeader => (CanonicalRows::GOALS_HEADER, 0),
        Target::ExtraColumn(name) => (
            CanonicalRows::GOALS_HEADER,
            6 + sheet.extras.iter().position(|e| e == name)? as u16,
        ),
        Target::Tracking(i) => (sheet.rows.tracking() + *i as u32, 0),
    })
}

/// Each finding as a note on its cell (several on one cell share the note), the cell
/// highlighted.
fn annotate(
    ws: &mut Worksheet,
    sheet: &canonical::Sheet,
    findings: &[Finding],
) -> Result<(), XlsxError> {
    let mut notes: std::collections::BTreeMap<(u32, u16), Vec<String>> = Default::default();
    for f in findings {
        if let Some(at) = f.target.as_ref().and_then(|t| canonical_cell(sheet, t)) {
            notes
                .entry(at)
                .or_default()
                .push(format!("{}[{}] {}", f.severity, f.code, f.message));
        }
    }
    // A highlighted cell keeps its own format (a checkbox's box, a date's alignment):
    // only the fill and the border are added.
    let st = Styles::new();
    let mark = |f: &Format| {
        f.clone()
            .set_background_color(Color::RGB(0xFFF2CC))
            .set_border(FormatBorder::Medium)
            .set_border_color(Color::RGB(0xC0504D))
    };
    for ((row, col), lines) in notes {
        let cell = sheet
            .cells
            .iter()
            .find(|c| c.row == row && c.col == col as u32);
        let content = cell.map_or(Content::Empty, |c| c.content.clone());
        let (text, date) = match cell.map(|c| c.part) {
            Some(Part::Value { .. }) | None => (&st.value, &st.date),
            Some(Part::Label) => (&st.label, &st.date),
            Some(Part::GoalHeader | Part::TrackingHeader) => (&st.header, &st.date),
            Some(Part::ExtraHeader) => (&st.extra_header, &st.date),
            Some(Part::Checkbox) => (&st.checkbox, &st.date),
            Some(_) => (&st.cell, &st.date),
        };
        match (&content, cell.map(|c| c.part)) {
            (Content::Bool(b), Some(Part::Checkbox)) => {
                ws.insert_checkbox_with_format(row, col, *b, &mark(text))?;
            }
            _ => write_content(ws, row, col, &content, &mark(text), &mark(date))?,
        }
        let note = Note::new(lines.join("\n\n"))
            .set_author("igp check")
            .add_author_prefix(false)
            .set_width(320)
            .set_height(40 + 40 * lines.len() as u32);
        ws.insert_note(row, col, &note)?;
    }
    Ok(())
}

/// The Findings sheet: every finding, where it was read and where it is in this workbook.
/// Printed as the summary workbook's sheets are: landscape, one page wide, the header row
/// on every page, long text wrapped at the top of its row.
fn write_findings(
    ws: &mut Worksheet,
    sheet: &canonical::Sheet,
    findings: &[Finding],
) -> Result<(), XlsxError> {
    ws.set_name(layout::FINDINGS_SHEET)?;
    let head = Format::new()
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(BAND));
    let top = Format::new().set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    // (header, width, wraps)
    let cols = [
        ("Severity", 9, false),
        ("Code", 7, false),
        ("Rule", 20, true),
        ("Goal", 6, false),
        ("Cell here", 10, false),
        ("Read from", 30, true),
        ("Message", 64, true),
    ];
    for (c, (h, w, wraps)) in cols.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
        ws.set_column_width(c as u16, *w)?;
        ws.set_column_format(c as u16, if *wraps { &wrap } else { &top })?;
    }
    for (i, f) in findings.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string_with_format(r, 0, f.severity.as_str(), &top)?;
        ws.write_string_with_format(r, 1, f.code, &top)?;
        ws.write_string_with_format(r, 2, f.name, &wrap)?;
        if let Some(g) = f.goal {
            ws.write_number_with_format(r, 3, g as f64, &top)?;
        }
        if let Some((row, col)) = f.target.as_ref().and_then(|t| canonical_cell(sheet, t)) {
            ws.write_string_with_format(r, 4, layout::a1(row, col as u32), &top)?;
        }
        let read_from = match (&f.sheet, &f.cell) {
            (Some(s), Some(c)) => layout::sheet_ref_a1(s, c),
            _ => String::new(),
        };
        if !read_from.is_empty() {
            ws.write_string_with_format(r, 5, &read_from, &wrap)?;
        }
        ws.write_string_with_format(r, 6, &f.message, &wrap)?;
        // Spreadsheets do not measure the rows of a file they open: a row of a long
        // message is made tall enough for its lines (Calibri 11, the sheet's font, fits
        // about one character a unit of width).
        let lines = [
            (2, f.name),
            (5, read_from.as_str()),
            (6, f.message.as_str()),
        ]
        .iter()
        .map(|(c, t)| wrapped_lines(t, f64::from(cols[*c].1) / 1.45))
        .max()
        .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(r, (15.0 * lines as f64).min(409.0))?;
        }
    }
    if findings.is_empty() {
        ws.write_string(1, 0, "No findings.")?;
    }
    ws.autofilter(0, 0, findings.len().max(1) as u32, cols.len() as u16 - 1)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

fn write_plan_sheet(ws: &mut Worksheet, sheet: &canonical::Sheet) -> Result<(), XlsxError> {
    let st = Styles::new();
    let last_col = (sheet.width - 1).max(5) as u16;
    for c in 0..=last_col {
        ws.set_column_width(c, column_width(c as u32))?;
    }
    ws.set_screen_gridlines(false);
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_footer("&L&8Individual Growth Plan&R&8Page &P of &N");
    ws.set_row_height(CanonicalRows::TITLE, 30)?;

    for cell in &sheet.cells {
        let (row, col) = (cell.row, cell.col as u16);
        match cell.part {
            Part::Title => {
                ws.merge_range(row, 0, row, last_col, &cell.content.csv_text(), &st.title)?;
            }
            Part::Subtitle => {
                ws.merge_range(
                    row,
                    0,
                    row,
                    last_col,
                    &cell.content.csv_text(),
                    &st.subtitle,
                )?;
            }
            Part::SectionTitle => {
                ws.set_row_height(row, 22)?;
                ws.merge_range(row, 0, row, last_col, &cell.content.csv_text(), &st.band)?;
            }
            Part::Label => {
                ws.write_string_with_format(row, col, cell.content.csv_text(), &st.label)?;
            }
            Part::Value { wide } => {
                if wide {
                    // Merged B:F; the value goes in B, as spreadsheets keep it.
                    ws.merge_range(row, 1, row, 5, "", &st.value)?;
                }
                write_content(ws, row, col, &cell.content, &st.value, &st.date)?;
            }
            Part::GoalHeader => {
                ws.write_string_with_format(row, col, cell.content.csv_text(), &st.header)?;
                if let Some(c) = layout::GOAL_COLUMNS.get(col as usize) {
                    let note = Note::new(c.description)
                        .set_author("igp")
                        .add_author_prefix(false)
                        .set_width(260)
                        .set_height(90);
                    ws.insert_note(row, col, &note)?;
                }
            }
            Part::ExtraHeader => {
                ws.write_string_with_format(row, col, cell.content.csv_text(), &st.extra_header)?;
            }
            Part::TrackingHeader => {
                ws.write_string_with_format(row, col, cell.content.csv_text(), &st.header)?;
            }
            Part::GoalCell | Part::TrackingCell => {
                write_content(ws, row, col, &cell.content, &st.cell, &st.date)?;
            }
            Part::Checkbox => match &cell.content {
                Content::Bool(b) => {
                    ws.insert_checkbox_with_format(row, col, *b, &st.checkbox)?;
                }
                other => write_content(ws, row, col, other, &st.checkbox, &st.date)?,
            },
        }
    }
    fit_row_heights(ws, sheet)?;
    let directions: Vec<&str> = layout::DIRECTIONS.iter().map(|(_, t)| *t).collect();
    let validation = DataValidation::new()
        .allow_list_strings(&directions)?
        .ignore_blank(true)
        .set_input_title("Growth direction")?
        .set_input_message("Pick the direction you are growing in, or type your own.")?
        .set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Information);
    ws.add_data_validation(
        CanonicalRows::DIRECTION,
        1,
        CanonicalRows::DIRECTION,
        1,
        &validation,
    )?;
    Ok(())
}

/// Column widths (in characters) of the plan sheet.
const LABEL_WIDTH: f64 = 34.0;
const VALUE_WIDTH: f64 = 30.0;
const EXTRA_WIDTH: f64 = 20.0;

fn column_width(col: u32) -> f64 {
    match col {
        0 => LABEL_WIDTH,
        1..=5 => VALUE_WIDTH,
        _ => EXTRA_WIDTH,
    }
}

/// Sets each row's height to fit its wrapped text. Spreadsheets do not re-measure rows of
/// a file they open, so a row of long answers would otherwise show one line. Blank goal
/// rows are tall enough to write in.
fn fit_row_heights(ws: &mut Worksheet, sheet: &canonical::Sheet) -> Result<(), XlsxError> {
    let mut lines: std::collections::BTreeMap<u32, usize> = std::collections::BTreeMap::new();
    for cell in &sheet.cells {
        let width = match cell.part {
            Part::Title | Part::Subtitle | Part::SectionTitle => continue,
            Part::Value { wide: true } => VALUE_WIDTH * 5.0,
            _ => column_width(cell.col),
        };
        let text = cell.content.csv_text();
        let n = wrapped_lines(&text, width);
        let entry = lines.entry(cell.row).or_insert(1);
        *entry = (*entry).max(n);
    }
    for (row, n) in lines {
        let is_goal =
            (CanonicalRows::GOALS..CanonicalRows::GOALS + sheet.rows.goal_rows).contains(&row);
        let blank_goal = is_goal
            && !sheet
                .cells
                .iter()
                .any(|c| c.row == row && c.content != Content::Empty);
        // A blank answer is two lines tall, to invite an answer.
        let blank_answer = sheet.cells.iter().any(|c| {
            c.row == row && c.part == (Part::Value { wide: true }) && c.content == Content::Empty
        });
        let height = if blank_goal {
            48.0
        } else if blank_answer {
            (13.0 * n as f64 + 4.0).max(30.0)
        } else {
            13.0 * n as f64 + 4.0
        };
        if n > 1 || blank_goal || blank_answer {
            ws.set_row_height(row, height.min(409.0))?;
        }
    }
    Ok(())
}

/// How many lines `text` takes in a column `width` characters wide (Arial 10 is a little
/// narrower than the width unit).
fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = (width * 1.45).max(1.0);
    text.split('\n')
        .map(|line| ((line.chars().count() as f64) / per_line).ceil().max(1.0) as usize)
        .sum()
}

fn write_content(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    content: &Content,
    format: &Format,
    date_format: &Format,
) -> Result<(), XlsxError> {
    match content {
        Content::Text(t) => {
            ws.write_string_with_format(row, col, t, format)?;
        }
        Content::Bool(b) => {
            ws.write_boolean_with_format(row, col, *b, format)?;
        }
        Content::Date(d) => {
            use chrono::Datelike;
            let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
            ws.write_datetime_with_format(row, col, &dt, date_format)?;
        }
        Content::Empty => {
            ws.write_blank(row, col, format)?;
        }
    }
    Ok(())
}

/// The Guide sheet: what each section is for and how to export the plan. Ignored on reading.
fn write_guide(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name(GUIDE_SHEET)?;
    let title = Format::new()
        .set_font_name("Arial")
        .set_font_size(16)
        .set_bold()
        .set_font_color(Color::RGB(BAND));
    let head = Format::new()
        .set_font_name("Arial")
        .set_font_size(11)
        .set_bold()
        .set_font_color(Color::RGB(BAND));
    let body = Format::new()
        .set_font_name("Arial")
        .set_font_size(10)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    ws.set_column_width(0, GUIDE_WIDTH)?;
    ws.set_screen_gridlines(false);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.write_string_with_format(0, 0, "How to fill in your Individual Growth Plan", &title)?;
    let mut row = 2;
    for (heading, text) in GUIDE {
        ws.write_string_with_format(row, 0, *heading, &head)?;
        ws.write_string_with_format(row + 1, 0, *text, &body)?;
        // Spreadsheets do not measure wrapped text of a file they open: the row is made
        // tall enough for the paragraph, or LibreOffice shows its first lines only.
        let lines = wrapped_lines(text, GUIDE_WIDTH * 0.8);
        ws.set_row_height(row + 1, 13.0 * lines as f64 + 6.0)?;
        row += 3;
    }
    Ok(())
}

/// The Guide sheet's one column, in characters.
const GUIDE_WIDTH: f64 = 100.0;

const GUIDE: &[(&str, &str)] = &[
    ("Your plan, your pace",
     "This plan is yours: you decide what to grow in and how. Fill it in before a career conversation with your manager and come back to it every quarter. Write in the white cells; the shaded cells are labels."),
    ("Header",
     "Your name, role, team and manager, the date you created the plan and the date you last reviewed it. Dates are best written as YYYY-MM-DD."),
    ("Section 1: Discover your Inspiration",
     "Five reflection questions. Some people answer in depth, others in a line: both are fine. If you are unsure, note for a week what gives you energy and what drains it."),
    ("Section 2: Clarify your Role",
     "Pick your growth direction from the dropdown (IC growing in your role, aspiring manager, people manager growth, or a lateral move / career transition), name the role you are growing toward, and answer the three questions."),
    ("Section 3: Set Specific Goals",
     "One row per goal. Hover over a column header to see what it asks. Keep to one to three goals per review period, and write one or two action steps per goal that someone else could later call done or not done: a count, a dated action, a concrete frequency, or something finished (\"finish 3 modules by March\", \"present at the team demo every sprint\", \"get my CKA certification\"). Add rows for more goals and delete the rows you don't need; put several steps in one cell, one per line."),
    ("Section 4: Track, Reflect, and Iterate",
     "Tick each item as you do it, and note when. Add your own items below the list."),
    ("Exporting and checking",
     "Keep the plan in one sheet so that a CSV download carries all of it. From Google Sheets use File > Download (xlsx, ods or csv); from Excel or LibreOffice save as xlsx, ods or CSV. Then run `igp check your-plan.xlsx` to see what to fix before your next 1:1."),
];

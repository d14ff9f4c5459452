//! The canonical layout of a plan as a list of cells: what `igp template` writes and what
//! `convert --to xlsx|csv` normalizes to. The xlsx writer styles these cells by their
//! part; the CSV writer writes their text. Rows are fixed by [`CanonicalRows`].

use crate::layout::{
    self, CanonicalRows, OwnerField, Section, GOAL_COLUMNS, PLAN_TITLE, TRACKING_HEADERS,
};
use crate::model::Plan;
use chrono::NaiveDate;

/// What part of the form a cell is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Title,
    /// The line under the title that says how to fill the form in.
    Subtitle,
    SectionTitle,
    Label,
    /// A value beside a label; `wide` values are merged across B:F.
    Value {
        wide: bool,
    },
    GoalHeader,
    ExtraHeader,
    GoalCell,
    TrackingHeader,
    Checkbox,
    TrackingCell,
}

/// A cell's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Text(String),
    Bool(bool),
    Date(NaiveDate),
    Empty,
}

impl Content {
    fn text(value: Option<&str>) -> Content {
        value.map_or(Content::Empty, |v| Content::Text(v.to_string()))
    }

    /// The text a CSV export shows.
    pub fn csv_text(&self) -> String {
        match self {
            Content::Text(t) => t.clone(),
            Content::Bool(true) => "TRUE".into(),
            Content::Bool(false) => "FALSE".into(),
            Content::Date(d) => d.to_string(),
            Content::Empty => String::new(),
        }
    }
}

/// One cell of the canonical sheet (0-based row and column).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub row: u32,
    pub col: u32,
    pub content: Content,
    pub part: Part,
}

/// The canonical sheet of one plan.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub cells: Vec<Cell>,
    pub rows: CanonicalRows,
    /// The extra goal columns, in order (columns G onwards).
    pub extras: Vec<String>,
    /// The number of columns used (6 and the extras).
    pub width: u32,
}

/// Lays a plan out in the canonical layout, with at least `min_goal_rows` goal rows
/// (blank rows for the template).
pub fn layout(plan: &Plan, min_goal_rows: usize) -> Sheet {
    let goal_rows = plan.goals.len().max(min_goal_rows) as u32;
    let rows = CanonicalRows { goal_rows };
    let mut extras: Vec<String> = Vec::new();
    for g in &plan.goals {
        for k in g.extra.keys() {
            if !extras.contains(k) {
                extras.push(k.clone());
            }
        }
    }
    let width = 6 + extras.len() as u32;
    let mut cells = Vec::new();
    let mut put = |row, col, content, part| {
        cells.push(Cell {
            row,
            col,
            content,
            part,
        })
    };

    put(
        CanonicalRows::TITLE,
        0,
        Content::Text(PLAN_TITLE.into()),
        Part::Title,
    );
    put(
        CanonicalRows::TITLE + 1,
        0,
        Content::Text(layout::PLAN_SUBTITLE.into()),
        Part::Subtitle,
    );

    let o = &plan.owner;
    for (i, field) in OwnerField::ALL.into_iter().enumerate() {
        let row = CanonicalRows::OWNER + i as u32;
        let content = match o.get(field) {
            Some(v) if field.is_date() => NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map(Content::Date)
                .unwrap_or_else(|_| Content::Text(v.to_string())),
            v => Content::text(v),
        };
        put(row, 0, Content::Text(field.label().into()), Part::Label);
        put(row, 1, content, Part::Value { wide: false });
    }

    put(
        CanonicalRows::INSPIRATION_TITLE,
        0,
        Content::Text(Section::Inspiration.title().into()),
        Part::SectionTitle,
    );
    for (i, q) in layout::INSPIRATION_QUESTIONS.iter().enumerate() {
        let row = CanonicalRows::INSPIRATION + i as u32;
        let answer = plan.inspiration.get(i).and_then(|a| a.answer.as_deref());
        put(row, 0, Content::Text((*q).into()), Part::Label);
        put(row, 1, Content::text(answer), Part::Value { wide: true });
    }

    put(
        CanonicalRows::ROLE_TITLE,
        0,
        Content::Text(Section::Role.title().into()),
        Part::SectionTitle,
    );
    put(
        CanonicalRows::DIRECTION,
        0,
        Content::Text(layout::DIRECTION_LABEL.into()),
        Part::Label,
    );
    let direction = plan.role.direction_text.as_deref().or_else(|| {
        plan.role
            .direction
            .as_deref()
            .and_then(layout::direction_text)
    });
    put(
        CanonicalRows::DIRECTION,
        1,
        Content::text(direction),
        Part::Value { wide: true },
    );
    put(
        CanonicalRows::TARGET_ROLE,
        0,
        Content::Text(layout::TARGET_ROLE_LABEL.into()),
        Part::Label,
    );
    put(
        CanonicalRows::TARGET_ROLE,
        1,
        Content::text(plan.role.target_role.as_deref()),
        Part::Value { wide: true },
    );
    for (i, q) in layout::ROLE_QUESTIONS.iter().enumerate() {
        let row = CanonicalRows::ROLE_QUESTIONS + i as u32;
        let answer = plan.role.answers.get(i).and_then(|a| a.answer.as_deref());
        put(row, 0, Content::Text((*q).into()), Part::Label);
        put(row, 1, Content::text(answer), Part::Value { wide: true });
    }

    put(
        CanonicalRows::GOALS_TITLE,
        0,
        Content::Text(Section::Goals.title().into()),
        Part::SectionTitle,
    );
    for (c, col) in GOAL_COLUMNS.iter().enumerate() {
        put(
            CanonicalRows::GOALS_HEADER,
            c as u32,
            Content::Text(col.header.into()),
            Part::GoalHeader,
        );
    }
    for (i, name) in extras.iter().enumerate() {
        put(
            CanonicalRows::GOALS_HEADER,
            6 + i as u32,
            Content::Text(name.clone()),
            Part::ExtraHeader,
        );
    }
    for r in 0..goal_rows {
        let row = CanonicalRows::GOALS + r;
        let goal = plan.goals.get(r as usize);
        for (c, col) in GOAL_COLUMNS.iter().enumerate() {
            let value = goal.and_then(|g| match col.key {
                // The cell's own text when the plan has it, else the steps one per line.
                "action_steps" => g
                    .action_steps_text
                    .clone()
                    .or_else(|| (!g.action_steps.is_empty()).then(|| g.action_steps.join("\n"))),
                key => g.field(key).map(str::to_string),
            });
            put(
                row,
                c as u32,
                Content::text(value.as_deref()),
                Part::GoalCell,
            );
        }
        for (i, name) in extras.iter().enumerate() {
            let value = goal
                .and_then(|g| g.extra.get(name))
                .and_then(|v| v.as_deref());
            put(row, 6 + i as u32, Content::text(value), Part::GoalCell);
        }
    }

    put(
        rows.tracking_title(),
        0,
        Content::Text(Section::Tracking.title().into()),
        Part::SectionTitle,
    );
    for (c, h) in TRACKING_HEADERS.iter().enumerate() {
        put(
            rows.tracking_header(),
            c as u32,
            Content::Text((*h).into()),
            Part::TrackingHeader,
        );
    }
    for (i, t) in plan.tracking.iter().enumerate() {
        let row = rows.tracking() + i as u32;
        let done = match &t.done_text {
            Some(text) => Content::Text(text.clone()),
            None => Content::Bool(t.done),
        };
        put(row, 0, done, Part::Checkbox);
        put(row, 1, Content::text(t.item.as_deref()), Part::TrackingCell);
        put(
            row,
            2,
            Content::text(t.notes.as_deref()),
            Part::TrackingCell,
        );
    }
    Sheet {
        cells,
        rows,
        extras,
        width,
    }
}

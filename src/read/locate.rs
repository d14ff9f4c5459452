//! The section locator: finds the four sections of a plan in any number of grids, by their
//! titles, labels and header rows, whatever the layout, and builds the plan model.
//!
//! Sections can sit in any sheet or file, in any order, at any offset; blank rows and
//! columns are skipped. What the locator cannot find or read becomes a finding (S002 to
//! S009), never an error: a row under the goals header is read as a goal or named (S009).

use super::grid::{Grid, Row, Value};
use crate::dates;
use crate::finding::{self, Finding, Target};
use crate::layout::{self, Label, OwnerField, Section, Terms, GOAL_COLUMNS};
use crate::model::{Goal, Plan, TrackingItem};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;

/// A cell position in one of the grids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct At {
    grid: usize,
    row: u32,
    col: u32,
}

/// What kind of row ends a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// A section title in the row's first cell.
    Title,
    /// A goals table's or a checklist's header row.
    Header,
    /// A label (of the header block, a question of Sections 1 and 2) in the row's first cell.
    Label,
}

/// What the first pass found in the grids.
#[derive(Default)]
struct Marks {
    titles: Vec<(Section, At)>,
    /// A label and the cell of its value, when it has one to its right.
    labels: Vec<(Label, At, Option<At>)>,
    goals_headers: Vec<At>,
    /// A checklist header row and the columns of done, item and notes.
    tracking_headers: Vec<(At, [Option<u32>; 3])>,
    /// Rows that end a table: titles, header rows, rows led by a label.
    stops: FxHashMap<(usize, u32), Stop>,
    /// The row with the most goal column headers (two or three) that is no header row:
    /// where a file without a plan comes closest to one.
    near_header: Option<(u32, At)>,
}

/// Finds a plan in `grids`. `aliases` are extra goal column headers as (key, alias).
/// What the locator found: the plan, the findings about its structure, and the sections
/// it found.
pub struct Located {
    pub plan: Plan,
    pub findings: Vec<Finding>,
    pub sections: Vec<Section>,
}

pub fn locate(grids: &[Grid], aliases: &[(String, String)]) -> Located {
    let mut marks = scan(grids, aliases);
    let mut plan = Plan::empty();
    let mut findings = Vec::new();
    let mut used_sheets: FxHashSet<usize> = FxHashSet::default();

    cell_errors(grids, &mut findings);

    // The goals table first: a goal named like a label or a title ("Manager", "Team") is a
    // goal, and its cells are then no label or title of the plan.
    let mut goal_findings = Vec::new();
    let mut goal_rows = (0, FxHashSet::default());
    if let Some(header) = marks.goals_headers.first().copied() {
        goal_rows = (
            header.grid,
            read_goals(
                grids,
                &marks,
                header,
                aliases,
                &mut plan,
                &mut goal_findings,
            ),
        );
    }
    let in_goal = |grid: usize, row: u32| grid == goal_rows.0 && goal_rows.1.contains(&row);
    marks.titles.retain(|(_, at)| !in_goal(at.grid, at.row));
    marks.labels.retain(|(_, at, _)| !in_goal(at.grid, at.row));
    marks.stops.retain(|(g, row), _| !in_goal(*g, *row));

    // Titles: the first of each section is used, a second is a duplicate.
    let mut first_title: BTreeMap<Section, At> = BTreeMap::new();
    for (section, at) in &marks.titles {
        used_sheets.insert(at.grid);
        if let Some(first) = first_title.get(section) {
            findings.push(
                Finding::new(
                    finding::S007,
                    format!(
                        "{} appears again here; the first one, at {}, is used: delete or merge the copy",
                        section.name(),
                        reference(grids, *first)
                    ),
                )
                .at(&grids[at.grid].name, layout::a1(at.row, at.col)),
            );
        } else {
            first_title.insert(*section, *at);
        }
    }

    // Labels: the header block and Sections 1 and 2.
    let mut seen_labels = FxHashSet::default();
    // A goals title alone is no goals table: Section 3 counts as found by its header row.
    let mut section_seen: FxHashSet<Section> = first_title
        .keys()
        .copied()
        .filter(|s| *s != Section::Goals)
        .collect();
    for (label, at, value_at) in &marks.labels {
        if !seen_labels.insert(*label) {
            continue;
        }
        used_sheets.insert(at.grid);
        if let Some(s) = label.section() {
            section_seen.insert(s);
        }
        let value_at = value_at.or_else(|| below(grids, &marks, *at));
        let value = value_at.and_then(|v| grids[v.grid].get(v.row, v.col));
        let cell_at = value_at.unwrap_or(At {
            col: at.col + 1,
            ..*at
        });
        let cell = reference(grids, cell_at);
        match label {
            Label::Owner(field) => {
                let text = match value {
                    Some(v) if field.is_date() => {
                        if let Some(t) = v.as_text().filter(|t| dates::is_ambiguous(t)) {
                            plan.owner
                                .date_texts
                                .insert(field.key().to_string(), t.to_string());
                        }
                        Some(date_text(v, grids, cell_at, *field, &mut findings))
                    }
                    Some(v) => Some(v.display()),
                    None => None,
                };
                *plan.owner.slot(*field) = text;
                plan.owner.cells.insert(field.key().to_string(), cell);
            }
            Label::Inspiration(i) => {
                plan.inspiration[*i].answer = value.map(Value::display);
                plan.inspiration[*i].cell = Some(cell);
            }
            Label::RoleQuestion(i) => {
                plan.role.answers[*i].answer = value.map(Value::display);
                plan.role.answers[*i].cell = Some(cell);
            }
            Label::Direction => {
                let text = value.map(Value::display);
                plan.role.direction = text
                    .as_deref()
                    .map(|t| layout::direction_key(t).unwrap_or("other").to_string());
                plan.role.direction_text = text;
                plan.role.direction_cell = Some(cell);
            }
            Label::TargetRole => {
                plan.role.target_role = value.map(Value::display);
                plan.role.target_role_cell = Some(cell);
            }
        }
    }

    // Section 3.
    match marks.goals_headers.first() {
        Some(header) => {
            used_sheets.insert(header.grid);
            section_seen.insert(Section::Goals);
            findings.append(&mut goal_findings);
            for dup in &marks.goals_headers[1..] {
                findings.push(
                    Finding::new(
                        finding::S007,
                        format!(
                            "a second goals table starts here; the first, at {}, is used: move these goals into it",
                            reference(grids, *header)
                        ),
                    )
                    .at(&grids[dup.grid].name, layout::a1(dup.row, dup.col)),
                );
            }
        }
        None => findings.push(Finding::new(
            finding::S002,
            "no goals table found: no row holds at least four of the six Section 3 headers \
             (Skill/Behavior, resources/support, career goals, action steps, network, challenges); \
             add the header row from the template",
        )),
    }

    // Section 4.
    if let Some((start, cols)) =
        tracking_start(grids, &marks, first_title.get(&Section::Tracking), &in_goal)
    {
        used_sheets.insert(start.grid);
        section_seen.insert(Section::Tracking);
        read_tracking(grids, &marks, start, cols, &mut plan);
    }

    for section in [Section::Inspiration, Section::Role, Section::Tracking] {
        if !section_seen.contains(&section) {
            findings.push(Finding::new(
                finding::S003,
                format!(
                    "{} was not found; add it from the template (a goals-only export lacks it)",
                    section.name()
                ),
            ));
        }
    }

    let mut used: Vec<usize> = used_sheets.into_iter().collect();
    used.sort_unstable();
    plan.source.sheets = used.into_iter().map(|g| grids[g].name.clone()).collect();
    let mut sections: Vec<Section> = Section::ALL
        .into_iter()
        .filter(|s| section_seen.contains(s))
        .collect();
    // Without a goals table, a section counts only by its title, two of its labels, or the
    // template's checklist items: one cell that says "Direction", or a header "Item | Notes"
    // of a parts list, makes no plan of a data file.
    if !section_seen.contains(&Section::Goals) {
        let mut labels_of = BTreeMap::new();
        for label in &seen_labels {
            if let Some(s) = label.section() {
                *labels_of.entry(s).or_insert(0) += 1;
            }
        }
        let tracking_by_items =
            !first_title.contains_key(&Section::Tracking) && marks.tracking_headers.is_empty();
        sections.retain(|s| {
            first_title.contains_key(s)
                || labels_of.get(s).is_some_and(|n| *n >= 2)
                || (*s == Section::Tracking && tracking_by_items)
        });
    }
    if sections.is_empty() {
        // Not a plan: one finding says so, rather than a finding per #REF! of a sales
        // workbook or an S008 for a "created" column of numbers; and no owner is read
        // from a cell that happens to say "Name".
        findings = vec![no_plan(grids, &marks)];
        plan.owner = Default::default();
    }
    Located {
        plan,
        findings,
        sections,
    }
}

/// The finding of a file with none of the four sections: what was looked for, and where
/// the file came closest.
fn no_plan(grids: &[Grid], marks: &Marks) -> Finding {
    let closest = if let Some((n, at)) = marks.near_header {
        format!(
            "the closest is {}, a row with {n} of the 6 goal column headers",
            reference(grids, at)
        )
    } else if let Some((_, at)) = marks.titles.first() {
        format!(
            "the closest is {}, a Section 3 title with no goals table under it",
            reference(grids, *at)
        )
    } else if let Some((label, at, _)) = marks.labels.first() {
        format!(
            "the closest is {}, the label \"{}\" of the plan's header",
            reference(grids, *at),
            label.text()
        )
    } else {
        match grids.len() {
            0 => "the file has no sheet with cells".to_string(),
            1 => format!("sheet '{}' has none of their words", grids[0].name),
            n => format!("none of its {n} sheets has any of their words"),
        }
    };
    Finding::new(
        finding::S002,
        format!(
            "no Individual Growth Plan found in this file: none of the four sections (their titles, \
             the Section 1 and 2 questions, a goals table header row with at least four of its six \
             columns, the Section 4 checklist) is in it; {closest}"
        ),
    )
}

fn reference(grids: &[Grid], at: At) -> String {
    layout::sheet_ref(&grids[at.grid].name, at.row, at.col)
}

/// The first pass: titles, labels and header rows in every grid.
fn scan(grids: &[Grid], aliases: &[(String, String)]) -> Marks {
    let mut marks = Marks::default();
    let mut terms: Vec<(u32, Terms)> = Vec::new();
    for (g, grid) in grids.iter().enumerate() {
        for (row, cells) in grid.rows() {
            let Some((&first_col, _)) = cells.iter().next() else {
                continue;
            };
            let at = |col| At { grid: g, row, col };
            // Each text cell is looked up once, for everything it could stand for.
            terms.clear();
            terms.extend(
                cells
                    .iter()
                    .filter_map(|(c, v)| v.as_text().map(|t| (*c, Terms::of(t, aliases)))),
            );
            let first_terms = terms
                .first()
                .filter(|(c, _)| *c == first_col)
                .map(|(_, t)| *t);
            if let Some(section) = first_terms.and_then(|t| t.section) {
                marks.titles.push((section, at(first_col)));
                marks.stops.insert((g, row), Stop::Title);
                continue;
            }
            let goal_cols = terms
                .iter()
                .filter_map(|(_, t)| t.goal_column)
                .fold(0u8, |set, c| set | 1 << c);
            if goal_cols.count_ones() >= 4 {
                marks.goals_headers.push(at(first_col));
                marks.stops.insert((g, row), Stop::Header);
                continue;
            }
            if goal_cols.count_ones() >= 2
                && marks
                    .near_header
                    .is_none_or(|(n, _)| goal_cols.count_ones() > n)
            {
                marks.near_header = Some((goal_cols.count_ones(), at(first_col)));
            }
            let mut tracking = [None; 3];
            for (c, t) in &terms {
                if let Some(k) = t.tracking_column {
                    tracking[k].get_or_insert(*c);
                }
            }
            // The checklist's header has three cells (done, item, when / notes), four with
            // a column of one's own: a wide row that names an Item and Notes among a dozen
            // columns (a parts list) is no checklist.
            if tracking[1].is_some()
                && tracking.iter().flatten().count() >= 2
                && cells.iter().count() <= 4
            {
                // A done column headed by a box ("☐ | To do | Comments") or by nothing is
                // the column left of the items: the header's first cell, or the one before.
                if tracking[0].is_none() {
                    let item = tracking[1].unwrap_or(first_col);
                    tracking[0] = if first_col < item {
                        Some(first_col)
                    } else {
                        item.checked_sub(1)
                    };
                }
                marks.tracking_headers.push((at(first_col), tracking));
                marks.stops.insert((g, row), Stop::Header);
                continue;
            }
            let mut consumed: Option<u32> = None;
            for &(col, t) in &terms {
                if consumed == Some(col) {
                    continue;
                }
                let Some(label) = t.label else {
                    continue;
                };
                let value = grid.right_of(row, col).map(|(c, _)| at(c));
                consumed = value.map(|v| v.col);
                if col == first_col {
                    marks.stops.insert((g, row), Stop::Label);
                }
                marks.labels.push((label, at(col), value));
            }
        }
    }
    marks
}

/// An answer written under its question instead of beside it.
fn below(grids: &[Grid], marks: &Marks, at: At) -> Option<At> {
    let grid = &grids[at.grid];
    let (row, cells) = grid.rows_after(at.row).next()?;
    if row != at.row + 1 || marks.stops.contains_key(&(at.grid, row)) {
        return None;
    }
    cells.contains_key(&at.col).then_some(At { row, ..at })
}

/// Whether the grids show dates written day first: a semicolon-separated CSV, a dotted
/// date, or a date whose first part cannot be a month.
fn shows_day_first(grids: &[Grid]) -> bool {
    grids.iter().any(|g| {
        g.day_first
            || g.rows().any(|(_, cells)| {
                cells
                    .values()
                    .any(|v| v.as_text().is_some_and(dates::shows_day_first))
            })
    })
}

/// A date cell as `YYYY-MM-DD`, or its text with an S008 finding.
fn date_text(
    v: &Value,
    grids: &[Grid],
    at: At,
    field: OwnerField,
    findings: &mut Vec<Finding>,
) -> String {
    let date = match v {
        Value::Date(d) => Some(*d),
        Value::Number(n) => dates::from_serial(*n),
        Value::Text(t) if dates::is_ambiguous(t) => {
            dates::parse_date_ordered(t, shows_day_first(grids))
        }
        Value::Text(t) => dates::parse_date(t),
        _ => None,
    };
    match date {
        Some(d) => d.to_string(),
        None => {
            let text = v.display();
            findings.push(
                Finding::new(
                    finding::S008,
                    format!(
                        "{} holds \"{}\", which is not a date; write it as YYYY-MM-DD (e.g. 2026-01-15)",
                        field.label(),
                        text
                    ),
                )
                .at(&grids[at.grid].name, layout::a1(at.row, at.col))
                .target(Target::Owner(field)),
            );
            text
        }
    }
}

/// Section 3: the header row at `header`, then its goal rows. Returns the rows read as goals.
fn read_goals(
    grids: &[Grid],
    marks: &Marks,
    header: At,
    aliases: &[(String, String)],
    plan: &mut Plan,
    findings: &mut Vec<Finding>,
) -> FxHashSet<u32> {
    let mut goal_rows = FxHashSet::default();
    let grid = &grids[header.grid];
    let sheet = &grid.name;
    let Some(cells) = grid.row(header.row) else {
        return goal_rows;
    };
    // Column of the sheet -> field key, or extra header.
    enum Col {
        Field(usize),
        Extra(String),
    }
    let mut columns: Vec<(u32, Col)> = Vec::new();
    let mut taken = [false; 6];
    let mut extra_names: FxHashSet<String> = FxHashSet::default();
    for (&c, v) in cells.iter() {
        let text = v.display();
        // As the header row was found: by the cell's terms (known to this thread by now).
        match v.as_text().and_then(|t| Terms::of(t, aliases).goal_column) {
            Some(i) if !taken[i] => {
                taken[i] = true;
                columns.push((c, Col::Field(i)));
            }
            _ => {
                let mut name = text.clone();
                let mut n = 2;
                while !extra_names.insert(name.clone()) {
                    name = format!("{text} ({n})");
                    n += 1;
                }
                findings.push(
                    Finding::new(
                        finding::S005,
                        format!("the goals table has an extra column \"{name}\"; it is kept as an extra"),
                    )
                    .at(sheet, layout::a1(header.row, c))
                    .target(Target::ExtraColumn(name.clone())),
                );
                columns.push((c, Col::Extra(name)));
            }
        }
    }
    // A column igp does not know may be the missing one under another name: say how to
    // map it (with one missing column and one unknown, which; else the form of the entry).
    let unknown: Vec<&str> = columns
        .iter()
        .filter_map(|(_, c)| match c {
            Col::Extra(name) => Some(name.as_str()),
            Col::Field(_) => None,
        })
        .collect();
    let missing = taken.iter().filter(|t| !**t).count();
    for (i, col) in GOAL_COLUMNS.iter().enumerate() {
        if !taken[i] {
            let hint =
                match (missing, unknown.as_slice()) {
                    (_, []) => String::new(),
                    (1, [one]) => format!(
                        "; if \"{one}\" is this column under another name, add to igp.toml under \
                     [aliases]: {} = [\"{one}\"]",
                        col.key
                    ),
                    (_, some) => format!(
                    "; if one of {} is this column, add to igp.toml under [aliases]: {} = [\"...\"]",
                    some.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", "),
                    col.key
                ),
                };
            findings.push(
                Finding::new(
                    finding::S004,
                    format!(
                        "the goals table has no \"{}\" column; add it to the header row{hint}",
                        col.header
                    ),
                )
                .at(sheet, layout::a1(header.row, header.col))
                .target(Target::GoalsHeader),
            );
        }
    }
    let first_col = columns.first().map_or(header.col, |(c, _)| *c);
    let table_cols: Vec<u32> = columns.iter().map(|(c, _)| *c).collect();
    let mut unread: Vec<(u32, &Row)> = Vec::new();
    let skill_col = columns
        .iter()
        .find(|(_, col)| matches!(col, Col::Field(0)))
        .map(|(c, _)| *c);
    // The row where the last goal starts.
    let mut last_goal: Option<u32> = None;
    // Where each label is first met in the scan.
    let mut first_of: FxHashMap<Label, usize> = FxHashMap::default();
    for (i, (label, _, _)) in marks.labels.iter().enumerate() {
        first_of.entry(*label).or_insert(i);
    }
    // Without a Section 4 title or header, the template's checklist items show where the
    // checklist starts, and so where the goals end.
    let items_end_goals = !marks.titles.iter().any(|(s, _)| *s == Section::Tracking)
        && marks.tracking_headers.is_empty();
    let mut rows = grid.rows_after(header.row).peekable();
    while let Some((row, cells)) = rows.next() {
        if items_end_goals
            && cells
                .values()
                .any(|v| v.as_text().is_some_and(layout::is_tracking_item))
        {
            break;
        }
        let in_table = table_cols.iter().filter(|c| cells.contains_key(c)).count();
        if let Some(stop) = marks.stops.get(&(header.grid, row)) {
            let next = rows.peek().map(|(r, cells)| (*r, *cells));
            let at = (header.grid, row);
            if !stop_is_goal(*stop, marks, &first_of, at, cells, &table_cols, next) {
                break;
            }
        } else if in_table == 0 {
            unread.push((row, cells));
            continue;
        }
        goal_rows.insert(row);
        if is_guidance_row(cells, &table_cols) {
            continue;
        }
        // A row under a Skill/Behavior cell merged down from the goal above is more of it.
        let merged = skill_col
            .filter(|c| !cells.contains_key(c))
            .and_then(|c| grid.merged_from_above(row, c));
        if let (Some(first), Some((start, goal))) = (merged, last_goal.zip(plan.goals.last_mut())) {
            if first == start {
                for (c, col) in &columns {
                    let Some(more) = cells.get(c).map(Value::display) else {
                        continue;
                    };
                    let join = |old: Option<&str>| match old {
                        Some(old) => format!("{old}\n{more}"),
                        None => more.clone(),
                    };
                    match col {
                        Col::Field(i) => {
                            let key = GOAL_COLUMNS[*i].key;
                            let text = join(goal.field(key));
                            goal.set_field(key, Some(text));
                            goal.cells
                                .entry(key.to_string())
                                .or_insert_with(|| layout::a1(row, *c));
                        }
                        Col::Extra(name) => {
                            let text = join(goal.extra.get(name).and_then(Option::as_deref));
                            goal.extra.insert(name.clone(), Some(text));
                        }
                    }
                }
                continue;
            }
        }
        last_goal = Some(row);
        let mut goal = Goal {
            index: plan.goals.len() + 1,
            cell: Some(layout::sheet_ref(sheet, row, first_col)),
            cells: crate::model::Map::with_capacity_and_hasher(columns.len(), Default::default()),
            ..Goal::default()
        };
        for (c, col) in &columns {
            let value = cells.get(c).map(Value::display);
            match col {
                Col::Field(i) => {
                    let key = GOAL_COLUMNS[*i].key;
                    goal.set_field(key, value);
                    goal.cells.insert(key.to_string(), layout::a1(row, *c));
                }
                Col::Extra(name) => {
                    goal.extra.insert(name.clone(), value);
                }
            }
        }
        plan.goals.push(goal);
    }
    rows_not_read(grid, &unread, &table_cols, findings);
    goal_rows
}

/// Whether a row under the goals header holds the template's guidance rather than a goal:
/// two of its cells or more, and all of them, are column descriptions or headers (or the
/// guide's questions).
fn is_guidance_row(cells: &Row, table_cols: &[u32]) -> bool {
    let mut guidance = 0;
    for c in table_cols {
        match cells.get(c) {
            None => {}
            Some(Value::Text(t)) if layout::is_guidance(t) => guidance += 1,
            Some(_) => return false,
        }
    }
    guidance >= 2
}

/// Whether a row that would end the goals table (a label or a title in its first cell) is
/// a goal named like one: it fills three columns of the table or more, or it holds a label
/// read already above it, or goal rows follow it. A row of two labels or more (the header
/// block laid across) and a header row are never a goal.
fn stop_is_goal(
    stop: Stop,
    marks: &Marks,
    first_of: &FxHashMap<Label, usize>,
    (grid, row): (usize, u32),
    cells: &Row,
    table_cols: &[u32],
    next: Option<(u32, &Row)>,
) -> bool {
    let in_table = table_cols.iter().filter(|c| cells.contains_key(c)).count();
    match stop {
        Stop::Header => false,
        Stop::Title => in_table >= 3,
        Stop::Label => {
            // The labels are in the order of the scan: those of this row, by a binary search.
            let start = marks
                .labels
                .partition_point(|(_, at, _)| (at.grid, at.row) < (grid, row));
            let end = marks
                .labels
                .partition_point(|(_, at, _)| (at.grid, at.row) <= (grid, row));
            if end != start + 1 {
                return false;
            }
            let (label, at, _) = &marks.labels[start];
            if !table_cols.contains(&at.col) {
                return false;
            }
            let seen_before = first_of.get(label).is_some_and(|first| *first < start);
            let goals_follow = next.is_some_and(|(r, cells)| {
                !marks.stops.contains_key(&(grid, r))
                    && table_cols.iter().any(|c| cells.contains_key(c))
            });
            in_table >= 3 || seen_before || goals_follow
        }
    }
}

/// S009 for the rows under the goals header whose cells all lie outside the table's
/// columns: at most [`MAX_UNREAD`] findings, the last one counting the rest.
fn rows_not_read(
    grid: &Grid,
    unread: &[(u32, &Row)],
    table_cols: &[u32],
    findings: &mut Vec<Finding>,
) {
    let columns = table_cols
        .iter()
        .map(|c| layout::column_name(*c))
        .collect::<Vec<_>>()
        .join(", ");
    for (n, (row, cells)) in unread.iter().take(MAX_UNREAD).enumerate() {
        let quoted: Vec<String> = cells
            .iter()
            .take(4)
            .map(|(c, v)| {
                let text: String = v.display().chars().take(60).collect();
                format!("{} \"{text}\"", layout::a1(*row, *c))
            })
            .collect();
        let more_cells = cells.iter().count().saturating_sub(4);
        let mut message = format!(
            "this row under the goals header is not read as a goal: its text ({}{}) lies outside \
             the table's columns ({columns}); move it into the goal columns, or give its column a header",
            quoted.join(", "),
            if more_cells > 0 { format!(" and {more_cells} more cells") } else { String::new() },
        );
        if n + 1 == MAX_UNREAD && unread.len() > MAX_UNREAD {
            message.push_str(&format!(
                " ({} more rows like it below are not read either)",
                unread.len() - MAX_UNREAD
            ));
        }
        let first = cells.iter().next().map_or(0, |(c, _)| *c);
        findings.push(Finding::new(finding::S009, message).at(&grid.name, layout::a1(*row, first)));
    }
}

/// The most S009 findings of one goals table.
const MAX_UNREAD: usize = 10;

/// Where the checklist starts (the row before its first item) and its header's columns.
fn tracking_start(
    grids: &[Grid],
    marks: &Marks,
    title: Option<&At>,
    in_goal: &dyn Fn(usize, u32) -> bool,
) -> Option<(At, [Option<u32>; 3])> {
    if let Some(title) = title {
        // A header right under the title gives the columns.
        let next = grids[title.grid]
            .rows_after(title.row)
            .next()
            .map(|(r, _)| r);
        if let Some((at, cols)) = marks
            .tracking_headers
            .iter()
            .find(|(at, _)| at.grid == title.grid && Some(at.row) == next)
        {
            return Some((*at, *cols));
        }
        if let Some(found) = next.and_then(|row| loose_tracking_header(grids, title.grid, row)) {
            return Some(found);
        }
        return Some((*title, [None; 3]));
    }
    if let Some((at, cols)) = marks.tracking_headers.first() {
        return Some((*at, *cols));
    }
    // No title, no header: the template's own items show where the checklist is.
    for (g, grid) in grids.iter().enumerate() {
        for (row, cells) in grid.rows().filter(|(row, _)| !in_goal(g, *row)) {
            for (&col, v) in cells.iter() {
                let is_item = v.as_text().is_some_and(layout::is_tracking_item);
                if is_item {
                    let start = At {
                        grid: g,
                        row: row.checked_sub(1)?,
                        col: col.saturating_sub(1),
                    };
                    return Some((start, [Some(start.col), Some(col), Some(col + 1)]));
                }
            }
        }
    }
    None
}

/// The row right under the Section 4 title as a header row in words igp does not all know
/// ("Done | Suggestion | When", "☐ | Status | Bemerkung"): short texts, two of them header
/// words or a box, none of them a checklist item of the template. Its cells give the
/// columns left to right: done, item, notes. Never an item marked done.
fn loose_tracking_header(grids: &[Grid], grid: usize, row: u32) -> Option<(At, [Option<u32>; 3])> {
    let cells = grids[grid].row(row)?;
    let texts: Vec<(u32, &str)> = cells
        .iter()
        .map(|(c, v)| v.as_text().map(|t| (*c, t.trim())))
        .collect::<Option<_>>()?;
    if !(2..=4).contains(&texts.len()) {
        return None;
    }
    let short = texts.iter().all(|(_, t)| t.chars().count() <= 30);
    // Two cells at least: a first item whose done cell says "Done" or "☐" is an item.
    let known = texts
        .iter()
        .filter(|(_, t)| {
            layout::tracking_column(t).is_some() || matches!(*t, "☐" | "☑" | "☒" | "□" | "✅")
        })
        .count()
        >= 2;
    let item = texts.iter().any(|(_, t)| layout::is_tracking_item(t));
    if !short || !known || item {
        return None;
    }
    let first = texts[0].0;
    let cols = [
        Some(texts[0].0),
        Some(texts[1].0),
        texts.get(2).map(|(c, _)| *c),
    ];
    Some((
        At {
            grid,
            row,
            col: first,
        },
        cols,
    ))
}

/// Whether a cell is a checked (`Some(true)`) or unchecked (`Some(false)`) box.
pub fn checkbox(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) if *n == 1.0 => Some(true),
        Value::Number(n) if *n == 0.0 => Some(false),
        // Every word below is at most 9 bytes long: a longer text is none of them.
        Value::Text(t) if t.len() > 9 => None,
        Value::Text(t) => match t.to_lowercase().as_str() {
            // Excel writes booleans in the machine's language in CSV (WAHR, VRAI, ...).
            "true" | "1" | "x" | "[x]" | "✓" | "✔" | "☑" | "✅" | "yes" | "y" | "done" | "wahr"
            | "vrai" | "verdadero" | "vero" | "waar" | "sant" | "prawda" => Some(true),
            "false" | "0" | "☐" | "[ ]" | "[]" | "no" | "n" | "" | "falsch" | "faux" | "falso"
            | "onwaar" | "usant" | "fałsz" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Section 4: the rows after `start` until the next section.
fn read_tracking(
    grids: &[Grid],
    marks: &Marks,
    start: At,
    cols: [Option<u32>; 3],
    plan: &mut Plan,
) {
    let grid = &grids[start.grid];
    let done_col = cols[0].unwrap_or(start.col);
    for (row, cells) in grid.rows_after(start.row) {
        if marks.stops.contains_key(&(start.grid, row)) {
            break;
        }
        let mut item = TrackingItem {
            item: None,
            done: false,
            notes: None,
            done_text: None,
            cell: Some(layout::sheet_ref(&grid.name, row, done_col)),
        };
        if cols[1].is_some() {
            let get = |c: Option<u32>| c.and_then(|c| cells.get(&c));
            if let Some(v) = get(cols[0]) {
                set_done(&mut item, v);
            }
            item.item = get(cols[1]).map(Value::display);
            item.notes = get(cols[2]).map(Value::display);
        } else {
            let mut rest: Vec<&Value> = cells.from_col(done_col).map(|(_, v)| v).collect();
            match cells.get(&done_col) {
                Some(v) if checkbox(v).is_some() || rest.len() > 1 => {
                    set_done(&mut item, v);
                    rest.remove(0);
                }
                _ => {}
            }
            let mut rest = rest.into_iter().map(Value::display);
            item.item = rest.next();
            let notes: Vec<String> = rest.collect();
            item.notes = (!notes.is_empty()).then(|| notes.join("\n"));
        }
        if item.item.is_none() && item.notes.is_none() && item.done_text.is_none() && !item.done {
            continue;
        }
        plan.tracking.push(item);
    }
}

fn set_done(item: &mut TrackingItem, v: &Value) {
    match checkbox(v) {
        Some(done) => item.done = done,
        None => item.done_text = Some(v.display()),
    }
}

/// S006 for every used cell that holds an error value.
fn cell_errors(grids: &[Grid], findings: &mut Vec<Finding>) {
    for grid in grids {
        for (row, cells) in grid.rows() {
            for (&col, v) in cells.iter() {
                if let Value::Error(e) = v {
                    findings.push(
                        Finding::new(
                            finding::S006,
                            format!("the cell holds the error {e}; fix the formula or type the value in"),
                        )
                        .at(&grid.name, layout::a1(row, col)),
                    );
                }
            }
        }
    }
}

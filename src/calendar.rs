//! A plan as an RFC 5545 calendar: its dated action steps, the quarterly career
//! conversation, the checklist items with dates, and an optional weekly learning block, as
//! the guide asks ("set calendar reminders", "block calendar time for learning").
//!
//! Each event's UID comes from the plan's owner and the event's own words, so importing the
//! calendar of an updated plan updates its events instead of adding them twice.

use crate::model::{done_step, Plan};
use chrono::{Datelike, Months, NaiveDate, NaiveTime, Weekday};
use icalendar::{Calendar, Component, Event, EventLike, Todo, TodoStatus};
use std::fmt::Write as _;

/// What to put in the calendar beside the plan's own dates.
#[derive(Debug, Clone, Default)]
pub struct CalendarOptions {
    /// The first quarterly conversation [default: three months after Last reviewed, or after
    /// Plan created, or after `today`].
    pub from: Option<NaiveDate>,
    /// Today: where the quarterly conversations and the learning block start when the plan
    /// has no date.
    pub today: NaiveDate,
    /// A weekly learning block.
    pub learning: Option<Learning>,
    /// Action steps as to-dos (VTODO, due on their date) instead of all-day events: the
    /// steps without a date are to-dos too, and the steps done are completed to-dos.
    pub todos: bool,
}

/// A date to show in a hint ("add one, e.g. \"by 2027-03-31\""): the last day of the month
/// three months after `today`, one review period ahead, so that following the hint never
/// names a date already past.
pub fn example_deadline(today: NaiveDate) -> NaiveDate {
    let ahead = today.checked_add_months(Months::new(3)).unwrap_or(today);
    let first = ahead.with_day(1).unwrap_or(ahead);
    first
        .checked_add_months(Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(ahead)
}

/// A weekly time block: a weekday and a time span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Learning {
    pub day: Weekday,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Learning {
    /// Reads `Fri 14:00-15:00` (English day names, three letters or whole).
    ///
    /// # Errors
    ///
    /// A sentence saying what is wrong.
    pub fn parse(text: &str) -> Result<Learning, String> {
        let bad = || format!("\"{text}\" is not a weekly time; write it as \"Fri 14:00-15:00\"");
        let (day, span) = text.trim().split_once(' ').ok_or_else(bad)?;
        let day: Weekday = day.parse().map_err(|_| bad())?;
        let (a, b) = span.trim().split_once('-').ok_or_else(bad)?;
        let time = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| bad());
        let (start, end) = (time(a)?, time(b)?);
        if end <= start {
            return Err(format!("\"{text}\": the block ends before it starts"));
        }
        Ok(Learning { day, start, end })
    }
}

/// A calendar and the action steps that had no date to put in it.
pub struct PlanCalendar {
    pub calendar: Calendar,
    /// Goal number and step of every open step without a date.
    pub undated: Vec<(usize, String)>,
}

/// A stable hash (FNV-1a, 64 bits) of the words that make an event what it is: the same plan
/// gives the same UIDs whatever igp's version or the machine.
fn uid(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in crate::layout::normalize(part).bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}@igp")
}

fn all_day(event: &mut Event, date: NaiveDate) {
    event.starts(date);
    event.ends(date.succ_opt().unwrap_or(date));
}

/// The calendar of a plan.
///
/// A step's date is read as G008 reads it; a date without a year ("by June", "Q3", "by the
/// end of June") is placed on the first such day on or after the day the plan was created
/// (or last reviewed, or `today`), and the event says so.
pub fn calendar(plan: &Plan, options: &CalendarOptions) -> PlanCalendar {
    let owner = plan.owner.name.as_deref().unwrap_or("");
    let mut cal = Calendar::new();
    cal.name(&format!("Individual Growth Plan: {}", plan.display_name()));
    let plan_date = |d: &Option<String>| d.as_deref().and_then(crate::dates::parse_date);
    // Where a date without a year is placed from.
    let (anchor, anchor_is) = match (
        plan_date(&plan.owner.created),
        plan_date(&plan.owner.last_reviewed),
    ) {
        (Some(d), _) => (d, "the day the plan was created"),
        (None, Some(d)) => (d, "the plan's last review"),
        (None, None) => (options.today, "today"),
    };
    let mut undated = Vec::new();
    for g in &plan.goals {
        let skill = g.skill.as_deref().unwrap_or("goal");
        for step in &g.action_steps {
            let (text, done) = done_step(step);
            if done && !options.todos {
                continue;
            }
            let due = crate::dates::due(text, anchor);
            let mut description = format!(
                "Action step of goal {} \"{skill}\" in your Individual Growth Plan{}.",
                g.index,
                g.cells
                    .get("action_steps")
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default()
            );
            if let Some((date, true)) = due {
                let _ = write!(
                    description,
                    " The step gives no year: igp placed it on {date}, the first such day \
                     on or after {anchor_is} ({anchor})."
                );
            }
            let summary = format!("{skill}: {text}");
            // A to-do is not the event of the same step: another calendar object.
            let id = if options.todos {
                uid(&[owner, skill, text, "to-do"])
            } else {
                uid(&[owner, skill, text])
            };
            if due.is_none() && !done {
                undated.push((g.index, text.to_string()));
            }
            if options.todos {
                let mut t = Todo::new();
                t.summary(&summary).description(&description).uid(&id);
                if let Some((date, _)) = due {
                    t.due(date);
                }
                if done {
                    t.status(TodoStatus::Completed).percent_complete(100);
                } else {
                    t.status(TodoStatus::NeedsAction);
                }
                cal.push(t.done());
            } else if let Some((date, _)) = due {
                let mut e = Event::new();
                all_day(&mut e, date);
                e.summary(&summary).description(&description).uid(&id);
                cal.push(e.done());
            }
        }
    }
    // The quarterly career conversation, every three months from the last review.
    let last = plan
        .owner
        .last_reviewed
        .as_deref()
        .or(plan.owner.created.as_deref())
        .and_then(crate::dates::parse_date);
    let first = options.from.unwrap_or_else(|| {
        let from = last.unwrap_or(options.today);
        from.checked_add_months(Months::new(3)).unwrap_or(from)
    });
    let mut review = Event::new();
    all_day(&mut review, first);
    review
        .summary("Quarterly career conversation: review your IGP with your manager")
        .description(
            "Have at least one quarterly career conversation with your manager during a 1:1, \
             and update your Individual Growth Plan (Last reviewed).",
        )
        .add_property("RRULE", "FREQ=MONTHLY;INTERVAL=3")
        .uid(&uid(&[owner, "quarterly review"]));
    cal.push(review.done());
    // Checklist items with a date in their notes, not done yet.
    for t in plan.tracking.iter().filter(|t| !t.done) {
        let (Some(item), Some(notes)) = (&t.item, &t.notes) else {
            continue;
        };
        if let Some((date, _)) = crate::dates::due(notes, anchor) {
            let mut e = Event::new();
            all_day(&mut e, date);
            e.summary(item)
                .description(&format!(
                    "Section 4 of your Individual Growth Plan: {notes}"
                ))
                .uid(&uid(&[owner, item]));
            cal.push(e.done());
        }
    }
    if let Some(l) = options.learning {
        let ahead = (7 + l.day.num_days_from_monday() as i64
            - options.today.weekday().num_days_from_monday() as i64)
            % 7;
        let day = options.today + chrono::Duration::days(ahead);
        let mut e = Event::new();
        e.starts(day.and_time(l.start))
            .ends(day.and_time(l.end))
            .summary("Learning time (IGP)")
            .description("Time blocked for the goals of your Individual Growth Plan.")
            .add_property("RRULE", "FREQ=WEEKLY")
            .uid(&uid(&[owner, "learning block"]));
        cal.push(e.done());
    }
    PlanCalendar {
        calendar: cal.done(),
        undated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_example_deadline_is_a_month_end_a_quarter_ahead() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(example_deadline(d("2026-12-06")), d("2027-03-31"));
        assert_eq!(example_deadline(d("2026-11-30")), d("2027-02-28"));
        assert_eq!(example_deadline(d("2026-06-01")), d("2026-09-30"));
    }

    #[test]
    fn learning_blocks_are_read_or_refused() {
        let l = Learning::parse("Fri 14:00-15:30").unwrap();
        assert_eq!(l.day, Weekday::Fri);
        assert_eq!(l.end, NaiveTime::from_hms_opt(15, 30, 0).unwrap());
        assert!(Learning::parse("Friday 9:00-10:00").is_ok());
        for bad in ["Fri", "Fri 15:00-14:00", "Someday 1-2", "Fri 25:00-26:00"] {
            assert!(Learning::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn uids_are_stable_and_tell_events_apart() {
        assert_eq!(
            uid(&["Zoë", "SQL", "Finish the course"]),
            uid(&["zoë", "sql", "Finish the course."])
        );
        assert_ne!(uid(&["Zoë", "SQL", "a"]), uid(&["Zoë", "SQLa", ""]));
    }
}

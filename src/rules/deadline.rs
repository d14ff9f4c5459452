//! G008 past-deadline: an action step names a date that has passed.

use super::{goal_finding, goal_name, Context, Rule};
use crate::finding::{self, Finding, Target};
use chrono::{Datelike, NaiveDate};

pub const G008: Rule = Rule {
    code: finding::G008,
    what: "Action steps that name a date before the as-of date (today, or `--as-of`, or `as_of` in igp.toml). Dates are found as ISO dates (2026-04-30), numeric dates (4/30/2026, 30.04.2026), a day and month with a year (Apr 30, 2026; 30 April 2026), a month and year (March 2026: its last day), or a quarter and year (Q3 2026: its last day). A month or quarter without a year is not judged.",
    why: "A deadline that has passed is a moment to act: mark the step done, or give it a new date that you can keep.",
    fails: "Finish the course by 2026-01-31   (checked on 2026-06-01)",
    passes: "Finish the course by 2026-09-30   (checked on 2026-06-01)",
    check: Some(past_deadline),
};

fn past_deadline(ctx: &Context, out: &mut Vec<Finding>) {
    let as_of = ctx.settings.as_of;
    for g in &ctx.plan.goals {
        for step in &g.action_steps {
            if let Some(date) = dates_in(step).into_iter().filter(|d| *d < as_of).max() {
                let short: String = step.chars().take(60).collect();
                out.push(
                    goal_finding(
                        finding::G008,
                        g,
                        "action_steps",
                        format!(
                            "{}: action step \"{short}\" names {date}, which has passed (as of {as_of}); mark it done or set a new date",
                            goal_name(g)
                        ),
                    )
                    .target(Target::Step(g.index)),
                );
            }
        }
    }
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1990..=2200).contains(y))
}

/// Every date an action step names.
pub fn dates_in(text: &str) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    // Every date form below has digits (a year, a day, an ISO date): most steps have none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';'))
        .filter(|t| !t.is_empty())
        .collect();
    let mut skip = 0;
    for (i, raw) in tokens.iter().enumerate() {
        if i < skip {
            continue;
        }
        let tok = raw.trim_end_matches(['.', ':', '!', '?']);
        // A date starts with a digit, a quarter's Q or a month's first letter: most words
        // are passed over unread.
        let first = tok.bytes().next().unwrap_or(0).to_ascii_lowercase();
        if !(first.is_ascii_digit() || b"qjfmasond".contains(&first)) {
            continue;
        }
        // Numeric dates: ISO, 4/30/2026, 30.04.2026.
        if tok
            .bytes()
            .filter(|c| matches!(c, b'-' | b'/' | b'.'))
            .count()
            == 2
            && tok.bytes().any(|c| c.is_ascii_digit())
        {
            if let Some(d) = crate::dates::parse_date(tok) {
                out.push(d);
                continue;
            }
        }
        let next = tokens.get(i + 1).map(|t| t.trim_end_matches(['.', ':']));
        let after = tokens.get(i + 2).map(|t| t.trim_end_matches(['.', ':']));
        // Quarters: Q3 2026.
        if let (Some(q), Some(y)) = (tok.strip_prefix(['Q', 'q']), next.and_then(year_of)) {
            if let Ok(q @ 1..=4) = q.parse::<u32>() {
                out.extend(last_day(y, q * 3));
                skip = i + 2;
                continue;
            }
        }
        if let Some(m) = crate::dates::month_number(tok) {
            // Month day, year: "Apr 30, 2026"
            if let (Some(d), Some(y)) = (
                next.and_then(|n| n.parse::<u32>().ok()),
                after.and_then(year_of),
            ) {
                out.extend(NaiveDate::from_ymd_opt(y, m, d));
                skip = i + 3;
                continue;
            }
            // Month year: "March 2026"
            if let Some(y) = next.and_then(year_of) {
                out.extend(last_day(y, m));
                skip = i + 2;
                continue;
            }
        }
        // Day month year: "30 April 2026"
        if let (Ok(d), Some(m), Some(y)) = (
            tok.parse::<u32>(),
            next.and_then(crate::dates::month_number),
            after.and_then(year_of),
        ) {
            out.extend(NaiveDate::from_ymd_opt(y, m, d));
            skip = i + 3;
        }
    }
    out.retain(|d| d.year() > 1900);
    out
}

#[cfg(test)]
mod tests {
    use super::dates_in;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn finds_dates_in_steps() {
        assert_eq!(
            dates_in("Finish the course by 2026-04-30"),
            vec![d(2026, 4, 30)]
        );
        assert_eq!(dates_in("Give 2 talks by March 2026"), vec![d(2026, 3, 31)]);
        assert_eq!(dates_in("Certify by Q3 2026."), vec![d(2026, 9, 30)]);
        assert_eq!(dates_in("Demo on Apr 15, 2026"), vec![d(2026, 4, 15)]);
        assert_eq!(dates_in("Demo on 15 April 2026"), vec![d(2026, 4, 15)]);
        assert_eq!(
            dates_in("Submit by 1/15/2026 and 15.02.2026"),
            vec![d(2026, 1, 15), d(2026, 2, 15)]
        );
        assert!(dates_in("Read 2 books by June").is_empty());
        assert!(dates_in("Ask for feedback after every 1:1").is_empty());
        assert!(dates_in("Complete the CKAD certification by Q3").is_empty());
        assert!(dates_in("I may finish 3 modules").is_empty());
    }
}

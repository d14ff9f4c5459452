//! G005 unmeasurable-step: does an action step carry anything someone could check?

use super::{goal_finding, goal_name, placeholder, Context, Rule};
use crate::finding::{self, Finding};
use std::borrow::Cow;

pub const G005: Rule = Rule {
    code: finding::G005,
    what: "That each action step carries something measurable. A step counts as measurable when it holds any of: a number or a digit (\"3 modules\", \"1:1\", \"Q3\", \"50%\"); a number word (\"two talks\", \"once\", \"twice\", \"a dozen\"); a date or a month (\"March\", \"2026-04-30\"); a quarter, the end of a period or a deadline (\"this quarter\", \"end of the year\", \"by Friday\", \"before the next review\", \"deadline\"); or a frequency (\"weekly\", \"every sprint\", \"each demo\", \"per month\", \"twice a week\", \"on Fridays\"). Vague time words (\"regularly\", \"often\", \"soon\", \"more\") do not count.",
    why: "The template asks for measurable and achievable steps. A step with a number, a date or a rhythm tells you and your manager, at your next 1:1, whether it happened.",
    fails: "Read more books about leadership",
    passes: "Read 2 books about leadership by June",
    check: Some(unmeasurable_step),
};

fn unmeasurable_step(ctx: &Context, out: &mut Vec<Finding>) {
    for g in &ctx.plan.goals {
        for step in &g.action_steps {
            if !is_measurable(step) && !placeholder::is_placeholder(step) {
                let short: String = step.chars().take(60).collect();
                out.push(
                    goal_finding(
                        finding::G005,
                        g,
                        "action_steps",
                        format!(
                            "{}: action step \"{short}\" has nothing measurable; add a number, a date or a frequency (e.g. \"2 talks by June\", \"every sprint\")",
                            goal_name(g)
                        ),
                    )
                    .target(crate::finding::Target::Step(g.index)),
                );
            }
        }
    }
}

const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "dozen", "once", "twice",
    "thrice", "half", "single", "first", "second", "third", "couple",
];

const FREQUENCY_WORDS: &[&str] = &[
    "daily",
    "weekly",
    "biweekly",
    "fortnightly",
    "monthly",
    "quarterly",
    "yearly",
    "annually",
    "nightly",
    "hourly",
    "mondays",
    "tuesdays",
    "wednesdays",
    "thursdays",
    "fridays",
    "weekdays",
    "weekends",
    "deadline",
    "eod",
    "eow",
    "eom",
    "eoq",
    "eoy",
    "h1",
    "h2",
    "midyear",
    "mid-year",
];

/// Words after "every", "each" or "per" that make a rhythm.
const PERIODS: &[&str] = &[
    "day",
    "week",
    "month",
    "quarter",
    "year",
    "sprint",
    "iteration",
    "release",
    "demo",
    "retro",
    "retrospective",
    "meeting",
    "1:1",
    "one-on-one",
    "standup",
    "session",
    "review",
    "morning",
    "evening",
    "afternoon",
    "weekday",
    "time",
    "other",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "cycle",
    "milestone",
    "project",
    "incident",
    "talk",
    "presentation",
    "class",
    "lesson",
    "module",
    "chapter",
    "workshop",
    "conference",
    "pr",
    "pull",
    "deploy",
    "launch",
    "rotation",
    "shift",
    "on-call",
    "okr",
];

/// Words after "by", "before", "until" or "due" that make a deadline.
const DEADLINE_HEADS: &[&str] = &[
    "end",
    "the",
    "next",
    "this",
    "mid",
    "early",
    "late",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "tomorrow",
    "q1",
    "q2",
    "q3",
    "q4",
    "eoy",
    "eoq",
    "eom",
    "h1",
    "h2",
    "summer",
    "spring",
    "autumn",
    "fall",
    "winter",
    "new",
    "year-end",
    "month-end",
    "quarter-end",
];

/// Whether an action step carries a number, a quantity, a date, a month, a quarter, a
/// deadline or a frequency.
pub fn is_measurable(step: &str) -> bool {
    if step.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    // Each word as written and in lower case (borrowed when it is already), looked at with
    // the two words after it.
    let mut words = step
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == ':'))
        .filter(|w| !w.is_empty())
        .map(|raw| (raw, lower(raw)));
    let mut window = [words.next(), words.next(), words.next()];
    let mut i = 0;
    while let Some((raw, w)) = window[0].take() {
        let next = window[1].as_ref().map_or("", |(_, l)| l.as_ref());
        let after = window[2].as_ref().map_or("", |(_, l)| l.as_ref());
        if measurable_word(raw, &w, next, after, i) {
            return true;
        }
        window.rotate_left(1);
        window[2] = words.next();
        i += 1;
    }
    false
}

/// A word in lower case, borrowed when it has no upper-case letter.
fn lower(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        }
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Whether word `w` (`raw` as written, the `i`th of its step), followed by `next` and
/// `after` (lower case, empty past the end), makes the step measurable.
fn measurable_word(raw: &str, w: &str, next: &str, after: &str, i: usize) -> bool {
    // A month, but "may" only as the month (below).
    let month = w != "may" && crate::dates::month_number(w).is_some();
    if NUMBER_WORDS.contains(&w) || month || FREQUENCY_WORDS.contains(&w) {
        return true;
    }
    // "May" the month, not the verb.
    if w == "may" && raw == "May" && i > 0 {
        return true;
    }
    if matches!(
        w,
        "quarter" | "semester" | "term" | "year-end" | "month-end" | "quarter-end"
    ) {
        return true;
    }
    if matches!(w, "every" | "each" | "per") {
        let target = if next == "other" || next == "single" {
            after
        } else {
            next
        };
        let singular = target.strip_suffix('s').unwrap_or(target);
        if PERIODS.contains(&target) || PERIODS.contains(&singular) {
            return true;
        }
    }
    if matches!(w, "by" | "before" | "until" | "till" | "due") && DEADLINE_HEADS.contains(&next) {
        return true;
    }
    // "a week", "a month": "twice a week", "an hour a day".
    if matches!(w, "a" | "an")
        && matches!(
            next,
            "day" | "week" | "month" | "quarter" | "year" | "sprint"
        )
        && i > 0
    {
        return true;
    }
    w == "end" && next == "of"
}

#[cfg(test)]
mod tests {
    use super::is_measurable;

    /// The first way of telling it (lower-casing the whole step, then splitting), kept to
    /// hold the word-by-word way to the same answers.
    fn is_measurable_as_before(step: &str) -> bool {
        if step.chars().any(|c| c.is_ascii_digit()) {
            return true;
        }
        let lower = step.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == ':'))
            .filter(|w| !w.is_empty())
            .collect();
        let raw: Vec<&str> = step
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == ':'))
            .filter(|w| !w.is_empty())
            .collect();
        for (i, w) in words.iter().enumerate() {
            let next = words.get(i + 1).copied().unwrap_or("");
            // A month, but "may" only as the month (below).
            let month = *w != "may" && crate::dates::month_number(w).is_some();
            if super::NUMBER_WORDS.contains(w) || month || super::FREQUENCY_WORDS.contains(w) {
                return true;
            }
            // "May" the month, not the verb.
            if *w == "may" && raw.get(i).is_some_and(|r| *r == "May") && i > 0 {
                return true;
            }
            if matches!(
                *w,
                "quarter" | "semester" | "term" | "year-end" | "month-end" | "quarter-end"
            ) {
                return true;
            }
            if matches!(*w, "every" | "each" | "per") {
                let target = if next == "other" || next == "single" {
                    words.get(i + 2).copied().unwrap_or("")
                } else {
                    next
                };
                let singular = target.strip_suffix('s').unwrap_or(target);
                if super::PERIODS.contains(&target) || super::PERIODS.contains(&singular) {
                    return true;
                }
            }
            if matches!(*w, "by" | "before" | "until" | "till" | "due")
                && super::DEADLINE_HEADS.contains(&next)
            {
                return true;
            }
            // "a week", "a month": "twice a week", "an hour a day".
            if matches!(*w, "a" | "an")
                && matches!(
                    next,
                    "day" | "week" | "month" | "quarter" | "year" | "sprint"
                )
                && i > 0
            {
                return true;
            }
            if *w == "end" && next == "of" {
                return true;
            }
        }
        false
    }

    proptest::proptest! {
        #[test]
        fn word_by_word_answers_as_before(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "May", "may", "MAY", "every", "Every", "other", "single", "weeks", "Week",
                    "by", "BY", "the", "End", "of", "a", "an", "day", "sprint", "twice",
                    "Monthly", "march", "Mar", "read", "more", "books", "Ünïcode", "İ", "per",
                    "1:1", "on-call", "Q3", "q", "x", "", ",", " ", "-", "deadline", "due",
                    "Friday", "fridays", "end-of", "year-end", "half", "Talk", "talks",
                ]),
                0..8,
            ),
            sep in proptest::sample::select(vec![" ", ", ", "  ", "/", ".", "\n"]),
        ) {
            let step = words.join(sep);
            proptest::prop_assert_eq!(is_measurable(&step), is_measurable_as_before(&step), "{:?}", step);
        }
    }

    const MEASURABLE: &[&str] = &[
        "Give 2 talks at the team demo by March 2026",
        "Ask for feedback after every demo",
        "Ask for feedback after every 1:1",
        "Finish the feedback course by 2026-04-30",
        "Complete the CKAD certification by Q3",
        "Join Toastmasters and attend weekly",
        "Read two books on leadership",
        "Pair with a senior engineer once a week",
        "Write a blog post every month",
        "Present at the team demo each sprint",
        "Shadow my manager's 1:1s for a quarter",
        "Mentor one new hire",
        "Finish the course by the end of the year",
        "Sign up for the workshop before the next review",
        "Publish the design doc by Friday",
        "Spend an hour a day on Rust exercises",
        "Lead three retrospectives",
        "Run the incident review every other week",
        "Complete 50% of the course",
        "Review PRs from the new team daily",
        "Book a coaching session in January",
        "Write a short summary after each conference",
        "Practice the talk twice with a peer",
        "Hold office hours on Fridays",
        "Submit the application by the deadline in May",
        "Take the certification exam this quarter",
        "Deliver the migration plan by end of Q2",
        "Meet my mentor monthly",
        "Give a lightning talk at the next all-hands by next month",
        "Close a dozen onboarding issues",
        "Do a code kata per week",
        "Finish chapter one before the summer",
    ];

    const NOT_MEASURABLE: &[&str] = &[
        "Read more books",
        "Improve my communication",
        "Learn Kubernetes",
        "Be more proactive in meetings",
        "Get better at public speaking",
        "Practice regularly",
        "Ask for feedback often",
        "Take a course",
        "Sign up for the CKAD exam",
        "Network with other managers",
        "Find a mentor",
        "Work on my confidence",
        "Try to delegate more",
        "Learn by doing",
        "Study the handbook",
        "Be a better listener",
        "Improve code review quality",
        "Explore the learning platform",
        "Watch videos about leadership",
        "Grow my visibility",
        "Attend conferences when possible",
        "Start soon",
        "Work on it when I have time",
        "Get feedback from my team",
        "Understand the business better",
        "Develop executive presence",
        "I may look into a course",
        "Read up on system design",
        "Help others by sharing knowledge",
        "Keep learning every way I can",
        "Apply what I learn",
        "Talk to people in other teams",
        "Pair with new hires more",
    ];

    #[test]
    fn measurable_steps() {
        for s in MEASURABLE {
            assert!(is_measurable(s), "should be measurable: {s}");
        }
    }

    #[test]
    fn unmeasurable_steps_including_near_misses() {
        for s in NOT_MEASURABLE {
            assert!(!is_measurable(s), "should not be measurable: {s}");
        }
    }
}

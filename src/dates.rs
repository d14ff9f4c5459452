//! Dates as people write them, in English, German, French and Spanish: ISO, US
//! (1/15/2026), European (15.01.2026, 15/01/2026), with month names (Jan 15, 2026;
//! 15 January 2026; 15. Juni 2026; 1er mars 2026; 15 de junio de 2026), and the deadlines
//! of action steps ("by end of Q2", "bis Ende Mai", "avant la fin du trimestre", "antes
//! del 15 de junio"). One reader for G005 (is there a date?) and G008 (has it passed?).

use chrono::{Datelike, NaiveDate};
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;

/// The months' names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month names in English (full, three letters, "sept"), German, French and Spanish,
/// with and without their accents.
const MONTH_WORDS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("enero", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("febrero", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mars", 3),
    ("marzo", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("abril", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("diciembre", 12),
    ("dic", 12),
];

/// Words that start a time by themselves (besides months and numbers): see [`scan`].
const TIME_STARTS: &[&str] = &[
    "q1",
    "q2",
    "q3",
    "q4",
    "t1",
    "t2",
    "t3",
    "t4",
    "h1",
    "h2",
    "eoy",
    "eoq",
    "eom",
    "eow",
    "eod",
    "year-end",
    "month-end",
    "quarter-end",
    "midyear",
    "mid-year",
    "deadline",
    "tomorrow",
    "morgen",
    "demain",
    "mañana",
    "end",
    "end-of",
    "ende",
    "fin",
    "final",
    "finales",
    "this",
    "next",
    "dieses",
    "diesen",
    "nächste",
    "nächsten",
    "ce",
    "cette",
    "prochain",
    "prochaine",
    "este",
    "esta",
    "próximo",
    "próxima",
    "by",
    "before",
    "until",
    "till",
    "til",
    "due",
    "bis",
    "vor",
    "spätestens",
    "avant",
    "ici",
    "jusqu",
    "antes",
    "hasta",
];

/// Month names by word, every word that may start a time, and every word that may be a
/// part of one (for [`Scan::only_time`]).
type TimeWords = (
    FxHashMap<&'static str, u32>,
    FxHashSet<&'static str>,
    FxHashSet<&'static str>,
);
static TIME_WORDS: std::sync::LazyLock<TimeWords> = std::sync::LazyLock::new(|| {
    let months: FxHashMap<&str, u32> = MONTH_WORDS.iter().copied().collect();
    let starts = months
        .keys()
        .copied()
        .chain(TIME_STARTS.iter().copied())
        .collect();
    let parts = TIME_PARTS
        .iter()
        .copied()
        .chain(TIME_STARTS.iter().copied())
        .chain(crate::vocabulary::WEEKDAYS.iter().copied())
        .collect();
    (months, starts, parts)
});

/// Words that may be a part of a time without starting one: glue, periods (and the
/// weekdays of [`crate::vocabulary::WEEKDAYS`]), the heads of deadlines (see [`is_time_glue`], [`is_period`], [`is_deadline_head`]).
const TIME_PARTS: &[&str] = &[
    "the",
    "of",
    "in",
    "on",
    "at",
    "a",
    "zum",
    "zur",
    "dem",
    "der",
    "des",
    "im",
    "am",
    "la",
    "le",
    "l",
    "du",
    "de",
    "d",
    "en",
    "del",
    "el",
    "para",
    "-",
    "–",
    "year",
    "quarter",
    "month",
    "week",
    "sprint",
    "half",
    "semester",
    "jahr",
    "jahres",
    "quartal",
    "quartals",
    "monat",
    "monats",
    "woche",
    "année",
    "an",
    "trimestre",
    "mois",
    "semaine",
    "año",
    "mes",
    "semana",
    "mid",
    "early",
    "late",
    "summer",
    "spring",
    "autumn",
    "fall",
    "winter",
    "new",
    "anfang",
    "mitte",
    "diesem",
    "début",
    "mediados",
    "principios",
];

/// The month (1 to 12) a lower-case word names (see [`MONTH_WORDS`]).
fn month_of_lower(w: &str) -> Option<u32> {
    TIME_WORDS.0.get(w).copied()
}

/// The month (1 to 12) a word names, in any case: see [`month_of_lower`].
pub fn month_number(word: &str) -> Option<u32> {
    // Month names are 3 to 10 bytes long ("septiembre"; "décembre" with its accent).
    if !(3..=10).contains(&word.len()) {
        return None;
    }
    month_of_lower(&lower(word))
}

/// A word in lower case, borrowed when it has no upper-case letter.
pub fn lower(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        }
    } else if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// A word of a step: as written, and in lower case, with what a rule makes of it (its
/// own flags, 0 until the rule sets them).
pub struct Word<'a> {
    pub raw: &'a str,
    pub lower: Cow<'a, str>,
    pub tag: u32,
}

/// The words of a step: split at white space, brackets, quotes, commas, semicolons, `!`,
/// `?`, apostrophes ("l'année", "d'ici") and `&`, with a trailing `.` or `:` removed. Dates
/// keep their inner `-`, `/` and `.` (2026-04-30, 4/30/2026, 30.04.2026).
pub fn words(text: &str) -> Vec<Word<'_>> {
    // One allocation: a word takes at least two bytes, with its separator.
    let mut out = Vec::with_capacity(text.len() / 2 + 1);
    out.extend(
        text.split(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ',' | ';'
                        | '('
                        | ')'
                        | '['
                        | ']'
                        | '"'
                        | '\''
                        | '’'
                        | '‘'
                        | '“'
                        | '”'
                        | '«'
                        | '»'
                        | '!'
                        | '?'
                        | '&'
                        | '¿'
                        | '¡'
                )
        })
        .map(|w| w.trim_end_matches(['.', ':', '…']))
        .filter(|w| !w.is_empty())
        .map(|raw| Word {
            raw,
            lower: lower(raw),
            tag: 0,
        }),
    );
    out
}

/// What a step says about time, read by [`scan`].
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// The full dates it names (a month or a quarter with its year as its last day).
    pub dates: Vec<NaiveDate>,
    /// Whether it names a date or a deadline, with or without a year ("by June",
    /// "before the next review", "bis Ende Mai", "avant le 30 septembre", "Q3").
    pub deadline: bool,
    /// The first word of the first date or deadline, where there is one.
    pub first: Option<usize>,
    /// Whether every word is a part of a date or a deadline: the step names only a time.
    pub only_time: bool,
    /// Which words are a part of a date or a deadline (a day's number is not a count).
    pub timed: Vec<bool>,
    /// The dates it names without a year ("by June", "Q3", "avant le 30 septembre", "by
    /// the end of the year"), to be placed in a year by [`Partial::on_or_after`].
    pub partial: Vec<Partial>,
}

/// A date named without its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Partial {
    /// A month: "by June", "bis Ende Mai" (its last day).
    Month(u32),
    /// A day of a month: "June 15", "avant le 30 septembre", "bis zum 30.09.".
    Day { month: u32, day: u32 },
    /// A quarter: "by Q3" (its last day).
    Quarter(u32),
    /// A half year: "H1", "mid-year" (its last day).
    Half(u32),
    /// The end of the year: "EOY", "by the end of the year", "Ende des Jahres".
    YearEnd,
    /// The end of the quarter: "EOQ", "this quarter", "fin du trimestre".
    QuarterEnd,
}

impl Partial {
    /// The first date this names on or after `anchor` (the end of June after 2026-01-15 is
    /// 2026-06-30; after 2026-07-01 it is 2027-06-30). The end of the year and of the
    /// quarter are those of the anchor's own year and quarter.
    pub fn on_or_after(self, anchor: NaiveDate) -> Option<NaiveDate> {
        let y = anchor.year();
        let in_year = |y: i32| match self {
            Partial::Month(m) => last_day(y, m),
            Partial::Day { month, day } => NaiveDate::from_ymd_opt(y, month, day),
            Partial::Quarter(q) => last_day(y, q * 3),
            Partial::Half(h) => last_day(y, h * 6),
            Partial::YearEnd => last_day(y, 12),
            Partial::QuarterEnd => last_day(y, anchor.month0() / 3 * 3 + 3),
        };
        // The 29th of February waits for a leap year.
        (y..y + 8).filter_map(in_year).find(|d| *d >= anchor)
    }
}

/// Words that start a deadline: "by", "bis", "avant", "antes".
fn is_deadline_word(w: &str) -> bool {
    matches!(
        w,
        "by" | "before"
            | "until"
            | "till"
            | "til"
            | "due"
            | "bis"
            | "vor"
            | "spätestens"
            | "avant"
            | "ici"
            | "jusqu"
            | "antes"
            | "hasta"
    )
}

/// What may come after a deadline word: "by the end", "by next week", "bis Ende",
/// "avant la fin", "antes del 15".
fn is_deadline_head(w: &str) -> bool {
    matches!(
        w,
        "end"
            | "next"
            | "this"
            | "mid"
            | "early"
            | "late"
            | "tomorrow"
            | "summer"
            | "spring"
            | "autumn"
            | "fall"
            | "winter"
            | "new"
            | "deadline"
            | "ende"
            | "anfang"
            | "mitte"
            | "zum"
            | "nächsten"
            | "nächste"
            | "nächster"
            | "diesem"
            | "dieses"
            | "fin"
            | "début"
            | "prochain"
            | "prochaine"
            | "final"
            | "finales"
            | "mediados"
            | "principios"
            | "próximo"
            | "próxima"
    ) || crate::vocabulary::is_weekday(w)
}

/// A period whose end makes a deadline: "end of the year", "Ende des Quartals", "fin du
/// trimestre", "fin de año".
fn is_period(w: &str) -> bool {
    matches!(
        w,
        "year"
            | "quarter"
            | "month"
            | "week"
            | "sprint"
            | "half"
            | "semester"
            | "jahr"
            | "jahres"
            | "quartal"
            | "quartals"
            | "monat"
            | "monats"
            | "woche"
            | "année"
            | "an"
            | "trimestre"
            | "mois"
            | "semaine"
            | "año"
            | "mes"
            | "semana"
    )
}

/// The end of a year or a quarter, as a period word names it; the others (a month, a week,
/// a sprint) are too short to place a year from.
fn period_end(w: &str) -> Option<Partial> {
    match w {
        "year" | "jahr" | "jahres" | "année" | "an" | "año" => Some(Partial::YearEnd),
        "quarter" | "quartal" | "quartals" | "trimestre" => Some(Partial::QuarterEnd),
        _ => None,
    }
}

/// Words that join the parts of a time and say nothing else: "the end of the year",
/// "bis zum", "avant la fin du", "antes del 15 de junio de".
fn is_time_glue(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "of"
            | "in"
            | "on"
            | "at"
            | "a"
            | "zum"
            | "zur"
            | "dem"
            | "der"
            | "des"
            | "im"
            | "am"
            | "la"
            | "le"
            | "l"
            | "du"
            | "de"
            | "d"
            | "en"
            | "del"
            | "el"
            | "para"
            | "-"
            | "–"
    )
}

/// A year from 1990 to 2200, written with four digits.
fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1990..=2200).contains(y))
}

/// A day of the month: "15", "15.", "1st", "1er", "15th".
fn day_of(word: &str) -> Option<u32> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let rest = &word[digits..];
    if !matches!(
        rest,
        "" | "." | "st" | "nd" | "rd" | "th" | "er" | "º" | "o"
    ) {
        return None;
    }
    word[..digits].parse().ok().filter(|d| (1..=31).contains(d))
}

/// Q1 to Q4 (or T1 to T4, trimestre, with a year).
fn quarter_of(w: &str, year_follows: bool) -> Option<u32> {
    let b = w.as_bytes();
    if b.len() != 2 || !(b[0] == b'q' || b[0] == b't' && year_follows) {
        return None;
    }
    matches!(b[1], b'1'..=b'4').then(|| u32::from(b[1] - b'0'))
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// Reads what the words of a step say about time (see [`Scan`]).
pub fn scan(words: &[Word]) -> Scan {
    let mut s = Scan::default();
    // Which words are part of a time.
    let mut timed = vec![false; words.len()];
    let lw = |i: usize| words.get(i).map_or("", |w| w.lower.as_ref());
    let mut i = 0;
    while i < words.len() {
        let w = lw(i);
        let raw = words[i].raw;
        let start = i;
        // How many words the time found here spans (0: none).
        let mut span = 0;
        let first = w.as_bytes().first().copied().unwrap_or(0);
        // Most words start no time: one look-up passes them over.
        if !first.is_ascii_digit() && !TIME_WORDS.1.contains(w) {
            i += 1;
            continue;
        }
        if first.is_ascii_digit() {
            if w.bytes()
                .filter(|c| matches!(c, b'-' | b'/' | b'.'))
                .count()
                == 2
            {
                // Numeric dates: ISO, 4/30/2026, 30.04.2026.
                if let Some(d) = parse_date(w) {
                    s.dates.push(d);
                    span = 1;
                }
            } else if let Some((d, m)) = w.split_once('.') {
                // "30.09" (the end of "30.09." removed): a day and a month, no year;
                // two digits each, so that "Python 3.12" is no date.
                if let (2, 2, Some(day), Some(month)) = (
                    d.len(),
                    m.len(),
                    day_of(d),
                    m.parse::<u32>().ok().filter(|m| (1..=12).contains(m)),
                ) {
                    s.partial.push(Partial::Day { month, day });
                    span = 1;
                }
            }
            if span == 0 && year_of(w).is_some() {
                span = 1;
            }
            if span == 0 {
                // A day before a month: "15 June 2026", "15. Juni", "1er mars",
                // "15 de junio de 2026", "the 15th of June".
                if let Some(day) = day_of(w) {
                    let mut j = i + 1;
                    if matches!(lw(j), "de" | "of") {
                        j += 1;
                    }
                    if let Some(m) = month_of_lower(lw(j)) {
                        let mut k = j + 1;
                        if matches!(lw(k), "de" | "del") {
                            k += 1;
                        }
                        if let Some(y) = year_of(lw(k)) {
                            s.dates.extend(NaiveDate::from_ymd_opt(y, m, day));
                            span = k + 1 - i;
                        } else {
                            s.partial.push(Partial::Day { month: m, day });
                            span = j + 1 - i;
                        }
                    }
                }
            }
        } else if let Some(q) = quarter_of(w, year_of(lw(i + 1)).is_some()) {
            if let Some(y) = year_of(lw(i + 1)) {
                s.dates.extend(last_day(y, q * 3));
                span = 2;
            } else {
                s.partial.push(Partial::Quarter(q));
                span = 1;
            }
        } else if let Some(m) = month_of_lower(w) {
            // "may" the verb is not May the month: the month is written with a capital
            // letter after the first word, or follows a deadline word.
            let is_month = w != "may"
                || raw == "May" && i > 0
                || i > 0 && (is_deadline_word(lw(i - 1)) || matches!(lw(i - 1), "of" | "in"));
            if is_month {
                span = 1;
                let mut j = i + 1;
                if matches!(lw(j), "de" | "del") {
                    j += 1;
                }
                if let (Some(d), Some(y)) = (day_of(lw(i + 1)), year_of(lw(i + 2))) {
                    // Month day, year: "Apr 30, 2026".
                    s.dates.extend(NaiveDate::from_ymd_opt(y, m, d));
                    span = 3;
                } else if let Some(y) = year_of(lw(j)) {
                    // Month year: "March 2026", "junio de 2026": its last day.
                    s.dates.extend(last_day(y, m));
                    span = j + 1 - i;
                } else if let Some(day) = day_of(lw(i + 1)) {
                    s.partial.push(Partial::Day { month: m, day });
                    span = 2;
                } else {
                    s.partial.push(Partial::Month(m));
                }
            }
        } else if matches!(
            w,
            "eoy"
                | "eoq"
                | "eom"
                | "eow"
                | "eod"
                | "h1"
                | "h2"
                | "year-end"
                | "month-end"
                | "quarter-end"
                | "midyear"
                | "mid-year"
                | "deadline"
                | "tomorrow"
                | "morgen"
                | "demain"
                | "mañana"
        ) {
            s.partial.extend(match w {
                "eoy" | "year-end" => Some(Partial::YearEnd),
                "eoq" | "quarter-end" => Some(Partial::QuarterEnd),
                "h1" | "midyear" | "mid-year" => Some(Partial::Half(1)),
                "h2" => Some(Partial::Half(2)),
                _ => None,
            });
            span = 1;
        } else if matches!(w, "end" | "end-of") && lw(i + 1) == "of"
            || w == "ende"
            || matches!(w, "fin" | "final" | "finales")
                && matches!(lw(i + 1), "de" | "du" | "del" | "d")
        {
            // "end of the year", "Ende Mai", "fin du trimestre", "fin de año": the end
            // and what it is the end of.
            span = 1;
            let mut j = i + 1;
            while is_time_glue(lw(j)) {
                j += 1;
            }
            if month_of_lower(lw(j)).is_some()
                || quarter_of(lw(j), false).is_some()
                || year_of(lw(j)).is_some()
                || matches!(lw(j), "h1" | "h2")
            {
                // The month, quarter or year is read next, with its year: "Ende Mai
                // 2026" is 2026-05-31.
                span = j - i;
            } else if is_period(lw(j)) {
                s.partial.extend(period_end(lw(j)));
                span = j + 1 - i;
            }
        } else if matches!(
            w,
            "this"
                | "next"
                | "dieses"
                | "diesen"
                | "nächste"
                | "nächsten"
                | "ce"
                | "cette"
                | "prochain"
                | "prochaine"
                | "este"
                | "esta"
                | "próximo"
                | "próxima"
        ) && is_period(lw(i + 1))
        {
            // "this quarter", "nächsten Monat", "ce trimestre", "el próximo mes".
            if !matches!(
                w,
                "next" | "nächste" | "nächsten" | "prochain" | "prochaine"
            ) && !w.starts_with("próxim")
            {
                s.partial.extend(period_end(lw(i + 1)));
            }
            span = 2;
        } else if is_deadline_word(w) {
            // "by Friday", "before the next review", "bis zum", "avant la fin",
            // "antes del": a deadline word followed by what makes it one.
            let next = lw(i + 1);
            let deadline = is_deadline_head(next)
                || matches!(w, "before" | "avant" | "antes" | "vor" | "bis")
                    && matches!(
                        next,
                        "the" | "le" | "la" | "l" | "de" | "del" | "dem" | "der" | "zum"
                    )
                || w == "by" && next == "the" && is_deadline_head(lw(i + 2))
                || w == "ici" && i > 0 && lw(i - 1) == "d"
                || w == "jusqu"
                || next.as_bytes().first().is_some_and(u8::is_ascii_digit)
                || month_of_lower(next).is_some()
                || quarter_of(next, false).is_some()
                || matches!(next, "eoy" | "eoq" | "eom" | "eow" | "eod" | "h1" | "h2");
            if deadline {
                s.deadline = true;
                s.first.get_or_insert(i);
                timed[i] = true;
                if w == "ici" && i > 0 {
                    timed[i - 1] = true;
                }
            }
        }
        if span > 0 {
            s.deadline = true;
            s.first.get_or_insert(start);
            for t in &mut timed[start..(start + span).min(words.len())] {
                *t = true;
            }
            i = start + span;
        } else {
            i += 1;
        }
    }
    s.only_time = s.deadline
        && words.iter().enumerate().all(|(i, w)| {
            timed[i]
                || TIME_WORDS.2.contains(w.lower.as_ref())
                || !w.raw.chars().any(char::is_alphanumeric)
        });
    s.dates.retain(|d| d.year() > 1900);
    s.timed = timed;
    s
}

/// Every full date an action step names (see [`scan`]).
pub fn dates_in(text: &str) -> Vec<NaiveDate> {
    // Every full date has digits (a year, a day, an ISO date): most steps have none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    scan(&words(text)).dates
}

/// The date an action step is due: its latest full date, or else its latest date without a
/// year placed on or after `anchor` ("by June" in a plan made in January 2026 is
/// 2026-06-30). The flag says the year was placed, not written.
pub fn due(text: &str, anchor: NaiveDate) -> Option<(NaiveDate, bool)> {
    let s = scan(&words(text));
    if let Some(d) = s.dates.iter().max() {
        return Some((*d, false));
    }
    let placed = s.partial.iter().filter_map(|p| p.on_or_after(anchor)).max();
    placed.map(|d| (d, true))
}

/// Reads a date written as text, or `None`. A numeric date a/b/yyyy whose parts are both 12
/// or less is read month first (as Google Sheets and US Excel write it).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    parse_date_ordered(text, false)
}

/// Whether a text is a numeric date a/b/yyyy that can be read either way (both parts 12 or
/// less, and not the same).
pub fn is_ambiguous(text: &str) -> bool {
    day_month(text.trim()).is_some_and(|(a, b)| a <= 12 && b <= 12 && a != b && a > 0 && b > 0)
}

/// The first two numbers of a/b/yyyy (a and b of one or two digits, the year of two or four).
fn day_month(t: &str) -> Option<(u32, u32)> {
    let mut parts = t.split(['/', '-']);
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    (parts.next().is_none() && a.len() <= 2 && b.len() <= 2 && matches!(y.len(), 2 | 4))
        .then(|| slash_parts(t).map(|(a, b, _)| (a, b)))
        .flatten()
}

/// Whether a text is a date that shows its file writes dates day first: a numeric a/b/yyyy
/// whose first part cannot be a month, or a dotted date (15.01.2026).
pub fn shows_day_first(text: &str) -> bool {
    let t = text.trim();
    if t.len() > 10 {
        return false;
    }
    if let Some((a, b)) = day_month(t) {
        return a > 12 && (1..=12).contains(&b);
    }
    t.contains('.')
        && (NaiveDate::parse_from_str(t, "%d.%m.%Y").is_ok()
            || NaiveDate::parse_from_str(t, "%d.%m.%y").is_ok())
}

/// The numbers of a/b/yyyy (or a-b-yy), the year made four digits.
fn slash_parts(t: &str) -> Option<(u32, u32, i32)> {
    let parts: Vec<&str> = t.split(['/', '-']).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let a: u32 = parts[0].parse().ok()?;
    let b: u32 = parts[1].parse().ok()?;
    let mut y: i32 = parts[2].parse().ok()?;
    if parts[2].len() == 2 {
        y += 2000;
    } else if parts[2].len() != 4 {
        return None;
    }
    Some((a, b, y))
}

/// [`parse_date`], reading an ambiguous a/b/yyyy day first when `day_first` (the file shows
/// day first elsewhere).
pub fn parse_date_ordered(text: &str, day_first: bool) -> Option<NaiveDate> {
    let t = text.trim().trim_end_matches('.');
    let t = t
        .split(['T', ' '])
        .next()
        .filter(|d| d.len() == 10 && d.as_bytes()[4] == b'-')
        .unwrap_or(t);
    for fmt in [
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%d.%m.%Y",
        "%d.%m.%y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%B %d %Y",
        "%b %d %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%d-%b-%Y",
        "%d-%B-%Y",
        "%b. %d, %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(t, fmt) {
            return Some(d);
        }
    }
    // Slashes: month first (as Google Sheets and US Excel write), unless the first
    // number cannot be a month, or the file writes day first and the second can be one.
    let (a, b, y) = slash_parts(t)?;
    let (m, d) = if a > 12 || (day_first && b <= 12) {
        (b, a)
    } else {
        (a, b)
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A date from a spreadsheet serial (days since 1899-12-30), in the range of plausible
/// plan dates (1954 to 2119).
pub fn from_serial(serial: f64) -> Option<NaiveDate> {
    if !(20_000.0..=80_000.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?
        .checked_add_days(chrono::Days::new(serial.trunc() as u64))
}

#[cfg(test)]
mod tests {
    use super::{due, is_ambiguous, parse_date_ordered, shows_day_first, Partial};
    use chrono::NaiveDate;

    #[test]
    fn ambiguous_dates_and_the_dates_that_show_day_first() {
        assert!(is_ambiguous("3/2/2026"));
        assert!(is_ambiguous("03/02/26"));
        assert!(!is_ambiguous("3/3/2026"));
        assert!(!is_ambiguous("13/2/2026"));
        assert!(!is_ambiguous("2026-03-02"));
        assert!(shows_day_first("13/2/2026"));
        assert!(shows_day_first("15.01.2026"));
        assert!(!shows_day_first("2026-03-31"));
        assert!(!shows_day_first("1/15/2026"));
        assert!(!shows_day_first("v1.2"));
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date_ordered("3/2/2026", false), ymd(2026, 3, 2));
        assert_eq!(parse_date_ordered("3/2/2026", true), ymd(2026, 2, 3));
        assert_eq!(parse_date_ordered("3/15/2026", true), ymd(2026, 3, 15));
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_without_a_year_are_placed_on_or_after_the_anchor() {
        let jan = ymd(2026, 1, 15);
        let cases: &[(&str, Option<(NaiveDate, bool)>)] = &[
            ("Read 2 books by June", Some((ymd(2026, 6, 30), true))),
            (
                "Complete the CKAD certification by Q3",
                Some((ymd(2026, 9, 30), true)),
            ),
            (
                "Give the talk by the end of June",
                Some((ymd(2026, 6, 30), true)),
            ),
            ("Demo on June 15", Some((ymd(2026, 6, 15), true))),
            (
                "Die Prüfung bis Ende Mai ablegen",
                Some((ymd(2026, 5, 31), true)),
            ),
            ("bis zum 30.09. fertig", Some((ymd(2026, 9, 30), true))),
            (
                "Certification avant le 30 septembre",
                Some((ymd(2026, 9, 30), true)),
            ),
            (
                "Entregar antes del 15 de junio",
                Some((ymd(2026, 6, 15), true)),
            ),
            (
                "Ship it by the end of the year",
                Some((ymd(2026, 12, 31), true)),
            ),
            ("Ship it by EOY", Some((ymd(2026, 12, 31), true))),
            ("Finish this quarter", Some((ymd(2026, 3, 31), true))),
            (
                "Finish by the end of the quarter",
                Some((ymd(2026, 3, 31), true)),
            ),
            ("Mentor a new hire in H2", Some((ymd(2026, 12, 31), true))),
            // A date with its year wins over one without.
            (
                "By June, or 2026-09-30 at the latest",
                Some((ymd(2026, 9, 30), false)),
            ),
            (
                "Finish the course by 2026-04-30",
                Some((ymd(2026, 4, 30), false)),
            ),
            // Too vague to place, or no time at all.
            ("Finish by next month", None),
            ("Ask for feedback after every 1:1", None),
            ("I may finish 3 modules", None),
        ];
        for (text, want) in cases {
            assert_eq!(due(text, jan), *want, "{text}");
        }
        // A month already past in the anchor's year is next year's.
        assert_eq!(
            due("by March", ymd(2026, 7, 1)),
            Some((ymd(2027, 3, 31), true))
        );
        // On the anchor itself is on or after it.
        assert_eq!(
            due("by June", ymd(2026, 6, 30)),
            Some((ymd(2026, 6, 30), true))
        );
        assert_eq!(
            due("by June", ymd(2026, 7, 1)),
            Some((ymd(2027, 6, 30), true))
        );
    }

    #[test]
    fn every_partial_date_has_its_day() {
        let a = ymd(2026, 5, 10);
        assert_eq!(Partial::Quarter(1).on_or_after(a), Some(ymd(2027, 3, 31)));
        assert_eq!(Partial::Quarter(2).on_or_after(a), Some(ymd(2026, 6, 30)));
        assert_eq!(Partial::Half(1).on_or_after(a), Some(ymd(2026, 6, 30)));
        assert_eq!(Partial::QuarterEnd.on_or_after(a), Some(ymd(2026, 6, 30)));
        assert_eq!(Partial::YearEnd.on_or_after(a), Some(ymd(2026, 12, 31)));
        assert_eq!(
            Partial::Day { month: 2, day: 29 }.on_or_after(a),
            Some(ymd(2028, 2, 29))
        );
        assert_eq!(Partial::Day { month: 2, day: 30 }.on_or_after(a), None);
        assert_eq!(Partial::Month(5).on_or_after(a), Some(ymd(2026, 5, 31)));
    }

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn month_names_in_any_case_full_or_three_letters() {
        for (word, month) in [
            ("Jan", 1),
            ("JANUARY", 1),
            ("march", 3),
            ("May", 5),
            ("Sept", 9),
            ("sep", 9),
            ("September", 9),
            ("dec", 12),
        ] {
            assert_eq!(month_number(word), Some(month), "{word}");
        }
        for (word, month) in [
            ("mayo", 5),
            ("Mär", 3),
            ("März", 3),
            ("Dezember", 12),
            ("juin", 6),
            ("août", 8),
            ("Septiembre", 9),
            ("février", 2),
        ] {
            assert_eq!(month_number(word), Some(month), "{word}");
        }
        for word in ["ma", "Septem", "", "2026", "junes", "mayor", "marché"] {
            assert_eq!(month_number(word), None, "{word}");
        }
    }

    #[test]
    fn reads_common_forms() {
        assert_eq!(parse_date("2026-01-15"), d(2026, 1, 15));
        assert_eq!(parse_date("2026-01-15T00:00:00"), d(2026, 1, 15));
        assert_eq!(parse_date("1/15/2026"), d(2026, 1, 15));
        assert_eq!(parse_date("15/01/2026"), d(2026, 1, 15));
        assert_eq!(parse_date("15.01.2026"), d(2026, 1, 15));
        assert_eq!(parse_date("Jan 15, 2026"), d(2026, 1, 15));
        assert_eq!(parse_date("January 15, 2026"), d(2026, 1, 15));
        assert_eq!(parse_date("15 Jan 2026"), d(2026, 1, 15));
        assert_eq!(parse_date("next spring"), None);
        assert_eq!(parse_date("13/13/2026"), None);
        assert_eq!(from_serial(46037.0), d(2026, 1, 15));
        assert_eq!(from_serial(3.0), None);
    }
}

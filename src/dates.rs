//! Dates as people write them: ISO, US (1/15/2026), European (15.01.2026, 15/01/2026),
//! and with month names (Jan 15, 2026; 15 January 2026).

use chrono::NaiveDate;

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

/// The month (1 to 12) a word names: its full name or its first three letters ("Sept" too),
/// in any case.
pub fn month_number(word: &str) -> Option<u32> {
    // Month names are ASCII, 3 to 9 letters, told apart by their first three.
    let b = word.as_bytes();
    if !(3..=9).contains(&b.len()) {
        return None;
    }
    let head = [0, 1, 2].map(|i| b[i].to_ascii_lowercase());
    let i = MONTH_NAMES.iter().position(|m| m.as_bytes()[..3] == head)?;
    let whole = b.len() == 3
        || word.eq_ignore_ascii_case(MONTH_NAMES[i])
        || (i == 8 && word.eq_ignore_ascii_case("sept"));
    whole.then_some(i as u32 + 1)
}

/// Reads a date written as text, or `None`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
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
    // number cannot be a month.
    let parts: Vec<&str> = t.split(['/', '-']).collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        let a: u32 = parts[0].parse().ok()?;
        let b: u32 = parts[1].parse().ok()?;
        let mut y: i32 = parts[2].parse().ok()?;
        if parts[2].len() == 2 {
            y += 2000;
        } else if parts[2].len() != 4 {
            return None;
        }
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    None
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
        for word in [
            "ma", "Septem", "mayo", "Mär", "Dezember", "", "2026", "junes",
        ] {
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

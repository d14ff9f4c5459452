//! Word lists, data only: what the rules and the dates' reader know of English, German,
//! French and Spanish words. The code that uses a list says what it does with it; a list
//! here says nothing but its words (as ruff keeps its vocabularies apart from its rules).

pub mod cells;
pub mod steps;

/// The days of the week, in lower case, in the four languages. The dates' reader reads
/// them as times ("by Friday"); G005 reads them as periods ("every Monday") and their
/// plurals as frequencies ("Mondays", "montags", "lundis").
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "miercoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];

/// Whether a lower-case word is a day of the week.
pub fn is_weekday(w: &str) -> bool {
    WEEKDAYS.contains(&w)
}

//! The IGP sheet's vocabulary: section titles, labels, questions, goal columns and their
//! aliases, checklist items, and the canonical layout's fixed rows.
//!
//! This is the one table that the readers (to recognise a plan), the writers and the
//! template (to lay one out) all use, so that they cannot disagree.

use std::cell::RefCell;

/// The worksheet that holds the whole plan in the canonical layout.
pub const PLAN_SHEET: &str = "Individual Growth Plan";
/// The worksheet of guidance text; ignored on reading.
pub const GUIDE_SHEET: &str = "Guide";
/// The worksheet that `convert --annotate` adds; ignored on reading.
pub const FINDINGS_SHEET: &str = "Findings";
/// The title in A1 of the canonical layout.
pub const PLAN_TITLE: &str = "Individual Growth Plan";
/// The line under the title (A2): how to fill the form in. Not read back.
pub const PLAN_SUBTITLE: &str = "Write in the white cells. Hover over a goal column's header to see what it asks; add a row for every goal and delete the rows you don't need. The Guide sheet explains each section.";

/// One of the four sections of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Inspiration,
    Role,
    Goals,
    Tracking,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Inspiration,
        Section::Role,
        Section::Goals,
        Section::Tracking,
    ];

    /// The section's number in the sheet (1 to 4).
    pub fn number(self) -> u8 {
        match self {
            Section::Inspiration => 1,
            Section::Role => 2,
            Section::Goals => 3,
            Section::Tracking => 4,
        }
    }

    /// The title as the template writes it.
    pub fn title(self) -> &'static str {
        match self {
            Section::Inspiration => "Section 1: Discover your Inspiration",
            Section::Role => "Section 2: Clarify your Role",
            Section::Goals => "Section 3: Set Specific Goals",
            Section::Tracking => "Section 4: Track, Reflect, and Iterate",
        }
    }

    /// Other titles accepted for the section (compared after [`normalize`]).
    fn title_aliases(self) -> &'static [&'static str] {
        match self {
            Section::Inspiration => &["Discover your Inspiration"],
            Section::Role => &["Clarify your Role", "Role direction"],
            Section::Goals => &["Set Specific Goals", "Set your Goals"],
            Section::Tracking => &[
                "Track, Reflect, and Iterate",
                "Track, Reflect and Iterate",
                "Track and Iterate",
            ],
        }
    }

    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Section::Inspiration => "Section 1 (Discover your Inspiration)",
            Section::Role => "Section 2 (Clarify your Role)",
            Section::Goals => "Section 3 (Set Specific Goals)",
            Section::Tracking => "Section 4 (Track, Reflect, and Iterate)",
        }
    }

    /// The section whose title this cell text is, if any.
    pub fn from_title(text: &str) -> Option<Section> {
        if text.len() > MAX_LABEL {
            return None;
        }
        VOCABULARY.titles.get(&normalize(text)).copied()
    }
}

/// A field of the header block above Section 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OwnerField {
    Name,
    Role,
    Team,
    Manager,
    Created,
    LastReviewed,
}

impl OwnerField {
    pub const ALL: [OwnerField; 6] = [
        OwnerField::Name,
        OwnerField::Role,
        OwnerField::Team,
        OwnerField::Manager,
        OwnerField::Created,
        OwnerField::LastReviewed,
    ];

    /// The label the template writes in column A.
    pub fn label(self) -> &'static str {
        match self {
            OwnerField::Name => "Name",
            OwnerField::Role => "Role",
            OwnerField::Team => "Team",
            OwnerField::Manager => "Manager",
            OwnerField::Created => "Plan created",
            OwnerField::LastReviewed => "Last reviewed",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            OwnerField::Name => &["Your name", "Team member", "Full name", "Employee", "Owner"],
            OwnerField::Role => &["Current role", "Job title", "Position"],
            OwnerField::Team => &["Department", "Division", "Group"],
            OwnerField::Manager => &["Your manager", "Manager name", "Reports to"],
            OwnerField::Created => &["Created", "Date created", "Plan date", "Plan created on"],
            OwnerField::LastReviewed => &[
                "Last review",
                "Reviewed",
                "Last updated",
                "Review date",
                "Last reviewed on",
            ],
        }
    }

    /// Whether the field holds a date.
    pub fn is_date(self) -> bool {
        matches!(self, OwnerField::Created | OwnerField::LastReviewed)
    }

    /// The key of the field in the JSON model.
    pub fn key(self) -> &'static str {
        match self {
            OwnerField::Name => "name",
            OwnerField::Role => "role",
            OwnerField::Team => "team",
            OwnerField::Manager => "manager",
            OwnerField::Created => "created",
            OwnerField::LastReviewed => "last_reviewed",
        }
    }
}

/// The five reflection questions of Section 1, in order.
pub const INSPIRATION_QUESTIONS: [&str; 5] = [
    "What parts of your role are most engaging?",
    "What work brings the greatest sense of excitement and belonging?",
    "Which areas of work feel draining?",
    "How do you like to learn?",
    "In 2-3 years, what role would you like to be in and why?",
];

/// The label of the growth direction in Section 2.
pub const DIRECTION_LABEL: &str = "Growth direction";
const DIRECTION_ALIASES: &[&str] = &["Direction", "My growth direction", "Career direction"];
/// The label of the role grown toward in Section 2.
pub const TARGET_ROLE_LABEL: &str = "Role I'm growing toward";
const TARGET_ROLE_ALIASES: &[&str] = &[
    "Role I am growing toward",
    "Role I'm growing towards",
    "Target role",
    "Role growing toward",
];

/// The three questions of Section 2, in order.
pub const ROLE_QUESTIONS: [&str; 3] = [
    "Do you want to stay on your current team or try something new?",
    "Would you like to manage a team or department?",
    "Would you like to stay as an individual contributor and develop a specific area of expertise?",
];

/// The four growth directions: (key in the model, text in the sheet).
pub const DIRECTIONS: [(&str, &str); 4] = [
    ("ic_growth", "IC growing in your role"),
    ("aspiring_manager", "Aspiring manager (IC to manager)"),
    ("manager_growth", "People manager growth"),
    (
        "career_transition",
        "Lateral growth / career transition (new team or division)",
    ),
];

/// The key of the direction a free text names, or `None` when it names none of the four.
pub fn direction_key(text: &str) -> Option<&'static str> {
    // Each direction's label and key, normalized once.
    static NAMES: std::sync::LazyLock<Vec<(&str, [String; 2])>> = std::sync::LazyLock::new(|| {
        DIRECTIONS
            .iter()
            .map(|(key, label)| (*key, [normalize(label), normalize(key)]))
            .collect()
    });
    let n = normalize(text);
    if n.is_empty() {
        return None;
    }
    // (`normalize` makes "ic_growth" "ic growth", as written in a sheet.)
    if let Some((key, _)) = NAMES.iter().find(|(_, names)| names.contains(&n)) {
        return Some(key);
    }
    // Looser forms seen in real sheets ("Aspiring Manager", "Career transition", ...).
    let has = |s: &str| n.contains(s);
    if has("aspiring manager") || has("ic to manager") {
        Some("aspiring_manager")
    } else if has("people manager") || has("manager growth") {
        Some("manager_growth")
    } else if has("lateral") || has("career transition") {
        Some("career_transition")
    } else if has("ic growing") || has("growing in your role") || has("ic growth") {
        Some("ic_growth")
    } else {
        None
    }
}

/// The sheet text of a direction key.
pub fn direction_text(key: &str) -> Option<&'static str> {
    DIRECTIONS.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// A column of the goals table (Section 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GoalColumn {
    /// The field name in the JSON model.
    pub key: &'static str,
    /// The header as the guide writes it.
    pub header: &'static str,
    /// The guide's description, shown as a note on the header cell.
    pub description: &'static str,
    aliases: &'static [&'static str],
}

/// The six columns of the goals table, in the template's order.
pub const GOAL_COLUMNS: [GoalColumn; 6] = [
    GoalColumn {
        key: "skill",
        header: "Skill/Behavior",
        description: "What are you learning? Identify the main skill/behavior that you want to develop.",
        aliases: &["Skill", "Behavior", "Behaviour", "Skill/Behaviour", "Skill or behavior", "Goal"],
    },
    GoalColumn {
        key: "resources",
        header: "What resources/support do you need?",
        description: "List the results of your exploration. Include handbook links, Growth and Development benefit issues, self-paced course names, etc.",
        aliases: &[
            "What resources or support will you need?",
            "What resources or support do you need?",
            "Resources",
            "Support",
            "Resources/support",
            "Resources and support",
        ],
    },
    GoalColumn {
        key: "career_support",
        header: "How will this support your career goals?",
        description: "How will this make you a better team member? How will it contribute to your ability to do your job and live our CREDIT values?",
        aliases: &["Career goals", "Career support", "How does this support your career goals?"],
    },
    GoalColumn {
        key: "action_steps",
        header: "List 1-2 measurable and achievable action steps",
        description: "Get specific here. Do you need to sign up or apply? Set aside time to learn? Is there a deadline? Clarify all necessary steps.",
        aliases: &[
            "What actionable steps will you take to reach your goal?",
            "Action steps",
            "Steps",
            "Actions",
            "Measurable action steps",
        ],
    },
    GoalColumn {
        key: "network",
        header: "How will you engage your network?",
        description: "Plan to share what you learn. Will you post on LinkedIn, present to your team, or share with your coach/mentor?",
        aliases: &["Network", "Engage your network", "Networking"],
    },
    GoalColumn {
        key: "challenges",
        header: "Anticipated Challenges",
        description: "Get ahead of challenges for greater support. Will it be hard to find time? Do you need accountability support?",
        aliases: &["What challenges do you anticipate?", "Challenges", "Obstacles"],
    },
];

/// The header row of the checklist in Section 4 (done, item, when / notes).
pub const TRACKING_HEADERS: [&str; 3] = ["Done", "Item", "When / notes"];

/// Which checklist column a header cell names: 0 done, 1 item, 2 notes.
pub fn tracking_column(text: &str) -> Option<usize> {
    if text.len() > 40 {
        return None;
    }
    tracking_normalized(&normalize(text))
}

fn tracking_normalized(n: &str) -> Option<usize> {
    TRACKING_HEADER_WORDS
        .iter()
        .find(|(word, _)| *word == n)
        .map(|(_, column)| *column)
}

/// The checklist's header cells, normalized: 0 done, 1 item, 2 notes. In English, German,
/// French and Spanish, as people rename the template's header row.
const TRACKING_HEADER_WORDS: [(&str, usize); 49] = [
    ("done", 0),
    ("complete", 0),
    ("completed", 0),
    ("status", 0),
    ("check", 0),
    ("checked", 0),
    ("✓", 0),
    ("✔", 0),
    ("done yet", 0),
    ("erledigt", 0),
    ("fait", 0),
    ("hecho", 0),
    ("listo", 0),
    ("item", 1),
    ("items", 1),
    ("checklist item", 1),
    ("task", 1),
    ("tasks", 1),
    ("action", 1),
    ("activity", 1),
    ("suggestion", 1),
    ("suggestions", 1),
    ("to do", 1),
    ("todo", 1),
    ("what", 1),
    ("step", 1),
    ("aufgabe", 1),
    ("punkt", 1),
    ("tâche", 1),
    ("élément", 1),
    ("tarea", 1),
    ("elemento", 1),
    ("when notes", 2),
    ("when", 2),
    ("notes", 2),
    ("note", 2),
    ("when or notes", 2),
    ("date", 2),
    ("date notes", 2),
    ("comments", 2),
    ("comment", 2),
    ("remarks", 2),
    ("wann notizen", 2),
    ("notizen", 2),
    ("wann", 2),
    ("quand notes", 2),
    ("remarques", 2),
    ("cuándo notas", 2),
    ("notas", 2),
];

/// Filler: what a whole cell holds instead of an answer (normalized; see rule G006).
pub const FILLER: &[&str] = &[
    "tbd",
    "tbc",
    "tba",
    "todo",
    "to do",
    "n a",
    "na",
    "none yet",
    "placeholder",
    "fill in",
    "fill me in",
    "fill this in",
    "your answer here",
    "answer here",
    "type here",
    "text here",
    "insert text here",
    "enter text here",
    "coming soon",
    "xxx",
    "xx",
    "x",
    "lorem ipsum",
    "asdf",
    "test",
    "foo",
    "tk",
    "later",
    "to be decided",
    "to be determined",
    "to be confirmed",
];

/// The five checklist items of the template's Section 4.
pub const TRACKING_ITEMS: [&str; 5] = [
    "Select a format to track your progress.",
    "Have at least one quarterly career conversation with your manager during a 1:1.",
    "Review your IGP before completing the Engagement Survey.",
    "Review your IGP before engaging in the 360 feedback program.",
    "Include your lessons learned and growth opportunities in your Talent Assessments.",
];

/// What a label cell outside the goals table stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Owner(OwnerField),
    Inspiration(usize),
    Direction,
    TargetRole,
    RoleQuestion(usize),
}

impl Label {
    /// The section a label belongs to (the header block belongs to none).
    pub fn section(self) -> Option<Section> {
        match self {
            Label::Owner(_) => None,
            Label::Inspiration(_) => Some(Section::Inspiration),
            Label::Direction | Label::TargetRole | Label::RoleQuestion(_) => Some(Section::Role),
        }
    }

    /// The label as the template writes it.
    pub fn text(self) -> &'static str {
        match self {
            Label::Owner(f) => f.label(),
            Label::Inspiration(i) => INSPIRATION_QUESTIONS[i],
            Label::Direction => DIRECTION_LABEL,
            Label::TargetRole => TARGET_ROLE_LABEL,
            Label::RoleQuestion(i) => ROLE_QUESTIONS[i],
        }
    }

    /// The label this cell text is, if any.
    pub fn from_text(text: &str) -> Option<Label> {
        if text.len() > MAX_LABEL {
            return None;
        }
        VOCABULARY
            .labels
            .get(&normalize(strip_numbering(text)))
            .copied()
    }
}

/// What a cell's text can stand for in the sheet, found with one normalization.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terms {
    pub section: Option<Section>,
    pub label: Option<Label>,
    pub goal_column: Option<usize>,
    pub tracking_column: Option<usize>,
}

thread_local! {
    /// The terms of the texts this thread found in the vocabulary: a batch of plans made
    /// from one template repeats every label in every plan. Bounded: emptied when full.
    static KNOWN: RefCell<rustc_hash::FxHashMap<Box<str>, Terms>> = RefCell::default();
}

/// How many texts [`KNOWN`] holds at most (a template has about a hundred).
const KNOWN_MAX: usize = 4096;

impl Terms {
    /// Looks a cell's text up as a title, a label, a goal column header (with the `extra`
    /// aliases) and a checklist header.
    pub fn of(text: &str, extra: &[(String, String)]) -> Terms {
        if !extra.is_empty() {
            return Terms::look_up(text, extra).0;
        }
        KNOWN.with(|known| {
            if let Some(terms) = known.borrow().get(text) {
                return *terms;
            }
            let (terms, normalized) = Terms::look_up(text, extra);
            // A text that stands for something, or that was normalized to find out (it
            // looked like the template's words: a description, a checklist item), is met
            // again in the next plan of the batch.
            if terms != Terms::default() || normalized {
                let mut known = known.borrow_mut();
                if known.len() >= KNOWN_MAX {
                    known.clear();
                }
                known.insert(text.into(), terms);
            }
            terms
        })
    }

    /// The terms of a text, and whether it was normalized (it passed the quick no).
    fn look_up(text: &str, extra: &[(String, String)]) -> (Terms, bool) {
        // "4. How do you like to learn?": a numbered label, looked up without its number.
        let numbered = text.trim_start().starts_with(|c: char| c.is_ascii_digit());
        let n = if extra.is_empty() {
            vocabulary_key(text)
        } else {
            normalize_bounded(text, MAX_LABEL)
        };
        // "3. Set specific goals": a numbered title, looked up without its number too.
        let numbered_title = || {
            numbered
                .then(|| Section::from_title(strip_numbering(text)))
                .flatten()
        };
        let Some(n) = n else {
            let terms = Terms {
                label: numbered.then(|| Label::from_text(text)).flatten(),
                section: numbered_title(),
                ..Terms::default()
            };
            return (terms, false);
        };
        let v = &*VOCABULARY;
        let label = if numbered {
            Label::from_text(text)
        } else {
            v.labels.get(&n).copied()
        };
        let terms = Terms {
            section: v.titles.get(&n).copied().or_else(numbered_title),
            label,
            goal_column: v.goal_columns.get(&n).copied().or_else(|| {
                extra
                    .iter()
                    .find(|(_, a)| normalize(a) == n)
                    .and_then(|(k, _)| GOAL_COLUMNS.iter().position(|c| c.key == k))
            }),
            tracking_column: tracking_normalized(&n),
        };
        (terms, true)
    }
}

/// The longest text that can be a label, title or header (longer cells are answers).
const MAX_LABEL: usize = 240;

/// Every title, label and header of the sheet, normalized once.
struct Vocabulary {
    titles: rustc_hash::FxHashMap<String, Section>,
    labels: rustc_hash::FxHashMap<String, Label>,
    goal_columns: rustc_hash::FxHashMap<String, usize>,
    /// The template's own words: column descriptions and headers, questions.
    guidance: rustc_hash::FxHashSet<String>,
    tracking_items: rustc_hash::FxHashSet<String>,
    filler: rustc_hash::FxHashSet<&'static str>,
    /// The longest normalized text of all the above.
    longest: usize,
    /// The first [`PREFIX`] bytes of every normalized text above (the whole text when
    /// shorter): a cell whose normalized text starts otherwise is none of them.
    prefixes: rustc_hash::FxHashSet<Vec<u8>>,
    /// The first word of every normalized text above, and "section": most cells are told
    /// from their first word.
    first_words: rustc_hash::FxHashSet<Vec<u8>>,
}

static VOCABULARY: std::sync::LazyLock<Vocabulary> = std::sync::LazyLock::new(|| {
    let mut titles = rustc_hash::FxHashMap::default();
    for s in Section::ALL {
        for t in std::iter::once(s.title()).chain(s.title_aliases().iter().copied()) {
            titles.insert(normalize(t), s);
        }
    }
    let mut labels = rustc_hash::FxHashMap::default();
    let mut add = |texts: &mut dyn Iterator<Item = &str>, label: Label| {
        for t in texts {
            labels.entry(normalize(t)).or_insert(label);
        }
    };
    for f in OwnerField::ALL {
        add(
            &mut std::iter::once(f.label()).chain(f.aliases().iter().copied()),
            Label::Owner(f),
        );
    }
    for (i, q) in INSPIRATION_QUESTIONS.iter().enumerate() {
        add(&mut std::iter::once(*q), Label::Inspiration(i));
    }
    add(
        &mut std::iter::once(DIRECTION_LABEL).chain(DIRECTION_ALIASES.iter().copied()),
        Label::Direction,
    );
    add(
        &mut std::iter::once(TARGET_ROLE_LABEL).chain(TARGET_ROLE_ALIASES.iter().copied()),
        Label::TargetRole,
    );
    for (i, q) in ROLE_QUESTIONS.iter().enumerate() {
        add(&mut std::iter::once(*q), Label::RoleQuestion(i));
    }
    let mut goal_columns = rustc_hash::FxHashMap::default();
    for (i, c) in GOAL_COLUMNS.iter().enumerate() {
        for t in std::iter::once(c.header).chain(c.aliases.iter().copied()) {
            goal_columns.entry(normalize(t)).or_insert(i);
        }
    }
    let guidance_texts = || {
        GOAL_COLUMNS
            .iter()
            .flat_map(|c| [c.description, c.header])
            .chain(INSPIRATION_QUESTIONS)
            .chain(ROLE_QUESTIONS)
    };
    let guidance: rustc_hash::FxHashSet<String> = guidance_texts().map(normalize).collect();
    let tracking_items: rustc_hash::FxHashSet<String> =
        TRACKING_ITEMS.iter().map(|t| normalize(t)).collect();
    let filler: rustc_hash::FxHashSet<&'static str> = FILLER.iter().copied().collect();
    let all = || {
        (titles.keys().map(String::as_str))
            .chain(labels.keys().map(String::as_str))
            .chain(goal_columns.keys().map(String::as_str))
            .chain(guidance.iter().map(String::as_str))
            .chain(tracking_items.iter().map(String::as_str))
            .chain(filler.iter().copied())
            .chain(TRACKING_HEADER_WORDS.iter().map(|(w, _)| *w))
    };
    let longest = all().map(str::len).max().unwrap_or(0);
    let prefixes = all()
        .map(|key| key.as_bytes()[..key.len().min(PREFIX)].to_vec())
        .collect();
    let first_words = all()
        .chain(["section"])
        .filter_map(|key| key.split(' ').next())
        .map(|word| word.as_bytes().to_vec())
        .collect();
    Vocabulary {
        titles,
        labels,
        goal_columns,
        guidance,
        tracking_items,
        filler,
        longest,
        prefixes,
        first_words,
    }
});

/// Whether a text is the template's own guidance: a goal column's description or header,
/// or a question of Sections 1 and 2.
pub fn is_guidance(text: &str) -> bool {
    vocabulary_key(text).is_some_and(|k| is_guidance_key(&k))
}

/// Whether a text is one of the template's checklist items.
pub fn is_tracking_item(text: &str) -> bool {
    vocabulary_key(text).is_some_and(|k| VOCABULARY.tracking_items.contains(&k))
}

/// Normalizes a label for matching: lower case, a leading "Section N:" removed, every run
/// of punctuation and white space folded into one space.
pub fn normalize(text: &str) -> String {
    normalize_bounded(text, usize::MAX).unwrap_or_default()
}

/// [`normalize`], or `None` as soon as the result is longer than `max` bytes: a long cell
/// is given up on after its first `max` letters, not read to its end.
pub fn normalize_bounded(text: &str, max: usize) -> Option<String> {
    // "Section 12 " is removed after the fact: it may come on top of `max`.
    let limit = max.saturating_add(12);
    let mut out: Vec<u8> = Vec::with_capacity(text.len().min(limit) + 4);
    let mut space = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII, most of every sheet, a byte at a time through a table; anything else a
        // char at a time.
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            let lower = ASCII_KEY[usize::from(b)];
            if lower == 0 {
                space = true;
                continue;
            }
            if space && !out.is_empty() {
                out.push(b' ');
            }
            out.push(lower);
        } else {
            let ch = text[i..].chars().next().unwrap_or_default();
            i += ch.len_utf8();
            if !keeps(ch) {
                space = true;
                continue;
            }
            if space && !out.is_empty() {
                out.push(b' ');
            }
            for lower in ch.to_lowercase() {
                out.extend_from_slice(lower.encode_utf8(&mut [0; 4]).as_bytes());
            }
        }
        space = false;
        if out.len() > limit {
            return None;
        }
    }
    // Only whole chars were written.
    let mut out = String::from_utf8(out).ok()?;
    if let Some(rest) = out.strip_prefix("section ") {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let cut = out.len() - rest[digits..].trim_start().len();
            out.replace_range(..cut, "");
        }
    }
    (out.len() <= max).then_some(out)
}

/// Whether [`normalize`] keeps a char (letters, digits and check marks; the rest separates
/// words). ASCII goes through [`ASCII_KEY`].
fn keeps(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '✓' || ch == '✔'
}

/// An ASCII byte as [`normalize`] keeps it: letters in lower case, digits, else 0.
const ASCII_KEY: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            table[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// A cell's text normalized for lookups in the sheet's vocabulary, or `None` when it is
/// longer than every title, label, header, question, description and checklist item.
pub fn vocabulary_key(text: &str) -> Option<String> {
    let v = &*VOCABULARY;
    if !could_be_known(text, v) {
        return None;
    }
    normalize_bounded(text, v.longest)
}

/// How many bytes of a normalized text [`could_be_known`] compares.
const PREFIX: usize = 24;

/// A quick "no" for most cells, without normalizing them: whether the first [`PREFIX`]
/// bytes of the normalized text (all of it when shorter) start a text of the vocabulary.
/// Answers the long way (`true`) for a letter that is not plain ASCII, and for a cell
/// starting with "Section" (whose "Section 3:" normalizing removes).
fn could_be_known(text: &str, v: &Vocabulary) -> bool {
    // `normalize` up to PREFIX bytes: ASCII letters and digits in lower case, one space
    // for each run of anything else between them.
    let mut key = [0u8; PREFIX];
    let mut len = 0;
    let mut space = false;
    let mut words = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        let lower = if b.is_ascii() {
            ASCII_KEY[usize::from(b)]
        } else {
            let ch = text[i - 1..].chars().next().unwrap_or_default();
            if keeps(ch) {
                return true;
            }
            i += ch.len_utf8() - 1;
            0
        };
        if lower == 0 {
            space = len > 0;
            continue;
        }
        if space {
            if words == 0 {
                // The end of the first word: most cells end here.
                if !v.first_words.contains(&key[..len]) {
                    return false;
                }
                if key[..len] == *b"section" {
                    return true;
                }
            }
            words += 1;
            if len == PREFIX {
                break;
            }
            key[len] = b' ';
            len += 1;
            space = false;
        }
        if len == PREFIX {
            break;
        }
        key[len] = lower;
        len += 1;
    }
    len > 0 && v.prefixes.contains(&key[..len])
}

/// Whether a [`vocabulary_key`] is filler ([`FILLER`]).
pub fn is_filler_key(key: &str) -> bool {
    VOCABULARY.filler.contains(key)
}

/// Whether a [`vocabulary_key`] is the template's own guidance (see [`is_guidance`]).
pub fn is_guidance_key(key: &str) -> bool {
    VOCABULARY.guidance.contains(key)
}

/// The goal column whose header or alias a [`vocabulary_key`] is.
pub fn goal_column_key(key: &str) -> Option<usize> {
    VOCABULARY.goal_columns.get(key).copied()
}

/// Removes a leading list number ("1.", "2)") from a label.
fn strip_numbering(text: &str) -> &str {
    let t = text.trim_start();
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits < 3 {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')')) {
            return r;
        }
    }
    t
}

/// The canonical layout's fixed rows (0-based), for a plan with `goal_rows` goal rows.
///
/// | rows | content |
/// |---|---|
/// | 1 | title |
/// | 3–8 | Name, Role, Team, Manager, Plan created, Last reviewed |
/// | 10 | Section 1 title; 11–15 the five questions |
/// | 17 | Section 2 title; 18 growth direction; 19 role grown toward; 20–22 the three questions |
/// | 24 | Section 3 title; 25 the goals header; 26… one row per goal |
/// | after the goals, one blank row | Section 4 title; then its header (Done, Item, When / notes); then the items |
///
/// (Rows above are 1-based, as a spreadsheet shows them.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CanonicalRows {
    pub goal_rows: u32,
}

impl CanonicalRows {
    pub const TITLE: u32 = 0;
    pub const OWNER: u32 = 2;
    pub const INSPIRATION_TITLE: u32 = 9;
    pub const INSPIRATION: u32 = 10;
    pub const ROLE_TITLE: u32 = 16;
    pub const DIRECTION: u32 = 17;
    pub const TARGET_ROLE: u32 = 18;
    pub const ROLE_QUESTIONS: u32 = 19;
    pub const GOALS_TITLE: u32 = 23;
    pub const GOALS_HEADER: u32 = 24;
    pub const GOALS: u32 = 25;

    pub fn tracking_title(self) -> u32 {
        Self::GOALS + self.goal_rows + 1
    }
    pub fn tracking_header(self) -> u32 {
        self.tracking_title() + 1
    }
    pub fn tracking(self) -> u32 {
        self.tracking_title() + 2
    }
}

/// Column letters for a 0-based column index (0 → A, 26 → AA).
pub fn column_name(col: u32) -> String {
    let mut s = String::with_capacity(4);
    push_column_name(&mut s, col);
    s
}

fn push_column_name(out: &mut String, mut col: u32) {
    // At most 7 letters for u32::MAX.
    let mut letters = [0u8; 8];
    let mut start = letters.len();
    loop {
        start -= 1;
        letters[start] = b'A' + (col % 26) as u8;
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.extend(letters[start..].iter().map(|&b| char::from(b)));
}

/// Appends the A1 reference of 0-based `row` and `col` (these are made for every cell read,
/// so without `format!`).
fn push_a1(out: &mut String, row: u32, col: u32) {
    push_column_name(out, col);
    let mut digits = [0u8; 10];
    let mut start = digits.len();
    let mut n = u64::from(row) + 1;
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[start..].iter().map(|&b| char::from(b)));
}

/// An A1 reference for 0-based row and column.
pub fn a1(row: u32, col: u32) -> String {
    let mut s = String::with_capacity(8);
    push_a1(&mut s, row, col);
    s
}

/// A sheet-qualified reference, the sheet quoted as spreadsheets quote it.
pub fn sheet_ref(sheet: &str, row: u32, col: u32) -> String {
    let mut s = quoted_sheet(sheet, 8);
    push_a1(&mut s, row, col);
    s
}

/// A sheet-qualified reference from a sheet name and an A1 cell.
pub fn sheet_ref_a1(sheet: &str, cell: &str) -> String {
    let mut s = quoted_sheet(sheet, cell.len());
    s.push_str(cell);
    s
}

/// `'Sheet'!`, a `'` in the name doubled, with room for `more`.
fn quoted_sheet(sheet: &str, more: usize) -> String {
    let mut s = String::with_capacity(sheet.len() + 3 + more);
    s.push('\'');
    for (i, part) in sheet.split('\'').enumerate() {
        if i > 0 {
            s.push_str("''");
        }
        s.push_str(part);
    }
    s.push_str("'!");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text of the vocabulary, as written and as people vary it.
    fn vocabulary_texts() -> Vec<String> {
        let mut texts: Vec<&str> = Vec::new();
        for s in Section::ALL {
            texts.push(s.title());
            texts.extend(s.title_aliases());
        }
        for f in OwnerField::ALL {
            texts.push(f.label());
            texts.extend(f.aliases());
        }
        texts.extend(INSPIRATION_QUESTIONS);
        texts.extend(ROLE_QUESTIONS);
        texts.push(DIRECTION_LABEL);
        texts.extend(DIRECTION_ALIASES);
        texts.push(TARGET_ROLE_LABEL);
        texts.extend(TARGET_ROLE_ALIASES);
        for c in GOAL_COLUMNS {
            texts.extend([c.header, c.description]);
            texts.extend(c.aliases);
        }
        texts.extend(TRACKING_ITEMS);
        texts.extend(FILLER);
        texts.extend(TRACKING_HEADER_WORDS.map(|(w, _)| w));
        texts
            .into_iter()
            .flat_map(|t| {
                [
                    t.to_string(),
                    t.to_uppercase(),
                    format!("  {t}:"),
                    format!("Section 3: {t}"),
                    format!("\"{t}\""),
                ]
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn the_quick_no_never_refuses_a_vocabulary_text_behind_punctuation(
            index in 0usize..1000,
            before in "[ •·–—…*>#.:\\-\\t\\n]{0,4}",
            after in "[ .:?!…]{0,3}",
        ) {
            let texts = vocabulary_texts();
            let text = format!("{before}{}{after}", texts[index % texts.len()]);
            proptest::prop_assert_eq!(vocabulary_key(&text), Some(normalize(&text)));
        }
    }

    #[test]
    fn the_quick_no_never_refuses_a_text_of_the_vocabulary() {
        for text in vocabulary_texts() {
            assert!(could_be_known(&text, &VOCABULARY), "refused: {text}");
            assert_eq!(vocabulary_key(&text), Some(normalize(&text)), "{text}");
        }
        assert!(!could_be_known("Share in the team channel", &VOCABULARY));
        assert!(!could_be_known("", &VOCABULARY));
        assert!(!could_be_known("...", &VOCABULARY));
        assert!(!could_be_known("• Read more", &VOCABULARY));
        assert!(could_be_known("• TBD", &VOCABULARY));
        assert!(could_be_known("Équipe", &VOCABULARY));
    }

    /// The first, plain way of normalizing, char by char: the table-driven one must agree.
    fn normalize_plainly(text: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for ch in text.chars() {
            if ch.is_alphanumeric() || ch == '✓' || ch == '✔' {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.extend(ch.to_lowercase());
            } else {
                space = true;
            }
        }
        match out.strip_prefix("section ") {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start()
                .to_string(),
            _ => out,
        }
    }

    proptest::proptest! {
        #[test]
        fn normalize_bounded_agrees_with_the_plain_way(
            text in "(Section [0-9]{1,3}:? )?[a-zA-Z0-9 ,.:/?'()✓✔éÉßİ€\\n\\t-]{0,60}",
            max in 0usize..70,
        ) {
            let plain = normalize_plainly(&text);
            proptest::prop_assert_eq!(&normalize(&text), &plain);
            // The quick no reads any text without panicking.
            let _ = could_be_known(&text, &VOCABULARY);
            let bounded = normalize_bounded(&text, max);
            proptest::prop_assert_eq!(bounded, (plain.len() <= max).then_some(plain));
        }
    }

    #[test]
    fn normalize_ignores_case_punctuation_and_section_prefix() {
        assert_eq!(
            normalize("  Section 3:  Set Specific Goals "),
            "set specific goals"
        );
        assert_eq!(normalize("Skill / Behavior"), "skill behavior");
        assert_eq!(normalize("Skill/Behavior"), normalize("skill behavior"));
    }

    #[test]
    fn sections_and_labels_are_recognised() {
        assert_eq!(
            Section::from_title("SECTION 4: track, reflect and iterate"),
            Some(Section::Tracking)
        );
        assert_eq!(
            Section::from_title("Section 3 - Set specific goals"),
            Some(Section::Goals)
        );
        let section = |text: &str| Terms::of(text, &[]).section;
        assert_eq!(
            section("SECTION 3 – SET SPECIFIC GOALS"),
            Some(Section::Goals)
        );
        assert_eq!(section("3. Set specific goals"), Some(Section::Goals));
        assert_eq!(
            section("4) Track, reflect and iterate"),
            Some(Section::Tracking)
        );
        assert_eq!(section("3. Set specific goals by June"), None);
        assert_eq!(
            Label::from_text("4. How do you like to learn?"),
            Some(Label::Inspiration(3))
        );
        assert_eq!(
            Label::from_text("Last Reviewed:"),
            Some(Label::Owner(OwnerField::LastReviewed))
        );
        assert_eq!(Label::from_text("Skill"), None);
    }

    #[test]
    fn goal_column_aliases() {
        let goal_column =
            |text: &str, extra: &[(String, String)]| Terms::of(text, extra).goal_column;
        assert_eq!(
            goal_column("What challenges do you anticipate?", &[]),
            Some(5)
        );
        assert_eq!(goal_column("steps", &[]), Some(3));
        assert_eq!(goal_column("Status", &[]), None);
        let extra = vec![("network".to_string(), "Sharing".to_string())];
        assert_eq!(goal_column("sharing", &extra), Some(4));
    }

    #[test]
    fn directions() {
        assert_eq!(
            direction_key("Aspiring manager (IC to manager)"),
            Some("aspiring_manager")
        );
        assert_eq!(
            direction_key("people manager growth"),
            Some("manager_growth")
        );
        assert_eq!(
            direction_key("career_transition"),
            Some("career_transition")
        );
        assert_eq!(direction_key("Something else"), None);
    }

    #[test]
    fn references() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16383), "XFD");
        assert_eq!(sheet_ref("Bob's plan", 27, 0), "'Bob''s plan'!A28");
        assert_eq!(sheet_ref("'", 0, 0), "''''!A1");
        assert_eq!(sheet_ref_a1("Goals", "B4"), "'Goals'!B4");
        assert_eq!(a1(1_048_575, 16_383), "XFD1048576");
        assert_eq!(a1(u32::MAX, u32::MAX), "MWLQKWV4294967296");
    }
}

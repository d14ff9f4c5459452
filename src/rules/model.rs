//! The second opinion of G005 and G006: a linear model learned from the labelled steps and
//! cells in `data/judgment/`, beside each rule's decision procedure (`checks.md`, "How G005
//! and G006 decide").
//!
//! A text becomes a set of hashed features (character 2-5-grams and word 1-2-grams of its
//! normalized form, plus the column it stands in), and a logistic regression over them says
//! how likely the text is to fail the rule's test. The weights are a data file made by
//! `examples/train_judgment.rs` from the data files alone, with [`train`]: plain stochastic
//! gradient descent in a fixed order, so the same data gives the same bytes (a test checks
//! it). No crate is needed for a few hundred lines of arithmetic, and nothing is fetched.

use std::sync::LazyLock;

/// Hash buckets of a model: 2^17 weights of 4 bytes, 512 KiB a model.
pub const BUCKETS: usize = 1 << 17;

/// The file's first bytes, then its version.
const MAGIC: &[u8; 4] = b"IGPM";
const VERSION: u32 = 1;
const HEADER: usize = 4 + 4 + 4 + 4;

thread_local! {
    /// The set of features seen of [`Model::probability`]: its slots (empty: `u32::MAX`),
    /// and the slots it filled.
    static SEEN: std::cell::RefCell<(Vec<u32>, Vec<usize>)> = const {
        std::cell::RefCell::new((Vec::new(), Vec::new()))
    };
}

/// The model of G005: how likely an action step is to have no end state.
pub static STEPS: LazyLock<Model> = LazyLock::new(|| {
    Model::from_bytes(include_bytes!("../../data/judgment/model/steps.bin"))
        .unwrap_or_else(Model::neutral)
});

/// The model of G006: how likely a cell is to tell a reader nothing.
pub static CELLS: LazyLock<Model> = LazyLock::new(|| {
    Model::from_bytes(include_bytes!("../../data/judgment/model/cells.bin"))
        .unwrap_or_else(Model::neutral)
});

/// What the two means say of a text together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Both say it fails the rule's test: a finding at the rule's severity.
    Fails,
    /// They disagree: an info finding asks the question a reviewer would ask.
    Asks,
    /// Both say it passes: no finding.
    Passes,
}

/// A verdict and how sure igp is that the text fails the test (0.0-1.0): the mean of the
/// procedure's vote (1 or 0) and the model's probability.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judged {
    pub verdict: Verdict,
    pub confidence: f64,
}

/// How far from one half the model's probability must be for the model to hold an
/// opinion of its own: nearer, it defers to the procedure. Chosen on the dev split
/// (examples/judgment_tune.rs, before the test split was written): at 0.1, steps 97.6% of
/// verdicts right and 8.5% asked, cells 97.9% and 6.9% (at 0: 97.9% and 9.7%, 98.5% and
/// 7.7%; at 0.2: 97.1% and 7.0%, 97.9% and 6.6%).
pub const MARGIN: f64 = 0.1;

/// Judges a text twice: the procedure's answer (whether it fails) and the model's
/// probability that it fails.
pub fn judge_twice(procedure_fails: bool, probability: f64) -> Judged {
    let model_fails = if (probability - 0.5).abs() < MARGIN {
        procedure_fails
    } else {
        probability >= 0.5
    };
    let verdict = match (procedure_fails, model_fails) {
        (true, true) => Verdict::Fails,
        (false, false) => Verdict::Passes,
        _ => Verdict::Asks,
    };
    let vote = if procedure_fails { 1.0 } else { 0.0 };
    Judged {
        verdict,
        confidence: (vote + probability) / 2.0,
    }
}

/// A logistic regression over hashed features.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    bias: f32,
    weights: Vec<f32>,
}

impl Model {
    /// A model with no opinion (every probability one half), so that the procedure alone
    /// decides: what a malformed weights file would give. tests/judgment.rs checks that the
    /// committed files are well-formed and are what the trainer makes.
    pub fn neutral() -> Model {
        Model {
            bias: 0.0,
            weights: vec![0.0; BUCKETS],
        }
    }

    /// Reads a model file: `IGPM`, version, bucket count, bias, then the weights, all
    /// little-endian. `None` when the bytes are not such a file.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let word = |i: usize| -> Option<[u8; 4]> { bytes.get(i..i + 4)?.try_into().ok() };
        if bytes.get(..4)? != MAGIC || u32::from_le_bytes(word(4)?) != VERSION {
            return None;
        }
        let buckets = u32::from_le_bytes(word(8)?) as usize;
        if buckets != BUCKETS || bytes.len() != HEADER + 4 * buckets {
            return None;
        }
        let bias = f32::from_le_bytes(word(12)?);
        let weights = bytes[HEADER..]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Some(Model { bias, weights })
    }

    /// The model as a file's bytes (see [`Model::from_bytes`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + 4 * self.weights.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.weights.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.bias.to_le_bytes());
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// How likely `text`, standing in `column` ("action_steps", "resources", "answer",
    /// ...), is to fail the rule's test: 0.0 to 1.0.
    // Not inlined: bench/instructions.sh counts its cost by name.
    #[inline(never)]
    pub fn probability(&self, text: &str, column: &str) -> f64 {
        // The features' weights summed as they come, each once: an open-addressing set of
        // the features seen stands in for sorting them. The set is the thread's own, kept
        // from call to call, and only its used slots are emptied after: no memory is
        // allocated or cleared per text.
        // At most: 4 n-grams a character of the normalized text (lower case takes at most
        // 3 times the bytes), 2 for each word and each pair, 2 a shape, 4 more.
        let len = judged_part(text).len();
        let most = 4 * (3 * len + 2) + 6 * len + 8;
        let size = (2 * most).next_power_of_two();
        let (sum, n) = SEEN.with_borrow_mut(|(table, used)| {
            if table.len() < size {
                table.resize(size, u32::MAX);
            }
            let mask = size - 1;
            let mut sum = 0f64;
            each_feature(text, column, |f| {
                let mut slot = (f as usize).wrapping_mul(0x9e37_79b9) & mask;
                loop {
                    match table[slot] {
                        u32::MAX => {
                            table[slot] = f;
                            used.push(slot);
                            sum += f64::from(self.weights[f as usize]);
                            return;
                        }
                        s if s == f => return,
                        _ => slot = (slot + 1) & mask,
                    }
                }
            });
            let n = used.len();
            for slot in used.drain(..) {
                table[slot] = u32::MAX;
            }
            (sum, n)
        });
        sigmoid(f64::from(self.bias) + scale(n) * sum)
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Each feature's value: the feature vector has length 1.
fn scale(n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        1.0 / (n as f64).sqrt()
    }
}

/// A text as a reader of its words sees it: lower case, digits as `0` (three talks and
/// five talks are alike), a list's bullet or number dropped, spaces collapsed.
pub fn normalize(text: &str) -> String {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || is_bullet(c));
    // "1) ", "2. ", "a) " at the start.
    let t = match t.find([')', '.']) {
        Some(i)
            if i > 0
                && i <= 2
                && t[..i].chars().all(|c| c.is_ascii_alphanumeric())
                && t[i + 1..].starts_with(' ') =>
        {
            &t[i + 1..]
        }
        _ => t,
    };
    let mut out = String::with_capacity(t.len());
    let mut space = false;
    for c in t.trim().chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(if c.is_ascii_digit() { '0' } else { c });
    }
    out
}

/// [`normalize`] of one word (no white space in it), into `out`: its list bullet dropped,
/// lower case, digits as `0`.
fn normalize_word(word: &str, out: &mut String) {
    out.clear();
    let w = word.trim_start_matches(is_bullet);
    for c in w.chars().flat_map(char::to_lowercase) {
        out.push(if c.is_ascii_digit() { '0' } else { c });
    }
}

/// A character that opens a list's line: "-", "*", "•", "–"...
fn is_bullet(c: char) -> bool {
    matches!(c, '-' | '*' | '•' | '·' | '–' | '—' | '>' | '+' | '◦')
}

/// FNV-1a, 64 bits: a hash that is the same on every machine and in every version.
fn fnv(namespace: u8, parts: &[&str]) -> u32 {
    let mut h = Fnv::new(namespace);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.eat(0x1f);
        }
        h.eat_all(p.as_bytes());
    }
    h.bucket()
}

/// The state of an FNV-1a hash.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    #[inline]
    fn new(namespace: u8) -> Fnv {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        h.eat(namespace);
        h
    }

    #[inline]
    fn eat(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }

    #[inline]
    fn eat_all(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.eat(b);
        }
    }

    #[inline]
    fn bucket(self) -> u32 {
        (self.0 % BUCKETS as u64) as u32
    }
}

/// The hashed features of a text in a column, sorted and without repeats.
pub fn features(text: &str, column: &str) -> Vec<u32> {
    let mut out = Vec::with_capacity(4 * text.len() + 16);
    each_feature(text, column, |f| out.push(f));
    out.sort_unstable();
    out.dedup();
    out
}

/// The longest text the model reads, in bytes: a longer one is judged by its start (no
/// labelled step or cell is half as long), so that a cell of megabytes costs no more.
const MAX_TEXT: usize = 2000;

/// The start of `text` that the model reads: at most [`MAX_TEXT`] bytes, cut at a
/// character's boundary.
fn judged_part(text: &str) -> &str {
    if text.len() <= MAX_TEXT {
        return text;
    }
    let mut end = MAX_TEXT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Hands each hashed feature of a text in a column to `f`, repeats included, with no
/// allocation per feature (the model runs on every cell of every plan).
fn each_feature(text: &str, column: &str, mut f: impl FnMut(u32)) {
    let text = judged_part(text);
    let norm = normalize(text);
    // Character n-grams of the text between spaces that mark where it starts and ends.
    let mut padded = String::with_capacity(norm.len() + 2);
    padded.push(' ');
    padded.push_str(&norm);
    padded.push(' ');
    let bounds: Vec<usize> = padded
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(padded.len()))
        .collect();
    let chars = bounds.len() - 1;
    let bytes = padded.as_bytes();
    for n in 2..=5 {
        let start = Fnv::new(n as u8);
        for i in 0..(chars + 1).saturating_sub(n) {
            let mut h = start;
            h.eat_all(&bytes[bounds[i]..bounds[i + n]]);
            f(h.bucket());
        }
    }
    // Words and pairs of words, with the text's start and end.
    let words: Vec<&str> = norm
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .collect();
    for w in &words {
        f(fnv(b'w', &[w]));
    }
    let mut prev = "<s>";
    for w in words.iter().copied().chain(std::iter::once("</s>")) {
        f(fnv(b'b', &[prev, w]));
        prev = w;
    }
    // The shape of each word as written ("Team" Xx, "ACCA" X, "AZ-104" X-d, "two" x) and
    // the word before it: a name, an exam code or a number after a verb is what makes a
    // step completable, whatever the name.
    let mut before = String::from("<s>");
    let mut shaped = String::new();
    for w in text.split_whitespace() {
        shape(w, &mut shaped);
        f(fnv(b's', &[&shaped]));
        f(fnv(b'S', &[&before, &shaped]));
        normalize_word(w, &mut before);
    }
    const COUNTS: [&str; 13] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
    ];
    f(fnv(b'n', &[COUNTS[words.len().min(12)]]));
    // The column: a cell that only repeats its column's header is guidance there.
    f(fnv(b'c', &[column]));
    if let Some(first) = words.first() {
        f(fnv(b'C', &[column, first]));
    }
    if words.is_empty() {
        f(fnv(b'e', &[column]));
    }
}

/// A word's shape: each run of upper-case letters `X`, of lower-case letters `x`, of digits
/// `d`, other characters as they are ("Team" Xx, "AZ-104" X-d, "e.g." x.x.).
fn shape(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if !out.ends_with(k) || !matches!(k, 'X' | 'x' | 'd') {
            out.push(k);
        }
    }
}

/// One labelled example: a text, its column, and whether it fails the rule's test.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub column: String,
    pub fails: bool,
}

/// One row of a labelled data file (`data/judgment/*.tsv`; the format is at the top of
/// each file): steps have no column, cells name theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    pub label: String,
    /// The goal column ("action_steps" for a step).
    pub column: String,
    pub text: String,
    pub role: String,
    pub lang: String,
    pub author: String,
    pub split: String,
}

impl Labelled {
    /// Whether the label says the text fails the rule's test.
    pub fn fails(&self) -> bool {
        matches!(self.label.as_str(), "unmeasurable" | "placeholder")
    }

    /// The row as a training example.
    pub fn example(&self) -> Example {
        Example {
            text: self.text.clone(),
            column: self.column.clone(),
            fails: self.fails(),
        }
    }
}

/// The rows of a labelled data file: its lines that are neither comments nor blank.
///
/// # Errors
///
/// A row with the wrong number of fields or an unknown label, named by its line number.
pub fn parse_labelled(text: &str) -> Result<Vec<Labelled>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let row = match (f.first().copied(), f.len()) {
            (Some("measurable" | "unmeasurable"), 6) => Labelled {
                label: f[0].into(),
                column: "action_steps".into(),
                text: f[1].into(),
                role: f[2].into(),
                lang: f[3].into(),
                author: f[4].into(),
                split: f[5].into(),
            },
            (Some("placeholder" | "content"), 7) => Labelled {
                label: f[0].into(),
                column: f[1].into(),
                text: f[2].into(),
                role: f[3].into(),
                lang: f[4].into(),
                author: f[5].into(),
                split: f[6].into(),
            },
            // The earlier sets (data/judgment/earlier/): label TAB step, label TAB column TAB
            // cell. Their third label, borderline (a step the earlier rules asked about: an
            // unnamed course, an open-ended activity), is what labelling rule 7 now calls
            // unmeasurable.
            (Some(label @ ("measurable" | "unmeasurable" | "borderline")), 2) => Labelled {
                label: if label == "borderline" { "unmeasurable" } else { label }.into(),
                column: "action_steps".into(),
                text: f[1].into(),
                role: String::new(),
                lang: String::new(),
                author: "earlier".into(),
                split: "train".into(),
            },
            (Some("placeholder" | "content"), 3) => Labelled {
                label: f[0].into(),
                column: f[1].into(),
                text: f[2].into(),
                role: String::new(),
                lang: String::new(),
                author: "earlier".into(),
                split: "train".into(),
            },
            _ => {
                return Err(format!(
                    "line {}: expected a label (measurable, unmeasurable, placeholder, content) and 6 or 7 tab-separated fields, found {} fields",
                    n + 1,
                    f.len()
                ))
            }
        };
        out.push(row);
    }
    Ok(out)
}

/// The labelled rows of every file in `dir` whose name starts with `prefix` ("steps-",
/// "cells-", "test-steps-"), in file-name order.
///
/// # Errors
///
/// A file that cannot be read or parsed, named.
pub fn read_labelled(dir: &std::path::Path, prefix: &str) -> Result<Vec<Labelled>, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "tsv")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(prefix))
        })
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        out.extend(parse_labelled(&text).map_err(|e| format!("{}: {e}", p.display()))?);
    }
    Ok(out)
}

/// The models as `examples/train_judgment.rs` makes them: each trained on the rows of the
/// train split in `dir` (steps-*.tsv for G005, cells-*.tsv for G006) and on the earlier
/// sets in `dir/earlier/`.
///
/// # Errors
///
/// A data file that cannot be read or parsed.
pub fn train_from(dir: &std::path::Path) -> Result<(Model, Model), String> {
    let examples = |prefix: &str| -> Result<Vec<Example>, String> {
        Ok(read_labelled(dir, prefix)?
            .iter()
            .chain(&read_labelled(
                &dir.join("earlier"),
                prefix.trim_end_matches('-'),
            )?)
            .filter(|r| r.split == "train")
            .map(Labelled::example)
            .collect())
    };
    Ok((
        train(&examples("steps-")?, Training::default()),
        train(&examples("cells-")?, Training::default()),
    ))
}

/// How a model is trained: passes over the data, the first step size, the L2 penalty.
#[derive(Debug, Clone, Copy)]
pub struct Training {
    pub epochs: usize,
    pub rate: f64,
    pub l2: f64,
}

impl Default for Training {
    fn default() -> Training {
        Training {
            epochs: 20,
            rate: 0.5,
            l2: 1e-6,
        }
    }
}

/// Learns a model from labelled examples with stochastic gradient descent on the
/// logistic loss. Deterministic: the examples are visited in an order drawn from a fixed
/// seed, and the arithmetic is done in one thread, so the same examples give the same
/// model, bit for bit.
pub fn train(examples: &[Example], training: Training) -> Model {
    let data: Vec<(Vec<u32>, f64)> = examples
        .iter()
        .map(|e| {
            (
                features(&e.text, &e.column),
                if e.fails { 1.0 } else { 0.0 },
            )
        })
        .collect();
    let mut weights = vec![0f64; BUCKETS];
    let mut bias = 0f64;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
    let mut t = 0f64;
    for _ in 0..training.epochs {
        // Fisher-Yates with xorshift64*.
        for i in (1..order.len()).rev() {
            rng ^= rng >> 12;
            rng ^= rng << 25;
            rng ^= rng >> 27;
            let r = rng.wrapping_mul(0x2545_f491_4f6c_dd1d);
            order.swap(i, (r % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let (f, y) = &data[i];
            let rate = training.rate / (1.0 + t * 1e-4);
            t += 1.0;
            let x = scale(f.len());
            let z = bias + x * f.iter().map(|&k| weights[k as usize]).sum::<f64>();
            let g = sigmoid(z) - y;
            bias -= rate * g;
            for &k in f {
                let w = &mut weights[k as usize];
                *w -= rate * (g * x + training.l2 * *w);
            }
        }
    }
    Model {
        bias: bias as f32,
        weights: weights.into_iter().map(|w| w as f32).collect(),
    }
}

/// How the two means together agree with a labelled set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    pub rows: usize,
    /// Rows given a verdict (a warning or no finding).
    pub decided: usize,
    /// Of those, the rows whose verdict is the label.
    pub right: usize,
    /// Rows given a question (info).
    pub asked: usize,
    /// Rows on which the procedure alone, and the model alone, are right.
    pub procedure_right: usize,
    pub model_right: usize,
}

impl Figures {
    /// The share of verdicts that agree with the labels.
    pub fn agreement(&self) -> f64 {
        ratio(self.right, self.decided)
    }

    /// The share of rows that are asked about.
    pub fn questions(&self) -> f64 {
        ratio(self.asked, self.rows)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// What G005 or G006 makes of one labelled row: its verdict, the procedure's answer and
/// the model's probability. A step that is a placeholder passes (it is G006's).
pub fn verdict_of(row: &Labelled) -> (Verdict, bool, f64) {
    if row.column == "action_steps" {
        match super::measurable::judge_step(&row.text) {
            Some((judgment, judged)) => (
                judged.verdict,
                judgment != super::measurable::Judgment::Measurable,
                STEPS.probability(&row.text, &row.column),
            ),
            None => (Verdict::Passes, false, 0.0),
        }
    } else {
        let p = CELLS.probability(&row.text, &row.column);
        let procedure = super::placeholder::procedure_says(&row.text, &row.column);
        let verdict = super::placeholder::judge_text(&row.text, &row.column)
            .map_or(Verdict::Passes, |j| j.verdict);
        (verdict, procedure, p)
    }
}

/// What the rule's procedure alone says of a text of `column`: whether it fails.
pub fn procedure_says(text: &str, column: &str) -> bool {
    if column == "action_steps" {
        super::measurable::judge(text) != super::measurable::Judgment::Measurable
    } else {
        super::placeholder::procedure_says(text, column)
    }
}

/// The figures of a labelled set, and its rows on which the verdict is wrong or a question.
pub fn evaluate(rows: &[Labelled]) -> (Figures, Vec<(&Labelled, Verdict, f64)>) {
    let mut f = Figures::default();
    let mut misses = Vec::new();
    for row in rows {
        let (verdict, procedure, p) = verdict_of(row);
        let fails = row.fails();
        f.rows += 1;
        f.procedure_right += usize::from(procedure == fails);
        f.model_right += usize::from((p >= 0.5) == fails);
        match verdict {
            Verdict::Asks => {
                f.asked += 1;
                misses.push((row, verdict, p));
            }
            v => {
                f.decided += 1;
                if (v == Verdict::Fails) == fails {
                    f.right += 1;
                } else {
                    misses.push((row, verdict, p));
                }
            }
        }
    }
    (f, misses)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing_drops_bullets_and_numbers_and_digits() {
        assert_eq!(normalize("  - Read 3 Books"), "read 0 books");
        assert_eq!(normalize("1) Book the exam"), "book the exam");
        assert_eq!(normalize("• AZ-104 – Sept"), "az-000 – sept");
        assert_eq!(normalize("a. Ask\t Maria"), "ask maria");
        assert_eq!(normalize("e.g. Udemy"), "e.g. udemy");
    }

    #[test]
    fn features_are_sorted_unique_and_in_range() {
        let f = features("Read 3 books", "action_steps");
        assert!(f.windows(2).all(|w| w[0] < w[1]));
        assert!(f.iter().all(|&k| (k as usize) < BUCKETS));
        assert_eq!(f, features("Read 5 books", "action_steps"));
        assert_ne!(f, features("Read 3 books", "resources"));
        assert!(!features("", "resources").is_empty());
    }

    #[test]
    fn a_word_normalizes_as_in_a_text() {
        let mut out = String::new();
        for w in [
            "-Foo",
            "1)",
            "AZ-104",
            "e.g.",
            "•Ärger",
            "İstanbul",
            "a.",
            "x",
        ] {
            normalize_word(w, &mut out);
            assert_eq!(out, normalize(w), "{w}");
        }
    }

    #[test]
    fn a_long_text_is_judged_by_its_start() {
        let long = "é".repeat(5000);
        assert_eq!(judged_part(&long).len(), 2000);
        assert_eq!(judged_part("short"), "short");
        let m = Model::neutral();
        assert_eq!(m.probability(&long, "resources"), 0.5);
        assert_eq!(
            features(&long, "resources"),
            features(&"é".repeat(1000), "resources")
        );
    }

    #[test]
    fn a_model_learns_and_round_trips() {
        let ex = |t: &str, fails| Example {
            text: t.into(),
            column: "action_steps".into(),
            fails,
        };
        let data = [
            ex("get better at sql", true),
            ex("improve my writing", true),
            ex("be more visible", true),
            ex("pass the sql exam by june", false),
            ex("publish 2 posts by may", false),
            ex("run the retro weekly", false),
        ];
        let m = train(&data, Training::default());
        assert!(m.probability("get better at excel", "action_steps") > 0.5);
        assert!(m.probability("publish 3 posts by june", "action_steps") < 0.5);
        let again = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(again, m);
        assert_eq!(train(&data, Training::default()).to_bytes(), m.to_bytes());
        assert!(Model::from_bytes(b"IGPM").is_none());
        assert!(Model::from_bytes(&m.to_bytes()[..100]).is_none());
    }
}

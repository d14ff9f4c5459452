//! The JSON report: the contract of checks.md. Streamed: each plan is written as soon as
//! it is checked, the summary at the end.

use super::{PlanReport, Reporter, Totals};
use serde::Serialize;
use std::io::{self, Write};
use std::time::Duration;

#[derive(Default)]
pub struct Json {
    plans: usize,
    buffer: Vec<u8>,
}

#[derive(Serialize)]
struct SummaryOut {
    plans: usize,
    clean: usize,
    info: usize,
    warning: usize,
    error: usize,
    findings: CountsOut,
}

#[derive(Serialize)]
struct CountsOut {
    error: usize,
    warning: usize,
    info: usize,
}

/// Writes `value` as pretty JSON (serde_json's layout, two spaces), nested `depth` levels
/// in: every line after the first is indented as if the value sat there. The text is
/// made in a buffer kept from plan to plan and written at once (serde_json writes token
/// by token).
pub(super) fn write_nested<T: Serialize>(
    out: &mut dyn Write,
    value: &T,
    depth: usize,
    buffer: &mut Vec<u8>,
) -> io::Result<()> {
    buffer.clear();
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut *buffer,
        Nested {
            depth,
            has_value: false,
        },
    );
    value.serialize(&mut serializer).map_err(io::Error::other)?;
    out.write_all(buffer)
}

/// serde_json's `PrettyFormatter`, started at a depth.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn newline<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        const SPACES: &[u8; 32] = b"                                ";
        for _ in 0..self.depth / 16 {
            w.write_all(SPACES)?;
        }
        w.write_all(&SPACES[..(self.depth % 16) * 2])
    }

    fn begin<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn end<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.newline(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.newline(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A plan of the report, as serde_json's pretty layout writes it two levels in (each
/// finding's fields in [`Finding`]'s order): made directly, since a batch writes one for
/// every plan and serde_json's general path (a formatter call per token, a table lookup
/// per byte of every string) was a fifth of igp's own work. The test below holds it to
/// serde_json's output byte for byte.
fn write_plan(buf: &mut Vec<u8>, p: &PlanReport) -> io::Result<()> {
    buf.extend_from_slice(b"{\n      \"path\": ");
    string(buf, &p.path)?;
    buf.extend_from_slice(b",\n      \"owner\": ");
    optional(buf, p.owner.as_deref())?;
    buf.extend_from_slice(b",\n      \"status\": ");
    string(buf, p.status().as_str())?;
    buf.extend_from_slice(b",\n      \"goals\": ");
    write!(buf, "{}", p.goals)?;
    buf.extend_from_slice(b",\n      \"findings\": [");
    for (i, f) in p.findings.iter().enumerate() {
        buf.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        buf.extend_from_slice(b"        {\n          \"code\": ");
        string(buf, f.code)?;
        buf.extend_from_slice(b",\n          \"name\": ");
        string(buf, f.name)?;
        buf.extend_from_slice(b",\n          \"severity\": ");
        string(buf, f.severity.as_str())?;
        buf.extend_from_slice(b",\n          \"message\": ");
        string(buf, &f.message)?;
        buf.extend_from_slice(b",\n          \"sheet\": ");
        optional(buf, f.sheet.as_deref())?;
        buf.extend_from_slice(b",\n          \"cell\": ");
        optional(buf, f.cell.as_deref())?;
        buf.extend_from_slice(b",\n          \"goal\": ");
        match f.goal {
            Some(n) => write!(buf, "{n}")?,
            None => buf.extend_from_slice(b"null"),
        }
        if let Some(c) = f.confidence {
            // As serde_json writes a float: "0.0", "0.873".
            write!(buf, ",\n          \"confidence\": {:?}", c.value())?;
        }
        buf.extend_from_slice(b"\n        }");
    }
    if !p.findings.is_empty() {
        buf.extend_from_slice(b"\n      ");
    }
    buf.extend_from_slice(b"]\n    }");
    Ok(())
}

fn optional(buf: &mut Vec<u8>, s: Option<&str>) -> io::Result<()> {
    match s {
        Some(s) => string(buf, s),
        None => {
            buf.extend_from_slice(b"null");
            Ok(())
        }
    }
}

/// A JSON string. Text without control characters needs only its quotes and backslashes
/// escaped, found by `memchr`; the rest is left to serde_json.
fn string(buf: &mut Vec<u8>, s: &str) -> io::Result<()> {
    let bytes = s.as_bytes();
    // Branch-free, so that it is vectorized.
    let control = bytes.iter().fold(false, |c, &b| c | (b < 0x20));
    if control {
        return serde_json::to_writer(&mut *buf, s).map_err(io::Error::other);
    }
    buf.push(b'"');
    let mut start = 0;
    for at in memchr::memchr2_iter(b'"', b'\\', bytes) {
        buf.extend_from_slice(&bytes[start..at]);
        buf.push(b'\\');
        start = at;
    }
    buf.extend_from_slice(&bytes[start..]);
    buf.push(b'"');
    Ok(())
}

impl Reporter for Json {
    fn plan(&mut self, out: &mut dyn Write, p: &PlanReport) -> io::Result<()> {
        out.write_all(if self.plans == 0 {
            b"{\n  \"schema_version\": 1,\n  \"plans\": [\n    "
        } else {
            b",\n    "
        })?;
        self.plans += 1;
        self.buffer.clear();
        write_plan(&mut self.buffer, p)?;
        out.write_all(&self.buffer)
    }

    fn finish(&mut self, out: &mut dyn Write, t: &Totals, _elapsed: Duration) -> io::Result<()> {
        if self.plans == 0 {
            out.write_all(b"{\n  \"schema_version\": 1,\n  \"plans\": [],\n  \"summary\": ")?;
        } else {
            out.write_all(b"\n  ],\n  \"summary\": ")?;
        }
        let summary = SummaryOut {
            plans: t.plans,
            clean: t.clean,
            info: t.info,
            warning: t.warning,
            error: t.error,
            findings: CountsOut {
                error: t.errors,
                warning: t.warnings,
                info: t.infos,
            },
        };
        write_nested(out, &summary, 1, &mut self.buffer)?;
        out.write_all(b"\n}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Finding, Severity};

    /// What the report writes for a plan, through serde: the oracle of [`write_plan`].
    #[derive(Serialize)]
    struct PlanOut<'a> {
        path: &'a str,
        owner: Option<&'a str>,
        status: &'a str,
        goals: usize,
        findings: Vec<FindingOut<'a>>,
    }

    #[derive(Serialize)]
    struct FindingOut<'a> {
        code: &'a str,
        name: &'a str,
        severity: Severity,
        message: &'a str,
        sheet: Option<&'a str>,
        cell: Option<&'a str>,
        goal: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        confidence: Option<crate::finding::Confidence>,
    }

    fn through_serde(p: &PlanReport) -> Vec<u8> {
        let value = PlanOut {
            path: &p.path,
            owner: p.owner.as_deref(),
            status: p.status().as_str(),
            goals: p.goals,
            findings: p
                .findings
                .iter()
                .map(|f| FindingOut {
                    code: f.code,
                    name: f.name,
                    severity: f.severity,
                    message: &f.message,
                    sheet: f.sheet.as_deref(),
                    cell: f.cell.as_deref(),
                    goal: f.goal,
                    confidence: f.confidence,
                })
                .collect(),
        };
        let mut out = Vec::new();
        write_nested(&mut out, &value, 2, &mut Vec::new()).unwrap();
        out
    }

    fn text() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::prop_oneof![
            "[a-z \"\\\\]{0,12}",
            "\\PC{0,12}",
            proptest::string::string_regex("[\u{0}-\u{7f}é€𝄞\u{2028}]{0,12}").unwrap(),
        ]
    }

    proptest::proptest! {
        #[test]
        fn plans_are_written_as_serde_json_writes_them(
            path in text(),
            owner in proptest::option::of(text()),
            goals in 0usize..20,
            findings in proptest::collection::vec(
                (0..crate::finding::CATALOGUE.len(), text(), proptest::option::of((text(), text())), proptest::option::of(0usize..1000), 0..3u8, proptest::option::of(0.0f64..=1.0)),
                0..4,
            ),
        ) {
            let findings = findings
                .into_iter()
                .map(|(code, message, at, goal, sev, confidence)| {
                    let mut f = Finding::new(crate::finding::CATALOGUE[code], message);
                    f.severity = [Severity::Info, Severity::Warning, Severity::Error][usize::from(sev)];
                    if let Some((sheet, cell)) = at {
                        f = f.at(&sheet, cell);
                    }
                    f.goal = goal;
                    f.confidence = confidence.map(crate::finding::Confidence::new);
                    f
                })
                .collect();
            let p = PlanReport { path, owner, goals, findings, goal_rows: Vec::new() };
            let mut direct = Vec::new();
            write_plan(&mut direct, &p).unwrap();
            proptest::prop_assert_eq!(String::from_utf8(direct).unwrap(), String::from_utf8(through_serde(&p)).unwrap());
        }
    }

    #[test]
    fn nested_output_is_serde_jsons_pretty_output_indented() {
        let value = serde_json::json!({
            "a": [1, {"b": [], "c": {}}, [[["deep"]]]],
            "d": "text with \"quotes\"\nand a line break",
            "e": null
        });
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        for depth in [0, 1, 2, 17, 40] {
            let mut out = Vec::new();
            write_nested(&mut out, &value, depth, &mut Vec::new()).unwrap();
            let pad = "  ".repeat(depth);
            let expected = pretty.replace('\n', &format!("\n{pad}"));
            assert_eq!(String::from_utf8(out).unwrap(), expected, "depth {depth}");
        }
    }
}

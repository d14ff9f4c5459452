//! The JSON report: the contract of checks.md. Streamed: each plan is written as soon as
//! it is checked, the summary at the end.

use super::{PlanReport, Reporter, Totals};
use crate::finding::Severity;
use serde::Serialize;
use std::io::{self, Write};
use std::time::Duration;

#[derive(Default)]
pub struct Json {
    plans: usize,
    buffer: Vec<u8>,
}

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

impl Reporter for Json {
    fn plan(&mut self, out: &mut dyn Write, p: &PlanReport) -> io::Result<()> {
        out.write_all(if self.plans == 0 {
            b"{\n  \"schema_version\": 1,\n  \"plans\": [\n    "
        } else {
            b",\n    "
        })?;
        self.plans += 1;
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
                })
                .collect(),
        };
        write_nested(out, &value, 2, &mut self.buffer)
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

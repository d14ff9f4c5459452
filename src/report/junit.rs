//! The JUnit XML report: one testcase per plan, failed when the plan has an error-level
//! finding, so that CI systems show each plan as a test.

use super::{location, xml_escape as x, Batch, Status};
use std::fmt::Write;

pub fn render(batch: &Batch) -> String {
    let t = batch.totals();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<testsuites name=\"igp\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"{:.3}\">",
        t.plans,
        t.error,
        batch.elapsed.as_secs_f64()
    );
    let _ = writeln!(
        s,
        "  <testsuite name=\"igp check\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
        t.plans, t.error
    );
    for p in &batch.plans {
        let name = match &p.owner {
            Some(o) => format!("{} ({o})", p.path),
            None => p.path.clone(),
        };
        let lines: Vec<String> = p
            .findings
            .iter()
            .map(|f| {
                format!(
                    "{}[{}]: {}\n  --> {}",
                    f.severity,
                    f.code,
                    f.message,
                    location(&p.path, f)
                )
            })
            .collect();
        let _ = write!(s, "    <testcase classname=\"igp\" name=\"{}\"", x(&name));
        if p.findings.is_empty() {
            s.push_str("/>\n");
            continue;
        }
        s.push_str(">\n");
        if p.status() == Status::Error {
            let _ = writeln!(
                s,
                "      <failure type=\"error\" message=\"{}\">{}</failure>",
                x(&format!(
                    "{} errors, {} warnings, {} infos",
                    p.count(crate::finding::Severity::Error),
                    p.count(crate::finding::Severity::Warning),
                    p.count(crate::finding::Severity::Info)
                )),
                x(&lines.join("\n"))
            );
        } else {
            let _ = writeln!(s, "      <system-out>{}</system-out>", x(&lines.join("\n")));
        }
        s.push_str("    </testcase>\n");
    }
    s.push_str("  </testsuite>\n</testsuites>\n");
    s
}

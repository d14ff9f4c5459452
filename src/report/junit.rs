//! The JUnit XML report: one testcase per plan, failed when the plan has an error-level
//! finding (or a warning, under `--deny warnings`), so that CI systems show each plan as a
//! test. The counts open the document, so
//! the testcases are kept as text until the end (a few hundred bytes a plan).

use super::{location, PlanReport, Reporter, Status, Totals};
use crate::finding::Severity;
use crate::write::html::esc as x;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::time::Duration;

#[derive(Default)]
pub struct Junit {
    cases: String,
    /// Warnings fail a plan too.
    deny_warnings: bool,
    failures: usize,
}

impl Junit {
    pub fn new(deny_warnings: bool) -> Junit {
        Junit {
            deny_warnings,
            ..Junit::default()
        }
    }

    fn fails(&self, p: &PlanReport) -> bool {
        match p.status() {
            Status::Error => true,
            Status::Warning => self.deny_warnings,
            _ => false,
        }
    }
}

impl Reporter for Junit {
    fn plan(&mut self, _out: &mut dyn Write, p: &PlanReport) -> io::Result<()> {
        let fails = self.fails(p);
        self.failures += usize::from(fails);
        let s = &mut self.cases;
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
            return Ok(());
        }
        s.push_str(">\n");
        if fails {
            let _ = writeln!(
                s,
                "      <failure type=\"error\" message=\"{}\">{}</failure>",
                x(&super::finding_counts(
                    p.count(Severity::Error),
                    p.count(Severity::Warning),
                    p.count(Severity::Info)
                )),
                x(&lines.join("\n"))
            );
        } else {
            let _ = writeln!(s, "      <system-out>{}</system-out>", x(&lines.join("\n")));
        }
        s.push_str("    </testcase>\n");
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, t: &Totals, elapsed: Duration) -> io::Result<()> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<testsuites name=\"igp\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"{:.3}\">",
            t.plans,
            self.failures,
            elapsed.as_secs_f64()
        )?;
        writeln!(out, "  <testsuite name=\"igp check\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">", t.plans, self.failures)?;
        out.write_all(self.cases.as_bytes())?;
        out.write_all(b"  </testsuite>\n</testsuites>\n")
    }
}

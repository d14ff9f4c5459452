//! The CSV report: one row per finding. Streamed.

use super::{PlanReport, Reporter, Totals};
use std::io::{self, Write};
use std::time::Duration;

pub const COLUMNS: [&str; 9] = [
    "path", "owner", "severity", "code", "name", "sheet", "cell", "goal", "message",
];

#[derive(Default)]
pub struct Csv {
    started: bool,
}

impl Csv {
    fn row(out: &mut dyn Write, fields: &[&str]) -> io::Result<()> {
        let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
        w.write_record(fields).map_err(io::Error::other)?;
        out.write_all(
            &w.into_inner()
                .map_err(|e| io::Error::other(e.to_string()))?,
        )
    }

    fn header(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            Csv::row(out, &COLUMNS)?;
        }
        Ok(())
    }
}

impl Reporter for Csv {
    fn plan(&mut self, out: &mut dyn Write, p: &PlanReport) -> io::Result<()> {
        self.header(out)?;
        for f in &p.findings {
            let goal = f.goal.map(|g| g.to_string()).unwrap_or_default();
            Csv::row(
                out,
                &[
                    p.path.as_str(),
                    p.owner.as_deref().unwrap_or(""),
                    f.severity.as_str(),
                    f.code,
                    f.name,
                    f.sheet.as_deref().unwrap_or(""),
                    f.cell.as_deref().unwrap_or(""),
                    &goal,
                    &guard(&f.message),
                ],
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Totals, _: Duration) -> io::Result<()> {
        self.header(out)
    }
}

/// Report cells quote plan text; guard them as the plan's CSV output does.
fn guard(text: &str) -> String {
    if crate::write::csv::needs_guard(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

//! The CSV report: one row per finding. Streamed. Every text column is guarded as the
//! plan's CSV output is (`write::csv::guard`): the path, the owner, the sheet and the
//! message quote what a plan's author or a file's name chose, and a spreadsheet opening the
//! report must run none of it.

use super::{PlanReport, Reporter, Totals};
use crate::write::csv::guard;
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
    /// Writes one record, each field guarded.
    fn row(out: &mut dyn Write, fields: &[&str]) -> io::Result<()> {
        let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
        w.write_record(fields.iter().map(|f| guard(f).into_owned()))
            .map_err(io::Error::other)?;
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
                    &f.message,
                ],
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Totals, _: Duration) -> io::Result<()> {
        self.header(out)
    }
}

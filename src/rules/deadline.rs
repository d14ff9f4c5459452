//! G008 past-deadline: an action step names a date that has passed.

use super::{goal_finding, goal_name, Context, Rule};
use crate::finding::{self, Finding, Target};

pub const G008: Rule = Rule {
    code: finding::G008,
    what: "Action steps that name a date before the as-of date (today, or `--as-of`, or `as_of` in igp.toml). Dates are read by the same reader as G005's, in English, German, French and Spanish: ISO dates (2026-04-30), numeric dates (4/30/2026, 30.04.2026), a day and month with a year (Apr 30, 2026; 30 April 2026; 15. Juni 2026; 1er mars 2026; 15 de junio de 2026), a month and year (March 2026, Ende Mai 2026, junio de 2026: its last day), or a quarter and year (Q3 2026: its last day). A month, a day or a quarter without a year (\"by June\", \"avant le 30 septembre\", \"antes del 15 de junio\") is not judged.",
    why: "A deadline that has passed is a moment to act: mark the step done (\"✓ Give the talk by March 2026\", or \"(done)\" at its end), or give it a new date that you can keep.",
    fails: "Finish the course by 2026-01-31   (checked on 2026-06-01)",
    passes: "Finish the course by 2026-09-30   (checked on 2026-06-01)",
    check: Some(past_deadline),
};

fn past_deadline(ctx: &Context, out: &mut Vec<Finding>) {
    let as_of = ctx.settings.as_of;
    for g in &ctx.plan.goals {
        // A step marked done ("✓ ...", "... (done)") has met its date.
        for step in g
            .action_steps
            .iter()
            .filter(|s| !crate::model::done_step(s).1)
        {
            if let Some(date) = dates_in(step).into_iter().filter(|d| *d < as_of).max() {
                let short: String = step.chars().take(60).collect();
                out.push(
                    goal_finding(
                        finding::G008,
                        g,
                        "action_steps",
                        format!(
                            "{}: action step \"{short}\" names {date}, which has passed (as of {as_of}); mark it done or set a new date",
                            goal_name(g)
                        ),
                    )
                    .target(Target::Step(g.index)),
                );
            }
        }
    }
}

pub use crate::dates::dates_in;

#[cfg(test)]
mod tests {
    use super::dates_in;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_step_marked_done_has_met_its_date() {
        let mut reading = crate::read::Reading {
            plan: crate::model::Plan::empty(),
            findings: Vec::new(),
            sections: crate::layout::Section::ALL.to_vec(),
        };
        reading.plan.goals.push(crate::model::Goal {
            index: 1,
            skill: Some("Talks".into()),
            action_steps: vec![
                "✓ Give 2 talks by March 2026".into(),
                "Write the post by April 2026 (done)".into(),
                "Run the workshop by May 2026".into(),
            ],
            ..Default::default()
        });
        let settings = crate::rules::Settings {
            as_of: d(2026, 6, 1),
            ..Default::default()
        };
        let found: Vec<_> = crate::rules::check(&reading, &settings)
            .into_iter()
            .filter(|f| f.code == "G008")
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("Run the workshop"));
    }

    #[test]
    fn finds_dates_in_steps() {
        assert_eq!(
            dates_in("Finish the course by 2026-04-30"),
            vec![d(2026, 4, 30)]
        );
        assert_eq!(dates_in("Give 2 talks by March 2026"), vec![d(2026, 3, 31)]);
        assert_eq!(dates_in("Certify by Q3 2026."), vec![d(2026, 9, 30)]);
        assert_eq!(dates_in("Demo on Apr 15, 2026"), vec![d(2026, 4, 15)]);
        assert_eq!(dates_in("Demo on 15 April 2026"), vec![d(2026, 4, 15)]);
        assert_eq!(
            dates_in("Submit by 1/15/2026 and 15.02.2026"),
            vec![d(2026, 1, 15), d(2026, 2, 15)]
        );
        assert!(dates_in("Read 2 books by June").is_empty());
        assert!(dates_in("Ask for feedback after every 1:1").is_empty());
        assert!(dates_in("Complete the CKAD certification by Q3").is_empty());
        assert!(dates_in("I may finish 3 modules").is_empty());
        // German, French, Spanish.
        assert_eq!(
            dates_in("Die AWS-Zertifizierung bis Ende Mai 2026 abschließen"),
            vec![d(2026, 5, 31)]
        );
        assert_eq!(
            dates_in("Bis zum 15. Juni 2026 fertig"),
            vec![d(2026, 6, 15)]
        );
        assert_eq!(dates_in("Examen le 1er mars 2026"), vec![d(2026, 3, 1)]);
        assert_eq!(
            dates_in("Obtenir la certification avant le 30 septembre 2026"),
            vec![d(2026, 9, 30)]
        );
        assert_eq!(
            dates_in("Publier le guide en décembre 2026"),
            vec![d(2026, 12, 31)]
        );
        assert_eq!(
            dates_in("Entregar antes del 15 de junio de 2026"),
            vec![d(2026, 6, 15)]
        );
        assert_eq!(dates_in("Cerrar en marzo de 2026"), vec![d(2026, 3, 31)]);
        // A day and a month without a year are not judged.
        assert!(dates_in("avant le 30 septembre").is_empty());
        assert!(dates_in("antes del 15 de junio").is_empty());
        assert!(dates_in("bis zum 30.09.").is_empty());
        // Versions and names are not dates.
        assert!(dates_in("Migrate to Python 3.12 and Postgres 16").is_empty());
    }
}

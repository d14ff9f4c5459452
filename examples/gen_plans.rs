//! Writes N synthetic plans (deterministic; 3 to 10 goals each; half xlsx, half csv) into a
//! folder, for the benchmark (bench/run.sh).
//!
//! cargo run --release --example gen_plans -- DIR [N]

use igp::model::{Goal, TrackingItem};
use igp::write::{render, write_atomic, Format, WriteOptions};

/// A small deterministic generator (xorshift), so every run writes the same files.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const SKILLS: &[&str] = &[
    "Public speaking",
    "Giving feedback",
    "Kubernetes",
    "SQL performance",
    "Delegation",
    "Technical writing",
    "Hiring",
    "Capacity planning",
    "Facilitation",
    "Rust",
];
const RESOURCES: &[&str] = &[
    "Toastmasters",
    "Internal course",
    "Mentor",
    "Handbook pages",
    "Conference budget",
    "Book club",
    "e.g. a course",
    "",
];
const STEPS: &[&str] = &[
    "Give 2 talks by March 2027",
    "Read more",
    "Finish the course by 2027-04-30",
    "Pair weekly with a senior",
    "Present at every demo",
    "Learn it",
    "Complete 3 modules this quarter",
];
const TEXT: &[&str] = &[
    "Builds trust with the team",
    "TBD",
    "Needed for the next level",
    "Share in the team channel",
    "Time",
    "Finding a mentor",
    "",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().ok_or("usage: gen_plans DIR [N]")?);
    let n: usize = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(10_000);
    std::fs::create_dir_all(&dir)?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    for i in 0..n {
        let mut plan = igp::template::blank();
        plan.owner.name = Some(format!("Person {i:05}"));
        plan.owner.role = Some("Engineer".into());
        plan.owner.last_reviewed = Some(format!(
            "2026-{:02}-{:02}",
            1 + rng.below(12),
            1 + rng.below(28)
        ));
        for a in plan.inspiration.iter_mut() {
            a.answer = opt(rng.pick(TEXT));
        }
        plan.role.direction_text =
            Some(igp::layout::DIRECTIONS[rng.below(4) as usize].1.to_string());
        let goals = 3 + rng.below(8) as usize;
        plan.goals = (0..goals)
            .map(|g| {
                let mut goal = Goal {
                    index: g + 1,
                    ..Goal::default()
                };
                goal.set_field("skill", Some(rng.pick(SKILLS).to_string()));
                goal.set_field("resources", opt(rng.pick(RESOURCES)));
                goal.set_field("career_support", opt(rng.pick(TEXT)));
                let steps: Vec<&str> = (0..1 + rng.below(3)).map(|_| rng.pick(STEPS)).collect();
                goal.set_field(
                    "action_steps",
                    Some(
                        steps
                            .iter()
                            .map(|s| format!("• {s}"))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    ),
                );
                goal.set_field("network", opt(rng.pick(TEXT)));
                goal.set_field("challenges", opt(rng.pick(TEXT)));
                goal
            })
            .collect();
        for t in plan.tracking.iter_mut() {
            *t = TrackingItem {
                done: rng.below(2) == 0,
                ..t.clone()
            };
        }
        let format = if i % 2 == 0 {
            Format::Xlsx
        } else {
            Format::Csv
        };
        let bytes = render(&plan, &[], format, WriteOptions::default())?;
        write_atomic(
            &dir.join(format!("plan-{i:05}.{}", format.extension())),
            &bytes,
        )?;
    }
    println!("wrote {n} plans to {}", dir.display());
    Ok(())
}

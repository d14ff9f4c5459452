//! P rules on the plan as a whole: P001 no-goals, P002 many-goals, P003
//! unanswered-reflection, P004 no-direction, P005 no-owner, P006 not-tracked,
//! P007 stale-review.

use super::{Context, Rule};
use crate::finding::{self, Finding, Target};
use crate::layout::{OwnerField, Section};

pub const P001: Rule = Rule {
    code: finding::P001,
    what: "That the goals table has at least one filled row (rows that are wholly empty do not count).",
    why: "A plan without goals has nothing to act on before your next career conversation.",
    fails: "A goals table with its header and three empty rows",
    passes: "A goals table with one filled goal row",
    check: Some(no_goals),
};

fn no_goals(ctx: &Context, out: &mut Vec<Finding>) {
    if ctx.has_section(Section::Goals) && ctx.plan.goals.is_empty() {
        out.push(Finding::new(
            finding::P001,
            "the goals table has no filled row: add at least one goal with its skill and action steps",
        ));
    }
}

pub const P002: Rule = Rule {
    code: finding::P002,
    what: "That the plan has no more goals than recommended for one review period (3; `max_goals` in igp.toml).",
    why: "Focus: a few goals you act on beat many you don't. The guide welcomes more rows when you need them; this is a nudge, not a rule.",
    fails: "Seven goals for one quarter",
    passes: "Two or three goals, the rest kept for the next review",
    check: Some(many_goals),
};

fn many_goals(ctx: &Context, out: &mut Vec<Finding>) {
    let (n, max) = (ctx.plan.goals.len(), ctx.settings.max_goals);
    if n > max {
        out.push(
            Finding::new(
                finding::P002,
                format!("the plan has {n} goals; {max} or fewer per review period are easier to act on: keep the others for later"),
            )
            .at_ref(ctx.plan.goals.get(max).and_then(|g| g.cell.as_deref())),
        );
    }
}

pub const P003: Rule = Rule {
    code: finding::P003,
    what: "That each Section 1 reflection question has an answer (one finding per question). Not checked when Section 1 is missing (S003 says so).",
    why: "Reflection is where the goals come from; a line per question is enough.",
    fails: "How do you like to learn? (blank)",
    passes: "How do you like to learn? Pairing, then a short course",
    check: Some(unanswered_reflection),
};

fn unanswered_reflection(ctx: &Context, out: &mut Vec<Finding>) {
    if !ctx.has_section(Section::Inspiration) {
        return;
    }
    for (i, a) in ctx.plan.inspiration.iter().enumerate() {
        if a.answer.is_none() {
            out.push(
                Finding::new(
                    finding::P003,
                    format!("\"{}\" has no answer: a line or two is enough", a.question),
                )
                .at_ref(a.cell.as_deref())
                .target(Target::Inspiration(i)),
            );
        }
    }
}

pub const P004: Rule = Rule {
    code: finding::P004,
    what: "That Section 2 names a growth direction or a target role, or answers at least one of its questions. Not checked when Section 2 is missing.",
    why: "Knowing your direction helps you and your manager pick goals and resources that lead somewhere.",
    fails: "Growth direction, role, and the three questions all blank",
    passes: "Growth direction: Aspiring manager (IC to manager)",
    check: Some(no_direction),
};

fn no_direction(ctx: &Context, out: &mut Vec<Finding>) {
    let r = &ctx.plan.role;
    if ctx.has_section(Section::Role)
        && r.direction.is_none()
        && r.target_role.is_none()
        && r.answers.iter().all(|a| a.answer.is_none())
    {
        out.push(
            Finding::new(
                finding::P004,
                "Section 2 names no growth direction and answers none of its questions: pick a direction from the list",
            )
            .at_ref(r.direction_cell.as_deref())
            .target(Target::Direction),
        );
    }
}

pub const P005: Rule = Rule {
    code: finding::P005,
    what: "That the header block has a Name.",
    why: "A batch report of many plans says whose plan each one is by its Name; without it only the file name is shown.",
    fails: "Name: (blank)",
    passes: "Name: Zoë Álvarez",
    check: Some(no_owner),
};

fn no_owner(ctx: &Context, out: &mut Vec<Finding>) {
    if ctx.plan.owner.name.is_none() {
        out.push(
            Finding::new(finding::P005, "the plan has no Name: write your name in the header so reports can say whose plan it is")
                .at_ref(ctx.plan.owner.cells.get("name").map(String::as_str))
                .target(Target::Owner(OwnerField::Name)),
        );
    }
}

pub const P006: Rule = Rule {
    code: finding::P006,
    what: "That at least one Section 4 checklist item is checked. Not checked when Section 4 is missing.",
    why: "The checklist keeps the plan alive between reviews; ticking the first item is a start.",
    fails: "☐ Select a format to track your progress.",
    passes: "☑ Select a format to track your progress.",
    check: Some(not_tracked),
};

fn not_tracked(ctx: &Context, out: &mut Vec<Finding>) {
    if ctx.has_section(Section::Tracking) && !ctx.plan.tracking.iter().any(|t| t.done) {
        out.push(
            Finding::new(
                finding::P006,
                "no Section 4 item is checked: tick the items you have done",
            )
            .at_ref(ctx.plan.tracking.first().and_then(|t| t.cell.as_deref()))
            .target(Target::Tracking(0)),
        );
    }
}

pub const P007: Rule = Rule {
    code: finding::P007,
    what: "That Last reviewed is no more than 92 days (`stale_days` in igp.toml) before the as-of date. Not checked when Last reviewed is blank or not a date.",
    why: "The guide asks for at least one career conversation a quarter; a plan not looked at for longer has likely drifted.",
    fails: "Last reviewed: 2025-12-01   (checked on 2026-06-01)",
    passes: "Last reviewed: 2026-05-10   (checked on 2026-06-01)",
    check: Some(stale_review),
};

fn stale_review(ctx: &Context, out: &mut Vec<Finding>) {
    let Some(reviewed) = ctx.plan.owner.last_reviewed.as_deref() else {
        return;
    };
    let Ok(date) = chrono::NaiveDate::parse_from_str(reviewed, "%Y-%m-%d") else {
        return;
    };
    let days = (ctx.settings.as_of - date).num_days();
    if days > ctx.settings.stale_days {
        out.push(
            Finding::new(
                finding::P007,
                format!(
                    "the plan was last reviewed on {date}, {days} days before {}: review it with your manager and update the date",
                    ctx.settings.as_of
                ),
            )
            .at_ref(ctx.plan.owner.cells.get("last_reviewed").map(String::as_str))
            .target(Target::Owner(OwnerField::LastReviewed)),
        );
    }
}

//! The blank template and the worked example plan that `igp template` writes.

use crate::layout::TRACKING_ITEMS;
use crate::model::{Goal, Plan, TrackingItem};

/// The blank template: every question unanswered, the checklist's five items unchecked,
/// no goals (the workbook adds blank goal rows).
pub fn blank() -> Plan {
    let mut plan = Plan::empty();
    plan.tracking = TRACKING_ITEMS
        .iter()
        .map(|item| TrackingItem {
            item: Some((*item).to_string()),
            done: false,
            notes: None,
            done_text: None,
            cell: None,
        })
        .collect();
    plan
}

/// A worked example: a complete plan of an engineer growing toward management, which
/// `igp check` passes with no error and no warning.
pub fn example() -> Plan {
    let mut plan = blank();
    let o = &mut plan.owner;
    o.name = Some("Alex Example".into());
    o.role = Some("Senior Backend Engineer".into());
    o.team = Some("Payments".into());
    o.manager = Some("Sam Rivera".into());
    o.created = Some("2026-09-01".into());
    o.last_reviewed = Some("2026-11-16".into());
    let answers = [
        "Untangling hard production problems with the team, and reviewing designs with newer engineers.",
        "Mentoring: seeing someone I paired with ship their first big feature on their own.",
        "Long stretches of context switching between on-call pages and roadmap work.",
        "By doing, with a short course for the theory and a mentor to talk it through with.",
        "An engineering manager of a small team: I get the most energy from helping others grow, and I want to do that on purpose.",
    ];
    for (a, text) in plan.inspiration.iter_mut().zip(answers) {
        a.answer = Some(text.into());
    }
    plan.role.direction = Some("aspiring_manager".into());
    plan.role.direction_text = Some("Aspiring manager (IC to manager)".into());
    plan.role.target_role = Some("Engineering Manager".into());
    let role_answers = [
        "Stay on Payments for now: I know the domain and the people.",
        "Yes, a team of four to six engineers within two years.",
        "No: I want to move toward people leadership rather than a deeper specialism.",
    ];
    for (a, text) in plan.role.answers.iter_mut().zip(role_answers) {
        a.answer = Some(text.into());
    }
    let goals = [
        (
            "Giving feedback",
            "Manager essentials course (self-paced); coaching sessions with my manager",
            "Clear, kind feedback is the first skill a new manager needs, and it makes my reviews more useful today.",
            "• Finish the 4 feedback modules of the course by 2027-01-31\n• Give written feedback to one teammate every sprint",
            "Share what I learn in a short talk at the February engineering all-hands",
            "Finding time during on-call weeks; I will ask my manager to hold me to the sprint cadence.",
        ),
        (
            "Running effective meetings",
            "Handbook pages on meetings; shadowing my manager's team meetings",
            "Running the team's planning and retros is part of the path to managing the team.",
            "1. Facilitate 3 sprint retrospectives by March 2027\n2. Ask for written feedback after each one",
            "Swap notes with the other aspiring managers in our monthly peer group",
            "Nerves in front of the whole team; I will start with the smaller retros.",
        ),
    ];
    plan.goals = goals
        .iter()
        .enumerate()
        .map(
            |(i, (skill, resources, career, steps, network, challenges))| {
                let mut g = Goal {
                    index: i + 1,
                    ..Goal::default()
                };
                g.set_field("skill", Some((*skill).into()));
                g.set_field("resources", Some((*resources).into()));
                g.set_field("career_support", Some((*career).into()));
                g.set_field("action_steps", Some((*steps).into()));
                g.set_field("network", Some((*network).into()));
                g.set_field("challenges", Some((*challenges).into()));
                g
            },
        )
        .collect();
    let notes = [
        Some("Weekly notes in this sheet"),
        Some("2026-10-14 1:1"),
        None,
        None,
        None,
    ];
    for (t, n) in plan.tracking.iter_mut().zip(notes) {
        t.done = n.is_some();
        t.notes = n.map(str::to_string);
    }
    plan
}

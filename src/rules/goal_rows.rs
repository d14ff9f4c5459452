//! G rules on the shape of each goal row: G001 missing-skill, G002 missing-action-steps,
//! G003 missing-detail, G004 too-many-steps, G007 duplicate-goal.

use super::{goal_finding, goal_name, header, placeholder, Context, Rule};
use crate::finding::{self, Finding};
use rustc_hash::FxHashMap;

pub const G001: Rule = Rule {
    code: finding::G001,
    what: "That every goal row names the skill or behavior it develops.",
    why: "The skill is what the goal is about: without it, the rest of the row has nothing to support, and your manager cannot tell what you are working on.",
    fails: "Skill/Behavior: (blank) | Action steps: Finish 3 modules by March",
    passes: "Skill/Behavior: Public speaking | Action steps: Finish 3 modules by March",
    check: Some(missing_skill),
};

fn missing_skill(ctx: &Context, out: &mut Vec<Finding>) {
    for g in &ctx.plan.goals {
        if g.skill.is_none() {
            out.push(goal_finding(
                finding::G001,
                g,
                "skill",
                format!(
                    "goal {} has no Skill/Behavior: name the skill or behavior this goal develops",
                    g.index
                ),
            ));
        }
    }
}

pub const G002: Rule = Rule {
    code: finding::G002,
    what: "That every goal row has at least one action step.",
    why: "A goal without steps is a wish. The steps are what you will actually do, and what you and your manager will look back at.",
    fails: "Skill/Behavior: Public speaking | Action steps: (blank)",
    passes: "Skill/Behavior: Public speaking | Action steps: Give 2 talks at the team demo by March",
    check: Some(missing_steps),
};

fn missing_steps(ctx: &Context, out: &mut Vec<Finding>) {
    for g in &ctx.plan.goals {
        if g.action_steps.is_empty() {
            out.push(goal_finding(
                finding::G002,
                g,
                "action_steps",
                format!(
                    "{} has no action steps: write one or two that a reviewer could later call done or not done (a count, a dated action, a frequency, or a deliverable)",
                    goal_name(g)
                ),
            ));
        }
    }
}

pub const G003: Rule = Rule {
    code: finding::G003,
    what: "That the resources/support, career support, network and challenges cells of every goal row are filled (one finding per blank cell).",
    why: "Each column is a question that makes the goal easier to reach: what help you need, why it matters, who you will share with, and what could get in the way.",
    fails: "How will you engage your network? (blank)",
    passes: "How will you engage your network? Present what I learned at the March team demo",
    check: Some(missing_detail),
};

fn missing_detail(ctx: &Context, out: &mut Vec<Finding>) {
    for g in &ctx.plan.goals {
        for key in ["resources", "career_support", "network", "challenges"] {
            // A column the table lacks is S004's to report, once, not a blank per goal.
            let has_column = g.cells.is_empty() || g.cells.contains_key(key);
            if g.field(key).is_none() && has_column {
                let hint = crate::layout::GOAL_COLUMNS
                    .iter()
                    .find(|c| c.key == key)
                    .map_or("", |c| c.description);
                out.push(goal_finding(
                    finding::G003,
                    g,
                    key,
                    format!("{}: \"{}\" is blank. {hint}", goal_name(g), header(key)),
                ));
            }
        }
    }
}

pub const G004: Rule = Rule {
    code: finding::G004,
    what: "That a goal has no more action steps than the template asks for (1-2; the limit is `max_steps` in igp.toml).",
    why: "A long list of steps is hard to finish in one review period; two steps you do beat five you don't.",
    fails: "1. Read the book\n2. Take the course\n3. Find a mentor\n4. Give a talk",
    passes: "1. Finish the course by March\n2. Give a talk at the April demo",
    check: Some(too_many_steps),
};

fn too_many_steps(ctx: &Context, out: &mut Vec<Finding>) {
    let max = ctx.settings.max_steps;
    for g in &ctx.plan.goals {
        if g.action_steps.len() > max {
            out.push(goal_finding(
                finding::G004,
                g,
                "action_steps",
                format!(
                    "{} has {} action steps; the template asks for at most {max}: keep the ones that matter most, or split the goal",
                    goal_name(g),
                    g.action_steps.len()
                ),
            ));
        }
    }
}

pub const G007: Rule = Rule {
    code: finding::G007,
    what: "That no two goal rows name the same Skill/Behavior (case, spacing and punctuation ignored).",
    why: "Two rows for one skill split its steps and resources; one goal with everything in it is easier to follow up.",
    fails: "goal 1: Public speaking\ngoal 3: public-speaking",
    passes: "goal 1: Public speaking\ngoal 3: Written communication",
    check: Some(duplicate_goal),
};

fn duplicate_goal(ctx: &Context, out: &mut Vec<Finding>) {
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    for g in &ctx.plan.goals {
        let Some(skill) = &g.skill else { continue };
        if placeholder::is_placeholder(skill) {
            continue;
        }
        let key = crate::layout::normalize(skill).replace(' ', "");
        if key.is_empty() {
            continue;
        }
        match seen.get(&key) {
            Some(first) => out.push(goal_finding(
                finding::G007,
                g,
                "skill",
                format!(
                    "{} repeats goal {first}: merge the two rows, or make each goal distinct",
                    goal_name(g)
                ),
            )),
            None => {
                seen.insert(key, g.index);
            }
        }
    }
}

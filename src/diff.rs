//! What changed between two versions of one plan: the model compared, not the cells, so a
//! goals table that moved, a plan re-saved from Excel as CSV, or a goal renamed with the
//! same steps reads as what it is.
//!
//! Goals are matched by their Skill/Behavior (case, spacing and punctuation aside), then
//! the ones left by their content (the words of their other cells), so "K8s" renamed
//! "Kubernetes" with the same steps is one goal changed. A goal that only moved rows is
//! no change. Action steps are matched the same way: the same words, a done mark added
//! ("✓", "[x]", "(done)"), or most words kept (reworded).

use crate::finding::Finding;
use crate::model::{done_step as done_mark, Goal, Plan};
use schemars::JsonSchema;
use serde::Serialize;

/// The version of the diff's JSON shape.
pub const DIFF_SCHEMA_VERSION: u32 = 1;

/// What changed from one version of a plan to the next.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PlanDiff {
    /// Always 1 for this shape.
    pub schema_version: u32,
    /// The older version's input paths.
    pub old: Vec<String>,
    /// The newer version's input paths.
    pub new: Vec<String>,
    /// The header block (name, role, team, manager, plan created, last reviewed).
    pub owner: Vec<Change>,
    /// Whether Last reviewed moved, and from when to when.
    pub reviewed: Reviewed,
    /// Section 1: answers that changed, by question.
    pub inspiration: Vec<Change>,
    /// Section 2: growth direction, target role and answers that changed.
    pub role: Vec<Change>,
    /// Section 3: goals added, removed or changed (a goal that only moved is not listed).
    pub goals: Vec<GoalChange>,
    /// Section 4: items ticked, unticked, added or removed.
    pub tracking: Vec<TrackingChange>,
    /// `igp check` of both versions: findings gone and findings new.
    pub findings: FindingsChange,
}

/// A value before and after (`null` where there was none).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Change {
    /// What changed: a field name or a question.
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The Last reviewed date of both versions.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Reviewed {
    pub before: Option<String>,
    pub after: Option<String>,
    pub moved: bool,
}

/// One goal's change.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum GoalChange {
    /// A goal only in the newer version.
    Added { index: usize, skill: Option<String> },
    /// A goal only in the older version.
    Removed { index: usize, skill: Option<String> },
    /// The same goal in both, with what changed in it.
    Changed {
        old_index: usize,
        new_index: usize,
        /// The Skill/Behavior now (the older one is in `fields` when it was renamed).
        skill: Option<String>,
        fields: Vec<Change>,
        steps: Vec<StepChange>,
    },
}

/// One action step's change.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum StepChange {
    Added {
        step: String,
    },
    Removed {
        step: String,
    },
    Reworded {
        before: String,
        after: String,
    },
    /// The same step, now marked done ("✓", "[x]", "(done)"...).
    Done {
        step: String,
    },
}

/// One checklist item's change.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TrackingChange {
    pub item: String,
    /// `ticked`, `unticked`, `added` or `removed`.
    pub change: String,
}

/// Findings of `igp check` that went away and that came.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct FindingsChange {
    pub fixed: Vec<FindingRef>,
    pub new: Vec<FindingRef>,
}

/// A finding, as a diff names it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct FindingRef {
    pub code: String,
    pub name: String,
    /// The goal's number in its version (the older for fixed, the newer for new).
    pub goal: Option<usize>,
    /// The goal's number in the newer version: for a fixed finding, where that goal is now
    /// (none when it was removed); for a new finding, the same as `goal`.
    pub new_goal: Option<usize>,
    pub message: String,
}

/// A plan's progress between two versions, in counts: a row of the team table of
/// `igp diff OLD_DIR NEW_DIR`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct Progress {
    pub goals_added: usize,
    pub goals_removed: usize,
    pub goals_changed: usize,
    pub steps_done: usize,
    pub items_ticked: usize,
    pub findings_fixed: usize,
    pub findings_new: usize,
    /// Whether Last reviewed moved.
    pub reviewed: bool,
}

impl PlanDiff {
    /// The diff in counts.
    pub fn progress(&self) -> Progress {
        let mut p = Progress {
            items_ticked: self
                .tracking
                .iter()
                .filter(|t| t.change == "ticked")
                .count(),
            findings_fixed: self.findings.fixed.len(),
            findings_new: self.findings.new.len(),
            reviewed: self.reviewed.moved,
            ..Progress::default()
        };
        for g in &self.goals {
            match g {
                GoalChange::Added { .. } => p.goals_added += 1,
                GoalChange::Removed { .. } => p.goals_removed += 1,
                GoalChange::Changed { steps, .. } => {
                    p.goals_changed += 1;
                    p.steps_done += steps
                        .iter()
                        .filter(|s| matches!(s, StepChange::Done { .. }))
                        .count();
                }
            }
        }
        p
    }

    /// Whether the two versions say the same.
    pub fn is_empty(&self) -> bool {
        self.owner.is_empty()
            && self.inspiration.is_empty()
            && self.role.is_empty()
            && self.goals.is_empty()
            && self.tracking.is_empty()
            && self.findings.fixed.is_empty()
            && self.findings.new.is_empty()
    }
}

/// Compares two versions of a plan, and the findings of each.
pub fn diff(
    old: &Plan,
    new: &Plan,
    old_findings: &[Finding],
    new_findings: &[Finding],
) -> PlanDiff {
    let mut owner = Vec::new();
    for field in crate::layout::OwnerField::ALL {
        change(
            &mut owner,
            field.label(),
            old.owner.get(field),
            new.owner.get(field),
        );
    }
    let before = old.owner.last_reviewed.clone();
    let after = new.owner.last_reviewed.clone();
    let reviewed = Reviewed {
        moved: before != after,
        before,
        after,
    };
    let mut inspiration = Vec::new();
    for (a, b) in old.inspiration.iter().zip(&new.inspiration) {
        change(
            &mut inspiration,
            &b.question,
            a.answer.as_deref(),
            b.answer.as_deref(),
        );
    }
    let mut role = Vec::new();
    change(
        &mut role,
        "Growth direction",
        old.role.direction_text.as_deref(),
        new.role.direction_text.as_deref(),
    );
    change(
        &mut role,
        "Role I'm growing toward",
        old.role.target_role.as_deref(),
        new.role.target_role.as_deref(),
    );
    for (a, b) in old.role.answers.iter().zip(&new.role.answers) {
        change(
            &mut role,
            &b.question,
            a.answer.as_deref(),
            b.answer.as_deref(),
        );
    }
    let pairs = match_goals(&old.goals, &new.goals);
    let goals = goal_changes(&old.goals, &new.goals, &pairs);
    let findings = findings_change(old_findings, new_findings, &pairs);
    PlanDiff {
        schema_version: DIFF_SCHEMA_VERSION,
        old: old.source.paths.clone(),
        new: new.source.paths.clone(),
        owner,
        reviewed,
        inspiration,
        role,
        goals,
        tracking: tracking_changes(old, new),
        findings,
    }
}

fn change(out: &mut Vec<Change>, field: &str, before: Option<&str>, after: Option<&str>) {
    if before.map(str::trim) != after.map(str::trim) {
        out.push(Change {
            field: field.to_string(),
            before: before.map(str::to_string),
            after: after.map(str::to_string),
        });
    }
}

/// Lower case, letters and digits, one space between words: what two versions of a text
/// share whatever their case, spacing and punctuation.
fn key(text: &str) -> String {
    crate::layout::normalize(text)
}

fn words(text: &str) -> std::collections::BTreeSet<String> {
    key(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// How alike two texts are, by their words: shared over all (Jaccard), 0 to 1.
fn likeness(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    let all = a.union(&b).count();
    if all == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / all as f64
}

/// The words of a goal beside its Skill/Behavior, to match a renamed goal by.
fn content(g: &Goal) -> String {
    (crate::layout::GOAL_COLUMNS.iter())
        .filter(|c| c.key != "skill")
        .filter_map(|c| g.field(c.key))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Pairs of (old goal, new goal) positions that are the same goal.
fn match_goals(old: &[Goal], new: &[Goal]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut taken = vec![false; new.len()];
    let mut left = Vec::new();
    for (i, g) in old.iter().enumerate() {
        let k = g.skill.as_deref().map(key);
        let found = (0..new.len())
            .find(|&j| !taken[j] && k.is_some() && new[j].skill.as_deref().map(key) == k);
        match found {
            Some(j) => {
                taken[j] = true;
                pairs.push((i, j));
            }
            None => left.push(i),
        }
    }
    // Renamed: the most alike of what is left, if alike enough.
    for i in left {
        let best = (0..new.len())
            .filter(|&j| !taken[j])
            .map(|j| (j, likeness(&content(&old[i]), &content(&new[j]))))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((j, l)) = best {
            if l >= 0.5 {
                taken[j] = true;
                pairs.push((i, j));
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

fn goal_changes(old: &[Goal], new: &[Goal], pairs: &[(usize, usize)]) -> Vec<GoalChange> {
    let mut out = Vec::new();
    for &(i, j) in pairs {
        let (a, b) = (&old[i], &new[j]);
        let mut fields = Vec::new();
        for c in crate::layout::GOAL_COLUMNS {
            if c.key != "action_steps" {
                change(&mut fields, c.header, a.field(c.key), b.field(c.key));
            }
        }
        let extras: std::collections::BTreeSet<&String> =
            a.extra.keys().chain(b.extra.keys()).collect();
        for name in extras {
            fn get<'g>(g: &'g Goal, name: &str) -> Option<&'g str> {
                g.extra.get(name).and_then(|v| v.as_deref())
            }
            change(&mut fields, name, get(a, name), get(b, name));
        }
        let steps = step_changes(&a.action_steps, &b.action_steps);
        if !fields.is_empty() || !steps.is_empty() {
            out.push(GoalChange::Changed {
                old_index: a.index,
                new_index: b.index,
                skill: b.skill.clone(),
                fields,
                steps,
            });
        }
    }
    for (i, g) in old.iter().enumerate() {
        if !pairs.iter().any(|p| p.0 == i) {
            out.push(GoalChange::Removed {
                index: g.index,
                skill: g.skill.clone(),
            });
        }
    }
    for (j, g) in new.iter().enumerate() {
        if !pairs.iter().any(|p| p.1 == j) {
            out.push(GoalChange::Added {
                index: g.index,
                skill: g.skill.clone(),
            });
        }
    }
    // In the order of the newer plan; the removed goals last.
    out.sort_by_key(|c| match c {
        GoalChange::Changed { new_index, .. }
        | GoalChange::Added {
            index: new_index, ..
        } => (0, *new_index),
        GoalChange::Removed { index, .. } => (1, *index),
    });
    out
}

fn step_changes(old: &[String], new: &[String]) -> Vec<StepChange> {
    let mut out = Vec::new();
    let mut taken = vec![false; new.len()];
    let mut left = Vec::new();
    for a in old {
        let (text, was_done) = done_mark(a);
        let found = (0..new.len()).find(|&j| !taken[j] && key(done_mark(&new[j]).0) == key(text));
        match found {
            Some(j) => {
                taken[j] = true;
                if done_mark(&new[j]).1 && !was_done {
                    out.push(StepChange::Done {
                        step: new[j].clone(),
                    });
                }
            }
            None => left.push(a),
        }
    }
    for a in left {
        let best = (0..new.len())
            .filter(|&j| !taken[j])
            .map(|j| (j, likeness(a, &new[j])))
            .max_by(|x, y| x.1.total_cmp(&y.1));
        match best {
            Some((j, l)) if l >= 0.5 => {
                taken[j] = true;
                out.push(StepChange::Reworded {
                    before: a.clone(),
                    after: new[j].clone(),
                });
            }
            _ => out.push(StepChange::Removed { step: a.clone() }),
        }
    }
    for (j, b) in new.iter().enumerate() {
        if !taken[j] {
            out.push(StepChange::Added { step: b.clone() });
        }
    }
    out
}

fn tracking_changes(old: &Plan, new: &Plan) -> Vec<TrackingChange> {
    let name = |t: &crate::model::TrackingItem| t.item.clone().unwrap_or_default();
    let mut out = Vec::new();
    let mut taken = vec![false; new.tracking.len()];
    for a in &old.tracking {
        let found = (0..new.tracking.len())
            .find(|&j| !taken[j] && key(&name(&new.tracking[j])) == key(&name(a)));
        match found {
            Some(j) => {
                taken[j] = true;
                let b = &new.tracking[j];
                if a.done != b.done {
                    let change = if b.done { "ticked" } else { "unticked" };
                    out.push(TrackingChange {
                        item: name(b),
                        change: change.to_string(),
                    });
                }
            }
            None => out.push(TrackingChange {
                item: name(a),
                change: "removed".to_string(),
            }),
        }
    }
    for (j, b) in new.tracking.iter().enumerate() {
        if !taken[j] {
            out.push(TrackingChange {
                item: name(b),
                change: "added".to_string(),
            });
        }
    }
    out
}

/// Findings compared by rule, goal (through the matched pairs) and what they say (numbers
/// and done marks aside): a goal that moved keeps its findings; one whose step was made
/// measurable loses its G005.
fn findings_change(old: &[Finding], new: &[Finding], pairs: &[(usize, usize)]) -> FindingsChange {
    // A finding's identity: its code, the goal (as the old goal's position, for both
    // sides), and its message without the goal's number and name.
    let ident = |f: &Finding, side_old: bool| {
        let goal = f.goal.map(|g| {
            let pos = g.saturating_sub(1);
            if side_old {
                Some(pos)
            } else {
                pairs.iter().find(|p| p.1 == pos).map(|p| p.0)
            }
        });
        let message = match f.message.find(": ") {
            Some(i) if f.goal.is_some() => &f.message[i + 2..],
            _ => f.message.as_str(),
        };
        // Without numbers and done marks: "last reviewed 92 days ago" and "101 days ago",
        // or a step that gained a ✓, are the same finding.
        let words: String = key(message)
            .chars()
            .filter(|c| !c.is_ascii_digit() && !matches!(c, '✓' | '✔'))
            .collect();
        (
            f.code,
            goal,
            words.split_whitespace().collect::<Vec<_>>().join(" "),
        )
    };
    let as_ref = |f: &Finding, side_old: bool| FindingRef {
        code: f.code.to_string(),
        name: f.name.to_string(),
        goal: f.goal,
        new_goal: if side_old {
            f.goal.and_then(|g| {
                let pos = g.saturating_sub(1);
                pairs.iter().find(|p| p.0 == pos).map(|p| p.1 + 1)
            })
        } else {
            f.goal
        },
        message: f.message.clone(),
    };
    let old_ids: Vec<_> = old.iter().map(|f| ident(f, true)).collect();
    let new_ids: Vec<_> = new.iter().map(|f| ident(f, false)).collect();
    FindingsChange {
        fixed: old
            .iter()
            .zip(&old_ids)
            .filter(|(_, id)| !new_ids.contains(id))
            .map(|(f, _)| as_ref(f, true))
            .collect(),
        new: new
            .iter()
            .zip(&new_ids)
            .filter(|(_, id)| !old_ids.contains(id))
            .map(|(f, _)| as_ref(f, false))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(index: usize, skill: &str, steps: &[&str], resources: &str) -> Goal {
        let mut g = Goal {
            index,
            skill: Some(skill.to_string()),
            resources: Some(resources.to_string()),
            action_steps: steps.iter().map(|s| s.to_string()).collect(),
            ..Goal::default()
        };
        g.action_steps_text = Some(steps.join("\n"));
        g
    }

    #[test]
    fn moved_goals_are_no_change_and_renamed_goals_are_one_change() {
        let mut old = Plan::empty();
        old.goals = vec![
            goal(1, "SQL", &["Finish the SQL course by March"], "Course"),
            goal(
                2,
                "K8s",
                &["Pass the CKA exam by June", "Run the upgrade in Q3"],
                "CKA course and a lab cluster",
            ),
        ];
        let mut new = Plan::empty();
        new.goals = vec![
            goal(
                1,
                "Kubernetes",
                &["Pass the CKA exam by June", "Run the upgrade in Q3"],
                "CKA course and a lab cluster",
            ),
            goal(2, "sql", &["✓ Finish the SQL course by March"], "Course"),
            goal(3, "Public speaking", &["Give 2 talks"], "Toastmasters"),
        ];
        let d = diff(&old, &new, &[], &[]);
        assert_eq!(d.goals.len(), 3, "{:#?}", d.goals);
        // In the newer plan's order: the renamed goal (now first), then SQL.
        assert_eq!(
            d.goals[1],
            GoalChange::Changed {
                old_index: 1,
                new_index: 2,
                skill: Some("sql".into()),
                fields: vec![Change {
                    field: "Skill/Behavior".into(),
                    before: Some("SQL".into()),
                    after: Some("sql".into())
                }],
                steps: vec![StepChange::Done {
                    step: "✓ Finish the SQL course by March".into()
                }],
            }
        );
        match &d.goals[0] {
            GoalChange::Changed {
                old_index: 2,
                new_index: 1,
                fields,
                steps,
                ..
            } => {
                assert_eq!(fields.len(), 1);
                assert_eq!(fields[0].before.as_deref(), Some("K8s"));
                assert!(steps.is_empty());
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            d.goals[2],
            GoalChange::Added {
                index: 3,
                skill: Some("Public speaking".into())
            }
        );
        assert!(diff(&old, &old, &[], &[]).is_empty());
    }

    #[test]
    fn steps_reworded_added_and_removed() {
        let changes = step_changes(
            &[
                "Read 2 books on negotiation by May".into(),
                "Shadow a sales call".into(),
            ],
            &[
                "Read 3 books on negotiation by May".into(),
                "Run a workshop [x]".into(),
            ],
        );
        assert_eq!(
            changes,
            vec![
                StepChange::Reworded {
                    before: "Read 2 books on negotiation by May".into(),
                    after: "Read 3 books on negotiation by May".into()
                },
                StepChange::Removed {
                    step: "Shadow a sales call".into()
                },
                StepChange::Added {
                    step: "Run a workshop [x]".into()
                },
            ]
        );
    }
}

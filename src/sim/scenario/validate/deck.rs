//! Checks of the deck's parts: moves, events, personalities and the effects they carry.

use super::{Checker, quoted};
use crate::sim::scenario::{Effect, Requirement, Scenario};

pub(super) fn check_moves(c: &mut Checker, s: &Scenario) {
    c.within(&["moves"]);
    c.unique("move", s.moves.iter().map(|m| &m.id));
    if !s.moves.iter().any(|m| m.crisis_step.is_none()) {
        c.report(
            None,
            "",
            "a scenario needs at least one move that is not a crisis move".into(),
        );
    }
    for m in &s.moves {
        let a = Some(m.id.as_str());
        c.range(a, "ambiguity", m.ambiguity, 0.0, 1.0);
        c.range(a, "cost", m.cost, 0.0, 1e6);
        if let Some(step) = m.crisis_step {
            c.range(a, "crisis_step", f64::from(step), -3.0, 3.0);
        }
        for r in &m.requires {
            let bad = match r {
                Requirement::AlertBelow(v) | Requirement::AlertAbove(v) => *v > 3,
                Requirement::MissileDefenseAtLeast(v)
                | Requirement::ArmsAtLeast(v)
                | Requirement::ArmsBelow(v)
                | Requirement::ThreatAtLeast(_, v) => !(0.0..=100.0).contains(v),
                Requirement::NoHotline => false,
            };
            if bad {
                c.report(
                    a,
                    "requires",
                    format!("requirement {r:?} of move {:?} is out of range", m.id),
                );
            }
        }
        if let Some(ag) = &m.proposes {
            c.range(a, "transparency_floor", ag.transparency_floor, 0.0, 100.0);
            c.range(a, "trust_bonus", ag.trust_bonus, 0.0, 100.0);
            if let Some(cut) = ag.arms_cut {
                c.range(a, "arms_cut", cut, 0.0, 100.0);
            }
        }
        check_effects(c, s, a, &m.effects);
    }
    let opens_crises = s
        .events
        .iter()
        .flat_map(|e| &e.effects)
        .chain(s.moves.iter().flat_map(|m| &m.effects))
        .any(|e| matches!(e, Effect::Crisis(_)));
    if opens_crises && !s.moves.iter().any(|m| m.crisis_step.is_some()) {
        c.report(None, "", "crises can open (an effect `Crisis(..)`) but no move has a `crisis_step` to answer them".into());
    }
}

pub(super) fn check_events(c: &mut Checker, s: &Scenario) {
    c.within(&["events"]);
    c.unique("event", s.events.iter().map(|e| &e.id));
    for e in &s.events {
        let a = Some(e.id.as_str());
        let ch = &e.chance;
        for (field, v) in [
            ("base", ch.base),
            ("alert", ch.alert),
            ("tension", ch.tension),
            ("opacity", ch.opacity),
            ("arms", ch.arms),
            ("terrorism", ch.terrorism),
            ("proliferation", ch.proliferation),
            ("disaster", ch.disaster),
            ("early_warning", ch.early_warning),
        ] {
            c.range(a, field, v, -1.0, 1.0);
        }
        check_effects(c, s, a, &e.effects);
    }
}

pub(super) fn check_personalities(c: &mut Checker, s: &Scenario) {
    c.within(&["personalities"]);
    c.unique("personality", s.personalities.keys());
    for (name, p) in &s.personalities {
        c.within(&["personalities"]);
        c.range(Some(name), "hedge", p.hedge, 0.0, 1.0);
        c.within(&["personalities", &quoted(name), "weights"]);
        for (move_id, w) in &p.weights {
            if !s.moves.iter().any(|m| &m.id == move_id) {
                c.report(
                    Some(move_id),
                    "",
                    format!("personality {name:?} weights unknown move {move_id:?}"),
                );
            }
            c.range(Some(move_id), "", *w, 0.0, 1000.0);
        }
    }
}

fn check_effects(c: &mut Checker, s: &Scenario, anchor: Option<&str>, effects: &[Effect]) {
    for e in effects {
        match e {
            Effect::Crisis(rung)
                if s.ladder.len() < 2 || *rung == 0 || usize::from(*rung) + 1 >= s.ladder.len() =>
            {
                let message = format!(
                    "Crisis({rung}) needs a `ladder` with a rung {rung} between calm (0) and the top ({} rungs given)",
                    s.ladder.len()
                );
                c.report(anchor, "Crisis", message);
            }
            Effect::Alert(d) if !(-3..=3).contains(d) => {
                c.report(
                    anchor,
                    "Alert",
                    format!("Alert({d}) is out of range: expected -3 to 3"),
                );
            }
            Effect::Budget(v) if !(-1e6..=1e6).contains(v) => {
                c.report(
                    anchor,
                    "Budget",
                    format!("Budget({v}) is out of range: expected -1000000 to 1000000"),
                );
            }
            Effect::Arms(v)
            | Effect::MissileDefense(v)
            | Effect::Approval(v)
            | Effect::TransparencyOfMe(v)
            | Effect::TransparencyOfOthers(v)
            | Effect::TrustOfOthers(v)
            | Effect::TrustInOthers(v)
            | Effect::Threat(_, v)
                if !(-100.0..=100.0).contains(v) =>
            {
                c.report(
                    anchor,
                    "effects",
                    format!("effect {e:?} is out of range: expected -100 to 100"),
                );
            }
            _ => {}
        }
    }
}

//! Checks that a parsed scenario makes sense: ranges, unique ids, references that resolve.

use super::scenario::{Effect, Requirement, Scenario};
use super::strategy::Strategy;
use std::collections::HashSet;

/// One thing wrong with a scenario: the item (by id) and field it is in, and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub anchor: Option<String>,
    pub field: Option<String>,
    pub message: String,
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn report(&mut self, anchor: Option<&str>, field: &str, message: String) {
        self.problems.push(Problem {
            anchor: anchor.map(str::to_owned),
            field: Some(field.to_owned()),
            message,
        });
    }

    fn range(&mut self, anchor: Option<&str>, field: &str, value: f64, lo: f64, hi: f64) {
        if !(lo..=hi).contains(&value) {
            let what = anchor.map_or(String::new(), |a| format!(" of {a:?}"));
            self.report(
                anchor,
                field,
                format!("`{field}`{what} is {value}, out of range: expected {lo} to {hi}"),
            );
        }
    }

    fn unique<'a>(&mut self, kind: &str, ids: impl Iterator<Item = &'a String>) {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id) {
                self.report(Some(id), "id", format!("{kind} id {id:?} is defined twice"));
            }
        }
    }
}

/// Every problem found, in file order as far as possible; `Ok` when there is none.
pub fn validate(s: &Scenario) -> Result<(), Vec<Problem>> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    if s.turns == 0 || s.turns > 100_000 {
        c.report(
            None,
            "turns",
            format!("`turns` is {}: expected 1 to 100000", s.turns),
        );
    }
    if s.nations.len() < 2 {
        c.report(
            None,
            "nations",
            "a scenario needs at least two nations".into(),
        );
    }
    c.unique("nation", s.nations.iter().map(|n| &n.id));
    c.unique("move", s.moves.iter().map(|m| &m.id));
    c.unique("event", s.events.iter().map(|e| &e.id));
    let nation_ids: Vec<&str> = s.nations.iter().map(|n| n.id.as_str()).collect();
    for n in &s.nations {
        let a = Some(n.id.as_str());
        c.range(a, "arms", n.arms, 0.0, 100.0);
        c.range(a, "alert", f64::from(n.alert), 0.0, 3.0);
        c.range(a, "missile_defense", n.missile_defense, 0.0, 100.0);
        c.range(a, "approval", n.approval, 0.0, 100.0);
        c.range(a, "budget", n.budget, 0.0, 1e9);
        c.range(a, "income", n.income, 0.0, 1e9);
        if !is_colour(&n.colour) {
            c.report(
                a,
                "colour",
                format!("colour {:?} of {:?}: expected \"#rrggbb\"", n.colour, n.id),
            );
        }
        if Strategy::from_name(&n.strategy).is_none() {
            c.report(
                a,
                "strategy",
                format!(
                    "unknown strategy {:?}; expected one of: {}",
                    n.strategy,
                    Strategy::names().join(", ")
                ),
            );
        }
        if !s.personalities.contains_key(&n.personality) {
            let known: Vec<&str> = s.personalities.keys().map(String::as_str).collect();
            c.report(
                a,
                "personality",
                format!(
                    "unknown personality {:?}; expected one of: {}",
                    n.personality,
                    known.join(", ")
                ),
            );
        }
        if let Some(r) = &n.richardson {
            check_richardson(&mut c, a, r.k, r.a, r.g);
        }
    }
    c.range(None, "trust", s.relations.trust, 0.0, 100.0);
    c.range(None, "transparency", s.relations.transparency, 0.0, 100.0);
    for p in &s.relations.pairs {
        for id in [&p.from, &p.to] {
            if !nation_ids.contains(&id.as_str()) {
                c.report(
                    Some(id),
                    "",
                    format!(
                        "unknown nation {id:?} in `pairs`; expected one of: {}",
                        nation_ids.join(", ")
                    ),
                );
            }
        }
        if p.from == p.to {
            c.report(
                Some(&p.from),
                "to",
                format!("a pair needs two different nations, not {:?} twice", p.from),
            );
        }
        if let Some(t) = p.trust {
            c.range(Some(&p.from), "trust", t, 0.0, 100.0);
        }
        if let Some(t) = p.transparency {
            c.range(Some(&p.from), "transparency", t, 0.0, 100.0);
        }
    }
    for (name, v) in [
        ("terrorism", s.threats.terrorism),
        ("proliferation", s.threats.proliferation),
        ("disaster", s.threats.disaster),
    ] {
        c.range(None, name, v, 0.0, 100.0);
    }
    check_params(&mut c, s);
    check_moves(&mut c, s);
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
        ] {
            c.range(a, field, v, -1.0, 1.0);
        }
        check_effects(&mut c, s, a, &e.effects);
    }
    for (name, p) in &s.personalities {
        c.range(Some(name), "hedge", p.hedge, 0.0, 1.0);
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
    if c.problems.is_empty() {
        Ok(())
    } else {
        Err(c.problems)
    }
}

fn check_richardson(c: &mut Checker, anchor: Option<&str>, k: f64, a: f64, g: f64) {
    c.range(anchor, "k", k, 0.0, 1.0);
    c.range(anchor, "a", a, 0.0, 1.0);
    c.range(anchor, "g", g, 0.0, 100.0);
}

fn check_params(c: &mut Checker, s: &Scenario) {
    let p = &s.params;
    c.range(None, "sigma", p.perception.sigma, 0.0, 100.0);
    c.range(None, "detect", p.perception.detect, 0.0, 1.0);
    c.range(None, "worst_case", p.perception.worst_case, 0.0, 10.0);
    c.range(None, "gain", p.trust.gain, 0.0, 100.0);
    c.range(None, "loss", p.trust.loss, 0.0, 100.0);
    c.range(
        None,
        "unverified_discount",
        p.trust.unverified_discount,
        0.0,
        1.0,
    );
    c.range(None, "baseline", p.trust.baseline, 0.0, 100.0);
    c.range(None, "drift", p.trust.drift, 0.0, 1.0);
    check_richardson(c, None, p.arms.k, p.arms.a, p.arms.g);
    c.range(None, "decay", p.transparency.decay, 0.0, 1.0);
    c.range(None, "floor", p.transparency.floor, 0.0, 100.0);
    c.range(None, "build", p.transparency.build, 0.0, 100.0);
    c.range(
        None,
        "hotline_floor",
        p.transparency.hotline_floor,
        0.0,
        100.0,
    );
    c.range(None, "accept_trust", p.treaty.accept_trust, 0.0, 100.0);
    c.range(None, "breach_loss", p.treaty.breach_loss, 0.0, 100.0);
    c.range(None, "tolerance", p.treaty.tolerance, 0.0, 100.0);
    c.range(
        None,
        "trust_loss_per_level",
        p.crisis.trust_loss_per_level,
        0.0,
        100.0,
    );
    c.range(None, "growth", p.threats.growth, -100.0, 100.0);
    c.range(None, "base", p.risk.base, 0.0, 1.0);
    c.range(None, "max", p.risk.max, 0.0, 1.0);
    c.range(None, "clock", p.risk.clock, 0.0, 1440.0);
    for (field, v) in [
        ("alert", p.risk.alert),
        ("tension", p.risk.tension),
        ("arms", p.risk.arms),
        ("crisis", p.risk.crisis),
        ("transparency", p.risk.transparency),
        ("hotline", p.risk.hotline),
        ("clock_rate", p.risk.clock_rate),
    ] {
        c.range(None, field, v, 0.0, 100.0);
    }
    let r = &p.regime;
    c.range(None, "mas_trust", r.mas_trust, 0.0, 100.0);
    c.range(None, "mas_transparency", r.mas_transparency, 0.0, 100.0);
    c.range(None, "mas_risk", r.mas_risk, 0.0, 1.0);
    c.range(None, "mad_trust", r.mad_trust, 0.0, 100.0);
    c.range(None, "mad_arms", r.mad_arms, 0.0, 100.0);
    c.range(None, "mad_risk", r.mad_risk, 0.0, 1.0);
    if r.mas_hold == 0 {
        c.report(
            None,
            "mas_hold",
            "`mas_hold` is 0: expected at least 1 turn".into(),
        );
    }
    for (field, v) in [
        ("t", s.payoffs.t),
        ("r", s.payoffs.r),
        ("p", s.payoffs.p),
        ("s", s.payoffs.s),
        ("catastrophe", s.payoffs.catastrophe),
    ] {
        if !v.is_finite() {
            c.report(
                None,
                field,
                format!("payoff `{field}` is not a finite number"),
            );
        }
    }
}

fn check_moves(c: &mut Checker, s: &Scenario) {
    if !s.moves.iter().any(|m| m.crisis_step.is_none()) {
        c.report(
            None,
            "moves",
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
}

fn check_effects(c: &mut Checker, s: &Scenario, anchor: Option<&str>, effects: &[Effect]) {
    for e in effects {
        match e {
            Effect::Crisis(rung)
                if s.ladder.len() < 2 || usize::from(*rung) >= s.ladder.len() || *rung == 0 =>
            {
                c.report(
                    anchor,
                    "Crisis",
                    format!(
                        "Crisis({rung}) needs a `ladder` with a rung {rung} below its top (ladder has {} rungs, rung 0 is calm)",
                        s.ladder.len()
                    ),
                );
            }
            Effect::Alert(d) if d.abs() > 3 => c.report(
                anchor,
                "Alert",
                format!("Alert({d}) is out of range: expected -3 to 3"),
            ),
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

fn is_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

//! Checks that a parsed scenario makes sense: ranges, unique ids, references that resolve.
//!
//! Each problem carries the path to where it is written (`params`, `risk`, `alert`; or
//! `nations`, `"usa"`, `arms`) so that `load.rs` can report it at its line and column.

use super::scenario::{Effect, Requirement, Scenario};
use super::strategy::Strategy;
use std::collections::HashSet;

/// One thing wrong with a scenario: where it is written, and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Keys (`params`, `risk`), quoted ids (`"usa"`) or literal text (`from: "rus"`), each to be
    /// found after the one before it in the file.
    pub path: Vec<String>,
    /// The field the problem is in, for messages about `--set` keys.
    pub field: String,
    pub message: String,
}

struct Checker {
    problems: Vec<Problem>,
    /// The path of the group being checked.
    prefix: Vec<String>,
}

fn quoted(id: &str) -> String {
    format!("\"{id}\"")
}

impl Checker {
    fn within(&mut self, prefix: &[&str]) {
        self.prefix = prefix.iter().map(|s| s.to_string()).collect();
    }

    /// `anchor` is an item's id (quoted in the file) or literal text such as `from: "rus"`.
    fn report(&mut self, anchor: Option<&str>, field: &str, message: String) {
        let mut path = self.prefix.clone();
        if let Some(a) = anchor {
            path.push(if a.contains(':') {
                a.to_string()
            } else {
                quoted(a)
            });
        }
        if !field.is_empty() {
            path.push(field.to_string());
        }
        self.problems.push(Problem {
            path,
            field: field.to_string(),
            message,
        });
    }

    /// NaN and infinities are out of every range.
    fn range(&mut self, anchor: Option<&str>, field: &str, value: f64, lo: f64, hi: f64) {
        if !(lo..=hi).contains(&value) {
            let what = anchor.map_or(String::new(), |a| format!(" of {a}"));
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
                self.report(Some(id), "", format!("{kind} id {id:?} is defined twice"));
            }
        }
    }
}

/// Every problem found, roughly in file order; `Ok` when there is none.
pub fn validate(s: &Scenario) -> Result<(), Vec<Problem>> {
    let mut c = Checker {
        problems: Vec::new(),
        prefix: Vec::new(),
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
    check_nations(&mut c, s);
    check_relations(&mut c, s);
    c.within(&["threats"]);
    for (name, v) in [
        ("terrorism", s.threats.terrorism),
        ("proliferation", s.threats.proliferation),
        ("disaster", s.threats.disaster),
    ] {
        c.range(None, name, v, 0.0, 100.0);
    }
    check_params(&mut c, s);
    check_moves(&mut c, s);
    check_events(&mut c, s);
    check_personalities(&mut c, s);
    if c.problems.is_empty() {
        Ok(())
    } else {
        Err(c.problems)
    }
}

fn check_nations(c: &mut Checker, s: &Scenario) {
    c.within(&["nations"]);
    c.unique("nation", s.nations.iter().map(|n| &n.id));
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
            let message = format!(
                "unknown strategy {:?}; expected one of: {}",
                n.strategy,
                Strategy::names().join(", ")
            );
            c.report(a, "strategy", message);
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
            c.range(a, "k", r.k, 0.0, 1.0);
            c.range(a, "a", r.a, 0.0, 1.0);
            c.range(a, "g", r.g, 0.0, 100.0);
        }
    }
}

fn check_relations(c: &mut Checker, s: &Scenario) {
    c.within(&["relations"]);
    c.range(None, "trust", s.relations.trust, 0.0, 100.0);
    c.range(None, "transparency", s.relations.transparency, 0.0, 100.0);
    let nation_ids: Vec<&str> = s.nations.iter().map(|n| n.id.as_str()).collect();
    c.within(&["relations", "pairs"]);
    for p in &s.relations.pairs {
        let at = format!("from: \"{}\"", p.from);
        for (key, id) in [("from", &p.from), ("to", &p.to)] {
            if !nation_ids.contains(&id.as_str()) {
                let message = format!(
                    "unknown nation {id:?} in `pairs`; expected one of: {}",
                    nation_ids.join(", ")
                );
                c.report(Some(&format!("{key}: \"{id}\"")), "", message);
            }
        }
        if p.from == p.to {
            c.report(
                Some(&at),
                "to",
                format!("a pair needs two different nations, not {:?} twice", p.from),
            );
        }
        if let Some(t) = p.trust {
            c.range(Some(&at), "trust", t, 0.0, 100.0);
        }
        if let Some(t) = p.transparency {
            c.range(Some(&at), "transparency", t, 0.0, 100.0);
        }
    }
}

fn check_params(c: &mut Checker, s: &Scenario) {
    let p = &s.params;
    c.within(&["params", "perception"]);
    c.range(None, "sigma", p.perception.sigma, 0.0, 100.0);
    c.range(None, "detect", p.perception.detect, 0.0, 1.0);
    c.range(None, "worst_case", p.perception.worst_case, 0.0, 10.0);
    c.within(&["params", "trust"]);
    c.range(None, "gain", p.trust.gain, 0.0, 100.0);
    c.range(
        None,
        "unverified_discount",
        p.trust.unverified_discount,
        0.0,
        1.0,
    );
    c.range(None, "loss", p.trust.loss, 0.0, 100.0);
    c.range(None, "baseline", p.trust.baseline, 0.0, 100.0);
    c.range(None, "drift", p.trust.drift, 0.0, 1.0);
    c.within(&["params", "arms"]);
    c.range(None, "k", p.arms.k, 0.0, 1.0);
    c.range(None, "a", p.arms.a, 0.0, 1.0);
    c.range(None, "g", p.arms.g, 0.0, 100.0);
    c.within(&["params", "transparency"]);
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
    c.within(&["params", "treaty"]);
    c.range(None, "accept_trust", p.treaty.accept_trust, 0.0, 100.0);
    c.range(None, "detect", p.treaty.detect, 0.0, 1.0);
    c.range(None, "breach_loss", p.treaty.breach_loss, 0.0, 100.0);
    c.range(None, "tolerance", p.treaty.tolerance, 0.0, 100.0);
    c.within(&["params", "crisis"]);
    c.range(
        None,
        "trust_loss_per_level",
        p.crisis.trust_loss_per_level,
        0.0,
        100.0,
    );
    c.within(&["params", "threats"]);
    c.range(None, "growth", p.threats.growth, -100.0, 100.0);
    c.within(&["params", "risk"]);
    let r = &p.risk;
    c.range(None, "base", r.base, 0.0, 1.0);
    c.range(None, "max", r.max, 0.0, 1.0);
    c.range(None, "clock", r.clock, 0.0, 1440.0);
    for (field, v) in [
        ("alert", r.alert),
        ("tension", r.tension),
        ("arms", r.arms),
        ("crisis", r.crisis),
        ("transparency", r.transparency),
        ("hotline", r.hotline),
        ("clock_rate", r.clock_rate),
    ] {
        c.range(None, field, v, 0.0, 100.0);
    }
    c.within(&["params", "regime"]);
    let g = &p.regime;
    c.range(None, "mas_trust", g.mas_trust, 0.0, 100.0);
    c.range(None, "mas_transparency", g.mas_transparency, 0.0, 100.0);
    c.range(None, "mas_risk", g.mas_risk, 0.0, 1.0);
    c.range(None, "arms_slack", g.arms_slack, 0.0, 100.0);
    c.range(None, "mad_trust", g.mad_trust, 0.0, 100.0);
    c.range(None, "mad_arms", g.mad_arms, 0.0, 100.0);
    c.range(None, "mad_risk", g.mad_risk, 0.0, 1.0);
    if g.mas_hold == 0 {
        c.report(
            None,
            "mas_hold",
            "`mas_hold` is 0: expected at least 1 turn".into(),
        );
    }
    c.within(&["payoffs"]);
    let pay = &s.payoffs;
    for (field, v) in [
        ("t", pay.t),
        ("r", pay.r),
        ("p", pay.p),
        ("s", pay.s),
        ("catastrophe", pay.catastrophe),
    ] {
        c.range(None, field, v, -1e6, 1e6);
    }
}

fn check_moves(c: &mut Checker, s: &Scenario) {
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

fn check_events(c: &mut Checker, s: &Scenario) {
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
        ] {
            c.range(a, field, v, -1.0, 1.0);
        }
        check_effects(c, s, a, &e.effects);
    }
}

fn check_personalities(c: &mut Checker, s: &Scenario) {
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

fn is_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

//! Checks of the mechanisms added in Détente 0.6.0: missile defense and deterrence, domestic
//! politics, chicken in a crisis, complacency, free riding, opportunism and the agreements in
//! force at the start.

use super::{Checker, quoted};
use crate::sim::scenario::Scenario;

pub(super) fn check_mechanisms(c: &mut Checker, s: &Scenario) {
    let p = &s.params;
    c.within(&["params", "perception"]);
    c.range(None, "complacency", p.perception.complacency, 0.0, 10.0);
    c.range(
        None,
        "complacent_trust",
        p.perception.complacent_trust,
        0.0,
        99.0,
    );
    c.within(&["params", "threats"]);
    c.range(None, "quorum", p.threats.quorum, 0.0, 1.0);
    c.range(
        None,
        "free_rider_loss",
        p.threats.free_rider_loss,
        0.0,
        100.0,
    );
    c.within(&["params", "defense"]);
    let d = &p.defense;
    c.range(None, "threat", d.threat, 0.0, 10.0);
    c.range(None, "first_strike", d.first_strike, 0.0, 100.0);
    c.range(None, "intercept", d.intercept, 0.0, 1.0);
    c.within(&["params", "politics"]);
    let g = &p.politics;
    for (field, v, hi) in [
        ("pressure_below", g.pressure_below, 100.0),
        ("hawkishness", g.hawkishness, 1.0),
        ("reluctance", g.reluctance, 1.0),
        ("reelection", g.reelection, 100.0),
        ("joint_action", g.joint_action, 100.0),
        ("crisis_avoided", g.crisis_avoided, 100.0),
        ("climb_down", g.climb_down, 100.0),
    ] {
        c.range(None, field, v, 0.0, hi);
    }
    if let Some(ch) = &s.payoffs.chicken {
        c.within(&["payoffs", "chicken"]);
        for (field, v) in [("t", ch.t), ("r", ch.r), ("s", ch.s), ("p", ch.p)] {
            c.range(None, field, v, -1e6, 1e6);
        }
        if !(ch.t > ch.r && ch.r > ch.s && ch.s > ch.p) {
            c.report(
                None,
                "",
                format!(
                    "chicken needs t > r > s > p (winning the crisis beats a compromise, which beats backing down alone, which beats a collision), not t {}, r {}, s {}, p {}",
                    ch.t, ch.r, ch.s, ch.p
                ),
            );
        }
    }
    c.within(&["personalities"]);
    for (name, personality) in &s.personalities {
        c.range(Some(name), "opportunism", personality.opportunism, 0.0, 1.0);
        c.range(
            Some(name),
            "probe_after",
            f64::from(personality.probe_after),
            1.0,
            1000.0,
        );
    }
    c.within(&["nations"]);
    for n in &s.nations {
        if let Some(o) = &n.opposition
            && !s.personalities.contains_key(o)
        {
            let known: Vec<&str> = s.personalities.keys().map(String::as_str).collect();
            c.report(
                Some(&n.id),
                "opposition",
                format!(
                    "unknown personality {o:?} for the opposition; expected one of: {}",
                    known.join(", ")
                ),
            );
        }
    }
    check_agreements(c, s);
}

fn check_agreements(c: &mut Checker, s: &Scenario) {
    c.within(&["agreements"]);
    // Each is set by its id (`--set agreements.ID.in_force=true`): one entry per agreement.
    c.unique("agreement", s.agreements.iter().map(|a| &a.id));
    for a in &s.agreements {
        let anchor = Some(a.id.as_str());
        match s.moves.iter().find(|m| m.id == a.id) {
            None => c.report(
                anchor,
                "id",
                format!(
                    "unknown move {:?}: an agreement is named by the move that proposes it",
                    a.id
                ),
            ),
            Some(m) if m.proposes.is_none() => c.report(
                anchor,
                "id",
                format!("the move {:?} proposes no agreement", a.id),
            ),
            Some(_) => {}
        }
        for party in &a.parties {
            if !s.nations.iter().any(|n| &n.id == party) {
                let known: Vec<&str> = s.nations.iter().map(|n| n.id.as_str()).collect();
                c.report(
                    anchor,
                    "parties",
                    format!(
                        "unknown nation {}; expected one of: {}",
                        quoted(party),
                        known.join(", ")
                    ),
                );
            }
        }
        if a.parties[0] == a.parties[1] {
            c.report(
                anchor,
                "parties",
                format!(
                    "an agreement binds two different nations, not {} twice",
                    quoted(&a.parties[0])
                ),
            );
        }
    }
}

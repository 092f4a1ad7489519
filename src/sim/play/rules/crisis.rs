//! The escalation ladder: crises open on a rung, the parties' crisis moves climb or descend it,
//! its top is a nuclear exchange and its bottom the end of the crisis.

use super::Rules;
use super::apply::Affected;
use super::politics::add_approval;
use crate::sim::play::log::SimEvent;
use crate::sim::play::state::{Crisis, Orders};

/// The parties' crisis moves move the ladder; its top is an exchange, its bottom the end. A
/// party that backs down while the other stands firm loses `politics.climb_down` approval (a
/// humiliation at home); a crisis that ends without an exchange earns each party
/// `politics.crisis_avoided`.
pub(super) fn climb_ladder(rules: &Rules, orders: &Orders, w: &mut Affected) {
    let Some(parties) = w.diplomacy.crisis.as_ref().map(|c| c.parties) else {
        return;
    };
    climb_downs(rules, orders, parties, w);
    let Some(crisis) = w.diplomacy.crisis.as_mut() else {
        return;
    };
    let step: i32 = crisis
        .parties
        .iter()
        .filter_map(|&p| orders.moves[p])
        .filter_map(|a| rules.scenario.moves[a].crisis_step)
        .sum();
    let from = crisis.level;
    let to = (i32::from(from) + step).clamp(0, i32::from(rules.top_rung)) as u8;
    crisis.level = to;
    crisis.peak = crisis.peak.max(to);
    if to != from {
        w.log.0.push(SimEvent::CrisisMoved { from, to });
    }
    let fizzled = w.turn.saturating_sub(crisis.opened) >= rules.scenario.params.crisis.max_turns;
    if to >= rules.top_rung {
        w.risk.exchange = true;
        w.log.0.push(SimEvent::ExchangeHappened {
            on_the_ladder: true,
        });
        w.diplomacy.crisis = None;
    } else if to == 0 || fizzled {
        w.log.0.push(SimEvent::CrisisEnded {
            level: to,
            fizzled: to != 0,
        });
        w.diplomacy.crisis = None;
        let avoided = rules.scenario.params.politics.crisis_avoided;
        for p in parties {
            add_approval(w, p, avoided);
        }
    }
}

/// Whether `nation`'s move this turn steps down the ladder (a negative `crisis_step`); any
/// other move stands firm. What chicken scores and what makes a climb-down.
pub(super) fn steps_down(rules: &Rules, orders: &Orders, nation: usize) -> bool {
    orders.moves[nation]
        .and_then(|m| rules.scenario.moves[m].crisis_step)
        .is_some_and(|s| s < 0)
}

/// Each party that steps down the ladder (a crisis move with a negative step) while the other
/// stands firm (a step of 0 or more) climbs down: it loses `politics.climb_down` approval.
fn climb_downs(rules: &Rules, orders: &Orders, parties: [usize; 2], w: &mut Affected) {
    let cost = rules.scenario.params.politics.climb_down;
    if cost <= 0.0 {
        return;
    }
    let down = |p: usize| steps_down(rules, orders, p);
    for (me, other) in [(parties[0], parties[1]), (parties[1], parties[0])] {
        if down(me) && !down(other) {
            add_approval(w, me, -cost);
            w.log.0.push(SimEvent::ClimbedDown {
                nation: me,
                to: other,
            });
        }
    }
}

/// Opens a crisis between `me` and the nation it trusts least, or raises the open one.
pub(super) fn open_crisis(rules: &Rules, me: usize, rung: u8, w: &mut Affected) {
    let rung = rung.min(rules.top_rung.saturating_sub(1));
    if let Some(crisis) = w.diplomacy.crisis.as_mut() {
        if rung > crisis.level {
            w.log.0.push(SimEvent::CrisisMoved {
                from: crisis.level,
                to: rung,
            });
            crisis.level = rung;
            crisis.peak = crisis.peak.max(rung);
        }
        return;
    }
    let rival = (0..w.relations.n).filter(|&j| j != me).min_by(|&a, &b| {
        w.relations
            .get(me, a)
            .trust
            .total_cmp(&w.relations.get(me, b).trust)
    });
    let Some(rival) = rival else { return };
    let parties = [me, rival];
    w.diplomacy.crisis = Some(Crisis {
        parties,
        level: rung,
        opened: w.turn,
        peak: rung,
    });
    w.log.0.push(SimEvent::CrisisOpened {
        parties,
        level: rung,
    });
}

//! Joint action on shared threats as a public good (Olson 1965): every nation gains from a
//! lower threat whoever paid for it, so each is tempted to let the others pay. With
//! `threats.quorum`, joint action needs the contributions of that share of the nations; with
//! `threats.free_rider_loss`, the contributors trust less each nation that saved its budget
//! while they acted.

use super::Rules;
use super::apply::Affected;
use super::politics::add_approval;
use crate::sim::play::log::SimEvent;
use crate::sim::play::state::Orders;
use crate::sim::scenario::Intent;

/// Notes the turn's joint action on a shared threat (what the MAS regime's joint-action
/// condition reads): shared-threat moves by at least `quorum` of the nations (one is enough at
/// quorum 0), one of them made while no other nation's move is hostile, or a shared-threat
/// agreement in force. Each contributor gains `politics.joint_action` approval; each nation that
/// did not contribute (and was not held by the crisis, `crisis`) is a free rider, trusted
/// `free_rider_loss` less by every contributor.
pub(super) fn note_joint_action(
    rules: &Rules,
    orders: &Orders,
    crisis: Option<[usize; 2]>,
    w: &mut Affected,
) {
    let n = orders.moves.len();
    let spec = |i: usize| orders.moves[i].map(|m| &rules.scenario.moves[m]);
    let hostile = |i: usize| spec(i).is_some_and(|m| m.intent == Intent::Hostile);
    let contributors: Vec<usize> = (0..n)
        .filter(|&i| spec(i).is_some_and(|m| m.shared_threat))
        .collect();
    let p = &rules.scenario.params.threats;
    let enough = contributors.len() as f64 >= p.quorum * n as f64;
    let unopposed = contributors
        .iter()
        .any(|&i| (0..n).all(|j| j == i || !hostile(j)));
    if enough && unopposed {
        w.threats.last_joint_action = Some(w.turn);
        for &i in &contributors {
            add_approval(w, i, rules.scenario.params.politics.joint_action);
        }
        if p.free_rider_loss > 0.0 {
            let riders: Vec<usize> = (0..n)
                .filter(|i| !contributors.contains(i) && !crisis.is_some_and(|c| c.contains(i)))
                .collect();
            for &rider in &riders {
                for &c in &contributors {
                    let r = w.relations.get_mut(c, rider);
                    r.trust = (r.trust - p.free_rider_loss).clamp(0.0, 100.0);
                }
            }
            if !riders.is_empty() {
                w.log.0.push(SimEvent::FreeRiding { riders });
            }
        }
    }
    let joint_treaty = w.diplomacy.treaties.iter().any(|t| {
        rules.scenario.moves[t.move_index]
            .proposes
            .as_ref()
            .is_some_and(|a| a.shared_threat)
    });
    if joint_treaty {
        w.threats.last_joint_action = Some(w.turn);
    }
}

//! Domestic politics (`params.politics`): approval puts a government under pressure at home,
//! which makes it hedge more and shy away from cooperation that costs votes, and elections can
//! bring in an opposition with another personality.

use super::Rules;
use super::apply::Affected;
use crate::sim::play::log::SimEvent;
use crate::sim::play::state::Controller;
use crate::sim::scenario::{Effect, Intent, MoveSpec};

/// How hard a government is pressed at home (0..1): 0 at or above `pressure_below`, rising
/// linearly to 1 at approval 0. Always 0 when `pressure_below` is 0 (politics off).
pub fn pressure(rules: &Rules, approval: f64) -> f64 {
    let below = rules.scenario.params.politics.pressure_below;
    if below <= 0.0 {
        return 0.0;
    }
    ((below - approval) / below).clamp(0.0, 1.0)
}

/// Whether a move is cooperation that costs approval at home (an `Approval` effect below 0):
/// what pressure makes a computer seat reluctant to choose.
pub fn costly_cooperation(m: &MoveSpec) -> bool {
    m.intent == Intent::Cooperative
        && m.effects
            .iter()
            .any(|e| matches!(e, Effect::Approval(v) if *v < 0.0))
}

/// Adds `points` to a nation's approval, within 0..100.
pub(super) fn add_approval(w: &mut Affected, nation: usize, points: f64) {
    if points != 0.0 {
        super::apply::add(&mut w.nations.0[nation].approval, points);
    }
}

/// An `Election` in `nation`: at approval `reelection` or more the government is returned;
/// below it the opposition takes office, and a computer seat's personality becomes the
/// nation's `opposition`, until a lost election brings back the government it replaced (its
/// personality is kept in `Seat::home`). A person's seat keeps its player: the vote is news.
/// A nation without an `opposition` holds no elections: nothing happens.
pub(super) fn hold_election(rules: &Rules, nation: usize, w: &mut Affected) {
    let Some(opposition) = rules.opposition[nation] else {
        return;
    };
    let returned = w.nations.0[nation].approval >= rules.scenario.params.politics.reelection;
    let mut personality = None;
    let seat = &mut w.seats.0[nation];
    if !returned
        && let Controller::Ai {
            personality: ref mut governing,
            ..
        } = seat.controller
    {
        *governing = match seat.home.take() {
            Some(previous) => previous,
            None => {
                seat.home = Some(*governing);
                opposition
            }
        };
        personality = Some(*governing);
    }
    w.log.0.push(SimEvent::ElectionHeld {
        nation,
        returned,
        personality,
    });
}

//! Which stages of the turn a scenario has switched off, so that a pure prisoner's dilemma does
//! not pay for an arms race or a risk of war it does not have. A stage is skipped only when its
//! coefficients make it do nothing in every state a match can reach, and a skipped stage still
//! makes the draws it would have made, so a match plays the same with or without the skipping
//! (test `model::the_fast_path_gives_what_the_full_pipeline_gives`).

use super::Rules;
use crate::sim::play::state::{Diplomacy, Nations, Relations, SharedThreats};
use crate::sim::scenario::{MoveIndex, Richardson, Scenario};
use std::borrow::Cow;

/// The stages a match must run (`true`), or may skip (`false`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stages {
    /// The Richardson step: off when every nation's k, a and g and the missile-defense threat
    /// are 0, and no agreement caps arms (so no breach can be caught).
    pub arms: bool,
    /// The risk of an exchange: off when its base is 0 (the risk is then 0 whatever the state);
    /// its draw is still made.
    pub risk: bool,
    /// Working out which moves are open to a nation: off when every move is open to every
    /// nation on every turn (no crisis moves, no events, and every move free, without
    /// requirements, effects or a proposal, and no agreement at the start).
    pub open_moves: bool,
}

impl Stages {
    /// Every stage, as the full pipeline runs them.
    pub const ALL: Stages = Stages {
        arms: true,
        risk: true,
        open_moves: true,
    };

    /// The stages `scenario` needs, with each nation's Richardson coefficients.
    pub fn of(scenario: &Scenario, richardson: &[Richardson]) -> Stages {
        let still = richardson
            .iter()
            .all(|r| r.k == 0.0 && r.a == 0.0 && r.g == 0.0);
        let caps = scenario
            .moves
            .iter()
            .filter_map(|m| m.proposes.as_ref())
            .any(|a| a.arms_cut.is_some());
        let plain = |m: &crate::sim::scenario::MoveSpec| {
            m.cost == 0.0
                && m.requires.is_empty()
                && m.effects.is_empty()
                && m.proposes.is_none()
                && m.crisis_step.is_none()
        };
        let fixed = scenario.moves.iter().all(plain)
            && scenario.events.is_empty()
            && scenario.agreements.is_empty();
        Stages {
            arms: !(still && scenario.params.defense.threat == 0.0 && !caps),
            risk: scenario.params.risk.base != 0.0,
            open_moves: !fixed,
        }
    }
}

/// The moves open to `nation` now (`available_moves`), or, where every move is always open
/// (`Stages::open_moves` off), the normal moves without working them out.
pub(super) fn candidates<'a>(
    rules: &'a Rules,
    nation: usize,
    nations: &Nations,
    relations: &Relations,
    diplomacy: &Diplomacy,
    threats: &SharedThreats,
) -> Cow<'a, [MoveIndex]> {
    if rules.stages.open_moves {
        super::available_moves(rules, nation, nations, relations, diplomacy, threats).into()
    } else {
        rules.normal_moves.as_slice().into()
    }
}

//! Which stages of the turn a scenario has switched off, so that a pure prisoner's dilemma does
//! not pay for an arms race or a risk of war it does not have. A stage is skipped only when its
//! coefficients make it do nothing in every state a match can reach, and a skipped stage still
//! makes the draws it would have made, so a match plays the same with or without the skipping
//! (test `model::the_fast_path_gives_what_the_full_pipeline_gives`).

use crate::sim::scenario::{Richardson, Scenario};

/// The stages a match must run (`true`), or may skip (`false`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stages {
    /// The Richardson step: off when every nation's k, a and g and the missile-defense threat
    /// are 0, and no agreement caps arms (so no breach can be caught).
    pub arms: bool,
    /// The risk of an exchange: off when its base is 0 (the risk is then 0 whatever the state);
    /// its draw is still made.
    pub risk: bool,
}

impl Stages {
    /// Every stage, as the full pipeline runs them.
    pub const ALL: Stages = Stages {
        arms: true,
        risk: true,
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
        Stages {
            arms: !(still && scenario.params.defense.threat == 0.0 && !caps),
            risk: scenario.params.risk.base != 0.0,
        }
    }
}

//! The rules of a turn, as pure functions over plain data, one file per stage.
//!
//! `Rules` is a scenario made ready for play (moves split by kind, personalities as weight
//! tables); the stage functions take it plus the parts of a match they read and write.

mod stages;
pub use stages::Stages;
mod apply;
#[cfg(test)]
mod behaviour_tests;
mod choose;
mod crisis;
pub mod defense;
mod dynamics;
mod events;
#[cfg(test)]
mod mechanism_tests;
mod perceive;
pub mod politics;
mod regime;
mod shared;
#[cfg(test)]
mod test_fixture;

pub use apply::{Affected, apply_moves, grant_signing_trust};
pub use choose::{
    available_moves, choose_orders, computer_move, mean_trust_of, opportunist_stance, pick_move,
};
pub use dynamics::{run_arms_race, update_transparency, update_trust};
pub use events::draw_events;
pub use perceive::{perceive, perceive_moves};
pub use regime::{
    assess_risk, classify_regime, end_turn, minutes_to_midnight, mutual_deterrence, regime_of,
    risk_of,
};

use crate::sim::error::InputError;
use crate::sim::play::state::{Controller, Treaty};
use crate::sim::play::strategy::Strategy;
use crate::sim::scenario::{EventIndex, MoveIndex, Richardson, Scenario};
use bevy::prelude::Resource;

/// A personality as a weight per move.
#[derive(Debug, Clone)]
pub struct MoveWeights {
    pub name: String,
    /// How readily it hedges a cooperative stance with a neutral move (`pick_move`).
    pub hedge: f64,
    /// One weight per move of the scenario, in its order (1 where the personality gives none).
    pub weights: Vec<f64>,
    /// How readily it tests a rival that has always cooperated (`Personality::opportunism`).
    pub opportunism: f64,
    /// Turns of a rival's cooperation after which it tests it (`Personality::probe_after`).
    pub probe_after: u32,
}

impl MoveWeights {
    /// The weight it gives `m`.
    pub fn weight(&self, m: MoveIndex) -> f64 {
        self.weights[m.0]
    }
}

/// A checked scenario, indexed for play. Shared by every match of a batch.
#[derive(Debug, Clone, Resource)]
pub struct Rules {
    pub scenario: Scenario,
    /// Moves open outside a crisis (and to nations not party to it).
    pub normal_moves: Vec<MoveIndex>,
    /// Moves for the parties to an open crisis.
    pub crisis_moves: Vec<MoveIndex>,
    pub personalities: Vec<MoveWeights>,
    pub richardson: Vec<Richardson>,
    /// Each nation's opposition personality, if an election can bring one in.
    pub opposition: Vec<Option<usize>>,
    /// The agreements in force when a match begins (`Scenario::agreements` that are in force).
    pub opening_treaties: Vec<Treaty>,
    /// The ladder's top rung: reaching it is a nuclear exchange.
    pub top_rung: u8,
    /// The stages this scenario needs (`Stages::of`); `full_pipeline` runs them all.
    pub stages: Stages,
}

impl Rules {
    /// The match's length as its players know it: its turn count, or `None` when it ends by
    /// chance (`params.continuation` below 1), so that no strategy can count down to its end.
    pub fn known_length(&self, clock: &crate::sim::play::state::Clock) -> Option<u32> {
        (self.scenario.params.continuation >= 1.0).then_some(clock.turns)
    }

    /// Indexes a scenario that `validate` accepted.
    pub fn new(scenario: Scenario) -> Rules {
        let (crisis_moves, normal_moves) =
            MoveIndex::all(&scenario.moves).partition(|&m| scenario.moves[m].crisis_step.is_some());
        let personalities = scenario
            .personalities
            .iter()
            .map(|(name, p)| MoveWeights {
                name: name.clone(),
                hedge: p.hedge,
                opportunism: p.opportunism,
                probe_after: p.probe_after,
                weights: scenario
                    .moves
                    .iter()
                    .map(|m| p.weights.get(&m.id).copied().unwrap_or(1.0))
                    .collect(),
            })
            .collect();
        let richardson: Vec<Richardson> = scenario
            .nations
            .iter()
            .map(|n| n.richardson.unwrap_or(scenario.params.arms))
            .collect();
        let opposition = scenario
            .nations
            .iter()
            .map(|n| {
                let name = n.opposition.as_deref()?;
                scenario.personalities.keys().position(|k| k == name)
            })
            .collect();
        let opening_treaties = opening_treaties(&scenario);
        let top_rung = scenario
            .ladder
            .len()
            .saturating_sub(1)
            .min(u8::MAX as usize) as u8;
        let stages = Stages::of(&scenario, &richardson);
        Rules {
            stages,
            scenario,
            normal_moves,
            crisis_moves,
            personalities,
            richardson,
            opposition,
            opening_treaties,
            top_rung,
        }
    }

    /// The same rules running every stage of the turn, even those the scenario switched off:
    /// what the skipping is checked against.
    pub fn full_pipeline(mut self) -> Rules {
        self.stages = Stages::ALL;
        self
    }

    pub fn nation_count(&self) -> usize {
        self.scenario.nations.len()
    }

    pub fn nation_index(&self, id: &str) -> Option<usize> {
        self.scenario.nations.iter().position(|n| n.id == id)
    }

    /// The move with this id (`Scenario::move_index`).
    pub fn move_index(&self, id: &str) -> Option<MoveIndex> {
        self.scenario.move_index(id)
    }

    /// The event with this id (`Scenario::event_index`).
    pub fn event_index(&self, id: &str) -> Option<EventIndex> {
        self.scenario.event_index(id)
    }

    pub fn personality_index(&self, name: &str) -> Option<usize> {
        self.personalities.iter().position(|p| p.name == name)
    }

    pub fn nation_ids(&self) -> Vec<&str> {
        self.scenario
            .nations
            .iter()
            .map(|n| n.id.as_str())
            .collect()
    }

    /// Each nation's controller as the scenario sets it: its default strategy and personality.
    pub fn default_controllers(&self) -> Vec<Controller> {
        self.scenario
            .nations
            .iter()
            .map(|n| Controller::Ai {
                strategy: Strategy::from_name(&n.strategy).unwrap_or(Strategy::TitForTat),
                personality: self.personality_index(&n.personality).unwrap_or(0),
            })
            .collect()
    }

    /// Applies one `--ai NATION=STRATEGY[:PERSONALITY]` to a list of controllers.
    pub fn assign_ai(&self, controllers: &mut [Controller], spec: &str) -> Result<(), InputError> {
        let origin = format!("--ai {spec}");
        let Some((nation, rest)) = spec.split_once('=') else {
            return Err(InputError::new(
                origin,
                "expected NATION=STRATEGY, like usa=tit_for_tat",
            ));
        };
        let Some(i) = self.nation_index(nation) else {
            return Err(InputError::new(
                origin,
                format!(
                    "unknown nation {nation:?}; this scenario has: {}",
                    self.nation_ids().join(", ")
                ),
            ));
        };
        let (strategy_name, personality_name) = match rest.split_once(':') {
            Some((s, p)) => (s, Some(p)),
            None => (rest, None),
        };
        let Some(strategy) = Strategy::from_name(strategy_name) else {
            return Err(InputError::new(
                origin,
                format!(
                    "unknown strategy {strategy_name:?}; expected one of: {}",
                    Strategy::names().join(", ")
                ),
            ));
        };
        let personality = match personality_name {
            Some(p) => self.personality_index(p).ok_or_else(|| {
                let known: Vec<&str> = self.personalities.iter().map(|p| p.name.as_str()).collect();
                InputError::new(
                    &origin,
                    format!(
                        "unknown personality {p:?}; expected one of: {}",
                        known.join(", ")
                    ),
                )
            })?,
            None => match controllers[i] {
                Controller::Ai { personality, .. } => personality,
                Controller::Human => self.home_personality(i),
            },
        };
        controllers[i] = Controller::Ai {
            strategy,
            personality,
        };
        Ok(())
    }

    /// The personality the scenario gives `nation` (its default AI's).
    pub fn home_personality(&self, nation: usize) -> usize {
        self.personality_index(&self.scenario.nations[nation].personality)
            .unwrap_or(0)
    }
}

/// The scenario's starting agreements that are in force, as signed before the first turn: an
/// arms cut already made, so a cap holds each party at its starting arms. Agreements that name
/// an unknown move or nation are left out (`validate` refuses them).
fn opening_treaties(scenario: &Scenario) -> Vec<Treaty> {
    let nation = |id: &str| scenario.nations.iter().position(|n| n.id == id);
    scenario
        .agreements
        .iter()
        .filter(|a| a.in_force)
        .filter_map(|a| {
            let move_index = scenario.move_index(&a.id)?;
            let terms = scenario.moves[move_index].proposes.as_ref()?;
            let parties = [nation(&a.parties[0])?, nation(&a.parties[1])?];
            let caps = terms
                .arms_cut
                .map(|_| parties.map(|p| scenario.nations[p].arms));
            Some(Treaty {
                move_index,
                parties,
                caps,
                signed: 0,
            })
        })
        .collect()
}

/// Rules of a shipped scenario, for unit tests.
#[cfg(test)]
pub(crate) fn shipped(name: &str) -> Rules {
    match crate::sim::scenario::catalog::open(name) {
        Ok(loaded) => Rules::new(loaded.scenario),
        Err(e) => panic!("{e}"),
    }
}

//! A recording played again (`journal::Recording`): from its seed, turn by turn, each turn's
//! recorded commands written into the orders and checked by the session's own checks, so that a
//! replay refuses what the live match refused. Saves are verified by it, rollbacks fork from it,
//! and the desktop's replay viewer steps through it.

use crate::sim::archive::history::{History, TurnRecord, record_turn_of};
use crate::sim::archive::journal::{Recording, TurnCommands, changed, hand_over};
use crate::sim::archive::narrate;
use crate::sim::archive::snapshot::MatchState;
use crate::sim::play::command::{Refusal, check_end_turn_of};
use crate::sim::play::log::TurnLog;
use crate::sim::play::rules::{Rules, minutes_to_midnight, regime_of, risk_of};
use crate::sim::play::run::{Plan, new_match, sim_world};
use crate::sim::play::state::{
    Clock, Controller, Diplomacy, ExchangeRisk, Nations, Orders, RegimeHistory, Relations,
    SharedThreats,
};
use crate::sim::play::turn::Turn;
use bevy::prelude::*;

/// A recording played again up to some turn: the rules then in force and the match's state.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    pub rules: Rules,
    pub state: MatchState,
    /// The position before the first turn, as a record (for charts that start at turn 0).
    pub opening: TurnRecord,
}

/// Why a recording could not be played.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplayError {
    /// The turn whose commands failed, when it was one.
    pub turn: Option<u32>,
    pub message: String,
    /// The rules' refusal, when a command was refused (as the live match refuses it).
    pub refusal: Option<Refusal>,
}

impl ReplayError {
    pub(crate) fn refused(rules: &Rules, refusal: Refusal, turn: Option<u32>) -> ReplayError {
        ReplayError {
            turn,
            message: narrate::refusal(&rules.scenario, &refusal),
            refusal: Some(refusal),
        }
    }
}

impl std::fmt::Display for ReplayError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.turn {
            Some(t) => write!(f, "turn {t}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Plays the first `turns` turns of a recording again from its seed. With `pending`, the
/// commands of the next, unresolved turn are written into the orders as well (without playing
/// it), so the state is the one a save took mid-turn.
pub fn rebuild(
    recording: &Recording,
    turns: usize,
    pending: Option<&TurnCommands>,
) -> Result<Rebuilt, ReplayError> {
    let at = |turn: Option<u32>| {
        move |message: String| ReplayError {
            turn,
            message,
            refusal: None,
        }
    };
    let turns = turns.min(recording.turns.len());
    let rules = Rules::new(recording.scenario.clone());
    if recording.seats.len() != rules.nation_count() {
        return Err(ReplayError {
            turn: None,
            refusal: None,
            message: format!(
                "{} seats for the {} nations of {}",
                recording.seats.len(),
                rules.nation_count(),
                rules.scenario.id
            ),
        });
    }
    if let Some(bad) = recording.seats.iter().find(|c| {
        matches!(c, Controller::Ai { personality, .. } if *personality >= rules.personalities.len())
    }) {
        return Err(ReplayError {
            turn: None,
            refusal: None,
            message: format!(
                "a seat has a personality the scenario does not have ({bad:?}); it has {}",
                rules.personalities.len()
            ),
        });
    }
    let plan = Plan {
        controllers: recording.seats.clone(),
        turns: recording.length,
        record: true,
        trajectories: 0,
        openings: Vec::new(),
    };
    let bundle = new_match(&rules, &plan, 0, recording.seed);
    let mut world = sim_world(rules);
    let world = &mut world;
    let entity = world.spawn((bundle, History::default())).id();
    let opening = opening_record(world, entity).ok_or_else(|| at(None)("no match".into()))?;
    for (k, commands) in recording.turns[..turns].iter().enumerate() {
        let turn = k as u32 + 1;
        let fail = at(Some(turn));
        if commands.turn != turn {
            return Err(fail(format!(
                "the commands are marked turn {}; expected turn {turn}",
                commands.turn
            )));
        }
        if world.get::<Clock>(entity).is_some_and(Clock::finished) {
            let rules = world.resource::<Rules>();
            return Err(ReplayError::refused(rules, Refusal::MatchOver, Some(turn)));
        }
        if !commands.params.is_empty() {
            let rules = changed(world.resource::<Rules>(), &commands.params).map_err(&fail)?;
            world.insert_resource(rules);
        }
        world
            .resource_scope(|world, rules: Mut<Rules>| {
                hand_over_all(&rules, world, entity, &commands.seats, turn)?;
                commands.write_orders(&rules, world, entity)
            })
            .map_err(|e| ReplayError {
                turn: Some(turn),
                ..e
            })?;
        let Some(ready) = check_end_turn_of(world, entity, false) else {
            return Err(fail("the match is missing".into()));
        };
        if let Err(refusal) = ready {
            let rules = world.resource::<Rules>();
            return Err(ReplayError::refused(rules, refusal, Some(turn)));
        }
        world.run_schedule(Turn);
    }
    if let Some(pending) = pending {
        let next = turns as u32 + 1;
        if !recording.pending_params.is_empty() {
            let rules = changed(world.resource::<Rules>(), &recording.pending_params)
                .map_err(at(Some(next)))?;
            world.insert_resource(rules);
        }
        world
            .resource_scope(|world, rules: Mut<Rules>| {
                hand_over_all(&rules, world, entity, &recording.pending_seats, next)?;
                pending.write_orders(&rules, world, entity)
            })
            .map_err(|e| ReplayError {
                turn: Some(next),
                ..e
            })?;
    }
    let state = MatchState::capture(world, entity).ok_or_else(|| at(None)("no match".into()))?;
    let rules = world.resource::<Rules>().clone();
    Ok(Rebuilt {
        rules,
        state,
        opening,
    })
}

/// The match's position before its first turn, as a record: the risk and regime of the starting
/// numbers (the sim first assesses them during turn 1).
pub fn opening_record(world: &World, entity: Entity) -> Option<TurnRecord> {
    let rules = world.get_resource::<Rules>()?;
    let (n, r, d) = (
        world.get::<Nations>(entity)?,
        world.get::<Relations>(entity)?,
        world.get::<Diplomacy>(entity)?,
    );
    let (clock, threats, risk, history) = (
        world.get::<Clock>(entity)?,
        world.get::<SharedThreats>(entity)?,
        world.get::<ExchangeRisk>(entity)?,
        world.get::<RegimeHistory>(entity)?,
    );
    let (orders, log) = (&Orders::default(), &TurnLog::default());
    let mut start = record_turn_of(rules, orders, log, n, r, d, clock, threats, risk, history);
    start.risk = risk_of(rules, n, r, d);
    start.minutes_to_midnight = minutes_to_midnight(rules, start.risk);
    start.regime = regime_of(rules, n, r, d, clock, threats, risk, history);
    Some(start)
}

/// The recorded hand-overs of `turn` (`(nation id, controller)`, in order), carried out.
fn hand_over_all(
    rules: &Rules,
    world: &mut World,
    entity: Entity,
    changes: &[(String, Controller)],
    turn: u32,
) -> Result<(), ReplayError> {
    for (id, controller) in changes {
        let nation = rules.nation_index(id).ok_or_else(|| ReplayError {
            turn: Some(turn),
            message: format!(
                "a seat handed over to a nation {id:?} that {} does not have",
                rules.scenario.id
            ),
            refusal: None,
        })?;
        hand_over(rules, world, entity, nation, *controller)
            .map_err(|r| ReplayError::refused(rules, r, Some(turn)))?;
    }
    Ok(())
}

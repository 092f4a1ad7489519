//! One match played by people: commands in (`ChooseMove`, `AnswerProposal`, `EndTurn`, and the
//! facilitator's `Facilitate`), facts out (`TurnResolved`, `OrderRefused`, `MatchEnded`,
//! `Facilitated`). The desktop and hotseat talk to the rules only through these messages; they
//! never write sim state. Every command that changes the match is kept in its `Recording`, so a
//! session can be saved, replayed and rolled back.

mod facilitate;
mod setup;

pub use facilitate::{Facilitate, Facilitated, MatchPaused};
pub use setup::{MatchSetup, fresh_seed};

use crate::sim::archive::history::{History, TurnRecord};
use crate::sim::archive::journal::{Recording, TurnCommands};
use crate::sim::archive::snapshot::MatchState;
use crate::sim::play::command::{
    PositionQuery, Refusal, check_answer, check_end_turn_of, check_move,
};
use crate::sim::play::rules::{Rules, computer_move};
use crate::sim::play::run::{Plan, new_match};
use crate::sim::play::state::{
    Clock, Controller, Diplomacy, Nations, Orders, Regime, Relations, Seats, SharedThreats,
};
use crate::sim::play::strategy::{Memory, Strategy};
use crate::sim::play::turn::Turn;
use crate::sim::scenario::MoveIndex;
use bevy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// The match this app is playing.
#[derive(Resource, Debug, Clone, Copy)]
pub struct ActiveMatch(pub Entity);

/// A human seat picks its move for this turn (it may change its mind until the turn ends).
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct ChooseMove {
    pub nation: usize,
    pub move_index: MoveIndex,
}

/// A human seat answers a pending proposal (by its index among the pending ones).
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct AnswerProposal {
    pub nation: usize,
    pub proposal: usize,
    pub accept: bool,
}

/// Resolve the turn once every human seat has chosen.
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct EndTurn;

/// A command the rules would not take, and why (`narrate::refusal` gives the words).
#[derive(Message, Debug, Clone, PartialEq)]
pub struct OrderRefused(pub Refusal);

/// A turn was resolved: its record, as every seat's UI may show it.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct TurnResolved(pub TurnRecord);

/// The match is over.
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct MatchEnded(pub Regime);

/// The session's systems, in `Update`: a front end orders its own systems around them.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionSystems;

/// Commands in, facts out, for the match in `ActiveMatch`. Needs `SimPlugin` and `Rules`.
pub struct SessionPlugin;

impl Plugin for SessionPlugin {
    fn build(&self, app: &mut App) {
        app.add_message::<ChooseMove>()
            .add_message::<AnswerProposal>()
            .add_message::<EndTurn>()
            .add_message::<OrderRefused>()
            .add_message::<TurnResolved>()
            .add_message::<MatchEnded>()
            .add_message::<Facilitate>()
            .add_message::<Facilitated>()
            .init_resource::<MatchPaused>()
            .add_systems(
                Update,
                (facilitate::facilitate, take_orders, resolve_turn)
                    .chain()
                    .in_set(SessionSystems)
                    .run_if(resource_exists::<Rules>),
            );
    }
}

/// Spawns a recorded match and makes it the active one.
pub fn start_match(world: &mut World, controllers: Vec<Controller>, seed: u64) -> Entity {
    let (bundle, recording) = {
        let rules = world.resource::<Rules>();
        let plan = Plan {
            turns: rules.scenario.turns,
            controllers: controllers.clone(),
            record: true,
            trajectories: 0,
            openings: Vec::new(),
        };
        let recording = Recording::new(rules.scenario.clone(), seed, plan.turns, controllers);
        (new_match(rules, &plan, 0, seed), recording)
    };
    let entity = world.spawn((bundle, History::default(), recording)).id();
    world.insert_resource(ActiveMatch(entity));
    world.insert_resource(MatchPaused(false));
    entity
}

/// Puts a saved (or rebuilt) match in play: its rules, its state and its recording.
pub fn resume_match(
    world: &mut World,
    rules: Rules,
    state: MatchState,
    recording: Recording,
) -> Entity {
    world.insert_resource(rules);
    let entity = world.spawn((state.into_bundle(), recording)).id();
    world.insert_resource(ActiveMatch(entity));
    world.insert_resource(MatchPaused(false));
    entity
}

/// The active match as a save holds it: its recording, with the unresolved turn's commands,
/// and its state.
pub fn snapshot(world: &World) -> Option<(Recording, TurnCommands, MatchState)> {
    let ActiveMatch(entity) = *world.get_resource::<ActiveMatch>()?;
    let rules = world.get_resource::<Rules>()?;
    let recording = world.get::<Recording>(entity)?.clone();
    let state = MatchState::capture(world, entity)?;
    let mut pending =
        TurnCommands::from_orders(rules, &state.seats, &state.orders, state.globals.turn + 1);
    pending.params = recording.pending_params.clone();
    pending.seats = recording.pending_seats.clone();
    Some((recording, pending, state))
}

/// The move the scenario's own AI for `nation` would play now: what the advisor suggests to a
/// person, and what the attract mode plays. It reads the match and leaves it untouched (its
/// random draws come from a stream of their own, so asking changes nothing in the game).
pub fn advise(world: &World, entity: Entity, nation: usize) -> Option<MoveIndex> {
    let rules = world.get_resource::<Rules>()?;
    let seats = world.get::<Seats>(entity)?;
    let nations = world.get::<Nations>(entity)?;
    let relations = world.get::<Relations>(entity)?;
    let diplomacy = world.get::<Diplomacy>(entity)?;
    let clock = world.get::<Clock>(entity)?;
    let threats = world.get::<SharedThreats>(entity)?;
    let seat = seats.0.get(nation)?;
    let spec = &rules.scenario.nations[nation];
    let strategy = Strategy::from_name(&spec.strategy).unwrap_or(Strategy::TitForTat);
    let personality = rules.personality_index(&spec.personality).unwrap_or(0);
    let mut rng = ChaCha8Rng::seed_from_u64(u64::from(clock.turn) << 8 | nation as u64);
    let memory = Memory {
        length: rules.known_length(clock),
        ..Memory::new(&seat.mine, &seat.theirs)
    };
    let at = (nations, relations, diplomacy, threats);
    let (_, pick, _) = computer_move(
        rules,
        nation,
        (strategy, personality),
        (memory, &seat.tests),
        at,
        0.0,
        &mut rng,
    );
    Some(pick)
}

/// Checks each person's command (`command::check_move`, `check_answer`) and writes it into the
/// match's orders.
fn take_orders(
    rules: Res<Rules>,
    active: Option<Res<ActiveMatch>>,
    mut moves: MessageReader<ChooseMove>,
    mut answers: MessageReader<AnswerProposal>,
    mut refused: MessageWriter<OrderRefused>,
    mut games: Query<(PositionQuery, &mut Orders)>,
) {
    let Some(active) = active else { return };
    let Ok((parts, mut orders)) = games.get_mut(active.0) else {
        return;
    };
    let at = parts.position();
    orders.moves.resize(at.seats.0.len(), None);
    for &ChooseMove { nation, move_index } in moves.read() {
        match check_move(&rules, at, nation, move_index) {
            Ok(()) => orders.moves[nation] = Some(move_index),
            Err(refusal) => {
                refused.write(OrderRefused(refusal));
            }
        }
    }
    for &AnswerProposal {
        nation,
        proposal,
        accept,
    } in answers.read()
    {
        match check_answer(at, nation, proposal) {
            Ok(()) => {
                orders
                    .answers
                    .retain(|&(p, by, _)| !(p == proposal && by == nation));
                orders.answers.push((proposal, nation, accept));
            }
            Err(refusal) => {
                refused.write(OrderRefused(refusal));
            }
        }
    }
}

/// On `EndTurn`, runs the turn schedule if the turn may end (`command::check_end_turn`), and
/// reports it.
fn resolve_turn(world: &mut World) {
    let ended = world.resource_mut::<Messages<EndTurn>>().drain().count() > 0;
    let Some(ActiveMatch(entity)) = world.get_resource::<ActiveMatch>().copied() else {
        return;
    };
    if !ended {
        return;
    }
    let paused = world.resource::<MatchPaused>().0;
    let Some(check) = check_end_turn_of(world, entity, paused) else {
        return;
    };
    if let Err(refusal) = check {
        world.write_message(OrderRefused(refusal));
        return;
    }
    record_commands(world, entity);
    world.run_schedule(Turn);
    let record = world
        .get::<History>(entity)
        .and_then(|h| h.0.last().cloned());
    if let Some(record) = record {
        world.write_message(TurnResolved(record));
    }
    if let Some(outcome) = world.get::<Clock>(entity).and_then(|c| c.outcome) {
        world.write_message(MatchEnded(outcome));
    }
}

/// Keeps this turn's commands in the match's recording, before the turn is resolved.
fn record_commands(world: &mut World, entity: Entity) {
    let commands = {
        let (Some(rules), Some(seats), Some(orders), Some(clock)) = (
            world.get_resource::<Rules>(),
            world.get::<Seats>(entity),
            world.get::<Orders>(entity),
            world.get::<Clock>(entity),
        ) else {
            return;
        };
        TurnCommands::from_orders(rules, seats, orders, clock.turn + 1)
    };
    if let Some(mut recording) = world.get_mut::<Recording>(entity) {
        let params = std::mem::take(&mut recording.pending_params);
        let seats = std::mem::take(&mut recording.pending_seats);
        recording.turns.push(TurnCommands {
            params,
            seats,
            ..commands
        });
    }
}

#[cfg(test)]
mod tests;

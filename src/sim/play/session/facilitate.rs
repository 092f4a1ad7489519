//! The facilitator's commands to the match in play: pause, force an event, change a parameter,
//! hand a seat to the computer or back to a person, roll back. Each is carried out on the active match and kept in its recording (a rollback
//! truncates it), so saves and replays repeat them.

use super::{ActiveMatch, OrderRefused};
use crate::sim::Rules;
use crate::sim::archive::journal::{Recording, changed, hand_over};
use crate::sim::archive::rebuild::rebuild;
use crate::sim::play::command::Refusal;
use crate::sim::play::state::{Clock, Controller, Orders};
use crate::sim::scenario::EventIndex;
use bevy::prelude::*;

/// What a facilitator (the teacher) may do to the match in play.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub enum Facilitate {
    /// Stop (or restart) the match: no turn ends while it is paused (seats may still choose).
    Pause(bool),
    /// Force one of the scenario's events into the next turn (or take it out again).
    Inject { event: EventIndex, on: bool },
    /// Change a scenario parameter (`params.KEY=VALUE`) for the rest of the match.
    SetParam(String),
    /// From this turn on, `nation`'s seat is played by `controller`: the computer (a strategy
    /// and a personality, by index) takes it, or a person is given it back.
    HandOver {
        nation: usize,
        controller: Controller,
    },
    /// Go back to the end of `turn` (0 is the start) and play on from there: a fork.
    RollBack(u32),
}

/// A facilitator's command was carried out.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub enum Facilitated {
    Paused(bool),
    /// The event will fire next turn (`on`), or no longer will.
    Injected {
        event: EventIndex,
        on: bool,
    },
    ParamChanged(String),
    /// The seat is played by `controller` from this turn on.
    HandedOver {
        nation: usize,
        controller: Controller,
    },
    /// The match is now as it was at the end of this turn; the records after it are gone.
    RolledBack(u32),
}

/// Set while the facilitator has paused the match.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MatchPaused(pub bool);

/// Carries out the facilitator's commands, reporting each as done or refused.
pub(super) fn facilitate(world: &mut World) {
    let commands: Vec<Facilitate> = world
        .resource_mut::<Messages<Facilitate>>()
        .drain()
        .collect();
    let Some(ActiveMatch(entity)) = world.get_resource::<ActiveMatch>().copied() else {
        return;
    };
    for command in commands {
        match apply_facilitation(world, entity, &command) {
            Ok(done) => {
                world.write_message(done);
            }
            Err(refusal) => {
                world.write_message(OrderRefused(refusal));
            }
        }
    }
}

fn apply_facilitation(
    world: &mut World,
    entity: Entity,
    command: &Facilitate,
) -> Result<Facilitated, Refusal> {
    match command {
        Facilitate::Pause(on) => {
            world.insert_resource(MatchPaused(*on));
            Ok(Facilitated::Paused(*on))
        }
        Facilitate::Inject { event, on } => {
            if world
                .resource::<Rules>()
                .scenario
                .get_event(*event)
                .is_none()
            {
                return Err(Refusal::NoSuchEvent { event: *event });
            }
            if world.get::<Clock>(entity).is_none_or(Clock::finished) {
                return Err(Refusal::MatchOver);
            }
            let mut orders = world.get_mut::<Orders>(entity).ok_or(Refusal::MatchOver)?;
            orders.injected.retain(|e| e != event);
            if *on {
                orders.injected.push(*event);
                orders.injected.sort_unstable();
            }
            Ok(Facilitated::Injected {
                event: *event,
                on: *on,
            })
        }
        Facilitate::SetParam(set) => {
            if world.get::<Clock>(entity).is_none_or(Clock::finished) {
                return Err(Refusal::MatchOver);
            }
            let rules = changed(world.resource::<Rules>(), std::slice::from_ref(set))
                .map_err(|why| Refusal::BadParameter { why })?;
            world.insert_resource(rules);
            let mut recording = world
                .get_mut::<Recording>(entity)
                .ok_or(Refusal::MatchOver)?;
            recording.pending_params.push(set.clone());
            Ok(Facilitated::ParamChanged(set.clone()))
        }
        Facilitate::HandOver { nation, controller } => {
            if world.get::<Clock>(entity).is_none_or(Clock::finished) {
                return Err(Refusal::MatchOver);
            }
            let id = world
                .resource::<Rules>()
                .scenario
                .nations
                .get(*nation)
                .map(|n| n.id.clone())
                .ok_or(Refusal::NoSuchNation { nation: *nation })?;
            world.resource_scope(|world, rules: Mut<Rules>| {
                hand_over(&rules, world, entity, *nation, *controller)
            })?;
            let mut recording = world
                .get_mut::<Recording>(entity)
                .ok_or(Refusal::MatchOver)?;
            recording.pending_seats.retain(|(n, _)| n != &id);
            recording.pending_seats.push((id, *controller));
            Ok(Facilitated::HandedOver {
                nation: *nation,
                controller: *controller,
            })
        }
        Facilitate::RollBack(turn) => {
            let recording = world
                .get::<Recording>(entity)
                .ok_or(Refusal::MatchOver)?
                .clone();
            if *turn as usize > recording.turns.len() {
                return Err(Refusal::NoSuchTurn {
                    turn: *turn,
                    played: recording.turns.len() as u32,
                });
            }
            let rebuilt = rebuild(&recording, *turn as usize, None)
                .map_err(|e| Refusal::CannotRebuild { why: e.to_string() })?;
            let mut forked = recording;
            forked.turns.truncate(*turn as usize);
            forked.pending_params.clear();
            forked.pending_seats.clear();
            world.insert_resource(rebuilt.rules);
            world
                .entity_mut(entity)
                .insert((rebuilt.state.into_bundle(), forked));
            Ok(Facilitated::RolledBack(*turn))
        }
    }
}

//! The one check of a command against the rules. The live session, a replay and a loaded save
//! all call these functions, so a command refused in one is refused in the others, for the same
//! `Refusal`; and the rule that a turn ends only once every person has chosen is `waiting_for`.

use crate::sim::play::rules::{Rules, available_moves};
use crate::sim::play::state::{
    Clock, Controller, Diplomacy, Nations, Orders, Relations, Seats, SharedThreats,
};
use crate::sim::scenario::{EventIndex, MoveIndex};
use bevy::ecs::query::QueryData;
use bevy::prelude::{Entity, World};
use serde::{Deserialize, Serialize};

/// Why the rules would not take a command. Nations are indices into the scenario's nations and
/// proposals into the match's pending proposals; `narrate::refusal` gives the words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The scenario has no such nation.
    NoSuchNation { nation: usize },
    /// The seat is played by the computer, not by a person.
    NotAPerson { nation: usize },
    /// The scenario has no such move.
    NoSuchMove { move_index: MoveIndex },
    /// The move exists but is not open to this nation now (a crisis move outside a crisis,
    /// a move it cannot afford, a proposal already in force…).
    MoveNotOpen {
        nation: usize,
        move_index: MoveIndex,
    },
    /// No pending proposal has that index.
    NoSuchProposal { nation: usize, proposal: usize },
    /// A nation may not answer a proposal it made.
    OwnProposal { nation: usize, proposal: usize },
    /// The turn cannot end: this seat, played by a person, has not chosen a move.
    NotChosen { nation: usize },
    /// The facilitator has paused the match: no turn ends.
    Paused,
    /// The match has ended.
    MatchOver,
    /// The facilitator named an event the deck does not have.
    NoSuchEvent { event: EventIndex },
    /// The facilitator's parameter change was not accepted (the reason from `overrides`).
    BadParameter { why: String },
    /// The facilitator asked to go back to a turn not played.
    NoSuchTurn { turn: u32, played: u32 },
    /// A rollback's replay failed.
    CannotRebuild { why: String },
    /// The facilitator gave a seat to the computer with a personality the scenario does not
    /// have (an index into its personalities).
    NoSuchPersonality { personality: usize },
}

impl Refusal {
    /// The seat the refusal is about, when it is about one.
    pub fn nation(&self) -> Option<usize> {
        match *self {
            Refusal::NoSuchNation { nation }
            | Refusal::NotAPerson { nation }
            | Refusal::MoveNotOpen { nation, .. }
            | Refusal::NoSuchProposal { nation, .. }
            | Refusal::OwnProposal { nation, .. }
            | Refusal::NotChosen { nation } => Some(nation),
            _ => None,
        }
    }
}

/// The parts of a match a command is checked against.
#[derive(Clone, Copy)]
pub struct Position<'a> {
    pub seats: &'a Seats,
    pub nations: &'a Nations,
    pub relations: &'a Relations,
    pub diplomacy: &'a Diplomacy,
    pub clock: &'a Clock,
    pub threats: &'a SharedThreats,
}

/// A match's parts as a query fetches them, for systems: `.position()` gives the `Position`.
#[derive(QueryData)]
pub struct PositionQuery {
    seats: &'static Seats,
    nations: &'static Nations,
    relations: &'static Relations,
    diplomacy: &'static Diplomacy,
    clock: &'static Clock,
    threats: &'static SharedThreats,
}

impl PositionQueryItem<'_, '_> {
    pub fn position(&self) -> Position<'_> {
        Position {
            seats: self.seats,
            nations: self.nations,
            relations: self.relations,
            diplomacy: self.diplomacy,
            clock: self.clock,
            threats: self.threats,
        }
    }
}

impl<'a> Position<'a> {
    /// The position of the match `entity` in `world`; `None` if it is not a match.
    pub fn of(world: &'a World, entity: Entity) -> Option<Position<'a>> {
        Some(Position {
            seats: world.get::<Seats>(entity)?,
            nations: world.get::<Nations>(entity)?,
            relations: world.get::<Relations>(entity)?,
            diplomacy: world.get::<Diplomacy>(entity)?,
            clock: world.get::<Clock>(entity)?,
            threats: world.get::<SharedThreats>(entity)?,
        })
    }

    /// The moves open to `nation` now (`rules::available_moves`).
    pub fn open_moves(&self, rules: &Rules, nation: usize) -> Vec<MoveIndex> {
        available_moves(
            rules,
            nation,
            self.nations,
            self.relations,
            self.diplomacy,
            self.threats,
        )
    }

    /// Whether `nation` is a seat played by a person.
    fn person(&self, nation: usize) -> Result<(), Refusal> {
        match self.seats.0.get(nation) {
            None => Err(Refusal::NoSuchNation { nation }),
            Some(s) if s.controller != Controller::Human => Err(Refusal::NotAPerson { nation }),
            Some(_) => Ok(()),
        }
    }
}

/// Checks that a person's seat may play `move_index` this turn.
pub fn check_move(
    rules: &Rules,
    at: Position,
    nation: usize,
    move_index: MoveIndex,
) -> Result<(), Refusal> {
    at.person(nation)?;
    if at.clock.finished() {
        return Err(Refusal::MatchOver);
    }
    if rules.scenario.get_move(move_index).is_none() {
        return Err(Refusal::NoSuchMove { move_index });
    }
    if !at.open_moves(rules, nation).contains(&move_index) {
        return Err(Refusal::MoveNotOpen { nation, move_index });
    }
    Ok(())
}

/// Checks that a person's seat may answer the pending proposal at `proposal` (its position in
/// the match's list of pending proposals).
pub fn check_answer(at: Position, nation: usize, proposal: usize) -> Result<(), Refusal> {
    at.person(nation)?;
    if at.clock.finished() {
        return Err(Refusal::MatchOver);
    }
    match at.diplomacy.proposals.get(proposal) {
        None => Err(Refusal::NoSuchProposal { nation, proposal }),
        Some(p) if p.from == nation => Err(Refusal::OwnProposal { nation, proposal }),
        Some(_) => Ok(()),
    }
}

/// The seats played by people that have not chosen a move this turn, in seat order.
pub fn waiting_for(seats: &Seats, orders: &Orders) -> Vec<usize> {
    (0..seats.0.len())
        .filter(|&i| {
            seats.0[i].controller == Controller::Human
                && orders.moves.get(i).copied().flatten().is_none()
        })
        .collect()
}

/// `check_end_turn` for the match `entity` in `world`; `None` if it is not a match.
pub fn check_end_turn_of(
    world: &World,
    entity: Entity,
    paused: bool,
) -> Option<Result<(), Refusal>> {
    let seats = world.get::<Seats>(entity)?;
    let orders = world.get::<Orders>(entity)?;
    let clock = world.get::<Clock>(entity)?;
    Some(check_end_turn(seats, orders, clock, paused))
}

/// Checks that the turn may be resolved: the match is on, not paused, and every person has
/// chosen.
pub fn check_end_turn(
    seats: &Seats,
    orders: &Orders,
    clock: &Clock,
    paused: bool,
) -> Result<(), Refusal> {
    if clock.finished() {
        return Err(Refusal::MatchOver);
    }
    if paused {
        return Err(Refusal::Paused);
    }
    match waiting_for(seats, orders).first() {
        Some(&nation) => Err(Refusal::NotChosen { nation }),
        None => Ok(()),
    }
}

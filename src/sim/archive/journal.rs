//! A match as a recording: the scenario, seed, seats and each turn's commands, which replay the
//! match exactly. Saves hold a recording and a snapshot (`snapshot::MatchState`), replays check
//! one against the other, and a rollback rebuilds the snapshot of an earlier turn from the
//! recording (`rebuild.rs`).

use crate::sim::archive::rebuild::ReplayError;
use crate::sim::play::command::{Position, Refusal, check_answer, check_move};
use crate::sim::play::rules::Rules;
use crate::sim::play::state::{Controller, Orders, Seats};
use crate::sim::scenario::Scenario;
use crate::sim::scenario::overrides::apply_overrides;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// Everything needed to play a match again: the scenario as it started, the seed, who held each
/// seat, and what the people at the table (and the facilitator) did each turn. AI seats need no
/// entry: their moves follow from the seed.
#[derive(Component, Debug, Clone, Serialize, Deserialize)]
pub struct Recording {
    pub scenario: Scenario,
    pub seed: u64,
    /// The turn count the match stops at.
    pub length: u32,
    pub seats: Vec<Controller>,
    /// One entry per resolved turn, in order.
    pub turns: Vec<TurnCommands>,
    /// Parameter changes made during the turn not yet resolved (`KEY=VALUE`).
    #[serde(default)]
    pub pending_params: Vec<String>,
    /// The `--set KEY=VALUE` changes the match was started with. They are applied already in
    /// `scenario`; kept to say how the match was made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set: Vec<String>,
    /// Seats the facilitator handed to another controller during the turn not yet resolved:
    /// (nation id, who plays it from now on).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending_seats: Vec<(String, Controller)>,
}

/// The commands of one turn, by id so that a recording reads as text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TurnCommands {
    /// 1-based.
    pub turn: u32,
    /// Scenario parameters the facilitator changed before the turn was resolved (`KEY=VALUE`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<String>,
    /// Seats the facilitator handed to another controller before the turn was resolved (the
    /// computer taking a seat, or giving it back to a person): (nation id, who plays it from
    /// this turn on). Applied before the turn's moves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seats: Vec<(String, Controller)>,
    /// Events of the deck the facilitator forced into the turn, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inject: Vec<String>,
    /// The moves of the seats played by people: (nation id, move id).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moves: Vec<(String, String)>,
    /// Their answers to pending proposals: (nation id, proposal index, accepted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<(String, usize, bool)>,
}

impl Recording {
    pub fn new(scenario: Scenario, seed: u64, length: u32, seats: Vec<Controller>) -> Recording {
        Recording {
            scenario,
            seed,
            length,
            seats,
            turns: Vec::new(),
            pending_params: Vec::new(),
            set: Vec::new(),
            pending_seats: Vec::new(),
        }
    }

    /// Whether a seat is, or was at some turn, played by a person (so the match can be played
    /// on, not only watched, and its seats' secrets are guarded).
    pub fn has_people(&self) -> bool {
        !self.people().is_empty()
    }

    /// The seats (by nation index) played by a person at some point of the match: at its start
    /// or after a hand-over. Ascending.
    pub fn people(&self) -> Vec<usize> {
        let handed = self
            .turns
            .iter()
            .flat_map(|t| &t.seats)
            .chain(&self.pending_seats)
            .filter(|(_, c)| *c == Controller::Human)
            .filter_map(|(id, _)| self.scenario.nations.iter().position(|n| &n.id == id));
        let mut people: Vec<usize> = (0..self.seats.len())
            .filter(|&i| self.seats[i] == Controller::Human)
            .chain(handed)
            .collect();
        people.sort_unstable();
        people.dedup();
        people
    }
}

/// Hands `nation`'s seat to `controller`, checked: the nation must exist and an AI's
/// personality be one of the scenario's. A seat handed to the computer loses any move and
/// answers a person gave it this turn: its strategy decides them.
pub fn hand_over(
    rules: &Rules,
    world: &mut World,
    entity: Entity,
    nation: usize,
    controller: Controller,
) -> Result<(), Refusal> {
    if let Controller::Ai { personality, .. } = controller
        && personality >= rules.personalities.len()
    {
        return Err(Refusal::NoSuchPersonality { personality });
    }
    let mut seats = world.get_mut::<Seats>(entity).ok_or(Refusal::MatchOver)?;
    let seat = seats
        .0
        .get_mut(nation)
        .ok_or(Refusal::NoSuchNation { nation })?;
    seat.controller = controller;
    // A new player's government, not the one an election replaced.
    seat.home = None;
    if controller != Controller::Human
        && let Some(mut orders) = world.get_mut::<Orders>(entity)
    {
        if let Some(m) = orders.moves.get_mut(nation) {
            *m = None;
        }
        orders.answers.retain(|&(_, by, _)| by != nation);
    }
    Ok(())
}

/// The rules after changes to the model's parameters (`params.KEY=VALUE`), applied one by one
/// and each checked: what a facilitator may do during a match, and what a replay repeats.
pub fn changed(rules: &Rules, sets: &[String]) -> Result<Rules, String> {
    let mut scenario = rules.scenario.clone();
    for set in sets {
        if !set.trim_start().starts_with("params.") {
            return Err(format!(
                "{set}: only the model's parameters (params.KEY=VALUE) change during a match"
            ));
        }
        scenario =
            apply_overrides(&scenario, std::slice::from_ref(set)).map_err(|e| e.to_string())?;
    }
    Ok(Rules::new(scenario))
}

impl TurnCommands {
    /// What people and the facilitator ordered for the coming turn, from the match's orders.
    pub fn from_orders(rules: &Rules, seats: &Seats, orders: &Orders, turn: u32) -> TurnCommands {
        let sc = &rules.scenario;
        TurnCommands {
            turn,
            params: Vec::new(),
            seats: Vec::new(),
            inject: orders
                .injected
                .iter()
                .map(|&c| sc.events[c].id.clone())
                .collect(),
            moves: orders
                .moves
                .iter()
                .enumerate()
                .filter(|&(i, _)| seats.0.get(i).map(|s| s.controller) == Some(Controller::Human))
                .filter_map(|(i, m)| Some((sc.nations[i].id.clone(), sc.moves[(*m)?].id.clone())))
                .collect(),
            answers: orders
                .answers
                .iter()
                .map(|&(p, by, accepted)| (sc.nations[by].id.clone(), p, accepted))
                .collect(),
        }
    }

    /// Writes these commands into a match's orders, checking each with the session's own
    /// check (`command::check_move`, `check_answer`), so a replay refuses what the live match
    /// refused, for the same `Refusal`.
    pub fn write_orders(
        &self,
        rules: &Rules,
        world: &mut World,
        entity: Entity,
    ) -> Result<(), ReplayError> {
        let sc = &rules.scenario;
        let unknown = |message: String| ReplayError {
            turn: None,
            message,
            refusal: None,
        };
        let nation = |id: &str| {
            rules
                .nation_index(id)
                .ok_or_else(|| unknown(format!("no nation {id:?} in {}", sc.id)))
        };
        let mut moves = Vec::new();
        for (who, id) in &self.moves {
            let i = nation(who)?;
            let m = rules
                .move_index(id)
                .ok_or_else(|| unknown(format!("no move {id:?} in {}", sc.id)))?;
            moves.push((i, m));
        }
        let mut injected = Vec::new();
        for id in &self.inject {
            let event = rules
                .event_index(id)
                .ok_or_else(|| unknown(format!("no event {id:?} in the deck of {}", sc.id)))?;
            injected.push(event);
        }
        let mut answers = Vec::new();
        for (who, proposal, accepted) in &self.answers {
            answers.push((*proposal, nation(who)?, *accepted));
        }
        let Some(at) = Position::of(world, entity) else {
            return Err(unknown("the match is missing".into()));
        };
        let refused = |refusal: Refusal| ReplayError::refused(rules, refusal, None);
        for &(i, m) in &moves {
            check_move(rules, at, i, m).map_err(refused)?;
        }
        for &(p, by, _) in &answers {
            check_answer(at, by, p).map_err(refused)?;
        }
        let n = at.seats.0.len();
        let Some(mut orders) = world.get_mut::<Orders>(entity) else {
            return Err(unknown("the match is missing".into()));
        };
        orders.moves.resize(n, None);
        for (i, m) in moves {
            orders.moves[i] = Some(m);
        }
        orders.answers = answers;
        orders.injected = injected;
        Ok(())
    }
}

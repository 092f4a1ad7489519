//! A match as a recording: the scenario, seed, seats and each turn's commands, which replay the
//! match exactly. Saves hold a recording and a snapshot (`snapshot::MatchState`), replays check
//! one against the other, and a rollback rebuilds the snapshot of an earlier turn from the
//! recording (`rebuild`).

use crate::sim::archive::history::{History, TurnRecord, record_turn_of};
use crate::sim::archive::narrate;
use crate::sim::archive::snapshot::MatchState;
use crate::sim::play::command::{Position, Refusal, check_answer, check_end_turn_of, check_move};
use crate::sim::play::log::TurnLog;
use crate::sim::play::rules::{Rules, minutes_to_midnight, regime_of, risk_of};
use crate::sim::play::run::{Plan, new_match, sim_world};
use crate::sim::play::state::{
    Clock, Controller, Diplomacy, ExchangeRisk, Nations, Orders, RegimeHistory, Relations, Seats,
    SharedThreats,
};
use crate::sim::play::turn::Turn;
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
    fn refused(rules: &Rules, refusal: Refusal, turn: Option<u32>) -> ReplayError {
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
    start.regime = regime_of(rules, n, r, clock, threats, risk, history);
    Some(start)
}

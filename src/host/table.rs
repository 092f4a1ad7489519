//! One match of a class: its headless app running the session as the desktop does, the
//! messages its seats were last sent, and which teams pressed End turn this turn.

use crate::host::access::ClassCode;
use crate::host::protocol::ServerMessage;
use crate::host::roster::{Roster, SeatSpec, TableSpec};
use crate::sim::Rules;
use crate::sim::archive::history::{History, TurnRecord};
use crate::sim::play::command::Refusal;
use crate::sim::play::session::{ActiveMatch, EndTurn, OrderRefused};
use crate::sim::play::state::{Clock, Controller, Orders, Seats};
use bevy::prelude::*;
use std::collections::HashMap;

/// One match of the class.
pub(super) struct Table {
    pub(super) app: App,
    pub(super) seed: u64,
    /// The position before the first turn, as a record (the first of every seat's history).
    pub(super) opening: TurnRecord,
    /// The message each seat was last sent.
    pub(super) sent: HashMap<usize, ServerMessage>,
    /// The turn each nation's team last pressed End turn in: the turn resolves once every
    /// team has, this turn.
    pub(super) ready: Vec<Option<u32>>,
    /// The last turn (1-based) in which the turn timer chose a nation's move for its team.
    pub(super) timed_out: Vec<Option<u32>>,
}

impl Table {
    pub(super) fn new(app: App, seed: u64, opening: TurnRecord, nations: usize) -> Table {
        Table {
            app,
            seed,
            opening,
            sent: HashMap::new(),
            ready: vec![None; nations],
            timed_out: vec![None; nations],
        }
    }

    /// Every record of the match, the opening position first.
    pub(super) fn records(&self) -> Vec<TurnRecord> {
        let world = self.app.world();
        let mut records = vec![self.opening.clone()];
        if let Some(history) = world
            .get_resource::<ActiveMatch>()
            .and_then(|m| world.get::<History>(m.0))
        {
            records.extend(history.0.iter().cloned());
        }
        records
    }

    /// The refusals the session has written since last asked.
    pub(super) fn refusals(&mut self) -> Vec<Refusal> {
        let world = self.app.world_mut();
        let mut messages = world.resource_mut::<Messages<OrderRefused>>();
        messages.drain().map(|OrderRefused(r)| r).collect()
    }

    /// Runs the session on one command (a facilitator's, say): the rules' refusal when it was
    /// refused.
    pub(super) fn carry_out(&mut self, command: impl Message) -> Result<(), Refusal> {
        self.app.world_mut().write_message(command);
        self.app.update();
        match self.refusals().into_iter().next() {
            Some(refusal) => Err(refusal),
            None => Ok(()),
        }
    }

    /// Every seat played by people has pressed End turn this turn (the computer's seats never
    /// need to).
    pub(super) fn all_done(&self) -> bool {
        let turn = self
            .app
            .world()
            .get_resource::<ActiveMatch>()
            .and_then(|m| self.app.world().get::<Clock>(m.0).map(|c| c.turn));
        turn.is_some_and(|t| {
            self.people()
                .into_iter()
                .all(|n| self.ready.get(n) == Some(&Some(t)))
        })
    }

    /// Whether `nation`'s seat is played by people now (not handed to the computer).
    pub(super) fn by_people(&self, nation: usize) -> bool {
        self.controller(nation) == Some(Controller::Human)
    }

    /// Who plays `nation`'s seat now.
    pub(super) fn controller(&self, nation: usize) -> Option<Controller> {
        let world = self.app.world();
        let seats = world.get::<Seats>(world.get_resource::<ActiveMatch>()?.0)?;
        seats.0.get(nation).map(|s| s.controller)
    }

    /// The seats played by people now.
    pub(super) fn people(&self) -> Vec<usize> {
        (0..self.ready.len())
            .filter(|&n| self.by_people(n))
            .collect()
    }

    /// `nation`'s team pressed End turn: refused if it has no move or the match is over;
    /// the turn resolves once every team is done. A refusal (a paused match) keeps the teams
    /// done: pressing again, or the teacher restarting the match, tries again.
    pub(super) fn done(&mut self, nation: usize) {
        let world = self.app.world_mut();
        let entity = world.resource::<ActiveMatch>().0;
        let clock = world.get::<Clock>(entity).copied();
        let chosen = world
            .get::<Orders>(entity)
            .is_some_and(|o| o.moves.get(nation).copied().flatten().is_some());
        let person = world
            .get::<Seats>(entity)
            .and_then(|s| s.0.get(nation))
            .is_some_and(|s| s.controller == Controller::Human);
        match clock {
            Some(c) if c.finished() => {
                world.write_message(OrderRefused(Refusal::MatchOver));
            }
            Some(_) if !person => {
                world.write_message(OrderRefused(Refusal::NotAPerson { nation }));
            }
            Some(_) if !chosen => {
                world.write_message(OrderRefused(Refusal::NotChosen { nation }));
            }
            Some(c) => {
                if let Some(r) = self.ready.get_mut(nation) {
                    *r = Some(c.turn);
                }
                if self.all_done() {
                    self.app.world_mut().write_message(EndTurn);
                }
            }
            None => {}
        }
    }
}

/// Every nation's seat of `rules`'s scenario, for a team.
pub(super) fn table_spec(rules: &Rules) -> TableSpec {
    let sc = &rules.scenario;
    TableSpec {
        scenario: sc.id.clone(),
        seats: sc
            .nations
            .iter()
            .map(|n| SeatSpec {
                id: n.id.clone(),
                name: n.name.clone(),
                for_teams: true,
            })
            .collect(),
    }
}

/// The roster of a class of `tables` matches of `rules`'s scenario, before anyone joins.
pub fn new_roster(code: ClassCode, rules: &Rules, tables: usize) -> Roster {
    Roster::new(code, vec![table_spec(rules); tables])
}

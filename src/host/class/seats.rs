//! The teacher's changes to who plays a seat: the computer takes it (with any strategy and
//! personality) or gives it back to people, a team moves to another seat, a team is sent away.
//! A hand-over goes to the match's session as the facilitator's `Facilitate::HandOver`, so it
//! is in the match's recording and its saves replay with it.

use super::{Class, Outbox};
use crate::host::protocol::ComputerPlayer;
use crate::host::roster::SeatRef;
use crate::sim::Rules;
use crate::sim::archive::narrate;
use crate::sim::play::session::{EndTurn, Facilitate};
use crate::sim::play::state::Controller;
use bevy::prelude::*;

/// Who plays a seat, when it is the computer: its strategy and personality by name.
pub fn computer_player(rules: &Rules, controller: Controller) -> Option<ComputerPlayer> {
    match controller {
        Controller::Human => None,
        Controller::Ai {
            strategy,
            personality,
        } => Some(ComputerPlayer {
            strategy: strategy.name().to_string(),
            personality: rules
                .personalities
                .get(personality)
                .map_or_else(String::new, |p| p.name.clone()),
        }),
    }
}

impl Class {
    /// Takes a seat away from its team (the teacher's): its token stops working, and its End
    /// turn no longer counts.
    pub fn release(&mut self, seat: SeatRef) {
        self.roster.release(seat);
        if let Some(r) = self
            .tables
            .get_mut(seat.table)
            .and_then(|t| t.ready.get_mut(seat.nation))
        {
            *r = None;
        }
    }

    /// From this turn on the computer plays `seat` with the strategy and personality named
    /// (`tit_for_tat`, `realist`). Errors, in words, on an unknown match, nation, strategy or
    /// personality, or a match that is over.
    pub fn computer(
        &mut self,
        seat: SeatRef,
        strategy: &str,
        personality: &str,
    ) -> Result<Outbox, String> {
        let id = self.nation_id(seat)?;
        let mut controllers = self.rules.default_controllers();
        self.rules
            .assign_ai(&mut controllers, &format!("{id}={strategy}:{personality}"))
            .map_err(|e| e.message)?;
        self.hand_over(seat, controllers[seat.nation])
    }

    /// From this turn on `seat` is played by `controller`. A team that holds the seat stays
    /// seated: it watches while the computer plays, and plays again once it is given back.
    /// When the computer takes the last seat whose team was not done, the turn resolves.
    pub fn hand_over(&mut self, seat: SeatRef, controller: Controller) -> Result<Outbox, String> {
        self.nation_id(seat)?;
        let t = &mut self.tables[seat.table];
        if controller == Controller::Human && t.by_people(seat.nation) {
            return Err("people play that seat already".into());
        }
        t.carry_out(Facilitate::HandOver {
            nation: seat.nation,
            controller,
        })
        .map_err(|refusal| narrate::refusal(&self.rules.scenario, &refusal))?;
        if let Some(r) = t.ready.get_mut(seat.nation) {
            *r = None;
        }
        if controller != Controller::Human && !t.people().is_empty() && t.all_done() {
            t.app.world_mut().write_message(EndTurn);
        }
        Ok(self.settle(seat))
    }

    /// Moves the team holding `from` (its pages, token and team code) to `to`, which no team
    /// holds; people play `to` from then on, and `from` is open. The team's brief and view of
    /// its new seat come first in the outbox. Errors, in words, when no team holds `from`, or
    /// `to` is not an open seat of a match still in play.
    pub fn move_team(&mut self, from: SeatRef, to: SeatRef) -> Result<Outbox, String> {
        self.nation_id(from)?;
        self.nation_id(to)?;
        if from == to {
            return Err("the team is in that seat already".into());
        }
        if self.tables[to.table].controller(to.nation).is_none() {
            return Err("that match is not in play".into());
        }
        self.roster.move_team(from, to)?;
        for s in [from, to] {
            self.tables[s.table].ready[s.nation] = None;
        }
        let mut out = Vec::new();
        if !self.tables[to.table].by_people(to.nation) {
            out.extend(self.hand_over(to, Controller::Human)?);
        }
        out.splice(0..0, self.seated(to));
        out.extend(self.settle(from));
        Ok(out)
    }

    /// Match `table`'s seat of the nation with id `nation` (as the roster names seats), or why
    /// there is none, in the roster's numbering (matches from 1).
    pub fn seat_named(&self, table: usize, nation: &str) -> Result<SeatRef, String> {
        let n = self
            .rules
            .nation_index(nation)
            .ok_or_else(|| format!("there is no nation {nation:?}"))?;
        let seat = SeatRef { table, nation: n };
        self.nation_id(seat)?;
        Ok(seat)
    }

    /// The id of `seat`'s nation, or why there is no such seat.
    fn nation_id(&self, seat: SeatRef) -> Result<String, String> {
        if seat.table >= self.tables.len() {
            return Err(format!("there is no match {}", seat.table + 1));
        }
        self.rules
            .scenario
            .nations
            .get(seat.nation)
            .map(|n| n.id.clone())
            .ok_or_else(|| format!("there is no nation {} in the scenario", seat.nation))
    }
}

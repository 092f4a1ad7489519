//! The facilitator's controls for one match of a class, from the host window: the desktop's
//! own facilitator panel and projector view work on a copy of the match (`MatchCopy`), and
//! each command the panel gives is carried out here, on the match itself, as the desktop's
//! session would carry it out (`Facilitate`), then sent to its seats.

use super::{Class, Outbox};
use crate::host::roster::SeatRef;
use crate::sim::Rules;
use crate::sim::archive::history::TurnRecord;
use crate::sim::archive::journal::Recording;
use crate::sim::archive::narrate;
use crate::sim::archive::snapshot::MatchState;
use crate::sim::play::session::{ActiveMatch, Facilitate, Facilitated, MatchPaused};
use bevy::prelude::*;

/// A copy of one match as it is now, for the host window's facilitator panel and projector:
/// the rules in force (with the facilitator's changes), the true state, the recording (for
/// exports and rollbacks) and the opening position (the first of its records).
#[derive(Debug, Clone)]
pub struct MatchCopy {
    pub rules: Rules,
    pub state: MatchState,
    pub recording: Recording,
    pub opening: TurnRecord,
    pub paused: bool,
}

impl MatchCopy {
    /// Every record of the match, the opening first, as the desktop's screens take them.
    pub fn records(&self) -> Vec<TurnRecord> {
        let mut records = vec![self.opening.clone()];
        records.extend(self.state.history.iter().cloned());
        records
    }
}

impl Class {
    /// A copy of match `table` as it is now.
    pub fn copy(&self, table: usize) -> Option<MatchCopy> {
        let t = self.tables.get(table)?;
        let world = t.app.world();
        let entity = world.get_resource::<ActiveMatch>()?.0;
        Some(MatchCopy {
            rules: world.get_resource::<Rules>()?.clone(),
            state: MatchState::capture(world, entity)?,
            recording: world.get::<Recording>(entity)?.clone(),
            opening: t.opening.clone(),
            paused: world.resource::<MatchPaused>().0,
        })
    }

    /// Carries out a facilitator's command on match `table`: what was done, and what its seats
    /// are to be sent. A rollback sends every seat its view of the earlier turn, and no team is
    /// done with it yet. Errors, in words, when there is no such match or the rules refused
    /// the command.
    pub fn facilitate(
        &mut self,
        table: usize,
        command: Facilitate,
    ) -> Result<(Facilitated, Outbox), String> {
        if table >= self.tables.len() {
            return Err(format!("there is no match {}", table + 1));
        }
        match command {
            Facilitate::Pause(paused) => {
                return Ok((Facilitated::Paused(paused), self.pause(table, paused)));
            }
            Facilitate::HandOver { nation, controller } => {
                let out = self.hand_over(SeatRef { table, nation }, controller)?;
                return Ok((Facilitated::HandedOver { nation, controller }, out));
            }
            _ => {}
        }
        let t = &mut self.tables[table];
        t.app
            .world_mut()
            .resource_mut::<Messages<Facilitated>>()
            .clear();
        t.carry_out(command)
            .map_err(|refusal| narrate::refusal(&self.rules.scenario, &refusal))?;
        let done = t
            .app
            .world_mut()
            .resource_mut::<Messages<Facilitated>>()
            .drain()
            .next()
            .ok_or("the match did not take the command")?;
        if let Facilitated::RolledBack(_) = done {
            t.ready.iter_mut().for_each(|r| *r = None);
            t.sent.clear();
        }
        Ok((done, self.settle(SeatRef { table, nation: 0 })))
    }
}

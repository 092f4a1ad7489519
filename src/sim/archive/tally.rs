//! How a match's moves were read, counted over the whole match: kept even when no history is
//! recorded, for the misperception figures of a batch.

use crate::sim::play::log::{SimEvent, TurnLog};
use crate::sim::play::rules::Rules;
use crate::sim::play::state::Orders;
use crate::sim::scenario::{Intent, Visibility};
use bevy::prelude::Component;
use serde::{Deserialize, Serialize};

/// Counts of how moves were read, over the whole match.
#[derive(Component, Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    /// Turns counted so far.
    pub turns: u32,
    /// Readings of public moves (one per observer and move).
    pub public_readings: u32,
    /// Readings otherwise than meant: more hostile, or (complacency) more harmless.
    pub misread: u32,
    /// Readings of cooperative moves.
    pub cooperative_readings: u32,
    /// Cooperative moves read as hostile.
    pub cooperative_seen_hostile: u32,
    /// Readings of secret moves.
    pub secret_readings: u32,
    /// Secret moves that went unseen.
    pub secret_unseen: u32,
}

impl Tally {
    /// Adds another match's counts to these (for the totals of a batch).
    pub fn absorb(&mut self, other: &Tally) {
        self.turns += other.turns;
        self.public_readings += other.public_readings;
        self.misread += other.misread;
        self.cooperative_readings += other.cooperative_readings;
        self.cooperative_seen_hostile += other.cooperative_seen_hostile;
        self.secret_readings += other.secret_readings;
        self.secret_unseen += other.secret_unseen;
    }

    pub fn count(&mut self, rules: &Rules, orders: &Orders, log: &TurnLog) {
        for event in &log.0 {
            let SimEvent::MovePerceived {
                actor, perception, ..
            } = event
            else {
                continue;
            };
            let Some(move_index) = orders.moves[*actor] else {
                continue;
            };
            let m = &rules.scenario.moves[move_index];
            if m.visibility == Visibility::Secret {
                self.secret_readings += 1;
                self.secret_unseen += u32::from(perception.seen.is_none());
                continue;
            }
            self.public_readings += 1;
            self.misread += u32::from(perception.misread);
            if m.intent == Intent::Cooperative {
                self.cooperative_readings += 1;
                self.cooperative_seen_hostile +=
                    u32::from(perception.seen == Some(Intent::Hostile));
            }
        }
    }
}

//! The turn timer's messages: the pages of a match are told when its timer starts or stops,
//! and count down themselves.

use super::{Hub, PageId};
use crate::host::protocol::ServerMessage;
use std::time::Instant;

impl Hub {
    /// Tells the pages of each match whose timer started or stopped.
    pub(super) fn announce_timers(&mut self, now: Instant) {
        for table in 0..self.deadlines.len() {
            if self.deadlines[table] == self.announced[table] {
                continue;
            }
            self.announced[table] = self.deadlines[table];
            let text = timer_message(self.deadlines[table], now).to_json();
            let roster = self.class.roster();
            let to: Vec<PageId> = self
                .pages
                .iter()
                .filter(|(_, p)| p.connection.seat(roster).is_some_and(|s| s.table == table))
                .map(|(&id, _)| id)
                .collect();
            for id in to {
                self.send_text(id, text.clone());
            }
        }
    }
}

/// The `timer` message for a deadline (or none), as seen at `now`.
pub(super) fn timer_message(deadline: Option<Instant>, now: Instant) -> ServerMessage {
    ServerMessage::Timer {
        seconds_left: deadline.map(|d| d.saturating_duration_since(now).as_secs() as u32),
    }
}

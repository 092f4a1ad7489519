//! The teacher's side of the hub: the passphrase that opens the teacher's page, and the
//! teacher's commands (pause, take a seat away, the turn timer), from that page or from the
//! host window.

use super::{Hub, PageId, TIMER_RANGE};
use crate::host::connection::TeacherCommand;
use crate::host::protocol::{ProtocolError, ServerMessage};
use crate::host::roster::SeatRef;
use std::time::Instant;

impl Hub {
    pub(super) fn teach(&mut self, id: PageId, passphrase: &str, now: Instant) {
        let Some(from) = self.pages.get(&id).map(|p| p.connection.from()) else {
            return;
        };
        if let Err(seconds) = self.throttle.check(from, now) {
            return self.send(
                id,
                &ServerMessage::Error {
                    error: ProtocolError::SlowDown { seconds },
                },
            );
        }
        let right = self.class.roster().is_teacher(passphrase);
        if !right {
            self.throttle.missed(from, now);
            return self.send(
                id,
                &ServerMessage::Error {
                    error: ProtocolError::WrongPassphrase,
                },
            );
        }
        if let Some(page) = self.pages.get_mut(&id) {
            page.connection.teach();
        }
        let status = self.current_status();
        self.send(
            id,
            &ServerMessage::Roster {
                status: Box::new(status),
            },
        );
    }

    /// Carries out a teacher's command, from the teacher's page `id` (which is told when it
    /// cannot be done) or from the host window (`None`).
    pub(super) fn teacher(&mut self, id: Option<PageId>, command: TeacherCommand) {
        let not_done = |why: String| ServerMessage::Error {
            error: ProtocolError::NotDone { why },
        };
        match command {
            TeacherCommand::Pause { table, paused } => {
                let tables: Vec<usize> = match table {
                    Some(t) if t < self.class.tables() => vec![t],
                    Some(t) => return self.tell(id, &not_done(format!("there is no match {t}"))),
                    None => (0..self.class.tables()).collect(),
                };
                for t in tables {
                    let out = self.class.pause(t, paused);
                    self.route(out);
                }
            }
            TeacherCommand::Release { table, nation } => {
                let Some(n) = self.class.rules().nation_index(&nation) else {
                    return self.tell(id, &not_done(format!("there is no nation {nation:?}")));
                };
                let seat = SeatRef { table, nation: n };
                let holders: Vec<PageId> = self
                    .pages
                    .iter()
                    .filter(|(_, p)| p.connection.holds(seat, self.class.roster()))
                    .map(|(&k, _)| k)
                    .collect();
                self.class.release(seat);
                for k in holders {
                    if let Some(page) = self.pages.get_mut(&k) {
                        page.connection.forget();
                    }
                    self.send(
                        k,
                        &ServerMessage::Error {
                            error: ProtocolError::UnknownToken,
                        },
                    );
                }
                self.save_roster();
            }
            TeacherCommand::Timer(seconds) => {
                if let Some(s) = seconds
                    && !TIMER_RANGE.contains(&s)
                {
                    return self.tell(
                        id,
                        &not_done(format!(
                            "a turn timer of {s} s: expected {} to {} seconds",
                            TIMER_RANGE.start(),
                            TIMER_RANGE.end()
                        )),
                    );
                }
                self.options.turn_timer = seconds;
                self.deadlines.iter_mut().for_each(|d| *d = None);
            }
        }
    }
}

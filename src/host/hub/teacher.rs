//! The teacher's side of the hub: the passphrase that opens the teacher's page, and the
//! teacher's commands (pause, take a seat away, the turn timer, the computer taking a seat or
//! giving it back, a team moving to another seat), from that page or from the host window.

use super::{Debriefer, Hub, PageId, TIMER_RANGE};
use crate::host::class::Outbox;
use crate::host::connection::TeacherCommand;
use crate::host::folder;
use crate::host::protocol::{ProtocolError, ServerMessage};
use crate::host::status::ClassStatus;
use crate::sim::play::state::Controller;
use crate::sim::play::strategy::Strategy;
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
                    Some(t) => {
                        return self.tell(id, &not_done(format!("there is no match {}", t + 1)));
                    }
                    None => (0..self.class.tables()).collect(),
                };
                for t in tables {
                    let out = self.class.pause(t, paused);
                    self.route(out);
                }
                self.save_roster();
            }
            TeacherCommand::Release { table, nation } => {
                let seat = match self.class.seat_named(table, &nation) {
                    Ok(seat) => seat,
                    Err(why) => return self.tell(id, &not_done(why)),
                };
                if !self.class.roster().held().any(|s| s == seat) {
                    return self.tell(id, &not_done("no team holds that seat".into()));
                }
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
            TeacherCommand::Computer {
                table,
                nation,
                strategy,
                personality,
            } => {
                let done = self
                    .class
                    .seat_named(table, &nation)
                    .and_then(|seat| self.class.computer(seat, &strategy, &personality));
                self.carried_out(id, table, done);
            }
            TeacherCommand::HandBack { table, nation } => {
                let done = self
                    .class
                    .seat_named(table, &nation)
                    .and_then(|seat| self.class.hand_over(seat, Controller::Human));
                self.carried_out(id, table, done);
            }
            TeacherCommand::MoveTeam {
                table,
                nation,
                to_table,
                to_nation,
            } => {
                let (from, to) = match (
                    self.class.seat_named(table, &nation),
                    self.class.seat_named(to_table, &to_nation),
                ) {
                    (Ok(from), Ok(to)) => (from, to),
                    (Err(why), _) | (_, Err(why)) => return self.tell(id, &not_done(why)),
                };
                let pages: Vec<PageId> = self
                    .pages
                    .iter()
                    .filter(|(_, p)| p.connection.holds(from, self.class.roster()))
                    .map(|(&k, _)| k)
                    .collect();
                let out = match self.class.move_team(from, to) {
                    Ok(out) => out,
                    Err(why) => return self.tell(id, &not_done(why)),
                };
                let roster = self.class.roster();
                let seated = roster
                    .holdings()
                    .into_iter()
                    .find(|(_, s, _)| *s == to)
                    .map(|(token, _, team_code)| ServerMessage::Seated {
                        token,
                        table: to.table,
                        nation: to.nation,
                        team_code,
                    });
                for k in pages {
                    if let Some(page) = self.pages.get_mut(&k) {
                        page.connection.moved(to);
                    }
                    if let Some(message) = &seated {
                        self.send(k, message);
                    }
                }
                for t in [from.table, to.table] {
                    self.changed(t);
                }
                self.route(out);
                self.save_roster();
            }
            TeacherCommand::Debrief => {
                let made = match (&self.options.folder, &self.options.debrief) {
                    (Some(folder), Some(Debriefer(make))) => folder::write_all(folder, &self.class)
                        .map_err(|e| e.to_string())
                        .and_then(|()| make(folder)),
                    _ => Err("this host keeps no class folder to debrief".into()),
                };
                match made {
                    Ok(html) => self.tell(id, &ServerMessage::Debrief { html }),
                    Err(why) => self.tell(id, &not_done(why)),
                }
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
                self.class.roster_mut().set_turn_timer(seconds);
                self.save_roster();
                self.deadlines.iter_mut().for_each(|d| *d = None);
            }
        }
    }

    /// Sends what a teacher's command changed in match `table` (and autosaves it), or tells
    /// the teacher why it was not done.
    fn carried_out(&mut self, id: Option<PageId>, table: usize, done: Result<Outbox, String>) {
        match done {
            Ok(out) => {
                self.changed(table);
                self.route(out);
            }
            Err(why) => self.tell(
                id,
                &ServerMessage::Error {
                    error: ProtocolError::NotDone { why },
                },
            ),
        }
    }

    /// The class roster as the teacher sees it now (`status::ClassStatus`).
    pub(super) fn current_status(&self) -> ClassStatus {
        let pages = &self.pages;
        let roster = self.class.roster();
        let rules = self.class.rules();
        let now = Instant::now();
        ClassStatus {
            class_code: roster.code().as_str().to_string(),
            addresses: self.addresses.clone(),
            qr: self.qr.clone(),
            turn_timer: self.options.turn_timer,
            seconds_left: self
                .deadlines
                .iter()
                .flatten()
                .min()
                .map(|d| d.saturating_duration_since(now).as_secs() as u32),
            folder: self
                .options
                .folder
                .as_ref()
                .map(|f| f.display().to_string()),
            strategies: Strategy::names().into_iter().map(String::from).collect(),
            personalities: rules.personalities.iter().map(|p| p.name.clone()).collect(),
            tables: self.class.status(|seat| {
                pages
                    .values()
                    .filter(|p| p.connection.holds(seat, roster))
                    .count()
            }),
        }
    }
}

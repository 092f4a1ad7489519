//! The class's seats: which nations of which matches teams may take, who holds each, and the
//! tokens that prove it. A team's first page claims an open seat and gets its token; the
//! team's other pages (and the same page after a reload) resume with that token, so several
//! browsers share one seat. Only the seat a token holds is ever played by its pages.

use crate::host::access::{ClassCode, SeatToken, Throttle};
use crate::host::protocol::{PROTOCOL_VERSION, ProtocolError, SeatListing, Table};
use crate::sim::archive::guard::Guard;
use rand::rand_core::OsError;
use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Instant;

/// A seat of the class: nation `nation` (index into the scenario's nations) of match `table`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SeatRef {
    pub table: usize,
    pub nation: usize,
}

/// A nation of a match as the roster offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatSpec {
    /// The nation's id and name, as the scenario gives them.
    pub id: String,
    pub name: String,
    /// Whether teams may take it (the teacher may keep a seat for the computer).
    pub for_teams: bool,
}

/// One match of the class, as the roster offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSpec {
    pub scenario: String,
    pub seats: Vec<SeatSpec>,
}

/// The seats of a class and who holds them.
#[derive(Debug)]
pub struct Roster {
    code: ClassCode,
    throttle: Throttle,
    tables: Vec<TableSpec>,
    holders: HashMap<SeatToken, SeatRef>,
    /// Each held seat's team code, for teammates joining from other laptops.
    team_codes: HashMap<SeatRef, ClassCode>,
    /// The teacher's passphrase, as a salted hash of its words (`teacher_words`).
    teacher: Option<Guard>,
    /// Seconds a turn may last, when the teacher set a timer: kept with the class, so that a
    /// resumed class keeps it.
    turn_timer: Option<u32>,
}

impl Roster {
    pub fn new(code: ClassCode, tables: Vec<TableSpec>) -> Roster {
        Roster {
            code,
            throttle: Throttle::classroom(),
            tables,
            holders: HashMap::new(),
            team_codes: HashMap::new(),
            teacher: None,
            turn_timer: None,
        }
    }

    /// The turn timer the class runs with, in seconds, when set.
    pub fn turn_timer(&self) -> Option<u32> {
        self.turn_timer
    }

    pub fn set_turn_timer(&mut self, seconds: Option<u32>) {
        self.turn_timer = seconds;
    }

    /// Sets the teacher's passphrase: kept only as its hash, and saved with the class.
    pub fn set_teacher(&mut self, guard: Guard) {
        self.teacher = Some(guard);
    }

    /// The teacher's passphrase's hash, when one is set.
    pub fn teacher(&self) -> Option<&Guard> {
        self.teacher.as_ref()
    }

    /// Whether `typed` is the teacher's passphrase: the same words, whatever the case and
    /// spacing (an Argon2 check, some tens of milliseconds).
    pub fn is_teacher(&self, typed: &str) -> bool {
        self.teacher
            .as_ref()
            .is_some_and(|g| g.verify(&teacher_words(typed)))
    }

    /// The code the class joins with.
    pub fn code(&self) -> &ClassCode {
        &self.code
    }

    /// Lets a page in that speaks this protocol and typed the class code; too many wrong codes
    /// from one address and it must wait (`ProtocolError::SlowDown`).
    pub fn admit(
        &mut self,
        from: IpAddr,
        now: Instant,
        protocol: u32,
        code: &str,
    ) -> Result<(), ProtocolError> {
        check_version(protocol)?;
        self.throttle
            .check(from, now)
            .map_err(|seconds| ProtocolError::SlowDown { seconds })?;
        if !self.code.matches(code) {
            self.throttle.missed(from, now);
            return Err(ProtocolError::WrongClassCode);
        }
        Ok(())
    }

    /// The matches and their seats, open or not, for a page to pick from.
    pub fn tables(&self) -> Vec<Table> {
        self.tables
            .iter()
            .enumerate()
            .map(|(table, spec)| Table {
                table,
                scenario: spec.scenario.clone(),
                seats: spec
                    .seats
                    .iter()
                    .enumerate()
                    .map(|(nation, s)| SeatListing {
                        nation: s.id.clone(),
                        name: s.name.clone(),
                        open: s.for_teams && self.holder(SeatRef { table, nation }).is_none(),
                    })
                    .collect(),
            })
            .collect()
    }

    /// Takes the open seat of nation `id` in match `table` for a team, or joins the team that
    /// holds it when `team_code` is its code: the seat's token. A wrong team code from `from`
    /// counts as a wrong guess (`Throttle`). Errors when there is no such open seat (or the team
    /// code is wrong), or when the system's random source fails.
    pub fn claim(
        &mut self,
        table: usize,
        id: &str,
        team_code: Option<&str>,
        from: IpAddr,
        now: Instant,
    ) -> Result<(SeatToken, SeatRef), ProtocolError> {
        let no_seat = || ProtocolError::NoSuchSeat {
            table,
            nation: id.to_string(),
        };
        let spec = self.tables.get(table).ok_or_else(no_seat)?;
        let nation = spec
            .seats
            .iter()
            .position(|s| s.id == id && s.for_teams)
            .ok_or_else(no_seat)?;
        let seat = SeatRef { table, nation };
        let unavailable = |e: OsError| ProtocolError::HostUnavailable {
            why: format!("no random source for a seat token: {e}"),
        };
        if let Some(token) = self.holder(seat).cloned() {
            let Some(typed) = team_code else {
                return Err(ProtocolError::SeatTaken {
                    table,
                    nation: id.to_string(),
                });
            };
            self.throttle
                .check(from, now)
                .map_err(|seconds| ProtocolError::SlowDown { seconds })?;
            if self.team_codes.get(&seat).is_some_and(|c| c.matches(typed)) {
                return Ok((token, seat));
            }
            self.throttle.missed(from, now);
            return Err(ProtocolError::WrongTeamCode);
        }
        let token = SeatToken::random().map_err(unavailable)?;
        let code = ClassCode::random_of(ClassCode::TEAM_LEN).map_err(unavailable)?;
        self.holders.insert(token.clone(), seat);
        self.team_codes.insert(seat, code);
        Ok((token, seat))
    }

    /// The code a team's mates type to join its seat from another laptop.
    pub fn team_code(&self, seat: SeatRef) -> Option<&str> {
        self.team_codes.get(&seat).map(ClassCode::as_str)
    }

    /// The seat a page's token holds: how a reloaded page, or a teammate's, gets it back.
    pub fn resume(&self, protocol: u32, token: &str) -> Result<SeatRef, ProtocolError> {
        check_version(protocol)?;
        SeatToken::parse(token)
            .and_then(|t| self.holders.get(&t).copied())
            .ok_or(ProtocolError::UnknownToken)
    }

    /// Takes a seat away from its team (the teacher's): its token no longer works.
    pub fn release(&mut self, seat: SeatRef) {
        self.holders.retain(|_, &mut s| s != seat);
        self.team_codes.remove(&seat);
    }

    /// Every seat a team holds, in no particular order.
    pub fn held(&self) -> impl Iterator<Item = SeatRef> + '_ {
        self.holders.values().copied()
    }

    /// Every seat a team holds, with its token and team code, in seat order: what the class
    /// folder keeps so that the teams' pages get their seats back after the host is restarted.
    pub fn holdings(&self) -> Vec<(String, SeatRef, String)> {
        let mut all: Vec<(String, SeatRef, String)> = self
            .holders
            .iter()
            .map(|(t, &s)| {
                let code = self.team_code(s).unwrap_or_default().to_string();
                (t.as_str().to_string(), s, code)
            })
            .collect();
        all.sort_by_key(|(_, s, _)| (s.table, s.nation));
        all
    }

    /// Gives a kept token (and team code) its seat back. Errors (with what is wrong) when the
    /// token or code has not its form, the seat does not exist, or another token holds it.
    pub fn restore(&mut self, token: &str, seat: SeatRef, team_code: &str) -> Result<(), String> {
        let token = SeatToken::parse(token).ok_or("a seat token is 32 hexadecimal digits")?;
        let code = ClassCode::parse(team_code, ClassCode::TEAM_LEN)
            .ok_or("a team code is 4 letters of the class code's alphabet")?;
        let exists = self
            .tables
            .get(seat.table)
            .is_some_and(|t| seat.nation < t.seats.len());
        if !exists {
            return Err(format!(
                "there is no nation {} in match {}",
                seat.nation, seat.table
            ));
        }
        if self.holder(seat).is_some() {
            return Err(format!(
                "nation {} of match {} is held twice",
                seat.nation, seat.table
            ));
        }
        self.holders.insert(token, seat);
        self.team_codes.insert(seat, code);
        Ok(())
    }

    /// The teacher moves the team holding `from` (its token and team code) to `to`, which no
    /// team holds. Errors (in words) when no team holds `from`, `to` is not a seat for teams,
    /// or a team holds it.
    pub fn move_team(&mut self, from: SeatRef, to: SeatRef) -> Result<(), String> {
        let token = self
            .holder(from)
            .cloned()
            .ok_or("no team holds that seat")?;
        let for_teams = self
            .tables
            .get(to.table)
            .and_then(|t| t.seats.get(to.nation))
            .is_some_and(|s| s.for_teams);
        if !for_teams {
            return Err("there is no such seat to move the team to".into());
        }
        if self.holder(to).is_some() {
            return Err("a team holds that seat already".into());
        }
        self.holders.insert(token, to);
        if let Some(code) = self.team_codes.remove(&from) {
            self.team_codes.insert(to, code);
        }
        Ok(())
    }

    fn holder(&self, seat: SeatRef) -> Option<&SeatToken> {
        self.holders
            .iter()
            .find_map(|(t, &s)| (s == seat).then_some(t))
    }
}

/// A passphrase as its hash is made of: its words in lower case, one space apart.
pub fn teacher_words(passphrase: &str) -> String {
    passphrase
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_version(protocol: u32) -> Result<(), ProtocolError> {
    if protocol == PROTOCOL_VERSION {
        Ok(())
    } else {
        Err(ProtocolError::WrongVersion {
            spoken: protocol,
            expected: PROTOCOL_VERSION,
        })
    }
}

#[cfg(test)]
#[path = "roster_tests.rs"]
pub(crate) mod tests;

//! One page's connection: what each of its messages comes to. It starts unknown, is admitted
//! by the class code (or seated at once by a token), and once seated its commands are for its
//! seat's nation alone, whatever the message says. The web layer passes each text message to
//! `receive` and carries out the steps.

use crate::host::protocol::{ClientMessage, PROTOCOL_VERSION, ProtocolError, ServerMessage};
use crate::host::roster::{Roster, SeatRef};
use crate::sim::scenario::MoveIndex;
use std::net::IpAddr;
use std::time::Instant;

/// A command of a seated page, for the match and nation of its seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatCommand {
    Choose(MoveIndex),
    Answer { proposal: usize, accept: bool },
    EndTurn,
}

pub use crate::host::teach::TeacherCommand;

/// What a message comes to.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Send this to the page.
    Reply(ServerMessage),
    /// The page now holds `seat`: send it the seat's view, and its later views.
    Seated(SeatRef),
    /// Hand this command to the session of the seat's match, for the seat's nation.
    Command(SeatRef, SeatCommand),
    /// The page would be the teacher's: check the passphrase, and if it is right, call
    /// `Connection::teach` and send the roster.
    Teach(String),
    /// Carry out the teacher's command.
    Teacher(TeacherCommand),
    /// Send the page its seat's history charts.
    Charts(SeatRef),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    New,
    Admitted,
    Seated(SeatRef),
    Teacher,
}

/// One page's connection to the host.
#[derive(Clone)]
pub struct Connection {
    from: IpAddr,
    state: State,
    /// The token of the seat it holds: checked again at every command, so a seat the teacher
    /// took away is no longer played (or shown) from this page.
    token: Option<String>,
}

impl Connection {
    /// A page that has just connected from `from`.
    pub fn new(from: IpAddr) -> Connection {
        Connection {
            from,
            state: State::New,
            token: None,
        }
    }

    /// The seat the page holds, once it holds one and while its token still does.
    pub fn seat(&self, roster: &Roster) -> Option<SeatRef> {
        match self.state {
            State::Seated(seat) if self.still_holds(seat, roster) => Some(seat),
            _ => None,
        }
    }

    /// The address the page connected from.
    pub fn from(&self) -> IpAddr {
        self.from
    }

    /// Whether this page is the teacher's (its passphrase was right).
    pub fn is_teacher(&self) -> bool {
        self.state == State::Teacher
    }

    /// The seat the page held was taken away (and it was told): it starts again, so that its
    /// next `join` is taken.
    pub fn forget(&mut self) {
        self.state = State::New;
        self.token = None;
    }

    /// The teacher moved the page's team to `to`: the page plays that seat now.
    pub fn moved(&mut self, to: SeatRef) {
        if matches!(self.state, State::Seated(_)) {
            self.state = State::Seated(to);
        }
    }

    /// The passphrase was right: the page is the teacher's from now on.
    pub fn teach(&mut self) {
        self.state = State::Teacher;
    }

    /// Whether messages for `seat` may go to this page: it holds the seat, by a live token.
    pub fn holds(&self, seat: SeatRef, roster: &Roster) -> bool {
        self.seat(roster) == Some(seat)
    }

    fn still_holds(&self, seat: SeatRef, roster: &Roster) -> bool {
        self.token
            .as_deref()
            .is_some_and(|t| roster.resume(PROTOCOL_VERSION, t) == Ok(seat))
    }

    /// What the page's message `text`, received at `now`, comes to.
    pub fn receive(&mut self, text: &str, roster: &mut Roster, now: Instant) -> Vec<Step> {
        let error = |error: ProtocolError| vec![Step::Reply(ServerMessage::Error { error })];
        let message = match ClientMessage::parse(text) {
            Ok(m) => m,
            Err(e) => return error(e),
        };
        // A seat taken away since: the page starts again, and may resume or join.
        if let State::Seated(seat) = self.state
            && !self.still_holds(seat, roster)
        {
            self.state = State::New;
            self.token = None;
            return error(ProtocolError::UnknownToken);
        }
        let out_of_order = |expected: &str| {
            error(ProtocolError::OutOfOrder {
                expected: expected.to_string(),
            })
        };
        if let Some(command) = TeacherCommand::of(&message) {
            return match self.state {
                State::Teacher => vec![Step::Teacher(command)],
                _ => out_of_order("teach (the teacher's passphrase)"),
            };
        }
        match (message, self.state) {
            (
                ClientMessage::Join {
                    protocol,
                    class_code,
                },
                State::New,
            ) => match roster.admit(self.from, now, protocol, &class_code) {
                Ok(()) => {
                    self.state = State::Admitted;
                    vec![Step::Reply(ServerMessage::Welcome {
                        protocol: PROTOCOL_VERSION,
                        tables: roster.tables(),
                    })]
                }
                Err(e) => error(e),
            },
            (ClientMessage::Resume { protocol, token }, State::New) => {
                match roster.resume(protocol, &token) {
                    Ok(seat) => {
                        let code = roster.team_code(seat).unwrap_or_default().to_string();
                        self.seat_at(seat, token, code)
                    }
                    Err(e) => error(e),
                }
            }
            (
                ClientMessage::Claim {
                    table,
                    nation,
                    team_code,
                },
                State::Admitted,
            ) => match roster.claim(table, &nation, team_code.as_deref(), self.from, now) {
                Ok((token, seat)) => {
                    let code = roster.team_code(seat).unwrap_or_default().to_string();
                    self.seat_at(seat, token.as_str().to_string(), code)
                }
                Err(e) => error(e),
            },
            (ClientMessage::Choose { move_index }, State::Seated(seat)) => {
                vec![Step::Command(seat, SeatCommand::Choose(move_index))]
            }
            (ClientMessage::Answer { proposal, accept }, State::Seated(seat)) => {
                vec![Step::Command(
                    seat,
                    SeatCommand::Answer { proposal, accept },
                )]
            }
            (ClientMessage::EndTurn {}, State::Seated(seat)) => {
                vec![Step::Command(seat, SeatCommand::EndTurn)]
            }
            (ClientMessage::Charts {}, State::Seated(seat)) => vec![Step::Charts(seat)],
            (ClientMessage::Join { .. } | ClientMessage::Resume { .. }, _) => {
                out_of_order("no second join: this page is already in the class")
            }
            (
                ClientMessage::Teach {
                    protocol,
                    passphrase,
                },
                State::New,
            ) => {
                if protocol != PROTOCOL_VERSION {
                    return error(ProtocolError::WrongVersion {
                        spoken: protocol,
                        expected: PROTOCOL_VERSION,
                    });
                }
                vec![Step::Teach(passphrase)]
            }
            (_, State::Teacher) => out_of_order("a teacher's command: this is the teacher's page"),
            (ClientMessage::Teach { .. }, _) => {
                out_of_order("nothing: this page is already in the class")
            }
            (ClientMessage::Claim { .. }, State::New) => out_of_order("join (the class code)"),
            (ClientMessage::Claim { .. }, State::Seated(_)) => {
                out_of_order("nothing: this page already holds a seat")
            }
            (_, _) => out_of_order("a seat (claim or resume)"),
        }
    }

    fn seat_at(&mut self, seat: SeatRef, token: String, team_code: String) -> Vec<Step> {
        self.state = State::Seated(seat);
        self.token = Some(token.clone());
        vec![
            Step::Reply(ServerMessage::Seated {
                token,
                table: seat.table,
                nation: seat.nation,
                team_code,
            }),
            Step::Seated(seat),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::access::ClassCode;
    use crate::host::roster::{SeatSpec, TableSpec};

    fn roster() -> Roster {
        let seat = |id: &str| SeatSpec {
            id: id.into(),
            name: id.to_uppercase(),
            for_teams: true,
        };
        Roster::new(
            ClassCode::random().unwrap(),
            vec![TableSpec {
                scenario: "reset_2013".into(),
                seats: vec![seat("usa"), seat("rus")],
            }],
        )
    }

    fn join(code: &str) -> String {
        format!(r#"{{"type":"join","protocol":{PROTOCOL_VERSION},"class_code":"{code}"}}"#)
    }

    fn error_kind(steps: &[Step]) -> String {
        match steps {
            [Step::Reply(m)] => {
                let v: serde_json::Value = serde_json::from_str(&m.to_json()).unwrap();
                v["error"]["kind"].as_str().unwrap_or("").to_string()
            }
            other => panic!("{other:?}"),
        }
    }

    /// The whole way in: join, claim, play; a teammate's page resumes the same seat with the
    /// token; every command is for the seat's nation, and none comes before a seat.
    #[test]
    fn a_team_joins_claims_and_plays_only_its_own_seat() {
        let mut roster = roster();
        let code = roster.code().as_str().to_string();
        let now = Instant::now();
        let mut page = Connection::new("127.0.0.5".parse().unwrap());
        assert_eq!(
            error_kind(&page.receive(r#"{"type":"end_turn"}"#, &mut roster, now)),
            "out_of_order"
        );
        let welcome = page.receive(&join(&code), &mut roster, now);
        assert!(matches!(
            &welcome[..],
            [Step::Reply(ServerMessage::Welcome { .. })]
        ));
        let seated = page.receive(
            r#"{"type":"claim","table":0,"nation":"rus"}"#,
            &mut roster,
            now,
        );
        let seat = SeatRef {
            table: 0,
            nation: 1,
        };
        let token = match &seated[..] {
            [
                Step::Reply(ServerMessage::Seated { token, .. }),
                Step::Seated(s),
            ] => {
                assert_eq!(*s, seat);
                token.clone()
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(
            page.receive(r#"{"type":"choose","move_index":2}"#, &mut roster, now),
            vec![Step::Command(seat, SeatCommand::Choose(MoveIndex(2)))]
        );
        // A message that names another nation is not a message of the protocol.
        assert_eq!(
            error_kind(&page.receive(
                r#"{"type":"choose","move_index":2,"nation":0}"#,
                &mut roster,
                now
            )),
            "not_a_message"
        );
        // The teammate's page: the token, and the same seat.
        let mut mate = Connection::new("127.0.0.6".parse().unwrap());
        let resume =
            format!(r#"{{"type":"resume","protocol":{PROTOCOL_VERSION},"token":"{token}"}}"#);
        let back = mate.receive(&resume, &mut roster, now);
        assert_eq!(back.last(), Some(&Step::Seated(seat)));
        assert_eq!(
            mate.receive(r#"{"type":"end_turn"}"#, &mut roster, now),
            vec![Step::Command(seat, SeatCommand::EndTurn)]
        );
        // A third page cannot take the held seat without its team code, nor play before it
        // holds one.
        let mut rival = Connection::new("127.0.0.7".parse().unwrap());
        rival.receive(&join(&code), &mut roster, now);
        let taken = rival.receive(
            r#"{"type":"claim","table":0,"nation":"rus"}"#,
            &mut roster,
            now,
        );
        assert_eq!(error_kind(&taken), "seat_taken");
        let guessed = rival.receive(
            r#"{"type":"claim","table":0,"nation":"rus","team_code":"AAAA"}"#,
            &mut roster,
            now,
        );
        assert_eq!(error_kind(&guessed), "wrong_team_code");
        assert_eq!(
            error_kind(&rival.receive(
                r#"{"type":"answer","proposal":0,"accept":true}"#,
                &mut roster,
                now
            )),
            "out_of_order"
        );
        assert_eq!(rival.seat(&roster), None);
        assert_eq!(page.seat(&roster), Some(seat));
        // The teacher takes the seat away: its pages are told, and no longer hold it.
        roster.release(seat);
        assert!(!page.holds(seat, &roster) && !mate.holds(seat, &roster));
        assert_eq!(
            error_kind(&page.receive(r#"{"type":"end_turn"}"#, &mut roster, now)),
            "unknown_token"
        );
        assert_eq!(page.seat(&roster), None);
    }

    #[test]
    fn bad_messages_are_answered_and_the_page_goes_on() {
        let mut roster = roster();
        let now = Instant::now();
        let mut page = Connection::new("127.0.0.9".parse().unwrap());
        assert_eq!(error_kind(&page.receive("{", &mut roster, now)), "not_json");
        assert_eq!(
            error_kind(&page.receive(&join("WRONG1"), &mut roster, now)),
            "wrong_class_code"
        );
        let code = roster.code().as_str().to_string();
        let welcome = page.receive(&join(&code), &mut roster, now);
        assert!(matches!(
            &welcome[..],
            [Step::Reply(ServerMessage::Welcome { .. })]
        ));
        assert_eq!(
            error_kind(&page.receive(&join(&code), &mut roster, now)),
            "out_of_order"
        );
    }
}

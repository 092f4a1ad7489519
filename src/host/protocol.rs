//! The messages between the host and a team's page: JSON objects over one WebSocket, each
//! tagged by `"type"`, documented for other clients in `docs/protocol.md`. The host only ever
//! sends a seat what its `SeatView` holds; a page names no nation in a command, since the seat
//! its token holds decides which nation a command is for.

use crate::host::brief::{Brief, Debrief};
use crate::host::status::ClassStatus;
use crate::sim::play::command::Refusal;
use crate::sim::play::view::SeatView;
use crate::sim::scenario::MoveIndex;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The protocol this build speaks. A page that speaks another is told so and refused.
pub const PROTOCOL_VERSION: u32 = 1;

/// The longest message a page may send, in bytes: every message fits in a few hundred.
pub const MAX_MESSAGE_BYTES: usize = 4096;

/// What a page sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMessage {
    /// The first message: the protocol the page speaks and the class code the team typed.
    Join { protocol: u32, class_code: String },
    /// Take the open seat of `nation` (its id, as `Welcome` lists it) in match `table`; or,
    /// with the `team_code` a teammate's page shows, join the team that holds it.
    Claim {
        table: usize,
        nation: String,
        #[serde(default)]
        team_code: Option<String>,
    },
    /// A page that reloaded or reconnected: the seat its token holds, back.
    Resume { protocol: u32, token: String },
    /// The team's move for the turn in play (it may change its mind until the turn ends).
    Choose { move_index: MoveIndex },
    /// The team's answer to the pending proposal at `proposal` (`SeatView::proposals[_].index`).
    Answer { proposal: usize, accept: bool },
    /// The team is done: the turn resolves once every team has chosen. (A variant without
    /// fields would take any fields: serde's internally tagged unit variants ignore them.)
    EndTurn {},
    /// The seat's history charts, please (answered with `charts`).
    Charts {},
    /// The teacher's page: the passphrase opens the teacher's controls and the roster.
    Teach { protocol: u32, passphrase: String },
    /// The teacher's: stop (or restart) match `table`, or every match when absent.
    Pause { table: Option<usize>, paused: bool },
    /// The teacher's: take the seat of `nation` (its id) in match `table` away from its team
    /// (its pages stop playing it; the team may claim a seat again).
    Release { table: usize, nation: String },
    /// The teacher's: from this turn on the computer plays the seat of `nation` in match
    /// `table`, with this strategy and personality (their names, as `detente strategies` and
    /// the scenario list them); its team stays seated and watches.
    Computer {
        table: usize,
        nation: String,
        strategy: String,
        personality: String,
    },
    /// The teacher's: the computer gives the seat back to people (its team, or whoever claims
    /// it), from this turn on.
    HandBack { table: usize, nation: String },
    /// The teacher's: the team holding the seat of `nation` in match `table` moves, with its
    /// pages and its team code, to the seat of `to_nation` in match `to_table`, which no team
    /// holds. People play the seat it moves to; the seat it leaves is open.
    MoveTeam {
        table: usize,
        nation: String,
        to_table: usize,
        to_nation: String,
    },
    /// The teacher's: the class debrief, now (answered with `debrief`).
    Debrief {},
    /// The teacher's: end each turn after this many seconds (10 to 3600), or never when absent.
    /// A team that has not chosen by then plays the scenario's own AI's move for that turn.
    Timer { seconds: Option<u32> },
}

/// What the host sends a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    /// The class code was right: the matches and their seats.
    Welcome { protocol: u32, tables: Vec<Table> },
    /// The seat is the page's: `token` gets it back after a reload (keep it).
    /// `team_code`: what teammates type to join this seat from other laptops (show it).
    Seated {
        token: String,
        table: usize,
        nation: usize,
        team_code: String,
    },
    /// The scenario's public facts, the names for the indices of every `view`: sent on being
    /// seated, before the first `view`.
    Brief { brief: Box<Brief> },
    /// What the seat's nation may know now; sent on joining and after every change, its
    /// history cut to the latest two turns (`brief::on_the_wire`). `news` is the latest turn's
    /// events in words.
    /// `paused`: the teacher has stopped the match. `done`: this team pressed End turn this
    /// turn; `waiting`: the nations whose teams have not yet.
    /// `readings`: how the seat read each move of the latest turn, in words, in the order of
    /// its moves (empty for its own). `debrief`: once the match is over, its outcome and
    /// turning points, declassified. `computer`: set while the teacher lets the computer play
    /// this seat (the team watches; its commands are refused). `timed_out`: the turn timer
    /// ran out on the latest turn before the team chose, and its nation played the move the
    /// scenario's own AI would.
    View {
        view: Box<SeatView>,
        computer: Option<ComputerPlayer>,
        timed_out: bool,
        news: Vec<String>,
        readings: Vec<String>,
        paused: bool,
        done: bool,
        waiting: Vec<usize>,
        debrief: Option<Debrief>,
    },
    /// The seat's history charts (SVG), drawn on the host from its `SeatView`: asked for
    /// with `charts`.
    Charts { svgs: Vec<String> },
    /// The match's turn timer: the turn ends in `seconds_left` seconds (the page counts down),
    /// or there is no timer now (`null`). Sent when it starts or stops, and on being seated
    /// while it runs.
    Timer { seconds_left: Option<u32> },
    /// The class debrief (a whole HTML page: every match side by side, declassified, and the
    /// class against 1,000 AI games), for the teacher's page: asked for with `debrief`.
    Debrief { html: String },
    /// The class roster, for the teacher's page: sent on the passphrase and after every change.
    Roster { status: Box<ClassStatus> },
    /// The rules would not take the command, and why, in words and as the typed refusal.
    Refused { refusal: Refusal, text: String },
    /// The message itself was wrong (not JSON, unknown type, too long, out of order); the
    /// connection stays up.
    Error { error: ProtocolError },
}

/// Who plays a seat the teacher gave to the computer: a strategy and a personality, by name
/// (`tit_for_tat`, `realist`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComputerPlayer {
    pub strategy: String,
    pub personality: String,
}

/// One match and its seats, as a page picks from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    pub table: usize,
    pub scenario: String,
    pub seats: Vec<SeatListing>,
}

/// A nation's seat in a match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeatListing {
    /// The nation's id and name.
    pub nation: String,
    pub name: String,
    /// Whether a team may still claim it: it is for teams, and no team holds it yet.
    pub open: bool,
}

/// Why a page's message was not taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProtocolError {
    /// Longer than `MAX_MESSAGE_BYTES`.
    TooLong { bytes: usize, max: usize },
    /// Not JSON: where in the text, and what was expected there.
    NotJson {
        line: usize,
        column: usize,
        expected: String,
    },
    /// JSON, but not a message of this protocol (an unknown type, a missing or extra field, a
    /// field of the wrong kind): what was expected.
    NotAMessage { expected: String },
    /// The page speaks another version of the protocol.
    WrongVersion { spoken: u32, expected: u32 },
    /// Not the class code of this class.
    WrongClassCode,
    /// Too many wrong class codes from this address: wait this many seconds.
    SlowDown { seconds: u64 },
    /// No seat has that token (the class was restarted, or the token was mistyped).
    UnknownToken,
    /// The message needs a seat (`Choose`, `Answer`, `EndTurn`) or must come first (`Join`,
    /// `Resume`).
    OutOfOrder { expected: String },
    /// No such match or nation, or the seat is taken.
    NoSuchSeat { table: usize, nation: String },
    /// A team holds the seat: a teammate joins it with its team code.
    SeatTaken { table: usize, nation: String },
    /// Not the team code of the team that holds the seat.
    WrongTeamCode,
    /// Not the teacher's passphrase (or no teacher's page on this host).
    WrongPassphrase,
    /// The teacher's command could not be carried out: why.
    NotDone { why: String },
    /// Too many messages too fast: the connection is closed.
    Flooding { per_second: u32 },
    /// The host cannot do it now (its system refused, say a random source): why.
    HostUnavailable { why: String },
}

impl ClientMessage {
    /// Reads one message from a page: refused when longer than `MAX_MESSAGE_BYTES`, not JSON
    /// (where, and what was expected), or not a message of this protocol (what was expected).
    pub fn parse(text: &str) -> Result<ClientMessage, ProtocolError> {
        if text.len() > MAX_MESSAGE_BYTES {
            return Err(ProtocolError::TooLong {
                bytes: text.len(),
                max: MAX_MESSAGE_BYTES,
            });
        }
        // In two steps: a tagged message is read from a buffer, which knows no positions.
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| ProtocolError::NotJson {
                line: e.line(),
                column: e.column(),
                expected: e.to_string(),
            })?;
        serde_json::from_value(value).map_err(|e| ProtocolError::NotAMessage {
            expected: e.to_string(),
        })
    }
}

impl ServerMessage {
    /// The message as the page receives it.
    pub fn to_json(&self) -> String {
        // Every field is a string, a number, a bool or a list of them: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_else(|e| {
            serde_json::json!({"type": "error", "error": {"kind": "host_unavailable", "why": e.to_string()}})
                .to_string()
        })
    }
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProtocolError::TooLong { bytes, max } => {
                write!(f, "the message is {bytes} bytes; expected at most {max}")
            }
            ProtocolError::NotJson {
                line,
                column,
                expected,
            } => write!(f, "not JSON at line {line}, column {column}: {expected}"),
            ProtocolError::NotAMessage { expected } => write!(f, "not a message: {expected}"),
            ProtocolError::WrongVersion { spoken, expected } => write!(
                f,
                "the page speaks protocol {spoken}; this host speaks {expected} (reload the page)"
            ),
            ProtocolError::WrongClassCode => write!(f, "that is not this class's code"),
            ProtocolError::SlowDown { seconds } => {
                write!(f, "too many wrong codes: try again in {seconds} s")
            }
            ProtocolError::UnknownToken => write!(f, "no seat has that token; join again"),
            ProtocolError::OutOfOrder { expected } => write!(f, "expected {expected} first"),
            ProtocolError::NoSuchSeat { table, nation } => {
                write!(f, "match {table} has no open seat {nation:?}")
            }
            ProtocolError::SeatTaken { table, nation } => write!(
                f,
                "a team holds {nation:?} in match {table}: to join that team, give its team code"
            ),
            ProtocolError::WrongTeamCode => write!(f, "that is not the team code of that seat"),
            ProtocolError::WrongPassphrase => write!(f, "that is not the teacher's passphrase"),
            ProtocolError::NotDone { why } => write!(f, "not done: {why}"),
            ProtocolError::Flooding { per_second } => write!(
                f,
                "more than {per_second} messages a second: this connection is closed (reload the page)"
            ),
            ProtocolError::HostUnavailable { why } => write!(f, "the host cannot do it now: {why}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_client_message_reads_back_as_written() {
        let messages = [
            ClientMessage::Join {
                protocol: PROTOCOL_VERSION,
                class_code: "KXW4PA".into(),
            },
            ClientMessage::Claim {
                table: 2,
                nation: "rus".into(),
                team_code: None,
            },
            ClientMessage::Claim {
                table: 2,
                nation: "rus".into(),
                team_code: Some("KX4P".into()),
            },
            ClientMessage::Resume {
                protocol: PROTOCOL_VERSION,
                token: "00ff".into(),
            },
            ClientMessage::Choose {
                move_index: MoveIndex(3),
            },
            ClientMessage::Answer {
                proposal: 0,
                accept: true,
            },
            ClientMessage::EndTurn {},
            ClientMessage::Charts {},
        ];
        for m in messages {
            let text = serde_json::to_string(&m).unwrap();
            assert_eq!(ClientMessage::parse(&text), Ok(m), "{text}");
        }
        assert_eq!(
            ClientMessage::parse(r#"{"type":"choose","move_index":4}"#),
            Ok(ClientMessage::Choose {
                move_index: MoveIndex(4)
            })
        );
    }

    /// A command names no nation: a page that adds one is refused, so the seat its token
    /// holds is the only nation a command can be for.
    #[test]
    fn a_command_naming_a_nation_is_refused() {
        let e = ClientMessage::parse(r#"{"type":"choose","move_index":1,"nation":1}"#).unwrap_err();
        assert!(matches!(e, ProtocolError::NotAMessage { .. }), "{e:?}");
        assert!(e.to_string().contains("nation"), "{e}");
        // Every kind of message, those without fields too.
        for kind in [
            "end_turn", "charts", "claim", "answer", "join", "resume", "teach",
        ] {
            let text = format!(r#"{{"type":"{kind}","nation":1}}"#);
            let e = ClientMessage::parse(&text).unwrap_err();
            assert!(
                matches!(e, ProtocolError::NotAMessage { .. }),
                "{text}: {e:?}"
            );
        }
    }

    #[test]
    fn bad_messages_say_where_and_what() {
        let e = ClientMessage::parse("{\"type\":\"choose\",\n\"move_index\": 3,}").unwrap_err();
        match e {
            ProtocolError::NotJson { line, column, .. } => assert_eq!((line, column), (2, 17)),
            other => panic!("{other:?}"),
        }
        let e = ClientMessage::parse(r#"{"type":"choose","move_index":"x"}"#).unwrap_err();
        assert!(e.to_string().contains("expected usize"), "{e}");
        let e = ClientMessage::parse(r#"{"type":"launch"}"#).unwrap_err();
        assert!(e.to_string().contains("launch"), "{e}");
        let long = format!(
            r#"{{"type":"join","protocol":1,"class_code":"{}"}}"#,
            "A".repeat(5000)
        );
        assert!(matches!(
            ClientMessage::parse(&long),
            Err(ProtocolError::TooLong {
                max: MAX_MESSAGE_BYTES,
                ..
            })
        ));
    }

    #[test]
    fn server_messages_are_tagged_json() {
        let m = ServerMessage::Error {
            error: ProtocolError::SlowDown { seconds: 30 },
        };
        let v: serde_json::Value = serde_json::from_str(&m.to_json()).unwrap();
        assert_eq!(v["type"], "error");
        assert_eq!(v["error"]["kind"], "slow_down");
        assert_eq!(v["error"]["seconds"], 30);
        let refused = ServerMessage::Refused {
            refusal: Refusal::MatchOver,
            text: "the match is over".into(),
        };
        let v: serde_json::Value = serde_json::from_str(&refused.to_json()).unwrap();
        assert_eq!(v["refusal"], "MatchOver");
    }
}

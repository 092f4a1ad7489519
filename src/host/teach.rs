//! The teacher's commands to the class, from the teacher's page (its passphrase checked) or
//! from the host window: pause, the turn timer, and who plays each seat.

use crate::host::protocol::ClientMessage;

/// A command of the teacher's. Seats are named by match and nation id, as the roster lists
/// them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeacherCommand {
    /// Stop (or restart) match `table`, or every match.
    Pause { table: Option<usize>, paused: bool },
    /// Take the seat away from its team: its pages stop playing it.
    Release { table: usize, nation: String },
    /// End each turn after this many seconds, or never.
    Timer(Option<u32>),
    /// The computer plays the seat from this turn on, with this strategy and personality (by
    /// name).
    Computer {
        table: usize,
        nation: String,
        strategy: String,
        personality: String,
    },
    /// People play the seat again, from this turn on.
    HandBack { table: usize, nation: String },
    /// The class debrief page, for the teacher's page that asked.
    Debrief,
    /// The team holding one seat moves to another that no team holds.
    MoveTeam {
        table: usize,
        nation: String,
        to_table: usize,
        to_nation: String,
    },
}

impl TeacherCommand {
    /// The teacher's command a page's message is, if it is one.
    pub fn of(message: &ClientMessage) -> Option<TeacherCommand> {
        Some(match message.clone() {
            ClientMessage::Pause { table, paused } => TeacherCommand::Pause { table, paused },
            ClientMessage::Release { table, nation } => TeacherCommand::Release { table, nation },
            ClientMessage::Timer { seconds } => TeacherCommand::Timer(seconds),
            ClientMessage::Computer {
                table,
                nation,
                strategy,
                personality,
            } => TeacherCommand::Computer {
                table,
                nation,
                strategy,
                personality,
            },
            ClientMessage::HandBack { table, nation } => TeacherCommand::HandBack { table, nation },
            ClientMessage::Debrief {} => TeacherCommand::Debrief,
            ClientMessage::MoveTeam {
                table,
                nation,
                to_table,
                to_nation,
            } => TeacherCommand::MoveTeam {
                table,
                nation,
                to_table,
                to_nation,
            },
            _ => return None,
        })
    }
}

//! The class roster as the teacher sees it: for each match, its turn, whether it is paused or
//! over, and for each nation's seat whether a team holds it, how many browsers it has open and
//! whether it has chosen and pressed End turn this turn. The host window and the teacher's page
//! both draw it. It holds no team's move, only whether there is one.

use crate::host::protocol::ComputerPlayer;
use crate::sim::play::state::Regime;
use serde::Serialize;

/// The whole class, now.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ClassStatus {
    /// What a team types to join.
    pub class_code: String,
    /// The addresses a team may type (`http://…`), most likely first.
    pub addresses: Vec<String>,
    /// A QR code of the first address, as SVG.
    pub qr: Option<String>,
    /// Seconds a turn may last before the host ends it for the teams that are done, when set.
    pub turn_timer: Option<u32>,
    /// Seconds left on this turn's timer, when one runs.
    pub seconds_left: Option<u32>,
    /// Where the matches autosave, when they do.
    pub folder: Option<String>,
    /// The strategies and the scenario's personalities the computer may play a seat with.
    pub strategies: Vec<String>,
    pub personalities: Vec<String>,
    pub tables: Vec<TableStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableStatus {
    pub table: usize,
    pub seed: u64,
    /// Turns resolved, and the match's length.
    pub turn: u32,
    pub turns: u32,
    pub paused: bool,
    /// Set once the match is over.
    pub outcome: Option<Regime>,
    pub seats: Vec<SeatStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeatStatus {
    pub nation: String,
    pub name: String,
    /// Who plays the seat while the teacher has given it to the computer.
    pub computer: Option<ComputerPlayer>,
    /// The scenario's own AI for the nation: what the computer plays it with unless the
    /// teacher chooses otherwise.
    pub usual: Option<ComputerPlayer>,
    /// Whether a team holds the seat (it has claimed it).
    pub joined: bool,
    /// The pages open on the seat now.
    pub browsers: usize,
    /// Whether the seat has a move for this turn, and whether its team pressed End turn.
    pub chosen: bool,
    pub done: bool,
}

//! Which move, which event: positions in a scenario's lists of moves and of events, as their own
//! types, so that a move cannot be passed where an event, a nation or a proposal's place in the
//! pending list is meant. Nations stay plain `usize`: they index every per-nation list and the
//! relations matrix, and once moves and events have their own types nothing else of that type
//! sits beside a nation in a command, a record or an event.

use crate::sim::scenario::{EventSpec, MoveSpec};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Index;

/// A move: its position in `Scenario::moves` (0..moves.len()). Index a scenario's moves with it
/// (`scenario.moves[m]`); files keep moves by id, and `Rules::move_index` finds one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MoveIndex(pub usize);

/// An event: its position in `Scenario::events` (0..events.len()).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventIndex(pub usize);

impl MoveIndex {
    /// Every move of a list, in order.
    pub fn all(moves: &[MoveSpec]) -> impl Iterator<Item = MoveIndex> + use<> {
        (0..moves.len()).map(MoveIndex)
    }
}

impl EventIndex {
    /// Every event of a list, in order.
    pub fn all(events: &[EventSpec]) -> impl Iterator<Item = EventIndex> + use<> {
        (0..events.len()).map(EventIndex)
    }
}

impl Index<MoveIndex> for Vec<MoveSpec> {
    type Output = MoveSpec;

    fn index(&self, m: MoveIndex) -> &MoveSpec {
        &self[m.0]
    }
}

impl Index<EventIndex> for Vec<EventSpec> {
    type Output = EventSpec;

    fn index(&self, e: EventIndex) -> &EventSpec {
        &self[e.0]
    }
}

/// The position itself, from 0, as refusals and journals number moves.
impl fmt::Display for MoveIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for EventIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

//! What happened in a turn, as past-tense facts: what the UI animates and what histories record.

use crate::sim::play::state::Perception;
use crate::sim::play::strategy::Stance;
use bevy::prelude::Component;
use serde::{Deserialize, Serialize};

/// One fact about the turn just resolved. Indices are into the scenario's nations, moves and
/// events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SimEvent {
    MoveChosen {
        nation: usize,
        action: usize,
        stance: Stance,
    },
    MovePerceived {
        observer: usize,
        actor: usize,
        perception: Perception,
    },
    ProposalAnswered {
        from: usize,
        by: usize,
        /// The proposing move (index into the moves), whose agreement it is.
        #[serde(alias = "proposal")]
        action: usize,
        accepted: bool,
    },
    TreatySigned {
        parties: [usize; 2],
        /// The proposing move (index into the moves), whose agreement it is.
        #[serde(alias = "proposal")]
        action: usize,
    },
    TreatyBreachCaught {
        breaker: usize,
        by: usize,
        /// The proposing move (index into the moves), whose agreement it is.
        #[serde(alias = "proposal")]
        action: usize,
    },
    CardDrawn {
        card: usize,
        targets: Vec<usize>,
    },
    CrisisOpened {
        parties: [usize; 2],
        level: u8,
    },
    CrisisMoved {
        from: u8,
        to: u8,
    },
    CrisisEnded {
        level: u8,
        fizzled: bool,
    },
    ExchangeHappened {
        on_the_ladder: bool,
    },
}

/// This turn's facts, cleared when the next turn starts.
#[derive(Component, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TurnLog(pub Vec<SimEvent>);

//! What happened in a turn, as past-tense facts: what the UI animates and what histories record.

use crate::sim::play::state::Perception;
use crate::sim::play::strategy::Stance;
use crate::sim::scenario::{EventIndex, MoveIndex};
use bevy::prelude::Component;
use serde::{Deserialize, Serialize};

/// One fact about the turn just resolved. Nations are indices into the scenario's nations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SimEvent {
    MoveChosen {
        nation: usize,
        #[serde(alias = "action")]
        move_index: MoveIndex,
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
        /// The proposing move, whose agreement it is.
        #[serde(alias = "action", alias = "proposal")]
        move_index: MoveIndex,
        accepted: bool,
    },
    TreatySigned {
        parties: [usize; 2],
        /// The proposing move, whose agreement it is.
        #[serde(alias = "action", alias = "proposal")]
        move_index: MoveIndex,
    },
    TreatyBreachCaught {
        breaker: usize,
        by: usize,
        /// The proposing move, whose agreement it is.
        #[serde(alias = "action", alias = "proposal")]
        move_index: MoveIndex,
    },
    /// An event of the scenario fired, on these nations.
    #[serde(alias = "CardDrawn")]
    EventDrawn {
        #[serde(alias = "card")]
        event: EventIndex,
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
    /// An election in `nation`: the government `returned`, or the opposition in office, and the
    /// personality a computer seat now plays with, when it changed.
    ElectionHeld {
        nation: usize,
        returned: bool,
        personality: Option<usize>,
    },
    /// `nation` backed down in the crisis while `to` stood firm.
    ClimbedDown {
        nation: usize,
        to: usize,
    },
    /// These nations left a joint action on a shared threat to the others.
    FreeRiding {
        riders: Vec<usize>,
    },
}

/// This turn's facts, cleared when the next turn starts.
#[derive(Component, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TurnLog(pub Vec<SimEvent>);

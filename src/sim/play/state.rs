//! The state of one match, as ECS components of plain data: what the rules read and write.
//!
//! A match is one entity carrying these components; a batch is many such entities in one world,
//! advanced together by one pass of each system of the turn schedule.

use crate::sim::play::strategy::{Stance, Strategy};
use crate::sim::scenario::{EventIndex, Intent, MoveIndex, Threats};
use bevy::prelude::Component;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// A nation's true state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NationState {
    pub arms: f64,
    pub alert: u8,
    pub missile_defense: f64,
    pub budget: f64,
    pub approval: f64,
    pub score: f64,
}

#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Nations(pub Vec<NationState>);

/// How one nation sees another.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RelationState {
    /// The observer's trust in the subject, 0..100.
    pub trust: f64,
    /// How well the observer can verify the subject, 0..100.
    pub transparency: f64,
    /// The observer's estimate of the subject's arms.
    pub belief: f64,
    pub hotline: bool,
}

/// Every ordered pair (observer, subject), row-major; the diagonal is unused.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relations {
    pub n: usize,
    pub cells: Vec<RelationState>,
}

impl Relations {
    pub fn get(&self, observer: usize, subject: usize) -> &RelationState {
        &self.cells[observer * self.n + subject]
    }

    pub fn get_mut(&mut self, observer: usize, subject: usize) -> &mut RelationState {
        &mut self.cells[observer * self.n + subject]
    }

    /// Every ordered pair of distinct nations.
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + use<> {
        let n = self.n;
        (0..n).flat_map(move |i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
    }

    pub fn min_trust(&self) -> f64 {
        self.pairs()
            .map(|(i, j)| self.get(i, j).trust)
            .fold(100.0, f64::min)
    }

    pub fn mean_trust(&self) -> f64 {
        self.mean(|r| r.trust)
    }

    pub fn mean_transparency(&self) -> f64 {
        self.mean(|r| r.transparency)
    }

    pub fn min_transparency(&self) -> f64 {
        self.pairs()
            .map(|(i, j)| self.get(i, j).transparency)
            .fold(100.0, f64::min)
    }

    pub fn hotline_share(&self) -> f64 {
        self.mean(|r| if r.hotline { 1.0 } else { 0.0 })
    }

    fn mean(&self, f: impl Fn(&RelationState) -> f64) -> f64 {
        let (sum, count) = self.pairs().fold((0.0, 0usize), |(s, c), (i, j)| {
            (s + f(self.get(i, j)), c + 1)
        });
        if count == 0 { 0.0 } else { sum / count as f64 }
    }
}

/// A signed agreement between two nations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Treaty {
    /// The move that proposed it (its terms are that move's `proposes`).
    #[serde(alias = "action", alias = "proposal")]
    pub move_index: MoveIndex,
    pub parties: [usize; 2],
    /// Each party's arms cap, when the agreement caps arms.
    pub caps: Option<[f64; 2]>,
    pub signed: u32,
}

/// An offer waiting for the others' answers next turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub from: usize,
    /// The proposing move.
    #[serde(alias = "action", alias = "proposal")]
    pub move_index: MoveIndex,
    pub turn: u32,
}

/// An open crisis: two parties on a rung of the escalation ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Crisis {
    pub parties: [usize; 2],
    pub level: u8,
    pub opened: u32,
    /// The highest rung reached so far.
    pub peak: u8,
}

#[derive(Component, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Diplomacy {
    pub treaties: Vec<Treaty>,
    pub proposals: Vec<Proposal>,
    pub crisis: Option<Crisis>,
}

/// The state classified from the numbers alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Regime {
    Catastrophe,
    #[serde(rename = "MAD")]
    Mad,
    #[serde(rename = "MAS")]
    Mas,
    Unsettled,
}

impl Regime {
    pub const ALL: [Regime; 4] = [
        Regime::Mas,
        Regime::Mad,
        Regime::Catastrophe,
        Regime::Unsettled,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Regime::Catastrophe => "Catastrophe",
            Regime::Mad => "MAD",
            Regime::Mas => "MAS",
            Regime::Unsettled => "Unsettled",
        }
    }
}

/// The outcome of a match uses the same four names as the regime.
pub type Outcome = Regime;

/// Where a match stands in time: the turns played, the turn it stops at, and its outcome once
/// it is over.
#[derive(Component, Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Clock {
    /// Turns completed so far.
    pub turn: u32,
    /// The turn count this match stops at.
    pub turns: u32,
    pub outcome: Option<Outcome>,
}

impl Clock {
    /// Whether the match is over (it has an outcome).
    pub fn finished(&self) -> bool {
        self.outcome.is_some()
    }
}

/// The threats no nation can face alone (0..100 each), and the last turn on which nations
/// acted together against one (what the MAS regime's joint-action condition reads).
#[derive(Component, Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SharedThreats {
    pub levels: Threats,
    pub last_joint_action: Option<u32>,
}

/// This turn's chance of a nuclear exchange (a probability, 0..1) and whether one has happened.
#[derive(Component, Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ExchangeRisk {
    pub chance: f64,
    pub exchange: bool,
}

/// The regime of each turn played, oldest first, and the record of total arms that the MAS
/// regime's "arms flat or falling" condition compares.
#[derive(Component, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegimeHistory {
    pub regimes: Vec<Regime>,
    /// Total arms at the end of each of the last `arms_window` turns and of the turn before
    /// them (the starting total while fewer turns have been played), oldest first.
    pub arms_totals: Vec<f64>,
}

impl RegimeHistory {
    /// Records the total arms at the end of a turn, keeping the last `window + 1` totals.
    pub fn record_arms_total(&mut self, total: f64, window: u32) {
        self.arms_totals.push(total);
        let keep = (window as usize).saturating_add(1);
        if self.arms_totals.len() > keep {
            let drop = self.arms_totals.len() - keep;
            self.arms_totals.drain(..drop);
        }
    }
}

/// Who decides a nation's moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Controller {
    /// A standard strategy decides the stance; the personality picks the move.
    Ai {
        strategy: Strategy,
        personality: usize,
    },
    /// A person, through the UI: the orders arrive as commands before the turn runs.
    Human,
}

/// A nation's seat: its controller and what it remembers, as it perceived it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seat {
    pub controller: Controller,
    /// Its own stances, oldest first.
    pub mine: Vec<Stance>,
    /// The others' stances as it perceived them (hostile if at least half of them were read as
    /// hostile), oldest first.
    pub theirs: Vec<Stance>,
    /// The turns (0-based, as `mine` counts them) on which its opportunist personality turned
    /// its strategy's cooperation into a test of the others (`rules::opportunist_stance`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tests: Vec<u32>,
    /// The personality its government had before an election brought in the opposition, which
    /// the next lost election brings back (`rules::politics::hold_election`); none while that
    /// government is in office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home: Option<usize>,
}

#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seats(pub Vec<Seat>);

/// This turn's commands: each nation's move and stance, answers to pending proposals, and the
/// events a facilitator forces into the turn.
#[derive(Component, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Orders {
    pub moves: Vec<Option<MoveIndex>>,
    pub stances: Vec<Stance>,
    /// (proposal index in `Diplomacy::proposals`, answering nation, accepted).
    pub answers: Vec<(usize, usize, bool)>,
    /// Events of the scenario that fire this turn whatever their chance.
    #[serde(default)]
    pub injected: Vec<EventIndex>,
}

/// How an observer saw an actor's move this turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Perception {
    /// The intent it read; `None` when a secret move went unseen.
    pub seen: Option<Intent>,
    /// Read otherwise than it was meant: more hostile, or (complacency) more harmless.
    pub misread: bool,
    /// A secret move that was caught.
    pub detected: bool,
}

/// This turn's perceptions, per ordered pair like `Relations`.
#[derive(Component, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Perceptions(pub Vec<Perception>);

/// The match's own random stream: a seed and the commands replay a match exactly.
#[derive(Component, Debug, Clone)]
pub struct GameRng(pub ChaCha8Rng);

/// Which game of a batch this entity is, and its seed.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct GameId {
    pub index: usize,
    pub seed: u64,
}

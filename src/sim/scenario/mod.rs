//! Scenario files: nations, moves, events and every coefficient of the model, as plain data.
//!
//! Nothing here knows about the ECS; `load.rs` reads and checks these types, `rules/` computes
//! with them. Every number the rules use comes from one of these structs.

pub mod catalog;
pub mod events;
pub mod fingerprint;
pub mod index;
pub mod load;
pub mod moves;
pub mod overrides;
pub mod params;
pub mod scale;
pub mod unique;
pub mod validate;

use crate::sim::scenario::unique::unique_keys;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole scenario after its deck has been merged in: what `detente check` validates and what a
/// match is built from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub year: i32,
    pub description: String,
    /// How much time one turn stands for, in words ("one quarter").
    pub turn_length: String,
    pub turns: u32,
    /// A deck file (moves, events, personalities) shared between scenarios, relative to this file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deck: Option<String>,
    pub nations: Vec<NationSpec>,
    pub relations: RelationSpec,
    pub threats: Threats,
    pub params: Params,
    pub payoffs: Payoffs,
    /// Names of the escalation ladder's rungs, from the first sign of crisis to the exchange.
    #[serde(default)]
    pub ladder: Vec<String>,
    #[serde(default)]
    pub moves: Vec<MoveSpec>,
    #[serde(default)]
    pub events: Vec<EventSpec>,
    #[serde(default, deserialize_with = "unique_keys")]
    pub personalities: BTreeMap<String, Personality>,
    /// Agreements in force at the start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<StartingAgreement>,
}

/// One nation's starting position and its default AI.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationSpec {
    pub id: String,
    pub name: String,
    /// `#rrggbb`, for the desktop and the reports.
    pub colour: String,
    /// The arsenal, 0..100, on the one scale of every scenario (`scale`: 25 points for each
    /// tenfold increase in warheads; 1,000 warheads are 50).
    pub arms: f64,
    /// The sourced stockpile the starting `arms` was set from (`scale::arms_of_warheads`); when
    /// present, the screens show arms as warheads on the scale. A nation without it (the
    /// prisoner's dilemma's) shows none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warheads: Option<u32>,
    /// 0 peacetime .. 3 hair-trigger.
    pub alert: u8,
    pub missile_defense: f64,
    pub budget: f64,
    /// Budget gained each turn.
    pub income: f64,
    pub approval: f64,
    /// The standard strategy that decides this nation's intent when no `--ai` is given.
    pub strategy: String,
    /// The personality that turns an intent into a concrete move.
    pub personality: String,
    /// Richardson coefficients for this nation; `params.arms` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub richardson: Option<Richardson>,
    /// The personality the opposition would govern with: an `Election` it wins (approval below
    /// `politics.reelection`) gives a computer seat this personality, and the next one it wins
    /// gives back `personality`. Absent, elections change no personality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opposition: Option<String>,
}

/// An agreement in force when the match begins (signed before it: any arms cut is already
/// made, and the cap is the starting arms), or, with `in_force: false`, one the scenario names
/// so that `--set agreements.ID.in_force=true` can start a match with it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartingAgreement {
    /// The move that proposes it (its terms are that move's `proposes`).
    pub id: String,
    /// The two nations bound by it, by id.
    pub parties: [String; 2],
    #[serde(default = "yes")]
    pub in_force: bool,
}

fn yes() -> bool {
    true
}

/// Starting trust and transparency for every ordered pair, with per-pair exceptions.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationSpec {
    pub trust: f64,
    pub transparency: f64,
    #[serde(default)]
    pub pairs: Vec<PairSpec>,
}

/// How `from` sees `to` at the start, where it differs from the defaults.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairSpec {
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transparency: Option<f64>,
    #[serde(default)]
    pub hotline: bool,
}

/// Shared, global threats, 0..100 each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threats {
    pub terrorism: f64,
    pub proliferation: f64,
    pub disaster: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ThreatKind {
    Terrorism,
    Proliferation,
    Disaster,
}

impl Scenario {
    /// The display name of the nation with this id (the id itself if there is none): turn
    /// records name nations and moves by id.
    pub fn nation_name(&self, id: &str) -> String {
        self.nations
            .iter()
            .find(|n| n.id == id)
            .map_or(id.to_string(), |n| n.name.clone())
    }

    /// The title with the year, unless the title says it already: "The Brink, 1962",
    /// "The Prisoner's Dilemma (1950)".
    pub fn title_and_year(&self) -> String {
        if self.title.contains(&self.year.to_string()) {
            self.title.clone()
        } else {
            format!("{} ({})", self.title, self.year)
        }
    }

    /// The move with this id.
    pub fn move_index(&self, id: &str) -> Option<MoveIndex> {
        self.moves.iter().position(|m| m.id == id).map(MoveIndex)
    }

    /// The event with this id.
    pub fn event_index(&self, id: &str) -> Option<EventIndex> {
        self.events.iter().position(|e| e.id == id).map(EventIndex)
    }

    /// The move `m`, if the scenario has it.
    pub fn get_move(&self, m: MoveIndex) -> Option<&MoveSpec> {
        self.moves.get(m.0)
    }

    /// The event `e`, if the scenario has it.
    pub fn get_event(&self, e: EventIndex) -> Option<&EventSpec> {
        self.events.get(e.0)
    }

    /// The display name of the move with this id (the id itself if there is none).
    pub fn move_name(&self, id: &str) -> String {
        self.moves
            .iter()
            .find(|m| m.id == id)
            .map_or(id.to_string(), |m| m.name.clone())
    }
}

impl ThreatKind {
    pub const ALL: [ThreatKind; 3] = [
        ThreatKind::Terrorism,
        ThreatKind::Proliferation,
        ThreatKind::Disaster,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ThreatKind::Terrorism => "terrorism",
            ThreatKind::Proliferation => "proliferation",
            ThreatKind::Disaster => "disaster",
        }
    }
}

impl Threats {
    pub fn get(&self, kind: ThreatKind) -> f64 {
        match kind {
            ThreatKind::Terrorism => self.terrorism,
            ThreatKind::Proliferation => self.proliferation,
            ThreatKind::Disaster => self.disaster,
        }
    }

    pub fn get_mut(&mut self, kind: ThreatKind) -> &mut f64 {
        match kind {
            ThreatKind::Terrorism => &mut self.terrorism,
            ThreatKind::Proliferation => &mut self.proliferation,
            ThreatKind::Disaster => &mut self.disaster,
        }
    }
}

pub use crate::sim::scenario::events::{Chance, EventSpec, Target};
pub use crate::sim::scenario::index::{EventIndex, MoveIndex};
pub use crate::sim::scenario::moves::{
    Agreement, Effect, Intent, MoveSpec, Personality, Requirement, Visibility,
};
pub use crate::sim::scenario::params::*;

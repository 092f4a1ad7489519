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
}

/// One nation's starting position and its default AI.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationSpec {
    pub id: String,
    pub name: String,
    /// `#rrggbb`, for the desktop and the reports.
    pub colour: String,
    /// Normalised arsenal, 0..100.
    pub arms: f64,
    /// Deployed warheads at `arms`, for display only; scaled with arms as the game goes on.
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

/// The one-shot payoffs of the prisoner's dilemma, scored each turn on the moves' true intents.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payoffs {
    /// Temptation: I defect, you cooperate.
    pub t: f64,
    /// Reward: both cooperate.
    pub r: f64,
    /// Punishment: both defect.
    pub p: f64,
    /// Sucker's payoff: I cooperate, you defect.
    pub s: f64,
    /// Added to every nation's score when an exchange happens.
    pub catastrophe: f64,
}

/// Every coefficient of the per-turn pipeline, grouped by stage.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Chance that an AI's chosen stance is carried out as the other one (an execution error,
    /// as in the noisy tournaments of the literature); separate from misperception.
    #[serde(default)]
    pub execution_noise: f64,
    /// Transparency (0..100) at which a nation verifies another's true arms; below it, it
    /// knows only its estimate (`view::SeatView`). 75 when a scenario does not say.
    #[serde(default = "default_verification")]
    pub verification: f64,
    pub perception: PerceptionParams,
    pub trust: TrustParams,
    pub arms: Richardson,
    pub transparency: TransparencyParams,
    pub treaty: TreatyParams,
    pub crisis: CrisisParams,
    pub threats: ThreatParams,
    pub risk: RiskParams,
    pub regime: RegimeParams,
}

/// The verification threshold of scenarios that do not set one.
pub const DEFAULT_VERIFICATION: f64 = 75.0;

fn default_verification() -> f64 {
    DEFAULT_VERIFICATION
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerceptionParams {
    /// Spread of the noise on believed arms at transparency 0.
    pub sigma: f64,
    /// Chance that a secret move is detected at transparency 100.
    pub detect: f64,
    /// How far beliefs lean to the worst case at trust 0, in units of the noise spread.
    pub worst_case: f64,
    /// Whether distrust can push a misread cooperative move a second step, to hostile.
    pub distrust_second_step: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustParams {
    /// Trust gained from a move read as cooperative, when it can be fully verified.
    pub gain: f64,
    /// Share of `gain` lost when the move cannot be verified at all (transparency 0); the loss
    /// shrinks linearly to nothing at transparency 100: trust, but verify.
    pub unverified_discount: f64,
    /// Trust lost to a move read as hostile (greater than `gain`).
    pub loss: f64,
    /// The level trust drifts back to.
    pub baseline: f64,
    /// Share of the gap to the baseline closed each turn.
    pub drift: f64,
}

/// One step of Richardson's arms race: `arms += k·belief − a·arms + g·(1 − trust/100)`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Richardson {
    /// Reaction to the other side's (believed) arms.
    pub k: f64,
    /// Fatigue: the cost of keeping what one has.
    pub a: f64,
    /// Grievance: build-up driven by distrust alone.
    pub g: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransparencyParams {
    /// Share of the excess over the floor lost each turn.
    pub decay: f64,
    /// The floor without any agreement.
    pub floor: f64,
    /// Points a turn by which transparency rises towards a higher floor that an agreement
    /// guarantees: a verification regime takes time to set up.
    pub build: f64,
    /// Extra floor while a hotline is open.
    pub hotline_floor: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreatyParams {
    /// Lowest trust in the proposer at which an AI that means to cooperate accepts.
    pub accept_trust: f64,
    /// Chance per turn, at transparency 100, that a breach of a cap is caught.
    pub detect: f64,
    /// Trust lost, by the victim, when a breach is caught.
    pub breach_loss: f64,
    /// Arms above the cap tolerated before it counts as a breach.
    pub tolerance: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisParams {
    /// Trust each party loses in the other per turn per rung of an open crisis.
    pub trust_loss_per_level: f64,
    /// Turns after which a crisis that has not escalated fizzles out.
    pub max_turns: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreatParams {
    /// Points each threat grows per turn when nobody works on it.
    pub growth: f64,
    /// Turns that a joint action on a shared threat counts for MAS.
    pub joint_memory: u32,
}

/// The per-turn hazard of an exchange: `base · exp(Σ weight · factor)`, capped at `max`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskParams {
    pub base: f64,
    /// Weight of the highest alert level, 0..1.
    pub alert: f64,
    /// Weight of tension, 1 − lowest trust/100.
    pub tension: f64,
    /// Weight of mean arms/100.
    pub arms: f64,
    /// Weight of the crisis rung, 0..1 of the ladder.
    pub crisis: f64,
    /// Weight (subtracted) of mean transparency/100.
    pub transparency: f64,
    /// Weight (subtracted) of the share of pairs with a hotline.
    pub hotline: f64,
    pub max: f64,
    /// Minutes to midnight at zero risk; the clock reads `clock · exp(−risk · clock_rate)`.
    pub clock: f64,
    pub clock_rate: f64,
}

/// Thresholds that classify each turn's state as MAS, MAD or unsettled.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegimeParams {
    pub mas_trust: f64,
    pub mas_transparency: f64,
    pub mas_risk: f64,
    /// Turns over which arms must be flat or falling for MAS.
    pub arms_window: u32,
    /// How much total arms may rise over `arms_window` and still count as flat.
    pub arms_slack: f64,
    /// Whether MAS needs recent joint action on a shared threat.
    pub mas_needs_joint_action: bool,
    pub mad_trust: f64,
    pub mad_arms: f64,
    pub mad_risk: f64,
    /// The outcome is MAS when the MAS regime held for this many final turns.
    pub mas_hold: u32,
}

pub use crate::sim::scenario::events::{Chance, EventSpec, Target};
pub use crate::sim::scenario::index::{EventIndex, MoveIndex};
pub use crate::sim::scenario::moves::{
    Agreement, Effect, Intent, MoveSpec, Personality, Requirement, Visibility,
};

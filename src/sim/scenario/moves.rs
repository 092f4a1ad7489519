//! Moves and personalities as data: what each move means, costs and does, and how an AI
//! personality weighs them.

use crate::sim::scenario::ThreatKind;
use crate::sim::scenario::unique::unique_keys;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How intents relate: cooperative < neutral < hostile; a misreading goes one step up (or, in
/// complacency, down).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Intent {
    Cooperative,
    Neutral,
    Hostile,
}

impl Intent {
    pub fn more_hostile(self) -> Intent {
        match self {
            Intent::Cooperative => Intent::Neutral,
            _ => Intent::Hostile,
        }
    }

    /// One step less hostile: what a complacent observer reads.
    pub fn less_hostile(self) -> Intent {
        match self {
            Intent::Hostile => Intent::Neutral,
            _ => Intent::Cooperative,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Intent::Cooperative => "cooperative",
            Intent::Neutral => "neutral",
            Intent::Hostile => "hostile",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    Public,
    Secret,
}

/// A move: data, read from the deck or the scenario.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveSpec {
    pub id: String,
    pub name: String,
    /// One sentence a student understands.
    pub description: String,
    pub intent: Intent,
    /// 0..1: how easily the move is read as one step more hostile than meant (or, by a
    /// complacent observer, one step more harmless: `PerceptionParams::complacency`).
    pub ambiguity: f64,
    pub visibility: Visibility,
    pub cost: f64,
    /// Crisis moves are what the parties to an open crisis answer with; they move the ladder.
    #[serde(default)]
    pub crisis_step: Option<i32>,
    /// Joint action on a shared threat (counts towards MAS).
    #[serde(default)]
    pub shared_threat: bool,
    #[serde(default)]
    pub requires: Vec<Requirement>,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// An agreement offered to the others; it binds only those who accept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposes: Option<Agreement>,
}

/// When a move may be chosen.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Requirement {
    AlertBelow(u8),
    AlertAbove(u8),
    MissileDefenseAtLeast(f64),
    ArmsAtLeast(f64),
    ArmsBelow(f64),
    NoHotline,
    ThreatAtLeast(ThreatKind, f64),
}

/// What a move or an event does to the true state. "Me" is the mover (or the event's target).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Effect {
    Arms(f64),
    Alert(i32),
    MissileDefense(f64),
    Budget(f64),
    Approval(f64),
    /// How well the others can verify me.
    TransparencyOfMe(f64),
    /// How well I can verify the others.
    TransparencyOfOthers(f64),
    /// Others' trust in me, beyond what they read into the move.
    TrustOfOthers(f64),
    /// My trust in the others.
    TrustInOthers(f64),
    Threat(ThreatKind, f64),
    /// Opens a hotline between me and every other nation.
    Hotline,
    /// Opens a crisis with the others at this rung (or raises an open one to it).
    Crisis(u8),
    /// Voters judge the government: at approval `politics.reelection` or more it is returned;
    /// below, the opposition takes office (`NationSpec::opposition`).
    Election,
}

impl Effect {
    /// A few words for a move card: what this does, signed.
    pub fn describe(&self) -> String {
        let signed = |v: f64| {
            if v >= 0.0 {
                format!("+{v:.0}")
            } else {
                format!("−{:.0}", -v)
            }
        };
        match self {
            Effect::Arms(v) => format!("arms {}", signed(*v)),
            Effect::Alert(v) => format!("alert {}", signed(f64::from(*v))),
            Effect::MissileDefense(v) => format!("missile defence {}", signed(*v)),
            Effect::Budget(v) => format!("budget {}", signed(*v)),
            Effect::Approval(v) => format!("approval {}", signed(*v)),
            Effect::TransparencyOfMe(v) => format!("others see you {}", signed(*v)),
            Effect::TransparencyOfOthers(v) => format!("you see others {}", signed(*v)),
            Effect::TrustOfOthers(v) => format!("their trust in you {}", signed(*v)),
            Effect::TrustInOthers(v) => format!("your trust {}", signed(*v)),
            Effect::Threat(kind, v) => format!("{} {}", kind.name(), signed(*v)),
            Effect::Hotline => "opens a hotline".into(),
            Effect::Crisis(level) => format!("opens a crisis at rung {level}"),
            Effect::Election => "an election".into(),
        }
    }
}

impl Agreement {
    /// Its terms in a line.
    pub fn describe(&self) -> String {
        let mut terms = Vec::new();
        if let Some(cut) = self.arms_cut {
            terms.push(format!("arms capped, cut by {cut:.0}"));
        }
        if self.transparency_floor > 0.0 {
            terms.push(format!(
                "inspections keep transparency ≥ {:.0}",
                self.transparency_floor
            ));
        }
        if self.trust_bonus > 0.0 {
            terms.push(format!("trust +{:.0} on signing", self.trust_bonus));
        }
        if self.shared_threat {
            terms.push("joint action on a shared threat".into());
        }
        format!("Proposes the {}: {}", self.name, terms.join(", "))
    }
}

/// The terms of a proposed agreement.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub name: String,
    /// Caps each party's arms at its level when signed, less this cut.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arms_cut: Option<f64>,
    /// Transparency both parties guarantee each other while it lasts.
    pub transparency_floor: f64,
    /// Counts as joint action on a shared threat while it lasts.
    #[serde(default)]
    pub shared_threat: bool,
    /// Trust each party gains in the other on signing.
    pub trust_bonus: f64,
    /// Shares the parties' missile defense (a joint fusion center): while it is in force, a
    /// partner's missile defense is no threat (`params.defense`), and early warning is shared
    /// (events weigh it by `Chance::early_warning`).
    #[serde(default)]
    pub shares_missile_defense: bool,
}

/// How a personality turns an intent into a concrete move.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Personality {
    pub description: String,
    /// When cooperating at trust 0, the share of picks that go to neutral hedges (missile
    /// defense, modernisation) rather than openly cooperative moves; it falls linearly to 0 at
    /// trust 100.
    pub hedge: f64,
    /// Relative weights of moves by id; a move not listed has weight 1.
    #[serde(default, deserialize_with = "unique_keys")]
    pub weights: BTreeMap<String, f64>,
    /// 0..1: the chance that, meaning to cooperate, it defects instead while its last
    /// defection went unanswered (the other side cooperated the turn after): it exploits a
    /// rival that does not retaliate, and leaves alone one that does. 0 (the default): never.
    #[serde(default)]
    pub opportunism: f64,
    /// Turns of a rival's unbroken cooperation after which an opportunist tests it (8 when
    /// absent).
    #[serde(default = "default_probe_after")]
    pub probe_after: u32,
}

fn default_probe_after() -> u32 {
    8
}

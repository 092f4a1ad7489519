//! Events as data: what can happen to the nations, and how the state makes it likelier.

use crate::sim::scenario::moves::Effect;
use serde::{Deserialize, Serialize};

/// An event; its chance each turn grows with the state it feeds on.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    pub id: String,
    pub name: String,
    pub description: String,
    pub chance: Chance,
    pub target: Target,
    #[serde(default)]
    pub effects: Vec<Effect>,
}

/// `base + Σ weight · factor`, each factor in 0..1, clamped to 0..1.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Chance {
    pub base: f64,
    /// Highest alert / 3.
    pub alert: f64,
    /// 1 − lowest trust / 100.
    pub tension: f64,
    /// 1 − mean transparency / 100.
    pub opacity: f64,
    /// Mean arms / 100.
    pub arms: f64,
    pub terrorism: f64,
    pub proliferation: f64,
    pub disaster: f64,
    /// Share of pairs of nations bound by an agreement that shares missile defense (early
    /// warning, `Agreement::shares_missile_defense`); a negative weight makes the event rarer.
    pub early_warning: f64,
}

/// Whom an event strikes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// Every nation.
    All,
    /// One nation, drawn at random.
    Random,
    /// The nation with the highest alert (a false alarm), ties by order.
    HighestAlert,
    /// The nation that trusts its rival least (a proxy war), ties by order.
    Tensest,
    /// One nation, drawn at random among those whose government an election can change (an
    /// `opposition`); none when no nation has one, and then the event does not happen.
    Democracy,
}

//! A match as a snapshot: every component of it, bit for bit, the random stream's position
//! included. Captured from a world, and put back as a bundle.

use crate::sim::archive::history::{History, TurnRecord};
use crate::sim::archive::tally::Tally;
use crate::sim::play::log::TurnLog;
use crate::sim::play::state::{
    Clock, Diplomacy, ExchangeRisk, GameId, GameRng, Nations, Orders, Outcome, Perceptions, Regime,
    RegimeHistory, Relations, Seats, SharedThreats,
};
use crate::sim::scenario::Threats;
use bevy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// Where a match's random stream stands: its seed and how many words it has used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RngState {
    pub seed: u64,
    pub word_pos: u64,
}

/// A match's clock, shared threats, risk and regimes as a save holds them: under one key, as
/// every save version has. In play they are four components (`Clock`, `SharedThreats`,
/// `ExchangeRisk`, `RegimeHistory`), since each stage of a turn touches only some of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Globals {
    /// Turns completed so far (`Clock`).
    pub turn: u32,
    /// The turn count the match stops at.
    pub turns: u32,
    /// The shared threats (`SharedThreats::levels`).
    pub threats: Threats,
    /// This turn's chance of an exchange (`ExchangeRisk::chance`), 0..1.
    pub risk: f64,
    pub exchange: bool,
    /// Each turn's regime (`RegimeHistory`).
    pub regimes: Vec<Regime>,
    /// The recent totals of arms that the MAS rule compares (`RegimeHistory::arms_totals`).
    pub arms_totals: Vec<f64>,
    pub last_joint_action: Option<u32>,
    pub outcome: Option<Outcome>,
}

impl Globals {
    fn of(world: &World, entity: Entity) -> Option<Globals> {
        let clock = world.get::<Clock>(entity)?;
        let threats = world.get::<SharedThreats>(entity)?;
        let risk = world.get::<ExchangeRisk>(entity)?;
        let history = world.get::<RegimeHistory>(entity)?.clone();
        Some(Globals {
            turn: clock.turn,
            turns: clock.turns,
            threats: threats.levels,
            risk: risk.chance,
            exchange: risk.exchange,
            regimes: history.regimes,
            arms_totals: history.arms_totals,
            last_joint_action: threats.last_joint_action,
            outcome: clock.outcome,
        })
    }

    fn into_components(self) -> (Clock, SharedThreats, ExchangeRisk, RegimeHistory) {
        (
            Clock {
                turn: self.turn,
                turns: self.turns,
                outcome: self.outcome,
            },
            SharedThreats {
                levels: self.threats,
                last_joint_action: self.last_joint_action,
            },
            ExchangeRisk {
                chance: self.risk,
                exchange: self.exchange,
            },
            RegimeHistory {
                regimes: self.regimes,
                arms_totals: self.arms_totals,
            },
        )
    }
}

/// Every component of a match: its exact state, bit for bit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchState {
    pub rng: RngState,
    pub nations: Nations,
    pub relations: Relations,
    pub diplomacy: Diplomacy,
    pub globals: Globals,
    pub seats: Seats,
    pub orders: Orders,
    pub perceptions: Perceptions,
    /// The facts of the last turn resolved.
    pub log: TurnLog,
    pub tally: Tally,
    pub history: Vec<TurnRecord>,
}

impl MatchState {
    /// The state of the match `entity`, if it is a recorded match.
    pub fn capture(world: &World, entity: Entity) -> Option<MatchState> {
        let rng = &world.get::<GameRng>(entity)?.0;
        Some(MatchState {
            rng: RngState {
                seed: world.get::<GameId>(entity)?.seed,
                word_pos: u64::try_from(rng.get_word_pos()).ok()?,
            },
            nations: world.get::<Nations>(entity)?.clone(),
            relations: world.get::<Relations>(entity)?.clone(),
            diplomacy: world.get::<Diplomacy>(entity)?.clone(),
            globals: Globals::of(world, entity)?,
            seats: world.get::<Seats>(entity)?.clone(),
            orders: world.get::<Orders>(entity)?.clone(),
            perceptions: world.get::<Perceptions>(entity)?.clone(),
            log: world.get::<TurnLog>(entity)?.clone(),
            tally: *world.get::<Tally>(entity)?,
            history: world.get::<History>(entity)?.0.clone(),
        })
    }

    /// The components that put a match in exactly this state (inserted over an existing match,
    /// they replace its state).
    pub fn into_bundle(self) -> impl Bundle {
        let mut rng = ChaCha8Rng::seed_from_u64(self.rng.seed);
        rng.set_word_pos(u128::from(self.rng.word_pos));
        (
            GameId {
                index: 0,
                seed: self.rng.seed,
            },
            GameRng(rng),
            self.nations,
            self.relations,
            self.diplomacy,
            self.globals.into_components(),
            (
                self.seats,
                self.orders,
                self.perceptions,
                self.log,
                self.tally,
                History(self.history),
            ),
        )
    }
}

//! The one fixture of the rules' unit tests: the parts of a match at its start, built as a
//! match is (`run::new_match`), that moves and events change.

use super::Rules;
use super::apply::{Affected, apply_moves};
use crate::sim::play::log::TurnLog;
use crate::sim::play::run::{Plan, new_match};
use crate::sim::play::state::{
    Crisis, Diplomacy, ExchangeRisk, Nations, Orders, Relations, Seats, SharedThreats, Treaty,
};
use crate::sim::play::strategy::Stance;
use bevy::prelude::World;

/// The parts of a match at its start that moves and events change.
#[derive(Clone)]
pub(super) struct Fixture {
    pub(super) nations: Nations,
    pub(super) relations: Relations,
    pub(super) diplomacy: Diplomacy,
    pub(super) threats: SharedThreats,
    pub(super) seats: Seats,
    pub(super) risk: ExchangeRisk,
    pub(super) log: TurnLog,
}

impl Fixture {
    pub(super) fn new(rules: &Rules) -> Fixture {
        let plan = Plan {
            controllers: rules.default_controllers(),
            turns: 40,
            record: false,
            trajectories: 0,
            openings: Vec::new(),
        };
        let mut world = World::new();
        let e = world.spawn(new_match(rules, &plan, 0, 1)).id();
        Fixture {
            nations: world.get::<Nations>(e).unwrap().clone(),
            relations: world.get::<Relations>(e).unwrap().clone(),
            diplomacy: world.get::<Diplomacy>(e).unwrap().clone(),
            threats: *world.get::<SharedThreats>(e).unwrap(),
            seats: world.get::<Seats>(e).unwrap().clone(),
            risk: ExchangeRisk::default(),
            log: TurnLog::default(),
        }
    }

    pub(super) fn affected(&mut self) -> Affected<'_> {
        Affected {
            turn: 0,
            nations: &mut self.nations,
            relations: &mut self.relations,
            diplomacy: &mut self.diplomacy,
            threats: &mut self.threats,
            seats: &mut self.seats,
            risk: &mut self.risk,
            log: &mut self.log,
        }
    }

    /// Stage 3 on these moves, by id (none answering a proposal).
    pub(super) fn apply(&mut self, rules: &Rules, moves: &[&str]) {
        self.apply_orders(rules, &orders(rules, moves));
    }

    /// Stage 3 on these orders.
    pub(super) fn apply_orders(&mut self, rules: &Rules, orders: &Orders) {
        apply_moves(rules, orders, &mut self.affected());
    }

    pub(super) fn scores(&self) -> Vec<f64> {
        self.nations.0.iter().map(|n| n.score).collect()
    }

    /// A crisis between the first two nations, opened this turn on rung `level`.
    pub(super) fn in_crisis(&mut self, level: u8) {
        self.diplomacy.crisis = Some(Crisis {
            parties: [0, 1],
            level,
            opened: 0,
            peak: level,
        });
    }

    pub(super) fn fusion_center(&mut self, rules: &Rules) {
        self.diplomacy.treaties.push(Treaty {
            move_index: rules.move_index("propose_joint_fusion_center").unwrap(),
            parties: [0, 1],
            caps: None,
            signed: 0,
        });
    }
}

/// Orders of these moves, by id, every stance cooperative and no answers.
pub(super) fn orders(rules: &Rules, moves: &[&str]) -> Orders {
    Orders {
        moves: moves.iter().map(|m| rules.move_index(m)).collect(),
        stances: vec![Stance::Cooperate; moves.len()],
        answers: vec![],
        injected: vec![],
    }
}

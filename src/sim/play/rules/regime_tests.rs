//! The regime's rules, one condition at a time (`regime_of`), and the turn's close.

use super::*;
use crate::sim::play::rules::shipped;
use crate::sim::play::state::{NationState, RelationState};
use crate::sim::scenario::RegimeParams;

/// The parts of a match the regime reads.
#[derive(Clone)]
struct State {
    nations: Nations,
    relations: Relations,
    diplomacy: Diplomacy,
    clock: Clock,
    threats: SharedThreats,
    risk: ExchangeRisk,
    history: RegimeHistory,
}

/// A state of `reset_2013` in which every MAS condition holds with room to spare.
fn stable(rules: &Rules) -> State {
    let nation = NationState {
        arms: 40.0,
        alert: 0,
        missile_defense: 10.0,
        budget: 50.0,
        approval: 60.0,
        score: 0.0,
    };
    let cell = RelationState {
        trust: 80.0,
        transparency: 80.0,
        belief: 40.0,
        hotline: true,
    };
    State {
        nations: Nations(vec![nation; 2]),
        relations: Relations {
            n: 2,
            cells: vec![cell; 4],
        },
        diplomacy: Diplomacy::default(),
        clock: Clock {
            turn: 10,
            turns: 40,
            outcome: None,
        },
        threats: SharedThreats {
            levels: rules.scenario.threats,
            last_joint_action: Some(9),
        },
        risk: ExchangeRisk {
            chance: 0.002,
            exchange: false,
        },
        history: RegimeHistory {
            regimes: Vec::new(),
            arms_totals: vec![80.0; 4],
        },
    }
}

fn regime(rules: &Rules, s: &State) -> Regime {
    regime_of(
        rules,
        &s.nations,
        &s.relations,
        &s.diplomacy,
        &s.clock,
        &s.threats,
        &s.risk,
        &s.history,
    )
}

/// Classifies the turn and ends it, as the turn's last two stages do.
fn close_turn(rules: &Rules, s: &mut State) {
    classify_regime(
        rules,
        &s.nations,
        &s.relations,
        &s.diplomacy,
        &s.clock,
        &s.threats,
        &s.risk,
        &mut s.history,
    );
    end_turn(rules, &s.history, &mut s.nations, &mut s.clock);
}

/// Each condition of MAS, broken alone, ends the MAS regime.
#[test]
fn each_mas_condition_alone_decides_mas() {
    let rules = shipped("reset_2013");
    let p = rules.scenario.params.regime.clone();
    let memory = rules.scenario.params.threats.joint_memory;
    assert!(p.mas_needs_joint_action);
    assert_eq!(regime(&rules, &stable(&rules)), Regime::Mas);
    let breaks: [(&str, fn(&mut State, &RegimeParams, u32)); 6] = [
        ("one pair's trust below mas_trust", |s, p, _| {
            s.relations.get_mut(1, 0).trust = p.mas_trust - 0.1
        }),
        (
            "one pair's transparency below mas_transparency",
            |s, p, _| s.relations.get_mut(0, 1).transparency = p.mas_transparency - 0.1,
        ),
        ("risk above mas_risk", |s, p, _| {
            s.risk.chance = p.mas_risk + 1e-4
        }),
        (
            "arms up by more than arms_slack over the window",
            |s, p, _| *s.history.arms_totals.last_mut().unwrap() = 80.0 + p.arms_slack + 0.1,
        ),
        (
            "no joint action within joint_memory turns",
            |s, _, memory| s.threats.last_joint_action = Some(s.clock.turn - memory),
        ),
        ("no joint action at all", |s, _, _| {
            s.threats.last_joint_action = None
        }),
    ];
    for (what, break_it) in breaks {
        let mut state = stable(&rules);
        break_it(&mut state, &p, memory);
        assert_ne!(regime(&rules, &state), Regime::Mas, "{what}");
    }
    // Within the slack, and falling, arms still count as flat.
    let mut state = stable(&rules);
    *state.history.arms_totals.last_mut().unwrap() = 80.0 + p.arms_slack;
    assert_eq!(regime(&rules, &state), Regime::Mas);
    state.history.arms_totals = vec![90.0, 85.0, 80.0, 70.0];
    assert_eq!(regime(&rules, &state), Regime::Mas);
    // Only `arms_window` turns count: a rise before them does not.
    state.history.arms_totals = vec![10.0, 80.0, 80.0, 80.0, 80.0];
    assert_eq!(regime(&rules, &state), Regime::Mas);
}

/// Under the rule of Détente 0.5.0 (`mad_mutual` off), MAD needs low mean trust and one of
/// a large arsenal or high risk; an exchange is catastrophe.
#[test]
fn each_mad_condition_alone_decides_mad_under_the_largest_arsenal_rule() {
    let mut rules = shipped("reset_2013");
    rules.scenario.params.regime.mad_mutual = false;
    let p = rules.scenario.params.regime.clone();
    let mut armed = stable(&rules);
    armed
        .relations
        .cells
        .iter_mut()
        .for_each(|c| c.trust = p.mad_trust);
    armed.nations.0[1].arms = p.mad_arms;
    armed.nations.0[0].arms = 0.0;
    assert_eq!(regime(&rules, &armed), Regime::Mad);
    let mut trusting = armed.clone();
    trusting.relations.get_mut(0, 1).trust = p.mad_trust + 1.0;
    assert_eq!(regime(&rules, &trusting), Regime::Unsettled);
    let mut disarmed = armed.clone();
    disarmed.nations.0[1].arms = p.mad_arms - 0.1;
    assert_eq!(regime(&rules, &disarmed), Regime::Unsettled);
    let mut risky = disarmed.clone();
    risky.risk.chance = p.mad_risk;
    assert_eq!(regime(&rules, &risky), Regime::Mad);
    let mut exchanged = stable(&rules);
    exchanged.risk.exchange = true;
    assert_eq!(regime(&rules, &exchanged), Regime::Catastrophe);
}

/// With `mad_mutual` (every shipped scenario), MAD needs each side able to destroy the
/// other, against the other's missile defense: a monopoly in distrust is not MAD, and
/// neither is high risk alone.
#[test]
fn mad_needs_mutual_deterrence_and_a_monopoly_is_not_mad() {
    let rules = shipped("reset_2013");
    let p = rules.scenario.params.regime.clone();
    let intercept = rules.scenario.params.defense.intercept;
    assert!(p.mad_mutual && intercept > 0.0);
    let mut armed = stable(&rules);
    armed
        .relations
        .cells
        .iter_mut()
        .for_each(|c| c.trust = p.mad_trust);
    armed.nations.0.iter_mut().for_each(|n| {
        n.missile_defense = 0.0;
        n.arms = p.mad_arms;
    });
    assert_eq!(regime(&rules, &armed), Regime::Mad);
    // A nuclear monopoly: one side can destroy the other, not the reverse.
    let mut monopoly = armed.clone();
    monopoly.nations.0[0].arms = 100.0;
    monopoly.nations.0[1].arms = p.mad_arms - 0.1;
    monopoly.risk.chance = p.mad_risk;
    assert_eq!(regime(&rules, &monopoly), Regime::Unsettled);
    // The rival's missile defense stops part of a deterrent: at 50, arms must be
    // mad_arms / (1 − intercept/2) for the second strike to hold.
    let mut defended = armed.clone();
    defended.nations.0[1].missile_defense = 50.0;
    assert_eq!(regime(&rules, &defended), Regime::Unsettled);
    defended.nations.0[0].arms = p.mad_arms / (1.0 - intercept * 0.5) + 1e-9;
    assert_eq!(regime(&rules, &defended), Regime::Mad);
    // Shared through a fusion center, the defense stops counting.
    let mut shared = armed.clone();
    shared.nations.0[1].missile_defense = 50.0;
    let center = rules.move_index("propose_joint_fusion_center").unwrap();
    shared
        .diplomacy
        .treaties
        .push(crate::sim::play::state::Treaty {
            move_index: center,
            parties: [0, 1],
            caps: None,
            signed: 0,
        });
    assert_eq!(regime(&rules, &shared), Regime::Mad);
    let mut trusting = armed.clone();
    trusting.relations.get_mut(0, 1).trust = p.mad_trust + 1.0;
    assert_eq!(regime(&rules, &trusting), Regime::Unsettled);
}

/// The turn's total arms are recorded as each turn is classified, so a match whose arms keep
/// rising leaves the MAS regime however good the rest is.
#[test]
fn rising_arms_end_mas_over_the_turns() {
    let rules = shipped("reset_2013");
    let window = rules.scenario.params.regime.arms_window as usize;
    let mut s = stable(&rules);
    s.history.arms_totals = vec![80.0];
    s.clock.turn = 0;
    s.threats.last_joint_action = Some(0);
    for _ in 0..6 {
        s.nations.0.iter_mut().for_each(|n| n.arms += 0.5);
        close_turn(&rules, &mut s);
        s.threats.last_joint_action = Some(s.clock.turn);
    }
    assert_eq!(s.history.arms_totals.len(), window + 1);
    assert_eq!(s.history.arms_totals.last(), Some(&86.0));
    assert!(
        s.history.regimes.iter().all(|&r| r != Regime::Mas),
        "{:?}",
        s.history.regimes
    );
    // Arms that stop rising bring MAS back once the window has passed.
    for _ in 0..window {
        close_turn(&rules, &mut s);
        s.threats.last_joint_action = Some(s.clock.turn);
    }
    assert_eq!(s.history.regimes.last(), Some(&Regime::Mas));
}

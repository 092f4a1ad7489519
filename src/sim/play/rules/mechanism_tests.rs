//! The mechanisms of Détente 0.6.0, one at a time, on the shipped scenarios' own numbers:
//! missile defense, chicken in a crisis, free riding and agreements in force at the start (the
//! governments and perceptions are in `behaviour_tests.rs`).

use super::test_fixture::Fixture;
use super::*;
use crate::sim::play::log::SimEvent;

#[test]
fn chicken_scores_a_crisis_and_a_climb_down_costs_at_home() {
    let rules = shipped("reset_2013");
    let chicken = rules
        .scenario
        .payoffs
        .chicken
        .expect("reset_2013 plays chicken");
    let climb_down = rules.scenario.params.politics.climb_down;
    assert!(chicken.t > chicken.r && chicken.r > chicken.s && chicken.s > chicken.p);
    for (moves, expected) in [
        (["hold_firm", "de_escalate"], [chicken.t, chicken.s]),
        (["escalate", "hold_firm"], [chicken.p, chicken.p]),
        (["back_channel", "de_escalate"], [chicken.r, chicken.r]),
    ] {
        let mut f = Fixture::new(&rules);
        // High enough that no pair of moves ends it this turn.
        f.in_crisis(3);
        let approval: Vec<f64> = f.nations.0.iter().map(|n| n.approval).collect();
        f.apply(&rules, &moves);
        assert_eq!(f.scores(), expected, "{moves:?}");
        let backed_down = moves == ["hold_firm", "de_escalate"];
        // De-escalating costs 1 approval of its own; the climb-down costs `climb_down` more.
        let lost = approval[1] - f.nations.0[1].approval;
        let own = if moves[1] == "de_escalate" { 1.0 } else { 0.0 };
        let expected_loss = own + if backed_down { climb_down } else { 0.0 };
        assert!(
            (lost - expected_loss).abs() < 1e-9,
            "{moves:?}: lost {lost}"
        );
        assert_eq!(
            f.log
                .0
                .contains(&SimEvent::ClimbedDown { nation: 1, to: 0 }),
            backed_down
        );
    }
    // Outside a crisis the same stances score the prisoner's dilemma.
    let mut f = Fixture::new(&rules);
    f.apply(&rules, &["arms_buildup", "summit"]);
    let pd = rules.scenario.payoffs;
    assert_eq!(f.scores(), vec![pd.t, pd.s]);
}

#[test]
fn a_crisis_avoided_raises_approval() {
    let rules = shipped("reset_2013");
    let avoided = rules.scenario.params.politics.crisis_avoided;
    assert!(avoided > 0.0);
    let mut f = Fixture::new(&rules);
    f.in_crisis(1);
    let before: Vec<f64> = f.nations.0.iter().map(|n| n.approval).collect();
    f.apply(&rules, &["back_channel", "back_channel"]);
    assert!(f.diplomacy.crisis.is_none());
    for (i, b) in before.iter().enumerate() {
        assert!((f.nations.0[i].approval - (b + avoided)).abs() < 1e-9);
    }
}

#[test]
fn unshared_missile_defense_counts_as_defection_and_a_fusion_center_shares_it() {
    let rules = shipped("reset_2013");
    assert!(rules.scenario.params.defense.scored_as_defection);
    let pd = rules.scenario.payoffs;
    let mut f = Fixture::new(&rules);
    f.apply(&rules, &["deploy_missile_defense", "summit"]);
    assert_eq!(f.scores(), vec![pd.t, pd.s]);
    let mut shared = Fixture::new(&rules);
    shared.fusion_center(&rules);
    shared.apply(&rules, &["deploy_missile_defense", "summit"]);
    assert_eq!(shared.scores(), vec![pd.r, pd.r]);
}

#[test]
fn missile_defense_raises_first_strike_fears_unless_it_is_shared() {
    let rules = shipped("reset_2013");
    let weight = rules.scenario.params.defense.first_strike;
    let mut f = Fixture::new(&rules);
    f.nations.0.iter_mut().for_each(|n| n.alert = 3);
    f.nations.0[0].missile_defense = 80.0;
    f.nations.0[1].missile_defense = 0.0;
    let defended = risk_of(&rules, &f.nations, &f.relations, &f.diplomacy);
    f.nations.0[0].missile_defense = 0.0;
    let undefended = risk_of(&rules, &f.nations, &f.relations, &f.diplomacy);
    // `first_strike · alert/3 · defense/100` in the exponent, at the highest alert.
    assert!((defended / undefended - (weight * 0.8).exp()).abs() < 1e-9);
    f.nations.0[0].missile_defense = 80.0;
    f.fusion_center(&rules);
    let shared = risk_of(&rules, &f.nations, &f.relations, &f.diplomacy);
    let unshared_floor = {
        let mut g = Fixture::new(&rules);
        g.nations.0.iter_mut().for_each(|n| n.alert = 3);
        g.nations.0[0].missile_defense = 0.0;
        g.nations.0[1].missile_defense = 0.0;
        g.fusion_center(&rules);
        risk_of(&rules, &g.nations, &g.relations, &g.diplomacy)
    };
    assert!((shared - unshared_floor).abs() < 1e-12);
}

#[test]
fn a_fusion_center_makes_false_alarms_rarer() {
    let rules = shipped("reset_2013");
    let alarm = &rules.scenario.events[rules.event_index("false_alarm").unwrap()];
    assert!(alarm.chance.early_warning < 0.0);
    let mut f = Fixture::new(&rules);
    f.nations.0.iter_mut().for_each(|n| n.alert = 3);
    let alone = super::events::event_chance(&rules, alarm, &f.affected());
    f.fusion_center(&rules);
    assert_eq!(defense::shared_warning(&rules, &f.diplomacy, 2), 1.0);
    let shared = super::events::event_chance(&rules, alarm, &f.affected());
    assert!((alone - shared + alarm.chance.early_warning).abs() < 1e-12);
}

#[test]
fn free_riders_save_their_budget_and_lose_the_contributors_trust() {
    let rules = shipped("multipolar_2030");
    let p = &rules.scenario.params.threats;
    assert!(p.quorum > 0.0 && p.free_rider_loss > 0.0);
    let joint = ["counter_terrorism", "counter_terrorism", "hold"];
    let mut f = Fixture::new(&rules);
    let before = (f.relations.clone(), f.nations.clone());
    f.apply(&rules, &joint);
    assert_eq!(f.threats.last_joint_action, Some(0));
    assert!(f.log.0.contains(&SimEvent::FreeRiding { riders: vec![2] }));
    // The contributors' trust in the rider fell by the loss; nobody else's moved.
    for c in [0, 1] {
        let lost = before.0.get(c, 2).trust - f.relations.get(c, 2).trust;
        assert!((lost - p.free_rider_loss).abs() < 1e-9);
        assert_eq!(f.relations.get(2, c).trust, before.0.get(2, c).trust);
    }
    assert_eq!(f.relations.get(0, 1).trust, before.0.get(0, 1).trust);
    // The rider kept the budget the contributors spent.
    let spent = |i: usize| before.1.0[i].budget - f.nations.0[i].budget;
    assert!(spent(2) < spent(0) && spent(2) < spent(1));
    // Below the quorum (one of three) there is no joint action, and no free riding.
    let mut alone = Fixture::new(&rules);
    alone.apply(&rules, &["counter_terrorism", "hold", "hold"]);
    assert_eq!(alone.threats.last_joint_action, None);
    assert!(
        !alone
            .log
            .0
            .iter()
            .any(|e| matches!(e, SimEvent::FreeRiding { .. }))
    );
}

#[test]
fn an_agreement_in_force_at_the_start_is_signed_with_its_trust() {
    let mut scenario = shipped("reset_2013").scenario;
    let plain = Fixture::new(&Rules::new(scenario.clone()));
    assert!(plain.diplomacy.treaties.is_empty());
    scenario.agreements[0].in_force = true;
    let rules = Rules::new(scenario);
    let f = Fixture::new(&rules);
    assert_eq!(f.diplomacy.treaties.len(), 1);
    let bonus = rules.scenario.moves[f.diplomacy.treaties[0].move_index]
        .proposes
        .as_ref()
        .unwrap()
        .trust_bonus;
    for (i, j) in [(0, 1), (1, 0)] {
        let gained = f.relations.get(i, j).trust - plain.relations.get(i, j).trust;
        assert!((gained - bonus).abs() < 1e-9);
    }
    assert!(defense::shares_defense(&rules, &f.diplomacy, 0, 1));
}

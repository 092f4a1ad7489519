//! The mechanisms of Détente 0.6.0, one at a time, on the shipped scenarios' own numbers:
//! missile defense, domestic politics, chicken in a crisis, complacency, free riding and the
//! opportunist personality.

use super::apply::{Affected, apply_moves};
use super::*;
use crate::sim::play::log::{SimEvent, TurnLog};
use crate::sim::play::run::{Plan, new_match};
use crate::sim::play::state::{
    Crisis, Diplomacy, ExchangeRisk, Nations, Orders, Perception, Relations, Seats, SharedThreats,
    Treaty,
};
use crate::sim::play::strategy::{Memory, Stance};
use crate::sim::scenario::{Intent, MoveSpec, Visibility};
use bevy::prelude::World;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// The parts of a match at its start that moves and events change.
struct Fixture {
    nations: Nations,
    relations: Relations,
    diplomacy: Diplomacy,
    threats: SharedThreats,
    seats: Seats,
    risk: ExchangeRisk,
    log: TurnLog,
}

impl Fixture {
    fn new(rules: &Rules) -> Fixture {
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

    fn affected(&mut self) -> Affected<'_> {
        Affected {
            turn: 3,
            nations: &mut self.nations,
            relations: &mut self.relations,
            diplomacy: &mut self.diplomacy,
            threats: &mut self.threats,
            seats: &mut self.seats,
            risk: &mut self.risk,
            log: &mut self.log,
        }
    }

    fn apply(&mut self, rules: &Rules, moves: &[&str]) {
        let orders = Orders {
            moves: moves.iter().map(|m| rules.move_index(m)).collect(),
            stances: vec![Stance::Cooperate; moves.len()],
            answers: vec![],
            injected: vec![],
        };
        apply_moves(rules, &orders, &mut self.affected());
    }

    fn scores(&self) -> Vec<f64> {
        self.nations.0.iter().map(|n| n.score).collect()
    }

    fn in_crisis(&mut self) {
        // High enough that no pair of moves ends it this turn.
        self.diplomacy.crisis = Some(Crisis {
            parties: [0, 1],
            level: 3,
            opened: 3,
            peak: 3,
        });
    }

    fn fusion_center(&mut self, rules: &Rules) {
        self.diplomacy.treaties.push(Treaty {
            move_index: rules.move_index("propose_joint_fusion_center").unwrap(),
            parties: [0, 1],
            caps: None,
            signed: 0,
        });
    }
}

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
        f.in_crisis();
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
    f.diplomacy.crisis = Some(Crisis {
        parties: [0, 1],
        level: 1,
        opened: 3,
        peak: 1,
    });
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
    assert_eq!(f.threats.last_joint_action, Some(3));
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
fn an_unpopular_government_loses_the_election_and_its_personality() {
    let rules = shipped("reset_2013");
    let reelection = rules.scenario.params.politics.reelection;
    let realist = rules.personality_index("realist").unwrap();
    let hawk = rules.personality_index("hawk").unwrap();
    assert_eq!(rules.opposition[0], Some(hawk));
    let personality = |f: &Fixture| match f.seats.0[0].controller {
        crate::sim::play::state::Controller::Ai { personality, .. } => personality,
        crate::sim::play::state::Controller::Human => usize::MAX,
    };
    let mut f = Fixture::new(&rules);
    f.nations.0[0].approval = reelection;
    super::politics::hold_election(&rules, 0, &mut f.affected());
    assert_eq!(personality(&f), realist, "a popular government is returned");
    f.nations.0[0].approval = reelection - 1.0;
    super::politics::hold_election(&rules, 0, &mut f.affected());
    assert_eq!(personality(&f), hawk, "the opposition takes office");
    super::politics::hold_election(&rules, 0, &mut f.affected());
    assert_eq!(personality(&f), realist, "and is voted out in turn");
    assert_eq!(
        f.log.0[..2],
        [
            SimEvent::ElectionHeld {
                nation: 0,
                returned: true,
                personality: None
            },
            SimEvent::ElectionHeld {
                nation: 0,
                returned: false,
                personality: Some(hawk)
            },
        ]
    );
    // A government that `--ai` gave another personality comes back with it.
    let dove = rules.personality_index("dove").unwrap();
    let mut f = Fixture::new(&rules);
    f.seats.0[0].controller = crate::sim::play::state::Controller::Ai {
        strategy: crate::sim::play::strategy::Strategy::AlwaysCooperate,
        personality: dove,
    };
    f.nations.0[0].approval = reelection - 1.0;
    super::politics::hold_election(&rules, 0, &mut f.affected());
    assert_eq!(personality(&f), hawk);
    super::politics::hold_election(&rules, 0, &mut f.affected());
    assert_eq!(
        personality(&f),
        dove,
        "the dove is back, not the scenario's realist"
    );
    // A person's seat keeps its player.
    f.seats.0[0].controller = crate::sim::play::state::Controller::Human;
    super::politics::hold_election(&rules, 0, &mut f.affected());
    assert_eq!(personality(&f), usize::MAX);
}

#[test]
fn pressure_at_home_makes_a_government_hedge_and_shy_from_costly_cooperation() {
    let rules = shipped("reset_2013");
    let politics = &rules.scenario.params.politics;
    assert_eq!(
        super::politics::pressure(&rules, politics.pressure_below),
        0.0
    );
    assert_eq!(super::politics::pressure(&rules, 0.0), 1.0);
    let realist = rules.personality_index("dove").unwrap();
    let candidates: Vec<_> = rules.normal_moves.clone();
    let share = |pressure: f64, of: &dyn Fn(&MoveSpec) -> bool| {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let picks = 20_000;
        let hits = (0..picks)
            .map(|_| {
                pick_move(
                    &rules,
                    realist,
                    Stance::Cooperate,
                    50.0,
                    pressure,
                    &candidates,
                    &mut rng,
                )
            })
            .filter(|&m| of(&rules.scenario.moves[m]))
            .count();
        hits as f64 / picks as f64
    };
    let neutral = |m: &MoveSpec| m.intent == Intent::Neutral;
    let hedge = rules.personalities[realist].hedge;
    let (calm, pressed) = (share(0.0, &neutral), share(1.0, &neutral));
    assert!((calm - hedge * 0.5).abs() < 0.01, "hedges {calm}");
    assert!(
        (pressed - (hedge + politics.hawkishness) * 0.5).abs() < 0.015,
        "hedges under pressure {pressed}"
    );
    let costly = |m: &MoveSpec| super::politics::costly_cooperation(m);
    let (calm, pressed) = (share(0.0, &costly), share(1.0, &costly));
    assert!(
        pressed < calm * 0.7,
        "costly cooperation {calm} when popular, {pressed} under pressure"
    );
}

#[test]
fn complacency_reads_ambiguous_moves_as_harmless_when_trust_is_high() {
    let rules = shipped("reset_2013");
    let params = &rules.scenario.params.perception;
    assert!(params.complacency > 0.0);
    let defense = &rules.scenario.moves[rules.move_index("deploy_missile_defense").unwrap()];
    let read = |m: &MoveSpec, transparency: f64, trust: f64| {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let reads: Vec<Perception> = (0..20_000)
            .map(|_| perceive(m, transparency, trust, params, &mut rng))
            .collect();
        let less = reads
            .iter()
            .filter(|p| p.seen.is_some_and(|s| s < m.intent))
            .count();
        less as f64 / reads.len() as f64
    };
    // `p = ambiguity · (1 − transparency/100)`; not misread up (1 − p), then read down with
    // `complacency · p · (trust − complacent_trust)/(100 − complacent_trust)`.
    let p = defense.ambiguity * 0.6;
    let q = params.complacency * p * (90.0 - params.complacent_trust)
        / (100.0 - params.complacent_trust);
    let share = read(defense, 40.0, 90.0);
    assert!(
        (share - (1.0 - p) * q).abs() < 0.01,
        "complacent reads {share}"
    );
    assert_eq!(read(defense, 40.0, params.complacent_trust), 0.0);
    assert_eq!(read(defense, 100.0, 100.0), 0.0);
    let summit = &rules.scenario.moves[rules.move_index("summit").unwrap()];
    assert_eq!(
        read(summit, 0.0, 100.0),
        0.0,
        "cooperation cannot look better"
    );
    let rhetoric = MoveSpec {
        intent: Intent::Hostile,
        visibility: Visibility::Public,
        ..rules.scenario.moves[rules.move_index("hawkish_rhetoric").unwrap()].clone()
    };
    assert!(read(&rhetoric, 0.0, 100.0) > 0.05, "a threat waved through");
}

/// Plays an opportunist (its strategy `strategy`, personality `personality` with opportunism 1)
/// for `turns` turns against a rival whose stance each turn is `rival(turn, my last stance)`,
/// with perfect perception; returns its stances and its tests.
fn opportunist_against(
    strategy: crate::sim::play::strategy::Strategy,
    rival: impl Fn(usize, Option<Stance>) -> Stance,
    turns: usize,
) -> (Vec<Stance>, Vec<u32>) {
    let rules = shipped("reset_2013");
    let mut p = rules.personalities[rules.personality_index("realist").unwrap()].clone();
    p.opportunism = 1.0;
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let (mut mine, mut theirs, mut tests) = (Vec::new(), Vec::new(), Vec::new());
    for turn in 0..turns {
        let memory = Memory {
            mine: &mine,
            theirs: &theirs,
        };
        let decided = strategy.decide(memory, &rules.scenario.payoffs, &mut rng);
        let (stance, tested) = opportunist_stance(memory, &tests, decided, &p, &mut rng);
        if tested {
            tests.push(turn as u32);
        }
        let answer = rival(turn, mine.last().copied());
        mine.push(stance);
        theirs.push(answer);
    }
    (mine, tests)
}

#[test]
fn an_opportunist_exploits_a_rival_that_never_answers_and_leaves_one_that_does_alone() {
    use crate::sim::play::strategy::Strategy;
    use Stance::{Cooperate as C, Defect as D};
    let probe_after = shipped("reset_2013").personalities[0].probe_after as usize;
    // A rival that always cooperates is tested once its record is long enough, then exploited.
    let (mine, tests) = opportunist_against(Strategy::TitForTat, |_, _| C, 20);
    assert!(mine[..probe_after].iter().all(|&s| s == C), "{mine:?}");
    assert!(mine[probe_after..].iter().all(|&s| s == D), "{mine:?}");
    assert_eq!(tests.len(), 20 - probe_after);
    // Tit for tat answers the tests; the opportunist takes the punishment, and is at peace.
    let (mine, tests) = opportunist_against(Strategy::TitForTat, |_, last| last.unwrap_or(C), 30);
    let first = probe_after as u32;
    assert_eq!(
        tests,
        vec![first, first + 1],
        "tested until the answer came in"
    );
    let after: Vec<Stance> = mine[probe_after + 2..].to_vec();
    assert!(after.iter().all(|&s| s == C), "no echo: {mine:?}");
    // A rival like GRIT lets one defection pass and answers the second: one more test, then
    // the same peace.
    let grit = |t: usize, last: Option<Stance>| {
        if t >= probe_after + 2 && last == Some(D) {
            D
        } else {
            C
        }
    };
    let (mine, tests) = opportunist_against(Strategy::TitForTat, grit, 30);
    assert_eq!(tests.len(), 3);
    assert!(mine[probe_after + 3..].iter().all(|&s| s == C), "{mine:?}");
    // A rival that has defected is never tested.
    let (mine, tests) =
        opportunist_against(Strategy::TitForTat, |t, _| if t == 2 { D } else { C }, 30);
    assert!(tests.is_empty(), "{mine:?}");
    // Its strategy's defections are not tests: always defect still defects every turn, and a
    // grudger never forgives, whatever the rival answers.
    let (mine, tests) =
        opportunist_against(Strategy::AlwaysDefect, |_, last| last.unwrap_or(C), 30);
    assert!(mine.iter().all(|&s| s == D) && tests.is_empty());
    let (mine, _) = opportunist_against(Strategy::Grudger, |t, _| if t == 4 { D } else { C }, 30);
    assert!(mine[6..].iter().all(|&s| s == D), "{mine:?}");
    // Without opportunism nothing changes.
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let rules = shipped("reset_2013");
    let dove = &rules.personalities[rules.personality_index("dove").unwrap()];
    assert_eq!(dove.opportunism, 0.0);
    let calm = vec![C; 20];
    let memory = Memory {
        mine: &calm,
        theirs: &calm,
    };
    assert_eq!(
        opportunist_stance(memory, &[], C, dove, &mut rng),
        (C, false)
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

#[test]
fn elections_strike_only_nations_that_hold_them() {
    let rules = shipped("cold_war_1962");
    assert_eq!(
        rules.opposition[1], None,
        "the Soviet Union has no opposition"
    );
    let election = &rules.scenario.events[rules.event_index("election").unwrap()];
    let f = Fixture::new(&rules);
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    for _ in 0..200 {
        let who = super::events::targets(&rules, election, &f.nations, &f.relations, &mut rng);
        assert_eq!(who, vec![0]);
    }
    // Where no nation holds elections, the event does not happen at all.
    let mut scenario = rules.scenario.clone();
    scenario
        .nations
        .iter_mut()
        .for_each(|n| n.opposition = None);
    let none = Rules::new(scenario);
    assert!(super::events::targets(&none, election, &f.nations, &f.relations, &mut rng).is_empty());
}

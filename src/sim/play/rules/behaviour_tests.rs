//! How governments and their perceptions behave under the mechanisms of Détente 0.6.0:
//! elections and pressure at home, complacency, and the opportunist personality.

use super::test_fixture::Fixture;
use super::*;
use crate::sim::play::log::SimEvent;
use crate::sim::play::state::Perception;
use crate::sim::play::strategy::{Memory, Stance};
use crate::sim::scenario::{Intent, MoveSpec, Visibility};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

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
        let memory = Memory::new(&mine, &theirs);
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
    let memory = Memory::new(&calm, &calm);
    assert_eq!(
        opportunist_stance(memory, &[], C, dove, &mut rng),
        (C, false)
    );
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

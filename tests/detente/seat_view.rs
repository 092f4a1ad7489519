//! What each seat may know (`sim::play::view`), over 1,000 seeded games of every built-in scenario
//! with random moves by every seat and random starting transparency: a nation's `SeatView`
//! never holds another nation's true arms below the verification threshold, an undetected
//! secret move, a third party's trust, or another seat's choice before the reveal. The last two
//! are checked by changing every hidden value and finding the view unchanged.

use detente::sim::Rules;
use detente::sim::archive::history::{History, TurnRecord};
use detente::sim::archive::rebuild::opening_record;
use detente::sim::play::command::{Position, check_answer};
use detente::sim::play::rules::available_moves;
use detente::sim::play::run::{Plan, new_match, sim_world};
use detente::sim::play::state::{
    Clock, Controller, Diplomacy, Nations, Orders, Relations, Seats, SharedThreats,
};
use detente::sim::play::turn::Turn;
use detente::sim::play::view::{SeatView, seat_view, verification};
use detente::sim::scenario::Visibility;
use detente::sim::scenario::catalog::{built_in_names, open};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const GAMES: u64 = 1000;

/// Where two views differ first, as a path into their JSON (`history[3].others[0].trust`).
fn difference(a: &SeatView, b: &SeatView) -> String {
    fn walk(a: &serde_json::Value, b: &serde_json::Value, path: String) -> Option<String> {
        use serde_json::Value::{Array, Object};
        match (a, b) {
            (Object(x), Object(y)) => x
                .iter()
                .find_map(|(k, v)| walk(v, &y[k], format!("{path}.{k}"))),
            (Array(x), Array(y)) if x.len() == y.len() => x
                .iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (v, w))| walk(v, w, format!("{path}[{i}]"))),
            _ if a != b => Some(format!("{path}: {a} against {b}")),
            _ => None,
        }
    }
    let (a, b) = (
        serde_json::to_value(a).unwrap(),
        serde_json::to_value(b).unwrap(),
    );
    walk(&a, &b, "view".into()).unwrap_or_default()
}

/// Asserts that changing hidden values left the view as it was.
fn same(changed: &SeatView, view: &SeatView, what: &str) {
    assert!(changed == view, "{what}: {}", difference(changed, view));
}

/// The parts of a match a view is projected from, owned so that a test can change them.
#[derive(Clone)]
struct Match {
    seats: Seats,
    nations: Nations,
    relations: Relations,
    diplomacy: Diplomacy,
    clock: Clock,
    threats: SharedThreats,
    orders: Orders,
}

impl Match {
    fn view(&self, rules: &Rules, records: &[TurnRecord], nation: usize) -> SeatView {
        let at = Position {
            seats: &self.seats,
            nations: &self.nations,
            relations: &self.relations,
            diplomacy: &self.diplomacy,
            clock: &self.clock,
            threats: &self.threats,
        };
        seat_view(rules, at, &self.orders, records, nation)
    }
}

fn capture(world: &bevy::prelude::World, e: bevy::prelude::Entity) -> Match {
    Match {
        seats: world.get::<Seats>(e).unwrap().clone(),
        nations: world.get::<Nations>(e).unwrap().clone(),
        relations: world.get::<Relations>(e).unwrap().clone(),
        diplomacy: world.get::<Diplomacy>(e).unwrap().clone(),
        clock: *world.get::<Clock>(e).unwrap(),
        threats: *world.get::<SharedThreats>(e).unwrap(),
        orders: world.get::<Orders>(e).unwrap().clone(),
    }
}

/// Every value `nation` may not know, changed at random: the others' trust, beliefs and
/// transparency into third parties, their budgets and scores, and their choices this turn
/// (live); in the records, the others' rows of relations, their budgets and scores, their true
/// arms where `nation` cannot verify them, their stances, and the readings of other observers.
fn scramble(
    rules: &Rules,
    m: &Match,
    records: &[TurnRecord],
    nation: usize,
    rng: &mut ChaCha8Rng,
) -> (Match, Vec<TurnRecord>) {
    let mut m = m.clone();
    let n = m.relations.n;
    for (j, k) in m.relations.pairs().collect::<Vec<_>>() {
        if j == nation {
            continue;
        }
        let cell = m.relations.get_mut(j, k);
        cell.trust = rng.random_range(0.0..100.0);
        cell.belief = rng.random_range(0.0..100.0);
        // How far the others see into `nation` is what it allows them: it knows it.
        if k != nation {
            cell.transparency = rng.random_range(0.0..100.0);
        }
    }
    for j in (0..n).filter(|&j| j != nation) {
        m.nations.0[j].budget += rng.random_range(1.0..5.0);
        m.nations.0[j].score += rng.random_range(1.0..5.0);
        m.nations.0[j].arms += rng.random_range(1.0..5.0);
        let open = available_moves(rules, j, &m.nations, &m.relations, &m.diplomacy, &m.threats);
        // Another move for a seat that has chosen: that it has chosen is public, not what.
        m.orders.moves.resize(n, None);
        if m.orders.moves[j].is_some() {
            m.orders.moves[j] = Some(open[rng.random_range(0..open.len())]);
        }
    }
    let me = &rules.scenario.nations[nation].id;
    let mut records = records.to_vec();
    for r in &mut records {
        let can_verify: Vec<String> = r
            .relations
            .iter()
            .filter(|x| &x.from == me && x.verified)
            .map(|x| x.to.clone())
            .collect();
        for x in r.relations.iter_mut().filter(|x| &x.from != me) {
            x.trust = rng.random_range(0.0..100.0);
            x.transparency = rng.random_range(0.0..100.0);
            x.belief = rng.random_range(0.0..100.0);
            x.verified = !x.verified;
        }
        for x in r.nations.iter_mut().filter(|x| &x.id != me) {
            x.budget += 1.0;
            x.score += 1.0;
            if !can_verify.contains(&x.id) {
                x.arms += rng.random_range(1.0..9.0);
            }
        }
        for x in r.moves.iter_mut().filter(|x| &x.nation != me) {
            x.stance = match x.stance {
                detente::sim::play::strategy::Stance::Cooperate => {
                    detente::sim::play::strategy::Stance::Defect
                }
                detente::sim::play::strategy::Stance::Defect => {
                    detente::sim::play::strategy::Stance::Cooperate
                }
            };
        }
        for x in r.perceived.iter_mut().filter(|x| &x.observer != me) {
            x.misread = !x.misread;
            x.detected = !x.detected;
        }
    }
    (m, records)
}

/// The direct checks on one view after a turn: arms verified exactly where transparency
/// reaches the threshold, and no secret move the nation did not detect.
fn check_view(rules: &Rules, view: &SeatView, record: &TurnRecord, nation: usize, what: &str) {
    let sc = &rules.scenario;
    let me = &sc.nations[nation].id;
    let now = view.now();
    for c in &now.others {
        let them = &sc.nations[c.nation].id;
        let rel = record
            .relations
            .iter()
            .find(|x| &x.from == me && &x.to == them)
            .unwrap();
        let truth = record.nations[c.nation].arms;
        // Verified exactly when transparency had reached the threshold (the record's numbers
        // are rounded to 0.001, hence the margin).
        let threshold = verification(rules);
        assert!(
            rel.verified == (rel.transparency >= threshold)
                || (rel.transparency - threshold).abs() <= 1e-3,
            "{what}: {me} → {them} at {} verified {}",
            rel.transparency,
            rel.verified
        );
        if rel.verified {
            assert_eq!(c.verified_arms, Some(truth), "{what}: {me} verifies {them}");
        } else {
            assert_eq!(
                c.verified_arms, None,
                "{what}: {me} sees {them}'s true arms"
            );
        }
    }
    for played in &record.moves {
        if &played.nation == me {
            continue;
        }
        let actor = sc
            .nations
            .iter()
            .position(|n| n.id == played.nation)
            .unwrap();
        let secret = sc
            .moves
            .iter()
            .find(|m| m.id == played.move_id)
            .is_some_and(|m| m.visibility == Visibility::Secret);
        let reading = record
            .perceived
            .iter()
            .find(|p| &p.observer == me && p.actor == played.nation)
            .unwrap();
        let shown = now.moves.iter().any(|m| m.actor == actor);
        if secret && reading.seen_as.is_none() {
            assert!(
                !shown,
                "{what}: {me} sees {}'s unseen secret move",
                played.nation
            );
        } else {
            assert!(shown, "{what}: {me} misses {}'s move", played.nation);
        }
    }
}

#[test]
fn a_seat_view_holds_only_what_its_nation_may_know() {
    let mut verified = 0;
    let mut unverified = 0;
    let mut secret_unseen = 0;
    for name in built_in_names() {
        let mut rules = Rules::new(open(name).unwrap().scenario);
        let n = rules.nation_count();
        rules.scenario.turns = rules.scenario.turns.min(30);
        let plan = Plan {
            controllers: vec![Controller::Human; n],
            turns: rules.scenario.turns,
            record: true,
            trajectories: 0,
            openings: Vec::new(),
        };
        // A view's cost grows with the square of the nations: eight get a tenth of the games.
        let games = if n > 4 { GAMES / 10 } else { GAMES };
        for seed in 0..games {
            let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
            let mut world = sim_world(rules.clone());
            let e = world
                .spawn((new_match(&rules, &plan, 0, seed), History::default()))
                .id();
            {
                let mut relations = world.get_mut::<Relations>(e).unwrap();
                for (i, j) in relations.pairs().collect::<Vec<_>>() {
                    relations.get_mut(i, j).transparency = rng.random_range(0.0..100.0);
                }
            }
            let mut records = vec![opening_record(&world, e).unwrap()];
            for turn in 1..=plan.turns {
                let what = format!("{name}, seed {seed}, turn {turn}");
                let before = capture(&world, e);
                if before.clock.finished() {
                    break;
                }
                // Every seat chooses at random among its open moves and answers at random.
                let mut orders = before.orders.clone();
                orders.moves.resize(n, None);
                orders.answers.clear();
                for i in 0..n {
                    let open = available_moves(
                        &rules,
                        i,
                        &before.nations,
                        &before.relations,
                        &before.diplomacy,
                        &before.threats,
                    );
                    orders.moves[i] = Some(open[rng.random_range(0..open.len())]);
                    for p in 0..before.diplomacy.proposals.len() {
                        let at = Position {
                            seats: &before.seats,
                            nations: &before.nations,
                            relations: &before.relations,
                            diplomacy: &before.diplomacy,
                            clock: &before.clock,
                            threats: &before.threats,
                        };
                        if check_answer(at, i, p).is_ok() {
                            orders.answers.push((p, i, rng.random_bool(0.5)));
                        }
                    }
                }
                *world.get_mut::<Orders>(e).unwrap() = orders;
                // Before the reveal: what each seat sees does not depend on the others' choices.
                let chosen = capture(&world, e);
                for i in 0..n {
                    let view = chosen.view(&rules, &records, i);
                    assert_eq!(view.chosen, chosen.orders.moves[i], "{what}");
                    let (other, recs) = scramble(&rules, &chosen, &records, i, &mut rng);
                    assert_eq!(
                        other.view(&rules, &recs, i),
                        view,
                        "{what}: seat {i} before"
                    );
                }
                world.run_schedule(Turn);
                records.push(world.get::<History>(e).unwrap().0.last().unwrap().clone());
                let after = capture(&world, e);
                let record = records.last().unwrap();
                for i in 0..n {
                    let view = after.view(&rules, &records, i);
                    check_view(&rules, &view, record, i, &what);
                    let (other, recs) = scramble(&rules, &after, &records, i, &mut rng);
                    same(
                        &other.view(&rules, &recs, i),
                        &view,
                        &format!("{what}: seat {i} after"),
                    );
                    for c in &view.now().others {
                        match c.verified_arms {
                            Some(_) => verified += 1,
                            None => unverified += 1,
                        }
                    }
                    secret_unseen += record
                        .perceived
                        .iter()
                        .filter(|p| p.observer == rules.scenario.nations[i].id)
                        .filter(|p| p.seen_as.is_none())
                        .count();
                }
            }
        }
    }
    // The games exercise both sides of every rule.
    assert!(
        verified > 1000 && unverified > 1000,
        "{verified} {unverified}"
    );
    assert!(secret_unseen > 100, "{secret_unseen}");
}

/// The threshold is the scenario's (`params.verification`), and `--set` changes it: at 0 every
/// nation verifies the others' arms from the start, at 100 none does.
#[test]
fn the_verification_threshold_is_a_scenario_parameter() {
    use detente::sim::scenario::overrides::apply_overrides;
    let scenario = open("reset_2013").unwrap().scenario;
    for (threshold, verified) in [("0", true), ("100", false)] {
        let set = format!("params.verification={threshold}");
        let rules = Rules::new(apply_overrides(&scenario, &[set]).unwrap());
        let plan = Plan {
            controllers: rules.default_controllers(),
            turns: 1,
            record: true,
            trajectories: 0,
            openings: Vec::new(),
        };
        let mut world = sim_world(rules.clone());
        let e = world
            .spawn((new_match(&rules, &plan, 0, 1), History::default()))
            .id();
        let records = vec![opening_record(&world, e).unwrap()];
        let view = capture(&world, e).view(&rules, &records, 0);
        let them = &view.now().others[0];
        assert_eq!(
            them.verified_arms.is_some(),
            verified,
            "{threshold}: {them:?}"
        );
    }
    let bad = apply_overrides(&scenario, &["params.verification=120".into()]).unwrap_err();
    assert!(bad.to_string().contains("verification"), "{bad}");
}

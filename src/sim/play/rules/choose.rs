//! Stage 1, choose: every AI seat decides a stance from what it perceived, then its personality
//! picks a concrete move of that stance; AI seats also answer pending proposals.

use super::Rules;
use crate::sim::play::log::{SimEvent, TurnLog};
use crate::sim::play::state::{
    Controller, Diplomacy, Nations, Orders, Perceptions, Relations, Seats, SharedThreats,
};
use crate::sim::play::strategy::{Memory, Stance, Strategy};
use crate::sim::scenario::{Intent, MoveIndex, Requirement};
use rand::Rng;

/// The moves `nation` may choose now: crisis moves for the parties to an open crisis, the rest
/// for everyone else; only those it can afford and whose requirements hold. Never empty while
/// the scenario has a move it can afford.
pub fn available_moves(
    rules: &Rules,
    nation: usize,
    nations: &Nations,
    relations: &Relations,
    diplomacy: &Diplomacy,
    threats: &SharedThreats,
) -> Vec<MoveIndex> {
    let in_crisis = diplomacy
        .crisis
        .as_ref()
        .is_some_and(|c| c.parties.contains(&nation));
    let pool = if in_crisis && !rules.crisis_moves.is_empty() {
        &rules.crisis_moves
    } else {
        &rules.normal_moves
    };
    let me = &nations.0[nation];
    let affordable = |m: MoveIndex| rules.scenario.moves[m].cost <= me.budget;
    let allowed = |m: MoveIndex| {
        rules.scenario.moves[m]
            .requires
            .iter()
            .all(|r| requirement_holds(r, nation, nations, relations, threats))
            && !already_agreed(m, nation, nations.0.len(), diplomacy)
    };
    let open: Vec<MoveIndex> = pool
        .iter()
        .copied()
        .filter(|&m| affordable(m) && allowed(m))
        .collect();
    if !open.is_empty() {
        return open;
    }
    let affordable: Vec<MoveIndex> = pool.iter().copied().filter(|&m| affordable(m)).collect();
    if !affordable.is_empty() {
        affordable
    } else {
        pool.clone()
    }
}

/// A proposal is pointless while the same offer is pending (from anyone) or its agreement binds
/// `nation` with every other nation.
fn already_agreed(move_index: MoveIndex, nation: usize, n: usize, diplomacy: &Diplomacy) -> bool {
    if diplomacy
        .proposals
        .iter()
        .any(|p| p.move_index == move_index)
    {
        return true;
    }
    let bound = |j: usize| {
        diplomacy.treaties.iter().any(|t| {
            t.move_index == move_index && t.parties.contains(&nation) && t.parties.contains(&j)
        })
    };
    (0..n).filter(|&j| j != nation).all(bound)
}

fn requirement_holds(
    r: &Requirement,
    nation: usize,
    nations: &Nations,
    relations: &Relations,
    threats: &SharedThreats,
) -> bool {
    let me = &nations.0[nation];
    match *r {
        Requirement::AlertBelow(a) => me.alert < a,
        Requirement::AlertAbove(a) => me.alert > a,
        Requirement::MissileDefenseAtLeast(v) => me.missile_defense >= v,
        Requirement::ArmsAtLeast(v) => me.arms >= v,
        Requirement::ArmsBelow(v) => me.arms < v,
        Requirement::NoHotline => (0..relations.n)
            .filter(|&j| j != nation)
            .any(|j| !relations.get(nation, j).hotline),
        Requirement::ThreatAtLeast(kind, v) => threats.levels.get(kind) >= v,
    }
}

/// The personality's pick among `candidates` for a stance. Cooperating, it hedges with a neutral
/// move with probability `(hedge + hawkishness · pressure) · (1 − trust/100)`, trust being its
/// mean trust in the others (a nation that distrusts hedges more: the security dilemma) and
/// `pressure` (0..1) how hard it is pressed at home (`politics::pressure`; a government in
/// trouble turns hawkish); under pressure, cooperative moves that cost approval weigh
/// `1 − reluctance · pressure` as much. Defecting, it picks a hostile move. In a crisis,
/// defecting means escalating or holding firm. When the stance has no candidate it falls back
/// to the nearest intent that has one.
pub fn pick_move(
    rules: &Rules,
    personality: usize,
    stance: Stance,
    trust: f64,
    pressure: f64,
    candidates: &[MoveIndex],
    rng: &mut impl Rng,
) -> MoveIndex {
    let p = &rules.personalities[personality];
    let politics = &rules.scenario.params.politics;
    let intent_of = |m: MoveIndex| rules.scenario.moves[m].intent;
    let has = |i: Intent| candidates.iter().any(|&m| intent_of(m) == i);
    let (coop, neutral, hostile) = (
        has(Intent::Cooperative),
        has(Intent::Neutral),
        has(Intent::Hostile),
    );
    let order: [Intent; 3] = match stance {
        Stance::Cooperate => {
            let hedge = p.hedge + politics.hawkishness * pressure;
            let share = (hedge * (1.0 - trust / 100.0)).clamp(0.0, 1.0);
            let hedge = neutral && coop && rng.random_bool(share);
            if hedge {
                [Intent::Neutral, Intent::Cooperative, Intent::Hostile]
            } else {
                [Intent::Cooperative, Intent::Neutral, Intent::Hostile]
            }
        }
        Stance::Defect => [Intent::Hostile, Intent::Neutral, Intent::Cooperative],
    };
    // On the escalation ladder a defector may escalate or hold firm: refusing to back down is
    // defection too, and not every hard-liner wants to climb.
    let in_crisis = candidates
        .iter()
        .all(|&m| rules.scenario.moves[m].crisis_step.is_some());
    let reluctance = (politics.reluctance * pressure).clamp(0.0, 1.0);
    let weight = |m: MoveIndex| {
        if reluctance > 0.0 && super::politics::costly_cooperation(&rules.scenario.moves[m]) {
            p.weight(m) * (1.0 - reluctance)
        } else {
            p.weight(m)
        }
    };
    let of = |i: Intent| {
        candidates
            .iter()
            .copied()
            .filter(move |&m| intent_of(m) == i)
    };
    if stance == Stance::Defect && in_crisis && (hostile || neutral) {
        // The hostile moves, then the neutral ones.
        return weighted_choice(
            || of(Intent::Hostile).chain(of(Intent::Neutral)),
            weight,
            rng,
        );
    }
    match order.into_iter().find(|&i| has(i)) {
        Some(i) => weighted_choice(|| of(i), weight, rng),
        None => weighted_choice(|| candidates.iter().copied(), weight, rng),
    }
}

/// What an opportunist personality (`Personality::opportunism` > 0) makes of its strategy's
/// stance, from its memory and its own past tests (`tests`, the turns on which it turned
/// cooperation into defection to try the others; Axelrod 1984 on strategies that test their
/// rivals). Returns the stance, and whether it is a test. Its strategy's own defections are
/// never tests: an opportunist playing always defect defects every turn.
/// - **contrition**: the other side answered a test (defected the turn after it): it takes the
///   punishment and cooperates, so that a reciprocator's answer does not start an
///   echo (contrite tit for tat, Boyd 1989);
/// - **left alone**: once the other side has defected since its first test, it never tests
///   that side again and plays its strategy;
/// - **exploitation**: no answer has come since its first test: it tests again, every turn,
///   until the other side answers (a test answered the turn after it is forgiven as above, so
///   a reciprocator's answer to two tests in a row costs two turns of contrition, no echo);
/// - **a probe**: it has never tested, and the other side has cooperated in every one of at
///   least `probe_after` turns: it tests them, with probability `opportunism` a turn
///   (Axelrod's Tester).
///
/// Against a rival that answers defection it probes once and goes back to its strategy; a rival
/// that never answers is exploited from then on.
pub fn opportunist_stance(
    memory: Memory,
    tests: &[u32],
    stance: Stance,
    personality: &super::MoveWeights,
    rng: &mut impl Rng,
) -> (Stance, bool) {
    use Stance::{Cooperate as C, Defect as D};
    let (mine, theirs) = (memory.mine, memory.theirs);
    let k = mine.len().min(theirs.len());
    if personality.opportunism <= 0.0 || k == 0 {
        return (stance, false);
    }
    let at = |t: u32| t as usize;
    // The other side's last stance answered my test of the turn before.
    if k >= 2 && theirs[k - 1] == D && tests.iter().any(|&t| at(t) == k - 2) {
        return (C, false);
    }
    if stance == D {
        return (D, false);
    }
    match (tests.first().map(|&t| at(t)), ()) {
        // Answered since the first test: leave it alone.
        (Some(first), _) if theirs[(first + 1).min(k)..k].contains(&D) => (stance, false),
        // Unanswered so far: test again.
        (Some(_), _) => (D, true),
        (None, _)
            if k >= personality.probe_after as usize
                && theirs[..k].iter().all(|&s| s == C)
                && rng.random_bool(personality.opportunism.min(1.0)) =>
        {
            (D, true)
        }
        (None, _) => (stance, false),
    }
}

/// What a computer seat plays now: its strategy's stance (as an opportunist personality makes
/// it, `opportunist_stance`, given the seat's past `tests`), then its personality's move for
/// that stance (`pick_move`). Execution noise is added to the stance when `noise` > 0 (the
/// rules pass `params.execution_noise`; the advisor, 0). Returns the stance, the move, and
/// whether the stance is an opportunist's test.
pub fn computer_move(
    rules: &Rules,
    nation: usize,
    (strategy, personality): (Strategy, usize),
    (memory, tests): (Memory, &[u32]),
    at: (&Nations, &Relations, &Diplomacy, &SharedThreats),
    noise: f64,
    rng: &mut impl Rng,
) -> (Stance, MoveIndex, bool) {
    let (nations, relations, diplomacy, threats) = at;
    let decided = strategy.decide(memory, &rules.scenario.payoffs, rng);
    let p = &rules.personalities[personality];
    let (mut stance, tested) = opportunist_stance(memory, tests, decided, p, rng);
    if noise > 0.0 && rng.random_bool(noise.min(1.0)) {
        stance = stance.flipped();
    }
    let candidates =
        super::stages::candidates(rules, nation, nations, relations, diplomacy, threats);
    let trust = mean_trust_of(relations, nation);
    let pressure = super::politics::pressure(rules, nations.0[nation].approval);
    let pick = pick_move(
        rules,
        personality,
        stance,
        trust,
        pressure,
        &candidates,
        rng,
    );
    (stance, pick, tested)
}

/// Draws one item with probability proportional to its weight (uniformly if all weigh 0).
/// `items` gives the same sequence each time it is called, so nothing is allocated.
fn weighted_choice<I: Iterator<Item = MoveIndex>>(
    items: impl Fn() -> I,
    weight: impl Fn(MoveIndex) -> f64,
    rng: &mut impl Rng,
) -> MoveIndex {
    let total: f64 = items().map(&weight).sum();
    if total <= 0.0 {
        let k = rng.random_range(0..items().count());
        return items().nth(k).unwrap_or(MoveIndex(0));
    }
    let mut x = rng.random_range(0.0..total);
    let mut last = MoveIndex(0);
    for m in items() {
        x -= weight(m);
        if x < 0.0 {
            return m;
        }
        last = m;
    }
    last
}

/// Fills `orders` for the AI seats (human seats' orders arrive beforehand as commands) and
/// answers pending proposals. `length` is the match's length as the strategies may know it
/// (`Rules::known_length`).
pub fn choose_orders(
    rules: &Rules,
    seats: &mut Seats,
    nations: &Nations,
    relations: &Relations,
    diplomacy: &Diplomacy,
    threats: &SharedThreats,
    perceptions: &Perceptions,
    orders: &mut Orders,
    log: &mut TurnLog,
    length: Option<u32>,
    rng: &mut impl Rng,
) {
    let n = nations.0.len();
    orders.moves.resize(n, None);
    orders.stances.resize(n, Stance::Cooperate);
    for i in 0..n {
        let seat = &mut seats.0[i];
        let memory = Memory {
            length,
            ..Memory::new(&seat.mine, &seat.theirs)
        };
        let (stance, move_index) = match (seat.controller, orders.moves[i]) {
            // A person's command, or a move forced on the first turn (`Plan::openings`).
            (_, Some(move_index)) => {
                let hostile = rules.scenario.moves[move_index].intent == Intent::Hostile;
                (
                    if hostile {
                        Stance::Defect
                    } else {
                        Stance::Cooperate
                    },
                    move_index,
                )
            }
            (controller, _) => {
                // A human seat without orders is played by tit for tat, so a turn never stalls.
                let ai = match controller {
                    Controller::Ai {
                        strategy,
                        personality,
                    } => (strategy, personality),
                    Controller::Human => (Strategy::TitForTat, 0),
                };
                let at = (nations, relations, diplomacy, threats);
                let noise = rules.scenario.params.execution_noise;
                let recalled = (memory, seat.tests.as_slice());
                let (stance, pick, tested) = computer_move(rules, i, ai, recalled, at, noise, rng);
                if tested {
                    seat.tests.push(seat.mine.len() as u32);
                }
                (stance, pick)
            }
        };
        orders.moves[i] = Some(move_index);
        orders.stances[i] = stance;
        seat.mine.push(stance);
        log.0.push(SimEvent::MoveChosen {
            nation: i,
            move_index,
            stance,
        });
    }
    answer_proposals(rules, seats, relations, diplomacy, perceptions, orders);
}

/// An observer's mean trust in the others.
pub fn mean_trust_of(relations: &Relations, observer: usize) -> f64 {
    let (sum, n) = (0..relations.n)
        .filter(|&j| j != observer)
        .fold((0.0, 0usize), |(s, n), j| {
            (s + relations.get(observer, j).trust, n + 1)
        });
    sum / n.max(1) as f64
}

/// AI seats accept when they mean to cooperate this turn, trust the proposer enough, and read
/// the proposal itself as cooperative (an offer misread as a ploy is declined).
fn answer_proposals(
    rules: &Rules,
    seats: &Seats,
    relations: &Relations,
    diplomacy: &Diplomacy,
    perceptions: &Perceptions,
    orders: &mut Orders,
) {
    let n = relations.n;
    let accept_trust = rules.scenario.params.treaty.accept_trust;
    for (p, proposal) in diplomacy.proposals.iter().enumerate() {
        for (i, seat) in seats.0.iter().enumerate() {
            if i == proposal.from || orders.answers.iter().any(|&(q, by, _)| q == p && by == i) {
                continue;
            }
            let accepted = match seat.controller {
                Controller::Ai { .. } => {
                    let read_as_offer = perceptions
                        .0
                        .get(i * n + proposal.from)
                        .is_none_or(|p| p.seen == Some(Intent::Cooperative));
                    orders.stances[i] == Stance::Cooperate
                        && read_as_offer
                        && relations.get(i, proposal.from).trust >= accept_trust
                }
                Controller::Human => false,
            };
            orders.answers.push((p, i, accepted));
        }
    }
}

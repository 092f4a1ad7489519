//! Stage 2, perceive: each observer sees each move through its transparency, misreading
//! ambiguous moves and missing secret ones, and revises its belief about the other's arms.

use super::Rules;
use crate::sim::play::log::{SimEvent, TurnLog};
use crate::sim::play::state::{Nations, Orders, Perception, Perceptions, Relations, Seats};
use crate::sim::play::strategy::Stance;
use crate::sim::scenario::{Intent, MoveSpec, PerceptionParams, Visibility};
use rand::Rng;

/// How one observer reads one move, given its transparency into and trust in the actor.
///
/// A secret move is caught with probability `transparency/100 · detect` and then reads as hostile;
/// otherwise it goes unseen. A public move is misread one step more hostile with probability
/// `p = ambiguity · (1 − transparency/100)`; when the distrust rule is on, a cooperative move
/// so misread goes a second step, to hostile, with probability `p · (1 − trust/100)`. Otherwise
/// a neutral or hostile public move is read one step *less* hostile (complacency) with
/// probability `complacency · p · (trust − complacent_trust)/(100 − complacent_trust)` when
/// trust is above `complacent_trust`: a trusting observer that cannot verify waves through
/// what it should have questioned (Jervis 1976 on both errors of perception).
pub fn perceive(
    m: &MoveSpec,
    transparency: f64,
    trust: f64,
    params: &PerceptionParams,
    rng: &mut impl Rng,
) -> Perception {
    let clarity = transparency / 100.0;
    if m.visibility == Visibility::Secret {
        let detected = rng.random_bool((clarity * params.detect).clamp(0.0, 1.0));
        return Perception {
            seen: detected.then_some(Intent::Hostile),
            misread: false,
            detected,
        };
    }
    let p = (m.ambiguity * (1.0 - clarity)).clamp(0.0, 1.0);
    let mut seen = m.intent;
    if p > 0.0 && rng.random_bool(p) {
        seen = seen.more_hostile();
        let second = p * (1.0 - trust / 100.0);
        if m.intent == Intent::Cooperative
            && params.distrust_second_step
            && rng.random_bool(second.clamp(0.0, 1.0))
        {
            seen = Intent::Hostile;
        }
    } else {
        let q = complacency_chance(m, p, trust, params);
        if q > 0.0 && rng.random_bool(q) {
            seen = seen.less_hostile();
        }
    }
    Perception {
        seen: Some(seen),
        misread: seen != m.intent,
        detected: false,
    }
}

/// The chance that a public move not misread as more hostile is read as less hostile
/// (`perceive`): 0 for a cooperative move, at or below `complacent_trust`, or with complacency
/// off.
fn complacency_chance(m: &MoveSpec, p: f64, trust: f64, params: &PerceptionParams) -> f64 {
    let over = trust - params.complacent_trust;
    if params.complacency <= 0.0 || m.intent == Intent::Cooperative || over <= 0.0 {
        return 0.0;
    }
    let room = (100.0 - params.complacent_trust).max(f64::EPSILON);
    (params.complacency * p * over / room).clamp(0.0, 1.0)
}

/// Every observer's reading of every other nation's move, the new beliefs about arms, and what
/// each strategy will remember of the others' stance.
pub fn perceive_moves(
    rules: &Rules,
    orders: &Orders,
    nations: &Nations,
    relations: &mut Relations,
    seats: &mut Seats,
    perceptions: &mut Perceptions,
    log: &mut TurnLog,
    rng: &mut impl Rng,
) {
    let n = relations.n;
    let params = &rules.scenario.params.perception;
    perceptions.0.clear();
    perceptions.0.resize(
        n * n,
        Perception {
            seen: None,
            misread: false,
            detected: false,
        },
    );
    for (i, j) in relations.pairs() {
        let Some(move_index) = orders.moves[j] else {
            continue;
        };
        let rel = *relations.get(i, j);
        let perception = perceive(
            &rules.scenario.moves[move_index],
            rel.transparency,
            rel.trust,
            params,
            rng,
        );
        perceptions.0[i * n + j] = perception;
        log.0.push(SimEvent::MovePerceived {
            observer: i,
            actor: j,
            perception,
        });
        relations.get_mut(i, j).belief =
            believe(nations.0[j].arms, rel.transparency, rel.trust, params, rng);
    }
    for (i, seat) in seats.0.iter_mut().enumerate() {
        let hostile = (0..n)
            .filter(|&j| j != i && perceptions.0[i * n + j].seen == Some(Intent::Hostile))
            .count();
        let stance = if n > 1 && 2 * hostile >= n - 1 {
            Stance::Defect
        } else {
            Stance::Cooperate
        };
        seat.theirs.push(stance);
    }
}

/// A noisy estimate of true arms: spread `σ·(1 − transparency/100)`, shifted towards the worst
/// case by `worst_case · (1 − trust/100)` spreads.
fn believe(
    arms: f64,
    transparency: f64,
    trust: f64,
    params: &PerceptionParams,
    rng: &mut impl Rng,
) -> f64 {
    let spread = params.sigma * (1.0 - transparency / 100.0);
    if spread <= 0.0 {
        return arms;
    }
    let bias = params.worst_case * (1.0 - trust / 100.0);
    (arms + spread * (standard_normal(rng) + bias)).clamp(0.0, 100.0)
}

/// Box–Muller, so that the only random source is the match's own stream.
fn standard_normal(rng: &mut impl Rng) -> f64 {
    let u1: f64 = rng.random_range(f64::EPSILON..1.0);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn a_move(intent: Intent, ambiguity: f64, visibility: Visibility) -> MoveSpec {
        MoveSpec {
            id: "m".into(),
            name: "M".into(),
            description: String::new(),
            intent,
            ambiguity,
            visibility,
            cost: 0.0,
            crisis_step: None,
            shared_threat: false,
            requires: vec![],
            effects: vec![],
            proposes: None,
        }
    }

    const PARAMS: PerceptionParams = PerceptionParams {
        sigma: 10.0,
        detect: 1.0,
        worst_case: 1.0,
        distrust_second_step: true,
        complacency: 0.0,
        complacent_trust: 60.0,
    };

    fn read_many(m: &MoveSpec, transparency: f64, trust: f64) -> Vec<Perception> {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        (0..10_000)
            .map(|_| perceive(m, transparency, trust, &PARAMS, &mut rng))
            .collect()
    }

    #[test]
    fn full_transparency_reads_every_public_move_as_meant() {
        for intent in [Intent::Cooperative, Intent::Neutral, Intent::Hostile] {
            let m = a_move(intent, 1.0, Visibility::Public);
            assert!(
                read_many(&m, 100.0, 0.0)
                    .iter()
                    .all(|p| p.seen == Some(intent) && !p.misread)
            );
        }
    }

    #[test]
    fn opacity_misreads_ambiguous_moves_at_the_predicted_rate() {
        let m = a_move(Intent::Neutral, 0.8, Visibility::Public);
        let reads = read_many(&m, 25.0, 50.0);
        let share = reads
            .iter()
            .filter(|p| p.seen == Some(Intent::Hostile))
            .count() as f64
            / 1e4;
        assert!((share - 0.8 * 0.75).abs() < 0.02, "misread share {share}");
    }

    #[test]
    fn distrust_can_read_a_cooperative_move_as_hostile() {
        let m = a_move(Intent::Cooperative, 0.5, Visibility::Public);
        let hostile = read_many(&m, 0.0, 0.0)
            .iter()
            .filter(|p| p.seen == Some(Intent::Hostile))
            .count();
        assert!(
            hostile > 1500 && hostile < 3500,
            "{hostile} of 10000 read as hostile, expected ~2500"
        );
        let trusting = read_many(&m, 0.0, 100.0)
            .iter()
            .filter(|p| p.seen == Some(Intent::Hostile))
            .count();
        assert_eq!(trusting, 0);
    }

    #[test]
    fn secret_moves_are_caught_in_proportion_to_transparency() {
        let m = a_move(Intent::Hostile, 0.0, Visibility::Secret);
        assert!(
            read_many(&m, 0.0, 50.0)
                .iter()
                .all(|p| p.seen.is_none() && !p.detected)
        );
        let caught = read_many(&m, 60.0, 50.0)
            .iter()
            .filter(|p| p.detected)
            .count() as f64
            / 1e4;
        assert!((caught - 0.6).abs() < 0.02, "caught {caught}");
    }

    #[test]
    fn beliefs_are_exact_at_full_transparency_and_lean_to_the_worst_case_in_distrust() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        assert_eq!(believe(40.0, 100.0, 0.0, &PARAMS, &mut rng), 40.0);
        let mean = (0..5000)
            .map(|_| believe(40.0, 0.0, 0.0, &PARAMS, &mut rng))
            .sum::<f64>()
            / 5000.0;
        assert!(
            (mean - 50.0).abs() < 1.0,
            "mean belief {mean}, expected 40 + one spread"
        );
    }
}

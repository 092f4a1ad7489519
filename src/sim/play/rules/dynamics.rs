//! Stages 4–6: trust follows perceived moves, arms follow Richardson, transparency decays to
//! the floor that agreements guarantee.

use super::Rules;
use crate::sim::play::log::{SimEvent, TurnLog};
use crate::sim::play::state::{Diplomacy, Nations, Perceptions, Relations};
use crate::sim::scenario::Intent;
use rand::Rng;

/// Moves read as cooperative earn `gain` (less the unverified share), moves read as hostile cost
/// `loss`; an open crisis costs its parties trust in each other per rung; then trust drifts
/// back to its baseline.
pub fn update_trust(
    rules: &Rules,
    perceptions: &Perceptions,
    diplomacy: &Diplomacy,
    relations: &mut Relations,
) {
    let p = &rules.scenario.params.trust;
    let crisis_loss = rules.scenario.params.crisis.trust_loss_per_level;
    let n = relations.n;
    for (i, j) in relations.pairs() {
        let opacity = 1.0 - relations.get(i, j).transparency / 100.0;
        let delta = match perceptions.0.get(i * n + j).and_then(|p| p.seen) {
            Some(Intent::Cooperative) => p.gain * (1.0 - p.unverified_discount * opacity),
            Some(Intent::Hostile) => -p.loss,
            _ => 0.0,
        };
        let crisis = diplomacy
            .crisis
            .as_ref()
            .filter(|c| c.parties.contains(&i) && c.parties.contains(&j))
            .map_or(0.0, |c| crisis_loss * f64::from(c.level));
        let r = relations.get_mut(i, j);
        let t = r.trust + delta - crisis;
        r.trust = (t + p.drift * (p.baseline - t)).clamp(0.0, 100.0);
    }
}

/// One Richardson step per nation against the others' believed arms, the missile defense of
/// theirs that threatens its deterrent, and its distrust of them:
/// `arms += k·(belief + threat·defense) − a·arms + g·(1 − trust/100)` (Richardson 1960, with
/// `threat = params.defense.threat` and `defense` the others' mean unshared missile defense,
/// `defense::mean_threat`; with no missile defense it is Richardson's step). Treaty caps bind
/// the step; arms already over a cap (from a buildup move) are a breach, caught with a chance
/// that grows with transparency.
pub fn run_arms_race(
    rules: &Rules,
    nations: &mut Nations,
    relations: &mut Relations,
    diplomacy: &mut Diplomacy,
    log: &mut TurnLog,
    rng: &mut impl Rng,
) {
    let n = nations.0.len();
    let others = (n - 1).max(1) as f64;
    for i in 0..n {
        let r = rules.richardson[i];
        let (belief, trust) = (0..n).filter(|&j| j != i).fold((0.0, 0.0), |(b, t), j| {
            let rel = relations.get(i, j);
            (b + rel.belief, t + rel.trust)
        });
        let (belief, trust) = (belief / others, trust / others);
        let arms = nations.0[i].arms;
        let defense = rules.scenario.params.defense.threat
            * super::defense::mean_threat(rules, nations, diplomacy, i);
        let step = r.k * (belief + defense) - r.a * arms + r.g * (1.0 - trust / 100.0);
        let cap = lowest_cap(diplomacy, i).unwrap_or(100.0);
        let next = if step > 0.0 {
            (arms + step).min(cap.max(arms))
        } else {
            arms + step
        };
        nations.0[i].arms = next.clamp(0.0, 100.0);
    }
    catch_breaches(rules, nations, relations, diplomacy, log, rng);
}

fn lowest_cap(diplomacy: &Diplomacy, nation: usize) -> Option<f64> {
    diplomacy
        .treaties
        .iter()
        .filter_map(|t| {
            let side = t.parties.iter().position(|&p| p == nation)?;
            Some(t.caps?[side])
        })
        .reduce(f64::min)
}

fn catch_breaches(
    rules: &Rules,
    nations: &Nations,
    relations: &mut Relations,
    diplomacy: &mut Diplomacy,
    log: &mut TurnLog,
    rng: &mut impl Rng,
) {
    let p = &rules.scenario.params.treaty;
    let mut broken = Vec::new();
    for (t, treaty) in diplomacy.treaties.iter().enumerate() {
        let Some(caps) = treaty.caps else { continue };
        for (side, cap) in caps.iter().enumerate() {
            let (breaker, victim) = (treaty.parties[side], treaty.parties[1 - side]);
            if nations.0[breaker].arms <= cap + p.tolerance {
                continue;
            }
            let chance = relations.get(victim, breaker).transparency / 100.0 * p.detect;
            if rng.random_bool(chance.clamp(0.0, 1.0)) {
                let r = relations.get_mut(victim, breaker);
                r.trust = (r.trust - p.breach_loss).max(0.0);
                log.0.push(SimEvent::TreatyBreachCaught {
                    breaker,
                    by: victim,
                    move_index: treaty.move_index,
                });
                broken.push(t);
                break;
            }
        }
    }
    for t in broken.into_iter().rev() {
        diplomacy.treaties.remove(t);
    }
}

/// Transparency above the floor decays; below it, an agreement lifts it towards the floor by
/// `build` points a turn.
pub fn update_transparency(rules: &Rules, diplomacy: &Diplomacy, relations: &mut Relations) {
    let p = &rules.scenario.params.transparency;
    for (i, j) in relations.pairs() {
        let agreed = diplomacy
            .treaties
            .iter()
            .filter(|t| t.parties.contains(&i) && t.parties.contains(&j))
            .filter_map(|t| rules.scenario.moves[t.move_index].proposes.as_ref())
            .map(|a| a.transparency_floor)
            .fold(p.floor, f64::max);
        let r = relations.get_mut(i, j);
        let floor = if r.hotline {
            agreed.max(p.floor + p.hotline_floor)
        } else {
            agreed
        };
        r.transparency = if r.transparency < floor {
            (r.transparency + p.build).min(floor)
        } else {
            r.transparency - p.decay * (r.transparency - floor)
        }
        .clamp(0.0, 100.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::play::state::{Perception, Treaty};
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    /// The starting nations and relations of reset_2013.
    fn start(rules: &Rules) -> (Nations, Relations) {
        let f = crate::sim::play::rules::test_fixture::Fixture::new(rules);
        (f.nations, f.relations)
    }

    fn seen(intent: Intent) -> Perception {
        Perception {
            seen: Some(intent),
            misread: false,
            detected: false,
        }
    }

    #[test]
    fn trust_is_slow_to_build_and_quick_to_lose() {
        let rules = super::super::shipped("reset_2013");
        let (_, relations) = start(&rules);
        let before = relations.get(0, 1).trust;
        let mut up = relations.clone();
        update_trust(
            &rules,
            &Perceptions(vec![seen(Intent::Cooperative); 4]),
            &Diplomacy::default(),
            &mut up,
        );
        let mut down = relations.clone();
        update_trust(
            &rules,
            &Perceptions(vec![seen(Intent::Hostile); 4]),
            &Diplomacy::default(),
            &mut down,
        );
        let gained = up.get(0, 1).trust - before;
        let lost = before - down.get(0, 1).trust;
        assert!(
            gained > 0.0 && lost > 2.0 * gained,
            "gained {gained}, lost {lost}"
        );
    }

    #[test]
    fn transparency_decays_to_the_floor_and_an_agreement_builds_it_up() {
        let rules = super::super::shipped("reset_2013");
        let (_, mut relations) = start(&rules);
        relations.cells.iter_mut().for_each(|r| r.hotline = false);
        let floor = rules.scenario.params.transparency.floor;
        for _ in 0..300 {
            update_transparency(&rules, &Diplomacy::default(), &mut relations);
        }
        assert!((relations.get(0, 1).transparency - floor).abs() < 0.01);
        let center = rules.move_index("propose_joint_fusion_center").unwrap();
        let diplomacy = Diplomacy {
            treaties: vec![Treaty {
                move_index: center,
                parties: [0, 1],
                caps: None,
                signed: 0,
            }],
            ..Default::default()
        };
        let build = rules.scenario.params.transparency.build;
        update_transparency(&rules, &diplomacy, &mut relations);
        assert!(
            (relations.get(0, 1).transparency - (floor + build)).abs() < 0.01,
            "rises by `build` a turn"
        );
        for _ in 0..100 {
            update_transparency(&rules, &diplomacy, &mut relations);
        }
        let agreed = rules.scenario.moves[center]
            .proposes
            .as_ref()
            .unwrap()
            .transparency_floor;
        assert!(agreed > floor);
        assert_eq!(relations.get(0, 1).transparency, agreed);
        assert_eq!(relations.get(1, 0).transparency, agreed);
    }

    #[test]
    fn richardson_settles_where_fatigue_balances_reaction_and_grievance() {
        let mut rules = super::super::shipped("reset_2013");
        // Without the missile-defense term (`params.defense.threat`): Richardson's own step.
        rules.scenario.params.defense.threat = 0.0;
        let (mut nations, mut relations) = start(&rules);
        for r in &mut relations.cells {
            r.trust = 50.0;
        }
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        for _ in 0..400 {
            for (i, j) in relations.pairs() {
                relations.get_mut(i, j).belief = nations.0[j].arms;
            }
            let mut log = TurnLog::default();
            run_arms_race(
                &rules,
                &mut nations,
                &mut relations,
                &mut Diplomacy::default(),
                &mut log,
                &mut rng,
            );
        }
        let r = rules.scenario.params.arms;
        let expected = r.g * 0.5 / (r.a - r.k);
        assert!(
            (nations.0[0].arms - expected).abs() < 0.1,
            "arms {} vs {expected}",
            nations.0[0].arms
        );
    }

    #[test]
    fn a_treaty_cap_binds_the_arms_race() {
        let rules = super::super::shipped("reset_2013");
        let (mut nations, mut relations) = start(&rules);
        for r in &mut relations.cells {
            r.trust = 0.0;
            r.belief = 100.0;
        }
        let treaty = rules.move_index("propose_arms_treaty").unwrap();
        let mut diplomacy = Diplomacy {
            treaties: vec![Treaty {
                move_index: treaty,
                parties: [0, 1],
                caps: Some([40.0, 40.0]),
                signed: 0,
            }],
            ..Default::default()
        };
        nations.0[0].arms = 39.0;
        nations.0[1].arms = 30.0;
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        run_arms_race(
            &rules,
            &mut nations,
            &mut relations,
            &mut diplomacy,
            &mut TurnLog::default(),
            &mut rng,
        );
        assert_eq!(nations.0[0].arms, 40.0);
        assert_eq!(diplomacy.treaties.len(), 1);
    }
}

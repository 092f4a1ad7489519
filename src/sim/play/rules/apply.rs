//! Stage 3, apply: the real moves change the real state — costs, effects, signed agreements,
//! the crisis ladder and the turn's payoffs.

use super::Rules;
use super::crisis::{climb_ladder, open_crisis};
use crate::sim::play::log::{SimEvent, TurnLog};
use crate::sim::play::state::{
    Diplomacy, ExchangeRisk, Nations, Orders, Proposal, Relations, Seats, SharedThreats, Treaty,
};
use crate::sim::scenario::{Effect, Intent, MoveIndex};

/// The parts of a match that the turn's moves and events may change, and the turn they happen
/// in (turns completed before it, as `Clock::turn`).
pub struct Affected<'a> {
    pub turn: u32,
    /// Arms, alert, budgets, approval, scores.
    pub nations: &'a mut Nations,
    /// Trust, transparency and hotlines.
    pub relations: &'a mut Relations,
    /// Proposals, agreements and the crisis.
    pub diplomacy: &'a mut Diplomacy,
    /// The shared threats, and the last joint action against one.
    pub threats: &'a mut SharedThreats,
    /// Who governs each nation (an election may bring in another personality).
    pub seats: &'a mut Seats,
    /// Whether an exchange has happened (the top of the ladder).
    pub risk: &'a mut ExchangeRisk,
    /// The turn's facts, as they happen.
    pub log: &'a mut TurnLog,
}

/// Stage 3: answered proposals are signed, the crisis ladder moves, then each nation's move is
/// paid for and takes effect (its proposal made, joint action on a shared threat noted), and
/// the turn's payoffs are scored: the prisoner's dilemma, or chicken between the parties to a
/// crisis (`score_turn`).
pub fn apply_moves(rules: &Rules, orders: &Orders, world: &mut Affected) {
    let turn = world.turn;
    let crisis = world.diplomacy.crisis.as_ref().map(|c| c.parties);
    sign_accepted(
        rules,
        orders,
        world.nations,
        world.relations,
        world.diplomacy,
        world.log,
    );
    climb_ladder(rules, orders, world);
    let n = world.nations.0.len();
    for (i, move_index) in orders.moves.iter().enumerate() {
        let Some(move_index) = *move_index else {
            continue;
        };
        let m = &rules.scenario.moves[move_index];
        let me = &mut world.nations.0[i];
        me.budget = (me.budget - m.cost + rules.scenario.nations[i].income).max(0.0);
        for effect in &m.effects {
            apply_effect(rules, effect, i, world);
        }
        if m.proposes.is_some() {
            world.diplomacy.proposals.push(Proposal {
                from: i,
                move_index,
                turn,
            });
        }
    }
    super::shared::note_joint_action(rules, orders, crisis, world);
    score_turn(rules, orders, crisis, world.nations, world.diplomacy, n);
}

/// The turn's payoffs on the true moves, averaged over the others so that scores compare
/// across scenarios with more than two nations. Between the parties to the crisis open at the
/// start of the turn, with `payoffs.chicken`, the game of chicken: standing firm (a crisis move
/// that does not step down) against backing down. Between any other pair, the prisoner's
/// dilemma: a hostile move is defection, and so is adding missile defense that the other does
/// not share when `defense.scored_as_defection` (a threat to its deterrent).
fn score_turn(
    rules: &Rules,
    orders: &Orders,
    crisis: Option<[usize; 2]>,
    nations: &mut Nations,
    diplomacy: &Diplomacy,
    n: usize,
) {
    let pay = &rules.scenario.payoffs;
    let defects = |i: usize, j: usize| {
        orders.moves[i].is_some_and(|a| defects_against(rules, a, diplomacy, i, j))
    };
    let firm = |i: usize| orders.moves[i].is_some() && !super::crisis::steps_down(rules, orders, i);
    for i in 0..n {
        let mut total = 0.0;
        for j in (0..n).filter(|&j| j != i) {
            let chicken = pay
                .chicken
                .filter(|_| crisis.is_some_and(|c| c.contains(&i) && c.contains(&j)));
            total += match chicken {
                Some(c) => match (firm(i), firm(j)) {
                    (false, false) => c.r,
                    (false, true) => c.s,
                    (true, false) => c.t,
                    (true, true) => c.p,
                },
                None => match (defects(i, j), defects(j, i)) {
                    (false, false) => pay.r,
                    (false, true) => pay.s,
                    (true, false) => pay.t,
                    (true, true) => pay.p,
                },
            };
        }
        nations.0[i].score += total / (n - 1).max(1) as f64;
    }
}

/// Whether `nation`'s move counts as defection against `other` in the prisoner's dilemma: a
/// hostile move, or (with `defense.scored_as_defection`) one that adds missile defense the two
/// do not share.
pub fn defects_against(
    rules: &Rules,
    move_index: MoveIndex,
    diplomacy: &Diplomacy,
    nation: usize,
    other: usize,
) -> bool {
    let m = &rules.scenario.moves[move_index];
    m.intent == Intent::Hostile
        || (rules.scenario.params.defense.scored_as_defection
            && m.effects
                .iter()
                .any(|e| matches!(e, Effect::MissileDefense(v) if *v > 0.0))
            && !super::defense::shares_defense(rules, diplomacy, nation, other))
}

/// Turns last turn's accepted proposals into treaties and clears the answered ones. An arms
/// cut is carried out on signing.
fn sign_accepted(
    rules: &Rules,
    orders: &Orders,
    nations: &mut Nations,
    relations: &mut Relations,
    diplomacy: &mut Diplomacy,
    log: &mut TurnLog,
) {
    let proposals = std::mem::take(&mut diplomacy.proposals);
    // A proposer accepted by several nations makes its cut once, not once per acceptor.
    let mut cut: Vec<(usize, usize)> = Vec::new();
    for &(p, by, accepted) in &orders.answers {
        let Some(proposal) = proposals.get(p) else {
            continue;
        };
        log.0.push(SimEvent::ProposalAnswered {
            from: proposal.from,
            by,
            move_index: proposal.move_index,
            accepted,
        });
        let Some(terms) = &rules.scenario.moves[proposal.move_index].proposes else {
            continue;
        };
        if !accepted {
            continue;
        }
        let parties = [proposal.from, by];
        let binding = diplomacy
            .treaties
            .iter()
            .any(|t| t.move_index == proposal.move_index && same_pair(t.parties, parties));
        if binding {
            continue;
        }
        // Signing implements the cut at once; the cap then holds arms at the new level.
        let caps = terms.arms_cut.map(|amount| {
            parties.map(|i| {
                let arms = &mut nations.0[i].arms;
                if !cut.contains(&(p, i)) {
                    *arms = (*arms - amount).max(0.0);
                    cut.push((p, i));
                }
                *arms
            })
        });
        diplomacy.treaties.push(Treaty {
            move_index: proposal.move_index,
            parties,
            caps,
            signed: proposal.turn + 1,
        });
        grant_signing_trust(relations, parties, terms.trust_bonus);
        log.0.push(SimEvent::TreatySigned {
            parties,
            move_index: proposal.move_index,
        });
    }
}

/// The trust (`Agreement::trust_bonus`) each party to a newly signed agreement gains in the
/// other, up to 100: on signing, and for an agreement in force at the start (`run::new_match`).
pub fn grant_signing_trust(relations: &mut Relations, parties: [usize; 2], bonus: f64) {
    for (a, b) in [(parties[0], parties[1]), (parties[1], parties[0])] {
        let r = relations.get_mut(a, b);
        r.trust = (r.trust + bonus).min(100.0);
    }
}

fn same_pair(a: [usize; 2], b: [usize; 2]) -> bool {
    a == b || a == [b[1], b[0]]
}

/// One effect on the state, with `me` as the mover or the event's target.
pub(super) fn apply_effect(rules: &Rules, effect: &Effect, me: usize, w: &mut Affected) {
    let n = w.nations.0.len();
    let others = (0..n).filter(move |&j| j != me);
    let nation = &mut w.nations.0[me];
    match *effect {
        Effect::Arms(d) => nation.arms = (nation.arms + d).clamp(0.0, 100.0),
        Effect::Alert(d) => nation.alert = (i32::from(nation.alert) + d).clamp(0, 3) as u8,
        Effect::MissileDefense(d) => {
            nation.missile_defense = (nation.missile_defense + d).clamp(0.0, 100.0)
        }
        Effect::Budget(d) => nation.budget = (nation.budget + d).max(0.0),
        Effect::Approval(d) => add(&mut nation.approval, d),
        Effect::TransparencyOfMe(d) => {
            others.for_each(|j| add(&mut w.relations.get_mut(j, me).transparency, d))
        }
        Effect::TransparencyOfOthers(d) => {
            others.for_each(|j| add(&mut w.relations.get_mut(me, j).transparency, d))
        }
        Effect::TrustOfOthers(d) => {
            others.for_each(|j| add(&mut w.relations.get_mut(j, me).trust, d))
        }
        Effect::TrustInOthers(d) => {
            others.for_each(|j| add(&mut w.relations.get_mut(me, j).trust, d))
        }
        Effect::Threat(kind, d) => add(w.threats.levels.get_mut(kind), d),
        Effect::Hotline => others.for_each(|j| {
            w.relations.get_mut(me, j).hotline = true;
            w.relations.get_mut(j, me).hotline = true;
        }),
        Effect::Crisis(rung) => open_crisis(rules, me, rung, w),
        Effect::Election => super::politics::hold_election(rules, me, w),
    }
}

/// Adds `d` to a 0..100 quantity, within 0..100.
pub(super) fn add(value: &mut f64, d: f64) {
    *value = (*value + d).clamp(0.0, 100.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::play::rules::test_fixture::{Fixture, orders};

    #[test]
    fn both_escalating_climb_two_rungs_and_the_top_is_an_exchange() {
        let rules = super::super::shipped("reset_2013");
        let mut f = Fixture::new(&rules);
        f.in_crisis(1);
        let escalate = orders(&rules, &["escalate", "escalate"]);
        f.apply_orders(&rules, &escalate);
        assert_eq!(f.diplomacy.crisis.as_ref().map(|c| c.level), Some(3));
        assert!(f.log.0.contains(&SimEvent::CrisisMoved { from: 1, to: 3 }));
        f.apply_orders(&rules, &escalate);
        assert!(f.risk.exchange && f.diplomacy.crisis.is_none());
        assert!(f.log.0.contains(&SimEvent::ExchangeHappened {
            on_the_ladder: true
        }));
    }

    #[test]
    fn de_escalating_together_defuses_the_crisis() {
        let rules = super::super::shipped("reset_2013");
        let mut f = Fixture::new(&rules);
        f.in_crisis(2);
        f.apply(&rules, &["de_escalate", "back_channel"]);
        assert!(f.diplomacy.crisis.is_none() && !f.risk.exchange);
        assert!(f.log.0.contains(&SimEvent::CrisisEnded {
            level: 0,
            fizzled: false
        }));
    }

    #[test]
    fn a_proposal_binds_only_when_accepted() {
        let rules = super::super::shipped("reset_2013");
        let mut f = Fixture::new(&rules);
        f.apply(&rules, &["propose_arms_treaty", "hold"]);
        assert_eq!(f.diplomacy.proposals.len(), 1);
        assert!(f.diplomacy.treaties.is_empty());
        let mut declined = orders(&rules, &["hold", "hold"]);
        declined.answers = vec![(0, 1, false)];
        let mut d = f.clone();
        d.apply_orders(&rules, &declined);
        assert!(d.diplomacy.treaties.is_empty() && d.diplomacy.proposals.is_empty());
        let mut accepted = orders(&rules, &["hold", "hold"]);
        accepted.answers = vec![(0, 1, true)];
        let arms = [f.nations.0[0].arms, f.nations.0[1].arms];
        f.apply_orders(&rules, &accepted);
        let treaty = &f.diplomacy.treaties[0];
        assert_eq!(treaty.parties, [0, 1]);
        assert_eq!(treaty.caps, Some([arms[0] - 8.0, arms[1] - 8.0]));
    }

    #[test]
    fn payoffs_follow_the_true_intents() {
        let rules = super::super::shipped("reset_2013");
        let mut f = Fixture::new(&rules);
        f.apply(&rules, &["summit", "arms_buildup"]);
        assert_eq!((f.nations.0[0].score, f.nations.0[1].score), (0.0, 5.0));
    }
}

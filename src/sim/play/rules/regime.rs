//! Stages 8–9: the per-turn risk of an exchange (the doomsday clock), and the regime read off
//! the numbers alone, which at the end gives the outcome.

use super::Rules;
use crate::sim::play::log::{SimEvent, TurnLog};
use crate::sim::play::state::{
    Clock, Diplomacy, ExchangeRisk, Nations, Regime, RegimeHistory, Relations, SharedThreats,
};
use rand::Rng;

/// The hazard of an exchange this turn: `base · exp(Σ weight · factor)`, capped at `max`; the
/// factors are the highest alert, tension, mean arms, the crisis rung, mean transparency and
/// hotlines (`params.risk`), and first-strike fear, `highest alert/3 · largest unshared missile
/// defense/100` (`params.defense.first_strike`).
pub fn risk_of(
    rules: &Rules,
    nations: &Nations,
    relations: &Relations,
    diplomacy: &Diplomacy,
) -> f64 {
    let p = &rules.scenario.params.risk;
    let n = nations.0.len() as f64;
    let alert = nations
        .0
        .iter()
        .map(|n| f64::from(n.alert))
        .fold(0.0, f64::max)
        / 3.0;
    let tension = 1.0 - relations.min_trust() / 100.0;
    let arms = nations.0.iter().map(|n| n.arms).sum::<f64>() / n / 100.0;
    let crisis = diplomacy.crisis.as_ref().map_or(0.0, |c| {
        f64::from(c.level) / f64::from(rules.top_rung.max(1))
    });
    let first_strike = rules.scenario.params.defense.first_strike;
    let fear = if first_strike > 0.0 {
        first_strike * alert * super::defense::largest_threat(rules, nations, diplomacy) / 100.0
    } else {
        0.0
    };
    let exponent = p.alert * alert + p.tension * tension + p.arms * arms + p.crisis * crisis
        - p.transparency * relations.mean_transparency() / 100.0
        - p.hotline * relations.hotline_share()
        + fear;
    (p.base * exponent.exp()).min(p.max)
}

/// Computes this turn's risk and rolls for an accidental or deliberate exchange.
pub fn assess_risk(
    rules: &Rules,
    nations: &Nations,
    relations: &Relations,
    diplomacy: &Diplomacy,
    risk: &mut ExchangeRisk,
    log: &mut TurnLog,
    rng: &mut impl Rng,
) {
    risk.chance = if rules.stages.risk {
        risk_of(rules, nations, relations, diplomacy)
    } else {
        0.0
    };
    if !risk.exchange && rng.random_bool(risk.chance.clamp(0.0, 1.0)) {
        risk.exchange = true;
        log.0.push(SimEvent::ExchangeHappened {
            on_the_ladder: false,
        });
    }
}

/// The doomsday clock: `clock · exp(−risk · clock_rate)` minutes to midnight.
pub fn minutes_to_midnight(rules: &Rules, risk: f64) -> f64 {
    let p = &rules.scenario.params.risk;
    p.clock * (-risk * p.clock_rate).exp()
}

/// The regime of the state as it stands, from the numbers alone (DESIGN.md, stage 9):
/// - `Catastrophe` once an exchange has happened;
/// - `MAS` when every pair's trust is at least `mas_trust` and its transparency at least
///   `mas_transparency`, the risk is at most `mas_risk`, total arms are not above their level
///   `arms_window` turns ago by more than `arms_slack` (`RegimeHistory::arms_totals`), and, when
///   `mas_needs_joint_action`, a joint action on a shared threat happened within the last
///   `threats.joint_memory` turns;
/// - `MAD` when mean trust is at most `mad_trust` and deterrence holds: with `mad_mutual`, some
///   two nations can each destroy the other (`mutual_deterrence`); without it, the largest
///   arsenal is at least `mad_arms` or the risk at least `mad_risk`;
/// - `Unsettled` otherwise (a nuclear monopoly in distrust, under `mad_mutual`, is one of these).
pub fn regime_of(
    rules: &Rules,
    nations: &Nations,
    relations: &Relations,
    diplomacy: &Diplomacy,
    clock: &Clock,
    threats: &SharedThreats,
    risk: &ExchangeRisk,
    history: &RegimeHistory,
) -> Regime {
    let p = &rules.scenario.params.regime;
    if risk.exchange {
        return Regime::Catastrophe;
    }
    // Total arms now against `arms_window` turns ago (or the start, early in a match).
    let totals = &history.arms_totals;
    let then = totals
        .len()
        .saturating_sub((p.arms_window as usize).saturating_add(1));
    let arms_not_rising = match (totals.get(then), totals.last()) {
        (Some(&then), Some(&now)) => now <= then + p.arms_slack,
        _ => true,
    };
    let joint = !p.mas_needs_joint_action
        || threats.last_joint_action.is_some_and(|t| {
            clock.turn.saturating_sub(t) < rules.scenario.params.threats.joint_memory
        });
    let mas = relations.min_trust() >= p.mas_trust
        && relations.min_transparency() >= p.mas_transparency
        && risk.chance <= p.mas_risk
        && arms_not_rising
        && joint;
    let deterrence = if p.mad_mutual {
        mutual_deterrence(rules, nations, diplomacy)
    } else {
        let max_arms = nations.0.iter().map(|n| n.arms).fold(0.0, f64::max);
        max_arms >= p.mad_arms || risk.chance >= p.mad_risk
    };
    let mad = relations.mean_trust() <= p.mad_trust && deterrence;
    if mas {
        Regime::Mas
    } else if mad {
        Regime::Mad
    } else {
        Regime::Unsettled
    }
}

/// Whether some two nations can each destroy the other: each one's deterrent against the other
/// (its arms less what the other's unshared missile defense would stop, `defense::deterrent`)
/// is at least `regime.mad_arms`. One nation alone above it is a nuclear monopoly: it can
/// destroy its rivals, they cannot answer, and that is primacy, not mutual deterrence.
pub fn mutual_deterrence(rules: &Rules, nations: &Nations, diplomacy: &Diplomacy) -> bool {
    let n = nations.0.len();
    let needed = rules.scenario.params.regime.mad_arms;
    let can =
        |i: usize, j: usize| super::defense::deterrent(rules, nations, diplomacy, i, j) >= needed;
    (0..n).any(|i| (i + 1..n).any(|j| can(i, j) && can(j, i)))
}

/// Stage 9, regime: records the turn's total arms (what the MAS rule's arms condition compares)
/// and the regime the numbers now show.
pub fn classify_regime(
    rules: &Rules,
    nations: &Nations,
    relations: &Relations,
    diplomacy: &Diplomacy,
    clock: &Clock,
    threats: &SharedThreats,
    risk: &ExchangeRisk,
    history: &mut RegimeHistory,
) {
    let total = nations.0.iter().map(|n| n.arms).sum();
    history.record_arms_total(total, rules.scenario.params.regime.arms_window);
    let regime = regime_of(
        rules, nations, relations, diplomacy, clock, threats, risk, history,
    );
    history.regimes.push(regime);
}

/// Stage 10, outcome: the turn is over, and after an exchange or at the last turn the match's
/// outcome is settled: MAS when the MAS regime held for the last `mas_hold` turns, MAD when the
/// final regime is MAD, Catastrophe after an exchange (every nation pays the catastrophe
/// payoff), Unsettled otherwise.
pub fn end_turn(rules: &Rules, history: &RegimeHistory, nations: &mut Nations, clock: &mut Clock) {
    let regimes = &history.regimes;
    let regime = regimes.last().copied().unwrap_or(Regime::Unsettled);
    clock.turn += 1;
    if regime == Regime::Catastrophe {
        for n in &mut nations.0 {
            n.score += rules.scenario.payoffs.catastrophe;
        }
        clock.outcome = Some(Regime::Catastrophe);
    } else if clock.turn >= clock.turns {
        let hold = rules.scenario.params.regime.mas_hold as usize;
        let held = regimes.len() >= hold
            && regimes[regimes.len() - hold..]
                .iter()
                .all(|&r| r == Regime::Mas);
        clock.outcome = Some(if held {
            Regime::Mas
        } else if regime == Regime::Mad {
            Regime::Mad
        } else {
            Regime::Unsettled
        });
    }
}

#[cfg(test)]
#[path = "regime_tests.rs"]
mod tests;

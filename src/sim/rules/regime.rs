//! Stages 8–9: the per-turn risk of an exchange (the doomsday clock), and the regime read off
//! the numbers alone, which at the end gives the outcome.

use super::Rules;
use crate::sim::log::{SimEvent, TurnLog};
use crate::sim::state::{Diplomacy, Globals, Nations, Regime, Relations};
use rand::Rng;

/// The hazard of an exchange this turn: `base · exp(Σ weight · factor)`, capped at `max`.
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
    let exponent = p.alert * alert + p.tension * tension + p.arms * arms + p.crisis * crisis
        - p.transparency * relations.mean_transparency() / 100.0
        - p.hotline * relations.hotline_share();
    (p.base * exponent.exp()).min(p.max)
}

/// Computes this turn's risk and rolls for an accidental or deliberate exchange.
pub fn assess_risk(
    rules: &Rules,
    nations: &Nations,
    relations: &Relations,
    diplomacy: &Diplomacy,
    globals: &mut Globals,
    log: &mut TurnLog,
    rng: &mut impl Rng,
) {
    globals.risk = risk_of(rules, nations, relations, diplomacy);
    if !globals.exchange && rng.random_bool(globals.risk.clamp(0.0, 1.0)) {
        globals.exchange = true;
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

/// The regime of the state as it stands, from the numbers alone.
pub fn regime_of(
    rules: &Rules,
    nations: &Nations,
    relations: &Relations,
    globals: &Globals,
) -> Regime {
    let p = &rules.scenario.params.regime;
    if globals.exchange {
        return Regime::Catastrophe;
    }
    let totals = &globals.arms_totals;
    let window = p.arms_window as usize;
    let arms_not_rising = match totals.len().checked_sub(window + 1) {
        Some(then) => totals[totals.len() - 1] <= totals[then] + p.arms_slack,
        None => totals.last() <= totals.first(),
    };
    let joint = !p.mas_needs_joint_action
        || globals.last_joint_action.is_some_and(|t| {
            globals.turn.saturating_sub(t) < rules.scenario.params.threats.joint_memory
        });
    let mas = relations.min_trust() >= p.mas_trust
        && relations.min_transparency() >= p.mas_transparency
        && globals.risk <= p.mas_risk
        && arms_not_rising
        && joint;
    let max_arms = nations.0.iter().map(|n| n.arms).fold(0.0, f64::max);
    let mad = relations.mean_trust() <= p.mad_trust
        && (max_arms >= p.mad_arms || globals.risk >= p.mad_risk);
    if mas {
        Regime::Mas
    } else if mad {
        Regime::Mad
    } else {
        Regime::Unsettled
    }
}

/// Records the turn's regime, advances the turn counter and, at the end or after an exchange,
/// sets the outcome: MAS when the MAS regime held for the last `mas_hold` turns, MAD when the
/// final regime is MAD, Catastrophe after an exchange, Unsettled otherwise.
pub fn classify_regime(
    rules: &Rules,
    nations: &mut Nations,
    relations: &Relations,
    globals: &mut Globals,
) {
    let regime = regime_of(rules, nations, relations, globals);
    globals.regimes.push(regime);
    globals.turn += 1;
    if regime == Regime::Catastrophe {
        for n in &mut nations.0 {
            n.score += rules.scenario.payoffs.catastrophe;
        }
        globals.outcome = Some(Regime::Catastrophe);
    } else if globals.turn >= globals.turns {
        let hold = rules.scenario.params.regime.mas_hold as usize;
        let held = globals.regimes.len() >= hold
            && globals.regimes[globals.regimes.len() - hold..]
                .iter()
                .all(|&r| r == Regime::Mas);
        globals.outcome = Some(if held {
            Regime::Mas
        } else if regime == Regime::Mad {
            Regime::Mad
        } else {
            Regime::Unsettled
        });
    }
}

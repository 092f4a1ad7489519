//! Stage 7, events: each of the scenario's events fires with a chance weighted by the state —
//! false alarms at high alert and low transparency, proxy wars in distrust, and so on.

use super::Rules;
use super::apply::{Affected, apply_effect};
use crate::sim::play::log::SimEvent;
use crate::sim::play::state::{Nations, Relations};
use crate::sim::scenario::{Chance, EventIndex, EventSpec, Target};
use rand::Rng;

/// The state, reduced to the factors (each 0..1) that event chances weigh.
struct Factors {
    alert: f64,
    tension: f64,
    opacity: f64,
    arms: f64,
    terrorism: f64,
    proliferation: f64,
    disaster: f64,
    early_warning: f64,
}

fn chance(c: &Chance, f: &Factors) -> f64 {
    (c.base
        + c.alert * f.alert
        + c.tension * f.tension
        + c.opacity * f.opacity
        + c.arms * f.arms
        + c.terrorism * f.terrorism
        + c.proliferation * f.proliferation
        + c.disaster * f.disaster
        + c.early_warning * f.early_warning)
        .clamp(0.0, 1.0)
}

/// Threats grow when nobody works on them; then each event of the scenario is drawn and those
/// that fire are applied, in the scenario's order. Injected events (a facilitator's) fire
/// whatever their chance; their draw is still made, so the rest of the turn's random stream is
/// the same as without the injection.
pub fn draw_events(rules: &Rules, injected: &[EventIndex], w: &mut Affected, rng: &mut impl Rng) {
    let growth = rules.scenario.params.threats.growth;
    let t = &mut w.threats.levels;
    for v in [&mut t.terrorism, &mut t.proliferation, &mut t.disaster] {
        *v = (*v + growth).clamp(0.0, 100.0);
    }
    if rules.scenario.events.is_empty() || w.risk.exchange {
        return;
    }
    let f = factors(rules, w);
    for (index, event) in EventIndex::all(&rules.scenario.events).zip(&rules.scenario.events) {
        let drawn = rng.random_bool(chance(&event.chance, &f));
        if !drawn && !injected.contains(&index) {
            continue;
        }
        let targets = targets(rules, event, w.nations, w.relations, rng);
        if targets.is_empty() {
            continue;
        }
        w.log.0.push(SimEvent::EventDrawn {
            event: index,
            targets: targets.clone(),
        });
        for &t in &targets {
            for effect in &event.effects {
                apply_effect(rules, effect, t, w);
            }
        }
    }
}

/// The state's factors that event chances weigh (`Chance`), each 0..1.
fn factors(rules: &Rules, w: &Affected) -> Factors {
    let n = w.nations.0.len();
    Factors {
        alert: w
            .nations
            .0
            .iter()
            .map(|n| f64::from(n.alert))
            .fold(0.0, f64::max)
            / 3.0,
        tension: 1.0 - w.relations.min_trust() / 100.0,
        opacity: 1.0 - w.relations.mean_transparency() / 100.0,
        arms: w.nations.0.iter().map(|n| n.arms).sum::<f64>() / n as f64 / 100.0,
        terrorism: w.threats.levels.terrorism / 100.0,
        proliferation: w.threats.levels.proliferation / 100.0,
        disaster: w.threats.levels.disaster / 100.0,
        early_warning: super::defense::shared_warning(rules, w.diplomacy, n),
    }
}

/// The chance (0..1) that `event` fires this turn in the state `w`: `base + Σ weight · factor`.
#[cfg(test)]
pub(super) fn event_chance(rules: &Rules, event: &EventSpec, w: &Affected) -> f64 {
    chance(&event.chance, &factors(rules, w))
}

pub(super) fn targets(
    rules: &Rules,
    event: &EventSpec,
    nations: &Nations,
    relations: &Relations,
    rng: &mut impl Rng,
) -> Vec<usize> {
    let n = nations.0.len();
    match event.target {
        Target::All => (0..n).collect(),
        Target::Random => vec![rng.random_range(0..n)],
        Target::Democracy => {
            let voters: Vec<usize> = (0..n).filter(|&i| rules.opposition[i].is_some()).collect();
            if voters.is_empty() {
                Vec::new()
            } else {
                vec![voters[rng.random_range(0..voters.len())]]
            }
        }
        Target::HighestAlert => {
            let top = nations.0.iter().map(|n| n.alert).max().unwrap_or(0);
            vec![nations.0.iter().position(|n| n.alert == top).unwrap_or(0)]
        }
        Target::Tensest => {
            let least = |i: usize| {
                (0..n)
                    .filter(|&j| j != i)
                    .map(|j| relations.get(i, j).trust)
                    .fold(100.0, f64::min)
            };
            let best = (0..n)
                .min_by(|&a, &b| least(a).total_cmp(&least(b)))
                .unwrap_or(0);
            vec![best]
        }
    }
}

//! Missile defense and deterrence (`params.defense`): a rival's interceptors threaten one's
//! second strike unless an agreement in force shares them (a joint fusion center).
//!
//! These functions read the true state: missile defense is public (deployments are seen), and
//! so are the agreements in force.

use super::Rules;
use crate::sim::play::state::{Diplomacy, Nations};

/// Whether an agreement in force between `i` and `j` shares their missile defense
/// (`Agreement::shares_missile_defense`).
pub fn shares_defense(rules: &Rules, diplomacy: &Diplomacy, i: usize, j: usize) -> bool {
    diplomacy.treaties.iter().any(|t| {
        t.parties.contains(&i)
            && t.parties.contains(&j)
            && rules.scenario.moves[t.move_index]
                .proposes
                .as_ref()
                .is_some_and(|a| a.shares_missile_defense)
    })
}

/// The missile defense of `rival` (0..100) that threatens `nation`'s deterrent: all of it,
/// unless the two share it.
pub fn threatening_defense(
    rules: &Rules,
    nations: &Nations,
    diplomacy: &Diplomacy,
    nation: usize,
    rival: usize,
) -> f64 {
    if shares_defense(rules, diplomacy, nation, rival) {
        0.0
    } else {
        nations.0[rival].missile_defense
    }
}

/// The mean, over the others, of the missile defense that threatens `nation` (0..100): what
/// the Richardson step adds, times `defense.threat`, beside the believed arms.
pub fn mean_threat(rules: &Rules, nations: &Nations, diplomacy: &Diplomacy, nation: usize) -> f64 {
    let n = nations.0.len();
    let total: f64 = (0..n)
        .filter(|&j| j != nation)
        .map(|j| threatening_defense(rules, nations, diplomacy, nation, j))
        .sum();
    total / (n - 1).max(1) as f64
}

/// The largest missile defense (0..100) that threatens any nation: what the first-strike term
/// of the risk weighs.
pub fn largest_threat(rules: &Rules, nations: &Nations, diplomacy: &Diplomacy) -> f64 {
    let n = nations.0.len();
    (0..n)
        .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
        .map(|(i, j)| threatening_defense(rules, nations, diplomacy, i, j))
        .fold(0.0, f64::max)
}

/// `nation`'s deterrent against `rival`, in arms points: its arms less the share that the
/// rival's unshared missile defense would stop, `arms · (1 − intercept · defense/100)`.
pub fn deterrent(
    rules: &Rules,
    nations: &Nations,
    diplomacy: &Diplomacy,
    nation: usize,
    rival: usize,
) -> f64 {
    let intercept = rules.scenario.params.defense.intercept;
    let defense = threatening_defense(rules, nations, diplomacy, nation, rival);
    nations.0[nation].arms * (1.0 - intercept * defense / 100.0).clamp(0.0, 1.0)
}

/// The share (0..1) of pairs of nations that share missile defense, and with it early warning
/// (`Chance::early_warning`).
pub fn shared_warning(rules: &Rules, diplomacy: &Diplomacy, n: usize) -> f64 {
    let pairs = n * n.saturating_sub(1) / 2;
    if pairs == 0 {
        return 0.0;
    }
    let shared = (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .filter(|&(i, j)| shares_defense(rules, diplomacy, i, j))
        .count();
    shared as f64 / pairs as f64
}

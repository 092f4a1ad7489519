//! Running totals of many games, one game at a time (batch and sweep), and the Wilson interval
//! of a share.

use crate::sim::archive::tally::Tally;
use crate::sim::{GameResult, Regime};

/// Running totals of a batch, one game at a time.
pub struct Totals {
    pub games: usize,
    /// Games by outcome, in the order of `Regime::ALL`.
    pub outcomes: [usize; 4],
    score_sums: Vec<f64>,
    /// Sums of the final mean trust, transparency, arms, risk and turns played.
    final_sums: [f64; 5],
    /// Every game's misreadings, added up.
    pub tally: Tally,
}

impl Totals {
    pub fn new(nations: usize) -> Totals {
        Totals {
            games: 0,
            outcomes: [0; 4],
            score_sums: vec![0.0; nations],
            final_sums: [0.0; 5],
            tally: Tally::default(),
        }
    }

    pub fn add(&mut self, g: &GameResult) {
        self.games += 1;
        if let Some(k) = Regime::ALL.iter().position(|&r| r == g.outcome) {
            self.outcomes[k] += 1;
        }
        for (sum, score) in self.score_sums.iter_mut().zip(&g.scores) {
            *sum += score;
        }
        let f = &g.final_state;
        for (sum, v) in self.final_sums.iter_mut().zip([
            f.mean_trust,
            f.mean_transparency,
            f.mean_arms,
            f.risk,
            f64::from(g.turns),
        ]) {
            *sum += v;
        }
        self.tally.absorb(&g.tally);
    }

    /// The means of the final mean trust, transparency, arms, risk and turns played.
    pub fn final_means(&self) -> [f64; 5] {
        let n = self.games.max(1) as f64;
        self.final_sums.map(|s| s / n)
    }

    /// Games that ended in `regime`.
    pub fn count(&self, regime: Regime) -> usize {
        Regime::ALL
            .iter()
            .position(|&r| r == regime)
            .map_or(0, |k| self.outcomes[k])
    }

    /// Each nation's mean score, in the scenario's order.
    pub fn mean_scores(&self) -> Vec<f64> {
        let n = self.games.max(1) as f64;
        self.score_sums.iter().map(|s| s / n).collect()
    }
}

/// Rounded to four decimals, as the summaries show shares and means.
pub fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The Wilson score interval for `k` successes in `n` trials, at 95% (Wilson 1927), rounded to
/// four decimals; `[0, 1]` for no trials.
pub fn wilson(k: usize, n: usize) -> [f64; 2] {
    if n == 0 {
        return [0.0, 1.0];
    }
    let (k, n, z) = (k as f64, n as f64, 1.959_964);
    let p = k / n;
    let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / (1.0 + z * z / n);
    [
        round((centre - half).max(0.0)),
        round((centre + half).min(1.0)),
    ]
}

//! The round robin itself: every pair of strategies, self-play included, R matches each, and
//! the standings by score per turn played.

use crate::cli::Setup;
use crate::sim::run::stream_matches;
use crate::sim::state::Controller;
use crate::sim::{GameResult, InputError, Plan, Regime, Strategy};

/// How a tournament scores a side, in words (`detente tournament --help`, `docs/model.md`, the
/// report): each match counts once, and a match that ended early (a nuclear exchange) counts by
/// the turns it lasted, as the cooperation rate does.
pub const SCORE_PER_TURN: &str = "a side's score in a match divided by the turns that match lasted, averaged over the strategy's matches (both sides of self-play count)";

/// One match of the round robin, as its tables need it.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// The strategies' indices, `a ≤ b`; `a` plays the scenario's first nation.
    pub a: usize,
    pub b: usize,
    /// 0-based; the match is played on seed `seed + repetition`.
    pub repetition: u32,
    pub seed: u64,
    /// Turns played (fewer than the length when an exchange ended the match).
    pub turns: u32,
    pub outcome: Regime,
    pub scores: [f64; 2],
    /// Each side's share of its turns that it cooperated.
    pub cooperation: [f64; 2],
}

impl Match {
    fn of(a: usize, b: usize, repetition: u32, g: &GameResult) -> Match {
        Match {
            a,
            b,
            repetition,
            seed: g.seed,
            turns: g.turns,
            outcome: g.outcome,
            scores: [g.scores[0], g.scores[1]],
            cooperation: [g.cooperation[0], g.cooperation[1]],
        }
    }

    /// Side `side`'s score per turn played (`SCORE_PER_TURN`).
    pub fn per_turn(&self, side: usize) -> f64 {
        self.scores[side] / f64::from(self.turns.max(1))
    }
}

/// One strategy's standing.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub strategy: Strategy,
    /// Mean score per turn (`SCORE_PER_TURN`).
    pub mean_score: f64,
    /// Matches it scored more than its opponent in (self-play never counts).
    pub wins: usize,
    /// Mean share of its turns it cooperated, over the same matches.
    pub cooperation: f64,
    pub matches: usize,
}

/// A tournament's matches and standings.
pub struct Tournament {
    pub strategies: Vec<Strategy>,
    /// Turns per match (the most a match can last).
    pub turns: u32,
    /// Every match, pair by pair (a ≤ b in the strategies' order), repetition by repetition.
    pub matches: Vec<Match>,
    pub ranking: Vec<Standing>,
}

/// Plays the round robin: pair (a, b) with a ≤ b, repetition r on seed `seed + r` (which the
/// caller has checked does not pass `u64::MAX`). The matches stream through, each kept as a
/// `Match` of a few numbers.
pub fn play(
    setup: &Setup,
    strategies: &[Strategy],
    repetitions: u32,
    seed: u64,
    progress: impl FnMut(usize),
) -> Result<Tournament, InputError> {
    let rules = &setup.rules;
    if rules.nation_count() != 2 {
        return Err(InputError::new(
            rules.scenario.id.clone(),
            format!(
                "a tournament needs a two-nation scenario; this one has {}",
                rules.nation_count()
            ),
        ));
    }
    let personality = |seat: usize| match setup.controllers[seat] {
        Controller::Ai { personality, .. } => personality,
        Controller::Human => 0,
    };
    let mut pairs = Vec::new();
    for a in 0..strategies.len() {
        for b in a..strategies.len() {
            pairs.push((a, b));
        }
    }
    let reps = repetitions.max(1) as usize;
    let key = |k: usize| (pairs[k / reps], (k % reps) as u32);
    let lineup = |k: usize| {
        let ((a, b), _) = key(k);
        Some(vec![
            Controller::Ai {
                strategy: strategies[a],
                personality: personality(0),
            },
            Controller::Ai {
                strategy: strategies[b],
                personality: personality(1),
            },
        ])
    };
    let plan = Plan {
        controllers: setup.controllers.clone(),
        turns: setup.turns,
        record: false,
        trajectories: 0,
    };
    let mut matches = Vec::with_capacity(pairs.len() * reps);
    stream_matches(
        rules,
        &plan,
        pairs.len() * reps,
        &|k| seed.wrapping_add(u64::from(key(k).1)),
        &lineup,
        |g| {
            let ((a, b), r) = key(g.index);
            matches.push(Match::of(a, b, r, &g));
        },
        progress,
    );
    let ranking = rank(strategies, &matches);
    Ok(Tournament {
        strategies: strategies.to_vec(),
        turns: setup.turns,
        matches,
        ranking,
    })
}

fn rank(strategies: &[Strategy], matches: &[Match]) -> Vec<Standing> {
    let mut standings: Vec<Standing> = strategies
        .iter()
        .map(|&strategy| Standing {
            strategy,
            mean_score: 0.0,
            wins: 0,
            cooperation: 0.0,
            matches: 0,
        })
        .collect();
    let mut sides = vec![0usize; strategies.len()];
    for m in matches {
        for (side, who) in [m.a, m.b].into_iter().enumerate() {
            standings[who].mean_score += m.per_turn(side);
            standings[who].cooperation += m.cooperation[side];
            sides[who] += 1;
        }
        standings[m.a].matches += 1;
        if m.a != m.b {
            standings[m.b].matches += 1;
            if m.scores[0] > m.scores[1] {
                standings[m.a].wins += 1;
            } else if m.scores[1] > m.scores[0] {
                standings[m.b].wins += 1;
            }
        }
    }
    for (s, &n) in standings.iter_mut().zip(&sides) {
        let n = n.max(1) as f64;
        s.mean_score /= n;
        s.cooperation /= n;
    }
    standings.sort_by(|x, y| {
        y.mean_score
            .total_cmp(&x.mean_score)
            .then(x.strategy.name().cmp(y.strategy.name()))
    });
    standings
}

/// Mean score per turn played of row `i` against column `j` (`SCORE_PER_TURN`).
pub fn pairwise(t: &Tournament) -> Vec<Vec<f64>> {
    let cells: Vec<(usize, usize, f64)> = t
        .matches
        .iter()
        .flat_map(|m| [(m.a, m.b, m.per_turn(0)), (m.b, m.a, m.per_turn(1))])
        .collect();
    mean_grid(t.strategies.len(), &cells)
}

/// The mean of the values in each cell of an `n × n` grid, from (row, column, value) entries.
pub fn mean_grid(n: usize, cells: &[(usize, usize, f64)]) -> Vec<Vec<f64>> {
    let mut sum = vec![vec![0.0; n]; n];
    let mut count = vec![vec![0usize; n]; n];
    for &(i, j, v) in cells {
        sum[i][j] += v;
        count[i][j] += 1;
    }
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| sum[i][j] / count[i][j].max(1) as f64)
                .collect()
        })
        .collect()
}

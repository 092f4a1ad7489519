//! The round robin itself: every pair of strategies, self-play included, R matches each, and
//! the standings by score per turn played.

use crate::cli::Setup;
use crate::sim::play::run::{Workers, stream_matches};
use crate::sim::play::state::Controller;
use crate::sim::{GameResult, InputError, Regime, Strategy};

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

impl Tournament {
    /// The mean length of the matches, in turns, and its 95% interval. The repetitions are the
    /// independent draws (a repetition's pairs share its seed, and so its length when matches
    /// end by chance): mean ± 1.96 standard deviations of the repetitions' lengths over √R.
    pub fn mean_length(&self) -> (f64, [f64; 2]) {
        let lengths = &self.repetition_lengths;
        let n = lengths.len().max(1) as f64;
        let mean = self.turns_played as f64 / self.matches.max(1) as f64;
        let variance = if lengths.len() > 1 {
            lengths.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / (n - 1.0)
        } else {
            0.0
        };
        let half = 1.959_964 * (variance / n).sqrt();
        (mean, [mean - half, mean + half])
    }
}

/// A tournament's standings and head-to-head table (the matches themselves stream through
/// `play`'s `each`).
pub struct Tournament {
    pub strategies: Vec<Strategy>,
    /// Turns per match (the most a match can last).
    pub turns: u32,
    /// Matches played.
    pub matches: usize,
    /// Matches that ended early, in a nuclear exchange.
    pub ended_early: usize,
    /// Turns played, over all the matches.
    pub turns_played: u64,
    /// The mean length of each repetition's matches: every pair of a repetition plays on the
    /// same seed, so when matches end by chance they share one length.
    pub repetition_lengths: Vec<f64>,
    /// The longest match, in turns.
    pub longest: u32,
    pub ranking: Vec<Standing>,
    /// Mean score per turn played of row `i` against column `j` (`SCORE_PER_TURN`).
    pub pairwise: Vec<Vec<f64>>,
}

/// Plays the round robin: pair (a, b) with a ≤ b, repetition r on seed `seed + r` (which the
/// caller has checked does not pass `u64::MAX`). Each match is handed to `each` as it is
/// done, pair by pair and repetition by repetition, and added to the standings; none is kept,
/// so a tournament of any size runs in the same memory.
pub fn play(
    workers: &Workers,
    setup: &Setup,
    strategies: &[Strategy],
    repetitions: u32,
    seed: u64,
    mut each: impl FnMut(&Match),
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
        Some(pairing(setup, strategies[a], strategies[b]))
    };
    let plan = setup.plan(false, 0);
    let mut standings = Standings::new(strategies);
    stream_matches(
        workers,
        rules,
        &plan,
        pairs.len() * reps,
        &|k| seed.wrapping_add(u64::from(key(k).1)),
        &lineup,
        |g| {
            let ((a, b), r) = key(g.index);
            let m = Match::of(a, b, r, &g);
            standings.add(&m);
            each(&m);
        },
        progress,
    );
    Ok(standings.finish(strategies, setup.turns))
}

/// The two seats of a match between `a` (the scenario's first nation) and `b`: each strategy
/// with the personality its seat has in the scenario (the tournament's entrants take every
/// seat in turn, so a seat keeps only its personality).
pub fn pairing(setup: &Setup, a: Strategy, b: Strategy) -> Vec<Controller> {
    let personality = |seat: usize| match setup.controllers[seat] {
        Controller::Ai { personality, .. } => personality,
        Controller::Human => 0,
    };
    vec![
        Controller::Ai {
            strategy: a,
            personality: personality(0),
        },
        Controller::Ai {
            strategy: b,
            personality: personality(1),
        },
    ]
}

/// The running sums behind the standings and the head-to-head table.
struct Standings {
    /// Per strategy: the sums of its score per turn and cooperation rate, the sides it played,
    /// its wins and its matches.
    per_turn: Vec<f64>,
    cooperation: Vec<f64>,
    sides: Vec<usize>,
    wins: Vec<usize>,
    matches_of: Vec<usize>,
    /// The row's score per turn against the column.
    grid: MeanGrid,
    matches: usize,
    ended_early: usize,
    turns_played: u64,
    /// Per repetition: the turns its matches played, and how many they were.
    repetition_turns: Vec<(u64, u64)>,
    longest: u32,
}

impl Standings {
    fn new(strategies: &[Strategy]) -> Standings {
        let n = strategies.len();
        Standings {
            per_turn: vec![0.0; n],
            cooperation: vec![0.0; n],
            sides: vec![0; n],
            wins: vec![0; n],
            matches_of: vec![0; n],
            grid: MeanGrid::new(n),
            matches: 0,
            ended_early: 0,
            turns_played: 0,
            repetition_turns: Vec::new(),
            longest: 0,
        }
    }

    fn add(&mut self, m: &Match) {
        self.matches += 1;
        self.turns_played += u64::from(m.turns);
        let r = m.repetition as usize;
        if self.repetition_turns.len() <= r {
            self.repetition_turns.resize(r + 1, (0, 0));
        }
        self.repetition_turns[r].0 += u64::from(m.turns);
        self.repetition_turns[r].1 += 1;
        self.longest = self.longest.max(m.turns);
        self.ended_early += usize::from(m.outcome == Regime::Catastrophe);
        for (side, (who, other)) in [(m.a, m.b), (m.b, m.a)].into_iter().enumerate() {
            self.per_turn[who] += m.per_turn(side);
            self.cooperation[who] += m.cooperation[side];
            self.sides[who] += 1;
            self.grid.add(who, other, m.per_turn(side));
        }
        self.matches_of[m.a] += 1;
        if m.a != m.b {
            self.matches_of[m.b] += 1;
            if m.scores[0] > m.scores[1] {
                self.wins[m.a] += 1;
            } else if m.scores[1] > m.scores[0] {
                self.wins[m.b] += 1;
            }
        }
    }

    fn finish(self, strategies: &[Strategy], turns: u32) -> Tournament {
        let mut ranking: Vec<Standing> = strategies
            .iter()
            .enumerate()
            .map(|(k, &strategy)| {
                let n = self.sides[k].max(1) as f64;
                Standing {
                    strategy,
                    mean_score: self.per_turn[k] / n,
                    wins: self.wins[k],
                    cooperation: self.cooperation[k] / n,
                    matches: self.matches_of[k],
                }
            })
            .collect();
        ranking.sort_by(|x, y| {
            y.mean_score
                .total_cmp(&x.mean_score)
                .then(x.strategy.name().cmp(y.strategy.name()))
        });
        let pairwise = self.grid.means();
        Tournament {
            strategies: strategies.to_vec(),
            turns,
            matches: self.matches,
            ended_early: self.ended_early,
            turns_played: self.turns_played,
            repetition_lengths: self
                .repetition_turns
                .iter()
                .map(|&(t, n)| t as f64 / n.max(1) as f64)
                .collect(),
            longest: self.longest,
            ranking,
            pairwise,
        }
    }
}

/// The mean of the values put in each cell of an `n × n` grid (the head-to-head table), kept
/// as running sums so that no match needs to be kept.
pub struct MeanGrid {
    sum: Vec<Vec<f64>>,
    count: Vec<Vec<usize>>,
}

impl MeanGrid {
    pub fn new(n: usize) -> MeanGrid {
        MeanGrid {
            sum: vec![vec![0.0; n]; n],
            count: vec![vec![0; n]; n],
        }
    }

    /// Adds a value to the cell of row `i`, column `j`.
    pub fn add(&mut self, i: usize, j: usize, value: f64) {
        self.sum[i][j] += value;
        self.count[i][j] += 1;
    }

    /// Each cell's mean (0 for a cell with no value).
    pub fn means(&self) -> Vec<Vec<f64>> {
        self.sum
            .iter()
            .zip(&self.count)
            .map(|(sums, counts)| {
                sums.iter()
                    .zip(counts)
                    .map(|(s, &c)| s / c.max(1) as f64)
                    .collect()
            })
            .collect()
    }
}

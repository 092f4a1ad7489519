//! `detente tournament`: an Axelrod-style round robin. Every pair of strategies, self-play
//! included, plays R matches on a two-nation scenario; the same seeds serve every pair, so the
//! pairs differ only by their strategies. Prints a ranking and writes the matches, the ranking
//! and two charts.

use super::batch::{check_count, check_seeds, set_jobs};
use super::charts::{bars, heat_map};
use super::output::{ensure_dir, progress_bar, say, write_all_atomic};
use super::provenance::MadeWith;
use super::tables;
use super::{GameArgs, Setup, TournamentArgs};
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

pub fn run(args: &TournamentArgs) -> Result<(), InputError> {
    let mut set = args.set.clone();
    if let Some(noise) = args.noise {
        set.push(noise_setting(noise)?);
    }
    let setup = Setup::from_args(&GameArgs {
        scenario: args.scenario.clone(),
        turns: args.turns,
        ai: Vec::new(),
        set,
    })?;
    let strategies = parse_strategies(&args.strategies)?;
    check_count(
        "--repetitions",
        args.repetitions as usize,
        10_000,
        "repetitions",
    )?;
    check_seeds(args.repetitions as usize, args.seed, "repetitions")?;
    set_jobs(args.jobs)?;
    if let Some(dir) = &args.out {
        ensure_dir(dir)?;
    }
    let pairs = strategies.len() * (strategies.len() + 1) / 2;
    let total = pairs * args.repetitions as usize;
    let bar = progress_bar(total as u64, "matches", args.quiet);
    let t = play(&setup, &strategies, args.repetitions, args.seed, |done| {
        bar.set_position(done as u64)
    })?;
    bar.finish_and_clear();
    print_ranking(&t, &setup);
    if let Some(dir) = &args.out {
        let ranked: Vec<(String, f64)> = t
            .ranking
            .iter()
            .map(|s| (s.strategy.name().to_string(), s.mean_score))
            .collect();
        let ranking_svg = bars(
            &format!(
                "Tournament on {}: mean score per turn",
                setup.rules.scenario.title
            ),
            "mean score per turn played",
            &ranked,
        )
        .map_err(|e| InputError::new("ranking.svg", e))?;
        let names: Vec<String> = t.strategies.iter().map(|s| s.name().to_string()).collect();
        let payoffs_svg = heat_map(
            "Pairwise payoffs",
            "mean score per turn played of the row's strategy against the column's",
            &names,
            &pairwise(&t),
        )
        .map_err(|e| InputError::new("payoffs.svg", e))?;
        let about = About {
            scenario: setup.rules.scenario.id.clone(),
            title: setup.rules.scenario.title.clone(),
            turns: t.turns,
            repetitions: args.repetitions,
            seed: args.seed,
            noise: setup.rules.scenario.params.execution_noise,
            strategies: names.clone(),
            score_per_turn: SCORE_PER_TURN.to_string(),
            made_with: made_with(&setup, args, &names),
        };
        let files = [
            (
                dir.join("tournament.json"),
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(&about).expect("always serialises")
                ),
            ),
            (dir.join("matches.csv"), matches_csv(&t)),
            (dir.join("ranking.csv"), ranking_csv(&t)),
            (dir.join("ranking.svg"), ranking_svg),
            (dir.join("payoffs.svg"), payoffs_svg),
        ];
        let refs: Vec<(&std::path::Path, &[u8])> = files
            .iter()
            .map(|(p, c)| (p.as_path(), c.as_bytes()))
            .collect();
        write_all_atomic(&refs)?;
        say(format!(
            "wrote tournament.json, matches.csv, ranking.csv, ranking.svg and payoffs.svg in {}",
            dir.display()
        ));
    }
    Ok(())
}

/// `tournament.json`: the settings, the scoring rule and how to make it again.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct About {
    pub scenario: String,
    pub title: String,
    pub turns: u32,
    pub repetitions: u32,
    pub seed: u64,
    pub noise: f64,
    pub strategies: Vec<String>,
    pub score_per_turn: String,
    pub made_with: MadeWith,
}

fn made_with(setup: &Setup, args: &TournamentArgs, names: &[String]) -> MadeWith {
    let command = [
        "--strategies".to_string(),
        names.join(","),
        "--repetitions".into(),
        args.repetitions.to_string(),
        "--seed".into(),
        args.seed.to_string(),
    ];
    setup.made_with(
        "tournament",
        &command,
        args.seed,
        u64::from(args.repetitions),
    )
}

/// `--noise P` as a scenario override.
fn noise_setting(noise: f64) -> Result<String, InputError> {
    if !(0.0..=1.0).contains(&noise) {
        return Err(InputError::new(
            format!("--noise {noise}"),
            "expected a probability from 0 to 1",
        ));
    }
    Ok(format!("params.execution_noise={noise}"))
}

/// `all`, or a comma-separated list of strategy names.
pub fn parse_strategies(list: &str) -> Result<Vec<Strategy>, InputError> {
    if list.trim() == "all" {
        return Ok(Strategy::ALL.to_vec());
    }
    let mut out = Vec::new();
    for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let s = Strategy::from_name(name).ok_or_else(|| {
            InputError::new(
                format!("--strategies {list}"),
                format!(
                    "unknown strategy `{name}`; expected `all` or names from: {}",
                    Strategy::names().join(", ")
                ),
            )
        })?;
        if !out.contains(&s) {
            out.push(s);
        }
    }
    if out.is_empty() {
        return Err(InputError::new(
            format!("--strategies {list}"),
            "expected at least one strategy",
        ));
    }
    Ok(out)
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

/// The header of `matches.csv`.
pub const MATCHES_HEADER: [&str; 12] = [
    "strategy_a",
    "strategy_b",
    "repetition",
    "seed",
    "turns",
    "outcome",
    "score_a",
    "score_b",
    "score_per_turn_a",
    "score_per_turn_b",
    "cooperation_a",
    "cooperation_b",
];

pub fn matches_csv(t: &Tournament) -> String {
    let rows = t.matches.iter().map(|m| {
        vec![
            t.strategies[m.a].name().to_string(),
            t.strategies[m.b].name().to_string(),
            (m.repetition + 1).to_string(),
            m.seed.to_string(),
            m.turns.to_string(),
            m.outcome.name().to_string(),
            m.scores[0].to_string(),
            m.scores[1].to_string(),
            format!("{:.6}", m.per_turn(0)),
            format!("{:.6}", m.per_turn(1)),
            format!("{:.6}", m.cooperation[0]),
            format!("{:.6}", m.cooperation[1]),
        ]
    });
    tables::to_csv(&MATCHES_HEADER, rows)
}

fn ranking_csv(t: &Tournament) -> String {
    let rows = t.ranking.iter().enumerate().map(|(i, s)| {
        vec![
            (i + 1).to_string(),
            s.strategy.name().to_string(),
            format!("{:.4}", s.mean_score),
            s.wins.to_string(),
            format!("{:.4}", s.cooperation),
            s.matches.to_string(),
        ]
    });
    tables::to_csv(
        &[
            "rank",
            "strategy",
            "mean_score_per_turn",
            "wins",
            "cooperation_rate",
            "matches",
        ],
        rows,
    )
}

fn print_ranking(t: &Tournament, setup: &Setup) {
    say(format!(
        "Round robin on {}: {} strategies, {} matches of {} turns (noise {}); score per turn: {SCORE_PER_TURN}",
        setup.rules.scenario.id,
        t.strategies.len(),
        t.matches.len(),
        t.turns,
        setup.rules.scenario.params.execution_noise
    ));
    say(format!(
        "{:>4}  {:<24} {:>14} {:>6} {:>12}",
        "rank", "strategy", "score/turn", "wins", "cooperation"
    ));
    for (i, s) in t.ranking.iter().enumerate() {
        say(format!(
            "{:>4}  {:<24} {:>14.3} {:>6} {:>11.1}%",
            i + 1,
            s.strategy.name(),
            s.mean_score,
            s.wins,
            s.cooperation * 100.0
        ));
    }
}

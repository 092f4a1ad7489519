//! `detente tournament`: an Axelrod-style round robin. Every pair of strategies, self-play
//! included, plays R matches on a two-nation scenario; the same seeds serve every pair, so the
//! pairs differ only by their strategies. Prints a ranking and writes the matches, the ranking
//! and two charts.

use super::charts::{bars, heat_map};
use super::output::{ensure_dir, say, write_all_atomic};
use super::{GameArgs, Setup, TournamentArgs};
use crate::sim::run::{run_lineups, set_workers};
use crate::sim::state::Controller;
use crate::sim::{GameResult, InputError, Plan, Strategy};
use indicatif::{ProgressBar, ProgressStyle};
use std::fmt::Write as _;

/// One strategy's standing.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub strategy: Strategy,
    /// Mean score per turn over all its matches (both sides of self-play count).
    pub mean_score: f64,
    /// Matches it scored more than its opponent in (self-play never counts).
    pub wins: usize,
    /// Share of its turns it cooperated.
    pub cooperation: f64,
    pub matches: usize,
}

/// A tournament's matches and standings.
pub struct Tournament {
    pub strategies: Vec<Strategy>,
    pub turns: u32,
    /// (a, b, repetition, result) for every match, a ≤ b in the strategies' order.
    pub matches: Vec<(usize, usize, u32, GameResult)>,
    pub ranking: Vec<Standing>,
}

pub fn run(args: &TournamentArgs) -> Result<(), InputError> {
    let setup = Setup::from_args(&GameArgs {
        scenario: args.scenario.clone(),
        turns: args.turns,
        ai: Vec::new(),
        set: noise_setting(args.noise)?,
    })?;
    let strategies = parse_strategies(&args.strategies)?;
    if !(1..=10_000).contains(&args.repetitions) {
        return Err(InputError::new(
            format!("--repetitions {}", args.repetitions),
            "expected 1 to 10000 repetitions",
        ));
    }
    if let Some(jobs) = args.jobs {
        if jobs == 0 {
            return Err(InputError::new("--jobs 0", "expected at least 1 thread"));
        }
        set_workers(jobs);
    }
    if let Some(dir) = &args.out {
        ensure_dir(dir)?;
    }
    let pairs = strategies.len() * (strategies.len() + 1) / 2;
    let total = pairs * args.repetitions as usize;
    let bar = if args.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(total as u64)
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:40}] {pos}/{len} matches  {elapsed_precise}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let t = play(&setup, &strategies, args.repetitions, args.seed, |done| {
        bar.set_position(done as u64)
    })?;
    bar.finish_and_clear();
    print_ranking(&t, &setup, args);
    if let Some(dir) = &args.out {
        let matches = matches_csv(&t);
        let ranking = ranking_csv(&t);
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
            "mean score per turn",
            &ranked,
        )
        .map_err(|e| InputError::new("ranking.svg", e))?;
        let names: Vec<String> = t.strategies.iter().map(|s| s.name().to_string()).collect();
        let payoffs_svg = heat_map(
            "Pairwise payoffs",
            "mean score per turn of the row's strategy against the column's",
            &names,
            &pairwise(&t),
        )
        .map_err(|e| InputError::new("payoffs.svg", e))?;
        let about = serde_json::json!({
            "scenario": setup.rules.scenario.id,
            "title": setup.rules.scenario.title,
            "turns": t.turns,
            "repetitions": args.repetitions,
            "seed": args.seed,
            "noise": args.noise,
            "strategies": t.strategies.iter().map(|s| s.name()).collect::<Vec<_>>(),
        });
        let files = [
            (dir.join("tournament.json"), format!("{about:#}\n")),
            (dir.join("matches.csv"), matches),
            (dir.join("ranking.csv"), ranking),
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

/// `--noise P` as a scenario override.
fn noise_setting(noise: f64) -> Result<Vec<String>, InputError> {
    if !(0.0..=1.0).contains(&noise) {
        return Err(InputError::new(
            format!("--noise {noise}"),
            "expected a probability from 0 to 1",
        ));
    }
    Ok(vec![format!("params.execution_noise={noise}")])
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

/// Plays the round robin: pair (a, b) with a ≤ b, repetition r on seed `seed + r`.
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
    let mut keys = Vec::new();
    let mut lineups = Vec::new();
    let mut seeds = Vec::new();
    for a in 0..strategies.len() {
        for b in a..strategies.len() {
            for r in 0..repetitions {
                keys.push((a, b, r));
                lineups.push(vec![
                    Controller::Ai {
                        strategy: strategies[a],
                        personality: personality(0),
                    },
                    Controller::Ai {
                        strategy: strategies[b],
                        personality: personality(1),
                    },
                ]);
                seeds.push(seed.wrapping_add(u64::from(r)));
            }
        }
    }
    let plan = Plan {
        controllers: setup.controllers.clone(),
        turns: setup.turns,
        record: false,
    };
    let results = run_lineups(rules, &plan, &seeds, &lineups, progress);
    let matches: Vec<(usize, usize, u32, GameResult)> = keys
        .into_iter()
        .zip(results)
        .map(|((a, b, r), g)| (a, b, r, g))
        .collect();
    let ranking = rank(strategies, setup.turns, &matches);
    Ok(Tournament {
        strategies: strategies.to_vec(),
        turns: setup.turns,
        matches,
        ranking,
    })
}

fn rank(
    strategies: &[Strategy],
    turns: u32,
    matches: &[(usize, usize, u32, GameResult)],
) -> Vec<Standing> {
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
    for (a, b, _, g) in matches {
        for (side, &who) in [*a, *b].iter().enumerate() {
            standings[who].mean_score += g.scores[side];
            standings[who].cooperation += g.cooperation[side];
            sides[who] += 1;
        }
        standings[*a].matches += 1;
        if a != b {
            standings[*b].matches += 1;
            if g.scores[0] > g.scores[1] {
                standings[*a].wins += 1;
            } else if g.scores[1] > g.scores[0] {
                standings[*b].wins += 1;
            }
        }
    }
    for (s, &n) in standings.iter_mut().zip(&sides) {
        let n = n.max(1) as f64;
        s.mean_score /= n * f64::from(turns.max(1));
        s.cooperation /= n;
    }
    standings.sort_by(|x, y| {
        y.mean_score
            .total_cmp(&x.mean_score)
            .then(x.strategy.name().cmp(y.strategy.name()))
    });
    standings
}

/// Mean score per turn of row `i` against column `j`.
pub fn pairwise(t: &Tournament) -> Vec<Vec<f64>> {
    let n = t.strategies.len();
    let mut sum = vec![vec![0.0; n]; n];
    let mut count = vec![vec![0usize; n]; n];
    for (a, b, _, g) in &t.matches {
        sum[*a][*b] += g.scores[0];
        count[*a][*b] += 1;
        sum[*b][*a] += g.scores[1];
        count[*b][*a] += 1;
    }
    let per_turn = f64::from(t.turns.max(1));
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| sum[i][j] / count[i][j].max(1) as f64 / per_turn)
                .collect()
        })
        .collect()
}

pub fn matches_csv(t: &Tournament) -> String {
    let mut out = String::from("strategy_a,strategy_b,repetition,score_a,score_b\n");
    for (a, b, r, g) in &t.matches {
        let _ = writeln!(
            out,
            "{},{},{},{},{}",
            t.strategies[*a].name(),
            t.strategies[*b].name(),
            r + 1,
            g.scores[0],
            g.scores[1]
        );
    }
    out
}

fn ranking_csv(t: &Tournament) -> String {
    let mut out = String::from("rank,strategy,mean_score_per_turn,wins,cooperation_rate,matches\n");
    for (i, s) in t.ranking.iter().enumerate() {
        let _ = writeln!(
            out,
            "{},{},{:.4},{},{:.4},{}",
            i + 1,
            s.strategy.name(),
            s.mean_score,
            s.wins,
            s.cooperation,
            s.matches
        );
    }
    out
}

fn print_ranking(t: &Tournament, setup: &Setup, args: &TournamentArgs) {
    say(format!(
        "Round robin on {}: {} strategies, {} matches of {} turns (noise {})",
        setup.rules.scenario.id,
        t.strategies.len(),
        t.matches.len(),
        t.turns,
        args.noise
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

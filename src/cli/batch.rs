//! `detente batch`: many headless games with consecutive seeds, summarised by outcome.

use super::output::{ensure_dir, say, write_all_atomic};
use super::{BatchArgs, Setup};
use crate::sim::history::Tally;
use crate::sim::{GameResult, InputError, Plan, Regime, run_games};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The largest batch accepted (about ten minutes and a few gigabytes on two cores).
const MAX_GAMES: usize = 10_000_000;

/// `summary.json`.
#[derive(Serialize)]
pub struct Summary {
    pub scenario: String,
    pub games: usize,
    pub seed: u64,
    pub turns: u32,
    pub strategies: BTreeMap<String, String>,
    pub outcomes: BTreeMap<&'static str, usize>,
    pub shares: BTreeMap<&'static str, f64>,
    /// Wilson 95% interval of each share.
    pub shares_ci95: BTreeMap<&'static str, [f64; 2]>,
    pub mean_scores: BTreeMap<String, f64>,
    pub mean_final: BTreeMap<&'static str, f64>,
    pub misperception: Tally,
}

pub fn run(args: &BatchArgs) -> Result<(), InputError> {
    if !(1..=MAX_GAMES).contains(&args.games) {
        let origin = format!("--games {}", args.games);
        return Err(InputError::new(
            origin,
            format!("expected 1 to {MAX_GAMES} games"),
        ));
    }
    let setup = Setup::from_args(&args.game)?;
    if let Some(jobs) = args.jobs {
        if jobs == 0 {
            return Err(InputError::new("--jobs 0", "expected at least 1 thread"));
        }
        crate::sim::run::set_workers(jobs);
    }
    if let Some(dir) = &args.out {
        ensure_dir(dir)?;
    }
    let seeds: Vec<u64> = (0..args.games as u64)
        .map(|k| args.seed.wrapping_add(k))
        .collect();
    let plan = Plan {
        controllers: setup.controllers.clone(),
        turns: setup.turns,
        record: false,
    };
    let bar = if args.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(args.games as u64)
    };
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{bar:40}] {pos}/{len} games  {elapsed_precise} (eta {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let results = run_games(&setup.rules, &plan, &seeds, |done| {
        bar.set_position(done as u64)
    });
    bar.finish_and_clear();
    let summary = summarise(&setup, args, &results);
    let written = match &args.out {
        Some(dir) => {
            let mut json =
                serde_json::to_string_pretty(&summary).expect("a summary always serialises");
            json.push('\n');
            let (summary_path, games_path) = (dir.join("summary.json"), dir.join("games.csv"));
            let games = games_csv(&setup, &results);
            let bands_path = dir.join("trajectories.csv");
            let bands = trajectories_csv(&setup, &seeds[..seeds.len().min(BAND_GAMES)]);
            write_all_atomic(&[
                (&summary_path, json.as_bytes()),
                (&games_path, games.as_bytes()),
                (&bands_path, bands.as_bytes()),
            ])?;
            Some(format!(
                "wrote {}, {} and {}",
                summary_path.display(),
                games_path.display(),
                bands_path.display()
            ))
        }
        None => None,
    };
    print_shares(&summary);
    if let Some(line) = written {
        say(line);
    }
    Ok(())
}

pub fn summarise(setup: &Setup, args: &BatchArgs, results: &[GameResult]) -> Summary {
    let n = results.len().max(1) as f64;
    let count = |r: Regime| results.iter().filter(|g| g.outcome == r).count();
    let outcomes: BTreeMap<&'static str, usize> =
        Regime::ALL.iter().map(|&r| (r.name(), count(r))).collect();
    let shares = outcomes.iter().map(|(&k, &v)| (k, v as f64 / n)).collect();
    let shares_ci95 = outcomes
        .iter()
        .map(|(&k, &v)| (k, wilson(v, results.len())))
        .collect();
    let ids = setup.rules.nation_ids();
    let mean_scores = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            (
                id.to_string(),
                round(results.iter().map(|g| g.scores[i]).sum::<f64>() / n),
            )
        })
        .collect();
    let mean = |f: &dyn Fn(&GameResult) -> f64| round(results.iter().map(f).sum::<f64>() / n);
    let mean_final = BTreeMap::from([
        ("trust", mean(&|g| g.final_state.mean_trust)),
        ("transparency", mean(&|g| g.final_state.mean_transparency)),
        ("arms", mean(&|g| g.final_state.mean_arms)),
        ("risk", mean(&|g| g.final_state.risk)),
        ("turns", mean(&|g| f64::from(g.turns))),
    ]);
    let mut misperception = Tally::default();
    for g in results {
        misperception.absorb(&g.tally);
    }
    Summary {
        scenario: setup.rules.scenario.id.clone(),
        games: results.len(),
        seed: args.seed,
        turns: setup.turns,
        strategies: setup.describe_controllers().into_iter().collect(),
        outcomes,
        shares,
        shares_ci95,
        mean_scores,
        mean_final,
        misperception,
    }
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The Wilson score interval for `k` successes in `n` trials, at 95%.
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

fn print_shares(s: &Summary) {
    say(format!(
        "{} games of {} ({} turns), seeds {}..{}",
        s.games,
        s.scenario,
        s.turns,
        s.seed,
        s.seed.wrapping_add(s.games as u64 - 1)
    ));
    for (nation, who) in &s.strategies {
        say(format!("  {nation}: {who}"));
    }
    for r in Regime::ALL {
        let k = r.name();
        let [lo, hi] = s.shares_ci95[k];
        say(format!(
            "  {:<11} {:>6.1}%  ({} games, 95% CI {:.1}–{:.1}%)",
            k,
            s.shares[k] * 100.0,
            s.outcomes[k],
            lo * 100.0,
            hi * 100.0
        ));
    }
}

/// Trajectory bands are drawn from the first this many games, replayed with their histories.
const BAND_GAMES: usize = 2000;

/// The metrics of `trajectories.csv`, each a mean over the ordered pairs or nations.
const METRICS: [&str; 4] = ["trust", "transparency", "arms", "risk"];

/// Per turn and metric, the 10th, 25th, 50th, 75th and 90th percentiles over the games still
/// running at that turn (replayed with their histories: the same seeds give the same games).
pub fn trajectories_csv(setup: &Setup, seeds: &[u64]) -> String {
    let plan = Plan {
        controllers: setup.controllers.clone(),
        turns: setup.turns,
        record: true,
    };
    let games = run_games(&setup.rules, &plan, seeds, |_| {});
    let mut out = String::from("turn,metric,games,p10,p25,p50,p75,p90\n");
    for turn in 1..=setup.turns {
        let records: Vec<&crate::sim::history::TurnRecord> = games
            .iter()
            .filter_map(|g| g.history.as_ref()?.get(turn as usize - 1))
            .collect();
        if records.is_empty() {
            break;
        }
        for metric in METRICS {
            let mut values: Vec<f64> = records
                .iter()
                .map(|r| match metric {
                    "trust" => crate::sim::story::mean_trust(r),
                    "transparency" => crate::sim::story::mean_transparency(r),
                    "arms" => {
                        r.nations.iter().map(|n| n.arms).sum::<f64>()
                            / r.nations.len().max(1) as f64
                    }
                    _ => r.risk * 100.0,
                })
                .collect();
            values.sort_by(f64::total_cmp);
            let q = |p: f64| values[((values.len() - 1) as f64 * p).round() as usize];
            let _ = writeln!(
                out,
                "{turn},{metric},{},{:.3},{:.3},{:.3},{:.3},{:.3}",
                values.len(),
                q(0.1),
                q(0.25),
                q(0.5),
                q(0.75),
                q(0.9)
            );
        }
    }
    out
}

fn games_csv(setup: &Setup, results: &[GameResult]) -> String {
    let ids = setup.rules.nation_ids();
    let mut out = String::from(
        "game,seed,outcome,turns,mas_turns,mean_trust,min_trust,mean_transparency,mean_arms,risk",
    );
    for id in &ids {
        let _ = write!(out, ",score_{id}");
    }
    out.push('\n');
    for g in results {
        let f = &g.final_state;
        let _ = write!(
            out,
            "{},{},{},{},{},{},{},{},{},{}",
            g.index,
            g.seed,
            g.outcome.name(),
            g.turns,
            f.mas_turns,
            round(f.mean_trust),
            round(f.min_trust),
            round(f.mean_transparency),
            round(f.mean_arms),
            round(f.risk)
        );
        for s in &g.scores {
            let _ = write!(out, ",{}", round(*s));
        }
        out.push('\n');
    }
    out
}

//! `detente batch`: many headless games with consecutive seeds, summarised by outcome.
//!
//! The games stream through: each result is added to running totals and written as a row of
//! `games.csv` as it arrives, and only the first games keep their trajectories (four numbers a
//! turn, `band_games`) for the bands, so memory stays flat however many games are played.

use super::options::{check_count, check_seeds, workers};
use super::output::{ensure_dir, progress_bar, say};
use super::provenance::MadeWith;
use super::tables::{self, CsvFile};
use super::totals::{Totals, round, wilson};
use super::{BatchArgs, Setup};
use crate::files::Staging;
use crate::sim::archive::bands::{BAND_METRICS, BandPoint};
use crate::sim::archive::tally::Tally;
use crate::sim::play::run::stream_games;
use crate::sim::{GameResult, InputError, Regime};
use serde::Serialize;
use std::collections::BTreeMap;

/// The largest batch accepted (about ten minutes on two cores; memory does not grow with it).
pub const MAX_GAMES: usize = 10_000_000;

/// Trajectory bands are drawn from the first this many games at most.
pub const BAND_GAMES: usize = 2000;

/// The most turns' worth of band points a batch keeps (about 3 MB): 2000 games of 50 turns.
const BAND_POINTS: usize = 100_000;

/// How many of the first games the bands of matches of `turns` turns are drawn from: 2000, or
/// fewer for long matches (at least one), so their memory does not grow with `--turns`.
pub fn band_games(turns: u32) -> usize {
    (BAND_POINTS / turns.max(1) as usize).clamp(1, BAND_GAMES)
}

/// `summary.json`.
#[derive(Serialize)]
pub struct Summary {
    pub scenario: String,
    pub games: usize,
    pub seed: u64,
    pub turns: u32,
    pub strategies: BTreeMap<String, String>,
    /// The `--opening` moves, as `usa=cancel_interceptor_program`; absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub openings: Vec<String>,
    pub outcomes: BTreeMap<&'static str, usize>,
    pub shares: BTreeMap<&'static str, f64>,
    /// Wilson 95% interval of each share.
    pub shares_ci95: BTreeMap<&'static str, [f64; 2]>,
    pub mean_scores: BTreeMap<String, f64>,
    pub mean_final: BTreeMap<&'static str, f64>,
    pub misperception: Tally,
    pub made_with: MadeWith,
}

pub fn run(args: &BatchArgs) -> Result<(), InputError> {
    check_count("--games", args.games, MAX_GAMES, "games")?;
    check_seeds(args.games, args.seed, "games")?;
    let setup = Setup::from_args(&args.game)?;
    let workers = workers(args.jobs)?;
    if let Some(dir) = &args.out {
        ensure_dir(dir)?;
    }
    let mut staging = Staging::default();
    let mut games_csv = match &args.out {
        Some(dir) => Some(CsvFile::create(
            &mut staging,
            &dir.join("games.csv"),
            &games_header(&setup),
        )?),
        None => None,
    };
    // Matches that end by chance keep trajectories by their mean length, not their cap.
    let expected = super::setup::mean_length(setup.turns, setup.rules.scenario.params.continuation);
    let plan = setup.plan(false, band_games(expected.ceil() as u32));
    let bar = progress_bar(args.games as u64, "games", args.quiet);
    let mut totals = Totals::new(setup.rules.nation_count());
    let mut trajectories = Vec::new();
    stream_games(
        &workers,
        &setup.rules,
        &plan,
        args.seed,
        args.games,
        |mut g| {
            totals.add(&g);
            if let Some(csv) = &mut games_csv {
                csv.row(&game_row(&g));
            }
            if let Some(t) = g.trajectory.take() {
                trajectories.push(t);
            }
        },
        |done| bar.set_position(done as u64),
    );
    bar.finish_and_clear();
    let summary = summary(&totals, &setup, args);
    if let Some(dir) = &args.out {
        if let Some(csv) = games_csv {
            csv.finish()?;
        }
        let mut json = serde_json::to_string_pretty(&summary).expect("a summary always serialises");
        json.push('\n');
        staging.write(&dir.join("summary.json"), json.as_bytes())?;
        let bands = bands_csv(&trajectories, setup.turns);
        staging.write(&dir.join("trajectories.csv"), bands.as_bytes())?;
        staging.commit()?;
    }
    print_shares(&summary, &setup);
    if let Some(dir) = &args.out {
        say(format!(
            "wrote summary.json, games.csv and trajectories.csv in {}",
            dir.display()
        ));
    }
    Ok(())
}

/// `summary.json` from the totals of a batch.
pub fn summary(totals: &Totals, setup: &Setup, args: &BatchArgs) -> Summary {
    let n = totals.games.max(1) as f64;
    let outcomes: BTreeMap<&'static str, usize> = Regime::ALL
        .iter()
        .map(|&r| (r.name(), totals.count(r)))
        .collect();
    let shares = outcomes.iter().map(|(&k, &v)| (k, v as f64 / n)).collect();
    let shares_ci95 = outcomes
        .iter()
        .map(|(&k, &v)| (k, wilson(v, totals.games)))
        .collect();
    let mean_scores = setup
        .rules
        .nation_ids()
        .iter()
        .zip(totals.mean_scores())
        .map(|(id, mean)| (id.to_string(), round(mean)))
        .collect();
    let [trust, transparency, arms, risk, turns] = totals.final_means().map(round);
    let made_with = setup.made_with(
        "batch",
        &[
            "--games".into(),
            args.games.to_string(),
            "--seed".into(),
            args.seed.to_string(),
        ],
        args.seed,
        args.games as u64,
    );
    Summary {
        scenario: setup.rules.scenario.id.clone(),
        games: totals.games,
        seed: args.seed,
        turns: setup.turns,
        strategies: setup.describe_controllers().into_iter().collect(),
        openings: setup.describe_openings(),
        outcomes,
        shares,
        shares_ci95,
        mean_scores,
        mean_final: BTreeMap::from([
            ("trust", trust),
            ("transparency", transparency),
            ("arms", arms),
            ("risk", risk),
            ("turns", turns),
        ]),
        misperception: totals.tally,
        made_with,
    }
}

fn print_shares(s: &Summary, setup: &Setup) {
    say(format!(
        "{} of {}, {}, seeds {}..{}",
        super::output::count(s.games as u64, "game", "games"),
        s.scenario,
        setup.length_words(),
        s.seed,
        s.seed.saturating_add(s.games as u64 - 1)
    ));
    setup.header_lines().into_iter().for_each(say);
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

/// `trajectories.csv`: per turn and metric (`BAND_METRICS`), the 10th, 25th, 50th, 75th and
/// 90th percentiles (nearest rank) over the games still running at that turn. `trajectories`
/// holds each game's band points, turn by turn.
pub fn bands_csv(trajectories: &[Vec<BandPoint>], turns: u32) -> String {
    let mut rows = Vec::new();
    for turn in 1..=turns as usize {
        let points: Vec<&BandPoint> = trajectories
            .iter()
            .filter_map(|t| t.get(turn - 1))
            .collect();
        if points.is_empty() {
            break;
        }
        for (k, metric) in BAND_METRICS.iter().enumerate() {
            let mut values: Vec<f64> = points.iter().map(|p| p[k]).collect();
            values.sort_by(f64::total_cmp);
            let q = |p: f64| {
                format!(
                    "{:.3}",
                    values[((values.len() - 1) as f64 * p).round() as usize]
                )
            };
            rows.push(vec![
                turn.to_string(),
                metric.to_string(),
                values.len().to_string(),
                q(0.1),
                q(0.25),
                q(0.5),
                q(0.75),
                q(0.9),
            ]);
        }
    }
    tables::to_csv(
        &["turn", "metric", "games", "p10", "p25", "p50", "p75", "p90"],
        rows,
    )
}

/// The header of `games.csv`: one row a game, then a score column for each nation.
fn games_header(setup: &Setup) -> Vec<String> {
    let mut header: Vec<String> = [
        "game",
        "seed",
        "outcome",
        "turns",
        "mas_turns",
        "mean_trust",
        "min_trust",
        "mean_transparency",
        "mean_arms",
        "risk",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(
        setup
            .rules
            .nation_ids()
            .iter()
            .map(|id| format!("score_{id}")),
    );
    header
}

/// A game's row of `games.csv`.
fn game_row(g: &GameResult) -> Vec<String> {
    let f = &g.final_state;
    let mut row = vec![
        g.index.to_string(),
        g.seed.to_string(),
        g.outcome.name().to_string(),
        g.turns.to_string(),
        f.mas_turns.to_string(),
    ];
    row.extend(
        [
            f.mean_trust,
            f.min_trust,
            f.mean_transparency,
            f.mean_arms,
            f.risk,
        ]
        .iter()
        .chain(&g.scores)
        .map(|&v| round(v).to_string()),
    );
    row
}

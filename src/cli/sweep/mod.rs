//! `detente sweep`: the same batch at every value of one parameter (or of two: a phase map),
//! to show how the chance of each outcome moves as, say, transparency or the trust loss rises.
//! The same seeds serve every value, so the values differ only by the parameter.

mod output;
mod vary;

pub use output::{SWEEP_COLUMNS, curve, phase, sweep_csv};
pub use vary::{MAX_POINTS, Vary, parse_vary};

use super::options::{check_count, check_seeds, workers};
use super::output::{ensure_dir, progress_bar, say, write_all_atomic};
use super::setup::CONTINUATION_KEY;
use super::totals::{Totals, wilson};
use super::{GameArgs, Setup, SweepArgs};
use crate::sim::play::run::{Workers, stream_on_this_thread};
use crate::sim::scenario::catalog;
use crate::sim::scenario::load::Loaded;
use crate::sim::{InputError, Regime};

/// One point of the sweep.
#[derive(Debug, Clone)]
pub struct Point {
    pub values: Vec<f64>,
    pub games: usize,
    /// Shares of MAS, MAD, Catastrophe, Unsettled.
    pub shares: [f64; 4],
    pub mas_ci95: [f64; 2],
    pub trust: f64,
    pub transparency: f64,
    pub arms: f64,
}

/// The most games a sweep may play at each value.
const MAX_GAMES_PER_VALUE: usize = 1_000_000;

pub fn run(args: &SweepArgs) -> Result<(), InputError> {
    if args.vary.is_empty() || args.vary.len() > 2 {
        return Err(InputError::new(
            "--vary",
            "expected one --vary (a curve) or two (a phase map)",
        ));
    }
    let varies: Vec<Vary> = args
        .vary
        .iter()
        .map(|v| parse_vary(v))
        .collect::<Result<_, _>>()?;
    if let [x, y] = varies.as_slice()
        && x.key == y.key
    {
        return Err(InputError::new(
            format!("--vary {}", args.vary[1]),
            format!(
                "{} is varied twice; a phase map varies two different keys",
                x.key
            ),
        ));
    }
    for set in &args.game.set {
        let key = set.split_once('=').map_or(set.as_str(), |(k, _)| k).trim();
        if let Some(v) = varies.iter().find(|v| v.key == key) {
            return Err(InputError::new(
                format!("--set {set}"),
                format!(
                    "{key} is the key that --vary {} varies; give it to one of them",
                    v.key
                ),
            ));
        }
    }
    if let Some(w) = args.game.continuation
        && let Some(v) = varies.iter().find(|v| v.key == CONTINUATION_KEY)
    {
        return Err(InputError::new(
            format!("--continuation {w}"),
            format!(
                "{} is the key that --vary {} varies; give it to one of them",
                v.key, v.key
            ),
        ));
    }
    let points: usize = varies.iter().map(|v| v.values.len()).product();
    if points > MAX_POINTS {
        return Err(InputError::new(
            format!("--vary {}", args.vary.join(" --vary ")),
            format!("{points} points; expected at most {MAX_POINTS}"),
        ));
    }
    check_count(
        "--games",
        args.games,
        MAX_GAMES_PER_VALUE,
        "games per value",
    )?;
    check_seeds(args.games, args.seed, "games per value")?;
    let workers = workers(args.jobs)?;
    let grid: Vec<Vec<f64>> = match varies.as_slice() {
        [one] => one.values.iter().map(|&v| vec![v]).collect(),
        [x, y] => x
            .values
            .iter()
            .flat_map(|&a| y.values.iter().map(move |&b| vec![a, b]))
            .collect(),
        _ => unreachable!("checked above"),
    };
    // Check every setting before the first game, so a bad key or value fails at once; each
    // point's setup is made again when it is played, so they are not all held at once. Each
    // value is tried alone first, so a refused one is blamed on the --vary that gave it.
    let base = catalog::open(&args.game.scenario)?;
    for (k, v) in varies.iter().enumerate() {
        for &x in &v.values {
            let alone = Vary {
                key: v.key.clone(),
                values: vec![x],
            };
            setup_at(&base, &args.game, std::slice::from_ref(&alone), &[x]).map_err(|e| {
                InputError::new(
                    format!("--vary {}", args.vary[k]),
                    format!("at {}={x}: {}", v.key, e.message),
                )
            })?;
        }
    }
    if varies.len() > 1 {
        for point in &grid {
            setup_at(&base, &args.game, &varies, point).map_err(|e| {
                let at: Vec<String> = varies
                    .iter()
                    .zip(point)
                    .map(|(v, x)| format!("{}={x}", v.key))
                    .collect();
                InputError::new(
                    format!("--vary {}", args.vary.join(" --vary ")),
                    format!("at {}: {}", at.join(", "), e.message),
                )
            })?;
        }
    }
    let first = setup_at(&base, &args.game, &varies, &grid[0])?;
    if let Some(dir) = &args.out {
        ensure_dir(dir)?;
    }
    say(format!(
        "Sweep of {}: {} games at each value, seeds {}..{}",
        first.rules.scenario.id,
        args.games,
        args.seed,
        args.seed.saturating_add(args.games as u64 - 1)
    ));
    // The scenario as the sweep starts from it, before the varied values.
    let plain = Setup::of(&base, &args.game)?;
    plain.header_lines().into_iter().for_each(say);
    for v in &varies {
        let values: Vec<String> = v.values.iter().map(|x| x.to_string()).collect();
        say(format!("  {}: {}", v.key, values.join(", ")));
    }
    let bar = progress_bar((grid.len() * args.games) as u64, "games", args.quiet);
    let results = play_points(
        &workers,
        &grid,
        |k| setup_at(&base, &args.game, &varies, &grid[k]),
        args.seed,
        args.games,
        |done| bar.set_position(done as u64),
    );
    bar.finish_and_clear();
    let points: Vec<Point> = results.into_iter().collect::<Result<_, _>>()?;
    print_points(&varies, &points);
    if let Some(dir) = &args.out {
        let title = &first.rules.scenario.title;
        let mut files = vec![
            (dir.join("sweep.csv"), sweep_csv(&varies, &points)),
            (dir.join("sweep.json"), sweep_json(&plain, args, &varies)),
        ];
        match varies.as_slice() {
            [x] => files.push((
                dir.join("sweep.svg"),
                curve(title, x, &points).map_err(|e| InputError::new("sweep.svg", e))?,
            )),
            [x, y] => files.push((
                dir.join("phase.svg"),
                phase(title, x, y, &points).map_err(|e| InputError::new("phase.svg", e))?,
            )),
            _ => {}
        }
        let refs: Vec<(&std::path::Path, &[u8])> = files
            .iter()
            .map(|(p, c)| (p.as_path(), c.as_bytes()))
            .collect();
        write_all_atomic(&refs)?;
        let names: Vec<String> = files
            .iter()
            .filter_map(|(p, _)| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        say(format!("wrote {} in {}", names.join(", "), dir.display()));
    }
    Ok(())
}

/// `sweep.json`: what was varied and how to make the sweep again.
fn sweep_json(setup: &Setup, args: &SweepArgs, varies: &[Vary]) -> String {
    let mut command = Vec::new();
    for v in &args.vary {
        command.extend(["--vary".to_string(), v.clone()]);
    }
    command.extend([
        "--games".to_string(),
        args.games.to_string(),
        "--seed".into(),
        args.seed.to_string(),
    ]);
    let made_with = setup.made_with("sweep", &command, args.seed, args.games as u64);
    let about = serde_json::json!({
        "scenario": setup.rules.scenario.id,
        "title": setup.rules.scenario.title,
        "games": args.games,
        "seed": args.seed,
        "turns": setup.turns,
        "vary": varies.iter().map(|v| serde_json::json!({"key": v.key, "values": v.values})).collect::<Vec<_>>(),
        "made_with": made_with,
    });
    format!("{about:#}\n")
}

/// Plays every point's batch, the points shared out between the worker threads (each batch on
/// one thread, so the work divides evenly however many games a point has); the games of a
/// point stream into its summary. `setup(k)` makes point `k`'s setup; `progress` gets the
/// games done so far. A point whose setup fails gives its error.
pub fn play_points(
    workers: &Workers,
    grid: &[Vec<f64>],
    setup: impl Fn(usize) -> Result<Setup, InputError> + Sync,
    first_seed: u64,
    games: usize,
    mut progress: impl FnMut(usize),
) -> Vec<Result<Point, InputError>> {
    let mut points = Vec::with_capacity(grid.len());
    let mut done = 0;
    workers.in_order(
        grid.len(),
        grid.len(),
        |k, report| {
            setup(k).map(|setup| {
                let plan = setup.plan(false, 0);
                let mut totals = Totals::new(setup.rules.nation_count());
                let mut reported = 0;
                stream_on_this_thread(
                    &setup.rules,
                    &plan,
                    first_seed,
                    games,
                    |g| totals.add(&g),
                    |finished| {
                        report(finished - reported);
                        reported = finished;
                    },
                );
                summarise(grid[k].clone(), &totals)
            })
        },
        |point| points.push(point),
        |games| {
            done += games;
            progress(done);
        },
    );
    points
}

/// The setup of the scenario `base` (read once) at one point of a sweep: `game`'s options, and
/// each varied key at its value after the `--set`s (`sweep`, `evolve --vary`).
pub fn setup_at(
    base: &Loaded,
    game: &GameArgs,
    varies: &[Vary],
    point: &[f64],
) -> Result<Setup, InputError> {
    let mut set = game.set.clone();
    for (v, value) in varies.iter().zip(point) {
        set.push(format!("{}={}", v.key, value));
    }
    Setup::of(
        base,
        &GameArgs {
            set,
            ..game.clone()
        },
    )
}

/// One point's summary from the running totals of its games.
pub fn summarise(values: Vec<f64>, totals: &Totals) -> Point {
    let n = totals.games.max(1) as f64;
    let order = [
        Regime::Mas,
        Regime::Mad,
        Regime::Catastrophe,
        Regime::Unsettled,
    ];
    let [trust, transparency, arms, _, _] = totals.final_means();
    Point {
        values,
        games: totals.games,
        shares: order.map(|r| totals.count(r) as f64 / n),
        mas_ci95: wilson(totals.count(Regime::Mas), totals.games),
        trust,
        transparency,
        arms,
    }
}

fn print_points(varies: &[Vary], points: &[Point]) {
    let keys: Vec<&str> = varies.iter().map(|v| v.key.as_str()).collect();
    say(format!(
        "{:>24}  {:>7} {:>7} {:>12} {:>10}  {:>6} {:>6} {:>6}",
        keys.join(" × "),
        "MAS",
        "MAD",
        "Catastrophe",
        "Unsettled",
        "trust",
        "transp",
        "arms"
    ));
    for p in points {
        let at: Vec<String> = p.values.iter().map(|v| format!("{v}")).collect();
        say(format!(
            "{:>24}  {:>6.1}% {:>6.1}% {:>11.1}% {:>9.1}%  {:>6.1} {:>6.1} {:>6.1}",
            at.join(" × "),
            p.shares[0] * 100.0,
            p.shares[1] * 100.0,
            p.shares[2] * 100.0,
            p.shares[3] * 100.0,
            p.trust,
            p.transparency,
            p.arms
        ));
    }
    say("  (trust, transp, arms: their means at the end of the games)");
}

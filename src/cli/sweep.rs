//! `detente sweep`: the same batch at every value of one parameter (or of two: a phase map),
//! to show how the chance of each outcome moves as, say, transparency or the trust loss rises.
//! The same seeds serve every value, so the values differ only by the parameter.

use super::batch::{Totals, check_count, check_seeds, set_jobs, wilson};
use super::charts::{self, CATASTROPHE, MAD, MAS, UNSETTLED};
use super::output::{ensure_dir, progress_bar, say, write_all_atomic};
use super::tables;
use super::{GameArgs, Setup, SweepArgs};
use crate::sim::catalog;
use crate::sim::run::stream_on_this_thread;
use crate::sim::scenario::Scenario;
use crate::sim::{InputError, Plan, Regime};

/// One parameter and the values it takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Vary {
    pub key: String,
    pub values: Vec<f64>,
}

/// The most values a sweep may take (over both parameters).
const MAX_POINTS: usize = 10_000;

/// Parses `KEY=FROM..TO:STEP`.
pub fn parse_vary(spec: &str) -> Result<Vary, InputError> {
    let origin = format!("--vary {spec}");
    let bad = |why: &str| InputError::new(origin.clone(), why.to_string());
    let (key, range) = spec
        .split_once('=')
        .ok_or_else(|| bad("expected KEY=FROM..TO:STEP, like transparency=0..100:10"))?;
    let (span, step) = range
        .split_once(':')
        .ok_or_else(|| bad("expected a step after the range: FROM..TO:STEP"))?;
    let (from, to) = span
        .split_once("..")
        .ok_or_else(|| bad("expected a range FROM..TO"))?;
    let number = |s: &str, what: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| bad(&format!("expected a number for {what}, found `{s}`")))
    };
    let (from, to, step) = (
        number(from, "FROM")?,
        number(to, "TO")?,
        number(step, "STEP")?,
    );
    if key.trim().is_empty() {
        return Err(bad("expected a parameter key before `=`"));
    }
    if step <= 0.0 {
        return Err(bad("expected a positive STEP"));
    }
    if to < from {
        return Err(bad("the range is empty: TO is below FROM"));
    }
    // Counted in floating point and checked before it becomes an integer: a tiny STEP makes
    // the count overflow any integer.
    let steps = ((to - from) / step + 1e-9).floor();
    if !steps.is_finite() || steps + 1.0 > MAX_POINTS as f64 {
        return Err(bad(&format!(
            "{} values; expected at most {MAX_POINTS} (use a larger STEP)",
            if steps.is_finite() && steps < 1e15 {
                format!("{}", steps as u64 + 1)
            } else {
                "too many".to_string()
            }
        )));
    }
    let count = steps as usize + 1;
    let values = (0..count)
        .map(|k| ((from + step * k as f64) * 1e9).round() / 1e9)
        .collect();
    Ok(Vary {
        key: key.trim().to_string(),
        values,
    })
}

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
    set_jobs(args.jobs)?;
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
    // point's setup is made again when it is played, so they are not all held at once.
    let base = catalog::open(&args.game.scenario)?.scenario;
    for point in &grid {
        setup_at(&base, args, &varies, point)?;
    }
    let first = setup_at(&base, args, &varies, &grid[0])?;
    if let Some(dir) = &args.out {
        ensure_dir(dir)?;
    }
    let bar = progress_bar((grid.len() * args.games) as u64, "games", args.quiet);
    let results = play_points(
        &grid,
        |k| setup_at(&base, args, &varies, &grid[k]),
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
            (dir.join("sweep.json"), sweep_json(&first, args, &varies)),
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
    let mut made_with = setup.made_with("sweep", &command, args.seed, args.games as u64);
    // The setup is the first point's: its `--set` list ends with the varied values.
    made_with.set.truncate(args.game.set.len());
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
    grid: &[Vec<f64>],
    setup: impl Fn(usize) -> Result<Setup, InputError> + Sync,
    first_seed: u64,
    games: usize,
    mut progress: impl FnMut(usize),
) -> Vec<Result<Point, InputError>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    type Report = (Option<(usize, Result<Point, InputError>)>, usize);
    let threads = crate::sim::run::workers().min(grid.len()).max(1);
    let next = AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::channel::<Report>();
    let mut points: Vec<Option<Result<Point, InputError>>> = vec![None; grid.len()];
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (tx, next, setup) = (tx.clone(), &next, &setup);
            scope.spawn(move || {
                while let Some(k) =
                    Some(next.fetch_add(1, Ordering::Relaxed)).filter(|&k| k < grid.len())
                {
                    let point = setup(k).map(|setup| {
                        let plan = Plan {
                            controllers: setup.controllers.clone(),
                            turns: setup.turns,
                            record: false,
                            trajectories: 0,
                        };
                        let mut totals = Totals::new(setup.rules.nation_count());
                        let mut reported = 0;
                        stream_on_this_thread(
                            &setup.rules,
                            &plan,
                            first_seed,
                            games,
                            |g| totals.add(&g),
                            |done| {
                                let _ = tx.send((None, done - reported));
                                reported = done;
                            },
                        );
                        summarise(grid[k].clone(), &totals)
                    });
                    let _ = tx.send((Some((k, point)), 0));
                }
            });
        }
        drop(tx);
        let mut done = 0;
        for (point, games) in rx {
            done += games;
            if let Some((k, p)) = point {
                points[k] = Some(p);
            }
            progress(done);
        }
    });
    points.into_iter().flatten().collect()
}

fn setup_at(
    base: &Scenario,
    args: &SweepArgs,
    varies: &[Vary],
    point: &[f64],
) -> Result<Setup, InputError> {
    let mut set = args.game.set.clone();
    for (v, value) in varies.iter().zip(point) {
        set.push(format!("{}={}", v.key, value));
    }
    Setup::of(
        base,
        &GameArgs {
            set,
            ..args.game.clone()
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

/// The header of `sweep.csv` after the varied keys.
pub const SWEEP_COLUMNS: [&str; 10] = [
    "games",
    "mas",
    "mad",
    "catastrophe",
    "unsettled",
    "mas_ci95_low",
    "mas_ci95_high",
    "mean_trust",
    "mean_transparency",
    "mean_arms",
];

pub fn sweep_csv(varies: &[Vary], points: &[Point]) -> String {
    let mut header: Vec<String> = varies.iter().map(|v| v.key.clone()).collect();
    header.extend(SWEEP_COLUMNS.iter().map(|s| s.to_string()));
    let rows = points.iter().map(|p| {
        let mut row: Vec<String> = p.values.iter().map(|v| v.to_string()).collect();
        row.push(p.games.to_string());
        row.extend(
            p.shares
                .iter()
                .chain(&p.mas_ci95)
                .map(|v| format!("{v:.4}")),
        );
        row.extend(
            [p.trust, p.transparency, p.arms]
                .iter()
                .map(|v| format!("{v:.3}")),
        );
        row
    });
    tables::to_csv(&header, rows)
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
}

/// Outcome shares against the value, MAS with its 95% band.
pub fn curve(title: &str, x: &Vary, points: &[Point]) -> charts::ChartResult {
    let lines: Vec<(&str, plotters::style::RGBColor, Vec<(f64, f64)>)> =
        ["MAS", "MAD", "Catastrophe", "Unsettled"]
            .iter()
            .zip([MAS, MAD, CATASTROPHE, UNSETTLED])
            .enumerate()
            .map(|(k, (name, colour))| {
                (
                    *name,
                    colour,
                    points
                        .iter()
                        .map(|p| (p.values[0], p.shares[k] * 100.0))
                        .collect(),
                )
            })
            .collect();
    let band: Vec<(f64, f64, f64)> = points
        .iter()
        .map(|p| (p.values[0], p.mas_ci95[0] * 100.0, p.mas_ci95[1] * 100.0))
        .collect();
    charts::lines(
        &format!("{title}: outcomes as {} varies", x.key),
        &x.key,
        "share of games, %",
        &lines,
        Some((&band, MAS)),
    )
}

/// The MAS share over the grid of two parameters.
pub fn phase(title: &str, x: &Vary, y: &Vary, points: &[Point]) -> charts::ChartResult {
    let values: Vec<Vec<f64>> = y
        .values
        .iter()
        .rev()
        .map(|&b| {
            x.values
                .iter()
                .map(|&a| {
                    points
                        .iter()
                        .find(|p| p.values == [a, b])
                        .map_or(0.0, |p| p.shares[0] * 100.0)
                })
                .collect()
        })
        .collect();
    let rows: Vec<String> = y.values.iter().rev().map(|v| format!("{v}")).collect();
    let cols: Vec<String> = x.values.iter().map(|v| format!("{v}")).collect();
    charts::grid(
        &format!("{title}: share of MAS, %"),
        (&x.key, &cols),
        (&y.key, &rows),
        &values,
    )
}

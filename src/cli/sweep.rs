//! `detente sweep`: the same batch at every value of one parameter (or of two: a phase map),
//! to show how the chance of each outcome moves as, say, transparency or the trust loss rises.
//! The same seeds serve every value, so the values differ only by the parameter.

use super::batch::wilson;
use super::charts::{self, CATASTROPHE, MAD, MAS, UNSETTLED};
use super::output::{ensure_dir, say, write_all_atomic};
use super::{GameArgs, Setup, SweepArgs};
use crate::sim::run::set_workers;
use crate::sim::{GameResult, InputError, Plan, Regime};
use indicatif::{ProgressBar, ProgressStyle};
use std::fmt::Write as _;

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
    let count = ((to - from) / step + 1e-9).floor() as usize + 1;
    if count > MAX_POINTS {
        return Err(bad(&format!(
            "{count} values; expected at most {MAX_POINTS}"
        )));
    }
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
    if !(1..=1_000_000).contains(&args.games) {
        return Err(InputError::new(
            format!("--games {}", args.games),
            "expected 1 to 1000000 games per value",
        ));
    }
    if let Some(jobs) = args.jobs {
        if jobs == 0 {
            return Err(InputError::new("--jobs 0", "expected at least 1 thread"));
        }
        set_workers(jobs);
    }
    let grid: Vec<Vec<f64>> = match varies.as_slice() {
        [one] => one.values.iter().map(|&v| vec![v]).collect(),
        [x, y] => x
            .values
            .iter()
            .flat_map(|&a| y.values.iter().map(move |&b| vec![a, b]))
            .collect(),
        _ => unreachable!("checked above"),
    };
    if grid.len() > MAX_POINTS {
        return Err(InputError::new(
            "--vary",
            format!("{} points; expected at most {MAX_POINTS}", grid.len()),
        ));
    }
    // Check every setting before the first game, so a bad key or value fails at once.
    let setups: Vec<Setup> = grid
        .iter()
        .map(|point| setup_at(args, &varies, point))
        .collect::<Result<_, _>>()?;
    if let Some(dir) = &args.out {
        ensure_dir(dir)?;
    }
    let bar = if args.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new((grid.len() * args.games) as u64)
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:40}] {pos}/{len} games  {elapsed_precise}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let seeds: Vec<u64> = (0..args.games as u64)
        .map(|k| args.seed.wrapping_add(k))
        .collect();
    let points = play_points(&grid, &setups, &seeds, |done| bar.set_position(done as u64));
    bar.finish_and_clear();
    print_points(&varies, &points);
    if let Some(dir) = &args.out {
        let mut files = vec![(dir.join("sweep.csv"), sweep_csv(&varies, &points))];
        let title = &setups[0].rules.scenario.title;
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
        say(format!(
            "wrote {} in {}",
            names.join(" and "),
            dir.display()
        ));
    }
    Ok(())
}

/// Plays every point's batch, the points shared out between the worker threads (each batch on
/// one thread, so the work divides evenly however many games a point has). `progress` gets the
/// games done so far.
pub fn play_points(
    grid: &[Vec<f64>],
    setups: &[Setup],
    seeds: &[u64],
    mut progress: impl FnMut(usize),
) -> Vec<Point> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = crate::sim::run::workers().min(grid.len()).max(1);
    let next = AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::channel::<(Option<(usize, Point)>, usize)>();
    let mut points: Vec<Option<Point>> = vec![None; grid.len()];
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (tx, next) = (tx.clone(), &next);
            scope.spawn(move || {
                while let Some(k) =
                    Some(next.fetch_add(1, Ordering::Relaxed)).filter(|&k| k < grid.len())
                {
                    let setup = &setups[k];
                    let plan = Plan {
                        controllers: setup.controllers.clone(),
                        turns: setup.turns,
                        record: false,
                    };
                    let mut reported = 0;
                    let results =
                        crate::sim::run::run_on_this_thread(&setup.rules, &plan, seeds, |done| {
                            let _ = tx.send((None, done - reported));
                            reported = done;
                        });
                    let _ = tx.send((Some((k, summarise(grid[k].clone(), &results))), 0));
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

fn setup_at(args: &SweepArgs, varies: &[Vary], point: &[f64]) -> Result<Setup, InputError> {
    let mut set = args.game.set.clone();
    for (v, value) in varies.iter().zip(point) {
        set.push(format!("{}={}", v.key, value));
    }
    Setup::from_args(&GameArgs {
        set,
        ..args.game.clone()
    })
}

pub fn summarise(values: Vec<f64>, results: &[GameResult]) -> Point {
    let n = results.len().max(1) as f64;
    let count = |r: Regime| results.iter().filter(|g| g.outcome == r).count();
    let order = [
        Regime::Mas,
        Regime::Mad,
        Regime::Catastrophe,
        Regime::Unsettled,
    ];
    let mean = |f: &dyn Fn(&GameResult) -> f64| results.iter().map(f).sum::<f64>() / n;
    Point {
        values,
        games: results.len(),
        shares: order.map(|r| count(r) as f64 / n),
        mas_ci95: wilson(count(Regime::Mas), results.len()),
        trust: mean(&|g| g.final_state.mean_trust),
        transparency: mean(&|g| g.final_state.mean_transparency),
        arms: mean(&|g| g.final_state.mean_arms),
    }
}

pub fn sweep_csv(varies: &[Vary], points: &[Point]) -> String {
    let mut out = String::new();
    for v in varies {
        let _ = write!(out, "{},", v.key);
    }
    out.push_str(
        "games,mas,mad,catastrophe,unsettled,mas_ci95_low,mas_ci95_high,mean_trust,mean_transparency,mean_arms\n",
    );
    for p in points {
        for v in &p.values {
            let _ = write!(out, "{v},");
        }
        let _ = writeln!(
            out,
            "{},{:.4},{:.4},{:.4},{:.4},{:.4},{:.4},{:.3},{:.3},{:.3}",
            p.games,
            p.shares[0],
            p.shares[1],
            p.shares[2],
            p.shares[3],
            p.mas_ci95[0],
            p.mas_ci95[1],
            p.trust,
            p.transparency,
            p.arms
        );
    }
    out
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

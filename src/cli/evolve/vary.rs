//! `detente evolve --vary KEY=FROM..TO:STEP`: the same dynamics at every value of one parameter,
//! and where each strategy ends. Over `params.continuation` it shows the shadow of the future:
//! cooperation that holds above the repeated game's threshold W = (T−R)/(T−P) and fails below it.

use super::population::Population;
use super::{Evolution, Fixation, Settings, evolve};
use crate::cli::output::{progress_bar, say};
use crate::cli::setup::CONTINUATION_KEY;
use crate::cli::sweep::Vary;
use crate::cli::{GameArgs, Setup};
use crate::sim::InputError;
use crate::sim::play::run::Workers;
use serde::{Deserialize, Serialize};

/// The outcome at each value (`Summary::vary`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Swept {
    pub key: String,
    pub values: Vec<f64>,
    /// At each value, each strategy's share at the end (moran: the mean over the runs).
    pub final_shares: Vec<Vec<f64>>,
    /// At each value, the Moran runs' fixations (moran only).
    pub fixation: Option<Vec<Vec<Fixation>>>,
    /// The repeated game's threshold (T−R)/(T−P) of the scenario's payoffs: above it, a
    /// population of grudgers (or tit for tat) cannot be invaded by defectors (Axelrod 1984,
    /// ch. 1, propositions 2 and 4).
    pub threshold: Option<f64>,
}

/// The threshold W* = (T−R)/(T−P) of the scenario's prisoner's dilemma, if T > P.
pub fn threshold(setup: &Setup) -> Option<f64> {
    let p = &setup.rules.scenario.payoffs;
    (p.t > p.p).then(|| (p.t - p.r) / (p.t - p.p))
}

/// Refuses a `--vary` whose key another option sets too (`--continuation`, `--noise`, `--set`),
/// and a continuation of 1 (a match without end up to 100000 turns).
pub fn check_alone(vary: &Vary, args: &crate::cli::EvolveArgs) -> Result<(), InputError> {
    let clash = |flag: String| {
        Err(InputError::new(
            flag,
            format!(
                "{} is the key that --vary varies; give it to one of them",
                vary.key
            ),
        ))
    };
    if let (Some(w), true) = (args.continuation, vary.key == CONTINUATION_KEY) {
        return clash(format!("--continuation {w}"));
    }
    if let (Some(p), true) = (args.noise, vary.key == "params.execution_noise") {
        return clash(format!("--noise {p}"));
    }
    if let (Some(t), true) = (args.turns, vary.key == "turns") {
        return clash(format!("--turns {t}"));
    }
    for set in &args.set {
        if set.split_once('=').map_or(set.as_str(), |(k, _)| k).trim() == vary.key {
            return clash(format!("--set {set}"));
        }
    }
    if vary.key == CONTINUATION_KEY && vary.values.iter().any(|&w| w >= 1.0) {
        return Err(InputError::new(
            format!("--vary {}", vary.key),
            "expected values from 0 up to (not including) 1, as for --continuation",
        ));
    }
    Ok(())
}

/// The setup at every value of `vary` (`sweep::setup_at`, the scenario read once), each
/// checked; the first bad one is the error, naming the value.
pub fn setups(game: &GameArgs, vary: &Vary) -> Result<Vec<Setup>, InputError> {
    let base = crate::sim::scenario::catalog::open(&game.scenario)?;
    vary.values
        .iter()
        .map(|&value| {
            crate::cli::sweep::setup_at(&base, game, std::slice::from_ref(vary), &[value]).map_err(
                |e| {
                    InputError::new(
                        format!("--vary {}", vary.key),
                        format!("at {}={value}: {}", vary.key, e.message),
                    )
                },
            )
        })
        .collect()
}

/// Runs the dynamics at every value of `vary`, on the setups `setups` made for them.
pub fn sweep(
    workers: &Workers,
    vary: &Vary,
    setups: Vec<Setup>,
    population: &Population,
    settings: &Settings,
    quiet: bool,
) -> Result<(Swept, Vec<Evolution>), InputError> {
    let bar = progress_bar(vary.values.len() as u64, "values", quiet);
    let mut runs = Vec::with_capacity(setups.len());
    for (k, setup) in setups.iter().enumerate() {
        runs.push(evolve(workers, setup, population, settings, true)?);
        bar.set_position(k as u64 + 1);
    }
    bar.finish_and_clear();
    let swept = Swept {
        key: vary.key.clone(),
        values: vary.values.clone(),
        final_shares: runs
            .iter()
            .map(|e| e.shares.last().cloned().unwrap_or_default())
            .collect(),
        fixation: runs
            .iter()
            .map(|e| e.fixation.clone())
            .collect::<Option<Vec<_>>>(),
        threshold: setups.first().and_then(threshold),
    };
    Ok((swept, runs))
}

/// Prints the final shares at each value.
pub fn print(population: &Population, swept: &Swept) {
    if let (Some(w), true) = (swept.threshold, swept.key == CONTINUATION_KEY) {
        say(format!(
            "the repeated game's threshold (T-R)/(T-P) of these payoffs: W = {w:.4}"
        ));
    }
    let mut header = format!("{:>12}", short_key(&swept.key));
    for name in &population.names {
        header.push_str(&format!(" {:>14}", clip(name)));
    }
    say(header);
    for (v, shares) in swept.values.iter().zip(&swept.final_shares) {
        let mut line = format!("{v:>12}");
        for s in shares {
            line.push_str(&format!(" {:>13.1}%", s * 100.0));
        }
        say(line);
    }
}

/// `params.continuation` → `continuation`: the last part of a key, for a column heading.
fn short_key(key: &str) -> &str {
    key.rsplit('.').next().unwrap_or(key)
}

/// A name cut to a column's width.
fn clip(name: &str) -> String {
    name.chars().take(14).collect()
}

/// `evolve_sweep.csv`: the varied key, then each strategy's final share (and, for moran, its
/// fixation probability and interval).
pub fn sweep_csv(population: &Population, swept: &Swept) -> String {
    let mut header = vec![swept.key.clone()];
    for name in &population.names {
        header.push(name.clone());
    }
    if swept.fixation.is_some() {
        for name in &population.names {
            header.extend([
                format!("{name}_fixation"),
                format!("{name}_fixation_ci95_low"),
                format!("{name}_fixation_ci95_high"),
            ]);
        }
    }
    let rows = swept.values.iter().enumerate().map(|(k, v)| {
        let mut row = vec![v.to_string()];
        row.extend(swept.final_shares[k].iter().map(|s| format!("{s:.6}")));
        if let Some(fix) = &swept.fixation {
            for f in &fix[k] {
                row.extend([
                    format!("{:.6}", f.probability),
                    f.ci95[0].to_string(),
                    f.ci95[1].to_string(),
                ]);
            }
        }
        row
    });
    crate::cli::tables::to_csv(&header, rows)
}

/// `evolve_sweep.svg`: each strategy's final share against the varied value, with the
/// threshold marked when the continuation is varied.
pub fn sweep_chart(title: &str, names: &[String], swept: &Swept) -> Result<String, String> {
    let colours = crate::cli::charts::palette(names.len());
    let series: Vec<(&str, _, Vec<(f64, f64)>)> = names
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let points = swept
                .values
                .iter()
                .zip(&swept.final_shares)
                .map(|(&v, shares)| (v, shares[k] * 100.0))
                .collect();
            (name.as_str(), colours[k], points)
        })
        .collect();
    let marks: Vec<(f64, _)> = match swept.threshold {
        Some(w) if swept.key == CONTINUATION_KEY => vec![(w, crate::cli::charts::GOLD)],
        _ => Vec::new(),
    };
    let x = if swept.key == CONTINUATION_KEY {
        "continuation probability W (dashed: the threshold (T-R)/(T-P))".to_string()
    } else {
        swept.key.clone()
    };
    crate::cli::charts::lines_marked(
        title,
        &x,
        "share at the end, %",
        &series,
        None,
        (0.0, 100.0),
        &marks,
    )
}

//! What `detente evolve` prints and writes: the final shares (and fixation probabilities), and
//! in `--out` the shares per generation, their stacked-area chart and the summary.

use super::population::Population;
use super::vary::Swept;
use super::{Evolution, Settings};
use crate::cli::output::say;
use crate::cli::provenance::MadeWith;
use crate::cli::tables::to_csv;
use crate::cli::{Dynamics, EvolveArgs, Setup};
use crate::files::Staging;
use crate::sim::InputError;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The summary's file name: what `detente report` looks for.
pub const EVOLVE_FILE: &str = "evolve.json";

/// One strategy's fixation in the Moran runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fixation {
    pub strategy: String,
    /// Runs in which it took over the whole population.
    pub runs: usize,
    pub probability: f64,
    /// Wilson's 95% interval of the probability.
    pub ci95: [f64; 2],
    /// Its starting share: its fixation probability if selection were neutral (Moran 1958).
    pub neutral: f64,
}

/// `evolve.json`: the settings, the outcome, and how to make it again.
#[derive(Debug, Serialize, Deserialize)]
pub struct Summary {
    pub dynamics: Dynamics,
    pub scenario: String,
    pub title: String,
    pub strategies: Vec<String>,
    /// The starting head counts (ecological: the weights given, or the split of --population).
    pub start: Vec<f64>,
    /// The most turns a match lasts, and the continuation probability (1: a fixed length).
    pub turns: u32,
    pub continuation: f64,
    pub noise: f64,
    pub generations: usize,
    /// Players replaced each generation (generations only).
    pub replace: Option<usize>,
    /// Matches per pair behind the payoff table (ecological and moran).
    pub matches: Option<u32>,
    /// Moran runs.
    pub repetitions: Option<u32>,
    pub selection: Option<f64>,
    pub seed: u64,
    /// The payoff table (ecological and moran): row's mean score per match against the
    /// column, per turn of the mean match length.
    pub payoff: Vec<Vec<f64>>,
    /// Each strategy's share at the end (moran: the mean over the runs).
    pub final_shares: Vec<f64>,
    pub fixation: Option<Vec<Fixation>>,
    /// Moran runs in which no strategy had fixed by the last generation.
    pub unfixed: Option<usize>,
    /// The mean number of birth-death steps a Moran run took.
    pub mean_steps: Option<f64>,
    /// With --vary: where each strategy ended at each value (then the fields of a single run
    /// above are empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vary: Option<Swept>,
    pub made_with: MadeWith,
}

pub fn print(population: &Population, e: &Evolution, dynamics: Dynamics) {
    let last = e.shares.last().cloned().unwrap_or_default();
    let first = &e.shares[0];
    match &e.fixation {
        Some(fix) => {
            say(format!(
                "{:<26} {:>8} {:>11} {:>17} {:>9}",
                "strategy", "start", "fixation", "95% interval", "neutral"
            ));
            for f in fix {
                let at = population.names.iter().position(|n| *n == f.strategy);
                let start = at.map_or(0.0, |k| population.start[k]);
                say(format!(
                    "{:<26} {:>8} {:>10.1}% {:>7.1}% – {:>5.1}% {:>8.1}%",
                    f.strategy,
                    start,
                    f.probability * 100.0,
                    f.ci95[0] * 100.0,
                    f.ci95[1] * 100.0,
                    f.neutral * 100.0
                ));
            }
            say(format!(
                "{} runs; {:.0} steps a run on average{}",
                fix.iter().map(|f| f.runs).sum::<usize>() + e.unfixed,
                e.mean_steps,
                if e.unfixed > 0 {
                    format!("; {} did not fix within the generations allowed", e.unfixed)
                } else {
                    String::new()
                }
            ));
        }
        None => {
            let label = match dynamics {
                Dynamics::Generations => "generation",
                _ => "share after generation",
            };
            say(format!(
                "{:<26} {:>8} {:>8}   ({label} {})",
                "strategy",
                "start",
                "end",
                e.shares.len() - 1
            ));
            for (k, name) in population.names.iter().enumerate() {
                say(format!(
                    "{:<26} {:>7.1}% {:>7.1}%",
                    name,
                    first[k] * 100.0,
                    last[k] * 100.0
                ));
            }
        }
    }
}

/// Writes `shares.csv`, `shares.svg` and `evolve.json` in `dir`, all or none.
pub fn write(
    dir: &Path,
    setup: &Setup,
    args: &EvolveArgs,
    settings: &Settings,
    population: &Population,
    e: &Evolution,
) -> Result<(), InputError> {
    let mut header = vec!["generation".to_string()];
    header.extend(population.names.iter().cloned());
    let rows = e.shares.iter().enumerate().map(|(g, row)| {
        let mut r = vec![g.to_string()];
        r.extend(row.iter().map(|s| format!("{s:.6}")));
        r
    });
    let csv = to_csv(&header, rows);
    let sc = &setup.rules.scenario;
    let heading = format!(
        "{} on {}: shares of the population",
        settings.dynamics.title(),
        sc.title
    );
    let x = match settings.dynamics {
        Dynamics::Moran => "generation (as many birth-death steps as players), mean of the runs",
        _ => "generation",
    };
    let svg = crate::cli::charts::stacked(&heading, x, &population.names, &e.shares)
        .map_err(|m| InputError::new("shares.svg", m))?;
    let summary = summary(setup, args, settings, population, e, None);
    write_files(
        dir,
        [
            ("shares.csv", csv),
            ("shares.svg", svg),
            (EVOLVE_FILE, json(&summary)),
        ],
    )
}

/// With --vary: `evolve_sweep.csv`, `evolve_sweep.svg` and `evolve.json` in `dir`, all or none.
pub fn write_sweep(
    dir: &Path,
    setup: &Setup,
    args: &EvolveArgs,
    settings: &Settings,
    population: &Population,
    swept: &Swept,
) -> Result<(), InputError> {
    let csv = super::vary::sweep_csv(population, swept);
    let title = format!(
        "{} on {}: where each strategy ends",
        settings.dynamics.title(),
        setup.rules.scenario.title
    );
    let svg = super::vary::sweep_chart(&title, &population.names, swept)
        .map_err(|m| InputError::new("evolve_sweep.svg", m))?;
    let empty = Evolution {
        shares: Vec::new(),
        payoff: Vec::new(),
        fixation: None,
        unfixed: 0,
        mean_steps: 0.0,
    };
    let summary = summary(
        setup,
        args,
        settings,
        population,
        &empty,
        Some(swept.clone()),
    );
    write_files(
        dir,
        [
            ("evolve_sweep.csv", csv),
            ("evolve_sweep.svg", svg),
            (EVOLVE_FILE, json(&summary)),
        ],
    )
}

fn json(summary: &Summary) -> String {
    format!(
        "{}\n",
        serde_json::to_string_pretty(summary).expect("always serialises")
    )
}

/// Writes the three files in `dir`, all or none, and says so.
fn write_files(dir: &Path, files: [(&str, String); 3]) -> Result<(), InputError> {
    let mut staging = Staging::default();
    for (name, text) in &files {
        staging.write(&dir.join(name), text.as_bytes())?;
    }
    staging.commit()?;
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    say(format!(
        "wrote {}, {} and {} in {}",
        names[0],
        names[1],
        names[2],
        dir.display()
    ));
    Ok(())
}

fn summary(
    setup: &Setup,
    args: &EvolveArgs,
    settings: &Settings,
    population: &Population,
    e: &Evolution,
    vary: Option<Swept>,
) -> Summary {
    let sc = &setup.rules.scenario;
    let moran = settings.dynamics == Dynamics::Moran;
    Summary {
        dynamics: settings.dynamics,
        scenario: sc.id.clone(),
        title: sc.title.clone(),
        strategies: population.names.clone(),
        start: population.start.clone(),
        turns: setup.turns,
        continuation: sc.params.continuation,
        noise: sc.params.execution_noise,
        generations: settings.generations,
        replace: (settings.dynamics == Dynamics::Generations).then_some(settings.replace),
        matches: (settings.dynamics != Dynamics::Generations).then_some(settings.matches),
        repetitions: moran.then_some(settings.repetitions),
        selection: moran.then_some(settings.selection),
        seed: settings.seed,
        payoff: e.payoff.clone(),
        final_shares: e.shares.last().cloned().unwrap_or_default(),
        fixation: e.fixation.clone(),
        unfixed: moran.then_some(e.unfixed),
        mean_steps: moran.then_some(e.mean_steps),
        vary,
        made_with: made_with(setup, args, settings, population),
    }
}

fn made_with(
    setup: &Setup,
    args: &EvolveArgs,
    settings: &Settings,
    population: &Population,
) -> MadeWith {
    let entries: Vec<String> = population
        .names
        .iter()
        .zip(&population.start)
        .map(|(n, c)| format!("{n}={c}"))
        .collect();
    let mut command = vec![
        "--dynamics".to_string(),
        settings.dynamics.name().to_string(),
        "--strategies".into(),
        entries.join(","),
        "--generations".into(),
        settings.generations.to_string(),
        "--seed".into(),
        settings.seed.to_string(),
    ];
    if let Some(v) = &args.vary {
        command.extend(["--vary".into(), v.clone()]);
    }
    match settings.dynamics {
        Dynamics::Generations => command.extend(["--replace".into(), settings.replace.to_string()]),
        Dynamics::Moran => command.extend([
            "--matches".into(),
            settings.matches.to_string(),
            "--repetitions".into(),
            settings.repetitions.to_string(),
            "--selection".into(),
            settings.selection.to_string(),
        ]),
        Dynamics::Ecological => command.extend(["--matches".into(), settings.matches.to_string()]),
    }
    let seeds = match settings.dynamics {
        Dynamics::Generations => {
            (settings.generations
                * super::generations::matches_per_generation(population.size() as usize))
                as u64
        }
        _ => u64::from(settings.matches),
    };
    setup.made_with("evolve", &command, settings.seed, seeds)
}

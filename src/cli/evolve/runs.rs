//! The payoff table behind the ecological and Moran dynamics (a round robin of the engine's
//! matches), and the Moran runs on it.

use super::population::Population;
use super::{Evolution, Fixation, Settings, dynamics};
use crate::cli::Setup;
use crate::cli::output::progress_bar;
use crate::sim::play::run::Workers;
use crate::sim::{InputError, Strategy};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// The Moran runs: the mean share of each strategy over the runs after each generation (a run
/// that has fixed stays fixed), and each strategy's fixation probability.
pub(super) fn moran(
    payoff: &[Vec<f64>],
    population: &Population,
    settings: &Settings,
    quiet: bool,
) -> Result<Evolution, dynamics::Unfit> {
    let start = population.counts();
    let n: usize = start.iter().sum();
    let k = start.len();
    let runs = settings.repetitions as usize;
    let bar = progress_bar(runs as u64, "runs", quiet);
    let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
    rng.set_stream(2);
    // Per generation, the sum over the runs so far of each strategy's share; and the sum of the
    // runs' final shares.
    let mut sums: Vec<Vec<f64>> = Vec::new();
    let mut finals = vec![0.0; k];
    let mut fixed = vec![0usize; k];
    let mut unfixed = 0;
    let mut steps = 0u64;
    let max_steps = (settings.generations * n) as u64;
    for r in 0..runs {
        let run = dynamics::moran(
            payoff,
            &start,
            settings.selection,
            max_steps,
            n as u64,
            &mut rng,
        )?;
        match run.fixed {
            Some(s) => fixed[s] += 1,
            None => unfixed += 1,
        }
        steps += run.steps;
        // A run that has ended stays at its final state in the generations it did not reach.
        if sums.len() < run.counts.len() {
            sums.resize(run.counts.len(), finals.clone());
        }
        let last = run.counts.last().cloned().unwrap_or_default();
        for (g, row) in sums.iter_mut().enumerate() {
            let counts = run.counts.get(g).unwrap_or(&last);
            for (s, c) in row.iter_mut().zip(counts) {
                *s += *c as f64 / n as f64;
            }
        }
        for (f, c) in finals.iter_mut().zip(&last) {
            *f += *c as f64 / n as f64;
        }
        bar.set_position(r as u64 + 1);
    }
    bar.finish_and_clear();
    let shares = sums
        .into_iter()
        .map(|row| row.into_iter().map(|s| s / runs as f64).collect())
        .collect();
    let fixation = (0..k)
        .map(|s| Fixation {
            strategy: population.names[s].clone(),
            runs: fixed[s],
            probability: fixed[s] as f64 / runs as f64,
            ci95: crate::cli::totals::wilson(fixed[s], runs),
            neutral: start[s] as f64 / n as f64,
        })
        .collect();
    Ok(Evolution {
        shares,
        payoff: payoff.to_vec(),
        fixation: Some(fixation),
        unfixed,
        mean_steps: steps as f64 / runs as f64,
    })
}

/// What a player of each strategy scores against one of each other strategy: its mean score
/// per match, divided by the mean length of all the round robin's matches (so, points per
/// turn; for matches of a fixed length it is the score per turn). A match that ends early, in
/// an exchange or by chance, counts with the score it reached: the payoff of the repeated game.
pub fn payoff_table(
    workers: &Workers,
    setup: &Setup,
    strategies: &[Strategy],
    settings: &Settings,
    quiet: bool,
) -> Result<Vec<Vec<f64>>, InputError> {
    let k = strategies.len();
    let pairs = k * (k + 1) / 2;
    let bar = progress_bar((pairs * settings.matches as usize) as u64, "matches", quiet);
    let mut grid = crate::cli::tournament::MeanGrid::new(k);
    let (mut turns, mut matches) = (0u64, 0u64);
    crate::cli::tournament::play(
        workers,
        setup,
        strategies,
        settings.matches,
        settings.seed,
        |m| {
            grid.add(m.a, m.b, m.scores[0]);
            grid.add(m.b, m.a, m.scores[1]);
            turns += u64::from(m.turns);
            matches += 1;
        },
        |done| bar.set_position(done as u64),
    )?;
    bar.finish_and_clear();
    let mean_length = turns as f64 / matches.max(1) as f64;
    Ok(grid
        .means()
        .into_iter()
        .map(|row| row.into_iter().map(|v| v / mean_length.max(1.0)).collect())
        .collect())
}

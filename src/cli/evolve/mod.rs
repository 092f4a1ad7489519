//! `detente evolve`: which strategies spread in a population. Three standard dynamics on the
//! matches of a two-nation scenario: the ecological dynamics and the Moran process on the
//! payoff table of a round robin (`tournament::play`), and the Evolution of Trust's generations,
//! which play every generation's matches. Writes the shares per generation (`shares.csv`), a
//! stacked-area chart of them (`shares.svg`) and a summary (`evolve.json`).

pub mod dynamics;
pub mod generations;
mod output;
pub mod population;

pub use output::{EVOLVE_FILE, Fixation, Summary};

use super::options::{check_count, check_seeds, workers};
use super::output::{count, ensure_dir, progress_bar, say};
use super::tournament::noise_setting;
use super::{Dynamics, EvolveArgs, GameArgs, Setup};
use crate::sim::play::run::Workers;
use crate::sim::{InputError, Strategy};
use population::{Population, parse_population};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// The most generations, Moran runs and players a run takes.
const MAX_GENERATIONS: usize = 100_000;
const MAX_RUNS: usize = 1_000_000;
const MAX_PLAYERS: usize = 1000;

/// What the dynamics came to: the shares per generation and, for the Moran process, how its
/// runs ended.
pub struct Evolution {
    pub shares: Vec<Vec<f64>>,
    /// The payoff table the ecological and Moran dynamics ran on (`Payoffs`); empty for
    /// generations, which plays its matches.
    pub payoff: Vec<Vec<f64>>,
    pub fixation: Option<Vec<Fixation>>,
    /// Moran runs that reached the cap of generations without one strategy fixing.
    pub unfixed: usize,
    pub mean_steps: f64,
}

pub fn run(args: &EvolveArgs) -> Result<(), InputError> {
    let dynamics = args.dynamics;
    let whole = dynamics != Dynamics::Ecological;
    let population = parse_population(&args.strategies, args.population, whole)?;
    let mut set = args.set.clone();
    if let Some(noise) = args.noise {
        set.push(noise_setting(noise)?);
    }
    let setup = Setup::from_args(&GameArgs {
        scenario: args.scenario.clone(),
        turns: args.turns,
        continuation: args.continuation,
        set,
        ..Default::default()
    })?;
    if setup.rules.nation_count() != 2 {
        return Err(InputError::new(
            setup.rules.scenario.id.clone(),
            format!(
                "evolve plays two-nation matches; this scenario has {} nations",
                setup.rules.nation_count()
            ),
        ));
    }
    let settings = Settings::check(args, &population)?;
    let workers = workers(args.jobs)?;
    if let Some(dir) = &args.out {
        ensure_dir(dir)?;
    }
    say(format!(
        "{} on {}: {}, {}, matches of {} (noise {})",
        dynamics.title(),
        setup.rules.scenario.id,
        count(population.strategies.len() as u64, "strategy", "strategies"),
        match dynamics {
            Dynamics::Moran => format!(
                "{} of at most {}",
                count(settings.repetitions, "run", "runs"),
                count(settings.generations as u64, "generation", "generations")
            ),
            _ => count(settings.generations as u64, "generation", "generations"),
        },
        setup.length_words(),
        setup.rules.scenario.params.execution_noise,
    ));
    setup.header_lines().into_iter().for_each(say);
    let evolution = evolve(&workers, &setup, &population, &settings, args.quiet)?;
    output::print(&population, &evolution, dynamics);
    if let Some(dir) = &args.out {
        output::write(dir, &setup, args, &settings, &population, &evolution)?;
    }
    Ok(())
}

/// The checked settings of a run, with the defaults filled in.
pub struct Settings {
    pub dynamics: Dynamics,
    pub generations: usize,
    /// Moran runs.
    pub repetitions: u32,
    /// Matches per pair behind the payoff table.
    pub matches: u32,
    pub replace: usize,
    pub selection: f64,
    pub seed: u64,
}

impl Settings {
    /// Errors: a count out of range, `--replace` too large for the population, a selection
    /// outside [0, 1], or seeds that would pass `u64::MAX`.
    fn check(args: &EvolveArgs, p: &Population) -> Result<Settings, InputError> {
        let dynamics = args.dynamics;
        let generations = args.generations.unwrap_or(match dynamics {
            Dynamics::Moran => 10_000,
            _ => 50,
        });
        check_count("--generations", generations, MAX_GENERATIONS, "generations")?;
        let (repetitions, matches) = (args.repetitions, args.matches);
        let players = p.size() as usize;
        if dynamics != Dynamics::Ecological {
            check_count("--population", players, MAX_PLAYERS, "players")?;
            if players < 2 {
                return Err(InputError::new(
                    format!("--population {players}"),
                    "expected at least 2 players",
                ));
            }
        }
        match dynamics {
            Dynamics::Moran => {
                check_count("--repetitions", repetitions as usize, MAX_RUNS, "runs")?;
                if !(0.0..=1.0).contains(&args.selection) {
                    return Err(InputError::new(
                        format!("--selection {}", args.selection),
                        "expected an intensity of selection from 0 to 1",
                    ));
                }
            }
            Dynamics::Generations => {
                let most = players / 2;
                if args.replace == 0 || args.replace > most {
                    return Err(InputError::new(
                        format!("--replace {}", args.replace),
                        format!(
                            "a population of {players} can replace 1 to {most} players a generation \
                             (those removed and those copied must be different players)"
                        ),
                    ));
                }
                let matches = generations::matches_per_generation(players);
                check_seeds(generations * matches, args.seed, "matches")?;
            }
            Dynamics::Ecological => {}
        }
        if dynamics != Dynamics::Generations {
            check_count("--matches", matches as usize, 10_000, "matches per pair")?;
            check_seeds(matches as usize, args.seed, "matches per pair")?;
        }
        Ok(Settings {
            dynamics,
            generations,
            repetitions,
            matches,
            replace: args.replace,
            selection: args.selection,
            seed: args.seed,
        })
    }
}

impl Dynamics {
    pub fn title(self) -> &'static str {
        match self {
            Dynamics::Ecological => "Ecological dynamics",
            Dynamics::Moran => "Moran process",
            Dynamics::Generations => "Generations",
        }
    }
}

/// Runs the dynamics `settings` names on `population`.
pub fn evolve(
    workers: &Workers,
    setup: &Setup,
    population: &Population,
    settings: &Settings,
    quiet: bool,
) -> Result<Evolution, InputError> {
    let strategies = &population.strategies;
    if settings.dynamics == Dynamics::Generations {
        let bar = progress_bar(settings.generations as u64, "generations", quiet);
        let counts = generations::play(
            workers,
            setup,
            strategies,
            &population.counts(),
            settings.generations,
            settings.replace,
            settings.seed,
            |g| bar.set_position(g as u64),
        );
        bar.finish_and_clear();
        let n = population.size();
        return Ok(Evolution {
            shares: counts
                .iter()
                .map(|c| c.iter().map(|&k| k as f64 / n).collect())
                .collect(),
            payoff: Vec::new(),
            fixation: None,
            unfixed: 0,
            mean_steps: 0.0,
        });
    }
    let payoff = payoff_table(workers, setup, strategies, settings, quiet)?;
    let origin = || format!("--dynamics {}", settings.dynamics.name());
    if settings.dynamics == Dynamics::Ecological {
        let shares = dynamics::ecological(&payoff, &population.start, settings.generations)
            .map_err(|e| InputError::new(origin(), e))?;
        return Ok(Evolution {
            shares,
            payoff,
            fixation: None,
            unfixed: 0,
            mean_steps: 0.0,
        });
    }
    moran(&payoff, population, settings, quiet).map_err(|e| InputError::new(origin(), e))
}

/// The Moran runs: the mean share of each strategy over the runs after each generation (a run
/// that has fixed stays fixed), and each strategy's fixation probability.
fn moran(
    payoff: &[Vec<f64>],
    population: &Population,
    settings: &Settings,
    quiet: bool,
) -> Result<Evolution, String> {
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
    let mut grid = super::tournament::MeanGrid::new(k);
    let (mut turns, mut matches) = (0u64, 0u64);
    super::tournament::play(
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

impl Dynamics {
    pub fn name(self) -> &'static str {
        match self {
            Dynamics::Ecological => "ecological",
            Dynamics::Moran => "moran",
            Dynamics::Generations => "generations",
        }
    }
}

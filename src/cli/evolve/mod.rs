//! `detente evolve`: which strategies spread in a population. Three standard dynamics on the
//! matches of a two-nation scenario: the ecological dynamics and the Moran process on the
//! payoff table of a round robin (`tournament::play`), and the Evolution of Trust's generations,
//! which play every generation's matches. Writes the shares per generation (`shares.csv`), a
//! stacked-area chart of them (`shares.svg`) and a summary (`evolve.json`).

pub mod dynamics;
pub mod generations;
mod output;
pub mod population;
mod runs;
mod settings;
pub mod vary;

pub use output::{EVOLVE_FILE, Fixation, Summary};
pub use runs::payoff_table;
pub use settings::Settings;

use super::options::workers;
use super::output::{count, ensure_dir, progress_bar, say};
use super::setup::{CONTINUATION_KEY, MAX_TURNS};
use super::sweep::parse_vary;
use super::tournament::noise_setting;
use super::{Dynamics, EvolveArgs, GameArgs, Setup};
use crate::sim::InputError;
use crate::sim::play::run::Workers;
use population::{Population, parse_population};

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
    let varied = match &args.vary {
        Some(spec) => Some(parse_vary(spec)?),
        None => None,
    };
    // Varying the continuation, a match may last as long as with --continuation.
    let varies_continuation = varied.as_ref().is_some_and(|v| v.key == CONTINUATION_KEY);
    let game = GameArgs {
        scenario: args.scenario.clone(),
        turns: args.turns.or(varies_continuation.then_some(MAX_TURNS)),
        continuation: args.continuation,
        set,
        ..Default::default()
    };
    let setup = Setup::from_args(&game)?;
    if let Some(v) = &varied {
        vary::check_alone(v, args)?;
    }
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
    // Every value's setup is checked before anything runs or is written.
    let setups = match &varied {
        Some(v) => vary::setups(&game, v)?,
        None => Vec::new(),
    };
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
        if varies_continuation {
            format!("at most {} turns, the continuation varied", setup.turns)
        } else {
            setup.length_words()
        },
        setup.rules.scenario.params.execution_noise,
    ));
    setup.header_lines().into_iter().for_each(say);
    if let Some(note) = population.uneven_note() {
        say(format!("  note: {note}"));
    }
    if let Some(v) = &varied {
        let (swept, _) = vary::sweep(&workers, v, setups, &population, &settings, args.quiet)?;
        vary::print(&population, &swept);
        if let Some(dir) = &args.out {
            ensure_dir(dir)?;
            output::write_sweep(dir, &setup, args, &settings, &population, &swept)?;
        }
        return Ok(());
    }
    let evolution = evolve(&workers, &setup, &population, &settings, args.quiet)?;
    output::print(&population, &evolution, dynamics);
    if let Some(dir) = &args.out {
        ensure_dir(dir)?;
        output::write(dir, &setup, args, &settings, &population, &evolution)?;
    }
    Ok(())
}

/// The scenario's payoffs below 0, as `--set` keys with their values ("payoffs.s=-1,
/// payoffs.catastrophe=-100").
fn negative_payoffs(setup: &Setup) -> String {
    let p = &setup.rules.scenario.payoffs;
    let below: Vec<String> = [
        ("t", p.t),
        ("r", p.r),
        ("p", p.p),
        ("s", p.s),
        ("catastrophe", p.catastrophe),
    ]
    .iter()
    .filter(|(_, v)| *v < 0.0)
    .map(|(k, v)| format!("payoffs.{k}={v}"))
    .collect();
    if below.is_empty() {
        "none of its payoffs is below 0".to_string()
    } else {
        below.join(", ")
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
            .map_err(|u| {
                InputError::new(
                    origin(),
                    format!(
                        "in generation {} {} has fitness {:.3}, and the ecological dynamics need fitnesses above 0: raise the scores below 0 of this scenario with --set ({}), or use --dynamics generations",
                        u.generation,
                        population.names[u.strategy],
                        u.fitness,
                        negative_payoffs(setup)
                    ),
                )
            })?;
        return Ok(Evolution {
            shares,
            payoff,
            fixation: None,
            unfixed: 0,
            mean_steps: 0.0,
        });
    }
    runs::moran(&payoff, population, settings, quiet).map_err(|u| {
        InputError::new(
            origin(),
            format!(
                "{} has fitness {:.3}, below 0: give a smaller --selection, or raise the scores below 0 of this scenario with --set ({})",
                population.names[u.strategy],
                u.fitness,
                negative_payoffs(setup)
            ),
        )
    })
}

//! The settings of `detente evolve`, checked, with their defaults.

use super::generations;
use super::population::Population;
use crate::cli::options::{check_count, check_seeds};
use crate::cli::{Dynamics, EvolveArgs};
use crate::sim::InputError;

/// The most generations, Moran runs and players a run takes.
const MAX_GENERATIONS: usize = 100_000;
const MAX_RUNS: usize = 1_000_000;
const MAX_PLAYERS: usize = 1000;

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
    /// Errors: an option the dynamics do not use (`--replace` without generations, say), a
    /// count out of range, `--replace` too large for the population, a selection outside
    /// [0, 1], or seeds that would pass `u64::MAX`.
    pub fn check(args: &EvolveArgs, p: &Population) -> Result<Settings, InputError> {
        let dynamics = args.dynamics;
        let unused = |given: bool, flag: &str, uses: &str| {
            if given {
                Err(InputError::new(
                    flag.to_string(),
                    format!(
                        "--dynamics {} does not use it; it is for {uses}",
                        dynamics.name()
                    ),
                ))
            } else {
                Ok(())
            }
        };
        let moran = dynamics == Dynamics::Moran;
        let generations_loop = dynamics == Dynamics::Generations;
        unused(
            !moran && args.repetitions.is_some(),
            "--repetitions",
            "--dynamics moran",
        )?;
        unused(
            !moran && args.selection.is_some(),
            "--selection",
            "--dynamics moran",
        )?;
        unused(
            !generations_loop && args.replace.is_some(),
            "--replace",
            "--dynamics generations",
        )?;
        unused(
            generations_loop && args.matches.is_some(),
            "--matches",
            "the payoff table of ecological and moran (generations plays its own matches)",
        )?;
        unused(
            dynamics == Dynamics::Ecological && args.population.is_some(),
            "--population",
            "moran and generations (the ecological dynamics follow shares)",
        )?;
        let generations = args.generations.unwrap_or(match dynamics {
            Dynamics::Moran => 10_000,
            _ => 50,
        });
        check_count("--generations", generations, MAX_GENERATIONS, "generations")?;
        let repetitions = args.repetitions.unwrap_or(1000);
        let matches = args.matches.unwrap_or(5);
        let replace = args.replace.unwrap_or(5);
        let selection = args.selection.unwrap_or(1.0);
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
                if !(0.0..=1.0).contains(&selection) {
                    return Err(InputError::new(
                        format!("--selection {selection}"),
                        "expected an intensity of selection from 0 to 1",
                    ));
                }
            }
            Dynamics::Generations => {
                let most = players / 2;
                if replace == 0 || replace > most {
                    let room = match most {
                        0 => "none".to_string(),
                        1 => "only 1 player".to_string(),
                        m => format!("1 to {m} players"),
                    };
                    return Err(InputError::new(
                        format!("--replace {replace}"),
                        format!(
                            "a population of {players} can replace {room} a generation \
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
            replace,
            selection,
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

    pub fn name(self) -> &'static str {
        match self {
            Dynamics::Ecological => "ecological",
            Dynamics::Moran => "moran",
            Dynamics::Generations => "generations",
        }
    }
}

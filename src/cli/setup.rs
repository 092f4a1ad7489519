//! From command-line options to a ready match plan: load, override, check, assign strategies.

use super::GameArgs;
pub use crate::sim::archive::export::describe_controllers;
use crate::sim::play::state::Controller;
use crate::sim::scenario::catalog;
use crate::sim::scenario::fingerprint::files_hash;
use crate::sim::scenario::load::Loaded;
use crate::sim::scenario::overrides::apply_overrides;
use crate::sim::{InputError, Rules};

/// A scenario ready to play, with each nation's controller and the turn count, and what it was
/// made from (for the outputs' `made_with`).
pub struct Setup {
    pub rules: Rules,
    pub controllers: Vec<Controller>,
    pub turns: u32,
    /// The scenario as given on the command line (a name or a path).
    pub scenario_arg: String,
    /// The hash of the scenario's files (`fingerprint::files_hash`), before the `--set`s.
    pub scenario_hash: String,
    /// The `--set` changes, in order.
    pub set: Vec<String>,
    /// The file the scenario was read from ("built-in scenarios/reset_2013.ron" or a path).
    pub source: String,
}

impl Setup {
    /// Loads the scenario (`catalog::open`) and sets it up as `args` say.
    ///
    /// Errors: the scenario's, or a bad `--set`, `--ai` or `--turns`, naming the option.
    pub fn from_args(args: &GameArgs) -> Result<Setup, InputError> {
        let loaded = catalog::open(&args.scenario)?;
        Setup::of(&loaded, args)
    }

    /// Sets up a scenario already loaded (from `args.scenario`) as `args` say.
    pub fn of(loaded: &Loaded, args: &GameArgs) -> Result<Setup, InputError> {
        let scenario = apply_overrides(&loaded.scenario, &args.set)?;
        let scenario_hash = files_hash(loaded);
        let rules = Rules::new(scenario);
        let mut controllers = rules.default_controllers();
        for spec in &args.ai {
            rules.assign_ai(&mut controllers, spec)?;
        }
        let turns = match args.turns {
            Some(t) if !(1..=100_000).contains(&t) => {
                return Err(InputError::new(
                    format!("--turns {t}"),
                    "expected 1 to 100000 turns",
                ));
            }
            Some(t) => t,
            None => rules.scenario.turns,
        };
        Ok(Setup {
            rules,
            controllers,
            turns,
            scenario_arg: args.scenario.clone(),
            scenario_hash,
            set: args.set.clone(),
            source: loaded.file.path.clone(),
        })
    }

    /// The lines a command prints first, under its own: where the scenario was read from,
    /// and every `--set`.
    pub fn header_lines(&self) -> Vec<String> {
        let mut lines = vec![format!("  scenario file: {}", self.source)];
        lines.extend(self.set.iter().map(|s| format!("  --set {s}")));
        lines
    }

    /// `usa=tit_for_tat:realist`-style names of each nation's AI, for summaries.
    pub fn describe_controllers(&self) -> Vec<(String, String)> {
        describe_controllers(&self.rules, &self.controllers)
    }
}

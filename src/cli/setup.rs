//! From command-line options to a ready match plan: load, override, check, assign strategies.

use super::GameArgs;
use crate::sim::load::{load_scenario, resolve_scenario_path};
use crate::sim::overrides::apply_overrides;
use crate::sim::state::Controller;
use crate::sim::{InputError, Rules};

/// A scenario ready to play, with each nation's controller and the turn count.
pub struct Setup {
    pub rules: Rules,
    pub controllers: Vec<Controller>,
    pub turns: u32,
}

impl Setup {
    pub fn from_args(args: &GameArgs) -> Result<Setup, InputError> {
        let loaded = load_scenario(&resolve_scenario_path(&args.scenario)?)?;
        let scenario = apply_overrides(&loaded.scenario, &args.set)?;
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
        })
    }

    /// `usa=tit_for_tat:realist`-style names of each nation's AI, for summaries.
    pub fn describe_controllers(&self) -> Vec<(String, String)> {
        describe_controllers(&self.rules, &self.controllers)
    }
}

/// Each nation's id and who plays it (`tit_for_tat:realist`, or `human`).
pub fn describe_controllers(rules: &Rules, controllers: &[Controller]) -> Vec<(String, String)> {
    rules
        .scenario
        .nations
        .iter()
        .zip(controllers)
        .map(|(n, c)| {
            let who = match *c {
                Controller::Ai {
                    strategy,
                    personality,
                } => format!(
                    "{}:{}",
                    strategy.name(),
                    rules
                        .personalities
                        .get(personality)
                        .map_or("?", |p| p.name.as_str())
                ),
                Controller::Human => "human".into(),
            };
            (n.id.clone(), who)
        })
        .collect()
}

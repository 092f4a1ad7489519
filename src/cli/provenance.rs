//! How an output was made: everything needed to make it again, recorded in every output
//! (`simulate --json`, `batch`, `tournament`, `sweep`; saves keep theirs in the recording) and
//! shown in the report's lead.

use super::Setup;
use crate::sim::archive::save::DETENTE_VERSION;

pub use crate::sim::archive::export::MadeWith;

impl Setup {
    /// What made an output of `command` (`batch`, …) whose arguments, after the scenario, are
    /// `args` (the nations' AIs, turns and `--set` are added here).
    pub fn made_with(
        &self,
        command: &str,
        args: &[String],
        first_seed: u64,
        seeds: u64,
    ) -> MadeWith {
        // In a tournament or an evolve every entrant takes each seat in turn; a seat keeps only
        // its personality.
        let entrants = matches!(command, "tournament" | "evolve");
        let mut strategies = self.describe_controllers();
        if entrants {
            for (_, who) in strategies.iter_mut() {
                let personality = who.split_once(':').map_or("", |(_, p)| p).to_string();
                *who = format!("every entrant:{personality}");
            }
        }
        let mut words = vec![
            "detente".to_string(),
            command.to_string(),
            self.scenario_arg.clone(),
        ];
        words.extend(args.iter().cloned());
        words.extend(["--turns".to_string(), self.turns.to_string()]);
        if !entrants {
            for (nation, who) in &strategies {
                words.extend(["--ai".to_string(), format!("{nation}={who}")]);
            }
        }
        for set in &self.set {
            words.extend(["--set".to_string(), set.clone()]);
        }
        for opening in self.describe_openings() {
            words.extend(["--opening".to_string(), opening]);
        }
        MadeWith {
            detente: DETENTE_VERSION.to_string(),
            command: shell_words::join(&words),
            scenario: self.rules.scenario.id.clone(),
            scenario_title: self.rules.scenario.title.clone(),
            scenario_hash: self.scenario_hash.clone(),
            set: self.set.clone(),
            execution_noise: self.rules.scenario.params.execution_noise,
            continuation: self.rules.scenario.params.continuation,
            first_seed,
            seeds,
            turns: self.turns,
            strategies: strategies.into_iter().collect(),
        }
    }
}

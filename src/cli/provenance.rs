//! How an output was made: everything needed to make it again, recorded in every output
//! (`simulate --json`, `batch`, `tournament`, `sweep`; saves keep theirs in the recording) and
//! shown in the report's lead.

use super::Setup;
use super::setup::describe_controllers;
use crate::sim::Rules;
use crate::sim::fingerprint::scenario_hash;
use crate::sim::record::Recording;
use crate::sim::save::DETENTE_VERSION;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The `made_with` object of an output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MadeWith {
    /// The version of Détente that made the output.
    pub detente: String,
    /// The command that makes the same output again, quoted for a POSIX shell.
    pub command: String,
    pub scenario: String,
    pub scenario_title: String,
    /// The content hash of the scenario as it was read, before `set`: of its file and deck,
    /// layout aside (`fingerprint::files_hash`), for the commands; for a match exported from a
    /// save, of the scenario the save holds (`set` already applied). The same hash, the same
    /// scenario.
    pub scenario_hash: String,
    /// Every `--set KEY=VALUE` applied to it, in order.
    pub set: Vec<String>,
    /// The chance of an execution error (`params.execution_noise`), after `set`.
    pub execution_noise: f64,
    /// The seeds played: `first_seed`, `first_seed + 1`, … (`seeds` of them).
    pub first_seed: u64,
    pub seeds: u64,
    /// Turns per match.
    pub turns: u32,
    /// Each nation's AI, `strategy:personality` (the seats a tournament's entrants take turns in).
    pub strategies: BTreeMap<String, String>,
}

impl MadeWith {
    /// What made a match that was played (and saved): its recording. `command` says how the
    /// output was made from it ("detente replay FILE --json OUT").
    pub fn of_recording(recording: &Recording, command: &str) -> MadeWith {
        let rules = Rules::new(recording.scenario.clone());
        MadeWith {
            detente: DETENTE_VERSION.to_string(),
            command: command.to_string(),
            scenario: recording.scenario.id.clone(),
            scenario_title: recording.scenario.title.clone(),
            scenario_hash: scenario_hash(&recording.scenario),
            set: recording.set.clone(),
            execution_noise: recording.scenario.params.execution_noise,
            first_seed: recording.seed,
            seeds: 1,
            turns: recording.length,
            strategies: describe_controllers(&rules, &recording.seats)
                .into_iter()
                .collect(),
        }
    }
}

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
        let strategies = self.describe_controllers();
        let mut words = vec![
            "detente".to_string(),
            command.to_string(),
            self.scenario_arg.clone(),
        ];
        words.extend(args.iter().cloned());
        words.extend(["--turns".to_string(), self.turns.to_string()]);
        if command != "tournament" {
            for (nation, who) in &strategies {
                words.extend(["--ai".to_string(), format!("{nation}={who}")]);
            }
        }
        for set in &self.set {
            words.extend(["--set".to_string(), set.clone()]);
        }
        MadeWith {
            detente: DETENTE_VERSION.to_string(),
            command: shell_words::join(&words),
            scenario: self.rules.scenario.id.clone(),
            scenario_title: self.rules.scenario.title.clone(),
            scenario_hash: self.scenario_hash.clone(),
            set: self.set.clone(),
            execution_noise: self.rules.scenario.params.execution_noise,
            first_seed,
            seeds,
            turns: self.turns,
            strategies: strategies.into_iter().collect(),
        }
    }
}

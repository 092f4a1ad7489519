//! A match as the JSON document that `detente report` reads: what `simulate --json`, `replay
//! --json` and the facilitator's export write, with how it was made (`MadeWith`).

use crate::sim::Rules;
use crate::sim::archive::history::TurnRecord;
use crate::sim::archive::journal::Recording;
use crate::sim::archive::save::DETENTE_VERSION;
use crate::sim::archive::snapshot::MatchState;
use crate::sim::archive::tally::Tally;
use crate::sim::play::state::{Controller, Regime};
use crate::sim::scenario::fingerprint::scenario_hash;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The `--json` document.
#[derive(Serialize)]
pub struct GameReport<'a> {
    pub scenario: &'a str,
    pub title: &'a str,
    pub seed: u64,
    pub outcome: &'static str,
    pub turns: u32,
    pub strategies: BTreeMap<String, String>,
    pub scores: BTreeMap<String, f64>,
    pub misperception: Tally,
    pub made_with: MadeWith,
    pub history: &'a [TurnRecord],
}

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
    /// The chance that a match goes on after each turn (`params.continuation`), after `set`: 1
    /// for a match of fixed length (and in outputs of Détente before 0.7.0).
    #[serde(default = "fixed_length")]
    pub continuation: f64,
    /// The seeds played: `first_seed`, `first_seed + 1`, … (`seeds` of them).
    pub first_seed: u64,
    pub seeds: u64,
    /// Turns per match.
    pub turns: u32,
    /// Each nation's AI, `strategy:personality` (the seats a tournament's entrants take turns in).
    pub strategies: BTreeMap<String, String>,
}

fn fixed_length() -> f64 {
    1.0
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
            continuation: recording.scenario.params.continuation,
            first_seed: recording.seed,
            seeds: 1,
            turns: recording.length,
            strategies: describe_controllers(&rules, &recording.seats)
                .into_iter()
                .collect(),
        }
    }
}

/// A match in play (or saved) in the same `--json` form, for `detente report`. An unfinished
/// match's outcome is its regime so far. `command` says how it was made ("detente replay
/// FILE --json OUT").
pub fn match_json(
    rules: &Rules,
    state: &MatchState,
    recording: &Recording,
    command: &str,
) -> String {
    let controllers: Vec<Controller> = state.seats.0.iter().map(|s| s.controller).collect();
    let outcome = state
        .globals
        .outcome
        .or(state.globals.regimes.last().copied())
        .unwrap_or(Regime::Unsettled);
    let scores: Vec<f64> = state.nations.0.iter().map(|n| n.score).collect();
    json_of(
        rules,
        &controllers,
        state.rng.seed,
        outcome,
        state.globals.turn,
        &scores,
        state.tally,
        MadeWith::of_recording(recording, command),
        &state.history,
    )
}

pub fn json_of(
    rules: &Rules,
    controllers: &[Controller],
    seed: u64,
    outcome: Regime,
    turns: u32,
    scores: &[f64],
    tally: Tally,
    made_with: MadeWith,
    history: &[TurnRecord],
) -> String {
    let ids = rules.nation_ids();
    let report = GameReport {
        scenario: &rules.scenario.id,
        title: &rules.scenario.title,
        seed,
        outcome: outcome.name(),
        turns,
        strategies: describe_controllers(rules, controllers)
            .into_iter()
            .collect(),
        scores: ids
            .iter()
            .map(|id| id.to_string())
            .zip(scores.iter().copied())
            .collect(),
        misperception: tally,
        made_with,
        history,
    };
    let mut json = serde_json::to_string_pretty(&report).expect("a game report always serialises");
    json.push('\n');
    json
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

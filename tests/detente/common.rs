//! Helpers shared by the test modules: loading scenarios and running the binary.

use detente::cli::{GameArgs, Setup};
use detente::sim::{GameResult, Plan, Regime, run_games};
use std::path::PathBuf;
use std::process::{Command, Output};

pub fn scenario(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(format!("{name}.ron"))
        .display()
        .to_string()
}

/// A setup as the CLI would build it from `--ai` and `--set` options.
pub fn setup(name: &str, ai: &[&str], set: &[&str], turns: Option<u32>) -> Setup {
    let args = GameArgs {
        scenario: scenario(name),
        turns,
        ai: ai.iter().map(|s| s.to_string()).collect(),
        set: set.iter().map(|s| s.to_string()).collect(),
    };
    match Setup::from_args(&args) {
        Ok(s) => s,
        Err(e) => panic!("setup failed: {e}"),
    }
}

pub fn batch(setup: &Setup, games: usize, first_seed: u64) -> Vec<GameResult> {
    let plan = Plan {
        controllers: setup.controllers.clone(),
        turns: setup.turns,
        record: false,
        trajectories: 0,
    };
    let seeds: Vec<u64> = (first_seed..first_seed + games as u64).collect();
    run_games(&setup.rules, &plan, &seeds, |_| {})
}

pub fn share(results: &[GameResult], regimes: &[Regime]) -> f64 {
    results
        .iter()
        .filter(|g| regimes.contains(&g.outcome))
        .count() as f64
        / results.len() as f64
}

/// Runs the `detente` binary with these arguments.
pub fn detente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .output()
        .expect("the detente binary runs")
}

pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

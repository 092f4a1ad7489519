//! Helpers shared by the test modules: loading scenarios and running the binary.

use detente::cli::{GameArgs, Setup};
use detente::sim::{GameResult, Plan, Regime, Workers, run_games};
use std::path::PathBuf;
use std::process::{Command, Output};

pub fn scenario(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(format!("{name}.ron"))
        .display()
        .to_string()
}

/// The four shipped scenarios with nuclear arms (all but the prisoner's dilemma).
pub const NUCLEAR: [&str; 4] = [
    "reset_2013",
    "cold_war_1962",
    "multipolar_2030",
    "nuclear_club_2026",
];

/// A setup as the CLI would build it from `--ai` and `--set` options.
pub fn setup(name: &str, ai: &[&str], set: &[&str], turns: Option<u32>) -> Setup {
    let args = GameArgs {
        continuation: None,
        opening: Vec::new(),
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
        openings: Vec::new(),
    };
    let seeds: Vec<u64> = (first_seed..first_seed + games as u64).collect();
    run_games(
        &Workers::new(None).unwrap(),
        &setup.rules,
        &plan,
        &seeds,
        |_| {},
    )
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

/// A scratch folder of a test's own, removed when the test ends, pass or fail.
pub struct Scratch(tempfile::TempDir);

impl std::ops::Deref for Scratch {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        self.0.path()
    }
}

impl AsRef<std::path::Path> for Scratch {
    fn as_ref(&self) -> &std::path::Path {
        self.0.path()
    }
}

pub fn temp_dir(name: &str) -> Scratch {
    Scratch(
        tempfile::Builder::new()
            .prefix(&format!("detente-test-{name}-"))
            .tempdir()
            .expect("temp dir"),
    )
}

/// Every file below `dir`.
pub fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// A file in a scratch folder, which lives as long as it does.
pub struct ScratchFile {
    pub path: PathBuf,
    /// Holds the folder until the file is dropped.
    _dir: Scratch,
}

impl std::ops::Deref for ScratchFile {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.path
    }
}

impl AsRef<std::path::Path> for ScratchFile {
    fn as_ref(&self) -> &std::path::Path {
        &self.path
    }
}

/// A folder `folder` holding a copy of the shipped scenario `name` as `file` and of the
/// standard deck, each edited by `(from, to)` pairs (each `from` must be there). Returns the
/// scenario's path (the folder lasts as long as it).
pub fn edited_copy(
    name: &str,
    folder: &str,
    file: &str,
    scenario_edits: &[(&str, &str)],
    deck_edits: &[(&str, &str)],
) -> ScratchFile {
    let dir = temp_dir(folder);
    std::fs::create_dir_all(dir.join("decks")).unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let edit = |text: String, edits: &[(&str, &str)]| {
        edits.iter().fold(text, |t, (from, to)| {
            assert!(t.contains(from), "{from:?} is in the file");
            t.replacen(from, to, 1)
        })
    };
    let deck = edit(
        std::fs::read_to_string(root.join("decks/standard.ron")).unwrap(),
        deck_edits,
    );
    std::fs::write(dir.join("decks/standard.ron"), deck).unwrap();
    let text = edit(
        std::fs::read_to_string(root.join(format!("{name}.ron"))).unwrap(),
        scenario_edits,
    );
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    ScratchFile { path, _dir: dir }
}

/// Runs `detente ARGS`, expects exit code 2 and an error (no panic), and returns stderr.
pub fn fails(args: &[&str]) -> String {
    let out = detente(args);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
    assert!(stderr.starts_with("error"), "starts with error: {stderr}");
    stderr
}

/// Runs `detente ARGS`, expects success and returns stdout.
pub fn succeeds(args: &[&str]) -> String {
    let out = detente(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// The 1-based line of `path` on which `needle` first appears.
pub fn line_of(path: &std::path::Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

/// Every figure `detente docs-figures` computes (the docs' experiments, 1000 games each), run
/// once for all the tests that read them.
pub fn figures() -> &'static std::collections::BTreeMap<String, String> {
    static FIGURES: std::sync::OnceLock<std::collections::BTreeMap<String, String>> =
        std::sync::OnceLock::new();
    FIGURES.get_or_init(|| match detente::cli::figures::compute(|_, _| {}) {
        Ok(f) => f,
        Err(e) => panic!("the docs' experiments failed: {e}"),
    })
}

/// A share figure (`43.4%`) as a fraction, or an interval (`40.4–46.5%`) as its two ends.
pub fn figure(id: &str) -> f64 {
    interval(id)[0]
}

pub fn interval(id: &str) -> [f64; 2] {
    let Some(text) = figures().get(id) else {
        panic!("no figure {id}");
    };
    let numbers: Vec<f64> = text
        .trim_end_matches('%')
        .split('–')
        .map(|n| n.parse::<f64>().unwrap_or(f64::NAN) / 100.0)
        .collect();
    [numbers[0], *numbers.last().unwrap()]
}

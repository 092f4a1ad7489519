//! `detente bench`: the figures behind the speed and memory targets, measured and printed.

use super::{BatchArgs, GameArgs, Setup};
use crate::sim::InputError;
use std::time::Instant;

/// Runs the very command a user runs, `detente batch SCENARIO --games N --out DIR`, first (so
/// the process's peak memory so far is the batch's), then the classroom tools' targets.
pub fn run(scenario: &str, games: usize) -> Result<(), InputError> {
    let dir = std::env::temp_dir().join(format!("detente-bench-batch-{}", std::process::id()));
    let args = BatchArgs {
        game: GameArgs {
            continuation: None,
            opening: Vec::new(),
            scenario: scenario.to_string(),
            turns: None,
            ai: Vec::new(),
            set: Vec::new(),
        },
        games,
        seed: 1,
        out: Some(dir.clone()),
        jobs: None,
        quiet: true,
    };
    let threads = super::options::workers(None)?.threads();
    super::output::say(format!(
        "bench: detente batch {scenario} --games {games} --out {} --quiet, on {threads} threads",
        dir.display()
    ));
    let start = Instant::now();
    let result = super::batch::run(&args);
    let elapsed = start.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&dir);
    result?;
    super::output::say(format!("  wall time        {elapsed:.3} s"));
    super::output::say(format!("  games per second {:.0}", games as f64 / elapsed));
    match peak_memory_mib("self") {
        Some(mib) => super::output::say(format!(
            "  peak memory      {mib:.1} MiB (VmHWM: the whole process so far)"
        )),
        None => super::output::say("  peak memory      unknown (no /proc/self/status)"),
    }
    classroom()
}

/// The classroom tools' targets: a round robin of the twelve textbook strategies, 200 turns, 100 repetitions
/// (under 1 s), and a sweep of 11 values × 1000 games of reset_2013 (under 5 s).
fn classroom() -> Result<(), InputError> {
    let pd = Setup::from_args(&GameArgs {
        continuation: None,
        opening: Vec::new(),
        scenario: "prisoners_dilemma".into(),
        turns: Some(200),
        ai: Vec::new(),
        set: Vec::new(),
    })?;
    let all = super::tournament::parse_strategies(super::figures::TEXTBOOK)?;
    let workers = super::options::workers(None)?;
    let start = Instant::now();
    let t = super::tournament::play(&workers, &pd, &all, 100, 1, |_| {}, |_| {})?;
    super::output::say(format!(
        "bench: tournament of the {} textbook strategies, {} matches of 200 turns (target under 1 s)",
        all.len(),
        t.matches
    ));
    super::output::say(format!(
        "  wall time        {:.3} s",
        start.elapsed().as_secs_f64()
    ));
    let reciprocal = |transparency: f64| {
        Setup::from_args(&GameArgs {
            continuation: None,
            opening: Vec::new(),
            scenario: "reset_2013".into(),
            turns: None,
            ai: vec!["usa=tit_for_tat".into(), "rus=tit_for_tat".into()],
            set: vec![format!("transparency={transparency}")],
        })
    };
    let grid: Vec<Vec<f64>> = (0..=10).map(|k| vec![f64::from(k) * 10.0]).collect();
    let start = Instant::now();
    let points: Vec<super::sweep::Point> =
        super::sweep::play_points(&workers, &grid, |k| reciprocal(grid[k][0]), 1, 1000, |_| {})
            .into_iter()
            .collect::<Result<_, _>>()?;
    super::output::say(format!(
        "bench: sweep of transparency over {} values × 1000 games of reset_2013 (target under 5 s)",
        points.len()
    ));
    super::output::say(format!(
        "  wall time        {:.3} s",
        start.elapsed().as_secs_f64()
    ));
    super::output::say(format!(
        "  MAS share        {:.1}% at transparency 0, {:.1}% at 100",
        points[0].shares[0] * 100.0,
        points[points.len() - 1].shares[0] * 100.0
    ));
    if let Some(mib) = peak_memory_mib("self") {
        super::output::say(format!(
            "  peak memory      {mib:.1} MiB (VmHWM, whole bench)"
        ));
    }
    saves()
}

/// Saving, loading and replaying whole matches: how big a save is and how long each step takes
/// (a load replays the match to check it, so it is the slowest).
fn saves() -> Result<(), InputError> {
    for (scenario, turns) in [("reset_2013", None), ("prisoners_dilemma", Some(200))] {
        let setup = Setup::from_args(&GameArgs {
            continuation: None,
            opening: Vec::new(),
            scenario: scenario.into(),
            turns,
            ai: Vec::new(),
            set: Vec::new(),
        })?;
        let result = crate::sim::run_one(&setup.rules, setup.controllers.clone(), setup.turns, 1);
        let save = super::simulate::save_game(&setup, &result, 1)?;
        let dir = std::env::temp_dir().join(format!("detente-bench-{}", std::process::id()));
        let path = dir.join("bench.ron");
        let start = Instant::now();
        save.write(&path)?;
        let written = start.elapsed().as_secs_f64();
        let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        let start = Instant::now();
        let (loaded, _) = crate::sim::archive::save::load(&path)?;
        let loading = start.elapsed().as_secs_f64();
        let _ = std::fs::remove_dir_all(&dir);
        super::output::say(format!(
            "bench: save of a {}-turn match of {scenario}: {:.0} KiB",
            loaded.recording.turns.len(),
            bytes as f64 / 1024.0
        ));
        super::output::say(format!(
            "  write            {:.1} ms (temporary, backup, rename)",
            written * 1e3
        ));
        super::output::say(format!(
            "  load             {:.1} ms (parse, hash, replay, compare)",
            loading * 1e3
        ));
    }
    super::bench_evolve::run()
}

/// Peak resident memory (VmHWM) of process `pid` ("self" for this one), in MiB, from Linux's
/// `/proc/PID/status`.
pub(super) fn peak_memory_mib(pid: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

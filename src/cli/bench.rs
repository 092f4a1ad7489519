//! `detente bench`: the figures behind the speed and memory targets, measured and printed.

use super::{GameArgs, Setup};
use crate::sim::{InputError, Plan, Regime, run_games};
use std::time::Instant;

pub fn run(scenario: &str, games: usize) -> Result<(), InputError> {
    let args = GameArgs {
        scenario: scenario.to_string(),
        turns: None,
        ai: Vec::new(),
        set: Vec::new(),
    };
    let setup = Setup::from_args(&args)?;
    let plan = Plan {
        controllers: setup.controllers.clone(),
        turns: setup.turns,
        record: false,
    };
    let seeds: Vec<u64> = (1..=games as u64).collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "bench: batch of {games} games of {} ({} turns each) on {threads} threads",
        setup.rules.scenario.id, setup.turns
    );
    let start = Instant::now();
    let results = run_games(&setup.rules, &plan, &seeds, |_| {});
    let elapsed = start.elapsed().as_secs_f64();
    let turns: u64 = results.iter().map(|g| u64::from(g.turns)).sum();
    let mas = results.iter().filter(|g| g.outcome == Regime::Mas).count();
    println!("  wall time        {elapsed:.3} s");
    println!("  games per second {:.0}", games as f64 / elapsed);
    println!("  turns per second {:.0}", turns as f64 / elapsed);
    match peak_memory_mib() {
        Some(mib) => println!("  peak memory      {mib:.1} MiB (VmHWM)"),
        None => println!("  peak memory      unknown (no /proc/self/status)"),
    }
    println!(
        "  MAS share        {:.1}% (a sanity check, not a target)",
        100.0 * mas as f64 / games.max(1) as f64
    );
    Ok(())
}

/// Peak resident memory of this process, from Linux's `/proc/self/status`.
fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

//! `detente bench`, the classroom science: the commands a teacher runs, each as its own
//! process, so that the wall time includes start-up (loading the scenario, starting the
//! threads) as the teacher sees it.

use super::output::say;
use crate::sim::InputError;
use std::process::{Command, Stdio};
use std::time::Instant;

/// The three runs the targets name: (what, target in seconds, the command's arguments).
const RUNS: [(&str, f64, &[&str]); 3] = [
    (
        "tournament of the 9 classic strategies, 200 turns, 20 repetitions",
        0.030,
        &[
            "tournament",
            "prisoners_dilemma",
            "--strategies",
            "classic",
            "--turns",
            "200",
            "--repetitions",
            "20",
            "--quiet",
        ],
    ),
    (
        "evolve --dynamics moran, the 9 classic strategies, population 20, 1000 runs",
        2.0,
        &[
            "evolve",
            "prisoners_dilemma",
            "--dynamics",
            "moran",
            "--strategies",
            "classic",
            "--population",
            "20",
            "--repetitions",
            "1000",
            "--quiet",
        ],
    ),
    (
        "evolve --dynamics generations, 25 players, 100 generations of 10-round matches",
        1.0,
        &[
            "evolve",
            "evolution_of_trust",
            "--dynamics",
            "generations",
            "--generations",
            "100",
            "--quiet",
        ],
    ),
];

/// Times each run 7 times (as `detente …` from this very binary) and prints the median and the
/// fastest, against its target.
pub fn run() -> Result<(), InputError> {
    let me = std::env::current_exe()
        .map_err(|e| InputError::new("bench", format!("cannot find this program: {e}")))?;
    for (what, target, args) in RUNS {
        let mut times = Vec::new();
        for _ in 0..7 {
            let start = Instant::now();
            let status = Command::new(&me)
                .args(args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map_err(|e| InputError::new("bench", format!("cannot run detente: {e}")))?;
            times.push(start.elapsed().as_secs_f64());
            if !status.success() {
                return Err(InputError::new(
                    "bench",
                    format!("`detente {}` failed ({status})", args.join(" ")),
                ));
            }
        }
        times.sort_by(f64::total_cmp);
        say(format!(
            "bench: {what}, as its own process (target under {})",
            seconds(target)
        ));
        say(format!("  command          detente {}", args.join(" ")));
        say(format!(
            "  wall time        median {}, fastest {} (7 runs, start-up included)",
            seconds(times[3]),
            seconds(times[0])
        ));
    }
    Ok(())
}

/// "28 ms" below a second, "1.42 s" above.
fn seconds(s: f64) -> String {
    if s < 1.0 {
        format!("{:.0} ms", s * 1000.0)
    } else {
        format!("{s:.2} s")
    }
}

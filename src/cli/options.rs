//! Checks of the options every run shares: counts, seeds and worker threads, made before the
//! first game so that a bad value fails at once, with its limit, and writes nothing.

use crate::sim::{InputError, Workers};

/// Checks a count from the command line (`--games 0`): 1 to `most`, in `unit`s.
pub fn check_count(flag: &str, count: usize, most: usize, unit: &str) -> Result<(), InputError> {
    if (1..=most).contains(&count) {
        Ok(())
    } else {
        Err(InputError::new(
            format!("{flag} {count}"),
            format!("expected 1 to {most} {unit}"),
        ))
    }
}

/// Checks that the seeds `seed`, `seed + 1`, … of `games` (at least 1) `unit`s do not pass the
/// largest seed, `u64::MAX`.
pub fn check_seeds(games: usize, seed: u64, unit: &str) -> Result<(), InputError> {
    let games = games.max(1);
    if seed.checked_add(games as u64 - 1).is_none() {
        return Err(InputError::new(
            format!("--seed {seed}"),
            format!(
                "with {games} {unit} the last seed would pass {}; expected a first seed of at most {}",
                u64::MAX,
                u64::MAX - (games as u64 - 1)
            ),
        ));
    }
    Ok(())
}

/// The worker threads for a run: `--jobs` of them (checked), or one per core.
pub fn workers(jobs: Option<usize>) -> Result<Workers, InputError> {
    /// Far more threads than any classroom computer has cores, and few enough to start.
    const MAX_JOBS: usize = 256;
    let flag = || jobs.map_or("the worker threads".to_string(), |j| format!("--jobs {j}"));
    if let Some(jobs) = jobs
        && !(1..=MAX_JOBS).contains(&jobs)
    {
        return Err(InputError::new(
            flag(),
            format!("expected 1 to {MAX_JOBS} threads"),
        ));
    }
    Workers::new(jobs).map_err(|e| {
        InputError::new(
            flag(),
            format!("the system would not start the threads ({e}); try fewer with --jobs"),
        )
    })
}

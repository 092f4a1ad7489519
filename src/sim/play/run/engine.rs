//! The engine of every run: worker threads take chunks of matches in turn, each chunk in one
//! world with one pass of each turn system per turn, and the calling thread hands the results
//! on in order.

use super::{FinalState, GameResult, Plan, new_match, sim_world};
use crate::sim::archive::bands::Trajectory;
use crate::sim::archive::history::History;
use crate::sim::archive::tally::Tally;
use crate::sim::play::rules::Rules;
use crate::sim::play::state::{
    Clock, Controller, ExchangeRisk, GameId, Nations, Regime, RegimeHistory, Relations, Seats,
};
use crate::sim::play::strategy::Stance;
use crate::sim::play::turn::Turn;
use bevy::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// Worker threads for runs: 0 means one per core.
static WORKERS: AtomicUsize = AtomicUsize::new(0);

/// Caps the worker threads of every later run (`--jobs`); 0 restores one per core.
pub fn set_workers(n: usize) {
    WORKERS.store(n, Ordering::Relaxed);
}

/// The worker threads a run uses (`--jobs`, or one per core).
pub fn workers() -> usize {
    match WORKERS.load(Ordering::Relaxed) {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}

/// Matches per world at a time: enough to amortise each system pass, few enough to keep memory
/// flat and progress reports frequent.
const CHUNK: usize = 1000;

/// The most game-turns a chunk holds at once: long matches go in smaller chunks, so that the
/// memory of a chunk (each match remembers every turn's stances) does not grow with `--turns`.
const CHUNK_TURNS: usize = 200_000;

/// The matches per chunk for matches of `turns` turns: `CHUNK`, or fewer for long ones.
fn chunk_size(turns: u32) -> usize {
    (CHUNK_TURNS / turns.max(1) as usize).clamp(1, CHUNK)
}

/// As `stream_games`, on the calling thread only (for callers that share out whole runs between
/// threads themselves). `progress` gets the matches finished so far.
pub fn stream_on_this_thread(
    rules: &Rules,
    plan: &Plan,
    first_seed: u64,
    count: usize,
    mut each: impl FnMut(GameResult),
    mut progress: impl FnMut(usize),
) {
    let mut world = sim_world(rules.clone());
    let mut done = 0;
    let chunk = chunk_size(plan.turns);
    for first in (0..count).step_by(chunk) {
        let seeds: Vec<u64> = (first..count.min(first + chunk))
            .map(|k| first_seed.wrapping_add(k as u64))
            .collect();
        for g in run_chunk(&mut world, rules, plan, &|_| None, first, &seeds, |_| {}) {
            each(g);
        }
        done += seeds.len();
        progress(done);
    }
}

/// What a worker tells the calling thread.
enum Report {
    /// One more turn of this many matches is done.
    Progress(usize),
    /// The results of the chunk that starts at this game.
    Done(usize, Vec<GameResult>),
}

/// Who plays game `k` of a run, when it is not `Plan::controllers` (a tournament's pairings).
pub type Lineup<'a> = &'a (dyn Fn(usize) -> Option<Vec<Controller>> + Sync);

/// The engine of every run: game `k` (0-based, `GameResult::index`) is played on `seed(k)`, by
/// `lineup(k)` or else `plan.controllers`. Worker threads take chunks of `chunk_size` games in turn,
/// and the calling thread hands each result to `each` in the order of `k`, as soon as it and
/// every game before it are done. A worker waits rather than run more than two chunks a
/// worker ahead of those handed on, so only a few chunks' results are ever held in memory,
/// however slow one chunk is. `progress` gets the matches' worth of turns done so far.
pub fn stream_matches(
    rules: &Rules,
    plan: &Plan,
    count: usize,
    seed: &(dyn Fn(usize) -> u64 + Sync),
    lineup: Lineup,
    mut each: impl FnMut(GameResult),
    mut progress: impl FnMut(usize),
) {
    let chunk = chunk_size(plan.turns);
    let chunks = count.div_ceil(chunk);
    let workers = workers().min(chunks).max(1);
    let next = AtomicUsize::new(0);
    // Chunks handed on to `each` so far, and the signal that more were.
    let handed = (Mutex::new(0usize), Condvar::new());
    let ahead = 2 * workers;
    let (tx, rx) = mpsc::channel::<Report>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (tx, next, handed) = (tx.clone(), &next, &handed);
            scope.spawn(move || {
                let mut world = sim_world(rules.clone());
                loop {
                    let c = next.fetch_add(1, Ordering::Relaxed);
                    if c >= chunks {
                        break;
                    }
                    let (lock, more) = handed;
                    let mut done = lock.lock().unwrap_or_else(|e| e.into_inner());
                    while c >= *done + ahead {
                        done = more.wait(done).unwrap_or_else(|e| e.into_inner());
                    }
                    drop(done);
                    let first = c * chunk;
                    let seeds: Vec<u64> = (first..count.min(first + chunk)).map(seed).collect();
                    let done = run_chunk(&mut world, rules, plan, lineup, first, &seeds, |games| {
                        let _ = tx.send(Report::Progress(games));
                    });
                    let _ = tx.send(Report::Done(first, done));
                }
            });
        }
        drop(tx);
        // Chunks finish out of order; each waits here until those before it are handed on.
        let mut waiting: BTreeMap<usize, Vec<GameResult>> = BTreeMap::new();
        let mut next_first = 0;
        let mut turns_done = 0;
        for report in rx {
            match report {
                Report::Progress(games) => turns_done += games,
                Report::Done(first, chunk) => {
                    waiting.insert(first, chunk);
                    while let Some(chunk) = waiting.remove(&next_first) {
                        next_first += chunk.len().max(1);
                        chunk.into_iter().for_each(&mut each);
                        let (lock, more) = &handed;
                        *lock.lock().unwrap_or_else(|e| e.into_inner()) += 1;
                        more.notify_all();
                    }
                }
            }
            progress(turns_done / plan.turns.max(1) as usize);
        }
    });
}

/// Spawns a chunk of matches into `world`, plays them to the end and takes them out again.
fn run_chunk(
    world: &mut World,
    rules: &Rules,
    plan: &Plan,
    lineup: Lineup,
    first: usize,
    seeds: &[u64],
    turn_done: impl Fn(usize),
) -> Vec<GameResult> {
    for (k, &seed) in seeds.iter().enumerate() {
        let index = first + k;
        let bundle = match lineup(index) {
            Some(controllers) => {
                let own = Plan {
                    controllers,
                    ..plan.clone()
                };
                new_match(rules, &own, index, seed)
            }
            None => new_match(rules, plan, index, seed),
        };
        let mut game = world.spawn(bundle);
        if plan.record {
            game.insert(History::default());
        }
        if index < plan.trajectories {
            game.insert(Trajectory::default());
        }
    }
    for _ in 0..plan.turns {
        world.run_schedule(Turn);
        turn_done(seeds.len());
    }
    collect_results(world)
}

/// Takes every match out of the world, in the order they were spawned.
fn collect_results(world: &mut World) -> Vec<GameResult> {
    let mut query = world.query::<(
        Entity,
        &GameId,
        &Nations,
        &Relations,
        (&Clock, &ExchangeRisk, &RegimeHistory),
        &Tally,
        Option<&History>,
        Option<&Trajectory>,
        &Seats,
    )>();
    let mut results: Vec<(Entity, GameResult)> = query
        .iter(world)
        .map(
            |(
                entity,
                id,
                nations,
                relations,
                (clock, risk, regimes),
                tally,
                history,
                trajectory,
                seats,
            )| {
                let n = nations.0.len() as f64;
                let result = GameResult {
                    index: id.index,
                    seed: id.seed,
                    outcome: clock.outcome.unwrap_or(Regime::Unsettled),
                    turns: clock.turn,
                    scores: nations.0.iter().map(|n| n.score).collect(),
                    cooperation: seats
                        .0
                        .iter()
                        .map(|seat| {
                            let c = seat
                                .mine
                                .iter()
                                .filter(|&&s| s == Stance::Cooperate)
                                .count();
                            c as f64 / seat.mine.len().max(1) as f64
                        })
                        .collect(),
                    final_state: FinalState {
                        mean_trust: relations.mean_trust(),
                        min_trust: relations.min_trust(),
                        mean_transparency: relations.mean_transparency(),
                        mean_arms: nations.0.iter().map(|n| n.arms).sum::<f64>() / n,
                        risk: risk.chance,
                        mas_turns: regimes
                            .regimes
                            .iter()
                            .filter(|&&r| r == Regime::Mas)
                            .count() as u32,
                    },
                    tally: *tally,
                    history: history.map(|h| h.0.clone()),
                    trajectory: trajectory.map(|t| t.0.clone()),
                };
                (entity, result)
            },
        )
        .collect();
    results.sort_by_key(|(_, r)| r.index);
    for (entity, _) in &results {
        world.despawn(*entity);
    }
    // Despawning records each removed component for `RemovedComponents` readers; an app clears
    // those records each frame, but a run never updates its app, so clear them here or they
    // grow with every game (about 300 bytes a game).
    world.clear_trackers();
    results.into_iter().map(|(_, r)| r).collect()
}

//! The engine of every run: the worker threads take chunks of matches in turn, each chunk in
//! one world with one pass of each turn system per turn, and the calling thread hands the
//! results on in order.

use super::workers::Workers;
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
use std::sync::Mutex;

/// Matches per world at a time: enough to amortise each system pass, few enough to keep memory
/// flat and progress reports frequent.
const CHUNK: usize = 1000;

/// How many turns a chunk plays between two reports of its progress.
const PROGRESS_EVERY: usize = 10;

/// The fewest matches a chunk of a small run holds, so that a world's set-up stays small beside
/// its matches.
const MIN_CHUNK: usize = 50;

/// The most game-turns a chunk holds at once: long matches go in smaller chunks, so that the
/// memory of a chunk (each match remembers every turn's stances) does not grow with `--turns`.
const CHUNK_TURNS: usize = 200_000;

/// The matches per chunk for matches of at most `plan.turns` turns: `CHUNK`, or fewer for long
/// ones (by their mean length, when a match ends by chance: `params.continuation`).
fn chunk_size(rules: &Rules, plan: &Plan) -> usize {
    let mean = super::mean_length(plan.turns, rules.scenario.params.continuation);
    (CHUNK_TURNS / (mean.ceil() as usize).max(1)).clamp(1, CHUNK)
}

/// As `stream_games`, on the calling thread only: for a job of the worker threads that is a whole
/// run (a sweep's point), and for `run_one`. `progress` gets the matches finished so far.
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
    let chunk = chunk_size(rules, plan);
    for first in (0..count).step_by(chunk) {
        let seeds: Vec<u64> = (first..count.min(first + chunk))
            .map(|k| first_seed.wrapping_add(k as u64))
            .collect();
        for g in run_chunk(&mut world, rules, plan, &|_| None, first, &seeds, &|_| {}) {
            each(g);
        }
        done += seeds.len();
        progress(done);
    }
}

/// Who plays game `k` of a run, when it is not `Plan::controllers` (a tournament's pairings).
pub type Lineup<'a> = &'a (dyn Fn(usize) -> Option<Vec<Controller>> + Sync);

/// The engine of every run: game `k` (0-based, `GameResult::index`) is played on `seed(k)`, by
/// `lineup(k)` or else `plan.controllers`. The worker threads take chunks of `chunk_size` games
/// (each chunk in one world, reused), and each result reaches `each` on the calling thread in
/// the order of `k`, as soon as it and every game before it are done. No more than two chunks a
/// thread are under way beyond those handed on, so only a few chunks' results are ever held in
/// memory, however slow one chunk is. `progress` gets the matches' worth of turns done so far.
pub fn stream_matches(
    workers: &Workers,
    rules: &Rules,
    plan: &Plan,
    count: usize,
    seed: &(dyn Fn(usize) -> u64 + Sync),
    lineup: Lineup,
    mut each: impl FnMut(GameResult),
    mut progress: impl FnMut(usize),
) {
    // A run smaller than a chunk a thread is split so that every thread has some of it, in
    // chunks of at least `MIN_CHUNK` matches; the chunks, not the threads, fix the results.
    let chunk = chunk_size(rules, plan)
        .min(count.div_ceil(workers.threads()).max(MIN_CHUNK))
        .max(1);
    let chunks = count.div_ceil(chunk);
    // Worlds not in use, for the next chunk to take rather than build its own.
    let spare: Mutex<Vec<World>> = Mutex::new(Vec::new());
    let mut turns_done = 0;
    workers.in_order(
        chunks,
        2 * workers.threads(),
        |c, turn_done| {
            let taken = spare.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let mut world = taken.unwrap_or_else(|| sim_world(rules.clone()));
            let first = c * chunk;
            let seeds: Vec<u64> = (first..count.min(first + chunk)).map(seed).collect();
            let results = run_chunk(&mut world, rules, plan, lineup, first, &seeds, turn_done);
            spare.lock().unwrap_or_else(|e| e.into_inner()).push(world);
            results
        },
        |results| results.into_iter().for_each(&mut each),
        |games| {
            turns_done += games;
            progress(turns_done / plan.turns.max(1) as usize);
        },
    );
}

/// Spawns a chunk of matches into `world`, plays them to the end and takes them out again.
fn run_chunk(
    world: &mut World,
    rules: &Rules,
    plan: &Plan,
    lineup: Lineup,
    first: usize,
    seeds: &[u64],
    turn_done: &dyn Fn(usize),
) -> Vec<GameResult> {
    let mut longest = 0;
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
        // The match's length, drawn in `new_match`.
        longest = longest.max(game.get::<Clock>().map_or(plan.turns, |c| c.turns));
        if plan.record {
            game.insert(History::default());
        }
        if index < plan.trajectories {
            game.insert(Trajectory::default());
        }
    }
    // Every match is over after the longest one's turns (`match_length`); the progress still
    // counts the turns the plan allows, so that it reaches its total.
    // Progress is told every `PROGRESS_EVERY` turns, each report being a message to the
    // calling thread.
    let mut untold = 0;
    for _ in 0..longest {
        world.run_schedule(Turn);
        untold += 1;
        if untold == PROGRESS_EVERY {
            turn_done(seeds.len() * untold);
            untold = 0;
        }
    }
    turn_done(seeds.len() * (untold + (plan.turns - longest) as usize));
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

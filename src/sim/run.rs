//! Running matches headless: many matches share one world and advance together, one pass of each
//! turn system per turn; chunks keep memory flat and report progress.

use super::history::{BandPoint, History, Tally, Trajectory, TurnRecord};
use super::log::TurnLog;
use super::rules::Rules;
use super::state::{
    Controller, Diplomacy, GameId, GameRng, Globals, NationState, Nations, Orders, Perceptions,
    Regime, RelationState, Relations, Seat, Seats,
};
use super::strategy::Stance;
use super::turn::{SimPlugin, Turn, turn_schedule};
use bevy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// What every match of a run shares besides the rules.
#[derive(Debug, Clone)]
pub struct Plan {
    pub controllers: Vec<Controller>,
    pub turns: u32,
    /// Keep every turn's record (for `--json` and `--csv`); off for large batches.
    pub record: bool,
    /// Keep the trajectory (`history::Trajectory`: four numbers a turn) of the games whose index
    /// is below this: what a batch's trajectory bands need, without the records.
    pub trajectories: usize,
}

/// A finished match.
#[derive(Debug, Clone)]
pub struct GameResult {
    pub index: usize,
    pub seed: u64,
    pub outcome: Regime,
    pub turns: u32,
    pub scores: Vec<f64>,
    /// Each nation's share of turns it cooperated (its executed stance).
    pub cooperation: Vec<f64>,
    pub final_state: FinalState,
    pub tally: Tally,
    pub history: Option<Vec<TurnRecord>>,
    pub trajectory: Option<Vec<BandPoint>>,
}

/// The closing numbers of a match, for tables and sweeps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FinalState {
    pub mean_trust: f64,
    pub min_trust: f64,
    pub mean_transparency: f64,
    pub mean_arms: f64,
    pub risk: f64,
    pub mas_turns: u32,
}

/// The components of one match at its start.
pub fn new_match(rules: &Rules, plan: &Plan, index: usize, seed: u64) -> impl Bundle + use<> {
    let sc = &rules.scenario;
    let n = sc.nations.len();
    let nations = sc
        .nations
        .iter()
        .map(|s| NationState {
            arms: s.arms,
            alert: s.alert,
            missile_defense: s.missile_defense,
            budget: s.budget,
            approval: s.approval,
            score: 0.0,
        })
        .collect();
    let mut cells = Vec::with_capacity(n * n);
    for i in 0..n {
        for j in 0..n {
            let pair = sc
                .relations
                .pairs
                .iter()
                .find(|p| p.from == sc.nations[i].id && p.to == sc.nations[j].id);
            cells.push(RelationState {
                trust: pair.and_then(|p| p.trust).unwrap_or(sc.relations.trust),
                transparency: pair
                    .and_then(|p| p.transparency)
                    .unwrap_or(sc.relations.transparency),
                belief: sc.nations[j].arms,
                hotline: pair.is_some_and(|p| p.hotline),
            });
        }
    }
    let seats = plan
        .controllers
        .iter()
        .map(|&controller| Seat {
            controller,
            mine: Vec::with_capacity(plan.turns as usize),
            theirs: Vec::with_capacity(plan.turns as usize),
        })
        .collect();
    let total_arms = sc.nations.iter().map(|n| n.arms).sum();
    (
        GameId { index, seed },
        GameRng(ChaCha8Rng::seed_from_u64(seed)),
        Nations(nations),
        Relations { n, cells },
        Diplomacy::default(),
        Globals {
            turn: 0,
            turns: plan.turns,
            threats: sc.threats,
            risk: 0.0,
            exchange: false,
            regimes: Vec::with_capacity(plan.turns as usize),
            arms_totals: vec![total_arms],
            last_joint_action: None,
            outcome: None,
        },
        (
            Seats(seats),
            Orders::default(),
            Perceptions::default(),
            TurnLog::default(),
            Tally::default(),
        ),
    )
}

/// A headless app with the turn schedule, ready for matches to be spawned into its world and
/// for the session's plugins (which need the app's main schedule and messages).
pub fn sim_app(rules: Rules) -> App {
    let mut app = App::new();
    app.add_plugins(SimPlugin);
    app.insert_resource(rules);
    app
}

/// A bare world with the rules and the turn schedule, for runs that only advance matches. It
/// leaves out the app's type registry, whose start-up touches every reflected type in the
/// binary (some 25 MB of a desktop build's pages, for nothing a run uses).
pub fn sim_world(rules: Rules) -> World {
    let mut world = World::new();
    world.insert_resource(rules);
    world.add_schedule(turn_schedule());
    world
}

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

/// Plays a match for each seed. Chunks of `CHUNK` matches share one world and one pass of each
/// system per turn; one worker thread per core takes chunks in turn. `progress` is called on
/// the calling thread with the number of matches' worth of turns done so far. Results come back
/// in seed order, whatever the number of threads.
pub fn run_games(
    rules: &Rules,
    plan: &Plan,
    seeds: &[u64],
    progress: impl FnMut(usize),
) -> Vec<GameResult> {
    let mut results = Vec::with_capacity(seeds.len());
    stream_matches(
        rules,
        plan,
        seeds.len(),
        &|k| seeds[k],
        &|_| None,
        |g| results.push(g),
        progress,
    );
    results
}

/// Plays `count` matches on the seeds `first_seed`, `first_seed + 1`, … (which the caller has
/// checked do not pass `u64::MAX`) and hands each result to `each`, in seed order, as soon as
/// it and every one before it are done. A run of any length holds only the results of the
/// chunks under way, so its memory stays flat as `count` grows. `progress` as for `run_games`.
pub fn stream_games(
    rules: &Rules,
    plan: &Plan,
    first_seed: u64,
    count: usize,
    each: impl FnMut(GameResult),
    progress: impl FnMut(usize),
) {
    let seed = move |k: usize| first_seed.wrapping_add(k as u64);
    stream_matches(rules, plan, count, &seed, &|_| None, each, progress);
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
    for first in (0..count).step_by(CHUNK) {
        let seeds: Vec<u64> = (first..count.min(first + CHUNK))
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
/// `lineup(k)` or else `plan.controllers`. Worker threads take chunks of `CHUNK` games in turn,
/// and the calling thread hands each result to `each` in the order of `k`, as soon as it and
/// every game before it are done; only the chunks under way are held in memory. `progress`
/// gets the matches' worth of turns done so far.
pub fn stream_matches(
    rules: &Rules,
    plan: &Plan,
    count: usize,
    seed: &(dyn Fn(usize) -> u64 + Sync),
    lineup: Lineup,
    mut each: impl FnMut(GameResult),
    mut progress: impl FnMut(usize),
) {
    let chunks = count.div_ceil(CHUNK);
    let workers = workers().min(chunks).max(1);
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<Report>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (tx, next) = (tx.clone(), &next);
            scope.spawn(move || {
                let mut world = sim_world(rules.clone());
                loop {
                    let c = next.fetch_add(1, Ordering::Relaxed);
                    if c >= chunks {
                        break;
                    }
                    let first = c * CHUNK;
                    let seeds: Vec<u64> = (first..count.min(first + CHUNK)).map(seed).collect();
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

/// Plays one match and returns it with its full history.
pub fn run_one(rules: &Rules, controllers: Vec<Controller>, turns: u32, seed: u64) -> GameResult {
    let plan = Plan {
        controllers,
        turns,
        record: true,
        trajectories: 0,
    };
    run_games(rules, &plan, &[seed], |_| {}).remove(0)
}

/// Takes every match out of the world, in the order they were spawned.
fn collect_results(world: &mut World) -> Vec<GameResult> {
    let mut query = world.query::<(
        Entity,
        &GameId,
        &Nations,
        &Relations,
        &Globals,
        &Tally,
        Option<&History>,
        Option<&Trajectory>,
        &Seats,
    )>();
    let mut results: Vec<(Entity, GameResult)> = query
        .iter(world)
        .map(
            |(entity, id, nations, relations, globals, tally, history, trajectory, seats)| {
                let n = nations.0.len() as f64;
                let result = GameResult {
                    index: id.index,
                    seed: id.seed,
                    outcome: globals.outcome.unwrap_or(Regime::Unsettled),
                    turns: globals.turn,
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
                        risk: globals.risk,
                        mas_turns: globals
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

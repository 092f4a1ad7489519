//! Running matches headless: many matches share one world and advance together, one pass of each
//! turn system per turn; chunks keep memory flat and report progress.

use crate::sim::archive::bands::BandPoint;
use crate::sim::archive::history::TurnRecord;
use crate::sim::archive::tally::Tally;
use crate::sim::play::log::TurnLog;
use crate::sim::play::rules::Rules;
use crate::sim::play::state::{
    Clock, Controller, Diplomacy, ExchangeRisk, GameId, GameRng, NationState, Nations, Orders,
    Perceptions, Regime, RegimeHistory, RelationState, Relations, Seat, Seats, SharedThreats,
};
use crate::sim::play::turn::{SimPlugin, turn_schedule};
use bevy::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod engine;
mod workers;

pub use engine::{Lineup, stream_matches, stream_on_this_thread};
pub use workers::Workers;

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
    /// A move per nation that it makes on the first turn whoever plays it (`--opening`); its
    /// strategy plays on from the second. Empty: none.
    pub openings: Vec<Option<crate::sim::scenario::MoveIndex>>,
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

/// Room reserved at the start for a match's per-turn memories: its length, up to a point (a
/// long match grows them as it goes).
fn reserve(turns: u32) -> usize {
    (turns as usize).min(256)
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
    let mut relations = Relations { n, cells };
    // An agreement in force at the start was signed just before it: its parties have the trust
    // that signing gives.
    for t in &rules.opening_treaties {
        let bonus = sc.moves[t.move_index]
            .proposes
            .as_ref()
            .map_or(0.0, |a| a.trust_bonus);
        crate::sim::play::rules::grant_signing_trust(&mut relations, t.parties, bonus);
    }
    let seats = plan
        .controllers
        .iter()
        .map(|&controller| Seat {
            controller,
            tests: Vec::new(),
            home: None,
            mine: Vec::with_capacity(reserve(plan.turns)),
            theirs: Vec::with_capacity(reserve(plan.turns)),
        })
        .collect();
    let total_arms = sc.nations.iter().map(|n| n.arms).sum();
    (
        GameId { index, seed },
        GameRng(ChaCha8Rng::seed_from_u64(seed)),
        Nations(nations),
        relations,
        Diplomacy {
            treaties: rules.opening_treaties.clone(),
            ..Default::default()
        },
        (
            Clock {
                turn: 0,
                turns: match_length(rules, plan.turns, seed),
                outcome: None,
            },
            SharedThreats {
                levels: sc.threats,
                last_joint_action: None,
            },
            ExchangeRisk::default(),
            RegimeHistory {
                regimes: Vec::with_capacity(reserve(plan.turns)),
                arms_totals: vec![total_arms],
            },
        ),
        (
            Seats(seats),
            Orders {
                moves: plan.openings.clone(),
                ..Default::default()
            },
            Perceptions::default(),
            TurnLog::default(),
            Tally::default(),
        ),
    )
}

/// How many turns the match on `seed` lasts, at most `turns`: with `params.continuation` W
/// below 1, after each turn it goes on with probability W (the shadow of the future: a
/// repeated game of continuation probability W, Axelrod 1984 ch. 1; its mean length is
/// 1/(1-W) when `turns` is large). The draws come from stream 1 of a generator seeded with the
/// match's seed, kept for them alone: every other draw of the match is as it would be without
/// continuation, so a match with it is the same match cut short.
pub fn match_length(rules: &Rules, turns: u32, seed: u64) -> u32 {
    let w = rules.scenario.params.continuation;
    if w >= 1.0 {
        return turns;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(1);
    let mut length = 1;
    while length < turns && rng.random_bool(w) {
        length += 1;
    }
    length.min(turns)
}

/// The mean length of a match of at most `turns` turns that goes on after each turn with
/// probability `w` (`match_length`): the mean of min(L, turns) for L geometric, (1 − wⁿ)/(1 − w)
/// for n = `turns`; `turns` itself for w = 1.
pub fn mean_length(turns: u32, w: f64) -> f64 {
    if w >= 1.0 {
        return f64::from(turns);
    }
    (1.0 - w.powf(f64::from(turns))) / (1.0 - w)
}

/// The moves open to each nation on the first turn (`rules::available_moves` in the starting
/// state): what `--opening` may force.
pub fn open_at_start(rules: &Rules) -> Vec<Vec<crate::sim::scenario::MoveIndex>> {
    let plan = Plan {
        controllers: rules.default_controllers(),
        turns: 1,
        record: false,
        trajectories: 0,
        openings: Vec::new(),
    };
    let mut world = World::new();
    let e = world.spawn(new_match(rules, &plan, 0, 0)).id();
    let (Some(n), Some(r), Some(d), Some(t)) = (
        world.get::<Nations>(e),
        world.get::<Relations>(e),
        world.get::<Diplomacy>(e),
        world.get::<SharedThreats>(e),
    ) else {
        return Vec::new();
    };
    (0..rules.nation_count())
        .map(|i| crate::sim::play::rules::available_moves(rules, i, n, r, d, t))
        .collect()
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

/// Plays a match for each seed. Chunks of matches (`engine::chunk_size`) share one world and one pass of each
/// system per turn; the worker threads take chunks in turn. `progress` is called on the calling
/// thread with the number of matches' worth of turns done so far. Results come back in seed
/// order, whatever the number of threads.
pub fn run_games(
    workers: &Workers,
    rules: &Rules,
    plan: &Plan,
    seeds: &[u64],
    progress: impl FnMut(usize),
) -> Vec<GameResult> {
    let mut results = Vec::with_capacity(seeds.len());
    stream_matches(
        workers,
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
    workers: &Workers,
    rules: &Rules,
    plan: &Plan,
    first_seed: u64,
    count: usize,
    each: impl FnMut(GameResult),
    progress: impl FnMut(usize),
) {
    let seed = move |k: usize| first_seed.wrapping_add(k as u64);
    stream_matches(
        workers,
        rules,
        plan,
        count,
        &seed,
        &|_| None,
        each,
        progress,
    );
}

/// Plays one match and returns it with its full history.
pub fn run_one(rules: &Rules, controllers: Vec<Controller>, turns: u32, seed: u64) -> GameResult {
    let plan = Plan {
        controllers,
        turns,
        record: true,
        trajectories: 0,
        openings: Vec::new(),
    };
    run_plan(rules, &plan, seed)
}

/// As `run_one`, for any plan (its openings too).
pub fn run_plan(rules: &Rules, plan: &Plan, seed: u64) -> GameResult {
    let mut result = None;
    stream_on_this_thread(rules, plan, seed, 1, |g| result = Some(g), |_| {});
    result.expect("one match was played")
}

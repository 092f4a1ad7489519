//! Running matches headless: many matches share one world and advance together, one pass of each
//! turn system per turn; chunks keep memory flat and report progress.

use super::history::{History, Tally, TurnRecord};
use super::log::TurnLog;
use super::rules::Rules;
use super::state::{
    Controller, Diplomacy, GameId, GameRng, Globals, NationState, Nations, Orders, Perceptions,
    Regime, RelationState, Relations, Seat, Seats,
};
use super::turn::{SimPlugin, Turn};
use bevy::app::TaskPoolPlugin;
use bevy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// What every match of a run shares besides the rules.
#[derive(Debug, Clone)]
pub struct Plan {
    pub controllers: Vec<Controller>,
    pub turns: u32,
    /// Keep every turn's record (for `--json` and `--csv`); off for large batches.
    pub record: bool,
}

/// A finished match.
#[derive(Debug, Clone)]
pub struct GameResult {
    pub index: usize,
    pub seed: u64,
    pub outcome: Regime,
    pub turns: u32,
    pub scores: Vec<f64>,
    pub final_state: FinalState,
    pub tally: Tally,
    pub history: Option<Vec<TurnRecord>>,
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

/// A headless app with the turn schedule, ready for matches to be spawned into its world.
pub fn sim_app(rules: Rules) -> App {
    let mut app = App::new();
    app.add_plugins((TaskPoolPlugin::default(), SimPlugin));
    app.insert_resource(rules);
    app
}

/// Matches per world: enough to amortise each system pass, few enough to keep memory flat.
const CHUNK: usize = 2500;

/// Plays a match for each seed, `CHUNK` at a time in one world; calls `progress` with the
/// number of matches' worth of turns done so far, after every turn. Results come back in seed
/// order.
pub fn run_games(
    rules: &Rules,
    plan: &Plan,
    seeds: &[u64],
    mut progress: impl FnMut(usize),
) -> Vec<GameResult> {
    let mut results = Vec::with_capacity(seeds.len());
    let mut app = sim_app(rules.clone());
    for (c, chunk) in seeds.chunks(CHUNK).enumerate() {
        let world = app.world_mut();
        for (k, &seed) in chunk.iter().enumerate() {
            let mut game = world.spawn(new_match(rules, plan, c * CHUNK + k, seed));
            if plan.record {
                game.insert(History::default());
            }
        }
        let done = results.len();
        for t in 1..=plan.turns {
            world.run_schedule(Turn);
            progress(done + chunk.len() * t as usize / plan.turns.max(1) as usize);
        }
        results.extend(collect_results(world));
    }
    results
}

/// Plays one match and returns it with its full history.
pub fn run_one(rules: &Rules, controllers: Vec<Controller>, turns: u32, seed: u64) -> GameResult {
    let plan = Plan {
        controllers,
        turns,
        record: true,
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
    )>();
    let mut results: Vec<(Entity, GameResult)> = query
        .iter(world)
        .map(
            |(entity, id, nations, relations, globals, tally, history)| {
                let n = nations.0.len() as f64;
                let result = GameResult {
                    index: id.index,
                    seed: id.seed,
                    outcome: globals.outcome.unwrap_or(Regime::Unsettled),
                    turns: globals.turn,
                    scores: nations.0.iter().map(|n| n.score).collect(),
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
                };
                (entity, result)
            },
        )
        .collect();
    results.sort_by_key(|(_, r)| r.index);
    for (entity, _) in &results {
        world.despawn(*entity);
    }
    results.into_iter().map(|(_, r)| r).collect()
}

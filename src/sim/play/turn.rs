//! The turn schedule: one thin system per stage, in an explicit order, each one pass over every
//! unfinished match in the world (one query, `Game`), calling the stage's pure rule. The stages
//! form one chain, so the schedule runs on a single-threaded executor; batches get their
//! parallelism from one world per chunk of matches under way on the worker threads (`run/`).

use crate::sim::archive::bands::{Trajectory, band_point};
use crate::sim::archive::history::{History, record_turn_of};
use crate::sim::archive::tally::Tally;
use crate::sim::play::log::TurnLog;
use crate::sim::play::rules::{self as rule, Affected, Rules};
use crate::sim::play::state::GameRng;
use crate::sim::play::state::{
    Clock, Diplomacy, ExchangeRisk, Nations, Orders, Perceptions, RegimeHistory, Relations, Seats,
    SharedThreats,
};
use bevy::ecs::query::QueryData;
use bevy::ecs::schedule::{ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;
use rand_chacha::ChaCha8Rng;

/// Resolves one turn of every match in the world. Run it with `world.run_schedule(Turn)`; it is
/// never run per frame.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct Turn;

/// The stages of a turn, in the order DESIGN.md gives; configured once, in `SimPlugin`.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TurnStage {
    Choose,
    Perceive,
    Apply,
    Trust,
    Arms,
    Transparency,
    Events,
    Risk,
    Regime,
    Outcome,
    Record,
}

/// The rules, headless: adds the `Turn` schedule and its systems. Needs a `Rules` resource.
pub struct SimPlugin;

impl Plugin for SimPlugin {
    fn build(&self, app: &mut App) {
        app.add_schedule(turn_schedule());
    }
}

/// The `Turn` schedule with its stages in order: what `SimPlugin` adds to an app, and what a
/// run adds to a bare `World` (`run::sim_world`).
pub fn turn_schedule() -> Schedule {
    use TurnStage::*;
    let mut schedule = Schedule::new(Turn);
    schedule.set_executor(SingleThreadedExecutor::new());
    schedule.configure_sets(
        (
            Choose,
            Perceive,
            Apply,
            Trust,
            Arms,
            Transparency,
            Events,
            Risk,
            Regime,
            Outcome,
            Record,
        )
            .chain(),
    );
    schedule.add_systems((
        choose_moves.in_set(Choose),
        perceive_moves.in_set(Perceive),
        apply_moves.in_set(Apply),
        update_trust.in_set(Trust),
        run_arms_race.in_set(Arms),
        update_transparency.in_set(Transparency),
        draw_events.in_set(Events),
        assess_risk.in_set(Risk),
        classify_regime.in_set(Regime),
        end_turns.in_set(Outcome),
        record_turns.in_set(Record),
    ));
    schedule
}

/// One match's components, as every stage's system takes them: one query for all of them,
/// each stage borrowing what its rule reads and writes.
#[derive(QueryData)]
#[query_data(mutable)]
struct Game {
    seats: &'static mut Seats,
    nations: &'static mut Nations,
    relations: &'static mut Relations,
    diplomacy: &'static mut Diplomacy,
    clock: &'static mut Clock,
    threats: &'static mut SharedThreats,
    risk: &'static mut ExchangeRisk,
    regimes: &'static mut RegimeHistory,
    perceptions: &'static mut Perceptions,
    orders: &'static mut Orders,
    log: &'static mut TurnLog,
    rng: &'static mut GameRng,
}

/// Runs `stage` on every match that is not over.
fn each_unfinished(games: &mut Query<Game>, mut stage: impl FnMut(&mut GameItem)) {
    for mut game in games.iter_mut() {
        if !game.clock.finished() {
            stage(&mut game);
        }
    }
}

/// The parts of a match that moves and events may change, beside the orders and the random
/// stream that drive them.
fn affected<'a>(g: &'a mut GameItem) -> (Affected<'a>, &'a Orders, &'a mut ChaCha8Rng) {
    let world = Affected {
        turn: g.clock.turn,
        nations: &mut g.nations,
        relations: &mut g.relations,
        diplomacy: &mut g.diplomacy,
        threats: &mut g.threats,
        seats: &mut g.seats,
        risk: &mut g.risk,
        log: &mut g.log,
    };
    (world, &g.orders, &mut g.rng.0)
}

fn choose_moves(rules: Res<Rules>, mut games: Query<Game>) {
    each_unfinished(&mut games, |g| {
        g.log.0.clear();
        rule::choose_orders(
            &rules,
            &mut g.seats,
            &g.nations,
            &g.relations,
            &g.diplomacy,
            &g.threats,
            &g.perceptions,
            &mut g.orders,
            &mut g.log,
            rules.known_length(&g.clock),
            &mut g.rng.0,
        );
    });
}

fn perceive_moves(rules: Res<Rules>, mut games: Query<Game>) {
    each_unfinished(&mut games, |g| {
        rule::perceive_moves(
            &rules,
            &g.orders,
            &g.nations,
            &mut g.relations,
            &mut g.seats,
            &mut g.perceptions,
            &mut g.log,
            &mut g.rng.0,
        );
    });
}

fn apply_moves(rules: Res<Rules>, mut games: Query<Game>) {
    each_unfinished(&mut games, |g| {
        let (mut world, orders, _) = affected(g);
        rule::apply_moves(&rules, orders, &mut world);
    });
}

fn update_trust(rules: Res<Rules>, mut games: Query<Game>) {
    each_unfinished(&mut games, |g| {
        rule::update_trust(&rules, &g.perceptions, &g.diplomacy, &mut g.relations);
    });
}

fn run_arms_race(rules: Res<Rules>, mut games: Query<Game>) {
    if !rules.stages.arms {
        return;
    }
    each_unfinished(&mut games, |g| {
        rule::run_arms_race(
            &rules,
            &mut g.nations,
            &mut g.relations,
            &mut g.diplomacy,
            &mut g.log,
            &mut g.rng.0,
        );
    });
}

fn update_transparency(rules: Res<Rules>, mut games: Query<Game>) {
    each_unfinished(&mut games, |g| {
        rule::update_transparency(&rules, &g.diplomacy, &mut g.relations);
    });
}

fn draw_events(rules: Res<Rules>, mut games: Query<Game>) {
    each_unfinished(&mut games, |g| {
        let (mut world, orders, rng) = affected(g);
        rule::draw_events(&rules, &orders.injected, &mut world, rng);
    });
}

fn assess_risk(rules: Res<Rules>, mut games: Query<Game>) {
    each_unfinished(&mut games, |g| {
        rule::assess_risk(
            &rules,
            &g.nations,
            &g.relations,
            &g.diplomacy,
            &mut g.risk,
            &mut g.log,
            &mut g.rng.0,
        );
    });
}

fn classify_regime(rules: Res<Rules>, mut games: Query<Game>) {
    each_unfinished(&mut games, |g| {
        rule::classify_regime(
            &rules,
            &g.nations,
            &g.relations,
            &g.diplomacy,
            &g.clock,
            &g.threats,
            &g.risk,
            &mut g.regimes,
        );
    });
}

fn end_turns(rules: Res<Rules>, mut games: Query<Game>) {
    each_unfinished(&mut games, |g| {
        rule::end_turn(&rules, &g.regimes, &mut g.nations, &mut g.clock);
    });
}

/// Counts what was misread, appends the turn to recorded histories, and clears the orders.
fn record_turns(
    rules: Res<Rules>,
    mut games: Query<(
        &mut Orders,
        &TurnLog,
        &Nations,
        &Relations,
        &Diplomacy,
        (&Clock, &SharedThreats, &ExchangeRisk, &RegimeHistory),
        &mut Tally,
        Option<&mut History>,
        Option<&mut Trajectory>,
    )>,
) {
    games.iter_mut().for_each(
        |(
            mut orders,
            log,
            nations,
            relations,
            diplomacy,
            (clock, threats, risk, regimes),
            mut tally,
            history,
            trajectory,
        )| {
            if tally.turns == clock.turn {
                return;
            }
            tally.count(&rules, &orders, log);
            tally.turns = clock.turn;
            if let Some(mut history) = history {
                let record = record_turn_of(
                    &rules, &orders, log, nations, relations, diplomacy, clock, threats, risk,
                    regimes,
                );
                history.0.push(record);
            }
            if let Some(mut trajectory) = trajectory {
                trajectory.0.push(band_point(nations, relations, risk));
            }
            orders.moves.iter_mut().for_each(|m| *m = None);
            orders.answers.clear();
            orders.injected.clear();
        },
    );
}

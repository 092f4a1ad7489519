//! The turn schedule: one thin system per stage, in an explicit order, each one pass over every
//! unfinished match in the world, calling the stage's pure rule. The stages form one chain, so
//! the schedule runs on a single-threaded executor; batches get their parallelism from one world
//! per core (`run.rs`).

use super::history::{History, Tally, Trajectory, band_point, record_turn_of};
use super::log::TurnLog;
use super::rules::{self as rule, Rules};
use super::state::GameRng;
use super::state::{Diplomacy, Globals, Nations, Orders, Perceptions, Relations, Seats};
use bevy::ecs::schedule::{ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;

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
        record_turns.in_set(Record),
    ));
    schedule
}

fn choose_moves(
    rules: Res<Rules>,
    mut games: Query<(
        &mut Seats,
        &Nations,
        &Relations,
        &Diplomacy,
        &Globals,
        &Perceptions,
        &mut Orders,
        &mut TurnLog,
        &mut GameRng,
    )>,
) {
    games.iter_mut().for_each(
        |(
            mut seats,
            nations,
            relations,
            diplomacy,
            globals,
            perceptions,
            mut orders,
            mut log,
            mut rng,
        )| {
            if globals.finished() {
                return;
            }
            log.0.clear();
            rule::choose_orders(
                &rules,
                &mut seats,
                nations,
                relations,
                diplomacy,
                globals,
                perceptions,
                &mut orders,
                &mut log,
                &mut rng.0,
            );
        },
    );
}

fn perceive_moves(
    rules: Res<Rules>,
    mut games: Query<(
        &Orders,
        &Nations,
        &mut Relations,
        &mut Seats,
        &mut Perceptions,
        &mut TurnLog,
        &mut GameRng,
        &Globals,
    )>,
) {
    games.iter_mut().for_each(
        |(
            orders,
            nations,
            mut relations,
            mut seats,
            mut perceptions,
            mut log,
            mut rng,
            globals,
        )| {
            if globals.finished() {
                return;
            }
            rule::perceive_moves(
                &rules,
                orders,
                nations,
                &mut relations,
                &mut seats,
                &mut perceptions,
                &mut log,
                &mut rng.0,
            );
        },
    );
}

fn apply_moves(
    rules: Res<Rules>,
    mut games: Query<(
        &Orders,
        &mut Nations,
        &mut Relations,
        &mut Diplomacy,
        &mut Globals,
        &mut TurnLog,
    )>,
) {
    games.iter_mut().for_each(
        |(orders, mut nations, mut relations, mut diplomacy, mut globals, mut log)| {
            if globals.finished() {
                return;
            }
            rule::apply_moves(
                &rules,
                orders,
                &mut nations,
                &mut relations,
                &mut diplomacy,
                &mut globals,
                &mut log,
            );
        },
    );
}

fn update_trust(
    rules: Res<Rules>,
    mut games: Query<(&Perceptions, &Diplomacy, &mut Relations, &Globals)>,
) {
    games
        .iter_mut()
        .for_each(|(perceptions, diplomacy, mut relations, globals)| {
            if !globals.finished() {
                rule::update_trust(&rules, perceptions, diplomacy, &mut relations);
            }
        });
}

fn run_arms_race(
    rules: Res<Rules>,
    mut games: Query<(
        &mut Nations,
        &mut Relations,
        &mut Diplomacy,
        &Globals,
        &mut TurnLog,
        &mut GameRng,
    )>,
) {
    games.iter_mut().for_each(
        |(mut nations, mut relations, mut diplomacy, globals, mut log, mut rng)| {
            if !globals.finished() {
                rule::run_arms_race(
                    &rules,
                    &mut nations,
                    &mut relations,
                    &mut diplomacy,
                    &mut log,
                    &mut rng.0,
                );
            }
        },
    );
}

fn update_transparency(
    rules: Res<Rules>,
    mut games: Query<(&Diplomacy, &mut Relations, &Globals)>,
) {
    games
        .iter_mut()
        .for_each(|(diplomacy, mut relations, globals)| {
            if !globals.finished() {
                rule::update_transparency(&rules, diplomacy, &mut relations);
            }
        });
}

fn draw_events(
    rules: Res<Rules>,
    mut games: Query<(
        &Orders,
        &mut Nations,
        &mut Relations,
        &mut Diplomacy,
        &mut Globals,
        &mut TurnLog,
        &mut GameRng,
    )>,
) {
    games.iter_mut().for_each(
        |(orders, mut nations, mut relations, mut diplomacy, mut globals, mut log, mut rng)| {
            if !globals.finished() {
                rule::draw_events(
                    &rules,
                    &orders.injected,
                    &mut nations,
                    &mut relations,
                    &mut diplomacy,
                    &mut globals,
                    &mut log,
                    &mut rng.0,
                );
            }
        },
    );
}

fn assess_risk(
    rules: Res<Rules>,
    mut games: Query<(
        &Nations,
        &Relations,
        &Diplomacy,
        &mut Globals,
        &mut TurnLog,
        &mut GameRng,
    )>,
) {
    games.iter_mut().for_each(
        |(nations, relations, diplomacy, mut globals, mut log, mut rng)| {
            if !globals.finished() {
                rule::assess_risk(
                    &rules,
                    nations,
                    relations,
                    diplomacy,
                    &mut globals,
                    &mut log,
                    &mut rng.0,
                );
            }
        },
    );
}

fn classify_regime(rules: Res<Rules>, mut games: Query<(&mut Nations, &Relations, &mut Globals)>) {
    games
        .iter_mut()
        .for_each(|(mut nations, relations, mut globals)| {
            if !globals.finished() {
                rule::classify_regime(&rules, &mut nations, relations, &mut globals);
            }
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
        &Globals,
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
            globals,
            mut tally,
            history,
            trajectory,
        )| {
            if tally.turns == globals.turn {
                return;
            }
            tally.count(&rules, &orders, log);
            tally.turns = globals.turn;
            if let Some(mut history) = history {
                let record =
                    record_turn_of(&rules, &orders, log, nations, relations, diplomacy, globals);
                history.0.push(record);
            }
            if let Some(mut trajectory) = trajectory {
                trajectory.0.push(band_point(nations, relations, globals));
            }
            orders.moves.iter_mut().for_each(|m| *m = None);
            orders.answers.clear();
            orders.injected.clear();
        },
    );
}

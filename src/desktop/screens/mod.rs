//! The screens of the desktop game, one plugin each, switched by the `Screen` state; overlays
//! (pause, settings) by the `Menu` state; the parts of a match by the `GameView` sub-state.
//!
//! The UI keeps its own copy of what the sim reported (`PlayerView`); it changes the match only
//! by sending `sim::session` commands.

mod end;
pub mod game;
mod menu;
pub mod picker;
pub mod setup;
pub mod title;

use crate::sim::Rules;
use crate::sim::history::{History, TurnRecord, record_turn_of};
use crate::sim::log::TurnLog;
use crate::sim::rules::{minutes_to_midnight, regime_of, risk_of};
use crate::sim::session::start_match;
use crate::sim::state::{Controller, Diplomacy, Globals, Nations, Orders, Regime, Relations};
use bevy::prelude::*;

/// Which screen is showing. UI entities of a screen carry `DespawnOnExit(screen)`.
#[derive(States, Default, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    #[default]
    Title,
    Picker,
    Setup,
    Game,
    End,
}

/// The part of a match the player is looking at.
#[derive(SubStates, Default, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[source(Screen = Screen::Game)]
pub enum GameView {
    #[default]
    Choosing,
    Reveal,
    History,
}

/// An overlay over any screen.
#[derive(States, Default, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Menu {
    #[default]
    None,
    Pause,
    Settings,
}

/// The match about to be played: who the player leads and who plays the others.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct MatchSetup {
    pub player: usize,
    /// One per nation; the player's is replaced by `Human` when the match starts.
    pub controllers: Vec<Controller>,
    pub seed: u64,
}

impl MatchSetup {
    /// The scenario's own AI everywhere, the player leading the first nation.
    pub fn new(rules: &Rules, seed: u64) -> MatchSetup {
        MatchSetup {
            player: 0,
            controllers: rules.default_controllers(),
            seed,
        }
    }
}

/// What the player has seen of the match in play: every turn's record as the sim reported it
/// (the start first), the outcome once reported, and the orders sent this turn.
#[derive(Resource, Debug, Clone)]
pub struct PlayerView {
    pub entity: Entity,
    pub player: usize,
    pub records: Vec<TurnRecord>,
    pub outcome: Option<Regime>,
    pub chosen: Option<usize>,
    /// Proposals (by index among the pending ones) the player accepts this turn.
    pub accepted: Vec<usize>,
    /// The last thing the sim refused, shown until the next order.
    pub notice: Option<String>,
}

/// Set by `detente play SCENARIO`: skip the menus and start this match on the first frame.
#[derive(Resource, Debug, Clone)]
pub struct LaunchStraightIn;

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.add_sub_state::<GameView>();
    app.init_state::<Menu>();
    app.add_systems(
        Update,
        (
            launch_straight_in.run_if(resource_exists::<LaunchStraightIn>),
            close_menu_on_screen_change.run_if(state_changed::<Screen>),
        ),
    );
    app.add_plugins((
        title::plugin,
        picker::plugin,
        setup::plugin,
        game::plugin,
        end::plugin,
        menu::plugin,
    ));
}

fn launch_straight_in(world: &mut World) {
    world.remove_resource::<LaunchStraightIn>();
    begin_match(world);
}

fn close_menu_on_screen_change(mut next: ResMut<NextState<Menu>>) {
    next.set(Menu::None);
}

/// Starts the match in `MatchSetup` with the player's seat human, and shows it.
pub fn begin_match(world: &mut World) {
    let Some(setup) = world.get_resource::<MatchSetup>().cloned() else {
        return;
    };
    let mut controllers = setup.controllers.clone();
    if let Some(seat) = controllers.get_mut(setup.player) {
        *seat = Controller::Human;
    }
    if let Some(old) = world.get_resource::<PlayerView>().map(|v| v.entity) {
        world.despawn(old);
    }
    let entity = start_match(world, controllers, setup.seed);
    let start = {
        let rules = world.resource::<Rules>();
        match (
            world.get::<Nations>(entity),
            world.get::<Relations>(entity),
            world.get::<Diplomacy>(entity),
            world.get::<Globals>(entity),
        ) {
            (Some(n), Some(r), Some(d), Some(g)) => {
                let mut start =
                    record_turn_of(rules, &Orders::default(), &TurnLog::default(), n, r, d, g);
                // The risk is first assessed during turn 1; show the starting position's.
                start.risk = risk_of(rules, n, r, d);
                start.minutes_to_midnight = minutes_to_midnight(rules, start.risk);
                start.regime = regime_of(rules, n, r, g);
                Some(start)
            }
            _ => None,
        }
    };
    world.insert_resource(PlayerView {
        entity,
        player: setup.player,
        records: start.into_iter().collect(),
        outcome: None,
        chosen: None,
        accepted: Vec::new(),
        notice: None,
    });
    debug_assert!(world.get::<History>(entity).is_some());
    world.resource_mut::<NextState<Screen>>().set(Screen::Game);
}

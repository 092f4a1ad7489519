//! The screens of the desktop game, one plugin each, switched by the `Screen` state; overlays
//! (pause, settings) by the `Menu` state; the parts of a match by the `GameView` sub-state.
//!
//! The UI keeps its own copy of what the sim reported (`PlayerView`); it changes the match only
//! by sending `sim::play::session` commands.

mod end;
pub mod facilitator;
pub mod game;
pub mod host;
mod menu;
pub mod picker;
pub mod saves;
pub mod secrets;
pub mod setup;
pub mod title;
pub mod watch;

use crate::sim::Rules;
use crate::sim::archive::history::TurnRecord;
use crate::sim::archive::rebuild::{Rebuilt, opening_record};
use crate::sim::archive::save::SaveFile;
use crate::sim::play::command::PositionQuery;
pub use crate::sim::play::session::MatchSetup;
use crate::sim::play::session::{resume_match, start_match};
use crate::sim::play::state::{Clock, Controller, Orders, Regime, Seats};
use crate::sim::play::view::{SeatView, seat_view};
use crate::sim::scenario::MoveIndex;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

pub use menu::{FacilitatorMenuButton, SaveGameButton};

/// Which screen is showing. UI entities of a screen carry `DespawnOnExit(screen)`.
#[derive(States, Default, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    #[default]
    Title,
    Picker,
    Setup,
    /// The saved games, to load or to watch.
    Saves,
    Game,
    End,
    /// Hosting a class over the network (`detente host`).
    Host,
    /// Setting up a class to host, from the title's "Host a class".
    HostSetup,
}

/// The part of a match the player is looking at.
#[derive(SubStates, Default, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[source(Screen = Screen::Game)]
pub enum GameView {
    #[default]
    Choosing,
    Reveal,
    History,
    /// Between two people's seats (hotseat): the board is hidden until the next one is ready.
    Pass,
}

/// An overlay over any screen.
#[derive(States, Default, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Menu {
    #[default]
    None,
    Pause,
    Settings,
    /// The facilitator's panel (the teacher's controls).
    Facilitator,
    /// Typing the facilitator's passphrase, to set it or to open the panel.
    Passphrase,
    /// The true state of the match, shown to the whole room.
    Projector,
}

/// What the player has seen of the match in play: every turn's record as the sim reported it
/// (the start first), the outcome once reported, and the orders sent this turn.
#[derive(Resource, Debug, Clone)]
pub struct PlayerView {
    pub entity: Entity,
    /// The seat whose screen is showing: everything is drawn as this nation perceives it.
    pub player: usize,
    /// Every seat played by a person, in the order they take the computer.
    pub people: Vec<usize>,
    pub records: Vec<TurnRecord>,
    pub outcome: Option<Regime>,
    pub chosen: Option<MoveIndex>,
    /// Proposals (by index among the pending ones) the player accepts this turn.
    pub accepted: Vec<usize>,
    /// The last thing the sim refused, shown until the next order.
    pub notice: Option<String>,
}

impl PlayerView {
    /// Gives the screen to `seat` with nothing chosen yet: what one seat chose, accepted or was
    /// told stays with that seat.
    pub fn hand_to(&mut self, seat: usize) {
        self.player = seat;
        self.chosen = None;
        self.accepted.clear();
        self.notice = None;
    }

    /// The person who takes the computer first each turn (the player, without hotseat).
    pub fn first_person(&self) -> usize {
        self.people.first().copied().unwrap_or(self.player)
    }
}

/// What the seat on screen may know, for the seat screens to draw from (and from nothing
/// else of the match): `SeatView` projected from the match and the records the player has
/// been shown.
#[derive(SystemParam)]
pub struct SeatSight<'w, 's> {
    rules: Res<'w, Rules>,
    view: Option<Res<'w, PlayerView>>,
    games: Query<'w, 's, (PositionQuery, &'static Orders)>,
}

impl SeatSight<'_, '_> {
    /// The `SeatView` of the player's seat now; `None` before a match is shown.
    pub fn seat(&self) -> Option<SeatView> {
        let view = self.view.as_ref()?;
        let (parts, orders) = self.games.get(view.entity).ok()?;
        if view.records.is_empty() {
            return None;
        }
        Some(seat_view(
            &self.rules,
            parts.position(),
            orders,
            &view.records,
            view.player,
        ))
    }
}

/// Despawns every entity with `C` (a screen's root, to draw it again).
pub fn despawn_all<C: Component>(world: &mut World) {
    let mut q = world.query_filtered::<Entity, With<C>>();
    let found: Vec<Entity> = q.iter(world).collect();
    for e in found {
        world.despawn(e);
    }
}

/// Set by `detente play SCENARIO`: skip the menus and start this match on the first frame.
#[derive(Resource, Debug, Clone)]
pub struct LaunchStraightIn;

/// Set by `detente play --load FILE [--watch]`: open this save on the first frame.
#[derive(Resource, Debug, Clone)]
pub struct LaunchSaved {
    pub path: std::path::PathBuf,
    pub watch: bool,
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.add_sub_state::<GameView>();
    app.init_state::<Menu>();
    app.add_systems(
        Update,
        (
            launch_straight_in.run_if(resource_exists::<LaunchStraightIn>),
            launch_saved.run_if(resource_exists::<LaunchSaved>),
            close_menu_on_screen_change.run_if(state_changed::<Screen>),
        )
            .in_set(crate::desktop::Phase::Session),
    );
    app.add_plugins((
        title::plugin,
        picker::plugin,
        setup::plugin,
        saves::plugin,
        game::plugin,
        end::plugin,
        menu::plugin,
        facilitator::plugin,
        host::plugin,
    ));
}

fn launch_straight_in(world: &mut World) {
    world.remove_resource::<LaunchStraightIn>();
    begin_match(world);
}

fn launch_saved(world: &mut World) {
    let Some(launch) = world.remove_resource::<LaunchSaved>() else {
        return;
    };
    let opened = if launch.watch {
        watch::watch_save(world, &launch.path)
    } else {
        saves::open_save(world, &launch.path)
    };
    if let Err(e) = opened {
        // Checked before the window opened; if the file changed since, say so on the load screen.
        world.insert_resource(saves::LoadNotice(Some(e)));
        world.resource_mut::<NextState<Screen>>().set(Screen::Saves);
    }
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
    if let Some(mut recording) = world.get_mut::<crate::sim::archive::journal::Recording>(entity) {
        recording.set = setup.set.clone();
    }
    let opening = opening_record(world, entity);
    show_match(
        world,
        entity,
        opening.into_iter().collect(),
        Some(setup.player),
    );
}

/// Puts a match loaded from a save in play and shows it.
pub fn begin_saved_match(world: &mut World, save: SaveFile, rebuilt: Rebuilt) {
    if let Some(old) = world.get_resource::<PlayerView>().map(|v| v.entity) {
        world.despawn(old);
    }
    let mut records = vec![rebuilt.opening.clone()];
    records.extend(rebuilt.state.history.iter().cloned());
    // The match's passphrase comes back with it: its secrets stay guarded at the table.
    secrets::keep_the_guard(world, &save);
    let entity = resume_match(world, rebuilt.rules, rebuilt.state, save.recording);
    show_match(world, entity, records, None);
}

/// Shows the match `entity` from the first person's seat, given the records so far (the
/// opening first). With more than one person, the first one is asked for first.
pub fn show_match(
    world: &mut World,
    entity: Entity,
    records: Vec<TurnRecord>,
    first: Option<usize>,
) {
    let mut people: Vec<usize> = world.get::<Seats>(entity).map_or(Vec::new(), |s| {
        (0..s.0.len())
            .filter(|&i| s.0[i].controller == Controller::Human)
            .collect()
    });
    // The seat led on the setup screen takes the computer first, the others in nation order.
    if let Some(at) = first.and_then(|f| people.iter().position(|&p| p == f)) {
        people.rotate_left(at);
    }
    let player = people.first().copied().unwrap_or(0);
    // A save made mid-turn already holds this seat's choice.
    let (chosen, accepted) = world.get::<Orders>(entity).map_or((None, Vec::new()), |o| {
        (
            o.moves.get(player).copied().flatten(),
            o.answers
                .iter()
                .filter(|&&(_, by, accepted)| by == player && accepted)
                .map(|&(p, _, _)| p)
                .collect(),
        )
    });
    let outcome = world.get::<Clock>(entity).and_then(|c| c.outcome);
    let hotseat = people.len() > 1;
    world.insert_resource(PlayerView {
        entity,
        player,
        people,
        records,
        outcome,
        chosen,
        accepted,
        notice: None,
    });
    world
        .resource_mut::<NextState<Screen>>()
        .set(if outcome.is_some() {
            Screen::End
        } else {
            Screen::Game
        });
    if hotseat && outcome.is_none() {
        world
            .resource_mut::<NextState<GameView>>()
            .set(GameView::Pass);
    }
}

//! Headless tests of the screens' logic: the real UI plugins in an `App` without a window,
//! driven the way the player drives them (activating buttons, pressing keys). This file holds
//! the helpers; `play.rs` tests a match by one player, `classroom.rs` hotseat, saves and the
//! facilitator, `replays.rs` watching saved games, `seat.rs` what a seat screen may show.

mod classroom;
mod host;
mod play;
mod replays;
mod seat;

use super::saves::SaveDir;
use super::screens::game::{ContinueButton, EndTurnButton, MenuButton, MoveCard, ReadyButton};
use super::screens::{GameView, LaunchStraightIn, MatchSetup, Menu, PlayerView, Screen};
use super::settings::{AnimationSpeed, Palette, Settings, SettingsFile};
use super::theme::widgets::Shortcut;
use super::ui_plugin;
use crate::sim::play::rules::shipped;
use crate::sim::play::session::ChooseMove;
use crate::sim::play::state::{Clock, Controller, Orders};
use crate::sim::scenario::{EventIndex, MoveIndex};
use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::ui_widgets::Activate;

/// The scratch folder of a test's app, removed when the app is dropped.
#[derive(Resource)]
struct Scratch {
    _dir: tempfile::TempDir,
}

/// Every `ChooseMove` the UI sent.
#[derive(Resource, Default)]
struct Sent(Vec<ChooseMove>);

fn record_commands(mut sent: ResMut<Sent>, mut moves: MessageReader<ChooseMove>) {
    sent.0.extend(moves.read().copied());
}

/// The game with no window, straight into reset_2013 as the United States, seed 12.
fn game() -> App {
    game_in(None)
}

/// The same, optionally with a window entity of that size (nothing is drawn).
fn game_in(window: Option<(u32, u32)>) -> App {
    game_of("reset_2013", 12, window)
}

fn game_of(scenario: &str, seed: u64, window: Option<(u32, u32)>) -> App {
    build(scenario, seed, window, &[])
}

/// An app with what the UI plugins need and no window, animations off.
fn bare_app() -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, AssetPlugin::default()));
    app.init_asset::<Font>();
    app.init_asset::<Image>();
    app.init_resource::<ButtonInput<KeyCode>>();
    app.init_resource::<UiScale>();
    app.insert_resource(Settings {
        animation: AnimationSpeed::Off,
        ..Settings::default()
    });
    app
}

/// The game straight into `scenario`, the first nation led by the player and the nations in
/// `more_people` by more people at the same computer. Saves go to a folder of the test's own.
fn build(scenario: &str, seed: u64, window: Option<(u32, u32)>, more_people: &[usize]) -> App {
    let mut app = bare_app();
    // The test's own folder for settings and saves, removed with the app.
    let scratch = tempfile::Builder::new()
        .prefix(&format!("detente-test-{scenario}-{seed}-"))
        .tempdir()
        .expect("a scratch folder");
    app.insert_resource(SettingsFile(Some(scratch.path().join("settings.ron"))));
    let rules = shipped(scenario);
    let mut setup = MatchSetup::new(&rules, seed);
    for &i in more_people {
        setup.controllers[i] = Controller::Human;
    }
    app.insert_resource(setup);
    app.insert_resource(rules);
    app.insert_resource(LaunchStraightIn);
    app.insert_resource(SaveDir(Some(scratch.path().join("saves"))));
    app.insert_resource(Scratch { _dir: scratch });
    app.add_message::<KeyboardInput>();
    ui_plugin(&mut app);
    app.init_resource::<Sent>();
    app.add_systems(PreUpdate, record_commands);
    if let Some(size) = window {
        app.world_mut().spawn(Window {
            resolution: size.into(),
            ..default()
        });
    }
    settle(&mut app);
    assert_eq!(screen(&app), Screen::Game);
    app
}

fn menu(app: &App) -> Menu {
    *app.world().resource::<State<Menu>>().get()
}

/// Every text on screen, in no particular order.
fn texts(app: &mut App) -> Vec<String> {
    let mut q = app.world_mut().query::<&Text>();
    let mut all: Vec<String> = q.iter(app.world()).map(|t| t.0.clone()).collect();
    all.sort();
    all
}

/// Types text as a keyboard does (the passphrase box reads these).
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.world_mut().write_message(KeyboardInput {
            key_code: KeyCode::KeyA,
            logical_key: Key::Character(c.to_string().into()),
            state: ButtonState::Pressed,
            text: Some(c.to_string().into()),
            repeat: false,
            window: Entity::PLACEHOLDER,
        });
        app.update();
    }
}

fn settle(app: &mut App) {
    for _ in 0..3 {
        app.update();
    }
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn view(app: &App) -> GameView {
    assert_eq!(screen(app), Screen::Game);
    *app.world().resource::<State<GameView>>().get()
}

fn first<C: Component>(app: &mut App) -> Entity {
    let mut q = app.world_mut().query_filtered::<Entity, With<C>>();
    q.iter(app.world())
        .next()
        .expect("no such widget on screen")
}

/// What a click does: the button widget turns it into `Activate`.
fn click(app: &mut App, entity: Entity) {
    app.world_mut().trigger(Activate { entity });
    settle(app);
}

fn press(app: &mut App, key: KeyCode) {
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .press(key);
    app.update();
    let mut keys = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
    keys.release(key);
    keys.clear();
    settle(app);
}

/// One hotseat turn by `people` people: each in turn takes the computer (the pass screen's
/// ready button), plays the card the `1` key picks and ends their part of the turn.
fn play_hotseat_turn(app: &mut App, people: usize) {
    for _ in 0..people {
        let ready = first::<ReadyButton>(app);
        click(app, ready);
        press(app, KeyCode::Digit1);
        press(app, KeyCode::Enter);
    }
}

/// The card the `1` key picks.
fn card_one(app: &mut App) -> (Entity, MoveIndex) {
    let mut q = app.world_mut().query::<(Entity, &MoveCard, &Shortcut)>();
    q.iter(app.world())
        .find(|(_, _, s)| s.0 == KeyCode::Digit1)
        .map(|(e, c, _)| (e, c.move_index))
        .expect("a card numbered 1")
}

fn orders(app: &App) -> Orders {
    let entity = app.world().resource::<PlayerView>().entity;
    app.world().get::<Orders>(entity).unwrap().clone()
}

fn turn(app: &App) -> u32 {
    let entity = app.world().resource::<PlayerView>().entity;
    app.world().get::<Clock>(entity).unwrap().turn
}

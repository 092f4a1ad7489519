//! The title screen: the name, what the game is about, and the way in.

use super::host::{Starter, host_a_class};
use super::{Menu, Screen};
use crate::desktop::theme::widgets::{Tooltip, keyed_button, label, screen_root};
use crate::desktop::theme::{UiFonts, palette, size};
use bevy::app::AppExit;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Title), spawn_title);
}

/// The title's "New game" button (the attract mode presses it).
#[derive(Component)]
pub struct NewGameButton;

/// The title's "Host a class" button, there when this window can host (`launch::HostStarter`).
#[derive(Component)]
pub struct HostClassButton;

fn spawn_title(mut commands: Commands, fonts: Res<UiFonts>, starter: Option<Res<Starter>>) {
    let root = commands
        .spawn((
            DespawnOnExit(Screen::Title),
            screen_root(),
            children![
                label("Détente", &fonts.bold, size::HERO, palette::TITLE),
                label("Разрядка", &fonts.regular, size::TITLE, palette::MUTED),
                label(
                    "From mutually assured destruction to mutually assured stability",
                    &fonts.regular,
                    size::TITLE,
                    palette::TEXT
                ),
                Node {
                    height: px(18),
                    ..default()
                },
                (
                    keyed_button("New game", KeyCode::Enter, &fonts, new_game),
                    NewGameButton
                ),
                (
                    keyed_button("Load game", KeyCode::KeyL, &fonts, load_game),
                    Tooltip("Play on from a saved game, or watch one turn by turn.".into()),
                ),
            ],
        ))
        .id();
    if starter.is_some() {
        commands.spawn((
            ChildOf(root),
            keyed_button("Host a class", KeyCode::KeyH, &fonts, host_a_class),
            HostClassButton,
            Tooltip(
                "The whole class plays at once: this computer hosts, every team joins from a browser on the room's network."
                    .into(),
            ),
        ));
    }
    commands.spawn((
        ChildOf(root),
        keyed_button("Settings", KeyCode::KeyS, &fonts, open_settings),
    ));
    commands.spawn((
        ChildOf(root),
        keyed_button("Quit", KeyCode::Escape, &fonts, quit),
    ));
    commands.spawn((
        ChildOf(root),
        Node {
            height: px(18),
            ..default()
        },
    ));
    commands.spawn((
        ChildOf(root),
        label(
            "Mouse or keyboard: the key on each button presses it; Tab moves between buttons.",
            &fonts.regular,
            size::SMALL,
            palette::MUTED,
        ),
    ));
}

fn new_game(_: On<Activate>, mut next: ResMut<NextState<Screen>>) {
    next.set(Screen::Picker);
}

fn load_game(_: On<Activate>, mut next: ResMut<NextState<Screen>>) {
    next.set(Screen::Saves);
}

fn open_settings(_: On<Activate>, mut next: ResMut<NextState<Menu>>) {
    next.set(Menu::Settings);
}

fn quit(_: On<Activate>, mut exit: MessageWriter<AppExit>) {
    exit.write(AppExit::Success);
}

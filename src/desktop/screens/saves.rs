//! Saved games: the load screen (every save in the folder, newest first, damaged ones with the
//! reason), loading one to play on, or opening it to watch (`watch.rs`).

use super::{Screen, despawn_all};
use crate::desktop::saves::{SaveDir, list};
use crate::desktop::theme::widgets::{Tooltip, activatable, keyed_button, label, screen_root};
use crate::desktop::theme::{UiFonts, palette, size};
use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use std::path::PathBuf;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LoadNotice>()
        .add_systems(OnEnter(Screen::Saves), spawn_saves)
        .add_systems(
            Update,
            respawn_saves
                .run_if(in_state(Screen::Saves).and_then(resource_changed::<LoadNotice>))
                .in_set(crate::desktop::Phase::Present),
        );
}

/// Why the last load failed, shown at the top of the load screen.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct LoadNotice(pub Option<String>);

/// What a save's button does.
#[derive(Component, Debug, Clone, PartialEq)]
pub enum SaveButton {
    Load(PathBuf),
    Watch(PathBuf),
}

#[derive(Component)]
struct SavesRoot;

fn respawn_saves(world: &mut World) {
    despawn_all::<SavesRoot>(world);
    let _ = world.run_system_cached(spawn_saves);
}

fn spawn_saves(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    dir: Res<SaveDir>,
    notice: Res<LoadNotice>,
) {
    let root = commands
        .spawn((DespawnOnExit(Screen::Saves), SavesRoot, screen_root()))
        .id();
    commands.spawn((
        ChildOf(root),
        label("Saved games", &fonts.bold, size::HEADING, palette::TITLE),
    ));
    let Some(folder) = dir.0.clone() else {
        commands.spawn((
            ChildOf(root),
            label(
                "There is no folder for saves on this computer (no home directory).",
                &fonts.regular,
                size::BODY,
                palette::MUTED,
            ),
        ));
        back_button(&mut commands, root, &fonts);
        return;
    };
    commands.spawn((
        ChildOf(root),
        label(
            format!(
                "In {}. The game saves itself after every turn (autosave.ron).",
                folder.display()
            ),
            &fonts.regular,
            size::SMALL,
            palette::MUTED,
        ),
    ));
    if let Some(message) = &notice.0 {
        commands.spawn((
            ChildOf(root),
            Node {
                max_width: px(1100),
                ..default()
            },
            children![label(
                message.clone(),
                &fonts.bold,
                size::SMALL,
                Color::srgb(0.95, 0.55, 0.45)
            )],
        ));
    }
    let entries = list(&folder);
    if entries.is_empty() {
        commands.spawn((
            ChildOf(root),
            label(
                "No saved games yet.",
                &fonts.regular,
                size::BODY,
                palette::MUTED,
            ),
        ));
    }
    let table = commands
        .spawn((
            ChildOf(root),
            Node {
                width: px(1100),
                max_height: px(470),
                flex_direction: FlexDirection::Column,
                row_gap: px(6),
                overflow: Overflow::scroll_y(),
                ..default()
            },
            ScrollPosition::default(),
            bevy::ui_widgets::observe(crate::desktop::theme::interaction::scroll_with_wheel),
        ))
        .id();
    for entry in &entries {
        let name = entry
            .path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let line = commands
            .spawn((
                ChildOf(table),
                Node {
                    padding: UiRect::axes(px(12), px(6)),
                    column_gap: px(12),
                    align_items: AlignItems::Center,
                    border_radius: BorderRadius::all(px(6)),
                    flex_shrink: 0.0,
                    ..default()
                },
                BackgroundColor(palette::PANEL),
            ))
            .id();
        let (text, colour) = match &entry.summary {
            Ok(summary) => (summary.clone(), palette::TEXT),
            Err(e) => (
                format!("cannot be loaded: {e}"),
                Color::srgb(0.95, 0.55, 0.45),
            ),
        };
        commands.spawn((
            ChildOf(line),
            Node {
                width: px(760),
                flex_direction: FlexDirection::Column,
                ..default()
            },
            children![
                label(name, &fonts.bold, size::BODY, palette::TEXT),
                label(text, &fonts.regular, size::SMALL, colour),
            ],
        ));
        if entry.summary.is_ok() && entry.playable {
            commands.spawn((
                ChildOf(line),
                SaveButton::Load(entry.path.clone()),
                compact("Load", &fonts),
                Tooltip("Play on from where this save left off.".into()),
            ));
        }
        if entry.summary.is_ok() {
            commands.spawn((
                ChildOf(line),
                SaveButton::Watch(entry.path.clone()),
                compact("Watch", &fonts),
                Tooltip("Step through the game turn by turn, forward and back.".into()),
            ));
        }
    }
    back_button(&mut commands, root, &fonts);
}

fn compact(text: &str, fonts: &UiFonts) -> impl Bundle {
    (
        activatable(press),
        Node {
            min_width: px(110),
            padding: UiRect::axes(px(14), px(7)),
            justify_content: JustifyContent::Center,
            border_radius: BorderRadius::all(px(6)),
            ..default()
        },
        children![label(
            text.to_string(),
            &fonts.bold,
            size::BODY,
            palette::TEXT
        )],
    )
}

fn back_button(commands: &mut Commands, root: Entity, fonts: &UiFonts) {
    commands.spawn((
        ChildOf(root),
        keyed_button("Back", KeyCode::Escape, fonts, back),
    ));
}

fn back(_: On<Activate>, mut next: ResMut<NextState<Screen>>, mut notice: ResMut<LoadNotice>) {
    notice.0 = None;
    next.set(Screen::Title);
}

fn press(activate: On<Activate>, buttons: Query<&SaveButton>, mut commands: Commands) {
    let Ok(button) = buttons.get(activate.entity).cloned() else {
        return;
    };
    commands.queue(move |world: &mut World| {
        let result = match &button {
            SaveButton::Load(path) => open_save(world, path),
            SaveButton::Watch(path) => super::watch::watch_save(world, path),
        };
        if let Err(e) = result {
            world.insert_resource(LoadNotice(Some(e)));
        }
    });
}

/// Loads a save (checked by replaying it) and plays on from it (asking for the passphrase
/// first when the match's secrets need it: `secrets`).
pub fn open_save(world: &mut World, path: &std::path::Path) -> Result<(), String> {
    super::secrets::open_save(world, path, false)
}

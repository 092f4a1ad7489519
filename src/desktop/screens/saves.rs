//! Saved games: the load screen (every save in the folder, newest first, damaged ones with the
//! reason), loading one to play on, and watching one as a replay, turn by turn, forward and back,
//! with each turn's reveal.

use super::{GameView, PlayerView, Screen, begin_saved_match, show_match};
use crate::desktop::saves::{AutosaveOff, SaveDir, list};
use crate::desktop::theme::widgets::{Tooltip, activatable, keyed_button, label, screen_root};
use crate::desktop::theme::{UiFonts, palette, size};
use crate::sim::record::{Recording, rebuild};
use crate::sim::save::{SaveFile, load};
use crate::sim::session::resume_match;
use crate::sim::state::Controller;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use std::path::PathBuf;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LoadNotice>()
        .add_systems(OnEnter(Screen::Saves), spawn_saves)
        .add_systems(
            Update,
            respawn_saves.run_if(in_state(Screen::Saves).and_then(resource_changed::<LoadNotice>)),
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
    let mut roots = world.query_filtered::<Entity, With<SavesRoot>>();
    let old: Vec<Entity> = roots.iter(world).collect();
    for e in old {
        world.despawn(e);
    }
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
            SaveButton::Watch(path) => watch_save(world, path),
        };
        if let Err(e) = result {
            world.insert_resource(LoadNotice(Some(e)));
        }
    });
}

/// Loads a save (checked by replaying it) and plays on from it.
pub fn open_save(world: &mut World, path: &std::path::Path) -> Result<(), String> {
    let (save, rebuilt) = load(path).map_err(|e| e.to_string())?;
    if !save.recording.seats.contains(&Controller::Human) {
        return Err(format!(
            "{}: every seat of this game is played by the computer; watch it instead",
            path.display()
        ));
    }
    world.remove_resource::<Watching>();
    world.remove_resource::<AutosaveOff>();
    world.insert_resource(LoadNotice(None));
    begin_saved_match(world, save, rebuilt);
    Ok(())
}

/// A replay being watched: the save's recording, the turn on screen, and through whose eyes.
#[derive(Resource, Debug, Clone)]
pub struct Watching {
    pub save: SaveFile,
    pub turn: u32,
    /// The nation whose view is shown (the first person's seat until changed).
    pub perspective: Option<usize>,
}

impl Watching {
    pub fn last_turn(&self) -> u32 {
        self.save.recording.turns.len() as u32
    }

    /// Whether someone can take over from here: the match has a seat played by a person.
    pub fn can_play_on(&self) -> bool {
        self.save.recording.seats.contains(&Controller::Human)
    }
}

/// Opens a save as a replay, from its first turn.
pub fn watch_save(world: &mut World, path: &std::path::Path) -> Result<(), String> {
    let (save, _) = load(path).map_err(|e| e.to_string())?;
    if save.recording.turns.is_empty() {
        return Err(format!(
            "{}: no turn has been played yet, so there is nothing to watch",
            path.display()
        ));
    }
    world.insert_resource(LoadNotice(None));
    world.insert_resource(AutosaveOff);
    world.insert_resource(Watching {
        save,
        turn: 1,
        perspective: None,
    });
    show_watched_turn(world, 1)
}

/// Rebuilds the watched match at the end of `turn` and shows that turn's reveal.
pub fn show_watched_turn(world: &mut World, turn: u32) -> Result<(), String> {
    let Some(watching) = world.get_resource::<Watching>().cloned() else {
        return Err("no replay is open".into());
    };
    let turn = turn.clamp(1, watching.last_turn());
    let rebuilt =
        rebuild(&watching.save.recording, turn as usize, None).map_err(|e| e.to_string())?;
    let perspective = watching
        .perspective
        .filter(|&p| p < rebuilt.rules.nation_count());
    if let Some(old) = world.get_resource::<PlayerView>().map(|v| v.entity) {
        world.despawn(old);
    }
    despawn_boards(world);
    // The match on screen holds the recording up to this turn: playing on from here forks it.
    let mut recording: Recording = watching.save.recording.clone();
    recording.turns.truncate(turn as usize);
    recording.pending_params.clear();
    let mut records = vec![rebuilt.opening.clone()];
    records.extend(rebuilt.state.history.iter().cloned());
    let entity = resume_match(world, rebuilt.rules, rebuilt.state, recording);
    show_match(world, entity, records, None);
    if let Some(player) = perspective {
        world.resource_mut::<PlayerView>().player = player;
    }
    world.resource_mut::<Watching>().turn = turn;
    world.resource_mut::<NextState<Screen>>().set(Screen::Game);
    world
        .resource_mut::<NextState<GameView>>()
        .set(GameView::Reveal);
    Ok(())
}

/// Stops watching and plays on from the turn on screen: the match forks there.
pub fn play_on_from_here(world: &mut World) {
    world.remove_resource::<Watching>();
    world.remove_resource::<AutosaveOff>();
    let Some(view) = world.get_resource::<PlayerView>().cloned() else {
        return;
    };
    despawn_boards(world);
    show_match(world, view.entity, view.records, None);
    let hotseat = world.resource::<PlayerView>().people.len() > 1;
    world.resource_mut::<NextState<GameView>>().set(if hotseat {
        GameView::Pass
    } else {
        GameView::Choosing
    });
}

fn despawn_boards(world: &mut World) {
    let mut boards = world.query_filtered::<Entity, With<super::game::BoardRoot>>();
    let boards: Vec<Entity> = boards.iter(world).collect();
    for board in boards {
        world.despawn(board);
    }
}

/// Looks at the replay from the next nation's seat.
pub fn next_perspective(world: &mut World) {
    despawn_boards(world);
    let n = world.resource::<crate::sim::Rules>().nation_count();
    let Some(mut view) = world.get_resource_mut::<PlayerView>() else {
        return;
    };
    view.player = (view.player + 1) % n.max(1);
    let player = view.player;
    if let Some(mut watching) = world.get_resource_mut::<Watching>() {
        watching.perspective = Some(player);
    }
    world
        .resource_mut::<NextState<GameView>>()
        .set(GameView::Reveal);
}

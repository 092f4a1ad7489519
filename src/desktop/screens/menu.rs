//! The overlays: the pause menu (Esc during a match) and the settings, which are saved to the
//! config file as soon as they change.

use super::facilitator::{FacilitatorAccess, open_facilitator};
use super::watch::Watching;
use super::{GameView, Menu, Screen};
use crate::desktop::saves::{LastSave, SaveDir, save_now};
use crate::desktop::settings::{AnimationSpeed, Palette, Settings, SettingsFile, SettingsNotice};
use crate::desktop::theme::widgets::{activatable, keyed_button, label, modal};
use crate::desktop::theme::{UiFonts, palette, size};
use bevy::app::AppExit;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Menu::Pause), spawn_pause);
    app.add_systems(OnEnter(Menu::Settings), (spawn_settings, remember_palette));
    app.add_systems(
        Update,
        label_settings
            .run_if(in_state(Menu::Settings).and_then(resource_changed::<Settings>))
            .in_set(crate::desktop::Phase::Present),
    );
}

fn spawn_pause(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    screen: Res<State<Screen>>,
    access: Res<FacilitatorAccess>,
    last: Res<LastSave>,
    save_dir: Res<SaveDir>,
    watching: Option<Res<Watching>>,
) {
    let (backdrop, window) = modal(5, 460.0);
    let backdrop = commands.spawn((DespawnOnExit(Menu::Pause), backdrop)).id();
    let window = commands.spawn((ChildOf(backdrop), window)).id();
    let in_match = *screen.get() == Screen::Game && watching.is_none();
    commands.spawn((
        ChildOf(window),
        label("Paused", &fonts.bold, size::HEADING, palette::TITLE),
    ));
    commands.spawn((
        ChildOf(window),
        keyed_button("Resume", KeyCode::Escape, &fonts, resume),
    ));
    if in_match {
        // Without a save folder (attract mode) there is nowhere to save to.
        if save_dir.0.is_some() {
            commands.spawn((
                ChildOf(window),
                SaveGameButton,
                keyed_button("Save the game", KeyCode::F5, &fonts, save_game),
            ));
        }
        if access.available() {
            commands.spawn((
                ChildOf(window),
                FacilitatorMenuButton,
                keyed_button(
                    "Facilitator",
                    KeyCode::KeyF,
                    &fonts,
                    |_: On<Activate>, mut commands: Commands| commands.queue(open_facilitator),
                ),
            ));
        }
    }
    commands.spawn((
        ChildOf(window),
        keyed_button("Settings", KeyCode::KeyS, &fonts, open_settings),
    ));
    commands.spawn((
        ChildOf(window),
        keyed_button("Leave the match", KeyCode::KeyL, &fonts, to_title),
    ));
    commands.spawn((
        ChildOf(window),
        keyed_button("Quit the game", KeyCode::KeyQ, &fonts, quit),
    ));
    let note = match &last.0 {
        Some(Ok(path)) => format!("Saved to {}", path.display()),
        Some(Err(e)) => format!("Could not save: {e}"),
        None if in_match && save_dir.0.is_some() => {
            "The game also saves itself after every turn.".into()
        }
        None if in_match => "This match is not saved.".into(),
        None => String::new(),
    };
    commands.spawn((
        ChildOf(window),
        SaveNote,
        Node {
            max_width: px(410),
            ..default()
        },
        children![label(note, &fonts.regular, size::TINY, palette::MUTED)],
    ));
}

/// "Save the game" in the pause menu.
#[derive(Component)]
pub struct SaveGameButton;

/// "Facilitator" in the pause menu.
#[derive(Component)]
pub struct FacilitatorMenuButton;

#[derive(Component)]
struct SaveNote;

fn save_game(_: On<Activate>, mut commands: Commands) {
    commands.queue(|world: &mut World| {
        save_now(world);
        // Redraw the menu so it says where the game went.
        world.resource_mut::<NextState<Menu>>().set(Menu::Pause);
    });
}

fn resume(_: On<Activate>, mut next: ResMut<NextState<Menu>>) {
    next.set(Menu::None);
}

fn open_settings(_: On<Activate>, mut next: ResMut<NextState<Menu>>) {
    next.set(Menu::Settings);
}

fn to_title(_: On<Activate>, mut next: ResMut<NextState<Screen>>) {
    next.set(Screen::Title);
}

fn quit(_: On<Activate>, mut exit: MessageWriter<AppExit>) {
    exit.write(AppExit::Success);
}

/// Which setting a button changes.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
enum SettingButton {
    Scale,
    Palette,
    Window,
    Animation,
}

impl SettingButton {
    fn text(self, s: &Settings) -> String {
        match self {
            SettingButton::Scale => format!("Interface size: {:.0}%", s.ui_scale * 100.0),
            SettingButton::Palette => format!(
                "Colours: {}",
                match s.palette {
                    Palette::Standard => "standard",
                    Palette::ColourBlind => "colour-blind safe",
                }
            ),
            SettingButton::Window => format!(
                "Window: {}",
                if s.fullscreen {
                    "full screen"
                } else {
                    "windowed"
                }
            ),
            SettingButton::Animation => format!("Animations: {}", s.animation.name()),
        }
    }

    fn key(self) -> KeyCode {
        match self {
            SettingButton::Scale => KeyCode::Digit1,
            SettingButton::Palette => KeyCode::Digit2,
            SettingButton::Window => KeyCode::Digit3,
            SettingButton::Animation => KeyCode::Digit4,
        }
    }
}

fn spawn_settings(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    settings: Res<Settings>,
    file: Res<SettingsFile>,
    notice: Res<SettingsNotice>,
    theme: Res<crate::desktop::theme::Theme>,
) {
    let (backdrop, window) = modal(6, 560.0);
    let backdrop = commands
        .spawn((DespawnOnExit(Menu::Settings), backdrop))
        .id();
    let window = commands.spawn((ChildOf(backdrop), window)).id();
    commands.spawn((
        ChildOf(window),
        label("Settings", &fonts.bold, size::HEADING, palette::TITLE),
    ));
    for which in [
        SettingButton::Scale,
        SettingButton::Palette,
        SettingButton::Window,
        SettingButton::Animation,
    ] {
        commands.spawn((
            ChildOf(window),
            which,
            activatable(change_setting),
            crate::desktop::theme::widgets::Shortcut(which.key()),
            Node {
                padding: UiRect::axes(px(16), px(9)),
                justify_content: JustifyContent::SpaceBetween,
                align_items: AlignItems::Center,
                border_radius: BorderRadius::all(px(6)),
                ..default()
            },
            children![
                label(
                    which.text(&settings),
                    &fonts.bold,
                    size::BODY,
                    palette::TEXT
                ),
                crate::desktop::theme::widgets::key_cap(
                    crate::desktop::theme::widgets::key_name(which.key()),
                    &fonts
                ),
            ],
        ));
    }
    commands.spawn((
        ChildOf(window),
        label(
            file.0
                .as_ref()
                .map_or("These settings last until the game closes.".into(), |p| {
                    format!("Saved in {}", p.display())
                }),
            &fonts.regular,
            size::TINY,
            palette::MUTED,
        ),
    ));
    for note in &notice.0 {
        commands.spawn((
            ChildOf(window),
            label(note.clone(), &fonts.regular, size::TINY, theme.warning),
        ));
    }
    commands.spawn((
        ChildOf(window),
        keyed_button("Done", KeyCode::Escape, &fonts, close_settings),
    ));
}

fn change_setting(
    activate: On<Activate>,
    buttons: Query<&SettingButton>,
    mut settings: ResMut<Settings>,
    file: Res<SettingsFile>,
) {
    let Ok(which) = buttons.get(activate.entity) else {
        return;
    };
    match which {
        SettingButton::Scale => settings.ui_scale = settings.next_scale(),
        SettingButton::Palette => {
            settings.palette = match settings.palette {
                Palette::Standard => Palette::ColourBlind,
                Palette::ColourBlind => Palette::Standard,
            }
        }
        SettingButton::Window => settings.fullscreen = !settings.fullscreen,
        SettingButton::Animation => {
            let all = AnimationSpeed::ALL;
            let at = all
                .iter()
                .position(|a| *a == settings.animation)
                .unwrap_or(0);
            settings.animation = all[(at + 1) % all.len()];
        }
    }
    settings.save(&file);
}

fn label_settings(
    settings: Res<Settings>,
    buttons: Query<(&SettingButton, &Children)>,
    mut texts: Query<&mut Text>,
) {
    for (which, children) in &buttons {
        if let Some(mut t) = children.first().and_then(|c| texts.get_mut(*c).ok()) {
            t.0 = which.text(&settings);
        }
    }
}

/// The palette the screen beneath was drawn with.
#[derive(Resource)]
struct DrawnWith(Palette);

fn remember_palette(mut commands: Commands, theme: Res<crate::desktop::theme::Theme>) {
    commands.insert_resource(DrawnWith(theme.palette));
}

/// Closing the settings returns to the pause menu during a match, else to the screen below,
/// which is redrawn if the palette changed.
fn close_settings(
    _: On<Activate>,
    screen: Res<State<Screen>>,
    view: Option<Res<State<GameView>>>,
    drawn: Option<Res<DrawnWith>>,
    theme: Res<crate::desktop::theme::Theme>,
    mut next_menu: ResMut<NextState<Menu>>,
    mut next_screen: ResMut<NextState<Screen>>,
    mut next_view: ResMut<NextState<GameView>>,
) {
    let in_match = *screen.get() == Screen::Game;
    next_menu.set(if in_match { Menu::Pause } else { Menu::None });
    if drawn.is_some_and(|d| d.0 != theme.palette) {
        match view {
            Some(v) if in_match => next_view.set(*v.get()),
            _ => next_screen.set(*screen.get()),
        }
    }
}

//! The title screen: the name, what the game is about, and the way in.

use super::Screen;
use crate::desktop::theme::{UiFonts, button, label, palette};
use bevy::app::AppExit;
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Title), spawn_title);
    app.add_systems(Update, title_keys.run_if(in_state(Screen::Title)));
}

fn spawn_title(mut commands: Commands, fonts: Res<UiFonts>) {
    commands.spawn((
        DespawnOnExit(Screen::Title),
        crate::desktop::theme::screen_root(),
        children![
            label("Détente", &fonts.bold, 84.0, palette::TITLE),
            label("Разрядка", &fonts.regular, 28.0, palette::MUTED),
            label(
                "From mutually assured destruction to mutually assured stability",
                &fonts.regular,
                24.0,
                palette::TEXT
            ),
            button("Scenarios  (Enter)", &fonts, go_to_picker),
            button("Quit  (Esc)", &fonts, quit),
        ],
    ));
}

fn go_to_picker(_: On<Pointer<Click>>, mut next: ResMut<NextState<Screen>>) {
    next.set(Screen::Picker);
}

fn quit(_: On<Pointer<Click>>, mut exit: MessageWriter<AppExit>) {
    exit.write(AppExit::Success);
}

fn title_keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut next: ResMut<NextState<Screen>>,
    mut exit: MessageWriter<AppExit>,
) {
    if keys.just_pressed(KeyCode::Enter) {
        next.set(Screen::Picker);
    } else if keys.just_pressed(KeyCode::Escape) {
        exit.write(AppExit::Success);
    }
}

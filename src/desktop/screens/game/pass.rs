//! Hotseat: between two people's seats the computer is passed on. This screen hides the board
//! (it is despawned, not covered), names the next nation, and shows its board only when that
//! person says they are ready, so no one sees another seat's choice or perception.

use super::board::BoardRoot;
use super::{GameView, PlayerView};
use crate::desktop::screens::Menu;
use crate::desktop::theme::widgets::{keyed_button, label, screen_root};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use crate::sim::Rules;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(GameView::Pass), (hide_board, spawn_pass).chain());
}

/// "I am <nation>": shows the next seat its board.
#[derive(Component)]
pub struct ReadyButton;

fn hide_board(mut commands: Commands, boards: Query<Entity, With<BoardRoot>>) {
    for board in &boards {
        commands.entity(board).despawn();
    }
}

fn spawn_pass(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    theme: Res<Theme>,
    rules: Res<Rules>,
    view: Res<PlayerView>,
) {
    let nation = &rules.scenario.nations[view.player];
    let colour = theme.nation(&nation.colour, view.player);
    let turn = view.records.last().map_or(0, |r| r.turn) + 1;
    let seat = view
        .people
        .iter()
        .position(|&p| p == view.player)
        .map_or(1, |i| i + 1);
    commands.spawn((
        DespawnOnExit(GameView::Pass),
        screen_root(),
        BackgroundColor(palette::BACKGROUND),
        children![
            label(
                format!("Turn {turn} · person {seat} of {}", view.people.len()),
                &fonts.regular,
                size::TITLE,
                palette::MUTED
            ),
            label(
                "Pass the computer to",
                &fonts.regular,
                size::HEADING,
                palette::TEXT
            ),
            label(nation.name.clone(), &fonts.bold, size::HERO, colour),
            label(
                format!(
                    "Everyone else, look away: {} sees only what {} knows.",
                    nation.name, nation.name
                ),
                &fonts.regular,
                size::BODY,
                palette::MUTED
            ),
            Node {
                height: px(16),
                ..default()
            },
            (
                ReadyButton,
                keyed_button(
                    &format!("I am {}: show my board", nation.name),
                    KeyCode::Enter,
                    &fonts,
                    ready
                )
            ),
            keyed_button("Menu", KeyCode::Escape, &fonts, open_menu),
        ],
    ));
}

/// The seat sees what happened last turn (as it perceived it) first, then its board.
fn ready(_: On<Activate>, view: Res<PlayerView>, mut next: ResMut<NextState<GameView>>) {
    next.set(if view.records.len() > 1 {
        GameView::Reveal
    } else {
        GameView::Choosing
    });
}

fn open_menu(_: On<Activate>, mut next: ResMut<NextState<Menu>>) {
    next.set(Menu::Pause);
}

//! The history view: line charts of trust, transparency, arms and risk for every turn so far,
//! as the player knows them.

use super::GameView;
use super::charts::{seat_charts, spawn_chart};
use crate::desktop::screens::SeatSight;
use crate::desktop::theme::widgets::{keyed_button, label, modal};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use crate::sim::Rules;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(GameView::History), spawn_history);
}

/// The history's close button.
#[derive(Component)]
pub struct CloseHistoryButton;

const CHART: (u32, u32) = (470, 150);

fn spawn_history(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    theme: Res<Theme>,
    rules: Res<Rules>,
    sight: SeatSight,
    mut images: ResMut<Assets<Image>>,
) {
    let (backdrop, window) = modal(2, 1160.0);
    let backdrop = commands
        .spawn((DespawnOnExit(GameView::History), backdrop))
        .id();
    let window = commands.spawn((ChildOf(backdrop), window)).id();
    let Some(seat) = sight.seat() else {
        return;
    };
    let turns = seat.turn;
    commands.spawn((
        ChildOf(window),
        label(
            format!("History: {turns} turns so far"),
            &fonts.bold,
            size::HEADING,
            palette::TITLE,
        ),
    ));
    commands.spawn((
        ChildOf(window),
        label(
            "As you know it: the others' arms are your estimates (dashed), their true arms where you could verify them.",
            &fonts.regular,
            size::SMALL,
            palette::MUTED,
        ),
    ));
    let grid = commands
        .spawn((
            ChildOf(window),
            Node {
                display: Display::Grid,
                grid_template_columns: RepeatedGridTrack::flex(2, 1.0),
                row_gap: px(12),
                column_gap: px(24),
                ..default()
            },
        ))
        .id();
    for chart in seat_charts(&rules, &seat, &theme, CHART) {
        spawn_chart(
            &mut commands,
            grid,
            chart,
            (turns as usize).max(1),
            CHART,
            &fonts,
            &mut images,
        );
    }
    commands.spawn((
        ChildOf(window),
        Node {
            justify_content: JustifyContent::End,
            ..default()
        },
        children![(
            CloseHistoryButton,
            keyed_button("Back to the game", KeyCode::Escape, &fonts, close)
        )],
    ));
}

fn close(_: On<Activate>, mut next: ResMut<NextState<GameView>>) {
    next.set(GameView::Choosing);
}

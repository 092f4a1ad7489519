//! The crisis modal: when the player is party to a crisis, the escalation ladder with the rung
//! it stands on, and the crisis moves to answer with.

use super::board::{BoardData, EndTurnButton, HistoryButton, MenuButton};
use super::moves::spawn_card;
use super::orders::{NoticeText, OrdersText};
use crate::desktop::screens::{GameView, Menu};
use crate::desktop::theme::widgets::{keyed_button, label, modal, row};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(_app: &mut App) {}

/// The crisis window (the attract mode photographs it).
#[derive(Component)]
pub struct CrisisModal;

pub fn spawn_crisis(
    commands: &mut Commands,
    root: Entity,
    data: &BoardData,
    fonts: &UiFonts,
    theme: &Theme,
) {
    let Some(crisis) = data.seat.crisis.as_ref() else {
        return;
    };
    let sc = &data.rules.scenario;
    let me = data.seat.nation;
    let other = if crisis.parties[0] == me {
        crisis.parties[1]
    } else {
        crisis.parties[0]
    };
    let (backdrop, window) = modal(1, 1060.0);
    let backdrop = commands.spawn((ChildOf(root), backdrop, CrisisModal)).id();
    let window = commands.spawn((ChildOf(backdrop), window)).id();
    commands.spawn((
        ChildOf(window),
        label(
            format!("Crisis with {}", data.nation_name(other)),
            &fonts.bold,
            size::HEADING,
            theme.hostile,
        ),
    ));
    commands.spawn((
        ChildOf(window),
        label(
            format!(
                "Opened on turn {}. Each rung raises the risk of an exchange; if either side \
                 takes the crisis to the top, it is a nuclear exchange. Both answer at once.",
                crisis.opened + 1
            ),
            &fonts.regular,
            size::BODY,
            palette::MUTED,
        ),
    ));
    let body = commands.spawn((ChildOf(window), row(18.0))).id();
    commands.entity(body).insert(Node {
        flex_direction: FlexDirection::Row,
        align_items: AlignItems::Start,
        column_gap: px(18),
        ..default()
    });
    let ladder = commands
        .spawn((
            ChildOf(body),
            Node {
                width: px(330),
                flex_shrink: 0.0,
                flex_direction: FlexDirection::Column,
                row_gap: px(4),
                ..default()
            },
        ))
        .id();
    commands.spawn((
        ChildOf(ladder),
        label(
            "The escalation ladder",
            &fonts.bold,
            size::BODY,
            palette::TEXT,
        ),
    ));
    let top = sc.ladder.len().saturating_sub(1);
    for (level, rung) in sc.ladder.iter().enumerate().rev() {
        let here = level == usize::from(crisis.level);
        let colour = if here {
            theme.hostile
        } else if level == top {
            theme.warning
        } else {
            palette::MUTED
        };
        commands.spawn((
            ChildOf(ladder),
            Node {
                padding: UiRect::axes(px(10), px(5)),
                border: UiRect::all(px(if here { 2.0 } else { 1.0 })),
                border_radius: BorderRadius::all(px(5)),
                ..default()
            },
            BorderColor::all(colour),
            BackgroundColor(if here {
                palette::PANEL_RAISED
            } else {
                palette::PANEL
            }),
            children![label(
                format!("{}{}. {}", if here { "► " } else { "" }, level, rung),
                if here { &fonts.bold } else { &fonts.regular },
                size::SMALL,
                colour
            )],
        ));
    }
    let answers = commands
        .spawn((
            ChildOf(body),
            Node {
                flex_grow: 1.0,
                flex_direction: FlexDirection::Column,
                row_gap: px(6),
                ..default()
            },
        ))
        .id();
    commands.spawn((
        ChildOf(answers),
        label("Your answer", &fonts.bold, size::BODY, palette::TEXT),
    ));
    let mut moves = data.seat.open_moves();
    moves.sort_by_key(|&m| sc.moves[m].crisis_step.unwrap_or(0));
    for (i, &move_index) in moves.iter().enumerate() {
        spawn_card(
            commands,
            answers,
            i,
            move_index,
            data,
            fonts,
            theme,
            percent(100),
        );
    }
    commands.spawn((
        ChildOf(window),
        OrdersText,
        label(
            data.view
                .chosen
                .map_or("No answer chosen yet.".to_string(), |a| {
                    format!("You will play: {}", sc.moves[a].name)
                }),
            &fonts.bold,
            size::BODY,
            palette::TEXT,
        ),
    ));
    commands.spawn((
        ChildOf(window),
        NoticeText,
        label("", &fonts.regular, size::SMALL, theme.warning),
    ));
    let buttons = commands.spawn((ChildOf(window), row(12.0))).id();
    commands.entity(buttons).insert(Node {
        flex_direction: FlexDirection::Row,
        justify_content: JustifyContent::End,
        column_gap: px(12),
        ..default()
    });
    commands.spawn((
        ChildOf(buttons),
        HistoryButton,
        keyed_button("History", KeyCode::KeyH, fonts, open_history),
    ));
    commands.spawn((
        ChildOf(buttons),
        MenuButton,
        keyed_button("Menu", KeyCode::Escape, fonts, open_menu),
    ));
    commands.spawn((
        ChildOf(buttons),
        EndTurnButton,
        keyed_button(
            &super::orders::end_turn_label(data.view, data.rules),
            KeyCode::Enter,
            fonts,
            super::orders::end_turn_or_pass,
        ),
    ));
}

fn open_history(_: On<Activate>, mut next: ResMut<NextState<GameView>>) {
    next.set(GameView::History);
}

fn open_menu(_: On<Activate>, mut next: ResMut<NextState<Menu>>) {
    next.set(Menu::Pause);
}

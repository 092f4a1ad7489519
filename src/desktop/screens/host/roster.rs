//! The host window's class roster: for each match its turn, its facilitator panel and
//! projector, and for each nation's seat whether a team has joined, how many browsers it has,
//! whether it has chosen or is done, who plays it, and the button that opens its controls.

use super::facilitate::{self, MatchButton};
use super::seat::{self, SeatButton, SeatPanel};
use super::{Hosted, RosterPanel};
use crate::desktop::theme::widgets::{Selected, label, row, section, small_button};
use crate::desktop::theme::{UiFonts, palette, size};
use bevy::prelude::*;

/// Draws the roster again when it changed (the window wakes about once a second to look), or
/// the teacher opened a seat's controls.
pub(super) fn redraw_roster(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    mut hosted: ResMut<Hosted>,
    seat_panel: Res<SeatPanel>,
    panel: Single<Entity, With<RosterPanel>>,
) {
    let status = hosted.status();
    if hosted.drawn.as_ref() == Some(&status) && !seat_panel.is_changed() {
        return;
    }
    let panel = *panel;
    commands.entity(panel).despawn_children();
    commands.spawn((
        ChildOf(panel),
        label("The class roster", &fonts.bold, size::TITLE, palette::TITLE),
    ));
    if seat_panel.confirm_stop {
        commands.spawn((
            ChildOf(panel),
            label(
                "Press Stop hosting again to stop: every team's page loses the class (its matches stay saved, and detente host --resume goes on with them).",
                &fonts.bold,
                size::SMALL,
                palette::FOCUS,
            ),
        ));
    }
    // The turn timer: a team that has not chosen when it runs out plays its AI's move.
    let timer = commands.spawn((ChildOf(panel), row(6.0))).id();
    commands.spawn((
        ChildOf(timer),
        label("Turn timer", &fonts.regular, size::SMALL, palette::MUTED),
    ));
    for (text, seconds) in [
        ("off", None),
        ("1 min", Some(60)),
        ("2 min", Some(120)),
        ("4 min", Some(240)),
        ("8 min", Some(480)),
    ] {
        let mut b = commands.spawn((
            ChildOf(timer),
            seat::small(text, &fonts, SeatButton::Timer(seconds)),
        ));
        if status.turn_timer == seconds {
            b.insert(Selected);
        }
    }
    if let Some(s) = status.seconds_left {
        commands.spawn((
            ChildOf(timer),
            label(
                format!("{s} s left on this turn"),
                &fonts.regular,
                size::SMALL,
                palette::MUTED,
            ),
        ));
    }
    seat::draw(&mut commands, panel, &fonts, &status, &seat_panel);
    for table in &status.tables {
        let state = match (table.outcome, table.paused) {
            (Some(o), _) => format!("over: {}", o.name()),
            (None, true) => format!("paused · turn {} of {} played", table.turn, table.turns),
            (None, false) => format!("turn {} of {} played", table.turn, table.turns),
        };
        let card = commands.spawn((ChildOf(panel), section(2.0))).id();
        let head = commands
            .spawn((
                ChildOf(card),
                Node {
                    flex_direction: FlexDirection::Row,
                    align_items: AlignItems::Center,
                    column_gap: px(8),
                    ..default()
                },
            ))
            .id();
        commands.spawn((
            ChildOf(head),
            label(
                format!("Match {} · {state} · seed {}", table.table + 1, table.seed),
                &fonts.bold,
                size::BODY,
                palette::TEXT,
            ),
        ));
        for (text, button) in [
            ("Facilitator", MatchButton::Facilitator(table.table)),
            ("Projector", MatchButton::Projector(table.table)),
        ] {
            commands.spawn((
                ChildOf(head),
                small_button(text, &fonts, facilitate::open),
                button,
            ));
        }
        for seat in &table.seats {
            let (team, colour) = if seat.joined {
                (
                    format!(
                        "joined, {} browser{}",
                        seat.browsers,
                        if seat.browsers == 1 { "" } else { "s" }
                    ),
                    palette::TEXT,
                )
            } else {
                ("open: no team yet".to_string(), palette::MUTED)
            };
            let turn = if seat.computer.is_some() && table.outcome.is_none() {
                "the computer plays"
            } else if table.outcome.is_some() || !seat.joined {
                ""
            } else if seat.done {
                "done"
            } else if seat.chosen {
                "chosen"
            } else {
                "thinking"
            };
            let row = commands
                .spawn((
                    ChildOf(card),
                    Node {
                        flex_direction: FlexDirection::Row,
                        ..default()
                    },
                ))
                .id();
            for (width, text, colour) in [
                (170.0, seat.name.clone(), palette::TEXT),
                (200.0, team, colour),
                (150.0, turn.to_string(), palette::TEXT),
            ] {
                commands.spawn((
                    ChildOf(row),
                    Node {
                        width: px(width),
                        ..default()
                    },
                    children![label(text, &fonts.regular, size::SMALL, colour)],
                ));
            }
            if table.outcome.is_none() {
                let open = seat_panel.seat.as_ref() == Some(&(table.table, seat.nation.clone()));
                commands.spawn((
                    ChildOf(row),
                    seat::small(
                        if open { "Close" } else { "Change…" },
                        &fonts,
                        SeatButton::Pick {
                            table: table.table,
                            nation: seat.nation.clone(),
                        },
                    ),
                ));
            }
        }
    }
    hosted.drawn = Some(status);
}

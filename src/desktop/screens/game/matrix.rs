//! The board's left column for five nations or more: one table, a row per nation, so that
//! eight nations are read at a glance. Each row is what the seat's `SeatView` holds: its own
//! true numbers, and of each other nation its believed (or verified) arms, its own trust in it
//! and transparency into it, the hotline and the public alert.

use super::board::BoardData;
use crate::desktop::theme::widgets::{Tooltip, label, section};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use bevy::prelude::*;

/// Past this many nations the board shows the table instead of a panel per nation.
pub const PANELS_UP_TO: usize = 4;

/// The widths of the columns: nation, arms, trust, sees, hotline, alert.
const WIDTHS: [f32; 6] = [120.0, 46.0, 40.0, 38.0, 34.0, 32.0];

pub(super) fn spawn_matrix(
    commands: &mut Commands,
    parent: Entity,
    data: &BoardData,
    fonts: &UiFonts,
    theme: &Theme,
) {
    let sc = &data.rules.scenario;
    let seat = data.seat;
    let panel = commands
        .spawn((
            ChildOf(parent),
            section(2.0),
            Tooltip(
                "Each row is a nation as you see it. Arms: ≈ your estimate, or verified (✓) once \
                 your transparency into it is enough. Trust: yours in it. Sees: your transparency \
                 into it. Line: a hotline between you. Alert: its readiness, 0 to 3, which all \
                 can see. How far the others trust you is theirs to know."
                    .into(),
            ),
        ))
        .id();
    commands.spawn((
        ChildOf(panel),
        label(
            "The nations, as you see them",
            &fonts.bold,
            size::BODY,
            palette::TEXT,
        ),
    ));
    let header = ["Nation", "Arms", "Trust", "Sees", "Line", "Alert"];
    let cells: Vec<(String, Color)> = header
        .iter()
        .map(|h| (h.to_string(), palette::MUTED))
        .collect();
    spawn_row(commands, panel, &cells, fonts, false);
    for (i, spec) in sc.nations.iter().enumerate() {
        let colour = theme.nation(&spec.colour, i);
        let cells: Vec<(String, Color)> = if i == seat.nation {
            let own = &seat.now().own;
            vec![
                (format!("{} (you)", spec.name), colour),
                (format!("{:.0}", own.arms), palette::TEXT),
                ("—".into(), palette::MUTED),
                ("—".into(), palette::MUTED),
                ("".into(), palette::MUTED),
                (own.alert.to_string(), palette::TEXT),
            ]
        } else {
            let Some(them) = seat.counterpart(i) else {
                continue;
            };
            let arms = match them.verified_arms {
                Some(a) => format!("{a:.0} ✓"),
                None => format!("≈{:.0}", them.believed_arms),
            };
            vec![
                (spec.name.clone(), colour),
                (arms, palette::TEXT),
                (format!("{:.0}", them.trust), theme.level(them.trust)),
                (format!("{:.0}", them.transparency), palette::TEXT),
                (if them.hotline { "yes" } else { "" }.into(), palette::MUTED),
                (them.alert.to_string(), palette::TEXT),
            ]
        };
        spawn_row(commands, panel, &cells, fonts, i == seat.nation);
    }
}

fn spawn_row(
    commands: &mut Commands,
    panel: Entity,
    cells: &[(String, Color)],
    fonts: &UiFonts,
    bold: bool,
) {
    let row = commands
        .spawn((
            ChildOf(panel),
            Node {
                flex_direction: FlexDirection::Row,
                align_items: AlignItems::Center,
                min_height: px(22),
                ..default()
            },
        ))
        .id();
    for (k, (text, colour)) in cells.iter().enumerate() {
        let font = if bold || k == 0 {
            &fonts.bold
        } else {
            &fonts.regular
        };
        commands.spawn((
            ChildOf(row),
            Node {
                width: px(WIDTHS[k]),
                overflow: Overflow::clip_x(),
                ..default()
            },
            children![label(text.clone(), font, size::SMALL, *colour)],
        ));
    }
}

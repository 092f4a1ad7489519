//! The projector view: the true state of the match, for the whole room.

use super::panel::section;
use crate::desktop::screens::{Menu, PlayerView};
use crate::desktop::theme::widgets::{keyed_button, label, modal, row};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use crate::sim::Rules;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

/// The projector view: the true numbers of every nation and relation, last turn's moves as
/// they were really played, for the whole room.
pub(super) fn spawn_projector(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    theme: Res<Theme>,
    rules: Res<Rules>,
    view: Option<Res<PlayerView>>,
    hosted: Option<Res<crate::desktop::screens::host::Mirrored>>,
) {
    let Some(view) = view else { return };
    let Some(record) = view.records.last() else {
        return;
    };
    let sc = &rules.scenario;
    let (backdrop, window) = modal(9, 1200.0);
    // Opaque: the room sees the true state, not the seat's board behind it.
    let backdrop = commands
        .spawn((DespawnOnExit(Menu::Projector), backdrop))
        .insert(BackgroundColor(palette::BACKGROUND))
        .id();
    let window = commands.spawn((ChildOf(backdrop), window)).id();
    commands.spawn((
        ChildOf(window),
        row(16.0),
        children![
            label(
                // From the host window: which of the class's matches.
                match hosted {
                    Some(m) => format!("The true state of match {}", m.0 + 1),
                    None => "The true state".to_string(),
                },
                &fonts.bold,
                size::HEADING,
                palette::TITLE
            ),
            label(
                format!(
                    "after turn {} · {} · risk {:.2}% a turn · {:.1} minutes to midnight",
                    record.turn,
                    record.regime.name(),
                    record.risk * 100.0,
                    record.minutes_to_midnight
                ),
                &fonts.regular,
                size::BODY,
                palette::MUTED
            ),
        ],
    ));
    commands.spawn((
        ChildOf(window),
        label(
            "What no seat sees on its own screen: every nation's real arsenal and every pair's real trust.",
            &fonts.regular,
            size::SMALL,
            palette::MUTED,
        ),
    ));
    let nations = commands.spawn((ChildOf(window), row(12.0))).id();
    for (i, n) in record.nations.iter().enumerate() {
        let spec = &sc.nations[i];
        let colour = theme.nation(&spec.colour, i);
        let played = record
            .moves
            .iter()
            .find(|m| m.nation == n.id)
            .map_or("—".to_string(), |m| sc.move_name(&m.move_id));
        let warheads = n
            .warheads
            .map_or(String::new(), |w| format!(" ({w} warheads)"));
        commands.spawn((
            ChildOf(nations),
            Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(4),
                padding: UiRect::all(px(12)),
                border: UiRect::all(px(2)),
                border_radius: BorderRadius::all(px(8)),
                width: px(370),
                ..default()
            },
            BorderColor::all(colour),
            BackgroundColor(palette::PANEL),
            children![
                label(spec.name.clone(), &fonts.bold, size::TITLE, colour),
                label(
                    format!("Arms {:.1}{warheads}", n.arms),
                    &fonts.bold,
                    size::BODY,
                    palette::TEXT
                ),
                label(
                    format!(
                        "Alert {} · approval {:.0} · budget {:.0} · score {:.0}",
                        n.alert, n.approval, n.budget, n.score
                    ),
                    &fonts.regular,
                    size::SMALL,
                    palette::TEXT
                ),
                label(
                    format!("Last move, really: {played}"),
                    &fonts.regular,
                    size::SMALL,
                    palette::MUTED
                ),
            ],
        ));
    }
    let pairs = section(
        &mut commands,
        window,
        "Trust and transparency, each way (what each believes of the other's arms)",
        &fonts,
    );
    for r in &record.relations {
        commands.spawn((
            ChildOf(pairs),
            Node {
                width: px(370),
                padding: UiRect::axes(px(8), px(4)),
                ..default()
            },
            BackgroundColor(palette::PANEL_RAISED),
            children![label(
                format!(
                    "{} → {}: trust {:.0}, transparency {:.0}, believes arms {:.0}",
                    sc.nation_name(&r.from),
                    sc.nation_name(&r.to),
                    r.trust,
                    r.transparency,
                    r.belief
                ),
                &fonts.regular,
                size::SMALL,
                palette::TEXT
            )],
        ));
    }
    commands.spawn((
        ChildOf(window),
        row(10.0),
        children![keyed_button(
            "Hide from the room",
            KeyCode::Escape,
            &fonts,
            hide_projector
        )],
    ));
}

/// Where "Hide from the room" goes: back to the facilitator's panel, unless the projector was
/// opened on its own (the host window's roster).
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectorReturns(pub Menu);

fn hide_projector(
    _: On<Activate>,
    returns: Option<Res<ProjectorReturns>>,
    mut next: ResMut<NextState<Menu>>,
) {
    next.set(returns.map_or(Menu::Facilitator, |r| r.0));
}

//! The end of a match: the outcome, why it came about (turning points from the history), the
//! final charts with the true numbers, the scores, and the way to play again.

use super::game::charts::{charts, spawn_chart};
use super::{PlayerView, Screen, begin_match};
use crate::desktop::screens::MatchSetup;
use crate::desktop::theme::widgets::{keyed_button, label, row};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use crate::sim::Rules;
use crate::sim::archive::narrate;
use crate::sim::archive::story::{PointKind, turning_points};
use crate::sim::play::session::fresh_seed;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::End), spawn_end);
}

#[derive(Component)]
pub struct PlayAgainButton;

const CHART: (u32, u32) = (300, 150);

fn spawn_end(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    theme: Res<Theme>,
    rules: Option<Res<Rules>>,
    view: Option<Res<PlayerView>>,
    mut images: ResMut<Assets<Image>>,
) {
    let (Some(rules), Some(view)) = (rules, view) else {
        return;
    };
    let sc = &rules.scenario;
    let history = view.records.get(1..).unwrap_or(&[]);
    let last = view.records.last();
    let turns = history.len();
    let (heading, outcome) = match view.outcome {
        Some(o) => (outcome_title(o).to_string(), o),
        None => {
            let now = last.map_or(crate::sim::Regime::Unsettled, |r| r.regime);
            (format!("Stopped after {turns} turns"), now)
        }
    };
    let root = commands
        .spawn((
            DespawnOnExit(Screen::End),
            Node {
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                padding: UiRect::axes(px(28), px(18)),
                row_gap: px(10),
                ..default()
            },
            bevy::input_focus::tab_navigation::TabGroup::new(0),
        ))
        .id();
    commands.spawn((
        ChildOf(root),
        label(heading, &fonts.bold, size::HEADING, theme.outcome(outcome)),
    ));
    commands.spawn((
        ChildOf(root),
        Node {
            max_width: px(1200),
            ..default()
        },
        children![label(
            narrate::outcome(outcome, history),
            &fonts.regular,
            size::BODY,
            palette::TEXT
        )],
    ));
    let body = commands
        .spawn((
            ChildOf(root),
            Node {
                flex_grow: 1.0,
                min_height: px(0),
                flex_direction: FlexDirection::Row,
                column_gap: px(24),
                ..default()
            },
        ))
        .id();
    let left = commands
        .spawn((
            ChildOf(body),
            Node {
                width: px(520),
                flex_direction: FlexDirection::Column,
                row_gap: px(5),
                overflow: Overflow::clip_y(),
                ..default()
            },
        ))
        .id();
    commands.spawn((
        ChildOf(left),
        label("Turning points", &fonts.bold, size::TITLE, palette::TITLE),
    ));
    let start_trust = view
        .records
        .first()
        .map_or(50.0, crate::sim::archive::story::mean_trust);
    let points = turning_points(sc, history, start_trust);
    if points.is_empty() {
        commands.spawn((
            ChildOf(left),
            label(
                "None: the match never turned.",
                &fonts.regular,
                size::BODY,
                palette::MUTED,
            ),
        ));
    }
    let shown = 12;
    for p in points.iter().take(shown) {
        let colour = match p.kind() {
            PointKind::Misreading | PointKind::Crisis => theme.warning,
            PointKind::TreatyBroken | PointKind::TrustCollapsed | PointKind::Exchange => {
                theme.hostile
            }
            PointKind::TreatySigned | PointKind::TrustTookOff => theme.good,
            PointKind::RegimeChanged => palette::TEXT,
        };
        commands.spawn((
            ChildOf(left),
            label(
                format!("Turn {}: {}", p.turn, narrate::point(sc, &p.point)),
                &fonts.regular,
                size::SMALL,
                colour,
            ),
        ));
    }
    if points.len() > shown {
        commands.spawn((
            ChildOf(left),
            label(
                format!("… and {} more", points.len() - shown),
                &fonts.regular,
                size::SMALL,
                palette::MUTED,
            ),
        ));
    }
    if let Some(last) = last {
        commands.spawn((
            ChildOf(left),
            label("Scores", &fonts.bold, size::TITLE, palette::TITLE),
            Node {
                margin: UiRect::top(px(8)),
                ..default()
            },
        ));
        for (i, n) in last.nations.iter().enumerate() {
            let who = if i == view.player { " (you)" } else { "" };
            commands.spawn((
                ChildOf(left),
                label(
                    format!("{}{who}: {:.0}", sc.nations[i].name, n.score),
                    &fonts.bold,
                    size::BODY,
                    theme.nation(&sc.nations[i].colour, i),
                ),
            ));
        }
        commands.spawn((
            ChildOf(left),
            label(
                "Scores add up each turn's payoffs on the true moves: the prisoner's dilemma, and chicken between the parties to a crisis.",
                &fonts.regular,
                size::TINY,
                palette::MUTED,
            ),
        ));
    }
    let grid = commands
        .spawn((
            ChildOf(body),
            Node {
                display: Display::Grid,
                grid_template_columns: RepeatedGridTrack::flex(2, 1.0),
                row_gap: px(8),
                column_gap: px(18),
                align_content: AlignContent::Start,
                ..default()
            },
        ))
        .id();
    for chart in charts(&rules, &view.records, &theme, CHART) {
        spawn_chart(
            &mut commands,
            grid,
            chart,
            turns.max(1),
            CHART,
            &fonts,
            &mut images,
        );
    }
    let buttons = commands.spawn((ChildOf(root), row(14.0))).id();
    commands.spawn((
        ChildOf(buttons),
        PlayAgainButton,
        keyed_button("Play again", KeyCode::Enter, &fonts, play_again),
    ));
    commands.spawn((
        ChildOf(buttons),
        keyed_button("Another scenario", KeyCode::KeyN, &fonts, another),
    ));
    commands.spawn((
        ChildOf(buttons),
        keyed_button("Title", KeyCode::Escape, &fonts, to_title),
    ));
}

pub fn outcome_title(o: crate::sim::Regime) -> &'static str {
    match o {
        crate::sim::Regime::Mas => "Mutually assured stability",
        crate::sim::Regime::Mad => "Mutually assured destruction",
        crate::sim::Regime::Catastrophe => "Catastrophe",
        crate::sim::Regime::Unsettled => "Unsettled",
    }
}

/// The same setup with a new seed.
fn play_again(_: On<Activate>, mut commands: Commands) {
    commands.queue(|world: &mut World| {
        if let Some(mut setup) = world.get_resource_mut::<MatchSetup>() {
            setup.seed = fresh_seed().wrapping_add(setup.seed);
        }
        begin_match(world);
    });
}

fn another(_: On<Activate>, mut next: ResMut<NextState<Screen>>) {
    next.set(Screen::Picker);
}

fn to_title(_: On<Activate>, mut next: ResMut<NextState<Screen>>) {
    next.set(Screen::Title);
}

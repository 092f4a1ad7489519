//! The facilitator's panel: pause, force an event, the projector, roll back, parameters, export.

use super::FacilitatorStatus;
use crate::desktop::screens::{Menu, PlayerView, despawn_all};
use crate::desktop::theme::widgets::{
    Selected, Tooltip, keyed_button, label, modal, row, small_button, small_keyed_button,
};
use crate::desktop::theme::{UiFonts, palette, size};
use crate::files::{data_dir, write_all_atomic};
use crate::sim::Rules;
use crate::sim::archive::snapshot::MatchState;
use crate::sim::play::session::{Facilitate, MatchPaused};
use crate::sim::play::state::Orders;
use crate::sim::scenario::EventIndex;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use std::path::PathBuf;

/// A control of the panel.
#[derive(Component, Debug, Clone, PartialEq)]
pub enum FacilitatorButton {
    Pause,
    Projector,
    Export,
    Inject(EventIndex),
    RollBack(u32),
    Param { key: String, step: f64 },
}

#[derive(Component)]
pub(super) struct PanelRoot;

/// The model parameters the panel offers, with what they mean.
pub const PARAMETERS: [(&str, &str); 8] = [
    (
        "params.perception.sigma",
        "Misperception: how noisily moves are read",
    ),
    (
        "params.execution_noise",
        "Execution errors: a move carried out as the other",
    ),
    ("params.trust.gain", "Trust gained from a cooperative move"),
    ("params.trust.loss", "Trust lost to a hostile move"),
    (
        "params.transparency.decay",
        "Transparency lost each turn without work",
    ),
    ("params.arms.k", "Arms race: reaction to the other's arms"),
    ("params.threats.growth", "Shared threats' growth each turn"),
    ("params.risk.base", "Base chance of an accident each turn"),
];

pub(super) fn respawn_panel(world: &mut World) {
    despawn_all::<PanelRoot>(world);
    let _ = world.run_system_cached(spawn_panel);
}

/// A compact button for the panel's lists.
fn small(text: String, fonts: &UiFonts) -> impl Bundle {
    small_button(text, fonts, press)
}

pub(super) fn section(
    commands: &mut Commands,
    parent: Entity,
    title: &str,
    fonts: &UiFonts,
) -> Entity {
    commands.spawn((
        ChildOf(parent),
        label(title.to_string(), &fonts.bold, size::BODY, palette::MUTED),
    ));
    commands
        .spawn((
            ChildOf(parent),
            Node {
                flex_direction: FlexDirection::Row,
                flex_wrap: FlexWrap::Wrap,
                row_gap: px(6),
                column_gap: px(6),
                ..default()
            },
        ))
        .id()
}

/// A parameter's current value, read from the rules by its dotted key.
fn parameter(rules: &Rules, key: &str) -> Option<f64> {
    let mut node = serde_json::to_value(&rules.scenario).ok()?;
    for part in key.split('.') {
        node = node.get(part)?.clone();
    }
    node.as_f64()
}

pub(super) fn spawn_panel(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    rules: Res<Rules>,
    view: Option<Res<PlayerView>>,
    paused: Res<MatchPaused>,
    orders: Query<&Orders>,
    status: Res<FacilitatorStatus>,
    hosted: Option<Res<crate::desktop::screens::host::Mirrored>>,
) {
    let Some(view) = view else { return };
    // From the host window: which of the class's matches.
    let which = hosted.map_or(String::new(), |m| format!("match {} · ", m.0 + 1));
    let injected = orders
        .get(view.entity)
        .map(|o| o.injected.clone())
        .unwrap_or_default();
    let turn = view.records.last().map_or(0, |r| r.turn);
    let (backdrop, window) = modal(7, 1160.0);
    let backdrop = commands
        .spawn((DespawnOnExit(Menu::Facilitator), PanelRoot, backdrop))
        .id();
    let window = commands.spawn((ChildOf(backdrop), window)).id();
    commands.spawn((
        ChildOf(window),
        row(16.0),
        children![
            label("Facilitator", &fonts.bold, size::HEADING, palette::TITLE),
            label(
                format!(
                    "{which}{} · turn {} · {}",
                    rules.scenario.title,
                    turn + 1,
                    if paused.0 { "paused" } else { "in play" }
                ),
                &fonts.regular,
                size::BODY,
                palette::MUTED
            ),
        ],
    ));
    let actions = commands.spawn((ChildOf(window), row(10.0))).id();
    for (button, text, key) in [
        (
            FacilitatorButton::Pause,
            if paused.0 {
                "Resume the match"
            } else {
                "Pause the match"
            },
            KeyCode::KeyP,
        ),
        (
            FacilitatorButton::Projector,
            "Show the true state to the room",
            KeyCode::KeyT,
        ),
        (
            FacilitatorButton::Export,
            "Export the game so far",
            KeyCode::KeyX,
        ),
    ] {
        commands.spawn((
            ChildOf(actions),
            button,
            small_keyed_button(text, key, &fonts, press),
        ));
    }
    let events = section(
        &mut commands,
        window,
        "Force an event into the next turn (press again to cancel)",
        &fonts,
    );
    for (index, event) in EventIndex::all(&rules.scenario.events).zip(&rules.scenario.events) {
        let on = injected.contains(&index);
        let mut b = commands.spawn((
            ChildOf(events),
            FacilitatorButton::Inject(index),
            small(
                if on {
                    format!("✓ {}", event.name)
                } else {
                    event.name.clone()
                },
                &fonts,
            ),
            Tooltip(event.description.clone()),
        ));
        if on {
            b.insert(Selected);
        }
    }
    let turns = section(
        &mut commands,
        window,
        "Roll back to the end of a turn, and play on from there",
        &fonts,
    );
    for t in 0..turn {
        commands.spawn((
            ChildOf(turns),
            FacilitatorButton::RollBack(t),
            small(
                if t == 0 {
                    "The start".into()
                } else {
                    format!("End of turn {t}")
                },
                &fonts,
            ),
        ));
    }
    if turn == 0 {
        commands.spawn((
            ChildOf(turns),
            label(
                "No turn played yet.",
                &fonts.regular,
                size::SMALL,
                palette::MUTED,
            ),
        ));
    }
    let params = section(
        &mut commands,
        window,
        "Change a parameter for the rest of the match",
        &fonts,
    );
    for (key, meaning) in PARAMETERS {
        let Some(value) = parameter(&rules, key) else {
            continue;
        };
        let step = step_for(value);
        commands.spawn((
            ChildOf(params),
            Node {
                width: px(550),
                align_items: AlignItems::Center,
                column_gap: px(6),
                ..default()
            },
            children![
                (
                    Node {
                        width: px(330),
                        ..default()
                    },
                    children![label(
                        format!("{meaning}: {}", trim(value)),
                        &fonts.regular,
                        size::SMALL,
                        palette::TEXT
                    )],
                ),
                (
                    FacilitatorButton::Param {
                        key: key.into(),
                        step: -step,
                    },
                    small(format!("− {}", trim(step)), &fonts),
                ),
                (
                    FacilitatorButton::Param {
                        key: key.into(),
                        step,
                    },
                    small(format!("+ {}", trim(step)), &fonts),
                ),
            ],
        ));
    }
    commands.spawn((
        ChildOf(window),
        label(
            if status.0.is_empty() {
                "Changes here are recorded with the game: a replay repeats them.".to_string()
            } else {
                status.0.clone()
            },
            &fonts.bold,
            size::SMALL,
            palette::TITLE,
        ),
    ));
    commands.spawn((
        ChildOf(window),
        row(10.0),
        children![keyed_button("Close", KeyCode::Escape, &fonts, close)],
    ));
}

/// A fifth of the value, to two significant digits (0.01 from zero).
fn step_for(value: f64) -> f64 {
    if value == 0.0 {
        return 0.01;
    }
    let step = value.abs() * 0.2;
    let scale = 10f64.powi(step.log10().floor() as i32 - 1);
    (step / scale).round() * scale
}

fn trim(x: f64) -> String {
    let s = format!("{x:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn press(
    activate: On<Activate>,
    buttons: Query<&FacilitatorButton>,
    rules: Res<Rules>,
    paused: Res<MatchPaused>,
    orders: Query<&Orders>,
    view: Option<Res<PlayerView>>,
    mut facilitate: MessageWriter<Facilitate>,
    mut next: ResMut<NextState<Menu>>,
    mut commands: Commands,
) {
    let Ok(button) = buttons.get(activate.entity) else {
        return;
    };
    match button {
        FacilitatorButton::Pause => {
            facilitate.write(Facilitate::Pause(!paused.0));
        }
        FacilitatorButton::Projector => next.set(Menu::Projector),
        FacilitatorButton::Export => commands.queue(export),
        FacilitatorButton::Inject(event) => {
            let on = view
                .and_then(|v| orders.get(v.entity).ok())
                .is_none_or(|o| !o.injected.contains(event));
            facilitate.write(Facilitate::Inject { event: *event, on });
        }
        FacilitatorButton::RollBack(turn) => {
            facilitate.write(Facilitate::RollBack(*turn));
            next.set(Menu::None);
        }
        FacilitatorButton::Param { key, step } => {
            if let Some(value) = parameter(&rules, key) {
                let new = ((value + step) * 1e6).round() / 1e6;
                facilitate.write(Facilitate::SetParam(format!("{key}={new}")));
            }
        }
    }
}

/// Where exports go: the data folder's `exports/`, else the working directory.
fn export_dir() -> PathBuf {
    data_dir().map_or_else(|| PathBuf::from("."), |d| d.join("exports"))
}

/// Writes the game so far in `simulate --json` form.
fn export(world: &mut World) {
    let result = (|| {
        let view = world.get_resource::<PlayerView>().ok_or("no match")?;
        let state = MatchState::capture(world, view.entity).ok_or("no match")?;
        let recording = world
            .get::<crate::sim::archive::journal::Recording>(view.entity)
            .ok_or("no recording")?;
        let rules = world.resource::<Rules>();
        let json = crate::sim::archive::export::match_json(
            rules,
            &state,
            recording,
            "exported by the facilitator from a match played in the window (its save replays it)",
        );
        let dir = export_dir();
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = dir.join(format!(
            "{}-seed{}-turn{}.json",
            rules.scenario.id, state.rng.seed, state.globals.turn
        ));
        write_all_atomic(&[(path.as_path(), json.as_bytes())]).map_err(|e| e.to_string())?;
        Ok::<PathBuf, String>(path)
    })();
    world.resource_mut::<FacilitatorStatus>().0 = match result {
        Ok(path) => format!(
            "Exported to {} (make a report with: detente report {})",
            path.display(),
            path.display()
        ),
        Err(e) => format!("Export failed: {e}"),
    };
}

fn close(_: On<Activate>, mut next: ResMut<NextState<Menu>>) {
    next.set(Menu::None);
}

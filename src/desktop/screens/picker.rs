//! The scenario browser: every file in `scenarios/`, with its title, year, nations and story.

use super::Screen;
use crate::desktop::theme::{UiFonts, button, label, palette};
use crate::sim::load::{load_scenario, scenario_dir};
use crate::sim::scenario::Scenario;
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Picker), spawn_picker);
    app.add_systems(Update, picker_keys.run_if(in_state(Screen::Picker)));
}

/// Every scenario that loads, sorted by year; files with problems are left out (`detente check`
/// reports them).
fn shipped_scenarios() -> Vec<Scenario> {
    let mut scenarios: Vec<Scenario> = std::fs::read_dir(scenario_dir())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter_map(|p| load_scenario(&p).ok().map(|l| l.scenario))
        .collect();
    scenarios.sort_by_key(|s| s.year);
    scenarios
}

fn spawn_picker(mut commands: Commands, fonts: Res<UiFonts>) {
    let root = commands
        .spawn((
            DespawnOnExit(Screen::Picker),
            crate::desktop::theme::screen_root(),
        ))
        .id();
    commands.spawn((
        ChildOf(root),
        label("Choose a scenario", &fonts.bold, 40.0, palette::TITLE),
    ));
    for s in shipped_scenarios() {
        let nations: Vec<&str> = s.nations.iter().map(|n| n.name.as_str()).collect();
        commands.spawn((
            ChildOf(root),
            crate::desktop::theme::card(),
            children![
                label(
                    format!("{}  ·  {}", s.title, nations.join(", ")),
                    &fonts.bold,
                    22.0,
                    palette::TEXT
                ),
                label(s.description.clone(), &fonts.regular, 16.0, palette::MUTED),
                label(
                    format!(
                        "{} turns of {}  ·  headless: detente simulate {}",
                        s.turns, s.turn_length, s.id
                    ),
                    &fonts.regular,
                    14.0,
                    palette::MUTED
                ),
            ],
        ));
    }
    commands.spawn((ChildOf(root), button("Back  (Esc)", &fonts, back)));
}

fn back(_: On<Pointer<Click>>, mut next: ResMut<NextState<Screen>>) {
    next.set(Screen::Title);
}

fn picker_keys(keys: Res<ButtonInput<KeyCode>>, mut next: ResMut<NextState<Screen>>) {
    if keys.just_pressed(KeyCode::Escape) {
        next.set(Screen::Title);
    }
}

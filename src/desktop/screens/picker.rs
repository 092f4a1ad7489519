//! The scenario browser: every file in `scenarios/`, with its title, year, nations and story.
//! Choosing one leads to the setup screen.

use super::{MatchSetup, Screen};
use crate::desktop::theme::widgets::{
    Shortcut, activatable, key_cap, key_name, keyed_button, label, number_key, screen_root,
};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use crate::sim::Rules;
use crate::sim::load::{load_scenario, scenario_dir};
use crate::sim::scenario::Scenario;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Picker), spawn_picker);
}

/// A scenario's card; activating it picks that scenario.
#[derive(Component, Debug, Clone)]
pub struct ScenarioCard(pub String);

/// Every scenario that loads, sorted by year; files with problems are left out (`detente check`
/// reports them).
pub fn shipped_scenarios() -> Vec<Scenario> {
    let mut scenarios: Vec<Scenario> = std::fs::read_dir(scenario_dir())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter_map(|p| load_scenario(&p).ok().map(|l| l.scenario))
        .collect();
    scenarios.sort_by(|a, b| (a.year, &a.id).cmp(&(b.year, &b.id)));
    scenarios
}

fn spawn_picker(mut commands: Commands, fonts: Res<UiFonts>, theme: Res<Theme>) {
    let root = commands
        .spawn((DespawnOnExit(Screen::Picker), screen_root()))
        .id();
    commands.spawn((
        ChildOf(root),
        label(
            "Choose a scenario",
            &fonts.bold,
            size::HEADING,
            palette::TITLE,
        ),
    ));
    let scenarios = shipped_scenarios();
    if scenarios.is_empty() {
        commands.spawn((
            ChildOf(root),
            label(
                format!("No scenarios found in {}", scenario_dir().display()),
                &fonts.regular,
                size::BODY,
                theme.warning,
            ),
        ));
    }
    for (i, s) in scenarios.into_iter().enumerate() {
        let card = commands
            .spawn((
                ChildOf(root),
                ScenarioCard(s.id.clone()),
                activatable(pick),
                Node {
                    width: px(920),
                    flex_direction: FlexDirection::Column,
                    row_gap: px(4),
                    padding: UiRect::axes(px(16), px(10)),
                    border: UiRect::all(px(1)),
                    border_radius: BorderRadius::all(px(8)),
                    ..default()
                },
                BorderColor::all(palette::BORDER),
            ))
            .id();
        if let Some(key) = number_key(i) {
            commands.entity(card).insert(Shortcut(key));
        }
        let heading = commands
            .spawn((ChildOf(card), crate::desktop::theme::widgets::row(10.0)))
            .id();
        if let Some(key) = number_key(i) {
            commands.spawn((ChildOf(heading), key_cap(key_name(key), &fonts)));
        }
        commands.spawn((
            ChildOf(heading),
            label(
                format!("{}  ·  {}", s.title, s.year),
                &fonts.bold,
                size::TITLE,
                palette::TEXT,
            ),
        ));
        for (n, nation) in s.nations.iter().enumerate() {
            commands.spawn((
                ChildOf(heading),
                label(
                    format!("● {}", nation.name),
                    &fonts.bold,
                    size::SMALL,
                    theme.nation(&nation.colour, n),
                ),
            ));
        }
        commands.spawn((
            ChildOf(card),
            label(
                s.description.clone(),
                &fonts.regular,
                size::BODY,
                palette::MUTED,
            ),
        ));
        commands.spawn((
            ChildOf(card),
            label(
                format!("{} turns of {}", s.turns, s.turn_length),
                &fonts.regular,
                size::SMALL,
                palette::MUTED,
            ),
        ));
    }
    commands.spawn((
        ChildOf(root),
        keyed_button("Back", KeyCode::Escape, &fonts, back),
    ));
}

fn pick(
    activate: On<Activate>,
    cards: Query<&ScenarioCard>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    let Ok(ScenarioCard(id)) = cards.get(activate.entity) else {
        return;
    };
    let Some(scenario) = shipped_scenarios().into_iter().find(|s| &s.id == id) else {
        return;
    };
    let rules = Rules::new(scenario);
    commands.insert_resource(MatchSetup::new(&rules, fresh_seed()));
    commands.insert_resource(rules);
    next.set(Screen::Setup);
}

/// A seed for a new match from the clock (shown on the setup screen, so a match can be replayed
/// headless with `detente simulate --seed`).
pub fn fresh_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_secs() % 1_000_000)
}

fn back(_: On<Activate>, mut next: ResMut<NextState<Screen>>) {
    next.set(Screen::Title);
}

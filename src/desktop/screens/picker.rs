//! The scenario browser: every scenario there is (the built-in ones and one's own, see
//! `sim::scenario::catalog`), with its title, year, nations and story; one's own files that do not load
//! are listed with the reason. Choosing one leads to the setup screen.

use super::host::HostForm;
use super::{MatchSetup, Screen};
use crate::desktop::theme::interaction::scroll_with_wheel;
use crate::desktop::theme::widgets::{
    Shortcut, activatable, key_cap, key_name, keyed_button, label, number_key, screen_root,
};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use crate::sim::Rules;
use crate::sim::play::session::fresh_seed;
use crate::sim::scenario::Scenario;
use crate::sim::scenario::catalog::{self, Place};
use bevy::prelude::*;
use bevy::ui_widgets::{Activate, observe};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Picker), spawn_picker);
}

/// A scenario's card, by the name it is found under; activating it picks that scenario.
#[derive(Component, Debug, Clone)]
pub struct ScenarioCard(pub String);

/// A scenario on offer: its name, where it is, and the scenario.
pub struct Offered {
    pub name: String,
    pub place: Place,
    pub scenario: Scenario,
}

/// Every scenario that loads, sorted by year, and the errors of those that do not.
pub fn offered_scenarios() -> (Vec<Offered>, Vec<String>) {
    let mut offered = Vec::new();
    let mut broken = Vec::new();
    for (entry, loaded) in catalog::load_all() {
        match loaded {
            Ok(loaded) => offered.push(Offered {
                name: entry.name,
                place: entry.place,
                scenario: loaded.scenario,
            }),
            Err(e) => broken.push(e.to_string()),
        }
    }
    offered.sort_by(|a, b| (a.scenario.year, &a.name).cmp(&(b.scenario.year, &b.name)));
    (offered, broken)
}

fn spawn_picker(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    theme: Res<Theme>,
    hosting: Option<Res<HostForm>>,
) {
    let root = commands
        .spawn((DespawnOnExit(Screen::Picker), screen_root()))
        .id();
    commands.spawn((
        ChildOf(root),
        label(
            if hosting.is_some() {
                "Choose a scenario for the class"
            } else {
                "Choose a scenario"
            },
            &fonts.bold,
            size::HEADING,
            palette::TITLE,
        ),
    ));
    let (scenarios, broken) = offered_scenarios();
    // Built-in scenarios and one's own: the list scrolls when it is longer than the window.
    let list = commands
        .spawn((
            ChildOf(root),
            Node {
                width: px(940),
                max_height: px(560),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                row_gap: px(14),
                overflow: Overflow::scroll_y(),
                ..default()
            },
            ScrollPosition::default(),
            observe(scroll_with_wheel),
        ))
        .id();
    for problem in broken {
        commands.spawn((
            ChildOf(root),
            label(
                format!("Not offered: {problem}"),
                &fonts.regular,
                size::SMALL,
                theme.warning,
            ),
        ));
    }
    for (i, offer) in scenarios.into_iter().enumerate() {
        let s = &offer.scenario;
        let card = commands
            .spawn((
                ChildOf(list),
                ScenarioCard(offer.name.clone()),
                activatable(pick),
                Node {
                    width: px(920),
                    flex_direction: FlexDirection::Column,
                    row_gap: px(4),
                    padding: UiRect::axes(px(16), px(10)),
                    border: UiRect::all(px(1)),
                    border_radius: BorderRadius::all(px(8)),
                    flex_shrink: 0.0,
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
            label(s.title_and_year(), &fonts.bold, size::TITLE, palette::TEXT),
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
        let own = match &offer.place {
            Place::BuiltIn => String::new(),
            place => format!("  ·  your own, {}", place.describe()),
        };
        commands.spawn((
            ChildOf(card),
            label(
                format!("{} turns of {}{own}", s.turns, s.turn_length),
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
    hosting: Option<Res<HostForm>>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    let Ok(ScenarioCard(name)) = cards.get(activate.entity) else {
        return;
    };
    let scenario = match catalog::open(name) {
        Ok(loaded) => loaded.scenario,
        Err(e) => {
            warn!("{e}");
            return;
        }
    };
    let rules = Rules::new(scenario);
    commands.insert_resource(MatchSetup::new(&rules, fresh_seed()));
    commands.insert_resource(rules);
    // Picked for a class to host (the title's "Host a class"), or for a game here.
    next.set(if hosting.is_some() {
        Screen::HostSetup
    } else {
        Screen::Setup
    });
}

fn back(_: On<Activate>, mut commands: Commands, mut next: ResMut<NextState<Screen>>) {
    commands.remove_resource::<HostForm>();
    next.set(Screen::Title);
}

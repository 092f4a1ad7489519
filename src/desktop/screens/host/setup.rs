//! "Host a class" from the title screen: the scenario (picked on the picker), how many matches
//! and whether each gets a seed of its own; then the class starts as `detente host` would
//! (port 8080, a passphrase made up for the teacher's page, autosaves in the data folder) and
//! the window becomes the host window. Starting is `cli`'s (`launch::HostStarter`): the
//! desktop never imports it.

use super::{Hosted, Starter};
use crate::desktop::screens::Screen;
use crate::desktop::theme::widgets::{
    Selected, activatable, keyed_button, label, row, screen_root,
};
use crate::desktop::theme::{UiFonts, palette, size};
use crate::launch::HostRequest;
use crate::sim::Rules;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use bevy::winit::{UpdateMode, WinitSettings};
use std::time::Duration;

/// The most matches one host runs (as `detente host --matches`).
const MAX_MATCHES: usize = 50;
/// The form's turns change by this much, up to `MAX_TURNS`.
const TURN_STEP: u32 = 5;
const MAX_TURNS: u32 = 200;
/// About as many turns as a lesson has time for (`docs/classroom.md`).
const LESSON_TURNS: u32 = 10;

/// The class being set up: present from "Host a class" until hosting starts or the teacher
/// goes back to the title. The picker picks its scenario while it is present.
#[derive(Resource, Debug, Clone, PartialEq, Default)]
pub struct HostForm {
    pub matches: usize,
    pub different_seeds: bool,
    /// Turns a match lasts (the scenario's own count until changed).
    pub turns: Option<u32>,
    /// Why the last start failed (a port in use…), in words.
    pub problem: Option<String>,
}

/// The form's controls (the tests press them).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostFormButton {
    Fewer,
    More,
    Shorter,
    Longer,
    SameSeed,
    OwnSeeds,
    Start,
}

#[derive(Component)]
struct FormRoot;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::HostSetup), spawn_form)
        .add_systems(
            Update,
            respawn_form.run_if(
                in_state(Screen::HostSetup).and_then(resource_exists_and_changed::<HostForm>),
            ),
        );
}

/// The title's "Host a class": the picker picks the scenario for it.
pub fn host_a_class(_: On<Activate>, mut commands: Commands, mut next: ResMut<NextState<Screen>>) {
    commands.insert_resource(HostForm {
        matches: 1,
        ..default()
    });
    next.set(Screen::Picker);
}

fn respawn_form(world: &mut World) {
    crate::desktop::screens::despawn_all::<FormRoot>(world);
    world.run_system_cached(spawn_form).ok();
}

fn spawn_form(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    form: Option<Res<HostForm>>,
    rules: Option<Res<Rules>>,
) {
    let (Some(form), Some(rules)) = (form, rules) else {
        return;
    };
    let sc = &rules.scenario;
    let root = commands
        .spawn((DespawnOnExit(Screen::HostSetup), FormRoot, screen_root()))
        .id();
    let line = |commands: &mut Commands, text: String, font: &Handle<Font>, big: f32, colour| {
        commands.spawn((ChildOf(root), label(text, font, big, colour)));
    };
    line(
        &mut commands,
        "Host a class".into(),
        &fonts.bold,
        size::HEADING,
        palette::TITLE,
    );
    line(
        &mut commands,
        sc.title.clone(),
        &fonts.bold,
        size::TITLE,
        palette::TEXT,
    );
    let nations = sc.nations.len();
    let turns = form.turns.unwrap_or(sc.turns);
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    line(
        &mut commands,
        format!(
            "{} of {} nations each: seats for {}, {} a match ({} turns fit a lesson).",
            plural(form.matches, "match", "matches"),
            nations,
            plural(form.matches * nations, "team", "teams"),
            plural(turns as usize, "turn", "turns"),
            LESSON_TURNS
        ),
        &fonts.regular,
        size::BODY,
        palette::MUTED,
    );
    let matches = commands.spawn((ChildOf(root), row(12.0))).id();
    commands.spawn((
        ChildOf(matches),
        label("Matches", &fonts.bold, size::BODY, palette::TEXT),
    ));
    for (text, button) in [("−", HostFormButton::Fewer), ("+", HostFormButton::More)] {
        commands.spawn((ChildOf(matches), small(text, &fonts), button));
        if button == HostFormButton::Fewer {
            commands.spawn((
                ChildOf(matches),
                label(
                    form.matches.to_string(),
                    &fonts.bold,
                    size::TITLE,
                    palette::TITLE,
                ),
            ));
        }
    }
    let length = commands.spawn((ChildOf(root), row(12.0))).id();
    commands.spawn((
        ChildOf(length),
        label("Turns", &fonts.bold, size::BODY, palette::TEXT),
    ));
    commands.spawn((ChildOf(length), small("−", &fonts), HostFormButton::Shorter));
    commands.spawn((
        ChildOf(length),
        label(turns.to_string(), &fonts.bold, size::TITLE, palette::TITLE),
    ));
    commands.spawn((ChildOf(length), small("+", &fonts), HostFormButton::Longer));
    let seeds = commands.spawn((ChildOf(root), row(12.0))).id();
    for (text, button, on) in [
        (
            "The same game in every match",
            HostFormButton::SameSeed,
            !form.different_seeds,
        ),
        (
            "A different game in each",
            HostFormButton::OwnSeeds,
            form.different_seeds,
        ),
    ] {
        let mut b = commands.spawn((ChildOf(seeds), small(text, &fonts), button));
        if on {
            b.insert(Selected);
        }
    }
    line(
        &mut commands,
        "Teams join from a browser on this network (port 8080): the next screen shows the address, a QR code and the class code."
            .into(),
        &fonts.regular,
        size::SMALL,
        palette::MUTED,
    );
    if let Some(problem) = &form.problem {
        line(
            &mut commands,
            problem.clone(),
            &fonts.regular,
            size::BODY,
            palette::FOCUS,
        );
    }
    commands.spawn((
        ChildOf(root),
        keyed_button("Start hosting", KeyCode::Enter, &fonts, press),
        HostFormButton::Start,
    ));
    commands.spawn((
        ChildOf(root),
        keyed_button("Back", KeyCode::Escape, &fonts, back),
    ));
}

fn small(text: &str, fonts: &UiFonts) -> impl Bundle {
    (
        activatable(press),
        Node {
            padding: UiRect::axes(px(14), px(7)),
            border_radius: BorderRadius::all(px(6)),
            ..default()
        },
        children![label(
            text.to_string(),
            &fonts.bold,
            size::BODY,
            palette::TEXT
        )],
    )
}

fn press(
    activate: On<Activate>,
    buttons: Query<&HostFormButton>,
    mut form: ResMut<HostForm>,
    rules: Res<Rules>,
    starter: Option<Res<Starter>>,
    mut commands: Commands,
) {
    let Ok(button) = buttons.get(activate.entity) else {
        return;
    };
    match button {
        HostFormButton::Fewer => form.matches = form.matches.saturating_sub(1).max(1),
        HostFormButton::More => form.matches = (form.matches + 1).min(MAX_MATCHES),
        HostFormButton::Shorter | HostFormButton::Longer => {
            let now = form.turns.unwrap_or(rules.scenario.turns);
            form.turns = Some(if *button == HostFormButton::Shorter {
                now.saturating_sub(TURN_STEP).max(TURN_STEP)
            } else {
                (now + TURN_STEP - now % TURN_STEP).min(MAX_TURNS)
            });
        }
        HostFormButton::SameSeed => form.different_seeds = false,
        HostFormButton::OwnSeeds => form.different_seeds = true,
        HostFormButton::Start => {
            let Some(starter) = starter else {
                form.problem = Some("This window cannot host a class: run `detente host`.".into());
                return;
            };
            let request = HostRequest {
                scenario: rules.scenario.id.clone(),
                matches: form.matches,
                different_seeds: form.different_seeds,
                turns: form.turns,
            };
            match (starter.0.0)(&request) {
                Ok(launch) => {
                    commands.remove_resource::<HostForm>();
                    commands.insert_resource(Hosted::new(launch));
                    // The roster changes from the network: look about once a second.
                    commands.insert_resource(WinitSettings {
                        focused_mode: UpdateMode::reactive_low_power(Duration::from_secs(1)),
                        unfocused_mode: UpdateMode::reactive_low_power(Duration::from_secs(1)),
                    });
                }
                Err(why) => form.problem = Some(format!("Could not start: {why}")),
            }
        }
    }
}

fn back(_: On<Activate>, mut next: ResMut<NextState<Screen>>) {
    next.set(Screen::Picker);
}

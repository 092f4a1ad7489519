//! The setup screen: which nation you lead, whether other nations are played by more people at
//! this computer (hotseat) or by the computer, the strategy and personality of every AI, and
//! the facilitator's passphrase.

use super::facilitator::{FacilitatorAccess, ask_for_new_passphrase};
use super::{MatchSetup, Screen, begin_match};
use crate::desktop::theme::widgets::{
    Selected, Tooltip, activatable, keyed_button, label, row, screen_root,
};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use crate::sim::Rules;
use crate::sim::play::state::Controller;
use crate::sim::play::strategy::Strategy;
use bevy::input_focus::{InputFocus, InputFocusVisible};
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Setup), spawn_setup);
    app.add_systems(
        Update,
        respawn_setup
            .run_if(in_state(Screen::Setup).and_then(
                resource_changed::<MatchSetup>.or_else(resource_changed::<FacilitatorAccess>),
            ))
            .in_set(crate::desktop::Phase::Present),
    );
}

#[derive(Component)]
struct SetupRoot;

/// What a setup button changes; also how the focus finds its way back after a redraw.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
enum SetupChoice {
    Lead(usize),
    /// Person or computer, for a nation other than the one led.
    Seat(usize),
    Strategy(usize),
    Personality(usize),
}

/// The setup's button that sets the facilitator's passphrase.
#[derive(Component)]
pub struct PassphraseButton;

/// The setup's "Start" button.
#[derive(Component)]
pub struct StartButton;

fn spawn_setup(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    theme: Res<Theme>,
    rules: Option<Res<Rules>>,
    setup: Option<Res<MatchSetup>>,
    access: Res<FacilitatorAccess>,
) {
    let (Some(rules), Some(setup)) = (rules, setup) else {
        return;
    };
    let sc = &rules.scenario;
    let root = commands
        .spawn((DespawnOnExit(Screen::Setup), SetupRoot, screen_root()))
        .id();
    commands.spawn((
        ChildOf(root),
        label(sc.title.clone(), &fonts.bold, size::HEADING, palette::TITLE),
    ));
    commands.spawn((
        ChildOf(root),
        Node {
            max_width: px(900),
            ..default()
        },
        children![label(
            sc.description.clone(),
            &fonts.regular,
            size::BODY,
            palette::MUTED
        )],
    ));
    commands.spawn((
        ChildOf(root),
        label("You lead", &fonts.bold, size::TITLE, palette::TEXT),
        Node {
            margin: UiRect::top(px(10)),
            ..default()
        },
    ));
    let leads = commands.spawn((ChildOf(root), row(12.0))).id();
    for (i, nation) in sc.nations.iter().enumerate() {
        let b = commands
            .spawn((
                ChildOf(leads),
                SetupChoice::Lead(i),
                activatable(choose),
                Node {
                    min_width: px(220),
                    padding: UiRect::axes(px(18), px(10)),
                    justify_content: JustifyContent::Center,
                    border: UiRect::all(px(2)),
                    border_radius: BorderRadius::all(px(6)),
                    ..default()
                },
                BorderColor::all(theme.nation(&nation.colour, i)),
                children![label(
                    nation.name.clone(),
                    &fonts.bold,
                    size::BODY,
                    palette::TEXT
                )],
            ))
            .id();
        if i == setup.player {
            commands.entity(b).insert(Selected);
        }
    }
    commands.spawn((
        ChildOf(root),
        label(
            "The other nations: played by the computer (click to change how), or by another person at this computer, taking turns (hotseat):",
            &fonts.regular,
            size::BODY,
            palette::MUTED,
        ),
    ));
    let others = commands
        .spawn((
            ChildOf(root),
            Node {
                width: px(1000),
                flex_direction: FlexDirection::Column,
                row_gap: px(8),
                padding: UiRect::all(px(14)),
                border: UiRect::all(px(1)),
                border_radius: BorderRadius::all(px(8)),
                ..default()
            },
            BackgroundColor(palette::PANEL),
            BorderColor::all(palette::BORDER),
        ))
        .id();
    for (i, nation) in sc.nations.iter().enumerate() {
        if i == setup.player {
            continue;
        }
        let line = commands.spawn((ChildOf(others), row(12.0))).id();
        commands.spawn((
            ChildOf(line),
            Node {
                width: px(170),
                ..default()
            },
            children![label(
                nation.name.clone(),
                &fonts.bold,
                18.0,
                theme.nation(&nation.colour, i)
            )],
        ));
        let Controller::Ai {
            strategy,
            personality,
        } = setup.controllers[i]
        else {
            commands.spawn((
                ChildOf(line),
                SetupChoice::Seat(i),
                cycle_button("Played by a person", 170.0, &fonts),
                Tooltip(
                    "Hotseat: this nation is played by another person at this computer. Click to give it back to the computer."
                        .into(),
                ),
            ));
            continue;
        };
        commands.spawn((
            ChildOf(line),
            SetupChoice::Seat(i),
            cycle_button("Computer", 170.0, &fonts),
            Tooltip(
                "Click to have another person at this computer play this nation (hotseat): each sees only their own nation's view, and the computer is passed between turns."
                    .into(),
            ),
        ));
        let personality_name = rules
            .personalities
            .get(personality)
            .map_or("?", |p| p.name.as_str());
        let personality_text = sc
            .personalities
            .get(personality_name)
            .map_or(String::new(), |p| p.description.clone());
        commands.spawn((
            ChildOf(line),
            SetupChoice::Strategy(i),
            cycle_button(
                &format!("Strategy: {}", pretty(strategy.name())),
                320.0,
                &fonts,
            ),
            Tooltip(format!(
                "{}\n{}\nClick for the next strategy.",
                strategy.description(),
                crate::sim::play::strategy::EXECUTION_NOISE
            )),
        ));
        commands.spawn((
            ChildOf(line),
            SetupChoice::Personality(i),
            cycle_button(&format!("Personality: {personality_name}"), 260.0, &fonts),
            Tooltip(format!(
                "{personality_text}\nClick for the next personality."
            )),
        ));
    }
    commands.spawn((
        ChildOf(root),
        label(
            format!(
                "{} turns of {} · seed {} · {}",
                sc.turns,
                sc.turn_length,
                setup.seed,
                match sc.params.execution_noise {
                    n if n > 0.0 => format!(
                        "execution noise {:.0}% on the computer's seats, never on a person's moves",
                        n * 100.0
                    ),
                    _ => "no execution noise".to_string(),
                }
            ),
            &fonts.regular,
            size::SMALL,
            palette::MUTED,
        ),
    ));
    let buttons = commands.spawn((ChildOf(root), row(16.0))).id();
    commands.spawn((
        ChildOf(buttons),
        keyed_button("Back", KeyCode::Escape, &fonts, back),
    ));
    commands.spawn((
        ChildOf(buttons),
        PassphraseButton,
        keyed_button(
            if access.guard.is_some() {
                "Facilitator passphrase: set"
            } else {
                "Facilitator passphrase…"
            },
            KeyCode::KeyF,
            &fonts,
            |_: On<Activate>, mut commands: Commands| commands.queue(ask_for_new_passphrase),
        ),
        Tooltip(
            "For a teacher: a passphrase that opens the facilitator's controls from the pause menu (pause, force events, show the true state, roll back, change parameters, export)."
                .into(),
        ),
    ));
    commands.spawn((
        ChildOf(buttons),
        StartButton,
        keyed_button("Start", KeyCode::Enter, &fonts, start),
    ));
}

fn cycle_button(text: &str, width: f32, fonts: &UiFonts) -> impl Bundle {
    (
        activatable(choose),
        Node {
            width: px(width),
            padding: UiRect::axes(px(14), px(8)),
            border_radius: BorderRadius::all(px(6)),
            ..default()
        },
        children![label(
            format!("{text}  →"),
            &fonts.regular,
            size::BODY,
            palette::TEXT
        )],
    )
}

/// `tit_for_tat` as "tit for tat".
pub fn pretty(name: &str) -> String {
    name.replace('_', " ")
}

fn choose(
    activate: On<Activate>,
    choices: Query<&SetupChoice>,
    rules: Res<Rules>,
    mut setup: ResMut<MatchSetup>,
) {
    let Ok(choice) = choices.get(activate.entity) else {
        return;
    };
    let personalities = rules.personalities.len().max(1);
    match *choice {
        SetupChoice::Lead(i) => {
            if setup.player != i {
                // The seat left behind goes back to the scenario's own AI.
                let old = setup.player;
                setup.controllers[old] = rules.default_controllers()[old];
                setup.player = i;
            }
        }
        SetupChoice::Seat(i) => {
            setup.controllers[i] = match setup.controllers[i] {
                Controller::Human => rules.default_controllers()[i],
                Controller::Ai { .. } => Controller::Human,
            };
        }
        SetupChoice::Strategy(i) => {
            if let Controller::Ai { strategy, .. } = &mut setup.controllers[i] {
                let at = Strategy::ALL
                    .iter()
                    .position(|s| s == strategy)
                    .unwrap_or(0);
                *strategy = Strategy::ALL[(at + 1) % Strategy::ALL.len()];
            }
        }
        SetupChoice::Personality(i) => {
            if let Controller::Ai { personality, .. } = &mut setup.controllers[i] {
                *personality = (*personality + 1) % personalities;
            }
        }
    }
}

/// Redraws the screen after a change, keeping the focus on the same control.
fn respawn_setup(
    mut commands: Commands,
    roots: Query<Entity, With<SetupRoot>>,
    choices: Query<(Entity, &SetupChoice)>,
    mut focus: ResMut<InputFocus>,
    visible: Res<InputFocusVisible>,
    fonts: Res<UiFonts>,
    theme: Res<Theme>,
    rules: Option<Res<Rules>>,
    setup: Option<Res<MatchSetup>>,
    access: Res<FacilitatorAccess>,
) {
    let focused = focus
        .get()
        .and_then(|e| choices.get(e).ok())
        .map(|(_, c)| *c);
    for root in &roots {
        commands.entity(root).despawn();
    }
    focus.clear();
    spawn_setup(commands.reborrow(), fonts, theme, rules, setup, access);
    if let (Some(choice), true) = (focused, visible.0) {
        commands.queue(move |world: &mut World| {
            let mut q = world.query::<(Entity, &SetupChoice)>();
            if let Some(e) = q.iter(world).find(|(_, c)| **c == choice).map(|(e, _)| e) {
                world
                    .resource_mut::<InputFocus>()
                    .set(e, bevy::input_focus::FocusCause::Navigated);
            }
        });
    }
}

fn start(_: On<Activate>, mut commands: Commands) {
    commands.queue(begin_match);
}

fn back(_: On<Activate>, mut next: ResMut<NextState<Screen>>) {
    next.set(Screen::Picker);
}

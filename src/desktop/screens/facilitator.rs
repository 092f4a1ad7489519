//! The facilitator's controls: for the teacher running a class. From the pause menu (behind a
//! passphrase set at the start) or at once with `detente play --facilitator`:
//! - pause the match, so no seat can end the turn (they may still think and choose);
//! - force an event of the deck into the next turn;
//! - show the true state to the room (the projector view), and hide it again;
//! - roll back to the end of any earlier turn and play on from there (a fork);
//! - change a model parameter for the rest of the match;
//! - export the game so far as `simulate --json` does, for `detente report`.
//!
//! Every change to the match goes to the sim as a `Facilitate` command; the panel redraws from
//! what the sim reports back (`Facilitated`, or a refusal).

use super::{GameView, Menu, PlayerView, Screen};
use crate::desktop::theme::widgets::{
    Selected, Tooltip, activatable, keyed_button, label, modal, row, small_keyed_button,
};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use crate::files::{data_dir, write_all_atomic};
use crate::sim::Rules;
use crate::sim::record::MatchState;
use crate::sim::session::{Facilitate, Facilitated, MatchPaused, OrderRefused};
use crate::sim::state::{Globals, Orders};
use bevy::input::ButtonState;
use bevy::input::keyboard::KeyboardInput;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use std::path::PathBuf;

/// Who may open the facilitator's panel.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct FacilitatorAccess {
    /// Opened to whoever is at the computer for the whole session (`--facilitator`).
    pub always: bool,
    /// The panel opens without asking: until it is closed, after the passphrase.
    pub unlocked: bool,
    /// Set at the start of a session; asked for before the panel opens.
    pub passphrase: Option<String>,
}

impl FacilitatorAccess {
    /// Whether the pause menu offers the panel at all.
    pub fn available(&self) -> bool {
        self.always || self.unlocked || self.passphrase.is_some()
    }
}

/// What the passphrase box is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassphrasePurpose {
    /// Setting it, on the setup screen.
    Set,
    /// Opening the panel with it.
    Unlock,
}

/// The passphrase being typed.
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct PassphraseEntry {
    pub purpose: PassphrasePurpose,
    pub typed: String,
    pub wrong: bool,
}

/// The last thing the panel did, or the sim's reason for refusing it.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct FacilitatorStatus(pub String);

/// A control of the panel.
#[derive(Component, Debug, Clone, PartialEq)]
pub enum FacilitatorButton {
    Pause,
    Projector,
    Export,
    Inject(usize),
    RollBack(u32),
    Param { key: String, step: f64 },
}

#[derive(Component)]
struct PanelRoot;

#[derive(Component)]
struct PassphraseText;

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

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FacilitatorAccess>()
        .init_resource::<FacilitatorStatus>()
        .add_systems(OnEnter(Menu::Facilitator), spawn_panel)
        .add_systems(OnEnter(Menu::Passphrase), spawn_passphrase)
        .add_systems(OnEnter(Menu::Projector), spawn_projector)
        // Closing the panel locks it again: the next person at the computer must know the
        // passphrase to see the true state.
        .add_systems(OnEnter(Menu::None), lock)
        .add_systems(OnEnter(Menu::Pause), lock)
        .add_systems(
            Update,
            (
                hear_the_sim.run_if(resource_exists::<PlayerView>),
                respawn_panel.run_if(
                    in_state(Menu::Facilitator).and_then(resource_changed::<FacilitatorStatus>),
                ),
                type_passphrase.run_if(in_state(Menu::Passphrase)),
            )
                .chain(),
        );
}

/// Opens the panel, asking for the passphrase first unless it was given already.
pub fn open_facilitator(world: &mut World) {
    let access = world.resource::<FacilitatorAccess>().clone();
    let menu = if access.always || access.unlocked {
        Menu::Facilitator
    } else if access.passphrase.is_some() {
        world.insert_resource(PassphraseEntry {
            purpose: PassphrasePurpose::Unlock,
            typed: String::new(),
            wrong: false,
        });
        Menu::Passphrase
    } else {
        return;
    };
    world.resource_mut::<NextState<Menu>>().set(menu);
}

fn lock(mut access: ResMut<FacilitatorAccess>) {
    if access.unlocked {
        access.unlocked = false;
    }
}

/// Opens the box that sets the passphrase (the setup screen's button).
pub fn ask_for_new_passphrase(world: &mut World) {
    world.insert_resource(PassphraseEntry {
        purpose: PassphrasePurpose::Set,
        typed: String::new(),
        wrong: false,
    });
    world
        .resource_mut::<NextState<Menu>>()
        .set(Menu::Passphrase);
}

/// Takes in the sim's answers to the panel: a rollback rewinds what the screens show.
fn hear_the_sim(
    mut done: MessageReader<Facilitated>,
    mut refused: MessageReader<OrderRefused>,
    menu: Res<State<Menu>>,
    rules: Res<Rules>,
    mut status: ResMut<FacilitatorStatus>,
    mut view: ResMut<PlayerView>,
    globals: Query<&Globals>,
    mut screen: ResMut<NextState<Screen>>,
    mut game: ResMut<NextState<GameView>>,
) {
    for fact in done.read() {
        status.0 = match fact {
            Facilitated::Paused(true) => {
                // The seats see it on their board too.
                view.notice =
                    Some("The facilitator has paused the match: the turn cannot end yet.".into());
                "The match is paused: no turn can end.".into()
            }
            Facilitated::Paused(false) => {
                view.notice = None;
                "The match goes on.".into()
            }
            Facilitated::Injected { card, on } => {
                let name = &rules.scenario.events[*card].name;
                if *on {
                    format!("{name} will happen next turn.")
                } else {
                    format!("{name} is no longer forced.")
                }
            }
            Facilitated::ParamChanged(set) => format!("Changed for the rest of the match: {set}"),
            Facilitated::RolledBack(turn) => {
                view.records.truncate(*turn as usize + 1);
                view.outcome = globals.get(view.entity).ok().and_then(|g| g.outcome);
                view.chosen = None;
                view.accepted.clear();
                view.notice = None;
                if let Some(&first) = view.people.first() {
                    view.player = first;
                }
                screen.set(Screen::Game);
                game.set(if view.people.len() > 1 {
                    GameView::Pass
                } else {
                    GameView::Choosing
                });
                format!("Back at the end of turn {turn}: the match forks from here.")
            }
        };
    }
    if *menu.get() == Menu::Facilitator {
        for r in refused.read() {
            status.0 = format!("Refused: {}.", r.reason);
        }
    }
}

fn respawn_panel(world: &mut World) {
    let mut roots = world.query_filtered::<Entity, With<PanelRoot>>();
    let old: Vec<Entity> = roots.iter(world).collect();
    for e in old {
        world.despawn(e);
    }
    let _ = world.run_system_cached(spawn_panel);
}

/// A compact button for the panel's lists.
fn small(text: String, fonts: &UiFonts) -> impl Bundle {
    (
        activatable(press),
        Node {
            padding: UiRect::axes(px(10), px(5)),
            border_radius: BorderRadius::all(px(5)),
            ..default()
        },
        children![label(text, &fonts.regular, size::SMALL, palette::TEXT)],
    )
}

fn section(commands: &mut Commands, parent: Entity, title: &str, fonts: &UiFonts) -> Entity {
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

fn spawn_panel(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    rules: Res<Rules>,
    view: Option<Res<PlayerView>>,
    paused: Res<MatchPaused>,
    orders: Query<&Orders>,
    status: Res<FacilitatorStatus>,
) {
    let Some(view) = view else { return };
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
                    "{} · turn {} · {}",
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
    for (card, event) in rules.scenario.events.iter().enumerate() {
        let on = injected.contains(&card);
        let mut b = commands.spawn((
            ChildOf(events),
            FacilitatorButton::Inject(card),
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
        FacilitatorButton::Inject(card) => {
            let on = view
                .and_then(|v| orders.get(v.entity).ok())
                .is_none_or(|o| !o.injected.contains(card));
            facilitate.write(Facilitate::Inject { card: *card, on });
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
        let rules = world.resource::<Rules>();
        let json = crate::cli::simulate::match_json(rules, &state);
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

fn spawn_passphrase(mut commands: Commands, fonts: Res<UiFonts>, entry: Res<PassphraseEntry>) {
    let (backdrop, window) = modal(8, 560.0);
    let title = match entry.purpose {
        PassphrasePurpose::Set => "Set the facilitator's passphrase",
        PassphrasePurpose::Unlock => "Facilitator: enter the passphrase",
    };
    let hint = match entry.purpose {
        PassphrasePurpose::Set => {
            "With a passphrase, the pause menu offers the facilitator's controls to whoever types it."
        }
        PassphrasePurpose::Unlock => "Type it and press Enter.",
    };
    commands.spawn((
        DespawnOnExit(Menu::Passphrase),
        backdrop,
        children![(
            window,
            children![
                label(title, &fonts.bold, size::TITLE, palette::TITLE),
                label(hint, &fonts.regular, size::SMALL, palette::MUTED),
                (
                    Node {
                        padding: UiRect::axes(px(12), px(8)),
                        border: UiRect::all(px(1)),
                        border_radius: BorderRadius::all(px(6)),
                        min_height: px(40),
                        ..default()
                    },
                    BorderColor::all(palette::FOCUS),
                    BackgroundColor(palette::PANEL_RAISED),
                    children![(
                        PassphraseText,
                        label(shown(&entry), &fonts.bold, size::BODY, palette::TEXT)
                    )],
                ),
                (
                    row(10.0),
                    children![
                        keyed_button("OK", KeyCode::Enter, &fonts, confirm_passphrase),
                        keyed_button("Cancel", KeyCode::Escape, &fonts, cancel_passphrase),
                    ],
                ),
            ],
        )],
    ));
}

fn shown(entry: &PassphraseEntry) -> String {
    let dots = "•".repeat(entry.typed.chars().count());
    if entry.wrong {
        format!("{dots}  (wrong passphrase)")
    } else if dots.is_empty() {
        "…".into()
    } else {
        dots
    }
}

/// Letters typed into the passphrase box (Backspace removes the last one).
fn type_passphrase(
    mut keys: MessageReader<KeyboardInput>,
    mut entry: ResMut<PassphraseEntry>,
    mut texts: Query<&mut Text, With<PassphraseText>>,
) {
    let mut changed = false;
    for key in keys.read() {
        if key.state != ButtonState::Pressed {
            continue;
        }
        if key.key_code == KeyCode::Backspace {
            entry.typed.pop();
            changed = true;
        } else if let Some(text) = &key.text {
            let printable: String = text.chars().filter(|c| !c.is_control()).collect();
            if !printable.is_empty() {
                entry.typed.push_str(&printable);
                entry.wrong = false;
                changed = true;
            }
        }
    }
    if changed {
        for mut t in &mut texts {
            t.0 = shown(&entry);
        }
    }
}

fn confirm_passphrase(
    _: On<Activate>,
    mut entry: ResMut<PassphraseEntry>,
    mut access: ResMut<FacilitatorAccess>,
    mut next: ResMut<NextState<Menu>>,
    mut texts: Query<&mut Text, With<PassphraseText>>,
) {
    match entry.purpose {
        PassphrasePurpose::Set => {
            let typed = entry.typed.trim().to_string();
            access.passphrase = (!typed.is_empty()).then_some(typed);
            next.set(Menu::None);
        }
        PassphrasePurpose::Unlock => {
            if access.passphrase.as_deref() == Some(entry.typed.trim()) {
                access.unlocked = true;
                next.set(Menu::Facilitator);
            } else {
                entry.typed.clear();
                entry.wrong = true;
                for mut t in &mut texts {
                    t.0 = shown(&entry);
                }
            }
        }
    }
}

fn cancel_passphrase(
    _: On<Activate>,
    entry: Res<PassphraseEntry>,
    mut next: ResMut<NextState<Menu>>,
) {
    next.set(match entry.purpose {
        PassphrasePurpose::Set => Menu::None,
        PassphrasePurpose::Unlock => Menu::Pause,
    });
}

/// The projector view: the true numbers of every nation and relation, last turn's moves as
/// they were really played, for the whole room.
fn spawn_projector(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    theme: Res<Theme>,
    rules: Res<Rules>,
    view: Option<Res<PlayerView>>,
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
            label("The true state", &fonts.bold, size::HEADING, palette::TITLE),
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
            .map_or("—".to_string(), |m| sc.move_name(&m.action));
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

fn hide_projector(_: On<Activate>, mut next: ResMut<NextState<Menu>>) {
    next.set(Menu::Facilitator);
}

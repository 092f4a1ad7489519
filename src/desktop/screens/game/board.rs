//! The board: a top bar (turn, regime, threats, doomsday clock), the nations and the relations
//! between them on the left, the moves in the middle, proposals and the end-turn button on the
//! right, and a line of key hints at the bottom. Rebuilt from the sim's report at every turn.

use super::moves::spawn_moves;
use super::orders::spawn_orders_column;
use super::{GameView, PlayerView};
use crate::desktop::canvas::clock;
use crate::desktop::screens::SeatSight;
use crate::desktop::screens::{Menu, Screen};
use crate::desktop::theme::widgets::{Tooltip, chip, key_cap, label, row, small_keyed_button};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use crate::sim::Rules;
use crate::sim::archive::narrate::capitalise;
use crate::sim::play::session::advise;
use crate::sim::play::view::SeatView;
use crate::sim::scenario::MoveIndex;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        OnEnter(GameView::Choosing),
        (take_advice, spawn_board).chain(),
    );
    // Hotseat: the reveal after the pass screen is drawn over this seat's own board.
    app.add_systems(
        OnEnter(GameView::Reveal),
        (take_advice, spawn_board)
            .chain()
            .run_if(|boards: Query<(), With<BoardRoot>>| boards.is_empty()),
    );
}

/// The root of the board, replaced at every turn.
#[derive(Component)]
pub struct BoardRoot;

#[derive(Component)]
pub struct EndTurnButton;

#[derive(Component)]
pub struct HistoryButton;

#[derive(Component)]
pub struct MenuButton;

/// The move the scenario's AI would play in the player's seat this turn.
#[derive(Resource, Debug, Clone, Copy)]
pub struct Advice(pub Option<MoveIndex>);

fn take_advice(world: &mut World) {
    let advice = world
        .get_resource::<PlayerView>()
        .and_then(|v| advise(world, v.entity, v.player));
    world.insert_resource(Advice(advice));
}

/// What the board is drawn from: what the seat may know (`SeatView`), the scenario's own text
/// (names, move cards), and the screen's state (what the player picked, the notice).
pub struct BoardData<'a> {
    pub rules: &'a Rules,
    pub view: &'a PlayerView,
    pub seat: &'a SeatView,
    pub advice: Option<MoveIndex>,
}

impl BoardData<'_> {
    pub fn in_crisis(&self) -> bool {
        self.seat.in_crisis()
    }

    pub fn nation_name(&self, i: usize) -> &str {
        &self.rules.scenario.nations[i].name
    }
}

fn spawn_board(
    mut commands: Commands,
    old: Query<Entity, With<BoardRoot>>,
    fonts: Res<UiFonts>,
    theme: Res<Theme>,
    rules: Res<Rules>,
    view: Res<PlayerView>,
    advice: Res<Advice>,
    sight: SeatSight,
    mut images: ResMut<Assets<Image>>,
) {
    for e in &old {
        commands.entity(e).despawn();
    }
    let Some(seat) = sight.seat() else {
        return;
    };
    let data = BoardData {
        rules: &rules,
        view: &view,
        seat: &seat,
        advice: advice.0,
    };
    let root = commands
        .spawn((
            BoardRoot,
            DespawnOnExit(Screen::Game),
            Node {
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                padding: UiRect::all(px(10)),
                row_gap: px(8),
                ..default()
            },
            bevy::input_focus::tab_navigation::TabGroup::new(0),
        ))
        .id();
    spawn_top_bar(&mut commands, root, &data, &fonts, &theme, &mut images);
    let body = commands
        .spawn((
            ChildOf(root),
            Node {
                flex_grow: 1.0,
                min_height: px(0),
                flex_direction: FlexDirection::Row,
                column_gap: px(10),
                ..default()
            },
        ))
        .id();
    let left = commands
        .spawn((
            ChildOf(body),
            Node {
                width: px(330),
                flex_shrink: 0.0,
                flex_direction: FlexDirection::Column,
                row_gap: px(8),
                overflow: Overflow::scroll_y(),
                ..default()
            },
        ))
        .id();
    if data.rules.scenario.nations.len() > super::matrix::PANELS_UP_TO {
        super::matrix::spawn_matrix(&mut commands, left, &data, &fonts, &theme);
    } else {
        super::nations::spawn_nations(&mut commands, left, &data, &fonts, &theme);
        super::nations::spawn_relations(&mut commands, left, &data, &fonts, &theme, &mut images);
    }
    spawn_moves(&mut commands, body, &data, &fonts, &theme);
    spawn_orders_column(&mut commands, body, &data, &fonts, &theme);
    let enter = if super::orders::next_person(&view).is_some() {
        "done, pass the computer on"
    } else {
        "end the turn"
    };
    spawn_hints(&mut commands, root, &fonts, data.in_crisis(), enter);
    if data.in_crisis() {
        super::crisis::spawn_crisis(&mut commands, root, &data, &fonts, &theme);
    }
}

fn spawn_top_bar(
    commands: &mut Commands,
    root: Entity,
    data: &BoardData,
    fonts: &UiFonts,
    theme: &Theme,
    images: &mut Assets<Image>,
) {
    let sc = &data.rules.scenario;
    let r = data.seat.now();
    let bar = commands
        .spawn((
            ChildOf(root),
            Node {
                height: px(64),
                flex_shrink: 0.0,
                flex_direction: FlexDirection::Row,
                align_items: AlignItems::Center,
                column_gap: px(16),
                padding: UiRect::axes(px(14), px(6)),
                border: UiRect::all(px(1)),
                border_radius: BorderRadius::all(px(8)),
                ..default()
            },
            BackgroundColor(palette::PANEL),
            BorderColor::all(palette::BORDER),
        ))
        .id();
    commands.spawn((
        ChildOf(bar),
        Node {
            flex_direction: FlexDirection::Column,
            width: px(300),
            flex_shrink: 0.0,
            ..default()
        },
        children![
            label(sc.title.clone(), &fonts.bold, size::TITLE, palette::TITLE),
            label(
                format!(
                    "Turn {} of {} · {} each",
                    data.seat.turn + 1,
                    data.seat.turns,
                    sc.turn_length
                ),
                &fonts.regular,
                size::SMALL,
                palette::MUTED
            ),
        ],
    ));
    commands.spawn((
        ChildOf(bar),
        chip(regime_text(r.regime), fonts, theme.outcome(r.regime)),
        Tooltip(
            "The regime read off the numbers now. MAS: high trust and transparency, low risk. \
             MAD: high arms and low trust, deterred by terror. Unsettled: neither."
                .into(),
        ),
    ));
    let threats = commands
        .spawn((
            ChildOf(bar),
            Node {
                flex_direction: FlexDirection::Column,
                flex_grow: 1.0,
                min_width: px(0),
                ..default()
            },
            Tooltip(
                "Threats no nation can face alone. Joint action on them (some moves and \
                 agreements) is part of stability."
                    .into(),
            ),
        ))
        .id();
    commands.spawn((
        ChildOf(threats),
        label("Global threats", &fonts.bold, size::TINY, palette::MUTED),
    ));
    let line = commands.spawn((ChildOf(threats), row(14.0))).id();
    for kind in crate::sim::scenario::ThreatKind::ALL {
        let v = r.threats.get(kind);
        commands.spawn((
            ChildOf(line),
            label(
                format!("{} {:.0}", capitalise(kind.name()), v),
                &fonts.regular,
                size::SMALL,
                theme.level(100.0 - v),
            ),
        ));
    }
    let face = clock(r.minutes_to_midnight, 104, palette::TEXT, theme.hostile);
    commands.spawn((
        ChildOf(bar),
        ImageNode::new(images.add(face.into_image())),
        Node {
            width: px(52),
            height: px(52),
            ..default()
        },
        Tooltip(format!(
            "The doomsday clock: {:.1} minutes to midnight. The chance of a nuclear exchange \
             this turn is {:.2}%; it rises with arms, alert, low trust and open crises.",
            r.minutes_to_midnight,
            r.risk * 100.0
        )),
    ));
    commands.spawn((
        ChildOf(bar),
        Node {
            flex_direction: FlexDirection::Column,
            width: px(200),
            ..default()
        },
        children![
            label(
                format!("{:.1} min to midnight", r.minutes_to_midnight),
                &fonts.bold,
                size::BODY,
                palette::TEXT
            ),
            label(
                format!("risk {:.2}% a turn", r.risk * 100.0),
                &fonts.regular,
                size::SMALL,
                palette::MUTED
            ),
        ],
    ));
    commands.spawn((
        ChildOf(bar),
        HistoryButton,
        small_keyed_button("History", KeyCode::KeyH, fonts, open_history),
    ));
    commands.spawn((
        ChildOf(bar),
        MenuButton,
        small_keyed_button("Menu", KeyCode::Escape, fonts, open_menu),
    ));
}

pub fn regime_text(regime: crate::sim::Regime) -> String {
    match regime {
        crate::sim::Regime::Mas => "MAS · stability".into(),
        crate::sim::Regime::Mad => "MAD · deterrence".into(),
        crate::sim::Regime::Catastrophe => "CATASTROPHE".into(),
        crate::sim::Regime::Unsettled => "Unsettled".into(),
    }
}

fn spawn_hints(commands: &mut Commands, root: Entity, fonts: &UiFonts, crisis: bool, enter: &str) {
    let hints = commands
        .spawn((
            ChildOf(root),
            Node {
                height: px(22),
                flex_shrink: 0.0,
                flex_direction: FlexDirection::Row,
                align_items: AlignItems::Center,
                justify_content: JustifyContent::Center,
                column_gap: px(6),
                ..default()
            },
        ))
        .id();
    let pick = if crisis { "1–4" } else { "1–9, 0" };
    for (key, what) in [
        (pick, "choose a move"),
        ("Y", "accept a proposal"),
        ("Tab", "move between controls"),
        ("Enter", enter),
        ("H", "history"),
        ("Esc", "menu"),
    ] {
        commands.spawn((ChildOf(hints), key_cap(key, fonts)));
        commands.spawn((
            ChildOf(hints),
            label(
                format!("{what}   "),
                &fonts.regular,
                size::TINY,
                palette::MUTED,
            ),
        ));
    }
}

fn open_history(_: On<Activate>, mut next: ResMut<NextState<GameView>>) {
    next.set(GameView::History);
}

fn open_menu(_: On<Activate>, mut next: ResMut<NextState<Menu>>) {
    next.set(Menu::Pause);
}

//! The player's orders: the move cards (name, description, cost, intent, odds of being misread,
//! effects), the proposals from others to accept or decline, and the end-turn button. Choosing
//! sends `ChooseMove` and `AnswerProposal`; ending sends `EndTurn`.

use super::board::BoardData;
use super::{GameView, PlayerView};
use crate::desktop::theme::interaction::scroll_with_wheel;
use crate::desktop::theme::widgets::{
    ButtonLook, Selected, Shortcut, Tooltip, activatable, chip, key_cap, key_name, label,
    number_key, row,
};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use crate::sim::play::session::ChooseMove;
use crate::sim::scenario::MoveIndex;
use crate::sim::scenario::moves::{MoveSpec, Visibility};
use bevy::prelude::*;
use bevy::ui_widgets::{Activate, observe};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        mark_chosen
            .run_if(in_state(GameView::Choosing).and_then(resource_changed::<PlayerView>))
            .in_set(crate::desktop::Phase::Present),
    )
    // It reads the layout of this frame, so it runs once the layout is done.
    .add_systems(
        PostUpdate,
        show_more_below.after(bevy::ui::UiSystems::Layout),
    );
}

/// The grid of move cards: it scrolls when the moves do not all fit.
#[derive(Component, Debug, Clone, Copy)]
pub struct CardGrid;

/// The line under the cards that says more are below; see-through while none are.
#[derive(Component, Debug, Clone, Copy)]
pub struct MoreBelow;

/// Shows `MoreBelow` while a card of the grid reaches below the grid's bottom edge (scrolled
/// into view, it no longer does). Positions and sizes are this frame's layout, in physical
/// pixels.
fn show_more_below(
    grids: Query<(&ComputedNode, &UiGlobalTransform, &Children), With<CardGrid>>,
    cards: Query<(&ComputedNode, &UiGlobalTransform)>,
    mut hints: Query<&mut TextColor, With<MoreBelow>>,
) {
    let more = grids.iter().any(|(grid, at, children)| {
        let bottom = at.translation.y + grid.size().y / 2.0;
        children
            .iter()
            .filter_map(|c| cards.get(c).ok())
            .any(|(card, card_at)| card_at.translation.y + card.size().y / 2.0 > bottom + 1.0)
    });
    let colour = if more { palette::MUTED } else { Color::NONE };
    for mut text in &mut hints {
        if text.0 != colour {
            text.0 = colour;
        }
    }
}

/// A move card; activating it chooses the move.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoveCard {
    pub move_index: MoveIndex,
}

/// A card's content: used by the board and by the crisis modal.
pub fn spawn_card(
    commands: &mut Commands,
    parent: Entity,
    index: usize,
    move_index: MoveIndex,
    data: &BoardData,
    fonts: &UiFonts,
    theme: &Theme,
    width: Val,
) -> Entity {
    let m = &data.rules.scenario.moves[move_index];
    let odds = data
        .seat
        .moves
        .iter()
        .find(|o| o.move_index == move_index)
        .map_or(0.0, |o| o.odds);
    let card = commands
        .spawn((
            ChildOf(parent),
            MoveCard { move_index },
            activatable(choose_move),
            Node {
                width,
                flex_direction: FlexDirection::Column,
                row_gap: px(3),
                padding: UiRect::axes(px(10), px(7)),
                border: UiRect::all(px(1)),
                border_radius: BorderRadius::all(px(7)),
                ..default()
            },
            BorderColor::all(palette::BORDER),
            Tooltip(card_tooltip(m, odds)),
        ))
        .id();
    commands.entity(card).insert(ButtonLook {
        base: palette::PANEL_RAISED,
        hover: palette::BUTTON_HOVER,
        selected: palette::SELECTED,
    });
    if data.view.chosen == Some(move_index) {
        commands.entity(card).insert(Selected);
    }
    let head = commands.spawn((ChildOf(card), row(6.0))).id();
    if let Some(key) = number_key(index) {
        commands.entity(card).insert(Shortcut(key));
        commands.spawn((ChildOf(head), key_cap(key_name(key), fonts)));
    }
    commands.spawn((
        ChildOf(head),
        label(m.name.clone(), &fonts.bold, size::BODY, palette::TEXT),
    ));
    if data.advice == Some(move_index) {
        commands.spawn((ChildOf(head), chip("advised", fonts, palette::TITLE)));
    }
    let chips = commands.spawn((ChildOf(card), row(6.0))).id();
    commands.spawn((
        ChildOf(chips),
        chip(m.intent.name(), fonts, theme.intent(m.intent)),
    ));
    let (odds_text, odds_colour) = match m.visibility {
        Visibility::Secret => (
            format!("secret · caught {:.0}%", odds * 100.0),
            palette::MUTED,
        ),
        Visibility::Public => (
            format!("misread {:.0}%", odds * 100.0),
            if odds >= 0.2 {
                theme.warning
            } else {
                palette::MUTED
            },
        ),
    };
    commands.spawn((
        ChildOf(chips),
        label(odds_text, &fonts.regular, size::TINY, odds_colour),
    ));
    commands.spawn((
        ChildOf(chips),
        label(
            format!("cost {}", trim(m.cost)),
            &fonts.regular,
            size::TINY,
            palette::MUTED,
        ),
    ));
    commands.spawn((
        ChildOf(card),
        label(
            m.description.clone(),
            &fonts.regular,
            size::TINY,
            palette::MUTED,
        ),
    ));
    let effects = effects_text(m);
    if !effects.is_empty() {
        commands.spawn((
            ChildOf(card),
            label(effects, &fonts.regular, size::TINY, palette::TEXT),
        ));
    }
    card
}

fn trim(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// "1 rung", "2 rungs".
fn rungs(n: i32) -> String {
    if n == 1 {
        "1 rung".into()
    } else {
        format!("{n} rungs")
    }
}

/// What a move does, in a line.
pub fn effects_text(m: &MoveSpec) -> String {
    let mut parts: Vec<String> = m.effects.iter().map(|e| e.describe()).collect();
    if let Some(step) = m.crisis_step {
        parts.push(match step.signum() {
            1 => format!("climbs {}", rungs(step)),
            -1 => format!("steps down {}", rungs(-step)),
            _ => "holds the rung".into(),
        });
    }
    if let Some(a) = &m.proposes {
        parts.push(a.describe());
    }
    parts.join(" · ")
}

fn card_tooltip(m: &MoveSpec, odds: f64) -> String {
    let reading = match m.visibility {
        Visibility::Secret => format!(
            "Secret: the others see nothing unless they catch it ({:.0}% now), and a caught \
             secret move reads as hostile.",
            odds * 100.0
        ),
        Visibility::Public if m.ambiguity > 0.0 => format!(
            "Ambiguous: with the others' transparency into you as it is, {:.0}% of readings \
             will take it as more hostile than you mean it.",
            odds * 100.0
        ),
        Visibility::Public => "Unambiguous: read as meant.".into(),
    };
    format!("{}\n{reading}", m.description)
}

/// The centre column: the cards, or a pointer to the crisis modal.
pub fn spawn_moves(
    commands: &mut Commands,
    body: Entity,
    data: &BoardData,
    fonts: &UiFonts,
    theme: &Theme,
) {
    let column = commands
        .spawn((
            ChildOf(body),
            Node {
                flex_grow: 1.0,
                min_width: px(0),
                flex_direction: FlexDirection::Column,
                row_gap: px(6),
                ..default()
            },
        ))
        .id();
    let head = commands.spawn((ChildOf(column), row(10.0))).id();
    commands.spawn((
        ChildOf(head),
        label("Your move", &fonts.bold, size::TITLE, palette::TITLE),
    ));
    commands.spawn((
        ChildOf(head),
        label(
            "choose one card: click it or press its number",
            &fonts.regular,
            size::SMALL,
            palette::MUTED,
        ),
    ));
    if data.in_crisis() {
        commands.spawn((
            ChildOf(column),
            label(
                "You are in a crisis: answer it in the crisis window.",
                &fonts.bold,
                size::BODY,
                theme.warning,
            ),
        ));
        return;
    }
    let grid = commands
        .spawn((
            ChildOf(column),
            Node {
                flex_grow: 1.0,
                min_height: px(0),
                display: Display::Grid,
                grid_template_columns: RepeatedGridTrack::flex(2, 1.0),
                grid_auto_rows: vec![GridTrack::auto()],
                align_content: AlignContent::Start,
                row_gap: px(6),
                column_gap: px(6),
                overflow: Overflow::scroll_y(),
                ..default()
            },
            ScrollPosition::default(),
            observe(scroll_with_wheel),
            CardGrid,
        ))
        .id();
    commands.spawn((
        ChildOf(column),
        label(
            "↓ More moves below: scroll with the mouse wheel",
            &fonts.regular,
            size::SMALL,
            Color::NONE,
        ),
        MoreBelow,
    ));
    let mut order = data.seat.open_moves();
    order.sort_by_key(|&m| {
        let spec = &data.rules.scenario.moves[m];
        (spec.intent, spec.visibility == Visibility::Secret, m)
    });
    for (i, &move_index) in order.iter().enumerate() {
        spawn_card(commands, grid, i, move_index, data, fonts, theme, Val::Auto);
    }
}

/// Choosing a card sends the command; the card shows as chosen until the sim refuses it.
fn choose_move(
    activate: On<Activate>,
    cards: Query<&MoveCard>,
    mut view: ResMut<PlayerView>,
    mut orders: MessageWriter<ChooseMove>,
) {
    let Ok(card) = cards.get(activate.entity) else {
        return;
    };
    orders.write(ChooseMove {
        nation: view.player,
        move_index: card.move_index,
    });
    view.chosen = Some(card.move_index);
    view.notice = None;
}

/// Shows the chosen card as selected, and only it.
fn mark_chosen(
    view: Res<PlayerView>,
    cards: Query<(Entity, &MoveCard, Has<Selected>)>,
    mut commands: Commands,
) {
    for (e, card, selected) in &cards {
        let chosen = view.chosen == Some(card.move_index);
        if chosen && !selected {
            commands.entity(e).insert(Selected);
        } else if !chosen && selected {
            commands.entity(e).remove::<Selected>();
        }
    }
}

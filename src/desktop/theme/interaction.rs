//! How the widgets behave, alike on every screen: hover and selection colours, a focus ring for
//! keyboard users, shortcut keys that activate a button exactly as a click does, modal layers,
//! and tooltips that follow the pointer or the keyboard focus.

use super::widgets::{ButtonLook, Hover, Modal, Selected, Shortcut, Tooltip, label};
use super::{UiFonts, palette, size};
use bevy::input_focus::{InputFocus, InputFocusVisible};
use bevy::prelude::*;
use bevy::ui::{ComputedNode, InteractionDisabled, OverflowAxis, UiGlobalTransform};
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<InputFocus>();
    app.init_resource::<InputFocusVisible>();
    app.add_systems(Startup, spawn_tooltip);
    app.add_systems(
        Update,
        (
            drop_mouse_focus,
            reset_focus_on_new_layer,
            press_shortcuts,
            paint_buttons,
            ring_focus,
            follow_focus,
            place_tooltip,
        )
            .chain()
            .in_set(WidgetSystems),
    );
    app.add_observer(show_tooltip);
    app.add_observer(hide_tooltip);
}

/// The widget systems, which run before the screens read this frame's input.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct WidgetSystems;

/// A click leaves the focus on what was clicked but hidden; drop it, so that Enter goes to the
/// screen's main action rather than to the last thing clicked.
fn drop_mouse_focus(mut focus: ResMut<InputFocus>, visible: Res<InputFocusVisible>) {
    if !visible.0 && focus.get().is_some() {
        focus.clear();
    }
}

/// When a modal opens or closes, the focus and any tooltip belong to what was underneath: drop
/// them, so Tab starts inside the new layer and no stale tooltip floats over it.
fn reset_focus_on_new_layer(
    modals: Query<&Modal>,
    mut last: Local<u8>,
    mut focus: ResMut<InputFocus>,
    tooltip: Option<ResMut<TooltipState>>,
) {
    let top = top_layer(&modals);
    if top != *last {
        *last = top;
        focus.clear();
        if let Some(mut t) = tooltip {
            t.over = None;
        }
    }
}

/// The highest open modal layer (0 when none is open).
pub fn top_layer(modals: &Query<&Modal>) -> u8 {
    modals.iter().map(|m| m.0).max().unwrap_or(0)
}

/// The modal layer an entity belongs to (0 outside any modal).
fn layer_of(entity: Entity, parents: &Query<&ChildOf>, modals: &Query<&Modal>) -> u8 {
    let mut at = entity;
    loop {
        if let Ok(m) = modals.get(at) {
            return m.0;
        }
        match parents.get(at) {
            Ok(parent) => at = parent.parent(),
            Err(_) => return 0,
        }
    }
}

/// Each shortcut key just pressed activates its button in the top layer, exactly as a click on
/// it would. Enter and Space go to the focused widget instead while the focus ring shows.
fn press_shortcuts(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<InputFocus>,
    visible: Res<InputFocusVisible>,
    shortcuts: Query<(Entity, &Shortcut), Without<InteractionDisabled>>,
    parents: Query<&ChildOf>,
    modals: Query<&Modal>,
    mut commands: Commands,
) {
    let top = top_layer(&modals);
    let focused = visible.0 && focus.get().is_some();
    for key in keys.get_just_pressed() {
        if focused && matches!(key, KeyCode::Enter | KeyCode::Space) {
            continue;
        }
        if let Some((entity, _)) = shortcuts
            .iter()
            .find(|(e, s)| s.0 == *key && layer_of(*e, &parents, &modals) == top)
        {
            commands.trigger(Activate { entity });
        }
    }
}

/// Colours every button by its state; only a colour that differs is written, so an idle screen
/// stays unchanged (and undrawn in reactive mode).
fn paint_buttons(
    mut buttons: Query<(
        &ButtonLook,
        Has<Hover>,
        Has<Selected>,
        Has<InteractionDisabled>,
        &mut BackgroundColor,
    )>,
) {
    for (look, hover, selected, disabled, mut bg) in &mut buttons {
        let colour = if disabled {
            palette::BUTTON_DISABLED
        } else if hover {
            look.hover
        } else if selected {
            look.selected
        } else {
            look.base
        };
        if bg.0 != colour {
            bg.0 = colour;
        }
    }
}

/// Draws a ring around the focused widget while the player navigates by keyboard.
fn ring_focus(
    focus: Res<InputFocus>,
    visible: Res<InputFocusVisible>,
    ringed: Query<Entity, With<Outline>>,
    mut commands: Commands,
) {
    if !focus.is_changed() && !visible.is_changed() {
        return;
    }
    for e in &ringed {
        commands.entity(e).remove::<Outline>();
    }
    if let (true, Some(e)) = (visible.0, focus.get())
        && let Ok(mut entity) = commands.get_entity(e)
    {
        entity.insert(Outline::new(px(2), px(2), palette::FOCUS));
    }
}

/// For keyboard players: scrolls the focused widget into view and shows its tooltip beside it.
fn follow_focus(
    focus: Res<InputFocus>,
    visible: Res<InputFocusVisible>,
    scale: Res<UiScale>,
    parents: Query<&ChildOf>,
    nodes: Query<(&ComputedNode, &UiGlobalTransform, &Node)>,
    mut scrolls: Query<&mut ScrollPosition>,
    tips: Query<&Tooltip>,
    state: Option<ResMut<TooltipState>>,
) {
    if !focus.is_changed() && !visible.is_changed() {
        return;
    }
    let Some(mut state) = state else { return };
    let Some(focused) = focus.get().filter(|_| visible.0) else {
        return;
    };
    let Ok((node, at, _)) = nodes.get(focused) else {
        return;
    };
    let (centre, half) = (at.translation, node.size / 2.0);
    let mut up = focused;
    while let Ok(parent) = parents.get(up) {
        up = parent.parent();
        let Ok((outer, outer_at, style)) = nodes.get(up) else {
            continue;
        };
        if style.overflow.y != OverflowAxis::Scroll {
            continue;
        }
        let (top, bottom) = (centre.y - half.y, centre.y + half.y);
        let outer_half = outer.size.y / 2.0;
        let (outer_top, outer_bottom) = (
            outer_at.translation.y - outer_half,
            outer_at.translation.y + outer_half,
        );
        if let Ok(mut scroll) = scrolls.get_mut(up) {
            let inverse = outer.inverse_scale_factor;
            if bottom > outer_bottom {
                scroll.y += (bottom - outer_bottom) * inverse;
            } else if top < outer_top {
                scroll.y = (scroll.y - (outer_top - top) * inverse).max(0.0);
            }
        }
        break;
    }
    state.over = tips.get(focused).ok().map(|tip| {
        let corner = Vec2::new(centre.x - half.x, centre.y + half.y);
        (
            focused,
            tip.0.clone(),
            corner * node.inverse_scale_factor * scale.0,
        )
    });
}

/// The one tooltip box, moved and filled as the pointer goes.
#[derive(Component)]
struct TooltipBox;

/// What the tooltip shows now, and where.
#[derive(Resource, Default)]
struct TooltipState {
    over: Option<(Entity, String, Vec2)>,
}

fn spawn_tooltip(mut commands: Commands, fonts: Res<UiFonts>) {
    commands.init_resource::<TooltipState>();
    commands.spawn((
        TooltipBox,
        Node {
            position_type: PositionType::Absolute,
            max_width: px(360),
            padding: UiRect::axes(px(10), px(6)),
            border: UiRect::all(px(1)),
            border_radius: BorderRadius::all(px(6)),
            display: Display::None,
            ..default()
        },
        BackgroundColor(palette::TOOLTIP),
        BorderColor::all(palette::BORDER),
        GlobalZIndex(1000),
        Pickable::IGNORE,
        children![label("", &fonts.regular, size::SMALL, palette::TEXT)],
    ));
}

fn show_tooltip(
    over: On<Pointer<Over>>,
    tips: Query<&Tooltip>,
    state: Option<ResMut<TooltipState>>,
) {
    if let (Ok(tip), Some(mut state)) = (tips.get(over.entity), state) {
        state.over = Some((over.entity, tip.0.clone(), over.pointer_location.position));
    }
}

fn hide_tooltip(out: On<Pointer<Out>>, state: Option<ResMut<TooltipState>>) {
    if let Some(mut state) = state
        && state
            .over
            .as_ref()
            .is_some_and(|(e, _, _)| *e == out.entity)
    {
        state.over = None;
    }
}

fn place_tooltip(
    state: Option<Res<TooltipState>>,
    scale: Res<UiScale>,
    windows: Query<&Window>,
    alive: Query<(), With<Tooltip>>,
    mut boxes: Query<(&mut Node, &Children), With<TooltipBox>>,
    mut texts: Query<&mut Text>,
) {
    let Some(state) = state else { return };
    let gone = state
        .over
        .as_ref()
        .is_some_and(|(e, _, _)| !alive.contains(*e));
    if !state.is_changed() && !gone {
        return;
    }
    let Ok((mut node, children)) = boxes.single_mut() else {
        return;
    };
    match &state.over {
        Some((entity, text, at)) if alive.contains(*entity) => {
            let (w, h) = windows
                .iter()
                .next()
                .map_or((1280.0, 720.0), |w| (w.width(), w.height()));
            let s = scale.0.max(0.1);
            let x = (at.x + 16.0).min(w - 370.0 * s).max(0.0) / s;
            let y = if at.y > h * 0.75 {
                at.y - 70.0
            } else {
                at.y + 20.0
            } / s;
            node.left = px(x);
            node.top = px(y);
            node.display = Display::Flex;
            if let Some(mut t) = children.first().and_then(|c| texts.get_mut(*c).ok()) {
                t.0.clone_from(text);
            }
        }
        _ => {
            if node.display != Display::None {
                node.display = Display::None;
            }
        }
    }
}

/// Scrolls a column under the mouse wheel (observe it on a node with `Overflow::scroll_y()` and
/// a `ScrollPosition`).
pub fn scroll_with_wheel(
    mut scroll: On<Pointer<bevy::picking::events::Scroll>>,
    mut positions: Query<&mut ScrollPosition>,
) {
    if let Ok(mut pos) = positions.get_mut(scroll.entity) {
        let dy = match scroll.unit {
            bevy::input::mouse::MouseScrollUnit::Line => scroll.y * 40.0,
            bevy::input::mouse::MouseScrollUnit::Pixel => scroll.y,
        };
        pos.y = (pos.y - dy).max(0.0);
        scroll.propagate(false);
    }
}

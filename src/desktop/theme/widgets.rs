//! The widgets every screen is built from, as functions returning `impl Bundle`, and the
//! components that mark them (shortcuts, modal layers, tooltips, selection). How they behave is
//! in `interaction`.

use super::{UiFonts, palette, size};
use bevy::ecs::system::IntoObserverSystem;
use bevy::input_focus::tab_navigation::{TabGroup, TabIndex};
use bevy::prelude::*;
use bevy::ui_widgets::{Activate, Button as WidgetButton, observe};

/// A key that activates this button as a click would.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shortcut(pub KeyCode);

/// A modal layer: while one is open, only the shortcuts inside the highest layer work.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Modal(pub u8);

/// Text shown next to the pointer while it is over this node.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct Tooltip(pub String);

/// Marks a selected card or a toggle that is on.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct Selected;

/// The pointer is over this button.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct Hover;

/// A button's colours at rest, under the pointer and when selected.
#[derive(Component, Debug, Clone, Copy)]
pub struct ButtonLook {
    pub base: Color,
    pub hover: Color,
    pub selected: Color,
}

impl Default for ButtonLook {
    fn default() -> Self {
        ButtonLook {
            base: palette::BUTTON,
            hover: palette::BUTTON_HOVER,
            selected: palette::SELECTED,
        }
    }
}

/// A line of text in one of the embedded fonts.
pub fn label(
    text: impl Into<String>,
    font: &Handle<Font>,
    size: f32,
    colour: Color,
) -> impl Bundle {
    (
        Text::new(text),
        TextFont {
            font: font.clone().into(),
            font_size: FontSize::Px(size),
            ..default()
        },
        TextColor(colour),
        Pickable::IGNORE,
    )
}

/// A full-window column that centres a screen's content; Tab cycles within it.
pub fn screen_root() -> impl Bundle {
    (
        Node {
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            row_gap: px(14),
            ..default()
        },
        TabGroup::new(0),
    )
}

/// A dimmed full-window layer with a centred panel: the pause menu, the reveal, the crisis.
/// Tab stays inside it and only its shortcuts work.
pub fn modal(layer: u8, width: f32) -> (impl Bundle, impl Bundle) {
    (
        (
            Node {
                position_type: PositionType::Absolute,
                width: percent(100),
                height: percent(100),
                align_items: AlignItems::Center,
                justify_content: JustifyContent::Center,
                ..default()
            },
            BackgroundColor(palette::BACKDROP),
            GlobalZIndex(i32::from(layer) * 10),
            Modal(layer),
            TabGroup::modal(),
        ),
        (
            Node {
                width: px(width),
                max_height: percent(94),
                flex_direction: FlexDirection::Column,
                row_gap: px(10),
                padding: UiRect::all(px(22)),
                border: UiRect::all(px(1)),
                border_radius: BorderRadius::all(px(10)),
                ..default()
            },
            BackgroundColor(palette::PANEL),
            BorderColor::all(palette::BORDER),
        ),
    )
}

/// A bordered panel, laid out as a column.
pub fn panel() -> impl Bundle {
    (
        Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(6),
            padding: UiRect::all(px(12)),
            border: UiRect::all(px(1)),
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        BackgroundColor(palette::PANEL),
        BorderColor::all(palette::BORDER),
    )
}

/// A bordered box of the board's columns (and the host window's roster), laid out as a
/// column with `row_gap` pixels between its children: tighter than `panel`.
pub fn section(row_gap: f32) -> impl Bundle {
    (
        Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(row_gap),
            padding: UiRect::all(px(10)),
            border: UiRect::all(px(1)),
            border_radius: BorderRadius::all(px(6)),
            ..default()
        },
        BackgroundColor(palette::PANEL),
        BorderColor::all(palette::BORDER),
    )
}

/// A row of children, centred vertically.
pub fn row(gap: f32) -> impl Bundle {
    Node {
        flex_direction: FlexDirection::Row,
        align_items: AlignItems::Center,
        column_gap: px(gap),
        ..default()
    }
}

/// A small rounded tag: an intent, a regime, "you".
pub fn chip(text: impl Into<String>, fonts: &UiFonts, colour: Color) -> impl Bundle {
    (
        Node {
            padding: UiRect::axes(px(7), px(2)),
            border: UiRect::all(px(1)),
            border_radius: BorderRadius::all(px(9)),
            ..default()
        },
        BorderColor::all(colour),
        children![label(text, &fonts.bold, size::TINY, colour)],
    )
}

/// The clickable, focusable part of every button: runs `action` on `Activate` (a click, Enter
/// or Space while focused, or its shortcut key).
pub fn activatable<M, I>(action: I) -> impl Bundle
where
    M: Send + Sync + 'static,
    I: IntoObserverSystem<Activate, (), M> + Send + Sync,
{
    (
        WidgetButton,
        TabIndex(0),
        ButtonLook::default(),
        BackgroundColor(palette::BUTTON),
        observe(action),
        observe(|over: On<Pointer<Over>>, mut commands: Commands| {
            commands.entity(over.entity).insert(Hover);
        }),
        observe(|out: On<Pointer<Out>>, mut commands: Commands| {
            commands.entity(out.entity).remove::<Hover>();
        }),
    )
}

/// A text button that runs `action` when activated.
pub fn button<M, I>(text: &str, fonts: &UiFonts, action: I) -> impl Bundle
where
    M: Send + Sync + 'static,
    I: IntoObserverSystem<Activate, (), M> + Send + Sync,
{
    (
        activatable(action),
        Node {
            min_width: px(200),
            padding: UiRect::axes(px(18), px(9)),
            justify_content: JustifyContent::Center,
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

/// A small text button only as wide as its text, for rows of choices (the facilitator's
/// events, the host window's seat controls).
pub fn small_button<M, I>(text: impl Into<String>, fonts: &UiFonts, action: I) -> impl Bundle
where
    M: Send + Sync + 'static,
    I: IntoObserverSystem<Activate, (), M> + Send + Sync,
{
    (
        activatable(action),
        Node {
            padding: UiRect::axes(px(10), px(5)),
            border_radius: BorderRadius::all(px(5)),
            ..default()
        },
        children![label(text, &fonts.regular, size::SMALL, palette::TEXT)],
    )
}

/// A text button with a key of its own, shown on it.
pub fn keyed_button<M, I>(text: &str, key: KeyCode, fonts: &UiFonts, action: I) -> impl Bundle
where
    M: Send + Sync + 'static,
    I: IntoObserverSystem<Activate, (), M> + Send + Sync,
{
    keyed(text, key, fonts, action, 200.0)
}

/// A keyed button only as wide as its text, for bars.
pub fn small_keyed_button<M, I>(text: &str, key: KeyCode, fonts: &UiFonts, action: I) -> impl Bundle
where
    M: Send + Sync + 'static,
    I: IntoObserverSystem<Activate, (), M> + Send + Sync,
{
    keyed(text, key, fonts, action, 0.0)
}

fn keyed<M, I>(text: &str, key: KeyCode, fonts: &UiFonts, action: I, min: f32) -> impl Bundle
where
    M: Send + Sync + 'static,
    I: IntoObserverSystem<Activate, (), M> + Send + Sync,
{
    (
        activatable(action),
        Shortcut(key),
        Node {
            min_width: px(min),
            flex_shrink: 0.0,
            padding: UiRect::axes(px(16), px(9)),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            column_gap: px(10),
            border_radius: BorderRadius::all(px(6)),
            ..default()
        },
        children![
            label(text.to_string(), &fonts.bold, size::BODY, palette::TEXT),
            key_cap(key_name(key), fonts),
        ],
    )
}

/// A key drawn as a keyboard key.
pub fn key_cap(text: impl Into<String>, fonts: &UiFonts) -> impl Bundle {
    (
        Node {
            padding: UiRect::axes(px(6), px(1)),
            border: UiRect::all(px(1)),
            border_radius: BorderRadius::all(px(4)),
            ..default()
        },
        BorderColor::all(palette::MUTED),
        Pickable::IGNORE,
        children![label(text, &fonts.regular, size::TINY, palette::MUTED)],
    )
}

/// How a key is written on screen.
pub fn key_name(key: KeyCode) -> String {
    match key {
        KeyCode::Enter => "Enter".into(),
        KeyCode::Escape => "Esc".into(),
        KeyCode::Space => "Space".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::ArrowLeft => "←".into(),
        KeyCode::ArrowRight => "→".into(),
        other => {
            let name = format!("{other:?}");
            name.strip_prefix("Digit")
                .or_else(|| name.strip_prefix("Key"))
                .unwrap_or(&name)
                .to_string()
        }
    }
}

/// The number keys 1..9 then 0, for numbered lists.
pub fn number_key(index: usize) -> Option<KeyCode> {
    const KEYS: [KeyCode; 10] = [
        KeyCode::Digit1,
        KeyCode::Digit2,
        KeyCode::Digit3,
        KeyCode::Digit4,
        KeyCode::Digit5,
        KeyCode::Digit6,
        KeyCode::Digit7,
        KeyCode::Digit8,
        KeyCode::Digit9,
        KeyCode::Digit0,
    ];
    KEYS.get(index).copied()
}

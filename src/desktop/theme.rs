//! The look of the game in one place: colours, type sizes and the embedded fonts.

use bevy::ecs::system::IntoObserverSystem;
use bevy::prelude::*;
use bevy::ui_widgets::observe;

/// Inter, embedded in the binary so the game finds its fonts wherever it is run from; it
/// covers Latin, Greek and Cyrillic.
const REGULAR: &[u8] = include_bytes!("../../assets/fonts/Inter-Regular.otf");
const SEMIBOLD: &[u8] = include_bytes!("../../assets/fonts/Inter-SemiBold.otf");

/// Handles to the embedded fonts.
#[derive(Resource, Clone)]
pub struct UiFonts {
    pub regular: Handle<Font>,
    pub bold: Handle<Font>,
}

pub mod palette {
    use bevy::prelude::Color;

    pub const BACKGROUND: Color = Color::srgb(0.06, 0.07, 0.10);
    pub const TITLE: Color = Color::srgb(0.93, 0.86, 0.62);
    pub const TEXT: Color = Color::srgb(0.85, 0.87, 0.90);
    pub const MUTED: Color = Color::srgb(0.58, 0.62, 0.68);
    pub const PANEL: Color = Color::srgb(0.10, 0.12, 0.16);
    pub const BUTTON: Color = Color::srgb(0.16, 0.19, 0.25);
    pub const BUTTON_HOVER: Color = Color::srgb(0.24, 0.29, 0.38);
    pub const BORDER: Color = Color::srgb(0.22, 0.26, 0.33);
}

/// Needs the text plugin (in `DefaultPlugins`) added first, for `Assets<Font>`.
pub(super) fn plugin(app: &mut App) {
    app.insert_resource(ClearColor(palette::BACKGROUND));
    app.init_resource::<UiFonts>();
}

impl FromWorld for UiFonts {
    fn from_world(world: &mut World) -> Self {
        let mut fonts = world.resource_mut::<Assets<Font>>();
        UiFonts {
            regular: fonts.add(Font::from_bytes(REGULAR.to_vec())),
            bold: fonts.add(Font::from_bytes(SEMIBOLD.to_vec())),
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
    )
}

/// A full-window column that centres a screen's content.
pub fn screen_root() -> impl Bundle {
    Node {
        width: percent(100),
        height: percent(100),
        flex_direction: FlexDirection::Column,
        align_items: AlignItems::Center,
        justify_content: JustifyContent::Center,
        row_gap: px(14),
        ..default()
    }
}

/// A panel for one item of a list (a scenario, a move).
pub fn card() -> impl Bundle {
    (
        Node {
            width: px(900),
            flex_direction: FlexDirection::Column,
            row_gap: px(4),
            padding: UiRect::axes(px(16), px(10)),
            border: UiRect::all(px(1)),
            border_radius: BorderRadius::all(px(6)),
            ..default()
        },
        BackgroundColor(palette::PANEL),
        BorderColor::all(palette::BORDER),
    )
}

/// A button that runs `action` when clicked, lighter while the pointer is over it.
pub fn button<
    M: Send + Sync + 'static,
    I: IntoObserverSystem<Pointer<Click>, (), M> + Send + Sync,
>(
    text: &str,
    fonts: &UiFonts,
    action: I,
) -> impl Bundle {
    (
        Button,
        Node {
            width: px(320),
            padding: UiRect::axes(px(20), px(10)),
            justify_content: JustifyContent::Center,
            border_radius: BorderRadius::all(px(6)),
            ..default()
        },
        BackgroundColor(palette::BUTTON),
        observe(action),
        observe(
            |over: On<Pointer<Over>>, mut colours: Query<&mut BackgroundColor>| {
                if let Ok(mut c) = colours.get_mut(over.entity) {
                    c.0 = palette::BUTTON_HOVER;
                }
            },
        ),
        observe(
            |out: On<Pointer<Out>>, mut colours: Query<&mut BackgroundColor>| {
                if let Ok(mut c) = colours.get_mut(out.entity) {
                    c.0 = palette::BUTTON;
                }
            },
        ),
        children![label(text.to_string(), &fonts.bold, 20.0, palette::TEXT)],
    )
}

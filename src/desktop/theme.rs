//! The look of the game in one place: colours, type sizes and the embedded fonts.

use bevy::prelude::*;

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
}

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(ClearColor(palette::BACKGROUND));
    app.add_systems(PreStartup, load_fonts);
}

fn load_fonts(mut commands: Commands, mut fonts: ResMut<Assets<Font>>) {
    commands.insert_resource(UiFonts {
        regular: fonts.add(Font::from_bytes(REGULAR.to_vec())),
        bold: fonts.add(Font::from_bytes(SEMIBOLD.to_vec())),
    });
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

//! The look of the game in one place: colours (standard and colour-blind safe), type sizes, the
//! embedded fonts, and the widgets every screen is built from (`widgets`).

pub mod interaction;
pub mod widgets;

use crate::desktop::settings::{Palette, Settings};
use crate::sim::play::state::Regime;
use crate::sim::scenario::moves::Intent;
use bevy::prelude::*;

/// The fonts of `look`, embedded in the binary.
const REGULAR: &[u8] = crate::look::FONT_REGULAR;
const SEMIBOLD: &[u8] = crate::look::FONT_BOLD;

/// Handles to the embedded fonts.
#[derive(Resource, Clone)]
pub struct UiFonts {
    pub regular: Handle<Font>,
    pub bold: Handle<Font>,
}

/// Colours that do not depend on the palette setting.
pub mod palette {
    use bevy::prelude::Color;

    use crate::look::{self, Rgb};

    const fn of((r, g, b): Rgb) -> Color {
        Color::srgb_u8(r, g, b)
    }

    pub const BACKGROUND: Color = of(look::BACKGROUND);
    pub const TITLE: Color = of(look::TITLE);
    pub const TEXT: Color = of(look::TEXT);
    pub const MUTED: Color = of(look::MUTED);
    pub const PANEL: Color = of(look::PANEL);
    pub const PANEL_RAISED: Color = Color::srgb(0.13, 0.15, 0.20);
    pub const BUTTON: Color = Color::srgb(0.17, 0.20, 0.27);
    pub const BUTTON_HOVER: Color = Color::srgb(0.25, 0.30, 0.39);
    pub const BUTTON_DISABLED: Color = Color::srgb(0.12, 0.13, 0.16);
    pub const SELECTED: Color = Color::srgb(0.20, 0.27, 0.36);
    pub const BORDER: Color = of(look::BORDER);
    pub const FOCUS: Color = Color::srgb(0.98, 0.82, 0.35);
    pub const BACKDROP: Color = Color::srgba(0.02, 0.03, 0.05, 0.78);
    pub const TOOLTIP: Color = Color::srgb(0.16, 0.17, 0.21);
}

/// Type sizes, in logical pixels.
pub mod size {
    pub const HERO: f32 = 84.0;
    pub const HEADING: f32 = 34.0;
    pub const TITLE: f32 = 22.0;
    pub const BODY: f32 = 16.0;
    pub const SMALL: f32 = 14.0;
    pub const TINY: f32 = 12.0;
}

/// The colours that carry meaning, in the palette the player chose. Colour is never the only
/// cue: every coloured thing also has a number, a word or a line style.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Theme {
    pub palette: Palette,
    /// Trust and transparency from 0 (first) through 50 to 100 (last).
    pub scale: [Color; 3],
    pub cooperative: Color,
    pub neutral: Color,
    pub hostile: Color,
    pub warning: Color,
    pub good: Color,
}

impl Theme {
    pub fn new(palette: Palette) -> Theme {
        match palette {
            Palette::Standard => Theme {
                palette,
                scale: [
                    Color::srgb(0.86, 0.27, 0.22),
                    Color::srgb(0.91, 0.70, 0.25),
                    Color::srgb(0.35, 0.76, 0.42),
                ],
                cooperative: Color::srgb(0.35, 0.76, 0.42),
                neutral: Color::srgb(0.62, 0.66, 0.72),
                hostile: Color::srgb(0.90, 0.32, 0.27),
                warning: Color::srgb(0.96, 0.72, 0.25),
                good: Color::srgb(0.40, 0.80, 0.50),
            },
            // Okabe and Ito's palette: vermillion, yellow and blue stay apart for every common
            // colour-vision deficiency.
            Palette::ColourBlind => Theme {
                palette,
                scale: [
                    Color::srgb(0.84, 0.37, 0.0),
                    Color::srgb(0.94, 0.89, 0.26),
                    Color::srgb(0.34, 0.71, 0.91),
                ],
                cooperative: Color::srgb(0.34, 0.71, 0.91),
                neutral: Color::srgb(0.75, 0.75, 0.75),
                hostile: Color::srgb(0.84, 0.37, 0.0),
                warning: Color::srgb(0.94, 0.89, 0.26),
                good: Color::srgb(0.34, 0.71, 0.91),
            },
        }
    }

    /// A value 0..100 on the trust scale.
    pub fn level(&self, value: f64) -> Color {
        let t = (value / 100.0).clamp(0.0, 1.0) as f32;
        let [low, mid, high] = self.scale.map(|c| c.to_linear());
        let c = if t < 0.5 {
            low.mix(&mid, t * 2.0)
        } else {
            mid.mix(&high, (t - 0.5) * 2.0)
        };
        c.into()
    }

    pub fn intent(&self, intent: Intent) -> Color {
        match intent {
            Intent::Cooperative => self.cooperative,
            Intent::Neutral => self.neutral,
            Intent::Hostile => self.hostile,
        }
    }

    pub fn outcome(&self, regime: Regime) -> Color {
        match regime {
            Regime::Mas => self.good,
            Regime::Mad => self.warning,
            Regime::Catastrophe => self.hostile,
            Regime::Unsettled => self.neutral,
        }
    }

    /// A nation's colour: the scenario's own, or a colour-blind-safe one by index.
    pub fn nation(&self, hex: &str, index: usize) -> Color {
        const SAFE: [Color; 5] = [
            Color::srgb(0.0, 0.45, 0.70),
            Color::srgb(0.84, 0.37, 0.0),
            Color::srgb(0.0, 0.62, 0.45),
            Color::srgb(0.80, 0.47, 0.65),
            Color::srgb(0.94, 0.89, 0.26),
        ];
        match self.palette {
            Palette::ColourBlind => SAFE[index % SAFE.len()],
            Palette::Standard => Srgba::hex(hex).map_or(SAFE[index % SAFE.len()], Color::from),
        }
    }
}

/// Needs `Assets<Font>` (the text plugin, or `init_asset` in tests) and `Settings`.
pub(super) fn plugin(app: &mut App) {
    app.insert_resource(ClearColor(palette::BACKGROUND));
    app.init_resource::<UiFonts>();
    let palette = app.world().resource::<Settings>().palette;
    app.insert_resource(Theme::new(palette));
    app.add_plugins(interaction::plugin);
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

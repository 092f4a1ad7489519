//! The game's look, defined once for the window, the charts and the report: the embedded fonts
//! (Inter, SIL Open Font License, `assets/fonts/`) and the palette as sRGB bytes. The desktop's
//! theme turns these into Bevy colours, the charts into plotters' and the report into CSS.

/// Inter Regular and SemiBold, embedded so that the game and its outputs find their fonts
/// wherever they are run; they cover Latin, Greek and Cyrillic.
pub const FONT_REGULAR: &[u8] = include_bytes!("../assets/fonts/Inter-Regular.otf");
pub const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/Inter-SemiBold.otf");

/// An sRGB colour, 0..255 per channel.
pub type Rgb = (u8, u8, u8);

/// The page behind everything.
pub const BACKGROUND: Rgb = (16, 18, 26);
/// Panels, and the lines and borders between them.
pub const PANEL: Rgb = (26, 31, 41);
pub const BORDER: Rgb = (59, 69, 87);
/// Body text, secondary text, and titles.
pub const TEXT: Rgb = (222, 227, 235);
pub const MUTED: Rgb = (153, 163, 179);
pub const TITLE: Rgb = (237, 219, 158);

/// The hex form of a colour, for CSS: `#10121a`.
pub fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

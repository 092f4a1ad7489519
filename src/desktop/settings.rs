//! The player's settings (UI scale, palette, window mode, animation speed), kept in a RON file
//! in the user's config directory and applied as soon as they change.

use crate::files::text::read_text;
use crate::files::write_all_atomic;
use bevy::prelude::*;
use bevy::window::{MonitorSelection, WindowMode};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Palette {
    #[default]
    Standard,
    /// Okabe and Ito's colours, distinct under every common colour-vision deficiency.
    ColourBlind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum AnimationSpeed {
    /// Everything at once.
    Off,
    Fast,
    #[default]
    Normal,
    Slow,
}

impl AnimationSpeed {
    pub const ALL: [AnimationSpeed; 4] = [
        AnimationSpeed::Off,
        AnimationSpeed::Fast,
        AnimationSpeed::Normal,
        AnimationSpeed::Slow,
    ];

    /// Seconds between two lines of the turn reveal.
    pub fn step(self) -> f32 {
        match self {
            AnimationSpeed::Off => 0.0,
            AnimationSpeed::Fast => 0.08,
            AnimationSpeed::Normal => 0.2,
            AnimationSpeed::Slow => 0.45,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            AnimationSpeed::Off => "off",
            AnimationSpeed::Fast => "fast",
            AnimationSpeed::Normal => "normal",
            AnimationSpeed::Slow => "slow",
        }
    }
}

/// UI scales offered, smallest first.
pub const SCALES: [f32; 6] = [0.8, 0.9, 1.0, 1.1, 1.25, 1.5];

#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub ui_scale: f32,
    pub palette: Palette,
    pub fullscreen: bool,
    pub animation: AnimationSpeed,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ui_scale: 1.0,
            palette: Palette::Standard,
            fullscreen: false,
            animation: AnimationSpeed::Normal,
        }
    }
}

/// Where the settings live: `$DETENTE_CONFIG_DIR`, else the platform's config directory.
pub fn config_path() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let dir = if let Some(dir) = env("DETENTE_CONFIG_DIR") {
        dir
    } else if cfg!(windows) {
        env("APPDATA")?.join("Detente")
    } else if cfg!(target_os = "macos") {
        env("HOME")?.join("Library/Application Support/Detente")
    } else {
        env("XDG_CONFIG_HOME")
            .or_else(|| env("HOME").map(|h| h.join(".config")))?
            .join("detente")
    };
    Some(dir.join("settings.ron"))
}

/// What was wrong with the settings file when it was read, and what was done instead: shown
/// on the settings screen (and logged), so a hand-edited file never fails silently.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct SettingsNotice(pub Vec<String>);

impl Settings {
    /// The saved settings, or the defaults when there are none, with what had to be changed. A
    /// damaged file is reported and left alone (it is only replaced when the player changes a
    /// setting); values out of range are brought into range (`clamped`).
    pub fn load(file: &SettingsFile) -> (Settings, Vec<String>) {
        let Some(path) = &file.0 else {
            return (Settings::default(), Vec::new());
        };
        if !path.exists() {
            return (Settings::default(), Vec::new());
        }
        Settings::load_from(path).unwrap_or_else(|e| {
            (
                Settings::default(),
                vec![format!(
                    "{e}; using the default settings (the file is left as it is)"
                )],
            )
        })
    }

    /// Reads settings from a file (UTF-8, a byte-order mark allowed) and brings each value into
    /// its allowed range, saying what was changed.
    ///
    /// Errors: unreadable, not UTF-8, or not settings (a value of the wrong kind, a field given
    /// twice), at `FILE:LINE:COL`.
    pub fn load_from(path: &Path) -> Result<(Settings, Vec<String>), String> {
        let text = read_text(path, "Détente's settings").map_err(|e| e.to_string())?;
        let settings: Settings = ron::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: {}",
                path.display(),
                e.span.start.line,
                e.span.start.col,
                e.code
            )
        })?;
        let (settings, changes) = settings.clamped();
        let notes = changes
            .into_iter()
            .map(|c| format!("{}: {c}", path.display()))
            .collect();
        Ok((settings, notes))
    }

    /// The settings with every value made one the game offers: a UI scale not in `SCALES`
    /// (0, negative, huge, NaN) becomes the nearest one offered (the default for NaN). Returns
    /// what was changed, in words.
    pub fn clamped(mut self) -> (Settings, Vec<String>) {
        let mut changes = Vec::new();
        if !SCALES.contains(&self.ui_scale) {
            let fixed = if self.ui_scale.is_finite() {
                SCALES
                    .iter()
                    .copied()
                    .min_by(|a, b| {
                        (a - self.ui_scale)
                            .abs()
                            .total_cmp(&(b - self.ui_scale).abs())
                    })
                    .unwrap_or(1.0)
            } else {
                Settings::default().ui_scale
            };
            let offered: Vec<String> = SCALES.iter().map(|s| s.to_string()).collect();
            changes.push(format!(
                "ui_scale {} is not one of the sizes offered ({}); using {fixed}",
                self.ui_scale,
                offered.join(", ")
            ));
            self.ui_scale = fixed;
        }
        (self, changes)
    }

    /// Writes the settings to `file`, if there is one; failure is logged, never fatal.
    pub fn save(&self, file: &SettingsFile) {
        if let Some(path) = &file.0
            && let Err(e) = self.save_to(path)
        {
            warn!("settings not saved: {e}");
        }
    }

    /// Writes the settings atomically (a temporary file renamed into place).
    pub fn save_to(&self, path: &Path) -> Result<(), String> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| e.to_string())?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        write_all_atomic(&[(path, text.as_bytes())]).map_err(|e| e.to_string())
    }

    /// The next UI scale up (wrapping round).
    pub fn next_scale(&self) -> f32 {
        SCALES
            .iter()
            .copied()
            .find(|&s| s > self.ui_scale + 0.01)
            .unwrap_or(SCALES[0])
    }
}

/// Where the settings are kept; `None` keeps them in memory only (the attract mode, tests).
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct SettingsFile(pub Option<PathBuf>);

pub(super) fn plugin(app: &mut App) {
    if !app.world().contains_resource::<SettingsFile>() {
        app.insert_resource(SettingsFile(config_path()));
    }
    if !app.world().contains_resource::<Settings>() {
        let (settings, notes) = Settings::load(app.world().resource::<SettingsFile>());
        for note in &notes {
            warn!("{note}");
        }
        app.insert_resource(settings);
        app.insert_resource(SettingsNotice(notes));
    }
    app.init_resource::<SettingsNotice>();
    app.add_systems(
        PostUpdate,
        apply_settings.run_if(
            resource_changed::<Settings>.or_else(on_message::<bevy::window::WindowResized>),
        ),
    );
}

/// The layout is designed for 1280×720: a smaller window scales the interface down to fit.
const DESIGN: (f32, f32) = (1280.0, 720.0);

/// Applies the settings to the UI and the window.
fn apply_settings(
    settings: Res<Settings>,
    mut scale: ResMut<UiScale>,
    mut theme: ResMut<super::theme::Theme>,
    mut windows: Query<&mut Window>,
) {
    let fit = windows
        .iter()
        .next()
        .map_or(1.0, |w| {
            (w.width() / DESIGN.0).min(w.height() / DESIGN.1).min(1.0)
        })
        .max(0.5);
    let wanted = settings.ui_scale * fit;
    if (scale.0 - wanted).abs() > 1e-3 {
        scale.0 = wanted;
    }
    if theme.palette != settings.palette {
        *theme = super::theme::Theme::new(settings.palette);
    }
    let mode = if settings.fullscreen {
        WindowMode::BorderlessFullscreen(MonitorSelection::Current)
    } else {
        WindowMode::Windowed
    };
    for mut w in &mut windows {
        if w.mode != mode {
            w.mode = mode;
        }
    }
}

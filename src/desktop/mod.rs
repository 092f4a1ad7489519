//! The desktop game. `sim::play::session` is its way into the rules: the screens send commands and
//! draw what the sim reports, never writing match state themselves.
//!
//! `ui_plugin` is everything but the window and the renderer, so the screens' logic can be
//! tested in a headless `App`; `run` adds the window, the reactive update mode and, when asked,
//! the attract mode that plays and photographs every screen.

mod autoplay;
pub mod canvas;
mod redraw;
pub mod saves;
pub mod screens;
pub mod settings;
#[cfg(test)]
mod tests;
pub mod theme;

pub use crate::launch::PlayOptions;
use crate::sim::play::session::{SessionPlugin, SessionSystems};
use crate::sim::play::turn::SimPlugin;
use bevy::input_focus::tab_navigation::TabNavigationPlugin;
use bevy::prelude::*;
use bevy::winit::{UpdateMode, WinitSettings};
use screens::LaunchStraightIn;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Why no window can open here, when it cannot: on Linux and the BSDs a window needs an X11 or
/// Wayland display (winit would panic without one).
fn no_display() -> Option<String> {
    if !cfg!(all(unix, not(target_os = "macos"))) {
        return None;
    }
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    if set("DISPLAY") || set("WAYLAND_DISPLAY") || set("WAYLAND_SOCKET") {
        return None;
    }
    Some(
        "no display to open the game's window in (neither DISPLAY nor WAYLAND_DISPLAY is set); \
         run it in a desktop session, or use the classroom commands, which need none (detente --help)"
            .into(),
    )
}

/// The game's screens, widgets, settings and the session, without a window: what the headless
/// UI tests run. Needs the asset, text-font, state and input resources (`DefaultPlugins` has
/// them; the tests add them by hand).
pub fn ui_plugin(app: &mut App) {
    app.add_plugins((SimPlugin, SessionPlugin));
    app.configure_sets(
        Update,
        (Phase::Input, Phase::Session, Phase::Present).chain(),
    );
    app.configure_sets(
        Update,
        theme::interaction::WidgetSystems.in_set(Phase::Input),
    );
    app.configure_sets(Update, SessionSystems.in_set(Phase::Session));
    // The window plugin registers it too; without a window the reveal still asks for frames.
    app.add_message::<bevy::window::RequestRedraw>();
    app.add_message::<bevy::window::WindowResized>();
    app.add_plugins((
        settings::plugin,
        theme::plugin,
        saves::plugin,
        screens::plugin,
    ));
}

/// The desktop's frame, in order, declared once: what the player did (keys, clicks, widgets),
/// what the rules made of it (the session's commands, the sim's reports, saves), and what the
/// screens draw of it. Every `Update` system of the desktop is in one of them.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    Input,
    Session,
    Present,
}

/// Opens the host window for a class that already serves, and runs until it is closed (which
/// stops the host; every match was saved at its last turn).
pub fn run_host(launch: crate::launch::HostLaunch) -> ExitCode {
    if let Some(why) = no_display() {
        eprintln!("error: {why}");
        return ExitCode::from(2);
    }
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "Détente: hosting a class".into(),
            resolution: (1280, 720).into(),
            ..default()
        }),
        ..default()
    }))
    .add_plugins(TabNavigationPlugin)
    // The roster changes from the network, not from the window: look about once a second.
    .insert_resource(WinitSettings {
        focused_mode: UpdateMode::reactive_low_power(Duration::from_secs(1)),
        unfocused_mode: UpdateMode::reactive_low_power(Duration::from_secs(1)),
    })
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    });
    ui_plugin(&mut app);
    app.insert_resource(screens::host::Hosted::new(launch));
    app.add_plugins(redraw::plugin);
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::FAILURE,
    }
}

/// The game's update mode: reactive, a frame only when the player does something (or the
/// reveal animates). Bevy's `desktop_app` also wakes every 5 s while focused; a turn-based game
/// has nothing to do then.
pub fn game_update_mode() -> WinitSettings {
    WinitSettings {
        focused_mode: UpdateMode::reactive_low_power(Duration::from_secs(60)),
        unfocused_mode: UpdateMode::reactive_low_power(Duration::from_secs(60)),
    }
}

/// Opens the window and runs until it is closed.
pub fn run(options: PlayOptions) -> ExitCode {
    if let Some(why) = no_display() {
        eprintln!("error: {why}");
        return ExitCode::from(2);
    }
    let launched = Instant::now();
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "Détente".into(),
            resolution: (1280, 720).into(),
            resize_constraints: bevy::window::WindowResizeConstraints {
                min_width: 1024.0,
                min_height: 640.0,
                ..default()
            },
            ..default()
        }),
        ..default()
    }))
    .add_plugins(TabNavigationPlugin)
    .insert_resource(game_update_mode())
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    });
    if let Some((rules, setup)) = options.start.clone() {
        app.insert_resource(rules)
            .insert_resource(setup)
            .insert_resource(LaunchStraightIn);
    }
    if options.autoplay.is_some() {
        // The attract mode keeps its own settings, so a player's are neither used nor changed.
        app.insert_resource(settings::SettingsFile(None));
        app.insert_resource(settings::Settings {
            animation: settings::AnimationSpeed::Fast,
            ..default()
        });
    }
    ui_plugin(&mut app);
    if let Some(starter) = options.host.clone() {
        app.insert_resource(screens::host::Starter(starter));
    }
    app.insert_resource(screens::facilitator::FacilitatorAccess {
        always: options.facilitator,
        unlocked: false,
        guard: options
            .passphrase
            .as_deref()
            .map(crate::sim::archive::guard::Guard::new),
    });
    if let Some(path) = options.load.clone() {
        app.insert_resource(screens::LaunchSaved {
            path,
            watch: options.watch,
        });
    }
    app.add_plugins(redraw::plugin);
    if let Some(turns) = options.autoplay {
        app.insert_resource(WinitSettings::game());
        autoplay::add(&mut app, turns, options.screenshots.clone(), launched);
    }
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::FAILURE,
    }
}

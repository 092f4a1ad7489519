//! The desktop game. `sim::session` is its way into the rules; the match screen is still to
//! come (issue 3): for now a title screen and a scenario browser.

mod redraw;
mod screens;
mod theme;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use std::process::ExitCode;

/// Opens the window and runs until it is closed.
pub fn run() -> ExitCode {
    let exit = App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "Détente".into(),
                resolution: (1280, 720).into(),
                ..default()
            }),
            ..default()
        }))
        .insert_resource(WinitSettings::desktop_app())
        .add_plugins((theme::plugin, screens::plugin, redraw::plugin))
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
        })
        .run();
    match exit {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::FAILURE,
    }
}

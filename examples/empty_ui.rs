//! The baseline for the desktop's memory target: an empty Bevy UI window (the same plugins and
//! reactive mode as the game, one line of text, nothing else). `detente`'s peak memory is
//! compared with this one's in the closing note of issue 3.

use bevy::prelude::*;
use bevy::winit::WinitSettings;

fn main() {
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "empty UI".into(),
                resolution: (1280, 720).into(),
                ..default()
            }),
            ..default()
        }))
        .insert_resource(WinitSettings::desktop_app())
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
            commands.spawn(Text::new("empty"));
        })
        .run();
}

//! The desktop window. For now a title screen that lists the scenarios and points to the
//! headless commands; the full match screen is the desktop issue's work.

use crate::sim::load::{load_scenario, scenario_dir};
use bevy::prelude::*;
use bevy::winit::WinitSettings;
use std::process::ExitCode;

/// Opens the window and runs until it is closed.
pub fn run() -> ExitCode {
    let exit = App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "Detente".into(),
                resolution: (1280, 720).into(),
                ..default()
            }),
            ..default()
        }))
        .insert_resource(WinitSettings::desktop_app())
        .insert_resource(ClearColor(Color::srgb(0.06, 0.07, 0.10)))
        .add_systems(Startup, spawn_title)
        .run();
    match exit {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::FAILURE,
    }
}

fn spawn_title(mut commands: Commands) {
    commands.spawn(Camera2d);
    let mut lines = Vec::new();
    if let Ok(entries) = std::fs::read_dir(scenario_dir()) {
        let mut paths: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        paths.sort();
        for path in paths {
            if let Ok(loaded) = load_scenario(&path) {
                let s = loaded.scenario;
                lines.push(format!(
                    "{}  ({}, {} nations)",
                    s.title,
                    s.year,
                    s.nations.len()
                ));
            }
        }
    }
    let text = |s: String, size: f32, colour: Color| {
        (
            Text::new(s),
            TextFont {
                font_size: FontSize::Px(size),
                ..default()
            },
            TextColor(colour),
        )
    };
    commands.spawn((
        Node {
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            row_gap: px(12),
            ..default()
        },
        children![
            text("DETENTE".into(), 72.0, Color::srgb(0.93, 0.86, 0.62)),
            text(
                "From mutually assured destruction to mutually assured stability".into(),
                22.0,
                Color::srgb(0.8, 0.8, 0.85)
            ),
            text(lines.join("\n"), 20.0, Color::srgb(0.7, 0.75, 0.8)),
            text(
                "The match screen is coming. Meanwhile: detente simulate reset_2013".into(),
                18.0,
                Color::srgb(0.55, 0.6, 0.65)
            ),
        ],
    ));
}

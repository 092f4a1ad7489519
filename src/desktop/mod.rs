//! The desktop window. For now a title screen that lists the scenarios and points to the
//! headless commands; the full match screen is the desktop issue's work.

mod theme;

use crate::sim::load::{load_scenario, scenario_dir};
use bevy::prelude::*;
use bevy::winit::WinitSettings;
use std::process::ExitCode;
use theme::{UiFonts, label, palette};

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
        .add_plugins(theme::plugin)
        .add_systems(Startup, spawn_title)
        .run();
    match exit {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::FAILURE,
    }
}

fn spawn_title(mut commands: Commands, fonts: Res<UiFonts>) {
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
                lines.push(format!("{}  ·  {} nations", s.title, s.nations.len()));
            }
        }
    }
    commands.spawn((
        Node {
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            row_gap: px(14),
            ..default()
        },
        children![
            label("Détente", &fonts.bold, 84.0, palette::TITLE),
            label("Разрядка", &fonts.regular, 28.0, palette::MUTED),
            label(
                "From mutually assured destruction to mutually assured stability",
                &fonts.regular,
                24.0,
                palette::TEXT
            ),
            label(lines.join("\n"), &fonts.regular, 20.0, palette::MUTED),
            label(
                "The match screen is coming. Meanwhile, try: detente simulate reset_2013",
                &fonts.regular,
                18.0,
                palette::MUTED
            ),
        ],
    ));
}

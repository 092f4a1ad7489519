//! The layout's boundaries: `src/sim` uses nothing of bevy's render, UI, window or asset
//! crates; the desktop never writes match state; `cli` and `desktop` never import each other.

use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn sim_imports_no_rendering_ui_window_or_asset_types() {
    let forbidden = [
        "render",
        "bevy_ui",
        "bevy::ui",
        "window",
        "winit",
        "asset",
        "sprite",
        "bevy::text",
        "camera",
        "picking",
        "gizmos",
        "AssetServer",
        "Handle<",
    ];
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/sim"),
        &mut files,
    );
    assert!(files.len() > 5);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines().filter(|l| l.contains("bevy")) {
            for word in forbidden {
                assert!(
                    !line.contains(word),
                    "{}: `{}` mentions {word}",
                    file.display(),
                    line.trim()
                );
            }
        }
    }
}

/// Issue 3: the UI only sends commands to the sim and draws what it reports. No desktop code
/// may take a match component mutably or run the turn itself.
#[test]
fn the_desktop_never_writes_match_state() {
    let components = [
        "Nations",
        "Relations",
        "Diplomacy",
        "Clock",
        "SharedThreats",
        "ExchangeRisk",
        "RegimeHistory",
        "Orders",
        "Seats",
        "GameRng",
        "Perceptions",
        "TurnLog",
        "History",
        "Tally",
        "Rules",
    ];
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/desktop"),
        &mut files,
    );
    assert!(files.len() > 10);
    // The desktop's own tests change hidden values on purpose (`tests/seat.rs`).
    let is_test =
        |f: &Path| f.ends_with("tests.rs") || f.components().any(|c| c.as_os_str() == "tests");
    for file in files.iter().filter(|f| !is_test(f)) {
        let text = std::fs::read_to_string(file).unwrap();
        for c in components {
            for pattern in [
                format!("&mut {c}"),
                format!("Mut<{c}>"),
                format!("get_mut::<{c}>"),
                format!("ResMut<{c}>"),
                format!("resource_mut::<{c}>"),
            ] {
                assert!(
                    !text.contains(&pattern),
                    "{} writes match state: `{pattern}`",
                    file.display()
                );
            }
        }
        assert!(
            !text.contains("run_schedule"),
            "{} runs a schedule itself",
            file.display()
        );
    }
}

/// The command line and the window share only `sim`, `files` and `launch`: neither imports the
/// other (`main` hands `launch::PlayOptions` from the one to the other).
#[test]
fn cli_and_desktop_never_import_each_other() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (dir, other) in [("cli", "desktop"), ("desktop", "cli")] {
        let mut files = Vec::new();
        sources(&root.join(dir), &mut files);
        assert!(files.len() > 10);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for pattern in [format!("crate::{other}"), format!("detente::{other}")] {
                assert!(
                    !text.contains(&pattern),
                    "{} imports {other}: `{pattern}`",
                    file.display()
                );
            }
        }
    }
}

//! Must show 7: `src/sim` uses nothing of bevy's render, UI, window or asset crates.

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
        "Globals",
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
    for file in files.iter().filter(|f| !f.ends_with("tests.rs")) {
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

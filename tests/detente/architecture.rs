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

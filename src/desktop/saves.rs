//! Saving the match in play: an autosave after every turn, a save from the pause menu, and the
//! folder they go to. Each write keeps the previous file as `NAME.bak` and never leaves a
//! half-written save (`files::write_keeping_backup`).

use super::screens::facilitator::FacilitatorAccess;
use crate::files::data_dir;
use crate::sim::archive::save::SaveFile;
use crate::sim::play::session::{TurnResolved, snapshot};
use bevy::prelude::*;
use std::path::PathBuf;

/// Where saves go; `None` when the platform gives no data folder (nothing is saved then).
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct SaveDir(pub Option<PathBuf>);

impl Default for SaveDir {
    fn default() -> Self {
        SaveDir(data_dir().map(|d| d.join("saves")))
    }
}

/// The outcome of the last save, shown in the pause menu.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct LastSave(pub Option<Result<PathBuf, String>>);

/// Set while watching a replay: nothing is autosaved then.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AutosaveOff;

pub const AUTOSAVE: &str = "autosave.ron";

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SaveDir>()
        .init_resource::<LastSave>()
        .add_systems(
            Update,
            autosave
                .run_if(on_message::<TurnResolved>.and_then(not(resource_exists::<AutosaveOff>)))
                .in_set(crate::desktop::Phase::Session),
        );
}

/// Writes the match in play to `name` in the save folder.
pub fn save_as(world: &World, name: &str) -> Result<PathBuf, String> {
    let dir = world
        .get_resource::<SaveDir>()
        .and_then(|d| d.0.clone())
        .ok_or("there is no folder to save in (no home directory)")?;
    let (recording, pending, state) = snapshot(world).ok_or("there is no match to save")?;
    let path = dir.join(name);
    let mut save = SaveFile::new(recording, pending, state);
    // The passphrase goes with the match, so a save opened later keeps its secrets.
    save.facilitator = world
        .get_resource::<FacilitatorAccess>()
        .and_then(|a| a.guard.as_ref())
        .map(|g| g.phc().to_string());
    save.write(&path).map_err(|e| e.to_string())?;
    Ok(path)
}

/// The file name a manual save of this match gets: its scenario and seed, so saving the same
/// match again replaces it (keeping the previous one as the backup).
pub fn manual_name(world: &World) -> Option<String> {
    let (recording, _, _) = snapshot(world)?;
    Some(format!(
        "{}-seed{}.ron",
        recording.scenario.id, recording.seed
    ))
}

/// Saves the match in play now, by its manual name, and remembers the outcome.
pub fn save_now(world: &mut World) {
    let result = manual_name(world)
        .ok_or_else(|| "there is no match to save".to_string())
        .and_then(|name| save_as(world, &name));
    if let Err(e) = &result {
        warn!("save failed: {e}");
    }
    world.insert_resource(LastSave(Some(result)));
}

fn autosave(world: &mut World) {
    if let Err(e) = save_as(world, AUTOSAVE) {
        warn!("autosave failed: {e}");
        world.insert_resource(LastSave(Some(Err(e))));
    }
}

/// One file of the save folder, as the load screen lists it.
#[derive(Debug, Clone)]
pub struct SaveEntry {
    pub path: PathBuf,
    pub modified: Option<std::time::SystemTime>,
    /// A line about the match, or why the file cannot be loaded.
    pub summary: Result<String, String>,
    /// A seat is played by a person, so the match can be played on (not only watched).
    pub playable: bool,
}

/// The saves in `dir`, newest first; damaged ones are listed with the reason. Reading checks a
/// save's form and hash, not its replay (that happens on load).
pub fn list(dir: &std::path::Path) -> Vec<SaveEntry> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut saves: Vec<SaveEntry> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "ron")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .map(|path| {
            let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
            let parsed = crate::sim::archive::save::read(&path)
                .map(|(save, _)| save)
                .map_err(|e| e.to_string());
            let playable = parsed
                .as_ref()
                .is_ok_and(|save| save.recording.has_people());
            let summary = parsed.map(|save| {
                let sc = &save.recording.scenario;
                let state = match save.state.globals.outcome {
                    Some(o) => format!("ended in {}", o.name()),
                    None => format!("turn {} of {}", save.turn, save.recording.length),
                };
                format!("{} · {state} · seed {}", sc.title, save.recording.seed)
            });
            SaveEntry {
                path,
                modified,
                summary,
                playable,
            }
        })
        .collect();
    saves.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.path.cmp(&b.path)));
    saves
}

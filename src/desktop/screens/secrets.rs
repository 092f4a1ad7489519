//! Opening a save in the window, to watch it or to play on, by the rules of `sim::archive::secrecy`:
//! asking for the facilitator's passphrase first when the match's secrets need it, and
//! keeping the save's passphrase for the match taken up from it.

use super::facilitator::{FacilitatorAccess, PassphraseEntry, PassphrasePurpose};
use super::{Menu, begin_saved_match};
use crate::desktop::saves::AutosaveOff;
use crate::sim::archive::guard::Guard;
use crate::sim::archive::rebuild::Rebuilt;
use crate::sim::archive::save::{SaveFile, load};
pub use crate::sim::archive::secrecy::{Permission, Secrecy};
use bevy::prelude::*;
use std::path::Path;

/// Whether the facilitator's controls are open to whoever is at the computer (`--facilitator`).
pub fn always(world: &World) -> bool {
    world
        .get_resource::<FacilitatorAccess>()
        .is_some_and(|a| a.always)
}

/// A save waiting for the passphrase before it opens.
#[derive(Resource, Debug, Clone)]
pub struct PendingOpen {
    pub save: SaveFile,
    pub rebuilt: Rebuilt,
    pub watch: bool,
}

/// Opens a save (checked by replaying it) to watch it or to play on from it, asking for the
/// passphrase first when its secrets need it.
pub fn open_save(world: &mut World, path: &Path, watch: bool) -> Result<(), String> {
    let (save, rebuilt) = load(path).map_err(|e| e.to_string())?;
    if watch && save.recording.turns.is_empty() {
        return Err(format!(
            "{}: no turn has been played yet, so there is nothing to watch",
            path.display()
        ));
    }
    if !watch && !save.recording.has_people() {
        return Err(format!(
            "{}: every seat of this game is played by the computer; watch it instead",
            path.display()
        ));
    }
    let always = always(world);
    let secrecy = Secrecy::of(&save);
    world.insert_resource(super::saves::LoadNotice(None));
    match secrecy.may_open(false, always) {
        Permission::NeedsPassphrase => {
            world.insert_resource(PendingOpen {
                save,
                rebuilt,
                watch,
            });
            world.insert_resource(PassphraseEntry {
                purpose: PassphrasePurpose::Open,
                typed: String::new(),
                wrong: false,
            });
            world
                .resource_mut::<NextState<Menu>>()
                .set(Menu::Passphrase);
            Ok(())
        }
        _ => finish_open(world, save, rebuilt, watch, false),
    }
}

/// Opens a save once allowed (`unlocked`: the passphrase was given).
pub fn finish_open(
    world: &mut World,
    save: SaveFile,
    rebuilt: Rebuilt,
    watch: bool,
    unlocked: bool,
) -> Result<(), String> {
    if watch {
        super::watch::begin_watching(world, save, unlocked)
    } else {
        world.remove_resource::<super::watch::Watching>();
        world.remove_resource::<AutosaveOff>();
        begin_saved_match(world, save, rebuilt);
        Ok(())
    }
}

/// A match taken up from a save (loaded, or forked from a replay) keeps the save's passphrase:
/// its facilitator's panel and its next saves stay guarded by it, `--facilitator` or not.
pub fn keep_the_guard(world: &mut World, save: &SaveFile) {
    if let Some(guard) = save.facilitator.as_deref().and_then(Guard::from_phc)
        && let Some(mut access) = world.get_resource_mut::<FacilitatorAccess>()
    {
        access.guard = Some(guard);
        access.always = false;
    }
}

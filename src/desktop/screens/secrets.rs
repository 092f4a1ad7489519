//! What a save of a match still in play keeps secret, and from whom: the one set of rules that
//! opening a save (to watch it or to play on), another seat's view and a fork all follow.
//!
//! A match is *guarded* while people play it and it is not over (as its commands replay, not
//! as the file says). Then:
//! - with the facilitator's passphrase set (each save keeps its hash): a save of a match that
//!   several people play opens, to watch or to play on, only with the passphrase; another
//!   seat's view and a fork need it too;
//! - with none: the replay opens on the first person's seat, as the table's pass screen would;
//!   another person's seat stays closed, and a match of several people cannot be forked.
//!
//! `--facilitator` opens everything only for saves without a passphrase of their own. Anyone
//! who can edit a save file can defeat all this (it is plain text, holding every seat's
//! moves): the rules guard the game's screens, not the file.

use super::facilitator::{FacilitatorAccess, PassphraseEntry, PassphrasePurpose};
use super::{Menu, begin_saved_match};
use crate::desktop::saves::AutosaveOff;
use crate::sim::Rules;
use crate::sim::guard::Guard;
use crate::sim::record::Rebuilt;
use crate::sim::save::{SaveFile, load};
use crate::sim::state::Controller;
use bevy::prelude::*;
use std::path::Path;

/// Whether something may be done with a guarded match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Permission {
    Allowed,
    /// Allowed once the facilitator's passphrase is given.
    NeedsPassphrase,
    Refused(String),
}

/// A save's secrets: who plays it, whether it is over, and its passphrase's hash.
#[derive(Debug, Clone)]
pub struct Secrecy {
    people: Vec<usize>,
    over: bool,
    guard: Option<Guard>,
}

impl Secrecy {
    /// The secrets of a save as loaded (its state checked by its replay).
    pub fn of(save: &SaveFile) -> Secrecy {
        let seats = &save.recording.seats;
        Secrecy {
            people: (0..seats.len())
                .filter(|&i| seats[i] == Controller::Human)
                .collect(),
            over: save.state.globals.outcome.is_some(),
            guard: save.facilitator.as_deref().and_then(Guard::from_phc),
        }
    }

    /// People play it and it is not over.
    pub fn guarded(&self) -> bool {
        !self.over && !self.people.is_empty()
    }

    /// The passphrase's hash, when the match has one.
    pub fn guard(&self) -> Option<&Guard> {
        self.guard.as_ref()
    }

    /// The seat a replay opens on: the first person's.
    pub fn home(&self) -> usize {
        self.people.first().copied().unwrap_or(0)
    }

    /// Whether everything is open already: the passphrase was given, or the facilitator's
    /// controls are open to all (`always`) and the save has no passphrase of its own.
    fn open(&self, unlocked: bool, always: bool) -> bool {
        !self.guarded() || unlocked || (always && self.guard.is_none())
    }

    /// Whether the save may be opened at all, to watch or to play on.
    pub fn may_open(&self, unlocked: bool, always: bool) -> Permission {
        if self.open(unlocked, always) || self.people.len() < 2 || self.guard.is_none() {
            Permission::Allowed
        } else {
            Permission::NeedsPassphrase
        }
    }

    /// Whether the watcher may look through `seat`'s eyes.
    pub fn may_see(&self, seat: usize, unlocked: bool, always: bool, rules: &Rules) -> Permission {
        if self.open(unlocked, always) || seat == self.home() {
            Permission::Allowed
        } else if self.guard.is_some() {
            Permission::NeedsPassphrase
        } else if self.people.contains(&seat) {
            Permission::Refused(format!(
                "{} is played by a person and the match is not over: their view stays theirs (a facilitator's passphrase, set when the match begins, opens every seat)",
                rules.scenario.nations[seat].name
            ))
        } else {
            Permission::Allowed
        }
    }

    /// Whether the watcher may play on from the turn on screen (a fork hands every person's
    /// seat to whoever is at the computer).
    pub fn may_fork(&self, unlocked: bool, always: bool) -> Permission {
        if self.open(unlocked, always) {
            Permission::Allowed
        } else if self.guard.is_some() {
            Permission::NeedsPassphrase
        } else if self.people.len() > 1 {
            Permission::Refused(
                "several people are playing this match and it is not over: a fork would hand their seats to whoever is at the computer (a facilitator's passphrase, set when the match begins, allows it)".into(),
            )
        } else {
            Permission::Allowed
        }
    }
}

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

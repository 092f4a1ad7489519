//! What a save of a match still in play keeps secret, and from whom: the one set of rules that
//! opening a save (to watch it or to play on), another seat's view, a fork and an export of
//! the whole match all follow, in the window and on the command line.
//!
//! A match is *guarded* while people play it and it is not over (as its commands replay, not
//! as the file says). Then:
//! - with the facilitator's passphrase set (each save keeps its hash): a save of a match that
//!   several people play opens, to watch, to play on or to export, only with the passphrase;
//!   another seat's view and a fork need it too;
//! - with none: the replay opens on the first person's seat, as the table's pass screen would;
//!   another person's seat stays closed, a match of several people cannot be forked, and it
//!   cannot be exported whole until it is over.
//!
//! `--facilitator` opens everything only for saves without a passphrase of their own. Anyone
//! who can edit a save file can defeat all this (it is plain text, holding every seat's
//! moves): the rules guard the game's screens and exports, not the file.

use crate::sim::Rules;
use crate::sim::archive::guard::Guard;
use crate::sim::archive::save::SaveFile;

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
        Secrecy {
            people: save.recording.people(),
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
            // A computer's seat knows things of the people's nations (their moves it caught,
            // their arms it verified), and its own trust is what a person plays against.
            Permission::Refused(format!(
                "{} is played by the computer and the match is not over: its view holds what it knows of the people's nations (a facilitator's passphrase, set when the match begins, opens every seat)",
                rules.scenario.nations[seat].name
            ))
        }
    }

    /// Whether the whole match (every seat's moves and views) may be exported, as `detente
    /// replay --json` does.
    pub fn may_export(&self, unlocked: bool) -> Permission {
        if self.open(unlocked, false) || self.people.len() < 2 {
            Permission::Allowed
        } else if self.guard.is_some() {
            Permission::NeedsPassphrase
        } else {
            Permission::Refused(
                "several people are playing this match and it is not over: an export holds every seat's moves and views, and this match has no facilitator's passphrase to open it, so export it once the match is over".into(),
            )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_of_a_match_in_play_needs_the_passphrase() {
        let secrecy = |people: Vec<usize>, over: bool, guard: bool| Secrecy {
            people,
            over,
            guard: guard.then(|| Guard::new("open skies")),
        };
        assert_eq!(
            secrecy(vec![0, 1], false, true).may_export(false),
            Permission::NeedsPassphrase
        );
        assert!(matches!(
            secrecy(vec![0, 1], false, false).may_export(false),
            Permission::Refused(_)
        ));
        assert_eq!(
            secrecy(vec![0, 1], true, true).may_export(false),
            Permission::Allowed
        );
        assert_eq!(
            secrecy(vec![0], false, false).may_export(false),
            Permission::Allowed
        );
        assert_eq!(
            secrecy(vec![0, 1], false, true).may_export(true),
            Permission::Allowed
        );
    }
}

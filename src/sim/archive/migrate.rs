//! Saves of older versions, brought up to this one as they load. Each save version lists what
//! changed in the rules or the format since the one before, and how a save of that version is
//! read now. A migration never trusts more of an old save than it must: it replays the old
//! commands under today's rules, takes from the replay only the numbers that a rule change
//! has made different, and still demands that everything else matches the save exactly.

use crate::sim::archive::snapshot::MatchState;

/// What an older save version's state must take from its replay, in words (for `detente
/// replay` and the load screen); `None` for this version.
pub fn what_changed(version: u32) -> Option<&'static str> {
    match version {
        1 => Some(
            "its regimes were read again with the MAS rule's arms condition, which Détente 0.1.0 never checked, and its events were typed from the replay, and who could verify whom taken from it",
        ),
        2 => Some(
            "its events, saved as sentences, were typed from the replay, and who could verify whom taken from it",
        ),
        3 => {
            Some("it named moves and events as Détente 0.3.0 did, and was read under today's names")
        }
        4 => Some(
            "it was written before seats could change hands, and its warheads, shown on its scenario's own scale, are shown on the one scale of every scenario",
        ),
        5 => Some(
            "its warheads, shown on its scenario's own scale, are shown on the one scale of every scenario",
        ),
        6 => Some(
            "it was written before a match could end by chance; its scenario has no continuation, so its match lasts its turns, as it did",
        ),
        _ => None,
    }
}

/// The saved state as this version reads it, given the state its commands replay to.
///
/// Versions 1 and 2 saved events as sentences: they are taken from the replay, typed.
///
/// Version 1 (Détente 0.1.0) recorded total arms only at the start, so the MAS regime's "arms
/// flat or falling" condition always held. Nothing in the dynamics reads the regime, so a
/// version-1 match replays to the same numbers; only the regime of each turn, the outcome and
/// the record of total arms differ, and those are taken from the replay.
///
/// Versions up to 5 showed warheads scaled from each scenario's own starting count; since
/// version 6 every scenario shows them on one scale (`scenario::scale`). They are for display
/// only, so they are taken from the replay.
pub fn migrated(version: u32, saved: &MatchState, replayed: &MatchState) -> MatchState {
    let mut state = saved.clone();
    if version <= 5 {
        for (mine, theirs) in state.history.iter_mut().zip(&replayed.history) {
            for (a, b) in mine.nations.iter_mut().zip(&theirs.nations) {
                a.warheads = b.warheads;
            }
        }
    }
    if version <= 2 {
        // Versions 1 and 2 kept each turn's events as English sentences (read as none); the
        // replay's typed events take their place.
        for (mine, theirs) in state.history.iter_mut().zip(&replayed.history) {
            mine.events = theirs.events.clone();
            // Nor did they record who could verify whom.
            for (a, b) in mine.relations.iter_mut().zip(&theirs.relations) {
                a.verified = b.verified;
            }
        }
    }
    if version <= 1 {
        state.globals.regimes = replayed.globals.regimes.clone();
        state.globals.arms_totals = replayed.globals.arms_totals.clone();
        state.globals.outcome = replayed.globals.outcome;
        for (mine, theirs) in state.history.iter_mut().zip(&replayed.history) {
            mine.regime = theirs.regime;
        }
    }
    state
}

//! Checking a save by playing it again: its recording replayed from its seed must arrive at
//! exactly the state it holds (as this version reads an older save: `migrate`), turn by turn;
//! the first turn and field that differ say where it was edited or damaged.

use crate::sim::archive::history::TurnRecord;
use crate::sim::archive::migrate::migrated;
use crate::sim::archive::rebuild::{Rebuilt, rebuild};
use crate::sim::archive::save::SaveFile;
use crate::sim::play::command::Refusal;
use serde::Serialize;
use serde_json::Value;

/// Where a replay parted from its recording.
#[derive(Debug, Clone, PartialEq)]
pub struct Divergence {
    /// The first turn that differs, when the difference is in a turn.
    pub turn: Option<u32>,
    pub message: String,
    /// The rules' refusal, when the save holds a command they refuse (as the live match does).
    pub refusal: Option<Refusal>,
}

impl std::fmt::Display for Divergence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.turn {
            Some(t) => write!(f, "turn {t}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Plays the save's recording again and compares it with the saved history, turn by turn, then
/// with the whole saved state.
///
/// A save of an older version is compared as this version reads it (`migrate::migrated`); the
/// state returned is the replay's, so it is up to date.
pub fn verify(save: &SaveFile) -> Result<Rebuilt, Divergence> {
    let rebuilt = match rebuild(
        &save.recording,
        save.recording.turns.len(),
        Some(&save.pending),
    ) {
        Ok(rebuilt) => rebuilt,
        Err(e) => {
            // A command that no longer fits usually follows an earlier turn that went otherwise:
            // report that turn when there is one.
            let before = e.turn.map_or(0, |t| t.saturating_sub(1) as usize);
            if let Ok(partial) = rebuild(&save.recording, before, None) {
                let saved = migrated(save.version, &save.state, &partial.state);
                first_different_turn(&partial.state.history, &saved.history)?;
            }
            return Err(Divergence {
                turn: e.turn,
                message: e.message,
                refusal: e.refusal,
            });
        }
    };
    let saved = migrated(save.version, &save.state, &rebuilt.state);
    let (ours, theirs) = (&rebuilt.state.history, &saved.history);
    first_different_turn(ours, theirs)?;
    if ours.len() != theirs.len() {
        return Err(Divergence {
            turn: Some(ours.len().min(theirs.len()) as u32 + 1),
            message: format!(
                "the commands play {} turns but the history has {}",
                ours.len(),
                theirs.len()
            ),
            refusal: None,
        });
    }
    if save.turn != save.state.globals.turn {
        return Err(Divergence {
            turn: None,
            message: format!(
                "the save says {} turns were played but its state has {}",
                save.turn, save.state.globals.turn
            ),
            refusal: None,
        });
    }
    if rebuilt.state != saved {
        return Err(Divergence {
            turn: None,
            message: difference(&rebuilt.state, &saved, "state"),
            refusal: None,
        });
    }
    Ok(rebuilt)
}

/// The first turn (of those both have) whose records differ.
fn first_different_turn(ours: &[TurnRecord], theirs: &[TurnRecord]) -> Result<(), Divergence> {
    match ours.iter().zip(theirs).position(|(a, b)| a != b) {
        Some(k) => Err(Divergence {
            turn: Some(k as u32 + 1),
            message: difference(&ours[k], &theirs[k], "history"),
            refusal: None,
        }),
        None => Ok(()),
    }
}

/// The first field in which two values differ, as `path: replayed X, saved Y`.
fn difference<T: Serialize>(replayed: &T, saved: &T, root: &str) -> String {
    let (a, b) = (
        serde_json::to_value(replayed).unwrap_or(Value::Null),
        serde_json::to_value(saved).unwrap_or(Value::Null),
    );
    match first_difference(&a, &b, root.to_string()) {
        Some((path, x, y)) => format!("{path}: replayed {x}, saved {y}"),
        None => format!("{root} differs in a number's last bits"),
    }
}

fn first_difference(a: &Value, b: &Value, path: String) -> Option<(String, String, String)> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => x.iter().find_map(|(k, v)| {
            let w = y.get(k).unwrap_or(&Value::Null);
            first_difference(v, w, format!("{path}.{k}"))
        }),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| first_difference(v, w, format!("{path}[{i}]"))),
        _ if a != b => Some((path, a.to_string(), b.to_string())),
        _ => None,
    }
}

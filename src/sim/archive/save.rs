//! Save files: one versioned RON document holding a match's recording (the scenario itself, its
//! content hash, the seed and every turn's commands) and its whole state (random stream and
//! history included).
//!
//! A save is also a replay. Loading one plays its recording again and accepts it only if that
//! arrives at exactly the saved state, so a damaged or edited file is refused with the place
//! and the turn where it goes wrong. Nothing is ever written over a save but a whole new one,
//! and the previous one is kept as `NAME.bak` (`files::write_keeping_backup`).
//!
//! Saves of older versions are migrated as they load (`migrate`); the golden saves under
//! `tests/golden/` are the files every later build must still read.

use crate::files::text::text_of;
use crate::sim::archive::journal::{Recording, TurnCommands};
use crate::sim::archive::rebuild::Rebuilt;
use crate::sim::archive::snapshot::MatchState;
use crate::sim::error::{InputError, Locator};
use crate::sim::scenario::fingerprint::{hash_of_text, scenario_hash};
use crate::sim::scenario::load::ron_options;
use crate::sim::scenario::validate::validate;
use ron::value::RawValue;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub use crate::sim::archive::verify::{Divergence, verify};

/// What the first field of every save says it is.
pub const FORMAT: &str = "detente-save";
/// The save format this build writes, and the newest it reads.
/// - 1 (Détente 0.1.0): the first.
/// - 2: the Détente version that wrote the save (`detente`), the `--set` changes the match was
///   started with, the facilitator's passphrase as a salted hash, scenario hashes in SHA-256,
///   and the MAS regime's arms condition (a version-1 save's regimes are read again: `migrate`).
/// - 3: each turn's events typed (`log::SimEvent`), not sentences (an older save's events are
///   typed from its replay: `migrate`).
/// - 4: one name per thing: a move is `move_index` (3 wrote `action`), an event `EventDrawn(event:
///   …)` (3 wrote `CardDrawn(card: …)`); a version-3 save is read under the new names.
/// - 5: a seat may change hands during a match (the computer takes it, or a team of people gets
///   it back): each turn's `seats` and the recording's `pending_seats` say who plays it from
///   then on. A version-4 save has no hand-overs and reads as it is.
/// - 6: the mechanisms of Détente 0.6.0 (elections, climb-downs and free riding among a turn's
///   events: `SimEvent::ElectionHeld`, `ClimbedDown`, `FreeRiding`), and warheads shown on the
///   one scale of every scenario (`scenario::scale`; an older save's are taken from its replay).
/// - 7: Détente 0.7.0: the scenario a save holds may end its match by chance
///   (`params.continuation`), and its nations may play the strategies added in 0.7.0. A version-6
///   save reads as it is (its scenario has no continuation: its match lasts its turns).
pub const VERSION: u32 = 7;
/// The oldest save format this build reads (migrating it).
pub const OLDEST: u32 = 1;
/// This build's version, as saves and outputs record it.
pub const DETENTE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The longest match a save may hold (the same limit as `--turns`).
const MAX_LENGTH: u32 = 100_000;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SaveFile {
    pub format: String,
    pub version: u32,
    /// The version of Détente that wrote the save (empty in version-1 saves: 0.1.0).
    #[serde(default)]
    pub detente: String,
    /// The scenario's id, and the hash of the scenario as the match started (`scenario_hash`).
    pub scenario: String,
    pub scenario_hash: String,
    /// Turns played, for lists of saves (checked against the state on load).
    pub turn: u32,
    pub recording: Recording,
    /// The commands given so far in the turn not yet resolved.
    pub pending: TurnCommands,
    /// The facilitator's passphrase as a salted Argon2 hash (a PHC string), when one was set:
    /// what guards the match's secrets when the save is opened again (`passphrase`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facilitator: Option<String>,
    pub state: MatchState,
}

impl SaveFile {
    pub fn new(recording: Recording, pending: TurnCommands, state: MatchState) -> SaveFile {
        SaveFile {
            format: FORMAT.into(),
            version: VERSION,
            detente: DETENTE_VERSION.into(),
            scenario: recording.scenario.id.clone(),
            scenario_hash: scenario_hash(&recording.scenario),
            turn: state.globals.turn,
            recording,
            pending,
            facilitator: None,
            state,
        }
    }

    /// Who wrote the save, in words: "Détente 0.2.0" ("Détente 0.1.0" for version 1).
    pub fn made_by(&self) -> String {
        match (self.detente.as_str(), self.version) {
            ("", 1) => "Détente 0.1.0".into(),
            ("", _) => "an unknown version of Détente".into(),
            (v, _) => format!("Détente {v}"),
        }
    }

    /// The save as RON text.
    pub fn to_text(&self) -> String {
        let pretty = ron::ser::PrettyConfig::new()
            .depth_limit(4)
            .struct_names(false);
        let mut text = ron::ser::to_string_pretty(self, pretty).expect("a save always serialises");
        text.push('\n');
        text
    }

    /// Writes the save over `path`, keeping the previous file as its backup.
    pub fn write(&self, path: &Path) -> Result<(), InputError> {
        crate::files::write_keeping_backup(path, self.to_text().as_bytes())
    }
}

/// Just enough of a save to tell what it is before reading the rest.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
    detente: Option<String>,
}

/// The scenario of a save as it is written in the file, for its hash.
#[derive(Deserialize)]
struct Written<'a> {
    #[serde(borrow)]
    recording: WrittenRecording<'a>,
}

#[derive(Deserialize)]
struct WrittenRecording<'a> {
    #[serde(borrow)]
    scenario: &'a RawValue,
}

/// Reads a save and checks it completely: its form, its version, its scenario's hash, and that
/// its recording replays to its state. Returns the save, its state now the one its commands
/// replay to (for an older save, migrated), and the match rebuilt from it.
pub fn load(path: &Path) -> Result<(SaveFile, Rebuilt), InputError> {
    let (mut save, text) = read(path)?;
    match verify(&save) {
        Ok(rebuilt) => {
            // What the rest of the game reads of the save (is the match over? whose turn?)
            // comes from the replay, never from numbers the file merely states.
            save.state = rebuilt.state.clone();
            Ok((save, rebuilt))
        }
        Err(d) => {
            let (line, col) = Locator::new(&text).find(&["state".to_string()]);
            let why = if save.version < VERSION {
                format!(
                    "the file was edited or damaged, or it was made by an incompatible older version of Détente ({}, save version {})",
                    save.made_by(),
                    save.version
                )
            } else {
                "the file was edited or damaged".to_string()
            };
            Err(InputError::at(
                path.display().to_string(),
                line,
                col,
                format!("the saved state does not follow from the game's commands ({d}); {why}"),
            ))
        }
    }
}

/// Reads and parses a save, checking everything but the replay; returns its text too.
pub fn read(path: &Path) -> Result<(SaveFile, String), InputError> {
    let shown = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| InputError::new(&shown, format!("cannot read: {e}")))?;
    let text = text_of(&shown, bytes, "a Détente save")?;
    Ok((parse_text(&shown, &text)?, text))
}

/// Parses a save's bytes and checks everything but the replay.
pub fn parse(origin: &str, bytes: &[u8]) -> Result<SaveFile, InputError> {
    let text = text_of(origin, bytes.to_vec(), "a Détente save")?;
    parse_text(origin, &text)
}

fn parse_text(origin: &str, text: &str) -> Result<SaveFile, InputError> {
    let ron_error = |e: ron::error::SpannedError| {
        InputError::at(
            origin,
            e.span.start.line,
            e.span.start.col,
            format!("{}; the save is damaged or cut short", e.code),
        )
    };
    // A problem with a field, placed where the field is written.
    let refuse = |key: &str, message: String| {
        let (line, col) = Locator::new(text).find(&[key.to_string()]);
        Err(InputError::at(origin, line, col, message))
    };
    // A match exported as JSON is the file people most often mistake for a save.
    if text.trim_start().starts_with('{') {
        return Err(InputError::at(
            origin,
            1,
            1,
            "not a Détente save: this is JSON, a match exported with --json (`detente report` reads those); a save is written with --save or from the game",
        ));
    }
    let header: Header = ron_options().from_str(text).map_err(ron_error)?;
    if header.format.as_deref() != Some(FORMAT) {
        return refuse(
            "format",
            format!("not a Détente save: expected format: \"{FORMAT}\" at the top"),
        );
    }
    let by = header
        .detente
        .as_deref()
        .map_or(String::new(), |v| format!("Détente {v}, "));
    match header.version {
        Some(v) if v > VERSION => {
            return refuse(
                "version",
                format!(
                    "this save was made by a newer version of Détente ({by}save version {v}); this one, Détente {DETENTE_VERSION}, reads save versions {OLDEST} to {VERSION}"
                ),
            );
        }
        Some(v) if v >= OLDEST => {}
        Some(v) => {
            return refuse(
                "version",
                format!(
                    "this save was made by an incompatible older version of Détente ({by}save version {v}); this one, Détente {DETENTE_VERSION}, reads save versions {OLDEST} to {VERSION}"
                ),
            );
        }
        None => {
            return refuse(
                "version",
                format!("no save version; expected `version:` {OLDEST} to {VERSION}"),
            );
        }
    }
    let save: SaveFile = ron_options().from_str(text).map_err(ron_error)?;
    if let Some((key, why)) = not_of_its_version(&save) {
        return refuse(
            key,
            format!(
                "a save of version {} cannot have {why}; the file was edited or damaged",
                save.version
            ),
        );
    }
    let scenario = &save.recording.scenario;
    if scenario.id != save.scenario {
        return refuse(
            "scenario",
            format!(
                "the save names scenario {:?} but holds {:?}",
                save.scenario, scenario.id
            ),
        );
    }
    let written: Written = ron_options().from_str(text).map_err(ron_error)?;
    let Some(hash) = hash_of_text(written.recording.scenario.get_ron(), &save.scenario_hash) else {
        return refuse(
            "scenario_hash",
            format!(
                "unknown kind of scenario hash {:?}; expected sha256:… or fnv1a64:…",
                save.scenario_hash
            ),
        );
    };
    if hash != save.scenario_hash {
        return refuse(
            "scenario_hash",
            format!(
                "the scenario inside the save does not match its hash (recorded {}, its content gives {hash}): the file was edited or damaged",
                save.scenario_hash
            ),
        );
    }
    if let Err(problems) = validate(scenario) {
        return refuse(
            "recording",
            format!(
                "the scenario inside the save is invalid: {}",
                problems[0].message
            ),
        );
    }
    let length = save.recording.length;
    if !(1..=MAX_LENGTH).contains(&length) {
        return refuse(
            "length",
            format!("a match of {length} turns; expected 1 to {MAX_LENGTH}"),
        );
    }
    Ok(save)
}

/// What a save holds that its version does not write, so that a save cannot claim an older
/// version (and its migration) while holding a newer one's contents: version 1 has an FNV-1a
/// scenario hash and none of version 2's fields; later versions have a SHA-256 hash; only
/// version 5 and later hand seats over.
fn not_of_its_version(save: &SaveFile) -> Option<(&'static str, &'static str)> {
    let hash = &save.scenario_hash;
    if save.version == 1 {
        if !hash.starts_with("fnv1a64:") {
            return Some(("scenario_hash", "a scenario hash other than fnv1a64"));
        }
        if !save.detente.is_empty() {
            return Some(("detente", "a `detente` version"));
        }
        if save.facilitator.is_some() {
            return Some(("facilitator", "a facilitator's passphrase"));
        }
        if !save.recording.set.is_empty() {
            return Some(("set", "a `set` list"));
        }
    } else if !hash.starts_with("sha256:") {
        return Some(("scenario_hash", "a scenario hash other than sha256"));
    }
    let handed = save.recording.turns.iter().any(|t| !t.seats.is_empty())
        || !save.recording.pending_seats.is_empty()
        || !save.pending.seats.is_empty();
    if save.version < 5 && handed {
        return Some(("seats", "a seat handed over during the match (version 5)"));
    }
    None
}

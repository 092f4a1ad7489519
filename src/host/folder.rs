//! The class folder: everything the host needs to go on after it was stopped or killed.
//! `class.json` keeps the class code and the seats' tokens (so the teams' pages get their seats
//! back), and each match autosaves as `match-01.ron`, `match-02.ron`, … after every turn, in
//! the ordinary save format (`detente replay FILE` checks one, `detente play --load FILE`
//! opens it). Every file is replaced atomically, keeping the previous one as `FILE.bak`.

use crate::files::write_keeping_backup;
use crate::host::access::ClassCode;
use crate::host::class::{Class, new_roster};
use crate::host::roster::SeatRef;
use crate::sim::InputError;
use crate::sim::archive::guard::Guard;
use crate::sim::archive::save::{self, DETENTE_VERSION};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The class file's name in the class folder.
pub const CLASS_FILE: &str = "class.json";
const FORMAT: &str = "detente-class";
const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassFile {
    format: String,
    version: u32,
    detente: String,
    scenario: String,
    matches: usize,
    class_code: String,
    /// The teacher's passphrase as a salted Argon2 hash (a PHC string), when one was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    teacher: Option<String>,
    /// The turn timer, in seconds, when the teacher set one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    turn_timer: Option<u32>,
    /// The matches the teacher paused, counting from 1.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    paused: Vec<usize>,
    seats: Vec<HeldSeat>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct HeldSeat {
    /// The match, counting from 1 as the files do.
    #[serde(rename = "match")]
    table: usize,
    nation: String,
    token: String,
    team_code: String,
}

/// Takes the class folder for this host alone: a second `detente host` on the same folder is
/// refused while this one runs (the operating system's lock on `.host-lock`, which ends with
/// the process, however it ends). Keep the file as long as the host runs. Errors when the
/// folder cannot be made or another host holds it.
pub fn hold(folder: &Path) -> Result<std::fs::File, InputError> {
    let shown = folder.display().to_string();
    std::fs::create_dir_all(folder)
        .map_err(|e| InputError::new(&shown, format!("cannot create the class folder: {e}")))?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(folder.join(".host-lock"))
        .map_err(|e| InputError::new(&shown, format!("cannot open its lock: {e}")))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(InputError::new(
            &shown,
            "another `detente host` is hosting this class already; stop it first (Ctrl-C in its terminal, or close its window)",
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(InputError::new(
            &shown,
            format!("cannot lock the class folder: {e}"),
        )),
    }
}

/// Where match `table` (from 0) autosaves.
pub fn match_file(folder: &Path, table: usize) -> PathBuf {
    folder.join(format!("match-{:02}.ron", table + 1))
}

/// Writes match `table`'s save, guarded by the teacher's passphrase as a facilitator's save is
/// (`play --load` asks for it before it shows the seats' secrets of an unfinished match).
pub fn write_match(folder: &Path, class: &Class, table: usize) -> Result<(), InputError> {
    let mut save = class.save(table).ok_or_else(|| {
        InputError::new(
            folder.display().to_string(),
            format!("match {} has no state to save", table + 1),
        )
    })?;
    save.facilitator = class.roster().teacher().map(|g| g.phc().to_string());
    save.write(&match_file(folder, table))
}

/// Writes the class file: its code and the seats' tokens.
pub fn write_roster(folder: &Path, class: &Class) -> Result<(), InputError> {
    let sc = &class.rules().scenario;
    let file = ClassFile {
        format: FORMAT.into(),
        version: VERSION,
        detente: DETENTE_VERSION.into(),
        scenario: sc.id.clone(),
        matches: class.tables(),
        class_code: class.roster().code().as_str().into(),
        teacher: class.roster().teacher().map(|g| g.phc().to_string()),
        turn_timer: class.roster().turn_timer(),
        paused: class
            .status(|_| 0)
            .iter()
            .filter(|t| t.paused)
            .map(|t| t.table + 1)
            .collect(),
        seats: class
            .roster()
            .holdings()
            .into_iter()
            .map(|(token, seat, team_code)| HeldSeat {
                table: seat.table + 1,
                nation: sc.nations[seat.nation].id.clone(),
                token,
                team_code,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    write_keeping_backup(&folder.join(CLASS_FILE), text.as_bytes())
}

/// Writes the whole class: every match's save, then the class file.
pub fn write_all(folder: &Path, class: &Class) -> Result<(), InputError> {
    for table in 0..class.tables() {
        write_match(folder, class, table)?;
    }
    write_roster(folder, class)
}

/// The class again from its folder: the class file, and each match's save, verified by
/// replaying it. Errors name the file, and the line and column where they are known.
pub fn open(folder: &Path) -> Result<Class, InputError> {
    let path = folder.join(CLASS_FILE);
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|e| {
        InputError::new(
            &shown,
            format!("cannot read the class file ({e}); is this a class folder that `detente host` wrote?"),
        )
    })?;
    let file: ClassFile = serde_json::from_str(&text)
        .map_err(|e| InputError::at(&shown, e.line(), e.column(), e.to_string()))?;
    if file.format != FORMAT || file.version != VERSION {
        return Err(InputError::new(
            &shown,
            format!(
                "expected a {FORMAT} file of version {VERSION}, found {:?} version {}",
                file.format, file.version
            ),
        ));
    }
    let code = ClassCode::parse(&file.class_code, ClassCode::LEN).ok_or_else(|| {
        InputError::new(&shown, format!("{:?} is not a class code", file.class_code))
    })?;
    if file.matches == 0 || file.matches > 50 {
        return Err(InputError::new(&shown, "expected 1 to 50 matches"));
    }
    let mut saves = Vec::with_capacity(file.matches);
    for table in 0..file.matches {
        let (save, rebuilt) = save::load(&match_file(folder, table))?;
        if save.scenario != file.scenario {
            return Err(InputError::new(
                match_file(folder, table).display().to_string(),
                format!(
                    "a match of {}, where the class plays {}",
                    save.scenario, file.scenario
                ),
            ));
        }
        saves.push((save, rebuilt));
    }
    let rules = saves[0].1.rules.clone();
    let mut roster = new_roster(code, &rules, file.matches);
    if let Some(phc) = &file.teacher {
        let guard = Guard::from_phc(phc).ok_or_else(|| {
            InputError::new(
                &shown,
                "\"teacher\" is not a passphrase hash of this version",
            )
        })?;
        roster.set_teacher(guard);
    }
    roster.set_turn_timer(file.turn_timer);
    for held in &file.seats {
        let nation = rules.nation_index(&held.nation).ok_or_else(|| {
            InputError::new(
                &shown,
                format!("no nation {:?} in {}", held.nation, file.scenario),
            )
        })?;
        let seat = SeatRef {
            table: held.table.wrapping_sub(1),
            nation,
        };
        roster
            .restore(&held.token, seat, &held.team_code)
            .map_err(|e| InputError::new(&shown, format!("match {}: {e}", held.table)))?;
    }
    let mut class =
        Class::resume(roster, saves).ok_or_else(|| InputError::new(&shown, "no matches"))?;
    // The matches the teacher had paused stay paused.
    for &m in &file.paused {
        if m == 0 || m > file.matches {
            return Err(InputError::new(
                &shown,
                format!(
                    "\"paused\" names match {m}; the class has 1 to {}",
                    file.matches
                ),
            ));
        }
        class.pause(m - 1, true);
    }
    Ok(class)
}

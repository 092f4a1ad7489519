//! Files: text read the one way every reader shares (`text`), files written whole or not at all
//! (a temporary file renamed into place), saves with the previous version kept as a backup, and
//! where the player's data lives.

pub mod text;

use crate::sim::InputError;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes several files as one: every file goes to a temporary beside its target first, and
/// only when all of them are written are they renamed into place. A failure leaves no file
/// behind, new or temporary.
pub fn write_all_atomic(files: &[(&Path, &[u8])]) -> Result<(), InputError> {
    let mut staging = Staging::default();
    for &(path, contents) in files {
        staging.write(path, contents)?;
    }
    staging.commit()
}

/// Files written as one set: each to a temporary beside its target, all renamed into place by
/// `commit`. Dropped without a commit (an error, a panic), it removes its temporaries, so the
/// targets are either all new or all as they were (bar a failed rename midway).
#[derive(Debug, Default)]
pub struct Staging {
    /// (temporary, target) for each file written so far.
    pending: Vec<(PathBuf, PathBuf)>,
}

impl Staging {
    /// A new temporary for `target`, for a file too large to hold in memory (written row by
    /// row). Write it, then `sync_all` it, before `commit`.
    pub fn create(&mut self, target: &Path) -> Result<std::fs::File, InputError> {
        self.not_yet(target)?;
        let tmp = temporary_beside(target);
        let file = std::fs::File::create(&tmp).map_err(|e| cannot(target, "write", e))?;
        self.pending.push((tmp, target.to_path_buf()));
        Ok(file)
    }

    /// Writes `contents` to a new temporary for `target`, synced to disk.
    pub fn write(&mut self, target: &Path, contents: &[u8]) -> Result<(), InputError> {
        self.not_yet(target)?;
        let tmp = temporary_beside(target);
        self.pending.push((tmp.clone(), target.to_path_buf()));
        write_synced(&tmp, contents).map_err(|e| cannot(target, "write", e))
    }

    /// Refuses a target written already in this set: its temporary would be written over.
    fn not_yet(&self, target: &Path) -> Result<(), InputError> {
        if self.pending.iter().any(|(_, t)| t == target) {
            return Err(InputError::new(
                target.display().to_string(),
                "is to be written twice at once; give each output its own file",
            ));
        }
        Ok(())
    }

    /// Renames every temporary over its target.
    pub fn commit(mut self) -> Result<(), InputError> {
        let pending = std::mem::take(&mut self.pending);
        for (i, (tmp, target)) in pending.iter().enumerate() {
            if let Err(e) = std::fs::rename(tmp, target) {
                self.pending = pending[i..].to_vec();
                return Err(cannot(target, "replace", e));
            }
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        for (tmp, _) in &self.pending {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// Replaces `path` with `contents` and keeps what it held as `path.bak`. At every moment `path`
/// is either the old file or the new one, whole: the new text goes to a temporary first, the
/// backup is made by a link (or copy) renamed into place, and only then is the temporary renamed
/// over `path`. A process killed at any point leaves the previous save loadable.
pub fn write_keeping_backup(path: &Path, contents: &[u8]) -> Result<(), InputError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| cannot(dir, "create the directory", e))?;
    }
    let tmp = temporary_beside(path);
    if let Err(e) = write_synced(&tmp, contents) {
        let _ = std::fs::remove_file(&tmp);
        return Err(cannot(path, "write", e));
    }
    if path.exists() {
        let backup = backup_of(path);
        let backup_tmp = temporary_beside(&backup);
        let _ = std::fs::remove_file(&backup_tmp);
        let linked = std::fs::hard_link(path, &backup_tmp)
            .or_else(|_| std::fs::copy(path, &backup_tmp).map(|_| ()))
            .and_then(|()| std::fs::rename(&backup_tmp, &backup));
        if let Err(e) = linked {
            let _ = std::fs::remove_file(&backup_tmp);
            let _ = std::fs::remove_file(&tmp);
            return Err(cannot(&backup, "keep the backup", e));
        }
    }
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(cannot(path, "replace", e));
    }
    Ok(())
}

/// Where `write_keeping_backup` keeps the previous version of `path`.
pub fn backup_of(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// The test hook for "the process was killed in the middle of a save": with
/// `DETENTE_TEST_ABORT_SAVE_AFTER=N` set, a write stops dead after N bytes of the temporary file.
const ABORT_AFTER: &str = "DETENTE_TEST_ABORT_SAVE_AFTER";

fn write_synced(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    if let Some(n) = std::env::var(ABORT_AFTER).ok().and_then(|v| v.parse().ok()) {
        let n = contents.len().min(n);
        file.write_all(&contents[..n])?;
        file.sync_all()?;
        std::process::abort();
    }
    file.write_all(contents)?;
    file.sync_all()
}

fn cannot(path: &Path, what: &str, e: std::io::Error) -> InputError {
    InputError::new(path.display().to_string(), format!("cannot {what}: {e}"))
}

/// A hidden temporary beside `path`, named for this process (and remembered, so that an
/// interrupted command can remove it: `remove_temporaries_when_interrupted`).
pub fn temporary_beside(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    TEMPORARIES
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(tmp.clone());
    tmp
}

/// Every temporary this process has named (a renamed or removed one is simply gone).
static TEMPORARIES: std::sync::Mutex<std::collections::BTreeSet<PathBuf>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

/// From now on Ctrl-C or a termination signal removes this process's temporary files before it
/// exits (with code 130), so an interrupted batch leaves no half-written file behind, hidden
/// or not. For the classroom commands: the window has Bevy's own handler.
pub fn remove_temporaries_when_interrupted() {
    let _ = ctrlc::set_handler(|| {
        let temporaries = TEMPORARIES.lock().unwrap_or_else(|e| e.into_inner());
        for tmp in temporaries.iter() {
            let _ = std::fs::remove_file(tmp);
        }
        let note = ON_INTERRUPT.lock().unwrap_or_else(|e| e.into_inner());
        match note.as_deref() {
            Some(note) => eprintln!("{note}"),
            None => eprintln!("interrupted: its temporary files are removed"),
        }
        std::process::exit(130);
    });
}

/// What an interrupted command says instead of the default (`detente host`: that nothing is
/// lost, and how to go on).
static ON_INTERRUPT: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Says `note` when this process is interrupted (after `remove_temporaries_when_interrupted`).
pub fn on_interrupt_say(note: String) {
    *ON_INTERRUPT.lock().unwrap_or_else(|e| e.into_inner()) = Some(note);
}

/// The player's data (saves and exports): `$DETENTE_DATA_DIR`, else the platform's data folder
/// (`$XDG_DATA_HOME/detente` or `~/.local/share/detente` on Linux).
pub fn data_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = env("DETENTE_DATA_DIR") {
        return Some(dir);
    }
    Some(if cfg!(windows) {
        env("APPDATA")?.join("Detente")
    } else if cfg!(target_os = "macos") {
        env("HOME")?.join("Library/Application Support/Detente")
    } else {
        env("XDG_DATA_HOME")
            .or_else(|| env("HOME").map(|h| h.join(".local/share")))?
            .join("detente")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("detente-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_save_keeps_the_previous_one_as_its_backup() {
        let dir = scratch("backup");
        let path = dir.join("game.ron");
        write_keeping_backup(&path, b"first").unwrap();
        assert!(!backup_of(&path).exists());
        write_keeping_backup(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        assert_eq!(std::fs::read(backup_of(&path)).unwrap(), b"first");
        let left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = scratch("fail");
        let path = dir.join("game.ron");
        write_keeping_backup(&path, b"old").unwrap();
        // The target's temporary cannot be created: a directory stands in its place.
        std::fs::create_dir_all(temporary_beside(&path)).unwrap();
        assert!(write_keeping_backup(&path, b"new").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

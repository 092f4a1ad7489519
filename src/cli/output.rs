//! Output files: written whole or not at all (a temporary file renamed into place).

use crate::sim::InputError;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes several files as one: every file goes to a temporary beside its target first, and
/// only when all of them are written are they renamed into place. A failure leaves no file
/// behind, new or temporary.
pub fn write_all_atomic(files: &[(&Path, &[u8])]) -> Result<(), InputError> {
    let mut written: Vec<(PathBuf, &Path)> = Vec::new();
    let cleanup = |written: &[(PathBuf, &Path)]| {
        for (tmp, _) in written {
            let _ = std::fs::remove_file(tmp);
        }
    };
    for &(path, contents) in files {
        let tmp = temporary_beside(path);
        let result = std::fs::File::create(&tmp).and_then(|mut f| {
            f.write_all(contents)?;
            f.sync_all()
        });
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            cleanup(&written);
            return Err(InputError::new(
                path.display().to_string(),
                format!("cannot write: {e}"),
            ));
        }
        written.push((tmp, path));
    }
    for (i, (tmp, path)) in written.iter().enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            cleanup(&written[i..]);
            return Err(InputError::new(
                path.display().to_string(),
                format!("cannot replace: {e}"),
            ));
        }
    }
    Ok(())
}

fn temporary_beside(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

/// Prints a line to standard output; a closed pipe (`detente ... | head`) ends the program
/// quietly instead of panicking, since everything else has been written by then.
pub fn say(line: impl std::fmt::Display) {
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{line}").is_err() {
        std::process::exit(0);
    }
}

/// Creates an output directory (and its parents).
pub fn ensure_dir(dir: &Path) -> Result<(), InputError> {
    std::fs::create_dir_all(dir).map_err(|e| {
        InputError::new(
            dir.display().to_string(),
            format!("cannot create the directory: {e}"),
        )
    })
}

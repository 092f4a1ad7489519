//! Output of the classroom commands: files written whole or not at all, directories, and lines.

use crate::sim::InputError;
use std::io::Write;
use std::path::Path;

pub use crate::files::write_all_atomic;

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

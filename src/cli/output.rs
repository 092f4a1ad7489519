//! Output files: written whole or not at all (a temporary file renamed into place).

use crate::sim::InputError;
use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` atomically: a reader sees the old file or the new one, never
/// half of it, and a failed write leaves nothing behind.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), InputError> {
    let shown = path.display().to_string();
    let fail =
        |what: &str, e: std::io::Error| InputError::new(&shown, format!("cannot {what}: {e}"));
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(contents)?;
            f.sync_all()
        })
        .map_err(|e| fail("write", e))
        .and_then(|()| std::fs::rename(&tmp, path).map_err(|e| fail("replace", e)));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
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

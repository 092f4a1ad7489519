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

/// The progress bar of a long run: `len` units (`games`, `matches`) with the time it has taken
/// and the time left; hidden with `--quiet`.
pub fn progress_bar(len: u64, unit: &str, quiet: bool) -> indicatif::ProgressBar {
    if quiet {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{spinner}} [{{bar:40}}] {{pos}}/{{len}} {unit}  {{elapsed_precise}} (eta {{eta}})"
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar
}

/// Checks that no two outputs of a command name the same file (`--json game.out --csv
/// game.out`), comparing them as absolute paths.
pub fn distinct_outputs(outputs: &[(&str, Option<&Path>)]) -> Result<(), InputError> {
    let given: Vec<(&str, &Path)> = outputs
        .iter()
        .filter_map(|&(flag, path)| Some((flag, path?)))
        .collect();
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    for (k, (flag, path)) in given.iter().enumerate() {
        if let Some((other, _)) = given[..k]
            .iter()
            .find(|(_, earlier)| absolute(earlier) == absolute(path))
        {
            return Err(InputError::new(
                format!("{flag} {}", path.display()),
                format!("{other} writes that file already; give each output its own file"),
            ));
        }
    }
    Ok(())
}

/// "1 turn", "40 turns": a count and its noun, `one` or `many`.
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    match n.into() {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
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

//! Where scenarios come from: the ones shipped with Détente, built into the binary (so it runs
//! from any folder), and players' and teachers' own, in `./scenarios` and in the user folder
//! (`$XDG_DATA_HOME/detente/scenarios`, `~/.local/share/detente/scenarios`). A bare name
//! (`reset_2013`) is looked up in that order: `./scenarios`, the user folder, then the built-in
//! ones; the picker and the error messages list all of them together.

use crate::sim::error::InputError;
use crate::sim::scenario::load::{Loaded, Source, load_scenario, load_source};
use std::path::{Path, PathBuf};

/// The scenario files shipped with Détente, by their path under `scenarios/`, with their text.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "cold_war_1962.ron",
        include_str!("../../../scenarios/cold_war_1962.ron"),
    ),
    (
        "evolution_of_trust.ron",
        include_str!("../../../scenarios/evolution_of_trust.ron"),
    ),
    (
        "multipolar_2030.ron",
        include_str!("../../../scenarios/multipolar_2030.ron"),
    ),
    (
        "nuclear_club_2026.ron",
        include_str!("../../../scenarios/nuclear_club_2026.ron"),
    ),
    (
        "prisoners_dilemma.ron",
        include_str!("../../../scenarios/prisoners_dilemma.ron"),
    ),
    (
        "reset_2013.ron",
        include_str!("../../../scenarios/reset_2013.ron"),
    ),
    (
        "decks/standard.ron",
        include_str!("../../../scenarios/decks/standard.ron"),
    ),
];

/// How a built-in file is named in messages.
pub fn built_in_origin(path: &str) -> String {
    format!("built-in scenarios/{path}")
}

/// The text of a built-in file, by its path under `scenarios/` (`decks/standard.ron`).
pub fn built_in(path: &str) -> Option<&'static str> {
    BUILT_IN
        .iter()
        .find(|(p, _)| *p == path)
        .map(|&(_, text)| text)
}

/// The names of the built-in scenarios (their files under `scenarios/`, decks left out).
pub fn built_in_names() -> impl Iterator<Item = &'static str> {
    BUILT_IN
        .iter()
        .filter_map(|(path, _)| path.strip_suffix(".ron").filter(|n| !n.contains('/')))
}

/// Where a scenario was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Shipped with Détente (a file of the same name and text in `./scenarios` counts too).
    BuiltIn,
    /// A file of one's own, in this folder.
    Folder(PathBuf),
}

impl Place {
    /// "built in", or the folder.
    pub fn describe(&self) -> String {
        match self {
            Place::BuiltIn => "built in".into(),
            Place::Folder(dir) => format!("in {}", dir.display()),
        }
    }
}

/// A scenario file found by name.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its file name without `.ron`: what `--scenario` and `detente play NAME` take.
    pub name: String,
    pub place: Place,
}

/// The folders searched for players' and teachers' own scenarios, in order: `./scenarios`,
/// then `scenarios` in the user's data folder (`files::data_dir`).
pub fn own_folders() -> Vec<PathBuf> {
    let mut folders = vec![PathBuf::from("./scenarios")];
    if let Some(data) = crate::files::data_dir() {
        folders.push(data.join("scenarios"));
    }
    folders
}

/// Every scenario by name, each where it is found first (own folders before the built-in
/// ones), sorted by name. Decks are not scenarios and are left out.
pub fn entries() -> Vec<Entry> {
    let mut found: Vec<Entry> = Vec::new();
    for dir in own_folders() {
        let Ok(files) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut names: Vec<String> = files
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        names.sort();
        for name in names {
            if found.iter().any(|e| e.name == name) {
                continue;
            }
            let path = dir.join(format!("{name}.ron"));
            let place = if is_copy_of_built_in(&path, &name) {
                Place::BuiltIn
            } else {
                Place::Folder(dir.clone())
            };
            found.push(Entry { name, place });
        }
    }
    for name in built_in_names() {
        if !found.iter().any(|e| e.name == name) {
            found.push(Entry {
                name: name.to_string(),
                place: Place::BuiltIn,
            });
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

/// Whether `path` holds exactly the text of the built-in scenario `name` (the source tree's
/// own `scenarios/` folder, when Détente runs from it).
fn is_copy_of_built_in(path: &Path, name: &str) -> bool {
    built_in(&format!("{name}.ron"))
        .is_some_and(|text| std::fs::read(path).is_ok_and(|bytes| bytes == text.as_bytes()))
}

/// Loads a scenario given on the command line: a path to a `.ron` file, or a bare name looked
/// up in `./scenarios`, the user folder and the built-in scenarios, in that order.
///
/// Errors: no file or scenario of that name (the message lists every scenario there is, with
/// where it is), or the first problem in the file, at `FILE:LINE:COL`.
pub fn open(arg: &str) -> Result<Loaded, InputError> {
    let given = PathBuf::from(arg);
    if given.is_file() || arg.contains('/') || arg.contains('\\') || arg.ends_with(".ron") {
        return load_scenario(&given);
    }
    for dir in own_folders() {
        let path = dir.join(format!("{arg}.ron"));
        if path.is_file() {
            return load_scenario(&path);
        }
    }
    if let Some(text) = built_in(&format!("{arg}.ron")) {
        let source = Source {
            path: built_in_origin(&format!("{arg}.ron")),
            text: text.to_string(),
        };
        return load_source(source, None);
    }
    Err(InputError::new(
        arg,
        format!(
            "no such scenario file or name; the scenarios are: {}. Give the path of a .ron file, or put your own in {}",
            list_for_messages(),
            own_folders()
                .iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    ))
}

/// "cold_war_1962, …, reset_2013 (built in); my_class (in ./scenarios)".
fn list_for_messages() -> String {
    let entries = entries();
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for e in &entries {
        let place = e.place.describe();
        match groups.iter_mut().find(|(p, _)| *p == place) {
            Some((_, names)) => names.push(&e.name),
            None => groups.push((place, vec![&e.name])),
        }
    }
    groups
        .iter()
        .map(|(place, names)| format!("{} ({place})", names.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Every scenario with where it is, loaded: the desktop's picker. A file with a problem is
/// listed with its error, so a teacher sees why their scenario is missing.
pub fn load_all() -> Vec<(Entry, Result<Loaded, InputError>)> {
    entries()
        .into_iter()
        .map(|entry| {
            let loaded = open(&entry.name);
            (entry, loaded)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `.ron` file under `scenarios/` is built in, with the same text, and nothing else is.
    #[test]
    fn every_shipped_file_is_built_in() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let mut on_disk = Vec::new();
        for dir in [root.clone(), root.join("decks")] {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|x| x == "ron") {
                    let rel = path
                        .strip_prefix(&root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    on_disk.push((rel, std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
        on_disk.sort();
        let mut built: Vec<(String, String)> = BUILT_IN
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        built.sort();
        assert_eq!(
            on_disk.iter().map(|f| &f.0).collect::<Vec<_>>(),
            built.iter().map(|f| &f.0).collect::<Vec<_>>()
        );
        assert_eq!(on_disk, built);
    }

    #[test]
    fn every_built_in_scenario_loads() {
        let names: Vec<&str> = built_in_names().collect();
        assert_eq!(names.len(), 6);
        for name in names {
            let source = Source {
                path: built_in_origin(&format!("{name}.ron")),
                text: built_in(&format!("{name}.ron")).unwrap().to_string(),
            };
            let loaded = load_source(source, None).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(loaded.scenario.id, name);
        }
    }
}

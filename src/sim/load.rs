//! Reading scenario and deck files: RON parsing, merging the deck, and the positions of errors.

use super::error::{InputError, Locator};
use super::scenario::{EventSpec, MoveSpec, Personality, Scenario};
use super::validate::{Problem, validate};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Moves, events and personalities shared by several scenarios.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deck {
    #[serde(default)]
    pub moves: Vec<MoveSpec>,
    #[serde(default)]
    pub events: Vec<EventSpec>,
    #[serde(default)]
    pub personalities: BTreeMap<String, Personality>,
}

/// A source file kept in memory, so that errors found after parsing can be placed in it.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: String,
}

/// A scenario as loaded, with the texts it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub scenario: Scenario,
    pub file: Source,
    pub deck: Option<Source>,
}

/// Reads, parses, merges and validates a scenario file and its deck.
pub fn load_scenario(path: &Path) -> Result<Loaded, InputError> {
    let file = read_source(path)?;
    let mut scenario: Scenario = parse(&file)?;
    let deck = match &scenario.deck {
        Some(deck_name) => {
            let deck_path = path.parent().unwrap_or(Path::new(".")).join(deck_name);
            let deck_source = read_source(&deck_path).map_err(|e| {
                let (line, col) = Locator::new(&file.text).find(&["deck".to_string()]);
                InputError::at(&file.path, line, col, format!("deck {deck_name:?}: {}", e))
            })?;
            let deck: Deck = parse(&deck_source)?;
            merge(&mut scenario, deck);
            Some(deck_source)
        }
        None => None,
    };
    let loaded = Loaded {
        scenario,
        file,
        deck,
    };
    if let Err(problems) = validate(&loaded.scenario) {
        return Err(loaded.place(&problems[0]));
    }
    Ok(loaded)
}

impl Loaded {
    /// Turns a validation problem into an error at the file, line and column it comes from:
    /// the deck for items defined there, the scenario file otherwise.
    pub fn place(&self, problem: &Problem) -> InputError {
        let in_file = Locator::new(&self.file.text).find_path(&problem.path);
        let source = match &self.deck {
            Some(deck) if !in_file.1 && Locator::new(&deck.text).find_path(&problem.path).1 => deck,
            _ => &self.file,
        };
        let (line, col) = Locator::new(&source.text).find(&problem.path);
        InputError::at(&source.path, line, col, &problem.message)
    }
}

/// Scenario items replace deck items of the same id; the rest of the deck is appended.
fn merge(scenario: &mut Scenario, deck: Deck) {
    let own_moves = std::mem::take(&mut scenario.moves);
    scenario.moves = merge_by_id(deck.moves, own_moves, |m| &m.id);
    let own_events = std::mem::take(&mut scenario.events);
    scenario.events = merge_by_id(deck.events, own_events, |e| &e.id);
    for (name, personality) in deck.personalities {
        scenario.personalities.entry(name).or_insert(personality);
    }
}

fn merge_by_id<T>(base: Vec<T>, own: Vec<T>, id: impl Fn(&T) -> &String) -> Vec<T> {
    let mut merged: Vec<T> = base
        .into_iter()
        .filter(|b| !own.iter().any(|o| id(o) == id(b)))
        .collect();
    merged.extend(own);
    merged
}

/// Reads a file as UTF-8 text, refusing empty and binary files with a clear message.
pub fn read_source(path: &Path) -> Result<Source, InputError> {
    let shown = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| InputError::new(&shown, format!("cannot read: {e}")))?;
    let text = text_of(&shown, bytes, "a RON scenario")?;
    Ok(Source { path: shown, text })
}

/// The bytes of `origin` as text, or where and why they are not: empty, not UTF-8, or with a
/// NUL byte. `expected` names what the file should be ("a RON scenario").
pub fn text_of(origin: &str, bytes: Vec<u8>, expected: &str) -> Result<String, InputError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::at(
            origin,
            1,
            1,
            format!("the file is empty; expected {expected}"),
        ));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(valid);
            let (line, col) = Locator::new(&text).line_col(text.len());
            return Err(InputError::at(
                origin,
                line,
                col,
                format!("not a text file (invalid UTF-8); expected {expected}"),
            ));
        }
    };
    if let Some(pos) = text.find('\0') {
        let (line, col) = Locator::new(&text).line_col(pos);
        return Err(InputError::at(
            origin,
            line,
            col,
            format!("not a text file (NUL byte); expected {expected}"),
        ));
    }
    Ok(text)
}

/// The RON options every file is read with: `Some(..)` may be left out around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses a RON source, turning ron's error into one at the file's line and column.
pub fn parse<T: DeserializeOwned>(source: &Source) -> Result<T, InputError> {
    ron_options().from_str(&source.text).map_err(|e| {
        InputError::at(
            &source.path,
            e.span.start.line,
            e.span.start.col,
            e.code.to_string(),
        )
    })
}

/// Where `detente` looks for scenarios by bare name (`reset_2013`).
pub fn scenario_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// Accepts a path, or a bare scenario name looked up in `./scenarios/`, then in the
/// `scenarios/` of the source tree this binary was built from.
pub fn resolve_scenario_path(arg: &str) -> Result<PathBuf, InputError> {
    let given = PathBuf::from(arg);
    if given.exists() || arg.contains('/') || arg.ends_with(".ron") {
        return Ok(given);
    }
    let candidates = [PathBuf::from("scenarios"), scenario_dir()];
    if let Some(found) = candidates
        .iter()
        .map(|d| d.join(format!("{arg}.ron")))
        .find(|p| p.exists())
    {
        return Ok(found);
    }
    let mut names: Vec<String> = candidates
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    names.dedup();
    Err(InputError::new(
        arg,
        format!(
            "no such scenario file or name; the scenarios are: {} (or give the path of a .ron file)",
            names.join(", ")
        ),
    ))
}

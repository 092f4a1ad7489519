//! Reading scenario and deck files: RON parsing, merging the deck, and the positions of errors.
//! Where a scenario is found by name is `catalog`'s job.

use crate::files::text::read_text;
use crate::sim::error::{InputError, Locator};
use crate::sim::scenario::catalog;
use crate::sim::scenario::unique::unique_keys;
use crate::sim::scenario::validate::{Problem, validate};
use crate::sim::scenario::{EventSpec, MoveSpec, Personality, Scenario};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::Path;

/// Moves, events and personalities shared by several scenarios.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deck {
    #[serde(default)]
    pub moves: Vec<MoveSpec>,
    #[serde(default)]
    pub events: Vec<EventSpec>,
    #[serde(default, deserialize_with = "unique_keys")]
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

/// Reads, parses, merges and validates a scenario file and its deck (looked for beside the
/// file, then among the built-in decks).
///
/// Errors: the file cannot be read or is not UTF-8 text (`files::text`); the first parse or
/// validation problem, at `FILE:LINE:COL` in the scenario or its deck.
pub fn load_scenario(path: &Path) -> Result<Loaded, InputError> {
    let file = Source {
        path: path.display().to_string(),
        text: read_text(path, "a RON scenario")?,
    };
    load_source(file, Some(path.parent().unwrap_or(Path::new("."))))
}

/// Parses, merges and validates a scenario from its text. Its deck is looked for in `folder`
/// (the scenario file's own, when it is a file), then among the built-in decks.
pub fn load_source(file: Source, folder: Option<&Path>) -> Result<Loaded, InputError> {
    let mut scenario: Scenario = parse(&file).map_err(|e| {
        // A deck given where a scenario is expected reads as a scenario without its fields.
        if parse::<Deck>(&file).is_ok() {
            InputError::at(
                &file.path,
                1,
                1,
                "this is a deck (moves, events, personalities), not a scenario; check a scenario that names it in `deck:`",
            )
        } else {
            e
        }
    })?;
    let deck = match &scenario.deck {
        Some(deck_name) => {
            let deck_source = read_deck(deck_name, folder).map_err(|e| {
                let (line, col) = Locator::new(&file.text).find(&["deck".to_string()]);
                InputError::at(&file.path, line, col, format!("deck {deck_name:?}: {e}"))
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

/// A deck by its name in a scenario (`decks/standard.ron`): the file beside the scenario when
/// there is one, else the built-in deck of that name.
fn read_deck(name: &str, folder: Option<&Path>) -> Result<Source, InputError> {
    if let Some(dir) = folder {
        let path = dir.join(name);
        if path.exists() {
            return Ok(Source {
                path: path.display().to_string(),
                text: read_text(&path, "a RON deck")?,
            });
        }
    }
    match catalog::built_in(name) {
        Some(text) => Ok(Source {
            path: catalog::built_in_origin(name),
            text: text.to_string(),
        }),
        None => Err(InputError::new(
            name,
            match folder {
                Some(dir) => format!(
                    "no such deck in {} nor among the built-in decks",
                    dir.display()
                ),
                None => "no such built-in deck".to_string(),
            },
        )),
    }
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

//! The rules of Détente, headless: no window, UI, render or asset types are used here. Three
//! concerns, one folder each:
//!
//! - `scenario`: the scenario as data (nations, moves, the deck, every coefficient), found by
//!   name (`catalog`: built in, or one's own), read with serde (`load`), checked (`validate`)
//!   and tuned (`overrides`).
//! - `play`: playing a match. A match is an entity whose components are plain data (`state`);
//!   a turn is the `Turn` schedule (`turn`), whose systems call the pure rules of `rules/` in
//!   the order DESIGN.md gives; people's commands are checked once (`command`) and come in
//!   through `session`; what each seat may know is `view`; many matches are run by `run`.
//! - `archive`: what a match leaves behind: its turn records (`history`), its command journal
//!   (`journal`), saves and their replay check, the story and the words it is told in
//!   (`story`, `narrate`), and the JSON export.

pub mod archive;
pub mod error;
pub mod play;
pub mod scenario;

pub use error::InputError;
pub use play::rules::Rules;
pub use play::run::{GameResult, Plan, Workers, run_games, run_one, run_plan};
pub use play::state::{Controller, Regime};
pub use play::strategy::Strategy;
pub use play::turn::{SimPlugin, Turn, TurnStage};

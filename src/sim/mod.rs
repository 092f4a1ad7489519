//! The rules of Détente, headless: no window, UI, render or asset types are used here.
//!
//! A match is an entity whose components are plain data (`state`); a turn is the `Turn`
//! schedule (`turn`), whose systems call the pure rules of `rules/` in the order DESIGN.md gives.
//! Scenarios are RON files found by name (`catalog`: built in, or one's own), read with serde
//! (`load`), checked (`validate`) and tuned (`overrides`).

pub mod cards;
pub mod catalog;
pub mod command;
pub mod error;
pub mod export;
pub mod fingerprint;
pub mod guard;
pub mod history;
pub mod load;
pub mod log;
pub mod migrate;
pub mod moves;
pub mod narrate;
pub mod overrides;
pub mod record;
pub mod rules;
pub mod run;
pub mod save;
pub mod scenario;
pub mod secrecy;
pub mod session;
pub mod snapshot;
pub mod state;
pub mod story;
pub mod strategy;
pub mod turn;
pub mod unique;
pub mod validate;
pub mod verify;
pub mod view;

pub use error::InputError;
pub use rules::Rules;
pub use run::{GameResult, Plan, run_games, run_one};
pub use state::{Controller, Regime};
pub use strategy::Strategy;
pub use turn::{SimPlugin, Turn, TurnStage};

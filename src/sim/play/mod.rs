//! Playing a match: its state as components, the turn's rules and schedule, the one check of a
//! person's command, the session that takes commands in and reports facts out, what each seat
//! may know, and the engine that runs many matches.

pub mod command;
pub mod log;
pub mod rules;
pub mod run;
pub mod session;
pub mod state;
pub mod strategy;
pub mod turn;
pub mod view;

//! Détente: a turn-based strategy game of nuclear diplomacy in which mutually assured destruction
//! (MAD) or mutually assured stability (MAS) emerges from the play.
//!
//! `sim` holds the rules and runs headless; `cli` the classroom commands on top of it;
//! `desktop` (the default `desktop` feature) the window; `host` classroom play over the network
//! (under way); `files`, `launch` and `look` what they share.
//! `cli` and `desktop` never import each other: `main` hands the one's `launch::PlayOptions`
//! to the other.

pub mod cli;
#[cfg(feature = "desktop")]
pub mod desktop;
pub mod files;
pub mod host;
pub mod launch;
pub mod look;
pub mod sim;

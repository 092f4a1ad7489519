//! A match about to be played, as the setup screen and `detente play` describe it: who the
//! player leads, who plays the others, and the seed.

use crate::sim::Rules;
use crate::sim::play::state::Controller;
use bevy::prelude::Resource;

/// The match about to be played: who the player leads and who plays the others.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct MatchSetup {
    pub player: usize,
    /// One per nation; the player's is replaced by `Human` when the match starts. Other `Human`
    /// seats are played by more people at the same computer (hotseat).
    pub controllers: Vec<Controller>,
    pub seed: u64,
    /// The `--set` changes the scenario was started with (already applied to the rules), for
    /// the match's recording to say how it was made.
    pub set: Vec<String>,
}

impl MatchSetup {
    /// The scenario's own AI everywhere, the player leading the first nation.
    pub fn new(rules: &Rules, seed: u64) -> MatchSetup {
        MatchSetup {
            player: 0,
            controllers: rules.default_controllers(),
            seed,
            set: Vec::new(),
        }
    }
}

/// A seed for a match whose seed was not given: the clock's seconds, 0..1,000,000 (short
/// enough to read out to a class).
pub fn fresh_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_secs() % 1_000_000)
}

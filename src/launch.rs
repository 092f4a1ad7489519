//! How the command line opens the window (`detente play`): what `cli` prepares and checks, and
//! `desktop::run` carries out; `main` hands one to the other, so neither imports the other.

use crate::sim::Rules;
use crate::sim::play::session::MatchSetup;
use std::path::PathBuf;

/// How `detente play` opens the game.
#[derive(Debug, Clone, Default)]
pub struct PlayOptions {
    /// Go straight into this match instead of the title screen.
    pub start: Option<(Rules, MatchSetup)>,
    /// Play this many turns with the AI in every seat, photographing each screen, then exit.
    pub autoplay: Option<u32>,
    /// Where the attract mode saves its PNGs.
    pub screenshots: Option<PathBuf>,
    /// Open this save (already checked) instead of the title screen.
    pub load: Option<PathBuf>,
    /// Watch the save as a replay rather than play on from it.
    pub watch: bool,
    /// The facilitator's controls are open to whoever is at the computer.
    pub facilitator: bool,
    /// The passphrase that opens the facilitator's controls from the pause menu.
    pub passphrase: Option<String>,
    /// How the title screen's "Host a class" starts a host (`cli` provides it).
    pub host: Option<HostStarter>,
}

/// What the title screen's "Host a class" asks for: a scenario (by the name `detente
/// scenarios` lists), how many matches (1 to 50), whether each match gets a seed of its own,
/// and how many turns. Everything else is as `detente host` does by default: port 8080, a passphrase made
/// up for the teacher's page, autosaves in a new folder of the data directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostRequest {
    pub scenario: String,
    pub matches: usize,
    pub different_seeds: bool,
    /// Turns a match lasts (the scenario's own count when absent).
    pub turns: Option<u32>,
}

/// Starts a host for the window: what `detente host` does, from a `HostRequest`. Errors in
/// words (a port in use, a folder that cannot be written).
#[derive(Clone)]
pub struct HostStarter(
    pub std::sync::Arc<dyn Fn(&HostRequest) -> Result<HostLaunch, String> + Send + Sync>,
);

impl std::fmt::Debug for HostStarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HostStarter")
    }
}

/// A class being hosted (`detente host` with its window): what the host window shows and
/// controls. The host already serves when the window opens, and stops when it closes.
pub struct HostLaunch {
    pub running: crate::host::start::Running,
    /// What the class is, in a line ("reset_2013, 5 matches, seed 4411").
    pub what: String,
    /// The teacher's page's passphrase.
    pub passphrase: String,
}

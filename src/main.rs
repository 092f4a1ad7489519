//! The `detente` binary: the game with no subcommand, the classroom tools with one.

use clap::Parser;
use detente::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        None => open_game(),
    }
}

#[cfg(feature = "desktop")]
fn open_game() -> ExitCode {
    detente::desktop::run(detente::desktop::PlayOptions::default())
}

#[cfg(not(feature = "desktop"))]
fn open_game() -> ExitCode {
    eprintln!(
        "error: this build has no window (built without the `desktop` feature); try `detente --help`"
    );
    ExitCode::from(2)
}

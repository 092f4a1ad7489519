//! The `detente` binary: the game with no subcommand, the classroom tools with one.

use clap::Parser;
use detente::cli::{Cli, Ran, run};
use detente::launch::PlayOptions;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command.map(run) {
        Some(Ran::Done(code)) => code,
        Some(Ran::Open(options)) => open_game(*options),
        Some(Ran::Host(launch)) => open_host(*launch),
        None => open_game(PlayOptions::default()),
    }
}

#[cfg(feature = "desktop")]
fn open_game(mut options: PlayOptions) -> ExitCode {
    // The title screen's "Host a class" starts what `detente host` would.
    options.host = Some(detente::launch::HostStarter(std::sync::Arc::new(
        detente::cli::host_for_window,
    )));
    detente::desktop::run(options)
}

#[cfg(feature = "desktop")]
fn open_host(launch: detente::launch::HostLaunch) -> ExitCode {
    detente::desktop::run_host(launch)
}

#[cfg(not(feature = "desktop"))]
fn open_host(_: detente::launch::HostLaunch) -> ExitCode {
    // `cli::host::windowed` hosts headless in a build without a window.
    ExitCode::from(2)
}

#[cfg(not(feature = "desktop"))]
fn open_game(_: PlayOptions) -> ExitCode {
    eprintln!(
        "error: this build has no window (built without the `desktop` feature); try `detente --help`"
    );
    ExitCode::from(2)
}

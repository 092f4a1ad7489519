//! The `detente` command line: no subcommand opens the game; subcommands are the headless
//! classroom tools. Every error in user input prints `error: ...` and exits with code 2.

mod args;
pub mod batch;
mod bench;
mod bench_evolve;
mod bench_host;
pub mod charts;
pub mod evolve;
pub mod figures;
mod host;
mod listing;
mod options;
pub mod output;
mod play;
pub mod provenance;
mod replay;
mod report;
pub mod setup;
pub mod simulate;
pub mod sweep;
pub mod tables;
pub mod totals;
pub mod tournament;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

pub use args::{
    BatchArgs, Dynamics, EvolveArgs, GameArgs, PlayArgs, ReplayArgs, ReportArgs, SimulateArgs,
    SweepArgs, TournamentArgs,
};
pub use host::{HostArgs, for_window as host_for_window};
pub use report::class_debrief;
pub use setup::Setup;

#[derive(Parser, Debug)]
#[command(
    name = "detente",
    version,
    about = "Détente: nuclear diplomacy, where MAD or MAS emerges from the play."
)]
#[cfg_attr(
    feature = "desktop",
    command(
        long_about = "Détente: a turn-based strategy game of nuclear diplomacy. Run without a command to open the game; the commands below run headless games for the classroom."
    )
)]
#[cfg_attr(
    not(feature = "desktop"),
    command(
        long_about = "Détente: a turn-based strategy game of nuclear diplomacy. This build has no window (built without the `desktop` feature): the commands below run headless games for the classroom."
    )
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open the game; with a scenario, go straight into a match.
    Play(PlayArgs),
    /// Play one game headless, every nation by AI, and print it turn by turn.
    Simulate(SimulateArgs),
    /// Play many games with consecutive seeds and summarise their outcomes.
    Batch(BatchArgs),
    /// A round robin of strategies on a two-nation scenario (Axelrod's tournament). A side's
    /// score per turn is its score in a match divided by the turns that match lasted, averaged
    /// over its matches.
    Tournament(TournamentArgs),
    /// How strategies spread in a population: the ecological dynamics, a Moran process or the
    /// Evolution of Trust's generations, on a two-nation scenario's matches. Writes the shares
    /// per generation (CSV), a stacked-area chart (SVG) and a summary (JSON).
    Evolve(EvolveArgs),
    /// The same batch at every value of one parameter (a curve) or two (a phase map).
    Sweep(SweepArgs),
    /// Play a saved game again from its seed and commands, and check that it arrives at the
    /// saved state (exit code 1 and the first differing turn if not).
    Replay(ReplayArgs),
    /// One self-contained HTML page (charts inline) from the output of simulate --json,
    /// batch, tournament, sweep or evolve, or the class debrief from a class folder of `detente host`.
    Report(ReportArgs),
    /// Validate scenario files and report the first problem in each.
    Check {
        /// Scenario files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List the strategies an AI can play, with their definitions.
    Strategies,
    /// List every scenario there is, by the name the commands take: the built-in ones and your
    /// own (in ./scenarios and in the user folder), with where each is.
    Scenarios {
        /// Write copies of the built-in scenario files (and their deck) into DIR, to start your
        /// own from; files already there are left as they are.
        #[arg(long, value_name = "DIR")]
        write: Option<PathBuf>,
    },
    /// Host a class on this machine: every team plays from a browser on the room's network
    /// (no install). Prints the address to open, the class code and the teacher's page; every
    /// match autosaves each turn, and `--resume FOLDER` goes on after a stop.
    #[command(after_help = host::HELP)]
    Host(HostArgs),
    /// Compute every figure quoted in docs/model.md and docs/classroom.md again, by running
    /// the experiments they describe, and write them in place (between their `<!-- fig:ID -->`
    /// markers); with --check, write nothing and exit with code 1 if any differs.
    #[command(name = "docs-figures")]
    DocsFigures {
        /// The folder holding model.md and classroom.md.
        #[arg(long, value_name = "DIR", default_value = "docs")]
        docs: PathBuf,
        /// Only compare: list the figures that differ, and fail if any does.
        #[arg(long)]
        check: bool,
    },
    /// Measure speed and memory, and print the figures: a batch as `detente batch` runs it, a
    /// tournament, a sweep, saving and loading a match, and the classroom science (a round
    /// robin, a Moran process and the Evolution of Trust's generations, each as its own process).
    Bench {
        /// Scenario to benchmark.
        #[arg(default_value = "reset_2013")]
        scenario: String,
        /// Games in the batch.
        #[arg(long, default_value_t = 10_000)]
        games: usize,
        /// Instead: a class over the network, 30 simulated pages on this machine's loopback
        /// address in 6 matches (the host as its own process): the time from the last End turn
        /// to every page's reveal, the host's CPU and memory, the bytes per seat per turn.
        #[arg(long, conflicts_with_all = ["scenario", "games"])]
        host: bool,
    },
}

/// What a command line came to: done with an exit code, or the window to open (`detente
/// play`), which `main` opens.
pub enum Ran {
    Done(ExitCode),
    Open(Box<crate::launch::PlayOptions>),
    /// `detente host` with its window: the class already serves.
    Host(Box<crate::launch::HostLaunch>),
}

/// Runs a parsed command line; no command is the desktop game, handled by `main`.
pub fn run(command: Command) -> Ran {
    if let Command::Play(args) = &command {
        return match play::prepare(args) {
            Ok(options) => Ran::Open(Box::new(options)),
            Err(e) => {
                eprintln!("error: {e}");
                Ran::Done(ExitCode::from(2))
            }
        };
    }
    if let Command::Host(args) = &command
        && !args.headless
    {
        match host::windowed(args) {
            Ok(Some(launch)) => return Ran::Host(Box::new(launch)),
            Ok(None) => {}
            Err(e) => {
                eprintln!("error: {e}");
                return Ran::Done(ExitCode::from(2));
            }
        }
    }
    Ran::Done(run_tool(command))
}

fn run_tool(command: Command) -> ExitCode {
    if !matches!(command, Command::Play(_)) {
        crate::files::remove_temporaries_when_interrupted();
    }
    let result = match command {
        Command::Play(_) => return ExitCode::from(2),
        Command::Simulate(args) => simulate::run(&args),
        Command::Batch(args) => batch::run(&args),
        Command::Tournament(args) => tournament::run(&args),
        Command::Evolve(args) => evolve::run(&args),
        Command::Sweep(args) => sweep::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Replay(args) => return replay::run(&args),
        Command::Check { files } => return listing::check(&files),
        Command::Strategies => {
            listing::list_strategies();
            Ok(())
        }
        Command::Scenarios { write: None } => return listing::list_scenarios(),
        Command::Scenarios { write: Some(dir) } => listing::write_built_in(&dir),
        Command::Bench { host: true, .. } => bench_host::run(),
        Command::Bench {
            scenario, games, ..
        } => bench::run(&scenario, games),
        Command::Host(args) => host::run_headless(&args),
        Command::DocsFigures { docs, check } => match figures::run(&docs, check) {
            Ok(true) => Ok(()),
            Ok(false) => return ExitCode::from(1),
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

//! The `detente` command line: no subcommand opens the game; subcommands are the headless
//! classroom tools. Every error in user input prints `error: ...` and exits with code 2.

pub mod batch;
mod bench;
mod bench_host;
pub mod charts;
pub mod figures;
mod host;
mod listing;
mod options;
pub mod output;
mod play;
pub mod provenance;
mod replay;
mod report;
mod setup;
pub mod simulate;
pub mod sweep;
pub mod tables;
pub mod totals;
pub mod tournament;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// The same batch at every value of one parameter (a curve) or two (a phase map).
    Sweep(SweepArgs),
    /// Play a saved game again from its seed and commands, and check that it arrives at the
    /// saved state (exit code 1 and the first differing turn if not).
    Replay(ReplayArgs),
    /// One self-contained HTML page (charts inline) from the output of simulate --json,
    /// batch, tournament or sweep, or the class debrief from a class folder of `detente host`.
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
    /// tournament, a sweep, and saving and loading a match.
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

/// What a headless run needs to know besides its own options.
#[derive(Args, Debug, Clone)]
pub struct GameArgs {
    /// Scenario file, or a scenario's name, like `reset_2013` (`detente scenarios` lists them:
    /// the built-in ones and your own).
    pub scenario: String,
    /// Number of turns (the scenario's own count when absent).
    #[arg(long)]
    pub turns: Option<u32>,
    /// Strategy for a nation, as NATION=STRATEGY or NATION=STRATEGY:PERSONALITY. Repeatable.
    /// A nation not given plays the scenario's own strategy and personality.
    #[arg(long = "ai", value_name = "NATION=STRATEGY")]
    pub ai: Vec<String>,
    /// The move a nation makes on the first turn, as NATION=MOVE (usa=cancel_interceptor_program);
    /// its strategy plays on from the second turn. Repeatable. Not with simulate --save (a save
    /// replays people's commands, and this is a computer's move).
    #[arg(long = "opening", value_name = "NATION=MOVE")]
    pub opening: Vec<String>,
    /// Change a scenario parameter (a number, or true/false) by its dotted key
    /// (params.trust.loss=12), or a starting value for all: trust, transparency, arms, alert.
    /// Repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

#[derive(Args, Debug)]
pub struct TournamentArgs {
    /// Scenario file or name (two nations), like `prisoners_dilemma`.
    pub scenario: String,
    /// Strategies to enter: `all`, or names separated by commas.
    #[arg(long, default_value = "all")]
    pub strategies: String,
    /// Turns per match (the scenario's own count when absent).
    #[arg(long)]
    pub turns: Option<u32>,
    /// Matches per pair; repetition r is played on seed SEED + r.
    #[arg(long, default_value_t = 5)]
    pub repetitions: u32,
    /// Seed of the first repetition.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Chance that an AI's chosen move is carried out as the other one (an execution error):
    /// the same as `--set params.execution_noise=P`, and applied after the `--set`s.
    #[arg(long, value_name = "P")]
    pub noise: Option<f64>,
    /// Change a scenario parameter, as for `batch` (params.trust.loss=12). Repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Directory for tournament.json, matches.csv, ranking.csv, ranking.svg and payoffs.svg.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct SweepArgs {
    #[command(flatten)]
    pub game: GameArgs,
    /// The parameter to vary and its values, as KEY=FROM..TO:STEP (any --set key, like
    /// transparency=0..100:10 or params.trust.loss=2..20:2). Give two for a phase map.
    #[arg(long, value_name = "KEY=FROM..TO:STEP", required = true)]
    pub vary: Vec<String>,
    /// Games at each value; their seeds are SEED, SEED+1, ... at every value.
    #[arg(long)]
    pub games: usize,
    /// Seed of the first game.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Directory for sweep.csv, sweep.json and sweep.svg (or phase.svg).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// A `simulate --json` file, the --out directory of batch, tournament or sweep, or a
    /// class folder of `detente host` (the class debrief: the matches side by side, and the
    /// class against 1,000 games of the scenario's own AI).
    pub path: PathBuf,
    /// Where to write the page (default: GAME.html beside a game's JSON file, report.html in
    /// an output directory).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct PlayArgs {
    /// Scenario file or name: skip the menus and start this match.
    pub scenario: Option<String>,
    /// The nation you lead (its id, like `usa`); the first nation when absent. Give it again
    /// for more people at this computer (hotseat): each takes their own seat in turn.
    #[arg(long = "nation", value_name = "NATION")]
    pub nation: Vec<String>,
    /// Strategy for an AI nation, as NATION=STRATEGY or NATION=STRATEGY:PERSONALITY. Repeatable.
    #[arg(long = "ai", value_name = "NATION=STRATEGY")]
    pub ai: Vec<String>,
    /// Change a scenario parameter, as for `simulate`. Repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Seed of the match (from the clock when absent).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Attract mode: go through every screen, play N turns with the advisers' move in your
    /// seat, and exit.
    #[arg(long, value_name = "N")]
    pub autoplay: Option<u32>,
    /// With --autoplay: save a PNG of every screen passed into DIR.
    #[arg(long, value_name = "DIR", requires = "autoplay")]
    pub screenshots: Option<PathBuf>,
    /// Open a saved game (the game autosaves each turn) and play on from it.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["scenario", "autoplay"])]
    pub load: Option<PathBuf>,
    /// With --load: watch the saved game turn by turn instead of playing on.
    #[arg(long, requires = "load")]
    pub watch: bool,
    /// Open the facilitator's controls to whoever is at this computer (pause menu, F): pause,
    /// force events, show the true state, roll back, change parameters, export.
    #[arg(long)]
    pub facilitator: bool,
    /// A passphrase that opens the facilitator's controls from the pause menu.
    #[arg(long, value_name = "WORDS")]
    pub passphrase: Option<String>,
}

#[derive(Args, Debug)]
pub struct SimulateArgs {
    #[command(flatten)]
    pub game: GameArgs,
    /// Seed of the game's random stream: the same seed and options replay the same game.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write the whole game (per-turn state, moves as chosen and perceived, events) as JSON.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Write the per-turn numbers in long form (turn,subject,metric,value).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Save the game (a replay: `detente replay FILE` checks it, `detente play --load FILE`
    /// opens it); an existing file is kept as FILE.bak.
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
    /// Print only the outcome line.
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct ReplayArgs {
    /// A save file (the game autosaves each turn; `simulate --save` writes one too).
    pub file: PathBuf,
    /// Also write the game as `simulate --json` does, for `detente report`. A match several
    /// people are still playing is written only with its facilitator's passphrase.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// The facilitator's passphrase, for --json of a match people are still playing.
    #[arg(long, value_name = "WORDS", requires = "json")]
    pub passphrase: Option<String>,
    /// Print only the verdict.
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct BatchArgs {
    #[command(flatten)]
    pub game: GameArgs,
    /// Number of games; their seeds are SEED, SEED+1, ...
    #[arg(long)]
    pub games: usize,
    /// Seed of the first game.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Directory for summary.json, games.csv and trajectories.csv (created if needed). The
    /// trajectories are the percentiles of the first 2000 games (fewer for matches of more than
    /// 50 turns), so their memory stays flat; summary.json and games.csv cover every game.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
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

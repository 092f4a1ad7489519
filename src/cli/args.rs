//! The options of each command (`detente COMMAND --help` prints them from here).

use clap::Args;
use std::path::PathBuf;

/// What a headless run needs to know besides its own options.
#[derive(Args, Debug, Clone, Default)]
pub struct GameArgs {
    /// Scenario file, or a scenario's name, like `reset_2013` (`detente scenarios` lists them:
    /// the built-in ones and your own).
    pub scenario: String,
    /// Number of turns (the scenario's own count when absent).
    #[arg(long, allow_negative_numbers = true)]
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
    /// The shadow of the future: after each turn the match goes on with probability W (0 up
    /// to, not including, 1), so it lasts 1/(1-W) turns on average (Axelrod's second
    /// tournament: 0.99654, 289 turns). The same as `--set params.continuation=W`, applied
    /// after the `--set`s; --turns is then the most a match lasts (100000 when absent).
    #[arg(long, value_name = "W", allow_negative_numbers = true)]
    pub continuation: Option<f64>,
}

#[derive(Args, Debug)]
pub struct TournamentArgs {
    /// Scenario file or name (two nations), like `prisoners_dilemma`.
    pub scenario: String,
    /// Strategies to enter: names separated by commas, any of them `all` (every strategy, 32)
    /// or a group (`classic`, `axelrod_1980`, `evolution_of_trust`); `detente strategies` lists
    /// them.
    #[arg(long, default_value = "all")]
    pub strategies: String,
    /// Turns per match (the scenario's own count when absent).
    #[arg(long, allow_negative_numbers = true)]
    pub turns: Option<u32>,
    /// Matches per pair; repetition r is played on seed SEED + r.
    #[arg(long, default_value_t = 5, allow_negative_numbers = true)]
    pub repetitions: u32,
    /// Seed of the first repetition.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
    pub seed: u64,
    /// Chance that an AI's chosen move is carried out as the other one (an execution error):
    /// the same as `--set params.execution_noise=P`, and applied after the `--set`s.
    #[arg(long, value_name = "P", allow_negative_numbers = true)]
    pub noise: Option<f64>,
    /// Change a scenario parameter, as for `batch` (params.trust.loss=12). Repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// The shadow of the future: after each turn a match goes on with probability W (0 up to,
    /// not including, 1; Axelrod's second tournament: 0.99654), as `simulate --continuation`;
    /// --turns is then the most a match lasts (100000 when absent).
    #[arg(long, value_name = "W", allow_negative_numbers = true)]
    pub continuation: Option<f64>,
    /// Directory for tournament.json, matches.csv, ranking.csv, ranking.svg and payoffs.svg.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, allow_negative_numbers = true)]
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
    #[arg(long, allow_negative_numbers = true)]
    pub games: usize,
    /// Seed of the first game.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
    pub seed: u64,
    /// Directory for sweep.csv, sweep.json and sweep.svg (or phase.svg).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, allow_negative_numbers = true)]
    pub jobs: Option<usize>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// A `simulate --json` file, the --out directory of batch, tournament, sweep or evolve, or a
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
    #[arg(long, allow_negative_numbers = true)]
    pub seed: Option<u64>,
    /// Attract mode: go through every screen, play N turns with the advisers' move in your
    /// seat, and exit.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
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
    #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
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
    #[arg(long, allow_negative_numbers = true)]
    pub games: usize,
    /// Seed of the first game.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
    pub seed: u64,
    /// Directory for summary.json, games.csv and trajectories.csv (created if needed). The
    /// trajectories are the percentiles of the first 2000 games (fewer for matches of more than
    /// 50 turns), so their memory stays flat; summary.json and games.csv cover every game.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, allow_negative_numbers = true)]
    pub jobs: Option<usize>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

/// The population dynamics of `detente evolve`.
#[derive(
    clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Dynamics {
    /// Axelrod's ecological simulation: each strategy's share grows with its mean payoff
    /// against the current population, generation by generation.
    Ecological,
    /// A finite population, one birth (in proportion to fitness) and one death (at random) a
    /// step, until one strategy is everyone; --repetitions runs give fixation probabilities.
    Moran,
    /// The Evolution of Trust's loop: the players play a round robin, the --replace worst are
    /// removed and the --replace best copied.
    Generations,
}

#[derive(Args, Debug)]
pub struct EvolveArgs {
    /// Scenario file or name (two nations), like `prisoners_dilemma`.
    pub scenario: String,
    /// The starting population: strategy names separated by commas, each optionally with its
    /// head count (cooperator=15,cheater=5,copycat=5) or, for ecological, its weight. Without
    /// counts, the ecological dynamics start from equal shares, and moran and generations split
    /// --population as evenly as it goes, the last strategies taking one more each (the
    /// default, `evolution_of_trust`, is then the game's three of each and four random). `all`
    /// (every strategy) and the groups `classic`, `axelrod_1980` and `evolution_of_trust` stand
    /// for theirs.
    #[arg(long, default_value = "evolution_of_trust")]
    pub strategies: String,
    /// ecological, moran or generations.
    #[arg(long, value_enum, default_value_t = Dynamics::Ecological)]
    pub dynamics: Dynamics,
    /// Players in the population, split evenly among --strategies given without counts (25
    /// when absent; the ecological dynamics use only the shares).
    #[arg(long, allow_negative_numbers = true)]
    pub population: Option<usize>,
    /// Generations (ecological, generations: 50 when absent; moran: the most a run may last,
    /// a generation being as many steps as players, 10000 when absent).
    #[arg(long, allow_negative_numbers = true)]
    pub generations: Option<usize>,
    /// Players replaced each generation (generations; 5 when absent, as in the Evolution of
    /// Trust).
    #[arg(long, allow_negative_numbers = true)]
    pub replace: Option<usize>,
    /// Moran runs (moran; 1000 when absent), each from the starting population until one
    /// strategy is everyone; their fixation probabilities come with 95% intervals.
    #[arg(long, allow_negative_numbers = true)]
    pub repetitions: Option<u32>,
    /// Matches per pair of strategies behind the payoff table of ecological and moran (5 when
    /// absent); match r is played on seed SEED + r.
    #[arg(long, allow_negative_numbers = true)]
    pub matches: Option<u32>,
    /// Intensity of selection w (moran; 1 when absent): a player's fitness is 1 - w + w × its
    /// mean payoff per turn against the others.
    #[arg(long, value_name = "W", allow_negative_numbers = true)]
    pub selection: Option<f64>,
    /// Turns per match (the scenario's own count when absent: 10 in `evolution_of_trust`, as in
    /// the game).
    #[arg(long, allow_negative_numbers = true)]
    pub turns: Option<u32>,
    /// The shadow of the future, as for `tournament`: after each turn a match goes on with
    /// probability W.
    #[arg(long, value_name = "W", allow_negative_numbers = true)]
    pub continuation: Option<f64>,
    /// Chance that a player's chosen move is carried out as the other one (the Evolution of
    /// Trust's "mistakes"), as for `tournament`.
    #[arg(long, value_name = "P", allow_negative_numbers = true)]
    pub noise: Option<f64>,
    /// Change a scenario parameter, as for `batch`. Repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Run the dynamics at every value of one parameter, as KEY=FROM..TO:STEP (any --set key,
    /// like params.continuation=0.05..0.95:0.05), and write where each strategy ends at each
    /// (evolve_sweep.csv and .svg) instead of the shares per generation.
    #[arg(long, value_name = "KEY=FROM..TO:STEP")]
    pub vary: Option<String>,
    /// Seed of the first match (and of the Moran runs' draws).
    #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
    pub seed: u64,
    /// Directory for evolve.json, shares.csv and shares.svg (with --vary: evolve.json,
    /// evolve_sweep.csv and evolve_sweep.svg).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, allow_negative_numbers = true)]
    pub jobs: Option<usize>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

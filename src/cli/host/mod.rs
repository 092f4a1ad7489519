//! `detente host`: the teacher's machine runs the class's matches, and every team plays from a
//! browser on the room's network. Checks everything it is given before it starts, prints what
//! the teams type (address, class code, a QR code) and where the matches autosave, then serves
//! until stopped (Ctrl-C); `--resume FOLDER` goes on from the autosaves.

use super::{GameArgs, Setup};
use crate::host::access::ClassCode;
use crate::host::class::Class;
use crate::host::folder::{self, CLASS_FILE};
use crate::host::hub::{HubOptions, TIMER_RANGE};
use crate::host::start::{Running, start};
use crate::sim::InputError;
use crate::sim::play::session::fresh_seed;
use clap::Args;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};

/// What `detente host --help` says after the options: the lesson, in steps.
pub const HELP: &str = "\
In class:
  1. Put the host window (or, with --headless, the teacher's page) on the projector: it shows
     the address to type, a QR code of it and the class code.
  2. Each team opens the address in a browser, types the class code and picks its seat; a
     teammate's laptop joins the same seat with the team code the first one shows.
  3. The roster shows who has joined, chosen and pressed End turn. From the window or the
     teacher's page (/teacher, with the passphrase): pause and go on, set a turn timer, let
     the computer play a seat (any strategy and personality) or give it back, move a team to
     another seat, take a seat away, open a match's facilitator panel or projector view (in
     the window), and open the class debrief.
  4. Every match autosaves each turn in the class folder: after a stop,
     detente host --resume FOLDER goes on, and detente report FOLDER writes the class debrief.

Example: detente host reset_2013 --matches 5 --turns 10 --turn-timer 240";

/// The most matches one host runs.
pub const MAX_MATCHES: usize = 50;

mod run;

pub use run::{for_window, run_headless, windowed};

#[derive(Args, Debug)]
pub struct HostArgs {
    /// Scenario file or name, like `reset_2013` (`detente scenarios` lists them).
    #[arg(required_unless_present = "resume")]
    pub scenario: Option<String>,
    /// Parallel matches of the scenario: give each pair (or group) of teams its own.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub matches: usize,
    /// Seed of the matches (from the clock when absent): every match plays the same world,
    /// so the class can compare what each group made of it.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Give each match its own seed (SEED, SEED+1, …) instead.
    #[arg(long)]
    pub different_seeds: bool,
    /// Number of turns (the scenario's own count when absent).
    #[arg(long)]
    pub turns: Option<u32>,
    /// Change a scenario parameter, as for `simulate`. Repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// The port the teams' browsers connect to.
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// The address to listen on (default: all of this machine's; 127.0.0.1 for this machine
    /// only).
    #[arg(long, value_name = "ADDRESS")]
    pub bind: Option<std::net::IpAddr>,
    /// The teacher's passphrase for the teacher's page (/teacher): pause, the turn timer, who
    /// plays each seat (the computer, a team, another seat), the class debrief. Made up and
    /// printed when absent; a resumed class keeps its own unless a new one is given.
    #[arg(long, value_name = "WORDS")]
    pub passphrase: Option<String>,
    /// End each turn after this many seconds (10 to 3600): a team that has not chosen by then
    /// plays the scenario's own AI's move. Off when absent; the teacher's page can change it.
    #[arg(long, value_name = "SECONDS")]
    pub turn_timer: Option<u32>,
    /// Where the matches autosave (default: a new folder under the data folder's `classes`).
    #[arg(long, value_name = "DIR", conflicts_with = "resume")]
    pub folder: Option<PathBuf>,
    /// Go on with the class in FOLDER from its last autosaves; the teams' pages reconnect to
    /// their seats.
    #[arg(long, value_name = "FOLDER", conflicts_with_all = ["scenario", "matches", "seed", "different_seeds", "turns", "set"])]
    pub resume: Option<PathBuf>,
    /// No window: the host runs in this terminal, controlled from the teacher's page.
    #[arg(long)]
    pub headless: bool,
    /// Messages a second a page may send before it is cut off (for benchmarks and scripted
    /// clients; people send a few).
    #[arg(long, value_name = "N", default_value_t = crate::host::server::FLOOD_PER_SECOND, hide = true)]
    pub flood_limit: u32,
}

/// What `detente host` was asked for, checked.
pub struct HostPlan {
    /// Makes the class on the hub's thread.
    make: Box<dyn FnOnce() -> Result<Class, InputError> + Send>,
    pub options: HubOptions,
    pub bind: SocketAddr,
    /// What the class is, in a line ("reset_2013, 5 matches, seed 4411 in each").
    pub what: String,
    /// The passphrase, when the host made one up.
    pub made_up_passphrase: bool,
    /// The class folder, when this run made it (a host that does not start removes it).
    made_folder: Option<PathBuf>,
}

/// Checks the options and gets the class ready (a new one, or one resumed from its folder).
pub fn prepare(args: &HostArgs) -> Result<HostPlan, InputError> {
    if let Some(s) = args.turn_timer
        && !TIMER_RANGE.contains(&s)
    {
        return Err(InputError::new(
            format!("--turn-timer {s}"),
            format!(
                "expected {} to {} seconds",
                TIMER_RANGE.start(),
                TIMER_RANGE.end()
            ),
        ));
    }
    // A resumed class keeps its teacher's passphrase unless a new one is given.
    let mut keeps_passphrase = false;
    let (make, what, folder): (Box<dyn FnOnce() -> Result<Class, InputError> + Send>, _, _) = match (
        &args.resume,
        &args.scenario,
    ) {
        (Some(dir), _) => {
            // Opened once here, to say what is wrong before anything starts, and again on
            // the hub's thread, where the class lives.
            let class = folder::open(dir)?;
            keeps_passphrase = class.roster().teacher().is_some();
            let what = format!(
                "{}, {} resumed from {}",
                class.rules().scenario.id,
                super::output::count(class.tables() as u64, "match", "matches"),
                dir.display()
            );
            let dir2 = dir.clone();
            (Box::new(move || folder::open(&dir2)), what, dir.clone())
        }
        (None, None) => {
            return Err(InputError::new(
                "detente host",
                "expected a scenario (detente host reset_2013) or --resume FOLDER",
            ));
        }
        (None, Some(scenario)) => {
            super::options::check_count("--matches", args.matches, MAX_MATCHES, "matches")?;
            let setup = Setup::from_args(&GameArgs {
                continuation: None,
                opening: Vec::new(),
                scenario: scenario.clone(),
                turns: args.turns,
                ai: Vec::new(),
                set: args.set.clone(),
            })?;
            let seed = args.seed.unwrap_or_else(fresh_seed);
            let seeds: Vec<u64> = (0..args.matches as u64)
                .map(|k| {
                    if args.different_seeds {
                        seed.wrapping_add(k)
                    } else {
                        seed
                    }
                })
                .collect();
            let folder = match &args.folder {
                Some(f) => f.clone(),
                None => default_folder(&setup.rules.scenario.id, seed)?,
            };
            if folder.join(CLASS_FILE).exists() {
                return Err(InputError::new(
                    folder.display().to_string(),
                    format!(
                        "already holds a class: go on with it (detente host --resume {}) or choose another --folder",
                        folder.display()
                    ),
                ));
            }
            let mut rules = setup.rules.clone();
            rules.scenario.turns = setup.turns;
            let what = format!(
                "{}, {}, {}",
                rules.scenario.id,
                super::output::count(args.matches as u64, "match", "matches"),
                if args.different_seeds && args.matches > 1 {
                    format!("seeds {seed} to {}", seed + args.matches as u64 - 1)
                } else {
                    format!("seed {seed}")
                }
            );
            let dir = folder.clone();
            let make = move || {
                let class = Class::new(rules, &seeds).map_err(|e| {
                    InputError::new("detente host", format!("no random source: {e}"))
                })?;
                folder::write_all(&dir, &class)?;
                Ok(class)
            };
            (Box::new(make), what, folder)
        }
    };
    let (passphrase, made_up_passphrase) = match &args.passphrase {
        Some(p) if p.split_whitespace().next().is_none() => {
            return Err(InputError::new(
                "--passphrase",
                "expected some words, not blanks",
            ));
        }
        Some(p) => (Some(p.clone()), false),
        None if keeps_passphrase => (None, false),
        None => {
            // Two groups of four, in lower case: not to be mistaken for the class code.
            let code = ClassCode::random_of(8)
                .map_err(|e| InputError::new("detente host", format!("no random source: {e}")))?;
            let words = code.as_str().to_lowercase();
            (Some(format!("{}-{}", &words[..4], &words[4..])), true)
        }
    };
    let made_folder = (!folder.exists()).then(|| folder.clone());
    let hold = folder::hold(&folder)?;
    let bind = SocketAddr::new(
        args.bind.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
        args.port,
    );
    Ok(HostPlan {
        make,
        options: HubOptions {
            folder: Some(folder),
            passphrase,
            turn_timer: args.turn_timer,
            flood_per_second: args.flood_limit.max(1),
            hold: Some(hold),
            debrief: Some(crate::host::hub::Debriefer(std::sync::Arc::new(
                super::report::class_debrief,
            ))),
        },
        bind,
        what,
        made_up_passphrase,
        made_folder,
    })
}

/// The passphrase as the host shows it: the words, or what a resumed class keeps.
pub(super) fn shown_passphrase(plan: &HostPlan) -> String {
    plan.options
        .passphrase
        .clone()
        .unwrap_or_else(|| "the one this class began with".into())
}

/// Starts the plan's host.
pub fn launch(plan: HostPlan) -> Result<Running, InputError> {
    let made = plan.made_folder;
    start(plan.make, plan.options, plan.bind).map_err(|e| {
        // A class that never started leaves no folder behind (only its lock would be there).
        if let Some(dir) = &made {
            let _ = std::fs::remove_file(dir.join(".host-lock"));
            let _ = std::fs::remove_dir(dir);
        }
        InputError::new("detente host", format!("{e}{}", hint(&e)))
    })
}

fn hint(e: &crate::host::start::StartError) -> &'static str {
    match e {
        crate::host::start::StartError::Listen { error, .. }
            if error.kind() == std::io::ErrorKind::AddrInUse =>
        {
            "; another program uses that port: choose another with --port"
        }
        _ => "",
    }
}

/// A fresh folder for a new class: `classes/SCENARIO-seedSEED` in the player's data folder,
/// with `-2`, `-3`, … when that is taken.
fn default_folder(scenario: &str, seed: u64) -> Result<PathBuf, InputError> {
    let base = crate::files::data_dir()
        .ok_or_else(|| {
            InputError::new(
                "detente host",
                "no data folder (set HOME or DETENTE_DATA_DIR), so give one with --folder DIR",
            )
        })?
        .join("classes");
    let name = format!("{scenario}-seed{seed}");
    let free = |p: &Path| !p.join(CLASS_FILE).exists();
    let mut candidate = base.join(&name);
    let mut k = 2;
    while !free(&candidate) {
        candidate = base.join(format!("{name}-{k}"));
        k += 1;
    }
    Ok(candidate)
}

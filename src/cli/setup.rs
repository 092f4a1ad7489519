//! From command-line options to a ready match plan: load, override, check, assign strategies.

use super::GameArgs;
pub use crate::sim::archive::export::describe_controllers;
use crate::sim::play::state::Controller;
use crate::sim::scenario::MoveIndex;
use crate::sim::scenario::catalog;
use crate::sim::scenario::fingerprint::files_hash;
use crate::sim::scenario::load::Loaded;
use crate::sim::scenario::overrides::apply_overrides;
use crate::sim::{InputError, Rules};

/// The most turns a match may last (`--turns`), and how long a match that ends by chance
/// (`--continuation`) may last when `--turns` is not given.
pub const MAX_TURNS: u32 = 100_000;

/// The scenario key that `--continuation` sets.
pub const CONTINUATION_KEY: &str = "params.continuation";

/// `--continuation W` as a scenario override.
///
/// Errors: W outside [0, 1) (1 would be a match without end).
pub fn continuation_setting(w: f64) -> Result<String, InputError> {
    if !(0.0..1.0).contains(&w) {
        return Err(InputError::new(
            format!("--continuation {w}"),
            "expected a probability from 0 up to (not including) 1: the chance that the match goes on after each turn",
        ));
    }
    Ok(format!("{CONTINUATION_KEY}={w}"))
}

/// A scenario ready to play, with each nation's controller and the turn count, and what it was
/// made from (for the outputs' `made_with`).
pub struct Setup {
    pub rules: Rules,
    pub controllers: Vec<Controller>,
    /// Each nation's first move when `--opening` forces one (`Plan::openings`); empty: none.
    pub openings: Vec<Option<MoveIndex>>,
    pub turns: u32,
    /// The scenario as given on the command line (a name or a path).
    pub scenario_arg: String,
    /// The hash of the scenario's files (`fingerprint::files_hash`), before the `--set`s.
    pub scenario_hash: String,
    /// The `--set` changes, in order.
    pub set: Vec<String>,
    /// The file the scenario was read from ("built-in scenarios/reset_2013.ron" or a path).
    pub source: String,
}

impl Setup {
    /// Loads the scenario (`catalog::open`) and sets it up as `args` say.
    ///
    /// Errors: the scenario's, or a bad `--set`, `--ai` or `--turns`, naming the option.
    pub fn from_args(args: &GameArgs) -> Result<Setup, InputError> {
        let loaded = catalog::open(&args.scenario)?;
        Setup::of(&loaded, args)
    }

    /// Sets up a scenario already loaded (from `args.scenario`) as `args` say.
    pub fn of(loaded: &Loaded, args: &GameArgs) -> Result<Setup, InputError> {
        let mut set = args.set.clone();
        if let Some(w) = args.continuation {
            set.push(continuation_setting(w)?);
        }
        let scenario = apply_overrides(&loaded.scenario, &set)?;
        let scenario_hash = files_hash(loaded);
        let rules = Rules::new(scenario);
        let mut controllers = rules.default_controllers();
        for spec in &args.ai {
            rules.assign_ai(&mut controllers, spec)?;
        }
        let openings = openings(&rules, &args.opening)?;
        let turns = match args.turns {
            Some(t) if !(1..=MAX_TURNS).contains(&t) => {
                return Err(InputError::new(
                    format!("--turns {t}"),
                    format!("expected 1 to {MAX_TURNS} turns"),
                ));
            }
            Some(t) => t,
            None if args.continuation.is_some() => MAX_TURNS,
            None => rules.scenario.turns,
        };
        Ok(Setup {
            rules,
            controllers,
            openings,
            turns,
            scenario_arg: args.scenario.clone(),
            scenario_hash,
            set,
            source: loaded.file.path.clone(),
        })
    }

    /// How long each match lasts, in words: "200 turns", or with `--continuation` "turns
    /// ending with probability 0.00346 after each (289 on average), at most 100000".
    pub fn length_words(&self) -> String {
        length_words(self.turns, self.rules.scenario.params.continuation)
    }

    /// The lines a command prints first, under its own: where the scenario was read from,
    /// every `--set` and every `--opening`.
    pub fn header_lines(&self) -> Vec<String> {
        let mut lines = vec![format!("  scenario file: {}", self.source)];
        lines.extend(self.set.iter().map(|s| format!("  --set {s}")));
        lines.extend(
            self.describe_openings()
                .iter()
                .map(|o| format!("  --opening {o}")),
        );
        lines
    }

    /// The plan of its matches: its controllers, turns and openings; `record` keeps every
    /// turn's record, and the first `trajectories` games keep their trajectories (`Plan`).
    pub fn plan(&self, record: bool, trajectories: usize) -> crate::sim::Plan {
        crate::sim::Plan {
            controllers: self.controllers.clone(),
            turns: self.turns,
            record,
            trajectories,
            openings: self.openings.clone(),
        }
    }

    /// The `--opening` moves, as `usa=cancel_interceptor_program`, in the nations' order.
    pub fn describe_openings(&self) -> Vec<String> {
        self.openings
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                let m = (*m)?;
                Some(format!(
                    "{}={}",
                    self.rules.scenario.nations[i].id, self.rules.scenario.moves[m].id
                ))
            })
            .collect()
    }

    /// `usa=tit_for_tat:realist`-style names of each nation's AI, for summaries.
    pub fn describe_controllers(&self) -> Vec<(String, String)> {
        describe_controllers(&self.rules, &self.controllers)
    }
}

/// How long a match of at most `turns` turns lasts when it goes on after each turn with
/// probability `w`, in words: "200 turns", or "289.0 turns on average (each turn the last with
/// probability 0.00346, at most 100000)". The mean is that of min(L, turns) for L geometric:
/// (1 − wⁿ)/(1 − w) for n = `turns`.
pub fn length_words(turns: u32, w: f64) -> String {
    if w >= 1.0 {
        return crate::cli::output::count(turns, "turn", "turns");
    }
    format!(
        "{:.1} turns on average (each turn the last with probability {}, at most {turns})",
        mean_length(turns, w),
        short(1.0 - w)
    )
}

pub use crate::sim::play::run::mean_length;

/// A probability as written, without the float's noise (0.00346, not 0.0034600000000000164).
fn short(x: f64) -> String {
    let rounded = format!("{x:.6}");
    rounded
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_string()
}

/// The `--opening NATION=MOVE`s, one move per nation at most, each open to its nation at the
/// start (affordable, its requirements met, not a crisis move).
///
/// Errors: a malformed option, an unknown nation or move, a nation given twice, or a move its
/// nation cannot make on the first turn, naming the option and what would fit.
fn openings(rules: &Rules, specs: &[String]) -> Result<Vec<Option<MoveIndex>>, InputError> {
    if specs.is_empty() {
        return Ok(Vec::new());
    }
    let n = rules.nation_count();
    let mut openings = vec![None; n];
    let start = crate::sim::play::run::open_at_start(rules);
    for spec in specs {
        let origin = format!("--opening {spec}");
        let Some((nation, move_id)) = spec.split_once('=') else {
            return Err(InputError::new(
                origin,
                "expected NATION=MOVE, like usa=cancel_interceptor_program",
            ));
        };
        let Some(i) = rules.nation_index(nation) else {
            return Err(InputError::new(
                origin,
                format!(
                    "unknown nation {nation:?}; this scenario has: {}",
                    rules.nation_ids().join(", ")
                ),
            ));
        };
        let open = &start[i];
        let names = || {
            open.iter()
                .map(|&m| rules.scenario.moves[m].id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let Some(m) = rules.move_index(move_id).filter(|m| open.contains(m)) else {
            let why = if rules.move_index(move_id).is_some() {
                format!("{move_id:?} is not open to {nation} on the first turn")
            } else {
                format!("unknown move {move_id:?}")
            };
            return Err(InputError::new(
                origin,
                format!("{why}; it may open with: {}", names()),
            ));
        };
        if openings[i].replace(m).is_some() {
            return Err(InputError::new(
                origin,
                format!("{nation} has an opening already: give one --opening per nation"),
            ));
        }
    }
    Ok(openings)
}

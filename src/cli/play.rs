//! `detente play`: the game, optionally straight into a match or in attract mode. Options are
//! checked before the window opens, so a mistake is an error line and exit code 2.

use super::PlayArgs;
use crate::sim::InputError;
use std::process::ExitCode;

pub fn run(args: &PlayArgs) -> ExitCode {
    match prepare(args) {
        Ok(options) => open(options),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "desktop")]
type Options = crate::desktop::PlayOptions;
#[cfg(not(feature = "desktop"))]
type Options = ();

#[cfg(feature = "desktop")]
fn prepare(args: &PlayArgs) -> Result<Options, InputError> {
    use super::{GameArgs, Setup};
    use crate::desktop::screens::MatchSetup;
    use crate::desktop::screens::picker::fresh_seed;
    let start = match &args.scenario {
        None => {
            if args.nation.is_some() || !args.ai.is_empty() || !args.set.is_empty() {
                return Err(InputError::new(
                    "detente play",
                    "--nation, --ai and --set need a scenario (detente play SCENARIO ...)",
                ));
            }
            None
        }
        Some(scenario) => {
            let setup = Setup::from_args(&GameArgs {
                scenario: scenario.clone(),
                turns: None,
                ai: args.ai.clone(),
                set: args.set.clone(),
            })?;
            let player = match &args.nation {
                None => 0,
                Some(id) => setup.rules.nation_index(id).ok_or_else(|| {
                    InputError::new(
                        format!("--nation {id}"),
                        format!(
                            "no such nation in {}; expected one of: {}",
                            setup.rules.scenario.id,
                            setup.rules.nation_ids().join(", ")
                        ),
                    )
                })?,
            };
            let match_setup = MatchSetup {
                player,
                controllers: setup.controllers.clone(),
                seed: args.seed.unwrap_or_else(fresh_seed),
            };
            Some((setup.rules, match_setup))
        }
    };
    if args.autoplay.is_some() && start.is_none() {
        return Err(InputError::new(
            "--autoplay",
            "needs a scenario to play (detente play SCENARIO --autoplay N)",
        ));
    }
    if args.autoplay == Some(0) {
        return Err(InputError::new("--autoplay 0", "expected at least 1 turn"));
    }
    Ok(crate::desktop::PlayOptions {
        start,
        autoplay: args.autoplay,
        screenshots: args.screenshots.clone(),
    })
}

#[cfg(not(feature = "desktop"))]
fn prepare(_: &PlayArgs) -> Result<Options, InputError> {
    Err(InputError::new(
        "detente play",
        "this build has no window (built without the `desktop` feature)",
    ))
}

#[cfg(feature = "desktop")]
fn open(options: Options) -> ExitCode {
    crate::desktop::run(options)
}

#[cfg(not(feature = "desktop"))]
fn open(_: Options) -> ExitCode {
    ExitCode::from(2)
}

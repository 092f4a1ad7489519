//! `detente play`: the game, optionally straight into a match or in attract mode. Options are
//! checked before the window opens, so a mistake is an error line and exit code 2.

use super::PlayArgs;
use crate::launch::PlayOptions;
use crate::sim::InputError;

/// The window's options from the command line, checked.
#[cfg(feature = "desktop")]
pub fn prepare(args: &PlayArgs) -> Result<PlayOptions, InputError> {
    use super::{GameArgs, Setup};
    use crate::sim::play::session::{MatchSetup, fresh_seed};
    let start = match &args.scenario {
        None => {
            if !args.nation.is_empty() || !args.ai.is_empty() || !args.set.is_empty() {
                return Err(InputError::new(
                    "detente play",
                    "--nation, --ai and --set need a scenario (detente play SCENARIO ...)",
                ));
            }
            None
        }
        Some(scenario) => {
            let setup = Setup::from_args(&GameArgs {
                continuation: None,
                opening: Vec::new(),
                scenario: scenario.clone(),
                turns: None,
                ai: args.ai.clone(),
                set: args.set.clone(),
            })?;
            let mut people = Vec::new();
            for id in &args.nation {
                let i = setup.rules.nation_index(id).ok_or_else(|| {
                    InputError::new(
                        format!("--nation {id}"),
                        format!(
                            "no such nation in {}; expected one of: {}",
                            setup.rules.scenario.id,
                            setup.rules.nation_ids().join(", ")
                        ),
                    )
                })?;
                if people.contains(&i) {
                    return Err(InputError::new(
                        format!("--nation {id}"),
                        "given twice; each person leads a different nation",
                    ));
                }
                people.push(i);
            }
            let player = people.first().copied().unwrap_or(0);
            let mut controllers = setup.controllers.clone();
            for &i in &people {
                controllers[i] = crate::sim::play::state::Controller::Human;
            }
            let match_setup = MatchSetup {
                player,
                controllers,
                seed: args.seed.unwrap_or_else(fresh_seed),
                set: setup.set.clone(),
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
    if let Some(path) = &args.load {
        // Checked now, so a damaged save is an error line before any window opens.
        crate::sim::archive::save::load(path)?;
    }
    if args
        .passphrase
        .as_deref()
        .is_some_and(|p| p.trim().is_empty())
    {
        return Err(InputError::new("--passphrase", "expected some words"));
    }
    Ok(PlayOptions {
        start,
        autoplay: args.autoplay,
        screenshots: args.screenshots.clone(),
        load: args.load.clone(),
        watch: args.watch,
        facilitator: args.facilitator,
        passphrase: args.passphrase.clone(),
        host: None,
    })
}

#[cfg(not(feature = "desktop"))]
pub fn prepare(_: &PlayArgs) -> Result<PlayOptions, InputError> {
    Err(InputError::new(
        "detente play",
        "this build has no window (built without the `desktop` feature)",
    ))
}

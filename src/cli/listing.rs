//! The commands that say what there is: `detente check` (scenario files), `detente
//! scenarios` (every scenario, built in or one's own, and copies of the built-in files) and
//! `detente strategies`.

use super::output;
use crate::sim::Strategy;
use crate::sim::scenario::catalog;
use std::path::PathBuf;
use std::process::ExitCode;

/// Checks every file, printing `ok:` or the error for each; fails if any has a problem.
pub(super) fn check(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for file in files {
        match catalog::open(&file.to_string_lossy()) {
            Ok(loaded) => {
                let s = &loaded.scenario;
                output::say(format!(
                    "ok: {} — {}, {} nations, {} moves, {} events, {} turns, {}",
                    file.display(),
                    s.title_and_year(),
                    s.nations.len(),
                    s.moves.len(),
                    s.events.len(),
                    s.turns,
                    crate::sim::scenario::fingerprint::files_hash(&loaded)
                ));
                if let Some(deck) = &loaded.deck {
                    output::say(format!("    with the deck {}", deck.path));
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes the built-in scenario files into `dir` (keeping any file already there).
pub(super) fn write_built_in(dir: &std::path::Path) -> Result<(), crate::sim::InputError> {
    let mut files = Vec::new();
    let mut kept = Vec::new();
    for (name, text) in catalog::BUILT_IN {
        let path = dir.join(name);
        if path.exists() {
            kept.push(path.display().to_string());
        } else {
            files.push((path, text.as_bytes()));
        }
    }
    for (path, _) in &files {
        if let Some(parent) = path.parent() {
            output::ensure_dir(parent)?;
        }
    }
    let refs: Vec<(&std::path::Path, &[u8])> =
        files.iter().map(|(p, t)| (p.as_path(), *t)).collect();
    crate::files::write_all_atomic(&refs)?;
    for (path, _) in &files {
        output::say(format!("wrote {}", path.display()));
    }
    for path in kept {
        output::say(format!("kept {path} (already there)"));
    }
    Ok(())
}

/// Every scenario by name, with its title and where it is; one's own that do not load are
/// listed with the reason (and the exit code is 2).
pub(super) fn list_scenarios() -> ExitCode {
    let mut failed = false;
    for (entry, loaded) in catalog::load_all() {
        match loaded {
            Ok(loaded) => output::say(format!(
                "  {:<22} {}, {} nations, {}",
                entry.name,
                loaded.scenario.title_and_year(),
                loaded.scenario.nations.len(),
                entry.place.describe()
            )),
            Err(e) => {
                failed = true;
                output::say(format!("  {:<22} does not load: {e}", entry.name));
            }
        }
    }
    output::say(format!(
        "\nYour own scenarios go in {}: `detente scenarios --write DIR` writes copies of the\nbuilt-in ones to start from (give yours a new id), and `detente check FILE` checks one.",
        catalog::own_folders()
            .iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(" or ")
    ));
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

pub(super) fn list_strategies() {
    output::say(
        "Strategies decide each turn whether to cooperate or defect, from the moves their nation perceived:\n",
    );
    for s in Strategy::ALL {
        let aliases = s.aliases();
        let also = if aliases.is_empty() {
            String::new()
        } else {
            format!(" (also: {})", aliases.join(", "))
        };
        output::say(format!("  {}{also}", s.name()));
        output::say(format!("      {}", s.description()));
        output::say(format!("      Source: {}.", s.source()));
    }
    output::say("\nGroups, for --strategies of tournament and evolve:");
    for (group, names) in crate::sim::play::strategy::GROUPS {
        output::say(format!("  {:<20} {}", group, names.join(", ")));
    }
    output::say(format!(
        "\nIn the full scenarios a personality (hawk, dove, realist, ...) then picks the concrete move;\n\
         give one with --ai NATION=STRATEGY:PERSONALITY. An opportunist personality (the realist and\n\
         the hawk of the standard deck) tests a rival that has never defected, exploits one that\n\
         does not answer, and leaves alone one that does (docs/model.md, \"Opportunists\").\n\n\
         Two of the 1980 entrants (tideman_and_chieruzzi, stein_and_rapoport) defect on the last two\n\
         turns when the length of the match is known; with --continuation it is not.\n\n{}",
        crate::sim::play::strategy::EXECUTION_NOISE
    ));
}

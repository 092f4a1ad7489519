//! `detente replay FILE`: plays a save's recording again from its seed and commands, and checks
//! every turn and the final state against what the save holds.

use super::ReplayArgs;
use super::output::{say, write_all_atomic};
use crate::sim::archive::export::match_json;
use crate::sim::archive::save::{SaveFile, read, verify};
use crate::sim::archive::secrecy::{Permission, Secrecy};
use std::process::ExitCode;

/// Exit code 0 when the replay matches, 1 when it differs, 2 when the file cannot be read.
pub fn run(args: &ReplayArgs) -> ExitCode {
    let shown = args.file.display().to_string();
    let save = match read(&args.file) {
        Ok((save, _)) => save,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let rebuilt = match verify(&save) {
        Ok(rebuilt) => rebuilt,
        Err(d) => {
            eprintln!("replay differs: {shown}: {d}");
            if let Some(turn) = d.turn {
                eprintln!("first differing turn: {turn}");
            }
            return ExitCode::from(1);
        }
    };
    if let Some(path) = &args.json {
        let verified = SaveFile {
            state: rebuilt.state.clone(),
            ..save.clone()
        };
        let secrecy = Secrecy::of(&verified);
        let given = args.passphrase.as_deref();
        let unlocked = given.is_some_and(|p| secrecy.guard().is_some_and(|g| g.verify(p)));
        let refusal = match secrecy.may_export(unlocked) {
            Permission::Allowed => None,
            Permission::NeedsPassphrase if given.is_some() => Some(
                "that is not the facilitator's passphrase of this match".to_string(),
            ),
            Permission::NeedsPassphrase => Some(
                "several people are playing this match and it is not over: --json needs the facilitator's passphrase (--passphrase WORDS)".to_string(),
            ),
            Permission::Refused(why) => Some(why),
        };
        if let Some(why) = refusal {
            eprintln!("error: {shown}: {why}");
            return ExitCode::from(2);
        }
        let command = shell_words::join([
            "detente",
            "replay",
            &shown,
            "--json",
            &path.display().to_string(),
        ]);
        let json = match_json(&rebuilt.rules, &rebuilt.state, &save.recording, &command);
        if let Err(e) = write_all_atomic(&[(path.as_path(), json.as_bytes())]) {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
        if !args.quiet {
            say(format!("wrote {}", path.display()));
        }
    }
    let r = &save.recording;
    let g = &rebuilt.state.globals;
    // Seats played by people at some turn (a hand-over may have given one to a person).
    let people = r.people().len();
    let facilitator: usize = r
        .turns
        .iter()
        .map(|t| t.params.len() + t.inject.len() + t.seats.len())
        .sum();
    if !args.quiet {
        say(format!(
            "{} ({}), seed {}: {} turns replayed, {} seat(s) played by people, {} facilitator command(s)",
            r.scenario.title,
            r.scenario.id,
            r.seed,
            r.turns.len(),
            people,
            facilitator
        ));
    }
    let standing = match g.outcome {
        Some(outcome) => format!("outcome {}", outcome.name()),
        None => format!(
            "in progress, {}",
            g.regimes.last().map_or("not started", |r| r.name())
        ),
    };
    say(format!(
        "verified: every turn and the final state match the save ({standing} after {} turns)",
        g.turn
    ));
    if let Some(change) = crate::sim::archive::migrate::what_changed(save.version) {
        let was = save
            .state
            .globals
            .outcome
            .or(save.state.globals.regimes.last().copied());
        let now = g.outcome.or(g.regimes.last().copied());
        say(format!(
            "migrated: a save of version {} made by {}; {change} ({} then, {} now)",
            save.version,
            save.made_by(),
            was.map_or("not started", |r| r.name()),
            now.map_or("not started", |r| r.name()),
        ));
    }
    ExitCode::SUCCESS
}

//! `detente simulate`: one headless game, printed turn by turn, optionally saved as JSON and CSV.

use super::output::{count, distinct_outputs, say, write_all_atomic};
use super::tables;
use super::{Setup, SimulateArgs};
use crate::sim::archive::export::json_of;
use crate::sim::archive::history::TurnRecord;
use crate::sim::archive::journal::{Recording, TurnCommands};
use crate::sim::archive::narrate;
use crate::sim::archive::rebuild::rebuild;
use crate::sim::archive::save::SaveFile;
use crate::sim::{GameResult, InputError, run_plan};
use std::fmt::Write as _;
use std::path::Path;

pub fn run(args: &SimulateArgs) -> Result<(), InputError> {
    distinct_outputs(&[
        ("--json", args.json.as_deref()),
        ("--csv", args.csv.as_deref()),
        ("--save", args.save.as_deref()),
    ])?;
    let setup = Setup::from_args(&args.game)?;
    if let (Some(_), Some(spec)) = (&args.save, args.game.opening.first()) {
        return Err(InputError::new(
            format!("--opening {spec}"),
            "a save replays the commands of people's seats, and an opening forces a computer's move: give --opening or --save, not both",
        ));
    }
    let plan = setup.plan(true, 0);
    let result = run_plan(&setup.rules, &plan, args.seed);
    let history = result.history.as_deref().unwrap_or_default();
    let json = args
        .json
        .as_ref()
        .map(|path| (path.as_path(), game_json(&setup, &result, args.seed)));
    let csv = args
        .csv
        .as_ref()
        .map(|path| (path.as_path(), long_csv(history)));
    let files: Vec<(&Path, &[u8])> = json
        .iter()
        .chain(csv.iter())
        .map(|(p, text)| (*p, text.as_bytes()))
        .collect();
    write_all_atomic(&files)?;
    if let Some(path) = &args.save {
        save_game(&setup, &result, args.seed)?.write(path)?;
    }
    if !args.quiet {
        say(legend(&setup, args.seed));
        for record in history {
            say(turn_line(record, setup.turns));
            // The turn's news, told by `narrate`, one line each under its turn.
            for text in narrate::news(&setup.rules.scenario, &record.events) {
                say(format!("        · {}", narrate::capitalise(&text)));
            }
        }
    }
    say(format!(
        "outcome: {} after {}",
        result.outcome.name(),
        count(result.turns, "turn", "turns")
    ));
    if !args.quiet {
        for path in [&args.json, &args.csv, &args.save].into_iter().flatten() {
            say(format!("wrote {}", path.display()));
        }
    }
    Ok(())
}

/// The whole game as pretty JSON, the same bytes for the same scenario, options and seed.
pub fn game_json(setup: &Setup, result: &GameResult, seed: u64) -> String {
    let made_with = setup.made_with("simulate", &["--seed".into(), seed.to_string()], seed, 1);
    json_of(
        &setup.rules,
        &setup.controllers,
        seed,
        result.outcome,
        result.turns,
        &result.scores,
        result.tally,
        made_with,
        result.history.as_deref().unwrap_or_default(),
    )
}

/// A game of AI seats as a save (and so a replay): its recording is the seed and one empty set
/// of commands per turn played.
pub(super) fn save_game(
    setup: &Setup,
    result: &GameResult,
    seed: u64,
) -> Result<SaveFile, InputError> {
    let mut recording = Recording::new(
        setup.rules.scenario.clone(),
        seed,
        setup.turns,
        setup.controllers.clone(),
    );
    recording.set = setup.set.clone();
    recording.turns = (1..=result.turns)
        .map(|turn| TurnCommands {
            turn,
            ..TurnCommands::default()
        })
        .collect();
    let pending = TurnCommands {
        turn: result.turns + 1,
        ..TurnCommands::default()
    };
    let rebuilt = rebuild(&recording, recording.turns.len(), Some(&pending))
        .map_err(|e| InputError::new("--save", e.to_string()))?;
    Ok(SaveFile::new(recording, pending, rebuilt.state))
}

/// What the columns of the turn lines are, in this scenario's nation ids.
fn legend(setup: &Setup, seed: u64) -> String {
    let sc = &setup.rules.scenario;
    let ids = setup.rules.nation_ids();
    let pairs: Vec<String> = (0..ids.len())
        .flat_map(|i| (0..ids.len()).filter(move |&j| j != i).map(move |j| (i, j)))
        .map(|(i, j)| format!("{}>{}", ids[i], ids[j]))
        .collect();
    let mut who: Vec<String> = setup
        .describe_controllers()
        .iter()
        .map(|(n, c)| format!("{n} {c}"))
        .collect();
    who.extend(
        setup
            .describe_openings()
            .iter()
            .map(|o| format!("opening {o}")),
    );
    format!(
        "{} ({}), seed {seed}: {}\ntrust and transparency {}; arms {}; (misread) = some observer read the move otherwise than meant (more hostile, or, trusting, more harmless); (unseen) = a secret move nobody caught",
        sc.title,
        sc.year,
        who.join(", "),
        pairs.join("/"),
        ids.join("/")
    )
}

/// One line a turn: regime, risk, trust, transparency, arms and the moves (with misreadings).
fn turn_line(r: &TurnRecord, turns: u32) -> String {
    let width = turns.to_string().len();
    let mut line = format!(
        "turn {:>width$}  {:<11} risk {:>5.2}%  clock {:>4.1} min",
        r.turn,
        r.regime.name(),
        r.risk * 100.0,
        r.minutes_to_midnight
    );
    let trust: Vec<String> = r
        .relations
        .iter()
        .map(|x| format!("{:.0}", x.trust))
        .collect();
    let transparency: Vec<String> = r
        .relations
        .iter()
        .map(|x| format!("{:.0}", x.transparency))
        .collect();
    let arms: Vec<String> = r.nations.iter().map(|n| format!("{:.0}", n.arms)).collect();
    let _ = write!(
        line,
        "  trust {}  transp {}  arms {}  |",
        trust.join("/"),
        transparency.join("/"),
        arms.join("/")
    );
    for m in &r.moves {
        let misread = r.perceived.iter().any(|p| p.actor == m.nation && p.misread);
        let unseen = r
            .perceived
            .iter()
            .any(|p| p.actor == m.nation && p.seen_as.is_none());
        let mark = if misread {
            " (misread)"
        } else if unseen {
            " (unseen)"
        } else {
            ""
        };
        let _ = write!(line, " {}: {}{}", m.nation, m.move_id, mark);
    }
    if let Some(c) = &r.crisis {
        let _ = write!(line, "  [crisis: {}]", c.rung);
    }
    line
}

/// Per-turn numbers in long form: `turn,subject,metric,value` (a subject is `world`, a nation's
/// id, or a pair `from>to`).
pub fn long_csv(history: &[TurnRecord]) -> String {
    let mut rows = Vec::new();
    let mut push = |t: u32, subject: &str, metric: &str, value: String| {
        rows.push(vec![
            t.to_string(),
            subject.to_string(),
            metric.to_string(),
            value,
        ]);
    };
    for r in history {
        let t = r.turn;
        push(t, "world", "regime", r.regime.name().to_string());
        let world = [
            ("risk", r.risk),
            ("minutes_to_midnight", r.minutes_to_midnight),
            ("terrorism", r.threats.terrorism),
            ("proliferation", r.threats.proliferation),
            ("disaster", r.threats.disaster),
            (
                "crisis_level",
                r.crisis.as_ref().map_or(0.0, |c| f64::from(c.level)),
            ),
        ];
        for (metric, v) in world {
            push(t, "world", metric, v.to_string());
        }
        for n in &r.nations {
            let mut metrics = vec![
                ("arms", n.arms),
                ("alert", f64::from(n.alert)),
                ("missile_defense", n.missile_defense),
                ("budget", n.budget),
                ("approval", n.approval),
                ("score", n.score),
            ];
            if let Some(w) = n.warheads {
                metrics.push(("warheads", f64::from(w)));
            }
            for (metric, v) in metrics {
                push(t, &n.id, metric, v.to_string());
            }
        }
        for x in &r.relations {
            let pair = format!("{}>{}", x.from, x.to);
            for (metric, v) in [
                ("trust", x.trust),
                ("transparency", x.transparency),
                ("belief", x.belief),
            ] {
                push(t, &pair, metric, v.to_string());
            }
        }
    }
    tables::to_csv(&["turn", "subject", "metric", "value"], rows)
}

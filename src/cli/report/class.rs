//! The class debrief: `detente report FOLDER` on a class folder that `detente host` wrote. The
//! matches side by side (each group's outcome, its turning points, its misreadings, its trust
//! and arms over the turns, declassified), and where the class stands against 1,000 games of
//! the same scenario played by its own AI.

use super::escape;
use crate::cli::charts::{self, CATASTROPHE, MAD, MAS, SERIES, UNSETTLED};
use crate::cli::output::progress_bar;
use crate::cli::totals::wilson;
use crate::host::folder::{CLASS_FILE, match_file};
use crate::sim::InputError;
use crate::sim::Regime;
use crate::sim::archive::history::TurnRecord;
use crate::sim::archive::narrate;
use crate::sim::archive::save;
use crate::sim::archive::story::{mean_trust, turning_points};
use crate::sim::play::run::{Plan, run_games};
use std::fmt::Write as _;
use std::path::Path;

/// The AI games the class is set against.
pub const BASELINE_GAMES: usize = 1000;

/// One match of the class, as its save holds it.
struct Played {
    outcome: Option<Regime>,
    turns: u32,
    /// The position before the first turn, and each turn played.
    opening: TurnRecord,
    history: Vec<TurnRecord>,
    seed: u64,
}

pub(super) fn class(dir: &Path) -> Result<(String, String), InputError> {
    let shown = dir.join(CLASS_FILE).display().to_string();
    let file: serde_json::Value =
        super::json(&dir.join(CLASS_FILE), "a class file of `detente host`")?;
    let matches = file["matches"]
        .as_u64()
        .filter(|&m| (1..=50).contains(&m))
        .ok_or_else(|| InputError::new(&shown, "expected \"matches\": 1 to 50"))?
        as usize;
    let mut played = Vec::with_capacity(matches);
    let mut rules = None;
    for table in 0..matches {
        let (save, rebuilt) = save::load(&match_file(dir, table))?;
        played.push(Played {
            outcome: rebuilt.state.globals.outcome,
            turns: rebuilt.state.globals.turn,
            opening: rebuilt.opening.clone(),
            history: rebuilt.state.history.clone(),
            seed: save.recording.seed,
        });
        rules.get_or_insert(rebuilt.rules);
    }
    let rules = rules.ok_or_else(|| InputError::new(&shown, "no matches"))?;
    let sc = &rules.scenario;
    let mut body = String::new();
    let over = played.iter().filter(|p| p.outcome.is_some()).count();
    let _ = write!(
        body,
        "<p class=lead>{} · {} · {over} of them over</p>",
        escape(&sc.title),
        crate::cli::output::count(matches as u64, "match", "matches"),
    );
    // The matches side by side.
    body.push_str("<h2>The matches</h2><table><tr><th>Match</th><th>Seed</th><th>Outcome</th><th>Turns</th><th>Misreadings</th><th>Treaties signed</th><th>Mean trust at the end</th><th>Mean arms at the end</th></tr>");
    for (k, p) in played.iter().enumerate() {
        let misread: usize = p
            .history
            .iter()
            .map(|r| r.perceived.iter().filter(|x| x.misread).count())
            .sum();
        let signed = p
            .history
            .iter()
            .flat_map(|r| &r.events)
            .filter(|e| matches!(e, crate::sim::play::log::SimEvent::TreatySigned { .. }))
            .count();
        let last = p.history.last();
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{misread}</td><td>{signed}</td><td>{}</td><td>{}</td></tr>",
            k + 1,
            p.seed,
            p.outcome
                .map_or("in play".to_string(), |o| o.name().to_string()),
            p.turns,
            last.map_or("–".into(), |r| format!("{:.0}", mean_trust(r))),
            last.map_or("–".into(), |r| format!(
                "{:.0}",
                r.nations.iter().map(|n| n.arms).sum::<f64>() / r.nations.len().max(1) as f64
            )),
        );
    }
    body.push_str("</table>");
    // Trust and arms of every match on one chart each.
    let line = |f: &dyn Fn(&TurnRecord) -> f64| {
        played
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let points = std::iter::once(&p.opening)
                    .chain(&p.history)
                    .map(|r| (f64::from(r.turn), f(r)))
                    .collect();
                (format!("Match {}", k + 1), SERIES[k % SERIES.len()], points)
            })
            .collect::<Vec<(String, _, Vec<(f64, f64)>)>>()
    };
    let trust = line(&mean_trust);
    let arms = line(&|r| r.nations.iter().map(|n| n.arms).sum::<f64>() / r.nations.len() as f64);
    for (heading, y, series) in [
        ("Mean trust, match by match", "trust (0–100)", &trust),
        ("Mean arms, match by match", "arms index (0–100)", &arms),
    ] {
        let borrowed: Vec<(&str, _, Vec<(f64, f64)>)> = series
            .iter()
            .map(|(n, c, p)| (n.as_str(), *c, p.clone()))
            .collect();
        if let Ok(svg) = charts::lines(heading, "turn", y, &borrowed, None) {
            let _ = write!(body, "<figure>{svg}</figure>");
        }
    }
    // Each match's story.
    body.push_str("<h2>What happened in each match</h2>");
    for (k, p) in played.iter().enumerate() {
        let _ = write!(body, "<h3>Match {}</h3>", k + 1);
        if let Some(o) = p.outcome {
            let _ = write!(body, "<p>{}</p>", escape(&narrate::outcome(o, &p.history)));
        } else {
            let _ = write!(body, "<p>Still in play after {} turns.</p>", p.turns);
        }
        let points = turning_points(sc, &p.history, mean_trust(&p.opening));
        if points.is_empty() {
            body.push_str("<p class=muted>No turning points.</p>");
        } else {
            body.push_str("<ol>");
            for tp in points.iter().take(10) {
                let _ = write!(
                    body,
                    "<li>Turn {}: {}</li>",
                    tp.turn,
                    escape(&narrate::point(sc, &tp.point))
                );
            }
            body.push_str("</ol>");
        }
    }
    // The class against the scenario's own AI.
    let plan = Plan {
        controllers: rules.default_controllers(),
        turns: sc.turns,
        record: false,
        trajectories: 0,
        openings: Vec::new(),
    };
    let seeds: Vec<u64> = (1..=BASELINE_GAMES as u64).collect();
    let bar = progress_bar(BASELINE_GAMES as u64, "AI games", false);
    let workers = crate::cli::options::workers(None)?;
    let games = run_games(&workers, &rules, &plan, &seeds, |_| bar.inc(1));
    bar.finish_and_clear();
    let finished: Vec<Regime> = played.iter().filter_map(|p| p.outcome).collect();
    let _ = write!(
        body,
        "<h2>The class against {BASELINE_GAMES} AI games</h2><p>The same scenario, every nation played by its own AI (seeds 1 to {BASELINE_GAMES}), beside the class's finished matches. An outcome the class reached more often than the AI's interval says its play made the difference.</p><table><tr><th>Outcome</th><th>The class</th><th>The AI (95% interval)</th></tr>"
    );
    let mut entries = Vec::new();
    let mut colours = Vec::new();
    for (regime, colour) in [
        (Regime::Mas, MAS),
        (Regime::Mad, MAD),
        (Regime::Catastrophe, CATASTROPHE),
        (Regime::Unsettled, UNSETTLED),
    ] {
        let ai = games.iter().filter(|g| g.outcome == regime).count();
        let [lo, hi] = wilson(ai, games.len());
        let class_k = finished.iter().filter(|&&o| o == regime).count();
        let share = |k: usize, n: usize| {
            if n == 0 {
                0.0
            } else {
                k as f64 / n as f64 * 100.0
            }
        };
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{class_k} of {} ({:.0}%)</td><td>{:.1}% ({:.1}–{:.1}%)</td></tr>",
            regime.name(),
            finished.len(),
            share(class_k, finished.len()),
            share(ai, games.len()),
            lo * 100.0,
            hi * 100.0
        );
        entries.push((format!("{} — AI", regime.name()), share(ai, games.len())));
        entries.push((
            format!("{} — class", regime.name()),
            share(class_k, finished.len()),
        ));
        colours.extend([colour, colour]);
    }
    body.push_str("</table>");
    if let Ok(svg) = charts::bars_coloured(
        "The class and the AI, outcome by outcome",
        "%",
        &entries,
        &colours,
    ) {
        let _ = write!(body, "<figure>{svg}</figure>");
    }
    Ok((format!("Class debrief: {}", sc.title), body))
}

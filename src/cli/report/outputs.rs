//! The reports of many games: a batch (outcome shares and trajectory bands), a tournament
//! (ranking and head-to-head) and a sweep (the curve or the phase map).

use super::{escape, json, made_with_html, strategies_html};
use crate::cli::charts::{self, CATASTROPHE, MAD, MAS, SERIES, UNSETTLED};
use crate::cli::output::count;
use crate::cli::provenance::MadeWith;
use crate::cli::setup::length_words;
use crate::cli::sweep::SWEEP_COLUMNS;
use crate::cli::tables::Table;
use crate::cli::tournament::{About, MATCHES_HEADER, MeanGrid, SCORE_PER_TURN};
use crate::sim::InputError;
use crate::sim::archive::bands::BAND_METRICS;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Deserialize)]
struct BatchFile {
    scenario: String,
    games: usize,
    seed: u64,
    turns: u32,
    strategies: BTreeMap<String, String>,
    shares: BTreeMap<String, f64>,
    shares_ci95: BTreeMap<String, [f64; 2]>,
    mean_final: BTreeMap<String, f64>,
    /// Absent from batches written before Détente recorded it.
    made_with: Option<MadeWith>,
}

pub(super) fn batch(dir: &Path) -> Result<(String, String), InputError> {
    let b: BatchFile = json(
        &dir.join("summary.json"),
        "the summary.json written by `detente batch`",
    )?;
    let mut body = String::new();
    let _ = write!(
        body,
        "<p class=lead>{} games of {}, seeds {}–{} · {}</p>",
        b.games,
        escape(&length_words(
            b.turns,
            b.made_with.as_ref().map_or(1.0, |m| m.continuation)
        )),
        b.seed,
        b.seed.saturating_add((b.games as u64).saturating_sub(1)),
        strategies_html(&b.strategies)
    );
    if let Some(m) = &b.made_with {
        body.push_str(&made_with_html(m));
    }
    let order = [
        ("MAS", MAS),
        ("MAD", MAD),
        ("Catastrophe", CATASTROPHE),
        ("Unsettled", UNSETTLED),
    ];
    let entries: Vec<(String, f64)> = order
        .iter()
        .map(|(k, _)| {
            (
                k.to_string(),
                b.shares.get(*k).copied().unwrap_or(0.0) * 100.0,
            )
        })
        .collect();
    body.push_str(
        &charts::bars_coloured(
            "Outcomes, % of games",
            "share of games, %",
            &entries,
            &order.map(|(_, c)| c),
        )
        .map_err(|e| InputError::new("report", e))?,
    );
    body.push_str("<table><tr><th>outcome</th><th>share</th><th>95% interval</th></tr>");
    for (k, _) in order {
        let share = b.shares.get(k).copied().unwrap_or(0.0);
        let ci = b.shares_ci95.get(k).copied().unwrap_or([0.0, 0.0]);
        let _ = write!(
            body,
            "<tr><td>{k}</td><td>{:.1}%</td><td>{:.1}% – {:.1}%</td></tr>",
            share * 100.0,
            ci[0] * 100.0,
            ci[1] * 100.0
        );
    }
    body.push_str("</table>");
    let bands_path = dir.join("trajectories.csv");
    if bands_path.is_file() {
        let columns = ["turn", "metric", "games", "p10", "p25", "p50", "p75", "p90"];
        let bands = Table::read(
            &bands_path,
            &columns,
            "the trajectories.csv written by `detente batch`",
        )?;
        // The bands are drawn from the first games of the batch (trajectories.csv says how
        // many: the games still running at turn 1).
        let drawn_from = (0..bands.rows.len())
            .map(|i| bands.number(i, "games"))
            .next()
            .transpose()?
            .unwrap_or(0.0);
        let _ = write!(
            body,
            "<h2>Trajectories</h2><p class=note>The median game (line), the middle half and the \
             middle 80% of games (bands), turn by turn, over the first {drawn_from:.0} games of \
             the batch that are still running at that turn.</p><div class=grid>",
        );
        let units = ["mean trust", "mean transparency", "mean arms", "% a turn"];
        for (k, (metric, unit)) in BAND_METRICS.into_iter().zip(units).enumerate() {
            let mut points = Vec::new();
            for i in (0..bands.rows.len()).filter(|&i| bands.text(i, "metric") == metric) {
                let num = |c: &str| bands.number(i, c);
                points.push((
                    num("turn")?,
                    [
                        num("p10")?,
                        num("p25")?,
                        num("p50")?,
                        num("p75")?,
                        num("p90")?,
                    ],
                ));
            }
            let top = if metric == "risk" {
                points.iter().map(|p| p.1[4]).fold(1.0, f64::max).ceil()
            } else {
                100.0
            };
            body.push_str(
                &charts::bands(metric, unit, &points, (0.0, top), SERIES[k])
                    .map_err(|e| InputError::new("report", e))?,
            );
        }
        body.push_str("</div>");
    }
    body.push_str("<h2>Mean final state</h2><table>");
    for (k, v) in &b.mean_final {
        // The risk is a chance a turn: shown in percent, as everywhere else.
        let shown = if k == "risk" {
            format!("{:.3}% a turn", v * 100.0)
        } else {
            format!("{v:.2}")
        };
        let _ = write!(body, "<tr><td>{}</td><td>{shown}</td></tr>", escape(k));
    }
    body.push_str("</table>");
    Ok((format!("Batch of {}: outcomes", b.scenario), body))
}

pub(super) fn tournament(dir: &Path) -> Result<(String, String), InputError> {
    let ranking = Table::read(
        &dir.join("ranking.csv"),
        &[
            "rank",
            "strategy",
            "mean_score_per_turn",
            "wins",
            "cooperation_rate",
        ],
        "the ranking.csv written by `detente tournament`",
    )?;
    // Far more strategies than there are, and few enough for the n × n heat map.
    const MOST: usize = 1000;
    if ranking.rows.len() > MOST {
        return Err(InputError::new(
            ranking.origin.clone(),
            format!("{} strategies; expected at most {MOST}", ranking.rows.len()),
        ));
    }
    let mut entries = Vec::new();
    let mut table = String::from(
        "<table><tr><th>rank</th><th>strategy</th><th>score per turn</th><th>wins</th><th>cooperation</th></tr>",
    );
    for i in 0..ranking.rows.len() {
        let score = ranking.number(i, "mean_score_per_turn")?;
        let coop = ranking.number(i, "cooperation_rate")?;
        let name = ranking.text(i, "strategy").to_string();
        let _ = write!(
            table,
            "<tr><td>{}</td><td>{}</td><td>{score:.3}</td><td>{}</td><td>{:.1}%</td></tr>",
            escape(ranking.text(i, "rank")),
            escape(&name),
            escape(ranking.text(i, "wins")),
            coop * 100.0
        );
        entries.push((name, score));
    }
    table.push_str("</table>");
    let matches_path = dir.join("matches.csv");
    let matches = Table::read(
        &matches_path,
        &MATCHES_HEADER,
        "the matches.csv written by `detente tournament`",
    )?;
    let names: Vec<String> = entries.iter().map(|e| e.0.clone()).collect();
    let index = |s: &str| names.iter().position(|x| x == s);
    let mut grid = MeanGrid::new(names.len());
    let mut ended_early = 0;
    for i in 0..matches.rows.len() {
        let (Some(a), Some(b)) = (
            index(matches.text(i, "strategy_a")),
            index(matches.text(i, "strategy_b")),
        ) else {
            return Err(InputError::new(
                format!("{}:{}", matches_path.display(), i + 2),
                "a strategy that is not in ranking.csv",
            ));
        };
        grid.add(a, b, matches.number(i, "score_per_turn_a")?);
        grid.add(b, a, matches.number(i, "score_per_turn_b")?);
        ended_early += usize::from(matches.text(i, "outcome") == "Catastrophe");
    }
    let values = grid.means();
    let about_path = dir.join("tournament.json");
    let about: Option<About> = if about_path.is_file() {
        Some(json(
            &about_path,
            "the tournament.json written by `detente tournament`",
        )?)
    } else {
        None
    };
    let chart_err = |e: String| InputError::new("report", e);
    let mut body = String::new();
    if let Some(a) = &about {
        let _ = write!(
            body,
            "<p class=lead>{} · {} · {} of {} · execution noise {}</p>",
            escape(&a.title),
            count(names.len() as u64, "strategy", "strategies"),
            count(a.repetitions, "repetition", "repetitions"),
            escape(&length_words(a.turns, a.made_with.continuation)),
            a.noise
        );
        body.push_str(&made_with_html(&a.made_with));
    }
    let _ = write!(
        body,
        "<p class=note>Score per turn: {}. {ended_early} of {} matches ended early in a nuclear exchange.</p>",
        escape(SCORE_PER_TURN),
        matches.rows.len()
    );
    body.push_str(
        &charts::bars("Ranking", "mean score per turn played", &entries).map_err(chart_err)?,
    );
    body.push_str(&table);
    body.push_str("<h2>Head to head</h2>");
    body.push_str(
        &charts::heat_map(
            "Pairwise payoffs",
            "mean score per turn played of the row's strategy against the column's",
            &names,
            &values,
        )
        .map_err(chart_err)?,
    );
    Ok(("Tournament".to_string(), body))
}

pub(super) fn sweep(dir: &Path) -> Result<(String, String), InputError> {
    let path = dir.join("sweep.csv");
    let table = Table::read(
        &path,
        &SWEEP_COLUMNS,
        "the sweep.csv written by `detente sweep` (KEY,...,games,mas,mad,...)",
    )?;
    let games_at = table.column("games").unwrap_or(0);
    let keys = table.header[..games_at].to_vec();
    let mut points = Vec::new();
    for i in 0..table.rows.len() {
        let get = |name: &str| table.number(i, name);
        let values: Vec<f64> = keys.iter().map(|k| get(k)).collect::<Result<_, _>>()?;
        points.push(crate::cli::sweep::Point {
            values,
            games: get("games")? as usize,
            shares: [
                get("mas")?,
                get("mad")?,
                get("catastrophe")?,
                get("unsettled")?,
            ],
            mas_ci95: [get("mas_ci95_low")?, get("mas_ci95_high")?],
            trust: get("mean_trust")?,
            transparency: get("mean_transparency")?,
            arms: get("mean_arms")?,
        });
    }
    let vary = |k: usize| {
        let mut values: Vec<f64> = points.iter().map(|p| p.values[k]).collect();
        values.sort_by(f64::total_cmp);
        values.dedup();
        crate::cli::sweep::Vary {
            key: keys[k].clone(),
            values,
        }
    };
    let chart_err = |e: String| InputError::new("report", e);
    let mut body = String::new();
    let about_path = dir.join("sweep.json");
    if about_path.is_file() {
        #[derive(Deserialize)]
        struct About {
            made_with: MadeWith,
        }
        let about: About = json(&about_path, "the sweep.json written by `detente sweep`")?;
        body.push_str(&made_with_html(&about.made_with));
    }
    let svg = match keys.len() {
        1 => crate::cli::sweep::curve("Sweep", &vary(0), &points),
        2 => crate::cli::sweep::phase("Phase map", &vary(0), &vary(1), &points),
        _ => {
            return Err(InputError::new(
                format!("{}:1:1", path.display()),
                "expected one or two varied parameters",
            ));
        }
    }
    .map_err(chart_err)?;
    body.push_str(&svg);
    body.push_str("<table><tr>");
    for h in &table.header {
        let _ = write!(body, "<th>{}</th>", escape(h));
    }
    body.push_str("</tr>");
    for r in &table.rows {
        body.push_str("<tr>");
        for f in r {
            let _ = write!(body, "<td>{}</td>", escape(f));
        }
        body.push_str("</tr>");
    }
    body.push_str("</table>");
    Ok((format!("Sweep of {}", keys.join(" × ")), body))
}

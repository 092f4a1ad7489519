//! The reports of many games: a batch (outcome shares and trajectory bands), a tournament
//! (ranking and head-to-head) and a sweep (the curve or the phase map).

use super::{csv, escape, json_error, number, read};
use crate::cli::charts::{self, CATASTROPHE, MAD, MAS, SERIES, UNSETTLED};
use crate::sim::InputError;
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
}

pub(super) fn batch(dir: &Path) -> Result<(String, String), InputError> {
    let path = dir.join("summary.json");
    let text = read(&path)?;
    let b: BatchFile = serde_json::from_str(&text)
        .map_err(|e| json_error(&path, &e, "the summary.json written by `detente batch`"))?;
    let mut body = String::new();
    let _ = write!(
        body,
        "<p class=lead>{} games of {} turns, seeds {}–{} · {}</p>",
        b.games,
        b.turns,
        b.seed,
        b.seed + b.games as u64 - 1,
        b.strategies
            .iter()
            .map(|(n, s)| format!("{n}: {s}"))
            .collect::<Vec<_>>()
            .join(" · ")
    );
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
        let rows = csv(&bands_path, "turn,metric,games,p10,p25,p50,p75,p90")?;
        body.push_str(
            "<h2>Trajectories</h2><p class=note>The median game (line), the middle half and the \
             middle 80% of games (bands), turn by turn, over the games still running.</p><div class=grid>",
        );
        for (k, (metric, unit)) in [
            ("trust", "mean trust"),
            ("transparency", "mean transparency"),
            ("arms", "mean arms"),
            ("risk", "% a turn"),
        ]
        .into_iter()
        .enumerate()
        {
            let mut points = Vec::new();
            for (i, r) in rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.get(1).is_some_and(|m| m == metric))
            {
                let num = |at: usize| number(&bands_path, i, r.get(at).map_or("", |s| s));
                points.push((num(0)?, [num(3)?, num(4)?, num(5)?, num(6)?, num(7)?]));
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
        let _ = write!(body, "<tr><td>{}</td><td>{v:.2}</td></tr>", escape(k));
    }
    body.push_str("</table>");
    Ok((format!("Batch of {}: outcomes", b.scenario), body))
}

pub(super) fn tournament(dir: &Path) -> Result<(String, String), InputError> {
    let ranking_path = dir.join("ranking.csv");
    let rows = csv(
        &ranking_path,
        "rank,strategy,mean_score_per_turn,wins,cooperation_rate",
    )?;
    let mut entries = Vec::new();
    let mut table = String::from(
        "<table><tr><th>rank</th><th>strategy</th><th>score per turn</th><th>wins</th><th>cooperation</th></tr>",
    );
    for (i, r) in rows.iter().enumerate() {
        if r.len() < 5 {
            return Err(InputError::new(
                format!("{}:{}", ranking_path.display(), i + 2),
                "expected 6 fields",
            ));
        }
        let score = number(&ranking_path, i, &r[2])?;
        let coop = number(&ranking_path, i, &r[4])?;
        entries.push((r[1].clone(), score));
        let _ = write!(
            table,
            "<tr><td>{}</td><td>{}</td><td>{score:.3}</td><td>{}</td><td>{:.1}%</td></tr>",
            escape(&r[0]),
            escape(&r[1]),
            escape(&r[3]),
            coop * 100.0
        );
    }
    table.push_str("</table>");
    let matches_path = dir.join("matches.csv");
    let matches = csv(
        &matches_path,
        "strategy_a,strategy_b,repetition,score_a,score_b",
    )?;
    let names: Vec<String> = entries.iter().map(|e| e.0.clone()).collect();
    let n = names.len();
    let (mut sum, mut count) = (vec![vec![0.0; n]; n], vec![vec![0usize; n]; n]);
    let index = |s: &str| names.iter().position(|x| x == s);
    for (i, m) in matches.iter().enumerate() {
        let (Some(a), Some(b)) = (index(&m[0]), m.get(1).and_then(|s| index(s))) else {
            return Err(InputError::new(
                format!("{}:{}", matches_path.display(), i + 2),
                "a strategy that is not in ranking.csv",
            ));
        };
        let (sa, sb) = (
            number(&matches_path, i, m.get(3).map_or("", |s| s))?,
            number(&matches_path, i, m.get(4).map_or("", |s| s))?,
        );
        sum[a][b] += sa;
        count[a][b] += 1;
        sum[b][a] += sb;
        count[b][a] += 1;
    }
    // The match length is in tournament.json; without it the table shows scores per match.
    #[derive(Deserialize)]
    struct About {
        title: String,
        turns: u32,
        repetitions: u32,
        noise: f64,
    }
    let about_path = dir.join("tournament.json");
    let about: Option<About> = if about_path.is_file() {
        let text = read(&about_path)?;
        Some(serde_json::from_str(&text).map_err(|e| {
            json_error(
                &about_path,
                &e,
                "the tournament.json written by `detente tournament`",
            )
        })?)
    } else {
        None
    };
    let per = about.as_ref().map_or(1.0, |a| f64::from(a.turns.max(1)));
    let values: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| sum[i][j] / count[i][j].max(1) as f64 / per)
                .collect()
        })
        .collect();
    let unit = if about.is_some() {
        "mean score per turn of the row's strategy against the column's"
    } else {
        "mean score per match of the row's strategy against the column's"
    };
    let chart_err = |e: String| InputError::new("report", e);
    let mut body = String::new();
    if let Some(a) = &about {
        let _ = write!(
            body,
            "<p class=lead>{} · {} strategies · {} repetitions of {} turns · execution noise {}</p>",
            escape(&a.title),
            n,
            a.repetitions,
            a.turns,
            a.noise
        );
    }
    body.push_str(&charts::bars("Ranking", "mean score per turn", &entries).map_err(chart_err)?);
    body.push_str(&table);
    body.push_str("<h2>Head to head</h2>");
    body.push_str(&charts::heat_map("Pairwise payoffs", unit, &names, &values).map_err(chart_err)?);
    Ok(("Tournament".to_string(), body))
}

pub(super) fn sweep(dir: &Path) -> Result<(String, String), InputError> {
    let path = dir.join("sweep.csv");
    let text = read(&path)?;
    let header: Vec<String> = text
        .lines()
        .next()
        .unwrap_or_default()
        .split(',')
        .map(str::to_string)
        .collect();
    let Some(games_at) = header.iter().position(|h| h == "games") else {
        return Err(InputError::new(
            format!("{}:1:1", path.display()),
            "expected the header of `detente sweep` (KEY,...,games,mas,mad,...)",
        ));
    };
    let keys = &header[..games_at];
    let rows = csv(&path, &header.join(","))?;
    let mut points = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let get = |name: &str| -> Result<f64, InputError> {
            let at = header.iter().position(|h| h == name).unwrap_or(usize::MAX);
            number(&path, i, r.get(at).map_or("", |s| s))
        };
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
    for h in &header {
        let _ = write!(body, "<th>{}</th>", escape(h));
    }
    body.push_str("</tr>");
    for r in &rows {
        body.push_str("<tr>");
        for f in r {
            let _ = write!(body, "<td>{}</td>", escape(f));
        }
        body.push_str("</tr>");
    }
    body.push_str("</table>");
    Ok((format!("Sweep of {}", keys.join(" × ")), body))
}

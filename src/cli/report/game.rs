//! The report of one game: its charts with the misreadings, treaties and crises marked, the
//! outcome explained, the turning points and the scores.

use super::{escape, json, made_with_html, strategies_html};
use crate::cli::charts::{self, CATASTROPHE, MAD, MAS, SERIES};
use crate::cli::provenance::MadeWith;
use crate::sim::InputError;
use crate::sim::Regime;
use crate::sim::archive::history::TurnRecord;
use crate::sim::archive::narrate;
use crate::sim::archive::story::{PointKind, event_kind, turning_points};
use crate::sim::scenario::catalog;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// A named, coloured series of points.
type Named = (String, plotters::style::RGBColor, Vec<(f64, f64)>);

#[derive(Deserialize)]
struct GameFile {
    scenario: String,
    title: String,
    seed: u64,
    outcome: String,
    turns: u32,
    strategies: BTreeMap<String, String>,
    scores: BTreeMap<String, f64>,
    /// Absent from games written before Détente recorded it.
    made_with: Option<MadeWith>,
    history: Vec<TurnRecord>,
}

pub(super) fn game(path: &Path) -> Result<(String, String), InputError> {
    let g: GameFile = json(path, "the JSON written by `detente simulate --json`")?;
    if g.history.is_empty() {
        return Err(InputError::new(
            path.display().to_string(),
            "the game has no turns to report",
        ));
    }
    // The charts read every turn by the first turn's nations and pairs.
    let first = &g.history[0];
    if let Some(r) = g.history.iter().find(|r| {
        r.nations.len() != first.nations.len()
            || r.relations.len() != first.relations.len()
            || r.nations
                .iter()
                .zip(&first.nations)
                .any(|(a, b)| a.id != b.id)
            || r.relations
                .iter()
                .zip(&first.relations)
                .any(|(a, b)| (&a.from, &a.to) != (&b.from, &b.to))
    }) {
        return Err(InputError::new(
            path.display().to_string(),
            format!(
                "turn {} has other nations or pairs than turn {}; expected the JSON written by `detente simulate --json`",
                r.turn, first.turn
            ),
        ));
    }
    let outcome = Regime::ALL
        .into_iter()
        .find(|r| r.name() == g.outcome)
        .unwrap_or(Regime::Unsettled);
    let mut body = String::new();
    let _ = write!(
        body,
        "<p class=lead>Seed {} · {} turns · {}</p><p>{}</p>",
        g.seed,
        g.turns,
        strategies_html(&g.strategies),
        escape(&narrate::outcome(outcome, &g.history))
    );
    if let Some(m) = &g.made_with {
        body.push_str(&made_with_html(m));
    }
    // Marks: misreadings in amber, treaties in green, crises and breaches in red.
    let mut marks = Vec::new();
    for r in &g.history {
        let x = f64::from(r.turn);
        if r.perceived.iter().any(|p| p.misread) {
            marks.push((x, MAD));
        }
        for e in &r.events {
            match event_kind(e) {
                Some(PointKind::TreatySigned) => marks.push((x, MAS)),
                Some(PointKind::Crisis | PointKind::TreatyBroken) => marks.push((x, CATASTROPHE)),
                _ => {}
            }
        }
    }
    let turns: Vec<f64> = g.history.iter().map(|r| f64::from(r.turn)).collect();
    let pairs = &g.history[0].relations;
    let pair_series = |pick: fn(&crate::sim::archive::history::RelationRecord) -> f64| {
        pairs
            .iter()
            .enumerate()
            .map(|(k, rel)| {
                (
                    format!("{} → {}", rel.from, rel.to),
                    SERIES[k % SERIES.len()],
                    g.history
                        .iter()
                        .zip(&turns)
                        .map(|(r, &t)| (t, pick(&r.relations[k])))
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    let nation_series: Vec<Named> = g.history[0]
        .nations
        .iter()
        .enumerate()
        .map(|(i, n)| {
            (
                n.id.clone(),
                SERIES[i % SERIES.len()],
                g.history
                    .iter()
                    .zip(&turns)
                    .map(|(r, &t)| (t, r.nations[i].arms))
                    .collect(),
            )
        })
        .collect();
    let risk: Vec<(f64, f64)> = g
        .history
        .iter()
        .zip(&turns)
        .map(|(r, &t)| (t, r.risk * 100.0))
        .collect();
    let top = risk.iter().map(|p| p.1).fold(2.0, f64::max).ceil();
    fn as_refs(v: &[Named]) -> Vec<(&str, plotters::style::RGBColor, Vec<(f64, f64)>)> {
        v.iter()
            .map(|(a, b, c)| (a.as_str(), *b, c.clone()))
            .collect()
    }
    let chart_err = |e: String| InputError::new("report", e);
    let trust = pair_series(|r| r.trust);
    let transparency = pair_series(|r| r.transparency);
    body.push_str("<div class=grid>");
    for svg in [
        charts::lines_marked(
            "Trust",
            "turn",
            "trust",
            &as_refs(&trust),
            None,
            (0.0, 100.0),
            &marks,
        ),
        charts::lines_marked(
            "Transparency",
            "turn",
            "transparency",
            &as_refs(&transparency),
            None,
            (0.0, 100.0),
            &marks,
        ),
        charts::lines_marked(
            "Arms",
            "turn",
            "arms",
            &as_refs(&nation_series),
            None,
            (0.0, 100.0),
            &marks,
        ),
        charts::lines_marked(
            "Risk of an exchange",
            "turn",
            "% a turn",
            &[("risk", CATASTROPHE, risk)],
            None,
            (0.0, top),
            &marks,
        ),
    ] {
        body.push_str(&svg.map_err(chart_err)?);
    }
    body.push_str("</div><p class=note>Dashed marks: amber, a move misread; green, a treaty signed; red, a crisis or a broken treaty.</p>");
    body.push_str("<h2>Turning points</h2>");
    match catalog::open(&g.scenario) {
        Ok(loaded) => {
            let start = crate::sim::archive::story::mean_trust(&g.history[0]);
            body.push_str("<ul>");
            for p in turning_points(&loaded.scenario, &g.history, start) {
                let text = narrate::point(&loaded.scenario, &p.point);
                let _ = write!(body, "<li><b>Turn {}</b>: {}</li>", p.turn, escape(&text));
            }
            body.push_str("</ul>");
        }
        Err(_) => {
            let _ = write!(
                body,
                "<p class=note>The scenario `{}` was not found, so the turning points are not told.</p>",
                escape(&g.scenario)
            );
        }
    }
    body.push_str("<h2>Scores</h2><ul>");
    for (n, s) in &g.scores {
        let _ = write!(body, "<li>{}: {s}</li>", escape(n));
    }
    body.push_str("</ul>");
    Ok((format!("{}: {}", g.title, outcome_title(outcome)), body))
}

fn outcome_title(r: Regime) -> &'static str {
    match r {
        Regime::Mas => "mutually assured stability",
        Regime::Mad => "mutually assured destruction",
        Regime::Catastrophe => "catastrophe",
        Regime::Unsettled => "unsettled",
    }
}

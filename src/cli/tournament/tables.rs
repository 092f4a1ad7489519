//! The tournament's tables: `matches.csv` (one row a match) and `ranking.csv`.

use super::{Match, Tournament};
use crate::cli::tables;
use crate::sim::Strategy;

/// The header of `matches.csv`.
pub const MATCHES_HEADER: [&str; 12] = [
    "strategy_a",
    "strategy_b",
    "repetition",
    "seed",
    "turns",
    "outcome",
    "score_a",
    "score_b",
    "score_per_turn_a",
    "score_per_turn_b",
    "cooperation_a",
    "cooperation_b",
];

/// A match's row of `matches.csv`.
pub fn match_row(strategies: &[Strategy], m: &Match) -> Vec<String> {
    vec![
        strategies[m.a].name().to_string(),
        strategies[m.b].name().to_string(),
        (m.repetition + 1).to_string(),
        m.seed.to_string(),
        m.turns.to_string(),
        m.outcome.name().to_string(),
        m.scores[0].to_string(),
        m.scores[1].to_string(),
        format!("{:.6}", m.per_turn(0)),
        format!("{:.6}", m.per_turn(1)),
        format!("{:.6}", m.cooperation[0]),
        format!("{:.6}", m.cooperation[1]),
    ]
}

pub fn ranking_csv(t: &Tournament) -> String {
    let rows = t.ranking.iter().enumerate().map(|(i, s)| {
        vec![
            (i + 1).to_string(),
            s.strategy.name().to_string(),
            format!("{:.6}", s.mean_score),
            s.wins.to_string(),
            format!("{:.6}", s.cooperation),
            s.matches.to_string(),
        ]
    });
    tables::to_csv(
        &[
            "rank",
            "strategy",
            "mean_score_per_turn",
            "wins",
            "cooperation_rate",
            "matches",
        ],
        rows,
    )
}

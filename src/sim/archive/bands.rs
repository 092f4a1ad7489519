//! A match in four numbers a turn, for a batch's trajectory bands: kept without the whole
//! record, and computed exactly as from it.

use crate::sim::archive::history::{TurnRecord, mean_of, round, round_risk};
use crate::sim::play::state::{ExchangeRisk, Nations, Relations};
use bevy::prelude::Component;

/// One turn of a match in the four numbers a batch's trajectory bands show: mean trust, mean
/// transparency, mean arms (each over the pairs or nations, 0..100) and the risk of an
/// exchange in percent, each computed exactly as from the turn's `TurnRecord`
/// (`band_point_of_record`), rounding included, so the bands are the same either way.
pub type BandPoint = [f64; 4];

/// A match's `BandPoint` after each turn; present only on the matches whose bands are kept.
#[derive(Component, Debug, Clone, Default)]
pub struct Trajectory(pub Vec<BandPoint>);

/// The names of a `BandPoint`'s numbers, in order.
pub const BAND_METRICS: [&str; 4] = ["trust", "transparency", "arms", "risk"];

/// The band point of the state at the end of a turn, without building its record.
pub fn band_point(nations: &Nations, relations: &Relations, risk: &ExchangeRisk) -> BandPoint {
    let pairs = || relations.pairs().map(|(i, j)| relations.get(i, j));
    [
        mean_of(pairs().map(|r| round(r.trust))),
        mean_of(pairs().map(|r| round(r.transparency))),
        nations.0.iter().map(|n| round(n.arms)).sum::<f64>() / nations.0.len().max(1) as f64,
        round_risk(risk.chance) * 100.0,
    ]
}

/// The band point of a turn's record.
pub fn band_point_of_record(r: &TurnRecord) -> BandPoint {
    [
        mean_of(r.relations.iter().map(|x| x.trust)),
        mean_of(r.relations.iter().map(|x| x.transparency)),
        r.nations.iter().map(|n| n.arms).sum::<f64>() / r.nations.len().max(1) as f64,
        r.risk * 100.0,
    ]
}

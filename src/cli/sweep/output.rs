//! What a sweep writes: `sweep.csv`, and its chart, the curve of one parameter or the phase map
//! of two.

use super::{Point, Vary};
use crate::cli::charts::{self, CATASTROPHE, MAD, MAS, UNSETTLED};
use crate::cli::tables;

/// The header of `sweep.csv` after the varied keys.
pub const SWEEP_COLUMNS: [&str; 10] = [
    "games",
    "mas",
    "mad",
    "catastrophe",
    "unsettled",
    "mas_ci95_low",
    "mas_ci95_high",
    "mean_trust",
    "mean_transparency",
    "mean_arms",
];

pub fn sweep_csv(varies: &[Vary], points: &[Point]) -> String {
    let mut header: Vec<String> = varies.iter().map(|v| v.key.clone()).collect();
    header.extend(SWEEP_COLUMNS.iter().map(|s| s.to_string()));
    let rows = points.iter().map(|p| {
        let mut row: Vec<String> = p.values.iter().map(|v| v.to_string()).collect();
        row.push(p.games.to_string());
        row.extend(
            p.shares
                .iter()
                .chain(&p.mas_ci95)
                .map(|v| format!("{v:.4}")),
        );
        row.extend(
            [p.trust, p.transparency, p.arms]
                .iter()
                .map(|v| format!("{v:.3}")),
        );
        row
    });
    tables::to_csv(&header, rows)
}

/// Outcome shares against the value, MAS with its 95% band.
pub fn curve(title: &str, x: &Vary, points: &[Point]) -> charts::ChartResult {
    let lines: Vec<(&str, plotters::style::RGBColor, Vec<(f64, f64)>)> =
        ["MAS", "MAD", "Catastrophe", "Unsettled"]
            .iter()
            .zip([MAS, MAD, CATASTROPHE, UNSETTLED])
            .enumerate()
            .map(|(k, (name, colour))| {
                (
                    *name,
                    colour,
                    points
                        .iter()
                        .map(|p| (p.values[0], p.shares[k] * 100.0))
                        .collect(),
                )
            })
            .collect();
    let band: Vec<(f64, f64, f64)> = points
        .iter()
        .map(|p| (p.values[0], p.mas_ci95[0] * 100.0, p.mas_ci95[1] * 100.0))
        .collect();
    charts::lines(
        &format!("{title}: outcomes as {} varies", x.key),
        &x.key,
        "share of games, %",
        &lines,
        Some((&band, MAS)),
    )
}

/// The MAS share over the grid of two parameters.
pub fn phase(title: &str, x: &Vary, y: &Vary, points: &[Point]) -> charts::ChartResult {
    let values: Vec<Vec<f64>> = y
        .values
        .iter()
        .rev()
        .map(|&b| {
            x.values
                .iter()
                .map(|&a| {
                    points
                        .iter()
                        .find(|p| p.values == [a, b])
                        .map_or(0.0, |p| p.shares[0] * 100.0)
                })
                .collect()
        })
        .collect();
    let rows: Vec<String> = y.values.iter().rev().map(|v| format!("{v}")).collect();
    let cols: Vec<String> = x.values.iter().map(|v| format!("{v}")).collect();
    charts::grid(
        &format!("{title}: share of MAS, %"),
        (&x.key, &cols),
        (&y.key, &rows),
        &values,
    )
}

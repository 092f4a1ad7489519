//! A seat's history charts, drawn on the host with the classroom tools' chart code (SVG) from
//! its `SeatView` alone: its trust in each other nation, the arms it believes each has beside
//! its own, and the risk of an exchange.

use crate::cli::charts::{self, SERIES};
use crate::sim::play::view::SeatView;
use crate::sim::scenario::Scenario;
use plotters::style::RGBColor;

/// The charts, each an SVG document; a chart that cannot be drawn is left out.
pub fn history(sc: &Scenario, view: &SeatView) -> Vec<String> {
    let colour = |i: usize| SERIES[i % SERIES.len()];
    let others: Vec<usize> = view.now().others.iter().map(|c| c.nation).collect();
    let over_turns = |f: &dyn Fn(&crate::sim::play::view::SeatTurn) -> Option<f64>| {
        view.history
            .iter()
            .filter_map(|t| f(t).map(|y| (f64::from(t.turn), y)))
            .collect::<Vec<_>>()
    };
    let name = |i: usize| sc.nations[i].name.clone();
    let mut trust: Vec<(String, RGBColor, Vec<(f64, f64)>)> = Vec::new();
    let mut arms: Vec<(String, RGBColor, Vec<(f64, f64)>)> = vec![(
        format!("{} (you)", name(view.nation)),
        colour(view.nation),
        over_turns(&|t| Some(t.own.arms)),
    )];
    for &o in &others {
        let of = move |t: &crate::sim::play::view::SeatTurn| {
            t.others.iter().find(|c| c.nation == o).cloned()
        };
        trust.push((
            format!("Trust in {}", name(o)),
            colour(o),
            over_turns(&|t| of(t).map(|c| c.trust)),
        ));
        trust.push((
            format!("Transparency into {}", name(o)),
            RGBColor(
                colour(o).0 / 2 + 60,
                colour(o).1 / 2 + 60,
                colour(o).2 / 2 + 60,
            ),
            over_turns(&|t| of(t).map(|c| c.transparency)),
        ));
        arms.push((
            format!("{} (as you believe)", name(o)),
            colour(o),
            over_turns(&|t| of(t).map(|c| c.arms())),
        ));
    }
    let risk = vec![(
        "Risk of an exchange (%)".to_string(),
        charts::CATASTROPHE,
        over_turns(&|t| Some(t.risk * 100.0)),
    )];
    let draw = |heading: &str, y: &str, series: &[(String, RGBColor, Vec<(f64, f64)>)]| {
        let borrowed: Vec<(&str, RGBColor, Vec<(f64, f64)>)> = series
            .iter()
            .map(|(n, c, p)| (n.as_str(), *c, p.clone()))
            .collect();
        charts::lines(heading, "turn", y, &borrowed, None).ok()
    };
    [
        draw("Your trust and transparency", "0–100", &trust),
        draw("Arms", "arms index (0–100)", &arms),
        draw("Risk", "percent", &risk),
    ]
    .into_iter()
    .flatten()
    .collect()
}

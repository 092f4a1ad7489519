//! A seat's history charts, drawn on the host with the classroom tools' chart code (SVG) from
//! its `SeatView` alone: its trust in each other nation, how far it sees into each, the arms
//! it believes each has beside its own, and the risk of an exchange. Each nation's line is in
//! its scenario colour, as on the board.

use crate::cli::charts::{self, SERIES};
use crate::sim::play::view::{Counterpart, SeatTurn, SeatView};
use crate::sim::scenario::Scenario;
use plotters::style::RGBColor;

type Series = (String, RGBColor, Vec<(f64, f64)>);

/// The charts, each an SVG document; a chart that cannot be drawn is left out.
pub fn history(sc: &Scenario, view: &SeatView) -> Vec<String> {
    let colour = |i: usize| colour_of(&sc.nations[i].colour).unwrap_or(SERIES[i % SERIES.len()]);
    let name = |i: usize| sc.nations[i].name.clone();
    let over_turns = |f: &dyn Fn(&SeatTurn) -> Option<f64>| -> Vec<(f64, f64)> {
        view.history
            .iter()
            .filter_map(|t| f(t).map(|y| (f64::from(t.turn), y)))
            .collect()
    };
    let others: Vec<usize> = view.now().others.iter().map(|c| c.nation).collect();
    let each = |f: fn(&Counterpart) -> f64, label: &dyn Fn(usize) -> String| -> Vec<Series> {
        others
            .iter()
            .map(|&o| {
                let of = |t: &SeatTurn| t.others.iter().find(|c| c.nation == o).map(f);
                (label(o), colour(o), over_turns(&of))
            })
            .collect()
    };
    let trust = each(|c| c.trust, &|o| name(o));
    let transparency = each(|c| c.transparency, &|o| name(o));
    let mut arms = vec![(
        format!("{} (you)", name(view.nation)),
        colour(view.nation),
        over_turns(&|t| Some(t.own.arms)),
    )];
    arms.extend(each(Counterpart::arms, &|o| {
        format!("{} (as you see it)", name(o))
    }));
    let risk = vec![(
        "Risk of an exchange".to_string(),
        charts::CATASTROPHE,
        over_turns(&|t| Some(t.risk * 100.0)),
    )];
    let draw = |heading: &str, y: &str, series: &[Series]| {
        let borrowed: Vec<(&str, RGBColor, Vec<(f64, f64)>)> = series
            .iter()
            .map(|(n, c, p)| (n.as_str(), *c, p.clone()))
            .collect();
        charts::lines(heading, "turn", y, &borrowed, None).ok()
    };
    [
        draw("Your trust in each nation", "trust (0–100)", &trust),
        draw(
            "How far you see into each nation",
            "transparency (0–100)",
            &transparency,
        ),
        draw("Arms", "arms index (0–100)", &arms),
        draw("Risk of an exchange", "percent", &risk),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A `#rrggbb` colour.
fn colour_of(hex: &str) -> Option<RGBColor> {
    let h = hex.strip_prefix('#')?;
    if h.len() != 6 {
        return None;
    }
    let byte = |k: usize| u8::from_str_radix(h.get(k..k + 2)?, 16).ok();
    Some(RGBColor(byte(0)?, byte(2)?, byte(4)?))
}

//! Charts for the classroom tools, drawn with plotters as SVG in the game's colours (a dark
//! panel, light text, the nations' accents). Text is measured with the embedded Inter, so no
//! system font library is needed; the SVG names "Inter, sans-serif" and the report embeds it.

use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::Once;

mod grid;
mod stacked;
pub use grid::{grid, heat_map};
pub use stacked::{palette, stacked};

/// The game's palette (`look`), as plotters' colours.
const fn of((r, g, b): crate::look::Rgb) -> RGBColor {
    RGBColor(r, g, b)
}
pub const BACKGROUND: RGBColor = of(crate::look::BACKGROUND);
pub const PANEL: RGBColor = of(crate::look::PANEL);
pub const TEXT: RGBColor = of(crate::look::TEXT);
pub const MUTED: RGBColor = of(crate::look::MUTED);
pub const GRID: RGBColor = of(crate::look::BORDER);
pub const GOLD: RGBColor = of(crate::look::TITLE);
/// Outcomes: MAS, MAD, Catastrophe, Unsettled.
pub const MAS: RGBColor = RGBColor(89, 194, 107);
pub const MAD: RGBColor = RGBColor(232, 179, 64);
pub const CATASTROPHE: RGBColor = RGBColor(230, 82, 69);
pub const UNSETTLED: RGBColor = RGBColor(158, 168, 184);
/// Series colours after the outcome ones.
pub const SERIES: [RGBColor; 6] = [
    RGBColor(47, 111, 214),
    RGBColor(200, 54, 47),
    RGBColor(226, 160, 40),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
];

/// Registered under the CSS family list the SVG text names, so a browser without the
/// embedded face falls back to its own sans-serif.
const FONT: &str = "Inter, sans-serif";
static REGISTER: Once = Once::new();

fn register_fonts() {
    REGISTER.call_once(|| {
        let regular = crate::look::FONT_REGULAR;
        let bold = crate::look::FONT_BOLD;
        let _ = plotters::style::register_font(FONT, FontStyle::Normal, regular);
        let _ = plotters::style::register_font(FONT, FontStyle::Bold, bold);
    });
}

fn font(size: u32) -> TextStyle<'static> {
    register_fonts();
    (FONT, size).into_font().color(&TEXT)
}

fn muted(size: u32) -> TextStyle<'static> {
    register_fonts();
    (FONT, size).into_font().color(&MUTED)
}

fn title(size: u32) -> TextStyle<'static> {
    register_fonts();
    (FONT, size).into_font().style(FontStyle::Bold).color(&GOLD)
}

/// Errors from plotters are bugs in the chart code, not in user input; they become messages.
pub type ChartResult = Result<String, String>;

fn fail<E: std::fmt::Display>(e: E) -> String {
    format!("chart: {e}")
}

/// A horizontal bar per entry, the first at the top, with its value printed.
pub fn bars(heading: &str, unit: &str, entries: &[(String, f64)]) -> ChartResult {
    bars_coloured(heading, unit, entries, &SERIES)
}

/// As `bars`, the bars taking `colours` in turn.
pub fn bars_coloured(
    heading: &str,
    unit: &str,
    entries: &[(String, f64)],
    colours: &[RGBColor],
) -> ChartResult {
    let n = entries.len();
    let height = 110 + 32 * n as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (900, height)).into_drawing_area();
        root.fill(&BACKGROUND).map_err(fail)?;
        let max = entries.iter().map(|e| e.1).fold(0.0, f64::max).max(1e-9) * 1.12;
        let mut chart = ChartBuilder::on(&root)
            .caption(heading, title(24))
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(230)
            .build_cartesian_2d(0.0..max, 0.0..n as f64)
            .map_err(fail)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .bold_line_style(GRID)
            .light_line_style(PANEL)
            .axis_style(GRID)
            .x_desc(unit)
            .label_style(font(15))
            .axis_desc_style(muted(14))
            .draw()
            .map_err(fail)?;
        let row = |i: usize| (n - 1 - i) as f64;
        chart
            .draw_series(entries.iter().enumerate().map(|(i, (_, v))| {
                Rectangle::new(
                    [(0.0, row(i) + 0.15), (*v, row(i) + 0.85)],
                    colours[i % colours.len().max(1)].filled(),
                )
            }))
            .map_err(fail)?;
        let left = font(15).pos(Pos::new(HPos::Left, VPos::Center));
        let right = font(15).pos(Pos::new(HPos::Right, VPos::Center));
        for (i, (name, v)) in entries.iter().enumerate() {
            let (x, y) = chart.backend_coord(&(*v, row(i) + 0.5));
            root.draw(&Text::new(format!("{v:.3}"), (x + 6, y), left.clone()))
                .map_err(fail)?;
            let (x0, _) = chart.backend_coord(&(0.0, 0.0));
            root.draw(&Text::new(name.clone(), (x0 - 10, y), right.clone()))
                .map_err(fail)?;
        }
        root.present().map_err(fail)?;
    }
    Ok(svg)
}

/// A line per series over a numeric axis, y from 0 to 100, with an optional shaded band
/// (x, low, high) in a series' colour.
pub fn lines(
    heading: &str,
    x_desc: &str,
    y_desc: &str,
    series: &[(&str, RGBColor, Vec<(f64, f64)>)],
    band: Option<(&[(f64, f64, f64)], RGBColor)>,
) -> ChartResult {
    lines_marked(heading, x_desc, y_desc, series, band, (0.0, 100.0), &[])
}

/// As `lines`, with the y range given and vertical marks (x, colour) for events.
pub fn lines_marked(
    heading: &str,
    x_desc: &str,
    y_desc: &str,
    series: &[(&str, RGBColor, Vec<(f64, f64)>)],
    band: Option<(&[(f64, f64, f64)], RGBColor)>,
    (y_lo, y_hi): (f64, f64),
    marks: &[(f64, RGBColor)],
) -> ChartResult {
    let xs = series.iter().flat_map(|s| s.2.iter().map(|p| p.0));
    let (lo, hi) = xs.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
    let (lo, hi) = if lo < hi {
        (lo, hi)
    } else {
        (lo - 1.0, lo + 1.0)
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (900, 520)).into_drawing_area();
        root.fill(&BACKGROUND).map_err(fail)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(heading, title(22))
            .margin(18)
            .x_label_area_size(46)
            .y_label_area_size(60)
            .build_cartesian_2d(lo..hi, y_lo..y_hi)
            .map_err(fail)?;
        chart
            .configure_mesh()
            .bold_line_style(GRID)
            .light_line_style(PANEL)
            .axis_style(GRID)
            .x_desc(x_desc)
            .y_desc(y_desc)
            .label_style(font(14))
            .axis_desc_style(muted(14))
            .draw()
            .map_err(fail)?;
        for &(x, colour) in marks {
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(x, y_lo), (x, y_hi)],
                    5,
                    4,
                    colour.mix(0.8).stroke_width(1),
                ))
                .map_err(fail)?;
        }
        if let Some((band, colour)) = band {
            let mut outline: Vec<(f64, f64)> = band.iter().map(|b| (b.0, b.2)).collect();
            outline.extend(band.iter().rev().map(|b| (b.0, b.1)));
            chart
                .draw_series(std::iter::once(Polygon::new(
                    outline,
                    colour.mix(0.22).filled(),
                )))
                .map_err(fail)?;
        }
        for (name, colour, points) in series {
            let colour = *colour;
            chart
                .draw_series(LineSeries::new(points.clone(), colour.stroke_width(3)))
                .map_err(fail)?
                .label(*name)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
                });
            chart
                .draw_series(points.iter().map(|&p| Circle::new(p, 4, colour.filled())))
                .map_err(fail)?;
        }
        chart
            .configure_series_labels()
            .background_style(PANEL)
            .border_style(GRID)
            .label_font(font(14))
            .position(SeriesLabelPosition::MiddleRight)
            .draw()
            .map_err(fail)?;
        root.present().map_err(fail)?;
    }
    Ok(svg)
}

/// A median line with two shaded bands (10–90th and 25–75th percentiles), per turn.
pub fn bands(
    heading: &str,
    y_desc: &str,
    rows: &[(f64, [f64; 5])],
    (y_lo, y_hi): (f64, f64),
    colour: RGBColor,
) -> ChartResult {
    let last = rows.last().map_or(1.0, |r| r.0).max(1.0);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (660, 360)).into_drawing_area();
        root.fill(&BACKGROUND).map_err(fail)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(heading, title(20))
            .margin(14)
            .x_label_area_size(40)
            .y_label_area_size(54)
            .build_cartesian_2d(1.0..last, y_lo..y_hi)
            .map_err(fail)?;
        chart
            .configure_mesh()
            .bold_line_style(GRID)
            .light_line_style(PANEL)
            .axis_style(GRID)
            .x_desc("turn")
            .y_desc(y_desc)
            .label_style(font(13))
            .axis_desc_style(muted(13))
            .draw()
            .map_err(fail)?;
        for (lo, hi, alpha) in [(0, 4, 0.18), (1, 3, 0.32)] {
            let mut outline: Vec<(f64, f64)> = rows.iter().map(|r| (r.0, r.1[hi])).collect();
            outline.extend(rows.iter().rev().map(|r| (r.0, r.1[lo])));
            chart
                .draw_series(std::iter::once(Polygon::new(
                    outline,
                    colour.mix(alpha).filled(),
                )))
                .map_err(fail)?;
        }
        chart
            .draw_series(LineSeries::new(
                rows.iter().map(|r| (r.0, r.1[2])),
                colour.stroke_width(3),
            ))
            .map_err(fail)?;
        root.present().map_err(fail)?;
    }
    Ok(svg)
}

/// Red (0) through amber (0.5) to green (1).
pub fn scale(t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let (a, b, u) = if t < 0.5 {
        (CATASTROPHE, MAD, t * 2.0)
    } else {
        (MAD, MAS, (t - 0.5) * 2.0)
    };
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * u).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

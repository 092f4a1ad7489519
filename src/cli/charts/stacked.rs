//! The stacked-area chart of `detente evolve`: each strategy's share of the population over the
//! generations, the shares piled up to 100%.

use super::{BACKGROUND, ChartResult, GRID, PANEL, fail, font, muted, title};
use plotters::prelude::*;

/// Okabe and Ito's eight colours for colour-blind readers (2008), lightened where they would
/// vanish on the dark panel.
const DISTINCT: [RGBColor; 8] = [
    RGBColor(86, 180, 233),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(240, 228, 66),
    RGBColor(213, 94, 0),
    RGBColor(204, 121, 167),
    RGBColor(60, 130, 220),
    RGBColor(190, 190, 190),
];

/// `n` distinct colours: Okabe and Ito's first, then hues spaced by the golden angle.
pub fn palette(n: usize) -> Vec<RGBColor> {
    (0..n)
        .map(|k| match DISTINCT.get(k) {
            Some(&c) => c,
            None => {
                let hue = (k as f64 * 137.508).rem_euclid(360.0);
                let lightness = if k % 2 == 0 { 0.58 } else { 0.45 };
                hsl(hue, 0.55, lightness)
            }
        })
        .collect()
}

fn hsl(h: f64, s: f64, l: f64) -> RGBColor {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0).rem_euclid(2.0) - 1.0).abs());
    let (r, g, b) = match (h / 60.0) as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    let byte = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    RGBColor(byte(r), byte(g), byte(b))
}

/// One band per name, `rows[g][k]` being name `k`'s share (0..1) at generation `g`; drawn in
/// percent, the first name at the bottom, with a legend.
pub fn stacked(heading: &str, x_desc: &str, names: &[String], rows: &[Vec<f64>]) -> ChartResult {
    let colours = palette(names.len());
    let last = rows.len().saturating_sub(1).max(1) as f64;
    let legend_rows = names.len().div_ceil(3) as u32;
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (900, 520 + 26 * legend_rows)).into_drawing_area();
        root.fill(&BACKGROUND).map_err(fail)?;
        let (plot, legend) = root.split_vertically(520);
        let mut chart = ChartBuilder::on(&plot)
            .caption(heading, title(22))
            .margin(18)
            .x_label_area_size(46)
            .y_label_area_size(60)
            .build_cartesian_2d(0.0..last, 0.0..100.0)
            .map_err(fail)?;
        chart
            .configure_mesh()
            .bold_line_style(GRID)
            .light_line_style(PANEL)
            .axis_style(GRID)
            .x_desc(x_desc)
            .x_labels((last as usize + 1).min(11))
            .x_label_formatter(&|g: &f64| format!("{g:.0}"))
            .y_desc("share of the population, %")
            .label_style(font(14))
            .axis_desc_style(muted(14))
            .draw()
            .map_err(fail)?;
        let mut below = vec![0.0; rows.len()];
        for (k, colour) in colours.iter().enumerate() {
            let above: Vec<f64> = rows
                .iter()
                .zip(&below)
                .map(|(row, b)| b + row.get(k).copied().unwrap_or(0.0) * 100.0)
                .collect();
            let mut outline: Vec<(f64, f64)> = above
                .iter()
                .enumerate()
                .map(|(g, &y)| (g as f64, y.min(100.0)))
                .collect();
            outline.extend(below.iter().enumerate().rev().map(|(g, &y)| (g as f64, y)));
            if rows.len() == 1 {
                // One generation: a band of width 1, so that it shows.
                outline = vec![
                    (0.0, below[0]),
                    (0.0, above[0]),
                    (1.0, above[0]),
                    (1.0, below[0]),
                ];
            }
            chart
                .draw_series(std::iter::once(Polygon::new(
                    outline.clone(),
                    colour.filled(),
                )))
                .map_err(fail)?;
            // A thin dark edge between bands, so neighbours of like colour stay apart.
            let top: Vec<(f64, f64)> = outline.iter().take(rows.len().max(2)).copied().collect();
            chart
                .draw_series(std::iter::once(PathElement::new(
                    top,
                    BACKGROUND.mix(0.6).stroke_width(1),
                )))
                .map_err(fail)?;
            below = above;
        }
        for (k, (name, colour)) in names.iter().zip(&colours).enumerate() {
            let (col, row) = ((k % 3) as i32, (k / 3) as i32);
            let (x, y) = (70 + col * 270, 6 + row * 26);
            legend
                .draw(&Rectangle::new([(x, y), (x + 18, y + 18)], colour.filled()))
                .map_err(fail)?;
            legend
                .draw(&Text::new(name.clone(), (x + 26, y + 2), font(15)))
                .map_err(fail)?;
        }
        root.present().map_err(fail)?;
    }
    Ok(svg)
}

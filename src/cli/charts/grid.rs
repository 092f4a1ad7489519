//! Charts made of a grid of coloured cells: the tournament's pairwise heat map and the sweep's
//! phase map. One function lays out, colours and labels the cells for both.

use super::{BACKGROUND, ChartResult, FONT, fail, font, muted, scale, title};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// How a grid is laid out and labelled.
struct Layout<'a> {
    heading: &'a str,
    heading_size: u32,
    /// Cell width and height, in pixels.
    cell: (u32, u32),
    /// Room around the cells beyond their own size: (width, height).
    room: (u32, u32),
    /// Left, top and bottom margins of the cell area.
    margins: (u32, u32, u32),
    rows: &'a [String],
    cols: &'a [String],
    label_size: u32,
    /// Gap between a row label and the first cell.
    row_gap: i32,
    value_size: u32,
    decimals: usize,
    show_values: bool,
}

/// Pixel coordinates of a point of the grid (columns and rows from the bottom left).
type At<'a> = &'a dyn Fn(f64, f64) -> (i32, i32);

/// Draws `values[row][col]`, rows top to bottom, each cell coloured by `colour`, with the row and
/// column labels; then `finish` adds what is particular to the chart.
fn cells(
    layout: &Layout,
    values: &[Vec<f64>],
    colour: impl Fn(f64) -> RGBColor,
    finish: impl FnOnce(&DrawingArea<SVGBackend, Shift>, At, (u32, u32)) -> Result<(), String>,
) -> ChartResult {
    let (nc, nr) = (layout.cols.len(), layout.rows.len());
    let (w, h) = (
        layout.room.0 + layout.cell.0 * nc as u32,
        layout.room.1 + layout.cell.1 * nr as u32,
    );
    let (left, top, bottom) = layout.margins;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        root.fill(&BACKGROUND).map_err(fail)?;
        let chart = ChartBuilder::on(&root)
            .caption(layout.heading, title(layout.heading_size))
            .margin(16)
            .margin_left(left)
            .margin_top(top)
            .margin_bottom(bottom)
            .build_cartesian_2d(0.0..nc as f64, 0.0..nr as f64)
            .map_err(fail)?;
        let at = |x: f64, y: f64| chart.backend_coord(&(x, y));
        let in_cell = (FONT, layout.value_size)
            .into_font()
            .color(&BACKGROUND)
            .pos(Pos::new(HPos::Center, VPos::Center));
        for (r, row) in values.iter().enumerate() {
            let y = (nr - 1 - r) as f64;
            for (c, &v) in row.iter().enumerate() {
                let x = c as f64;
                root.draw(&Rectangle::new(
                    [at(x, y + 1.0), at(x + 1.0, y)],
                    colour(v).filled(),
                ))
                .map_err(fail)?;
                if layout.show_values {
                    root.draw(&Text::new(
                        format!("{v:.*}", layout.decimals),
                        at(x + 0.5, y + 0.5),
                        in_cell.clone(),
                    ))
                    .map_err(fail)?;
                }
            }
            let (x0, yc) = at(0.0, y + 0.5);
            root.draw(&Text::new(
                layout.rows[r].clone(),
                (x0 - layout.row_gap, yc),
                font(layout.label_size).pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(fail)?;
        }
        for (c, label) in layout.cols.iter().enumerate() {
            let (xc, y0) = at(c as f64 + 0.5, 0.0);
            root.draw(&Text::new(
                label.clone(),
                (xc, y0 + 8),
                font(layout.label_size).pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(fail)?;
        }
        finish(&root, &at, (w, h))?;
        root.present().map_err(fail)?;
    }
    Ok(svg)
}

/// A heat map: row `i` against column `j`, coloured from red (low) through amber to green
/// (high), with each value printed in its cell. Columns are numbered as the rows are.
pub fn heat_map(heading: &str, note: &str, names: &[String], values: &[Vec<f64>]) -> ChartResult {
    let (lo, hi) = values
        .iter()
        .flatten()
        .fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
    let span = (hi - lo).max(1e-9);
    let rows: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, name)| format!("{} {name}", i + 1))
        .collect();
    let cols: Vec<String> = (1..=names.len()).map(|j| j.to_string()).collect();
    let layout = Layout {
        heading,
        heading_size: 22,
        cell: (58, 58),
        room: (300, 150),
        margins: (270, 16, 64),
        rows: &rows,
        cols: &cols,
        label_size: 14,
        row_gap: 10,
        value_size: 13,
        decimals: 2,
        show_values: true,
    };
    cells(
        &layout,
        values,
        |v| scale((v - lo) / span),
        |root, _, (_, h)| {
            root.draw(&Text::new(
                format!("{note}; low {lo:.2}, high {hi:.2}"),
                (20, h as i32 - 26),
                muted(13),
            ))
            .map_err(fail)
        },
    )
}

/// A phase map: `values[row][col]` from 0 to 100, rows top to bottom, on two labelled axes.
pub fn grid(
    heading: &str,
    (x_desc, cols): (&str, &[String]),
    (y_desc, rows): (&str, &[String]),
    values: &[Vec<f64>],
) -> ChartResult {
    let (nc, nr) = (cols.len(), rows.len());
    let cell_w = (640 / nc.max(1)).clamp(24, 80) as u32;
    let cell_h = (420 / nr.max(1)).clamp(18, 60) as u32;
    let layout = Layout {
        heading,
        heading_size: 20,
        cell: (cell_w, cell_h),
        room: (200, 170),
        margins: (130, 40, 70),
        rows,
        cols,
        label_size: 13,
        row_gap: 8,
        value_size: 12,
        decimals: 0,
        show_values: cell_w >= 40 && cell_h >= 18,
    };
    cells(
        &layout,
        values,
        |v| scale(v / 100.0),
        |root, at, _| {
            let (xm, yb) = at(nc as f64 / 2.0, 0.0);
            root.draw(&Text::new(
                x_desc.to_string(),
                (xm, yb + 32),
                muted(14).pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(fail)?;
            let (x0, top) = at(0.0, nr as f64);
            root.draw(&Text::new(
                format!("{y_desc} ↑"),
                (x0 - 8, top - 6),
                muted(14).pos(Pos::new(HPos::Right, VPos::Bottom)),
            ))
            .map_err(fail)
        },
    )
}

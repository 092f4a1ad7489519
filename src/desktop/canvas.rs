//! A small software painter for what the UI cannot draw with boxes: line charts, relation lines
//! with a dash pattern, and the doomsday clock. It paints anti-aliased shapes into an RGBA
//! image that a UI `ImageNode` shows.

use bevy::asset::RenderAssetUsages;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};

/// An RGBA8 picture being painted (sRGB values, straight alpha).
pub struct Canvas {
    pub width: u32,
    pub height: u32,
    data: Vec<[f32; 4]>,
}

impl Canvas {
    pub fn new(width: u32, height: u32) -> Canvas {
        Canvas {
            width,
            height,
            data: vec![[0.0; 4]; (width * height) as usize],
        }
    }

    /// Blends `colour` into one pixel with coverage `alpha`.
    fn blend(&mut self, x: i32, y: i32, colour: [f32; 4], alpha: f32) {
        if x < 0 || y < 0 || x >= self.width as i32 || y >= self.height as i32 || alpha <= 0.0 {
            return;
        }
        let a = (alpha.min(1.0)) * colour[3];
        let px = &mut self.data[(y as u32 * self.width + x as u32) as usize];
        let out_a = a + px[3] * (1.0 - a);
        if out_a <= 0.0 {
            return;
        }
        for c in 0..3 {
            px[c] = (colour[c] * a + px[c] * px[3] * (1.0 - a)) / out_a;
        }
        px[3] = out_a;
    }

    /// A straight line `width` pixels thick, anti-aliased.
    pub fn line(&mut self, a: Vec2, b: Vec2, width: f32, colour: Color) {
        let rgba = colour.to_srgba().to_f32_array();
        let half = width / 2.0;
        let (min, max) = (a.min(b) - half - 1.0, a.max(b) + half + 1.0);
        let ab = b - a;
        let len2 = ab.length_squared().max(1e-6);
        for y in min.y.floor() as i32..=max.y.ceil() as i32 {
            for x in min.x.floor() as i32..=max.x.ceil() as i32 {
                let p = Vec2::new(x as f32 + 0.5, y as f32 + 0.5);
                let t = ((p - a).dot(ab) / len2).clamp(0.0, 1.0);
                let d = (p - (a + ab * t)).length();
                self.blend(x, y, rgba, (half + 0.5 - d).clamp(0.0, 1.0));
            }
        }
    }

    /// A line drawn as dashes of `dash` pixels with `gap` between them; a gap of 0 is solid.
    pub fn dashed(&mut self, a: Vec2, b: Vec2, width: f32, dash: f32, gap: f32, colour: Color) {
        let len = a.distance(b);
        if gap <= 0.0 || len <= 0.0 {
            return self.line(a, b, width, colour);
        }
        let dir = (b - a) / len;
        let mut s = 0.0;
        while s < len {
            let e = (s + dash).min(len);
            self.line(a + dir * s, a + dir * e, width, colour);
            s = e + gap;
        }
    }

    /// A polyline through `points`.
    pub fn polyline(&mut self, points: &[Vec2], width: f32, colour: Color) {
        for w in points.windows(2) {
            self.line(w[0], w[1], width, colour);
        }
    }

    /// A ring (or, with `width` ≥ `radius`, a disc).
    pub fn circle(&mut self, centre: Vec2, radius: f32, width: f32, colour: Color) {
        let rgba = colour.to_srgba().to_f32_array();
        let r = radius + 1.0;
        for y in (centre.y - r).floor() as i32..=(centre.y + r).ceil() as i32 {
            for x in (centre.x - r).floor() as i32..=(centre.x + r).ceil() as i32 {
                let d = Vec2::new(x as f32 + 0.5, y as f32 + 0.5).distance(centre);
                let outer = (radius + 0.5 - d).clamp(0.0, 1.0);
                let inner = (d - (radius - width) + 0.5).clamp(0.0, 1.0);
                self.blend(x, y, rgba, outer.min(inner));
            }
        }
    }

    /// The picture as a texture for the UI.
    pub fn into_image(self) -> Image {
        let bytes: Vec<u8> = self
            .data
            .iter()
            .flat_map(|p| p.map(|c| (c.clamp(0.0, 1.0) * 255.0).round() as u8))
            .collect();
        Image::new(
            Extent3d {
                width: self.width,
                height: self.height,
                depth_or_array_layers: 1,
            },
            TextureDimension::D2,
            bytes,
            TextureFormat::Rgba8UnormSrgb,
            RenderAssetUsages::MAIN_WORLD | RenderAssetUsages::RENDER_WORLD,
        )
    }

    /// The share of pixels painted at all (for tests).
    pub fn coverage(&self) -> f32 {
        self.data.iter().filter(|p| p[3] > 0.05).count() as f32 / self.data.len() as f32
    }
}

/// One line of a chart: a value per turn, from turn 0.
pub struct Series {
    pub values: Vec<f64>,
    pub colour: Color,
    pub dashed: bool,
}

/// A line chart of `series` over turns `0..=turns`, values from `lo` to `hi`, with a light grid
/// at quarter heights.
pub fn line_chart(
    series: &[Series],
    turns: usize,
    (lo, hi): (f64, f64),
    (width, height): (u32, u32),
    grid: Color,
) -> Canvas {
    let mut c = Canvas::new(width, height);
    let pad = 4.0;
    let (w, h) = (width as f32 - 2.0 * pad, height as f32 - 2.0 * pad);
    for q in 0..=4 {
        let y = pad + h * q as f32 / 4.0;
        c.line(Vec2::new(pad, y), Vec2::new(pad + w, y), 1.0, grid);
    }
    let span = (hi - lo).max(1e-9);
    let at = |i: usize, v: f64| {
        Vec2::new(
            pad + w * i as f32 / turns.max(1) as f32,
            pad + h * (1.0 - ((v - lo) / span).clamp(0.0, 1.0) as f32),
        )
    };
    for s in series {
        let points: Vec<Vec2> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, &v)| at(i, v))
            .collect();
        if s.dashed {
            for w in points.windows(2) {
                c.dashed(w[0], w[1], 2.0, 5.0, 4.0, s.colour);
            }
        } else {
            c.polyline(&points, 2.5, s.colour);
        }
        if let Some(&p) = points.last() {
            c.circle(p, 3.5, 3.5, s.colour);
        }
    }
    c
}

/// The doomsday clock: a face, the minute marks of the last quarter hour, and the minute hand
/// at `minutes` to midnight.
pub fn clock(minutes: f64, size: u32, face: Color, hand: Color) -> Canvas {
    let mut c = Canvas::new(size, size);
    let centre = Vec2::splat(size as f32 / 2.0);
    let r = size as f32 / 2.0 - 2.0;
    c.circle(centre, r, 2.0, face);
    for m in 0..60 {
        let angle = std::f32::consts::TAU * m as f32 / 60.0;
        let dir = Vec2::new(angle.sin(), -angle.cos());
        let long = m % 5 == 0;
        let inner = if long { r * 0.78 } else { r * 0.88 };
        if long || m >= 45 {
            c.line(centre + dir * inner, centre + dir * (r - 3.0), 1.5, face);
        }
    }
    let minutes = minutes.clamp(0.0, 60.0) as f32;
    let angle = std::f32::consts::TAU * (60.0 - minutes) / 60.0;
    let dir = Vec2::new(angle.sin(), -angle.cos());
    c.line(centre, centre + dir * r * 0.82, 3.0, hand);
    c.line(centre, centre + Vec2::new(0.0, -r * 0.5), 3.0, face);
    c.circle(centre, 3.5, 3.5, hand);
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_paints_its_lines_and_an_empty_one_only_its_grid() {
        let grid = Color::srgb(0.2, 0.2, 0.2);
        let empty = line_chart(&[], 10, (0.0, 100.0), (200, 100), grid).coverage();
        let full = line_chart(
            &[Series {
                values: (0..=10).map(|i| f64::from(i) * 10.0).collect(),
                colour: Color::WHITE,
                dashed: false,
            }],
            10,
            (0.0, 100.0),
            (200, 100),
            grid,
        )
        .coverage();
        assert!(empty > 0.0 && full > empty + 0.01, "{empty} {full}");
    }

    #[test]
    fn a_dashed_line_covers_less_than_a_solid_one() {
        let mut solid = Canvas::new(100, 10);
        solid.line(
            Vec2::new(0.0, 5.0),
            Vec2::new(100.0, 5.0),
            2.0,
            Color::WHITE,
        );
        let mut dashed = Canvas::new(100, 10);
        dashed.dashed(
            Vec2::new(0.0, 5.0),
            Vec2::new(100.0, 5.0),
            2.0,
            4.0,
            4.0,
            Color::WHITE,
        );
        assert!(dashed.coverage() < solid.coverage() * 0.8);
        assert!(dashed.coverage() > solid.coverage() * 0.3);
    }
}

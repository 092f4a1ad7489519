//! The history charts: trust, transparency, arms and risk for every turn so far, drawn from the
//! turn records the sim reported. The history view shows them as the player knows them (the
//! others' arms as believed); the end screen shows the truth.

use crate::desktop::canvas::{Series, line_chart};
use crate::desktop::theme::widgets::{label, row};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use crate::sim::Rules;
use crate::sim::history::TurnRecord;
use bevy::prelude::*;

/// Whose eyes the charts show the world through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sight {
    /// The player's: other nations' arms as believed.
    Player(usize),
    /// The true numbers.
    Truth,
}

/// One chart ready to show: its title, picture, value range and legend.
pub struct Chart {
    pub title: String,
    pub image: Image,
    pub range: (f64, f64),
    pub legend: Vec<(String, Color, bool)>,
}

/// The four charts of a match so far.
pub fn charts(
    rules: &Rules,
    records: &[TurnRecord],
    sight: Sight,
    theme: &Theme,
    size: (u32, u32),
) -> Vec<Chart> {
    let sc = &rules.scenario;
    let turns = records.len().saturating_sub(1).max(1);
    let grid = palette::BORDER;
    let colour = |id: &str| {
        sc.nations
            .iter()
            .position(|n| n.id == id)
            .map_or(palette::TEXT, |i| theme.nation(&sc.nations[i].colour, i))
    };
    let name = |id: &str| sc.nation_name(id);
    let Some(first) = records.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (title, pick) in [
        (
            "Trust",
            (|r: &crate::sim::history::RelationRecord| r.trust) as fn(&_) -> f64,
        ),
        ("Transparency", |r| r.transparency),
    ] {
        let mut series = Vec::new();
        let mut legend = Vec::new();
        for (k, rel) in first.relations.iter().enumerate() {
            let values: Vec<f64> = records.iter().map(|r| pick(&r.relations[k])).collect();
            // Colour is the observer; every other line is dashed, so that an observer's two lines
            // (and the two directions of a pair) differ by more than colour.
            let dashed = k % 2 == 1;
            series.push(Series {
                values,
                colour: colour(&rel.from),
                dashed,
            });
            legend.push((
                format!("{} → {}", name(&rel.from), name(&rel.to)),
                colour(&rel.from),
                dashed,
            ));
        }
        out.push(Chart {
            title: title.into(),
            image: line_chart(&series, turns, (0.0, 100.0), size, grid).into_image(),
            range: (0.0, 100.0),
            legend,
        });
    }
    let mut series = Vec::new();
    let mut legend = Vec::new();
    let mut top: f64 = 100.0;
    for (i, spec) in sc.nations.iter().enumerate() {
        let believed = match sight {
            Sight::Player(me) if me != i => Some(me),
            _ => None,
        };
        let values: Vec<f64> = records
            .iter()
            .map(|r| match believed {
                Some(me) => r
                    .relations
                    .iter()
                    .find(|x| x.from == sc.nations[me].id && x.to == spec.id)
                    .map_or(0.0, |x| x.belief),
                None => r.nations[i].arms,
            })
            .collect();
        top = values.iter().copied().fold(top, f64::max);
        let c = theme.nation(&spec.colour, i);
        legend.push((
            if believed.is_some() {
                format!("{} (believed)", spec.name)
            } else {
                spec.name.clone()
            },
            c,
            believed.is_some(),
        ));
        series.push(Series {
            values,
            colour: c,
            dashed: believed.is_some(),
        });
    }
    out.push(Chart {
        title: "Arms".into(),
        image: line_chart(&series, turns, (0.0, top), size, grid).into_image(),
        range: (0.0, top),
        legend,
    });
    let risk: Vec<f64> = records.iter().map(|r| r.risk * 100.0).collect();
    let top = risk.iter().copied().fold(2.0, f64::max).ceil();
    out.push(Chart {
        title: "Risk of an exchange, % a turn".into(),
        image: line_chart(
            &[Series {
                values: risk,
                colour: theme.hostile,
                dashed: false,
            }],
            turns,
            (0.0, top),
            size,
            grid,
        )
        .into_image(),
        range: (0.0, top),
        legend: vec![("risk".into(), theme.hostile, false)],
    });
    out
}

/// A chart with its title, axis labels and legend.
pub fn spawn_chart(
    commands: &mut Commands,
    parent: Entity,
    chart: Chart,
    turns: usize,
    (w, h): (u32, u32),
    fonts: &UiFonts,
    images: &mut Assets<Image>,
) {
    let panel = commands
        .spawn((
            ChildOf(parent),
            Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(3),
                ..default()
            },
        ))
        .id();
    commands.spawn((
        ChildOf(panel),
        label(chart.title, &fonts.bold, size::SMALL, palette::TEXT),
    ));
    let body = commands.spawn((ChildOf(panel), row(4.0))).id();
    commands.spawn((
        ChildOf(body),
        Node {
            height: px(h as f32),
            width: px(30),
            flex_direction: FlexDirection::Column,
            justify_content: JustifyContent::SpaceBetween,
            align_items: AlignItems::End,
            ..default()
        },
        children![
            label(
                format!("{:.0}", chart.range.1),
                &fonts.regular,
                size::TINY,
                palette::MUTED
            ),
            label(
                format!("{:.0}", chart.range.0),
                &fonts.regular,
                size::TINY,
                palette::MUTED
            ),
        ],
    ));
    commands.spawn((
        ChildOf(body),
        ImageNode::new(images.add(chart.image)),
        Node {
            width: px(w as f32),
            height: px(h as f32),
            ..default()
        },
        BackgroundColor(palette::PANEL_RAISED),
    ));
    let axis = commands
        .spawn((
            ChildOf(panel),
            Node {
                margin: UiRect::left(px(34)),
                width: px(w as f32),
                justify_content: JustifyContent::SpaceBetween,
                ..default()
            },
        ))
        .id();
    commands.spawn((
        ChildOf(axis),
        label("turn 0", &fonts.regular, size::TINY, palette::MUTED),
    ));
    commands.spawn((
        ChildOf(axis),
        label(
            format!("turn {turns}"),
            &fonts.regular,
            size::TINY,
            palette::MUTED,
        ),
    ));
    let legend = commands.spawn((ChildOf(panel), row(10.0))).id();
    commands.entity(legend).insert(Node {
        margin: UiRect::left(px(34)),
        flex_wrap: FlexWrap::Wrap,
        column_gap: px(10),
        ..default()
    });
    for (text, colour, dashed) in chart.legend {
        commands.spawn((
            ChildOf(legend),
            label(
                format!("{} {text}", if dashed { "- -" } else { "—" }),
                &fonts.regular,
                size::TINY,
                colour,
            ),
        ));
    }
}

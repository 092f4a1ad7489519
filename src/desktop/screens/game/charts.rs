//! The history charts: trust, transparency, arms and risk for every turn so far. The history
//! view draws them from the seat's `SeatView` (as the player knows the match); the end screen
//! and the projector from the true records.

use crate::desktop::canvas::{Series, line_chart};
use crate::desktop::theme::widgets::{label, row};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use crate::sim::Rules;
use crate::sim::archive::history::{RelationRecord, TurnRecord};
use crate::sim::play::view::{Counterpart, SeatTurn, SeatView};
use bevy::prelude::*;

/// One chart ready to show: its title, picture, value range and legend.
pub struct Chart {
    pub title: String,
    pub image: Image,
    pub range: (f64, f64),
    pub legend: Vec<(String, Color, bool)>,
}

/// A line of a chart: its legend, colour, whether dashed, and one value per turn.
type Line = (String, Color, bool, Vec<f64>);

/// The four charts of a match, in the true numbers (the facilitator's view, and the debrief
/// once a match is over): every pair's trust and transparency, every nation's arms.
pub fn charts(
    rules: &Rules,
    records: &[TurnRecord],
    theme: &Theme,
    size: (u32, u32),
) -> Vec<Chart> {
    let sc = &rules.scenario;
    let Some(first) = records.first() else {
        return Vec::new();
    };
    let colour = |id: &str| {
        sc.nations
            .iter()
            .position(|n| n.id == id)
            .map_or(palette::TEXT, |i| theme.nation(&sc.nations[i].colour, i))
    };
    let pairs = |pick: fn(&RelationRecord) -> f64| -> Vec<Line> {
        first
            .relations
            .iter()
            .enumerate()
            .map(|(k, rel)| {
                (
                    format!(
                        "{} → {}",
                        sc.nation_name(&rel.from),
                        sc.nation_name(&rel.to)
                    ),
                    colour(&rel.from),
                    // Colour is the observer; every other line is dashed, so that an
                    // observer's two lines (and the two directions of a pair) differ by more.
                    k % 2 == 1,
                    records.iter().map(|r| pick(&r.relations[k])).collect(),
                )
            })
            .collect()
    };
    let arms = sc
        .nations
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            (
                spec.name.clone(),
                theme.nation(&spec.colour, i),
                false,
                records.iter().map(|r| r.nations[i].arms).collect(),
            )
        })
        .collect();
    let risk = records.iter().map(|r| r.risk * 100.0).collect();
    four_charts(
        [pairs(|r| r.trust), pairs(|r| r.transparency), arms],
        risk,
        records.len(),
        theme,
        size,
    )
}

/// The four charts as one seat knows the match (`SeatView`): its trust in and transparency
/// into each other nation, its own arms and its estimates of theirs (dashed; true where it
/// could verify them), and the risk.
pub fn seat_charts(rules: &Rules, seat: &SeatView, theme: &Theme, size: (u32, u32)) -> Vec<Chart> {
    let sc = &rules.scenario;
    let turns = &seat.history;
    let Some(first) = turns.first() else {
        return Vec::new();
    };
    let me = seat.nation;
    let colour = |i: usize| theme.nation(&sc.nations[i].colour, i);
    let value = |t: &SeatTurn, j: usize, pick: fn(&Counterpart) -> f64| {
        t.others.iter().find(|c| c.nation == j).map_or(0.0, pick)
    };
    let mine = |pick: fn(&Counterpart) -> f64| -> Vec<Line> {
        first
            .others
            .iter()
            .map(|c| {
                (
                    format!("you → {}", sc.nations[c.nation].name),
                    colour(c.nation),
                    false,
                    turns.iter().map(|t| value(t, c.nation, pick)).collect(),
                )
            })
            .collect()
    };
    let mut arms = vec![(
        format!("{} (you)", sc.nations[me].name),
        colour(me),
        false,
        turns.iter().map(|t| t.own.arms).collect(),
    )];
    arms.extend(first.others.iter().map(|c| {
        (
            format!("{} (as you knew them)", sc.nations[c.nation].name),
            colour(c.nation),
            true,
            turns
                .iter()
                .map(|t| value(t, c.nation, Counterpart::arms))
                .collect(),
        )
    }));
    let risk = turns.iter().map(|t| t.risk * 100.0).collect();
    four_charts(
        [mine(|c| c.trust), mine(|c| c.transparency), arms],
        risk,
        turns.len(),
        theme,
        size,
    )
}

fn four_charts(
    [trust, transparency, arms]: [Vec<Line>; 3],
    risk: Vec<f64>,
    points: usize,
    theme: &Theme,
    size: (u32, u32),
) -> Vec<Chart> {
    let turns = points.saturating_sub(1).max(1);
    let grid = palette::BORDER;
    let chart = |title: &str, lines: Vec<Line>, range: (f64, f64)| {
        let series: Vec<Series> = lines
            .iter()
            .map(|(_, colour, dashed, values)| Series {
                values: values.clone(),
                colour: *colour,
                dashed: *dashed,
            })
            .collect();
        Chart {
            title: title.into(),
            image: line_chart(&series, turns, range, size, grid).into_image(),
            range,
            legend: lines.into_iter().map(|(l, c, d, _)| (l, c, d)).collect(),
        }
    };
    let arms_top = arms
        .iter()
        .flat_map(|l| l.3.iter().copied())
        .fold(100.0, f64::max);
    let risk_top = risk.iter().copied().fold(2.0, f64::max).ceil();
    vec![
        chart("Trust", trust, (0.0, 100.0)),
        chart("Transparency", transparency, (0.0, 100.0)),
        chart("Arms", arms, (0.0, arms_top)),
        chart(
            "Risk of an exchange, % a turn",
            vec![("risk".into(), theme.hostile, false, risk)],
            (0.0, risk_top),
        ),
    ]
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

//! The board's left column, from the seat's `SeatView`: a panel per nation (true numbers for the
//! player's own, beliefs and public numbers for the others) and the player's relations with each
//! other nation, as lines whose colour is trust and whose dash pattern is transparency.

use super::board::BoardData;
use crate::desktop::canvas::Canvas;
use crate::desktop::theme::widgets::{Tooltip, chip, label, row, section};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use bevy::prelude::*;

/// One panel per nation: true numbers for the player's own, beliefs for the others (and their
/// true arsenal only where transparency lets the player verify it).
pub(super) fn spawn_nations(
    commands: &mut Commands,
    parent: Entity,
    data: &BoardData,
    fonts: &UiFonts,
    theme: &Theme,
) {
    let sc = &data.rules.scenario;
    let seat = data.seat;
    let me = seat.nation;
    let threshold = crate::sim::play::view::verification(data.rules);
    for (i, spec) in sc.nations.iter().enumerate() {
        let colour = theme.nation(&spec.colour, i);
        let panel = commands
            .spawn((
                ChildOf(parent),
                Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: px(3),
                    padding: UiRect::new(px(12), px(10), px(8), px(8)),
                    border: UiRect::left(px(4)),
                    border_radius: BorderRadius::all(px(6)),
                    ..default()
                },
                BackgroundColor(palette::PANEL),
                BorderColor::all(colour),
            ))
            .id();
        let head = commands.spawn((ChildOf(panel), row(8.0))).id();
        commands.spawn((
            ChildOf(head),
            label(spec.name.clone(), &fonts.bold, size::TITLE, colour),
        ));
        if i == me {
            commands.spawn((ChildOf(head), chip("YOU", fonts, palette::TITLE)));
        }
        let warheads = |arms: f64| {
            crate::sim::archive::history::warheads(data.rules, i, arms)
                .map_or(String::new(), |w| format!(" · {} warheads", thousands(w)))
        };
        let status = if i == me {
            let own = &seat.now().own;
            commands.spawn((
                ChildOf(panel),
                Node::default(),
                Tooltip("Your own arsenal, on a scale of 0 to 100.".into()),
                children![label(
                    format!("Arms {:.0}{}", own.arms, warheads(own.arms)),
                    &fonts.regular,
                    size::BODY,
                    palette::TEXT,
                )],
            ));
            let pressed =
                crate::sim::play::rules::politics::pressure(data.rules, own.approval) > 0.0;
            format!(
                "Alert {} of 3 · Missile defense {:.0} · Approval {:.0}%{} · Budget {:.1}",
                own.alert,
                own.missile_defense,
                own.approval,
                if pressed { " (under pressure)" } else { "" },
                own.budget
            )
        } else {
            let Some(them) = seat.counterpart(i) else {
                continue;
            };
            let text = match them.verified_arms {
                Some(arms) => format!(
                    "Arms {:.0}{} · verified (you believed {:.0})",
                    arms,
                    warheads(arms),
                    them.believed_arms
                ),
                None => format!(
                    "Believed arms ≈ {:.0}{}",
                    them.believed_arms,
                    warheads(them.believed_arms)
                ),
            };
            commands.spawn((
                ChildOf(panel),
                Node::default(),
                Tooltip(format!(
                    "What you believe of {}'s arsenal. You can verify it once your transparency \
                     into {} reaches {threshold:.0} (it is {:.0}); until then your estimate leans \
                     to the worst case.",
                    spec.name, spec.name, them.transparency
                )),
                children![label(text, &fonts.regular, size::BODY, palette::TEXT)],
            ));
            format!(
                "Alert {} of 3 · Missile defense {:.0} · Approval {:.0}%",
                them.alert, them.missile_defense, them.approval
            )
        };
        commands.spawn((
            ChildOf(panel),
            Node::default(),
            Tooltip(
                "Alert: 0 peacetime to 3 hair-trigger (raises the risk); public. Missile defense: \
                 interceptors, 0 to 100, seen by all; a rival's threatens your deterrent (you arm \
                 against it, and it raises the fear of a first strike at high alert) unless a \
                 fusion center shares it. Approval: support at home, from public polls; below \
                 the scenario's threshold a government is under pressure, and an election may \
                 bring in the opposition. Budget: what your moves cost, refilled each turn; the \
                 others' budgets are secret."
                    .into(),
            ),
            children![label(status, &fonts.regular, size::SMALL, palette::MUTED,)],
        ));
    }
}

/// `1550` as `1,550`.
pub fn thousands(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The gap between dashes of a relation line: solid at full transparency, dotted when opaque.
pub fn dash_gap(transparency: f64) -> f32 {
    ((100.0 - transparency) / 100.0 * 9.0).max(0.0) as f32
}

/// A relation line: colour is trust, the dash pattern transparency.
pub fn relation_line(trust: f64, transparency: f64, theme: &Theme, width: u32) -> Canvas {
    let mut c = Canvas::new(width, 10);
    let gap = dash_gap(transparency);
    c.dashed(
        Vec2::new(2.0, 5.0),
        Vec2::new(width as f32 - 2.0, 5.0),
        3.0,
        if gap > 0.5 { 3.0 + (9.0 - gap) } else { 1.0 },
        if gap > 0.5 { gap } else { 0.0 },
        theme.level(trust),
    );
    c
}

pub(super) fn spawn_relations(
    commands: &mut Commands,
    parent: Entity,
    data: &BoardData,
    fonts: &UiFonts,
    theme: &Theme,
    images: &mut Assets<Image>,
) {
    let panel = commands
        .spawn((
            ChildOf(parent),
            section(4.0),
            Tooltip(
                "Each line is how you see another nation: colour is your trust in it (red low, \
                 green high), dashes your transparency into it (dotted when you cannot verify, \
                 solid when you can). How far the others trust you is theirs to know."
                    .into(),
            ),
        ))
        .id();
    commands.spawn((
        ChildOf(panel),
        label("Relations", &fonts.bold, size::BODY, palette::TEXT),
    ));
    let seat = data.seat;
    for them in &seat.now().others {
        let (i, j) = (seat.nation, them.nation);
        commands.spawn((
            ChildOf(panel),
            label(
                format!(
                    "{} → {}{}",
                    data.nation_name(i),
                    data.nation_name(j),
                    if them.hotline { "  · hotline" } else { "" }
                ),
                &fonts.regular,
                size::SMALL,
                palette::MUTED,
            ),
        ));
        let line = commands.spawn((ChildOf(panel), row(8.0))).id();
        let image =
            images.add(relation_line(them.trust, them.transparency, theme, 120).into_image());
        commands.spawn((
            ChildOf(line),
            ImageNode::new(image),
            Node {
                width: px(120),
                height: px(10),
                ..default()
            },
        ));
        commands.spawn((
            ChildOf(line),
            label(
                format!("trust {:.0}", them.trust),
                &fonts.bold,
                size::SMALL,
                theme.level(them.trust),
            ),
        ));
        commands.spawn((
            ChildOf(line),
            label(
                format!("sees {:.0}%", them.transparency),
                &fonts.regular,
                size::SMALL,
                palette::TEXT,
            ),
        ));
    }
}

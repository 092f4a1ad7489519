//! What the turn reveal says, as lines of text with their colour: how each move was read, and
//! every number that changed, with its arrow and delta. Only what the player can know: the
//! others' arms appear as the player's estimate.

use crate::desktop::theme::{Theme, palette};
use crate::sim::Rules;
use crate::sim::history::TurnRecord;
use crate::sim::moves::Intent;
use bevy::prelude::*;

/// How an observer read a move, highlighted when it was misread or a secret move was caught.
pub(super) fn reading(
    observer: &str,
    what: &str,
    seen: Option<Intent>,
    misread: bool,
    detected: bool,
    theme: &Theme,
) -> (String, Color) {
    match (seen, misread, detected) {
        (None, _, _) => (
            format!("{observer} saw nothing: a secret move went unseen"),
            palette::MUTED,
        ),
        (Some(_), _, true) => (
            format!("⚠ {observer} caught {what}: a secret move, read as hostile"),
            theme.warning,
        ),
        (Some(i), true, _) => (
            format!("⚠ MISREAD: {observer} read {what} as {}", i.name()),
            theme.warning,
        ),
        (Some(i), false, _) => (
            format!("✓ {observer} read {what} as {}", i.name()),
            palette::MUTED,
        ),
    }
}

/// Every number that moved, with its arrow and delta, coloured by whether it is good news.
pub(super) fn changes(
    rules: &Rules,
    player: usize,
    before: &TurnRecord,
    after: &TurnRecord,
    theme: &Theme,
) -> Vec<(String, Color)> {
    let sc = &rules.scenario;
    let mut out = Vec::new();
    let mut push = |what: String, a: f64, b: f64, up_is_good: Option<bool>| {
        let d = b - a;
        if d.abs() < 0.05 {
            return;
        }
        let arrow = if d > 0.0 { "↑" } else { "↓" };
        let colour = match up_is_good {
            Some(good) if (d > 0.0) == good => theme.good,
            Some(_) => theme.hostile,
            None => palette::TEXT,
        };
        out.push((
            format!("{what}: {a:.1} → {b:.1}   {arrow} {:+.1}", d),
            colour,
        ));
    };
    let me = &sc.nations[player].id;
    for (i, (a, b)) in before.nations.iter().zip(&after.nations).enumerate() {
        let n = &sc.nations[i].name;
        if i == player {
            push("Your arms".into(), a.arms, b.arms, Some(false));
            push("Your budget".into(), a.budget, b.budget, None);
        } else {
            // Only what the player can know: its estimate of their arms, not the truth.
            let belief = |r: &TurnRecord| {
                r.relations
                    .iter()
                    .find(|x| &x.from == me && x.to == sc.nations[i].id)
                    .map_or(0.0, |x| x.belief)
            };
            push(
                format!("{n} arms, as you estimate them"),
                belief(before),
                belief(after),
                Some(false),
            );
        }
        push(
            format!("{n} alert"),
            f64::from(a.alert),
            f64::from(b.alert),
            Some(false),
        );
        push(format!("{n} approval"), a.approval, b.approval, Some(true));
    }
    for (a, b) in before.relations.iter().zip(&after.relations) {
        let (from, to) = (sc.nation_name(&a.from), sc.nation_name(&a.to));
        push(format!("{from} trusts {to}"), a.trust, b.trust, Some(true));
        push(
            format!("{from} sees into {to}"),
            a.transparency,
            b.transparency,
            Some(true),
        );
    }
    push(
        "Minutes to midnight".into(),
        before.minutes_to_midnight,
        after.minutes_to_midnight,
        Some(true),
    );
    if out.is_empty() {
        out.push(("Nothing changed.".into(), palette::MUTED));
    }
    out
}

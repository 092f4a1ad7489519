//! What the turn reveal says, as lines of text with their colour: how each move was read, and
//! every number that changed, with its arrow and delta. Drawn from the seat's `SeatTurn`s, so
//! only what the player can know: the others' arms appear as the player's estimate.

use crate::desktop::theme::{Theme, palette};
use crate::sim::Rules;
use crate::sim::play::view::SeatTurn;
use crate::sim::scenario::moves::Intent;
use bevy::prelude::*;

/// How an observer read a move (`narrate::reading`), highlighted when it was misread or a
/// secret move was caught.
pub(super) fn reading(
    observer: &str,
    what: &str,
    seen: Option<Intent>,
    misread: bool,
    detected: bool,
    theme: &Theme,
) -> (String, Color) {
    let text = crate::sim::archive::narrate::reading(observer, what, seen, misread, detected);
    let colour = match (seen, misread, detected) {
        (Some(_), _, true) | (Some(_), true, _) => theme.warning,
        _ => palette::MUTED,
    };
    (text, colour)
}

/// Every number the seat knows that moved, with its arrow and delta, coloured by whether it
/// is good news: its own arms and budget, its estimate of the others' arms, their public alert
/// and approval, its trust in and transparency into each, and the clock.
pub(super) fn changes(
    rules: &Rules,
    before: &SeatTurn,
    after: &SeatTurn,
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
    let (a, b) = (&before.own, &after.own);
    push("Your arms".into(), a.arms, b.arms, Some(false));
    push("Your budget".into(), a.budget, b.budget, None);
    push(
        "Your alert".into(),
        f64::from(a.alert),
        f64::from(b.alert),
        Some(false),
    );
    push("Your approval".into(), a.approval, b.approval, Some(true));
    for b in &after.others {
        let Some(a) = before.others.iter().find(|c| c.nation == b.nation) else {
            continue;
        };
        let n = &sc.nations[b.nation].name;
        let what = match (a.verified_arms, b.verified_arms) {
            (Some(_), Some(_)) => format!("{n} arms, verified"),
            (None, Some(_)) => format!("{n} arms, your estimate then, verified now"),
            (_, None) => format!("{n} arms, as you estimate them"),
        };
        push(what, a.arms(), b.arms(), Some(false));
        push(
            format!("{n} alert"),
            f64::from(a.alert),
            f64::from(b.alert),
            Some(false),
        );
        push(format!("{n} approval"), a.approval, b.approval, Some(true));
        push(format!("You trust {n}"), a.trust, b.trust, Some(true));
        push(
            format!("You see into {n}"),
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

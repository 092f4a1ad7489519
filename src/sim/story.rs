//! The story of a match told from its history: the turning points (misreadings, treaties signed
//! and broken, crises, the turn trust collapsed or took off, changes of regime) and a paragraph
//! explaining the outcome. The end-of-game screen and the reports show these.

use super::history::{TurnRecord, mean_of};
use super::scenario::{Intent, Scenario};
use super::state::Regime;

/// What kind of turn it was; the UI picks a colour and an icon by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointKind {
    Misreading,
    TreatySigned,
    TreatyBroken,
    Crisis,
    TrustCollapsed,
    TrustTookOff,
    RegimeChanged,
    Exchange,
}

/// One turning point, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct TurningPoint {
    pub turn: u32,
    pub kind: PointKind,
    pub text: String,
}

/// Which turning point an event sentence of a turn record (`history::describe`) tells, if any.
pub fn event_kind(event: &str) -> Option<PointKind> {
    if event.contains(" signed the ") {
        Some(PointKind::TreatySigned)
    } else if event.contains(" breaking the ") {
        Some(PointKind::TreatyBroken)
    } else if event.starts_with("crisis between ") {
        Some(PointKind::Crisis)
    } else if event.contains("nuclear exchange") {
        Some(PointKind::Exchange)
    } else {
        None
    }
}

/// Mean trust below this is "collapsed", above `TOOK_OFF` "took off".
const COLLAPSED: f64 = 30.0;
const TOOK_OFF: f64 = 65.0;

/// The mean over every ordered pair of a record's trust.
pub fn mean_trust(record: &TurnRecord) -> f64 {
    mean_of(record.relations.iter().map(|r| r.trust))
}

pub fn mean_transparency(record: &TurnRecord) -> f64 {
    mean_of(record.relations.iter().map(|r| r.transparency))
}

/// The turning points of a match, in turn order. `start_trust` is the mean trust before the
/// first turn (the scenario's start).
pub fn turning_points(
    scenario: &Scenario,
    history: &[TurnRecord],
    start_trust: f64,
) -> Vec<TurningPoint> {
    let name = |id: &str| scenario.nation_name(id);
    let move_name = |id: &str| scenario.move_name(id);
    let mut points = Vec::new();
    let mut trust_before = start_trust;
    let mut regime_before = Regime::Unsettled;
    let mut misreadings_told = 0;
    for r in history {
        let push = |points: &mut Vec<TurningPoint>, kind, text: String| {
            points.push(TurningPoint {
                turn: r.turn,
                kind,
                text,
            })
        };
        // Cooperative moves read as hostile: the misreadings that hurt. The first three are told.
        for p in r.perceived.iter().filter(|p| p.misread) {
            let Some(m) = r.moves.iter().find(|m| m.nation == p.actor) else {
                continue;
            };
            if m.intent != Intent::Cooperative || p.seen_as != Some(Intent::Hostile) {
                continue;
            }
            misreadings_told += 1;
            if misreadings_told <= 3 {
                push(
                    &mut points,
                    PointKind::Misreading,
                    format!(
                        "{} read {} “{}” as a hostile move",
                        name(&p.observer),
                        possessive(&name(&p.actor)),
                        move_name(&m.action)
                    ),
                );
            }
        }
        for e in &r.events {
            if let Some(kind) = event_kind(e) {
                push(&mut points, kind, capitalise(e));
            }
        }
        let trust = mean_trust(r);
        if trust_before >= COLLAPSED && trust < COLLAPSED {
            push(
                &mut points,
                PointKind::TrustCollapsed,
                format!("Trust collapsed: the mean fell to {trust:.0}"),
            );
        } else if trust_before <= TOOK_OFF && trust > TOOK_OFF {
            push(
                &mut points,
                PointKind::TrustTookOff,
                format!("Trust took off: the mean rose to {trust:.0}"),
            );
        }
        if r.regime != regime_before && r.regime != Regime::Catastrophe {
            let text = match r.regime {
                Regime::Mas => "Stability took hold: trust, transparency and low risk (MAS)",
                Regime::Mad => "Deterrence by terror: high arms, low trust (MAD)",
                _ => "The balance came loose again (unsettled)",
            };
            push(&mut points, PointKind::RegimeChanged, text.to_string());
        }
        trust_before = trust;
        regime_before = r.regime;
    }
    if misreadings_told > 3 {
        let last = history.last().map_or(0, |r| r.turn);
        points.push(TurningPoint {
            turn: last,
            kind: PointKind::Misreading,
            text: format!("In all, {misreadings_told} cooperative moves were read as hostile"),
        });
        points.sort_by_key(|p| p.turn);
    }
    points
}

/// A paragraph on why the match ended as it did, from its final numbers.
pub fn explain(outcome: Regime, history: &[TurnRecord]) -> String {
    let Some(last) = history.last() else {
        return "The match ended before its first turn.".into();
    };
    let trust = mean_trust(last);
    let transparency = mean_transparency(last);
    let arms: f64 = last.nations.iter().map(|n| n.arms).sum();
    let misread: usize = history
        .iter()
        .map(|r| r.perceived.iter().filter(|p| p.misread).count())
        .sum();
    let turns = last.turn;
    match outcome {
        Regime::Mas => format!(
            "Mutually assured stability. After {turns} turns trust stands at {trust:.0} and \
             transparency at {transparency:.0}: each side can verify what the other does, so \
             cooperation is believed and repaid. Total arms ended at {arms:.0}."
        ),
        Regime::Mad => format!(
            "Mutually assured destruction. Peace holds only because both sides can destroy each \
             other: total arms ended at {arms:.0} with trust at {trust:.0}. {} along the way; with transparency at {transparency:.0}, each side saw the \
             worst in the other and armed against it.",
            misread_text(misread)
        ),
        // An exchange comes from the top of the escalation ladder or from the turn's risk; the
        // record of that turn is taken after it, when the crisis is over.
        Regime::Catastrophe if last.events.iter().any(|e| e.contains("top of the ladder")) => {
            format!(
                "Catastrophe: on turn {turns} a crisis climbed to the top of the escalation \
                 ladder, a nuclear exchange. Trust had fallen to {trust:.0} and transparency to \
                 {transparency:.0}. {} before it.",
                misread_text(misread)
            )
        }
        Regime::Catastrophe => format!(
            "Catastrophe: an accident or a miscalculation led to a nuclear exchange on turn \
             {turns}, when the risk of one was {:.1}% a turn. Trust had fallen to {trust:.0} and \
             transparency to {transparency:.0}. {} before it.",
            last.risk * 100.0,
            misread_text(misread)
        ),
        Regime::Unsettled => format!(
            "Unsettled. After {turns} turns neither deterrence nor stability took hold: trust \
             {trust:.0}, transparency {transparency:.0}, total arms {arms:.0}."
        ),
    }
}

/// "1 move was misread", "3 moves were misread".
fn misread_text(n: usize) -> String {
    match n {
        0 => "No move was misread".into(),
        1 => "1 move was misread".into(),
        n => format!("{n} moves were misread"),
    }
}

/// "Russia’s", "the United States’".
fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}’")
    } else {
        format!("{name}’s")
    }
}

/// The sentence with its first letter in capitals.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::rules::shipped;
    use crate::sim::run::run_one;
    use crate::sim::state::Controller;
    use crate::sim::strategy::Strategy;

    fn game(strategy: Strategy, seed: u64) -> (crate::sim::Rules, crate::sim::GameResult) {
        let rules = shipped("reset_2013");
        let personality = rules.personality_index("realist").unwrap();
        let controllers = vec![
            Controller::Ai {
                strategy,
                personality,
            };
            2
        ];
        let turns = rules.scenario.turns;
        let result = run_one(&rules, controllers, turns, seed);
        (rules, result)
    }

    #[test]
    fn a_war_of_defectors_tells_of_collapse_and_its_end() {
        let (rules, result) = game(Strategy::AlwaysDefect, 3);
        let history = result.history.as_ref().unwrap();
        let start = rules.scenario.relations.trust;
        let points = turning_points(&rules.scenario, history, start);
        assert!(
            points.iter().any(|p| p.kind == PointKind::TrustCollapsed),
            "{points:?}"
        );
        assert!(points.windows(2).all(|w| w[0].turn <= w[1].turn));
        let text = explain(result.outcome, history);
        assert!(text.starts_with(match result.outcome {
            Regime::Mad => "Mutually assured destruction",
            Regime::Catastrophe => "Catastrophe",
            Regime::Mas => "Mutually assured stability",
            Regime::Unsettled => "Unsettled",
        }));
    }

    /// Counted from the typed events of the rules (`SimEvent::TreatySigned`, turn by turn), not
    /// from the sentences the turning points are found in: each signing is one turning point of
    /// its turn, and the games do sign treaties.
    #[test]
    fn every_signed_treaty_is_a_turning_point() {
        use crate::sim::history::History;
        use crate::sim::log::{SimEvent, TurnLog};
        use crate::sim::run::{Plan, new_match, sim_app};
        use crate::sim::turn::Turn;
        let rules = shipped("reset_2013");
        let personality = rules.personality_index("realist").unwrap();
        let controllers = vec![
            Controller::Ai {
                strategy: Strategy::TitForTat,
                personality,
            };
            2
        ];
        let plan = Plan {
            controllers,
            turns: rules.scenario.turns,
            record: true,
            trajectories: 0,
        };
        let mut signed_in_all = 0;
        for seed in 1..20 {
            let mut app = sim_app(rules.clone());
            let world = app.world_mut();
            let game = world
                .spawn((new_match(&rules, &plan, 0, seed), History::default()))
                .id();
            let mut signed_per_turn = Vec::new();
            for _ in 0..plan.turns {
                world.run_schedule(Turn);
                let log = world.get::<TurnLog>(game).unwrap();
                let signed = log
                    .0
                    .iter()
                    .filter(|e| matches!(e, SimEvent::TreatySigned { .. }))
                    .count();
                signed_per_turn.push(signed);
            }
            let history = &world.get::<History>(game).unwrap().0;
            let points = turning_points(&rules.scenario, history, 50.0);
            for (k, &signed) in signed_per_turn.iter().enumerate().take(history.len()) {
                let turn = k as u32 + 1;
                let told = points
                    .iter()
                    .filter(|p| p.turn == turn && p.kind == PointKind::TreatySigned)
                    .count();
                assert_eq!(told, signed, "seed {seed}, turn {turn}: {points:?}");
            }
            signed_in_all += signed_per_turn.iter().sum::<usize>();
        }
        assert!(
            signed_in_all >= 5,
            "only {signed_in_all} treaties signed in 19 games"
        );
    }
}

//! The story of a match found in its history: the turning points (misreadings, treaties signed
//! and broken, crises, the turn trust collapsed or took off, changes of regime), as typed
//! facts found from the records' numbers and event variants. The end-of-game screen and the
//! reports tell them with `narrate`.

use crate::sim::archive::history::{TurnRecord, mean_of};
use crate::sim::play::log::SimEvent;
use crate::sim::play::state::Regime;
use crate::sim::scenario::{Intent, MoveIndex, Scenario};

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

/// What made a turn a turning point, as typed facts (`narrate::point` gives the words).
/// Indices are into the scenario's nations and moves.
#[derive(Debug, Clone, PartialEq)]
pub enum Point {
    /// `observer` read `actor`'s cooperative move `move_index` as hostile.
    Misreading {
        observer: usize,
        actor: usize,
        move_index: MoveIndex,
    },
    /// In all, this many cooperative moves were read as hostile (told once, after the first three).
    Misreadings(usize),
    /// A treaty signed or broken, a crisis opened, an exchange.
    Event(SimEvent),
    TrustCollapsed {
        mean: f64,
    },
    TrustTookOff {
        mean: f64,
    },
    RegimeChanged(Regime),
}

impl Point {
    pub fn kind(&self) -> PointKind {
        match self {
            Point::Misreading { .. } | Point::Misreadings(_) => PointKind::Misreading,
            Point::Event(e) => event_kind(e).unwrap_or(PointKind::Crisis),
            Point::TrustCollapsed { .. } => PointKind::TrustCollapsed,
            Point::TrustTookOff { .. } => PointKind::TrustTookOff,
            Point::RegimeChanged(_) => PointKind::RegimeChanged,
        }
    }
}

/// One turning point of a match.
#[derive(Debug, Clone, PartialEq)]
pub struct TurningPoint {
    pub turn: u32,
    pub point: Point,
}

impl TurningPoint {
    pub fn kind(&self) -> PointKind {
        self.point.kind()
    }
}

/// Which turning point an event of a turn record is, if any.
pub fn event_kind(event: &SimEvent) -> Option<PointKind> {
    match event {
        SimEvent::TreatySigned { .. } => Some(PointKind::TreatySigned),
        SimEvent::TreatyBreachCaught { .. } => Some(PointKind::TreatyBroken),
        SimEvent::CrisisOpened { .. } => Some(PointKind::Crisis),
        SimEvent::ExchangeHappened { .. } => Some(PointKind::Exchange),
        _ => None,
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
    let nation = |id: &str| scenario.nations.iter().position(|n| n.id == id);
    let mut points = Vec::new();
    let mut trust_before = start_trust;
    let mut regime_before = Regime::Unsettled;
    let mut misreadings = 0;
    for r in history {
        let mut push = |point| {
            points.push(TurningPoint {
                turn: r.turn,
                point,
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
            misreadings += 1;
            let (Some(observer), Some(actor), Some(move_index)) = (
                nation(&p.observer),
                nation(&p.actor),
                scenario.move_index(&m.move_id),
            ) else {
                continue;
            };
            if misreadings <= 3 {
                push(Point::Misreading {
                    observer,
                    actor,
                    move_index,
                });
            }
        }
        for e in &r.events {
            if event_kind(e).is_some() {
                push(Point::Event(e.clone()));
            }
        }
        let trust = mean_trust(r);
        if trust_before >= COLLAPSED && trust < COLLAPSED {
            push(Point::TrustCollapsed { mean: trust });
        } else if trust_before <= TOOK_OFF && trust > TOOK_OFF {
            push(Point::TrustTookOff { mean: trust });
        }
        if r.regime != regime_before && r.regime != Regime::Catastrophe {
            push(Point::RegimeChanged(r.regime));
        }
        trust_before = trust;
        regime_before = r.regime;
    }
    if misreadings > 3 {
        let last = history.last().map_or(0, |r| r.turn);
        points.push(TurningPoint {
            turn: last,
            point: Point::Misreadings(misreadings),
        });
        points.sort_by_key(|p| p.turn);
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::play::rules::shipped;
    use crate::sim::play::run::run_one;
    use crate::sim::play::state::Controller;
    use crate::sim::play::strategy::Strategy;

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
            points.iter().any(|p| p.kind() == PointKind::TrustCollapsed),
            "{points:?}"
        );
        assert!(points.windows(2).all(|w| w[0].turn <= w[1].turn));
    }

    /// Counted from the typed events of the rules (`SimEvent::TreatySigned`, turn by turn), not
    /// from the sentences the turning points are found in: each signing is one turning point of
    /// its turn, and the games do sign treaties.
    #[test]
    fn every_signed_treaty_is_a_turning_point() {
        use crate::sim::archive::history::History;
        use crate::sim::play::log::{SimEvent, TurnLog};
        use crate::sim::play::run::{Plan, new_match, sim_app};
        use crate::sim::play::turn::Turn;
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
            openings: Vec::new(),
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
                    .filter(|p| p.turn == turn && p.kind() == PointKind::TreatySigned)
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

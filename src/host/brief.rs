//! What every seat may know of the scenario itself: its title and story, the nations' names and
//! colours, the moves' names, descriptions and declared intents, the crisis ladder. The
//! scenario file is public (it ships with the game), so this is the same for every seat; a
//! page needs it to put names to the indices of a `SeatView`.

use crate::sim::archive::history::TurnRecord;
use crate::sim::archive::narrate;
use crate::sim::archive::story::{self, PointKind};
use crate::sim::play::state::Regime;
use crate::sim::play::view::SeatView;
use crate::sim::scenario::{Intent, Scenario, Visibility};
use serde::Serialize;

/// The public facts of a scenario, for a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brief {
    pub id: String,
    pub title: String,
    pub year: i32,
    pub description: String,
    /// What one turn stands for ("a quarter", "a year").
    pub turn_length: String,
    pub nations: Vec<NationBrief>,
    /// Indexed by `MoveIndex`.
    pub moves: Vec<MoveBrief>,
    /// The crisis ladder's rungs, lowest first.
    pub ladder: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NationBrief {
    pub id: String,
    pub name: String,
    /// A CSS colour (`#rrggbb`).
    pub colour: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoveBrief {
    pub id: String,
    pub name: String,
    pub description: String,
    pub intent: Intent,
    /// Whether the move proposes an agreement that the other side must accept.
    pub proposal: bool,
    /// A secret move: the others see it only if they catch it (its odds are of being caught,
    /// where a public move's are of being misread).
    pub secret: bool,
    /// The move's cost to the budget.
    pub cost: f64,
}

impl Brief {
    pub fn of(sc: &Scenario) -> Brief {
        Brief {
            id: sc.id.clone(),
            title: sc.title.clone(),
            year: sc.year,
            description: sc.description.clone(),
            turn_length: sc.turn_length.clone(),
            nations: sc
                .nations
                .iter()
                .map(|n| NationBrief {
                    id: n.id.clone(),
                    name: n.name.clone(),
                    colour: n.colour.clone(),
                })
                .collect(),
            moves: sc
                .moves
                .iter()
                .map(|m| MoveBrief {
                    id: m.id.clone(),
                    name: m.name.clone(),
                    description: m.description.clone(),
                    intent: m.intent,
                    proposal: m.proposes.is_some(),
                    secret: m.visibility == Visibility::Secret,
                    cost: m.cost,
                })
                .collect(),
            ladder: sc.ladder.clone(),
        }
    }
}

/// The news of the view's latest turn in words, as the seat's screen would say it: only the
/// events its `SeatView` holds.
pub fn news(sc: &Scenario, view: &SeatView) -> Vec<String> {
    narrate::news(sc, &view.now().events)
        .into_iter()
        .map(|s| narrate::capitalise(&s))
        .collect()
}

/// How the seat read each move of the view's latest turn, in words, in the order of
/// `view.now().moves` ("✓ You read it as cooperative", "⚠ MISREAD: …").
pub fn readings(view: &SeatView) -> Vec<String> {
    let now = view.now();
    now.moves
        .iter()
        .map(|m| {
            if m.actor == view.nation {
                String::new()
            } else {
                narrate::reading("You", "it", Some(m.seen_as), m.misread, m.detected)
            }
        })
        .collect()
}

/// The end of a match, declassified: what the debrief tells every seat once it is over.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Debrief {
    /// Why it ended as it did, a paragraph.
    pub outcome: String,
    /// The turning points, in turn order, in words: `(turn, text, kind)`, where kind is the
    /// point's kind in snake case (misreading, treaty_signed, crisis, …) for the page's colours.
    pub points: Vec<(u32, String, String)>,
}

/// The debrief of a finished match from its true records (the opening position first).
pub fn debrief(sc: &Scenario, outcome: Regime, records: &[TurnRecord]) -> Debrief {
    let history = records.get(1..).unwrap_or_default();
    let start = records.first().map_or(50.0, story::mean_trust);
    Debrief {
        outcome: narrate::outcome(outcome, history),
        points: story::turning_points(sc, history, start)
            .iter()
            .map(|p| {
                let kind = match p.kind() {
                    PointKind::Misreading => "misreading",
                    PointKind::TreatySigned => "treaty_signed",
                    PointKind::TreatyBroken => "treaty_broken",
                    PointKind::Crisis => "crisis",
                    PointKind::TrustCollapsed => "trust_collapsed",
                    PointKind::TrustTookOff => "trust_took_off",
                    PointKind::RegimeChanged => "regime_changed",
                    PointKind::Exchange => "exchange",
                };
                (p.turn, narrate::point(sc, &p.point), kind.to_string())
            })
            .collect(),
    }
}

/// A view as a `view` message carries it: its history cut to the latest two turns (the turn
/// before and the turn just resolved, as the reveal compares them), so that a message stays
/// the same size all match long. The whole history is drawn on the host (`charts`).
pub fn on_the_wire(mut view: SeatView) -> SeatView {
    let keep = view.history.len().min(2);
    view.history.drain(..view.history.len() - keep);
    view
}

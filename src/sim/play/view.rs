//! What each seat may know: the one rule, as projections of a match. Every seat screen of the
//! desktop (and next the browser's page) draws from a `SeatView` alone, so a nation is never
//! shown what it could not know. The facilitator's view is the match's true record
//! (`history::TurnRecord`), which the projector and, once a match is over, the debrief show.
//!
//! What is public and what is private is set out in `docs/model.md` ("What each nation knows"):
//! - its own state, true: arms, alert, missile defense, budget, approval, score, and its move;
//! - of each other nation: its estimate of that nation's arms, and the true arms only where its
//!   transparency into it reaches the scenario's `params.verification` threshold; its own trust
//!   in and transparency into it; the hotline between them; that nation's alert, approval and
//!   missile defense, which are public (postures, polls and deployments are seen);
//! - the moves of each turn as it perceived them: a secret move it did not detect is absent,
//!   and a misread move shows the intent it read; never another seat's choice before the turn
//!   is resolved;
//! - what everyone sees: the turn, the regime, the risk and the clock, the global threats, the
//!   crisis and its rung, the agreements in force, the pending proposals, the turn's events;
//! - never another nation's trust, transparency or beliefs, its budget or score, or its stance.

use crate::sim::archive::history::{CrisisRecord, NationRecord, TurnRecord};
use crate::sim::play::command::{Position, waiting_for};
use crate::sim::play::log::SimEvent;
use crate::sim::play::rules::Rules;
use crate::sim::play::state::{Crisis, Orders, Regime};
use crate::sim::scenario::{Intent, MoveIndex, Threats, Visibility};
use serde::{Deserialize, Serialize};

/// Everything nation `nation` may know of a match in play, after its last resolved turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeatView {
    /// The seat's nation (index into the scenario's nations).
    pub nation: usize,
    /// Turns resolved so far, and the turn count the match stops at.
    pub turn: u32,
    pub turns: u32,
    /// Set once the match is over.
    pub outcome: Option<Regime>,
    /// The position before the first turn, then each resolved turn, as this nation knew it.
    pub history: Vec<SeatTurn>,
    /// The moves open to this nation now, with the odds the others misread (or catch) each.
    pub moves: Vec<MoveOption>,
    /// Its own choice for the turn in play, and its answers to the pending proposals.
    pub chosen: Option<MoveIndex>,
    pub answers: Vec<(usize, bool)>,
    /// The offers waiting for an answer (`index` is the position in the match's pending list,
    /// what `AnswerProposal` names).
    pub proposals: Vec<ProposalView>,
    /// The agreements in force.
    pub agreements: Vec<AgreementView>,
    /// The open crisis, public to all.
    pub crisis: Option<Crisis>,
    /// Whether the turn in play waits for other people's seats (not which move they chose).
    pub others_waiting: Vec<usize>,
}

/// One turn as a nation knew it at its end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeatTurn {
    /// 0 for the position before the first turn.
    pub turn: u32,
    pub regime: Regime,
    /// The chance of an exchange this turn (0..1) and the doomsday clock (minutes).
    pub risk: f64,
    pub minutes_to_midnight: f64,
    pub threats: Threats,
    pub crisis: Option<CrisisRecord>,
    /// Its own state, true.
    pub own: NationRecord,
    /// Each other nation, in scenario order, as this nation sees it.
    pub others: Vec<Counterpart>,
    /// Its own move and the others' moves as it perceived them (undetected secret moves absent).
    pub moves: Vec<SeenMove>,
    /// The turn's public events.
    pub events: Vec<SimEvent>,
}

/// Another nation, as the seat's nation sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Counterpart {
    /// Index into the scenario's nations.
    pub nation: usize,
    /// The seat's estimate of its arms (0..100).
    pub believed_arms: f64,
    /// Its true arms, when the seat's transparency into it reaches the verification threshold.
    pub verified_arms: Option<f64>,
    /// Public: alert (0..3), approval (0..100), missile defense (0..100).
    pub alert: u8,
    pub approval: f64,
    pub missile_defense: f64,
    /// The seat's own trust in it and transparency into it (0..100).
    pub trust: f64,
    pub transparency: f64,
    pub hotline: bool,
}

impl Counterpart {
    /// The arms the seat goes by: verified when it can verify them, else its estimate.
    pub fn arms(&self) -> f64 {
        self.verified_arms.unwrap_or(self.believed_arms)
    }
}

/// A move of the turn as the seat's nation saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeenMove {
    /// Who played it (index into the nations) and which move it was.
    pub actor: usize,
    pub move_index: MoveIndex,
    /// The intent the seat read (its own move: its true intent).
    pub seen_as: Intent,
    /// Read otherwise than it was meant: more hostile, or (complacency) more harmless.
    pub misread: bool,
    /// A secret move the seat caught.
    pub detected: bool,
}

/// A move open to the seat, with how the others are likely to read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoveOption {
    pub move_index: MoveIndex,
    /// The chance (0..1) that the others misread it (a public move) or catch it (a secret
    /// move), averaged over them (`reading_odds`).
    pub odds: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalView {
    /// Position in the match's pending proposals.
    pub index: usize,
    pub from: usize,
    /// The proposing move.
    pub move_index: MoveIndex,
    /// Whether this seat may answer it (it is not its own).
    pub to_answer: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementView {
    /// The proposing move whose agreement it is, and the two parties.
    pub move_index: MoveIndex,
    pub parties: [usize; 2],
    pub signed: u32,
}

impl SeatView {
    /// The turn just resolved (the opening position before the first).
    pub fn now(&self) -> &SeatTurn {
        self.history
            .last()
            .expect("a seat view has the opening position")
    }

    /// The turn before `now`, when there is one.
    pub fn before(&self) -> Option<&SeatTurn> {
        self.history.len().checked_sub(2).map(|k| &self.history[k])
    }

    /// Whether the seat's nation is a party to the open crisis.
    pub fn in_crisis(&self) -> bool {
        self.crisis
            .as_ref()
            .is_some_and(|c| c.parties.contains(&self.nation))
    }

    /// What the seat knows of another nation now.
    pub fn counterpart(&self, nation: usize) -> Option<&Counterpart> {
        self.now().others.iter().find(|c| c.nation == nation)
    }

    /// The moves open to the seat now, by index.
    pub fn open_moves(&self) -> Vec<MoveIndex> {
        self.moves.iter().map(|m| m.move_index).collect()
    }
}

/// The threshold of transparency (0..100) at which a nation verifies another's true arms.
pub fn verification(rules: &Rules) -> f64 {
    rules.scenario.params.verification
}

/// What `nation` may know of the match at `at` whose records (the opening first) are
/// `records`. The live parts (open moves, proposals, agreements) come from the match now.
pub fn seat_view(
    rules: &Rules,
    at: Position,
    orders: &Orders,
    records: &[TurnRecord],
    nation: usize,
) -> SeatView {
    let open = at.open_moves(rules, nation);
    let moves = if at.clock.finished() {
        Vec::new()
    } else {
        open.into_iter()
            .map(|move_index| MoveOption {
                move_index,
                odds: reading_odds(rules, at, nation, move_index),
            })
            .collect()
    };
    SeatView {
        nation,
        turn: at.clock.turn,
        turns: at.clock.turns,
        outcome: at.clock.outcome,
        history: records
            .iter()
            .map(|r| seat_turn(rules, r, nation))
            .collect(),
        moves,
        chosen: orders.moves.get(nation).copied().flatten(),
        answers: orders
            .answers
            .iter()
            .filter(|&&(_, by, _)| by == nation)
            .map(|&(p, _, accepted)| (p, accepted))
            .collect(),
        proposals: at
            .diplomacy
            .proposals
            .iter()
            .enumerate()
            .map(|(index, p)| ProposalView {
                index,
                from: p.from,
                move_index: p.move_index,
                to_answer: p.from != nation,
            })
            .collect(),
        agreements: at
            .diplomacy
            .treaties
            .iter()
            .map(|t| AgreementView {
                move_index: t.move_index,
                parties: t.parties,
                signed: t.signed,
            })
            .collect(),
        crisis: at.diplomacy.crisis.clone(),
        others_waiting: waiting_for(at.seats, orders)
            .into_iter()
            .filter(|&i| i != nation)
            .collect(),
    }
}

/// One turn's record as `nation` knew it.
pub fn seat_turn(rules: &Rules, record: &TurnRecord, nation: usize) -> SeatTurn {
    let sc = &rules.scenario;
    let me = &sc.nations[nation].id;
    let others = record
        .nations
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != nation)
        .filter_map(|(j, n)| {
            let rel = record
                .relations
                .iter()
                .find(|r| &r.from == me && r.to == n.id)?;
            Some(Counterpart {
                nation: j,
                believed_arms: rel.belief,
                verified_arms: rel.verified.then_some(n.arms),
                alert: n.alert,
                approval: n.approval,
                missile_defense: n.missile_defense,
                trust: rel.trust,
                transparency: rel.transparency,
                hotline: rel.hotline,
            })
        })
        .collect();
    let index = |id: &str| sc.nations.iter().position(|n| n.id == id);
    let mut moves = Vec::new();
    for m in &record.moves {
        let (Some(actor), Some(a)) = (index(&m.nation), sc.move_index(&m.move_id)) else {
            continue;
        };
        if actor == nation {
            moves.push(SeenMove {
                actor,
                move_index: a,
                seen_as: m.intent,
                misread: false,
                detected: false,
            });
            continue;
        }
        let seen = record
            .perceived
            .iter()
            .find(|p| &p.observer == me && p.actor == m.nation);
        if let Some(p) = seen
            && let Some(seen_as) = p.seen_as
        {
            moves.push(SeenMove {
                actor,
                move_index: a,
                seen_as,
                misread: p.misread,
                detected: p.detected,
            });
        }
    }
    SeatTurn {
        turn: record.turn,
        regime: record.regime,
        // The risk to 0.01% and the clock to 0.1 minute, as they are shown: finer, they would
        // hint at the others' hidden numbers (the risk grows with every nation's arms).
        risk: (record.risk * 1e4).round() / 1e4,
        minutes_to_midnight: (record.minutes_to_midnight * 10.0).round() / 10.0,
        threats: record.threats,
        crisis: record.crisis.clone(),
        own: record.nations[nation].clone(),
        others,
        moves,
        events: record.events.clone(),
    }
}

/// The chance that the others misread `move_index` by `nation` (public moves), or catch it (secret
/// moves), averaged over the others and given their transparency into `nation` now. A nation
/// knows how far the others can see into it: it is what it allows (inspections, data).
pub fn reading_odds(rules: &Rules, at: Position, nation: usize, move_index: MoveIndex) -> f64 {
    let m = &rules.scenario.moves[move_index];
    let detect = rules.scenario.params.perception.detect;
    let relations = at.relations;
    let odds: Vec<f64> = (0..relations.n)
        .filter(|&j| j != nation)
        .map(|j| {
            let clarity = relations.get(j, nation).transparency / 100.0;
            match m.visibility {
                Visibility::Secret => clarity * detect,
                Visibility::Public => m.ambiguity * (1.0 - clarity),
            }
        })
        .collect();
    (odds.iter().sum::<f64>() / odds.len().max(1) as f64).clamp(0.0, 1.0)
}

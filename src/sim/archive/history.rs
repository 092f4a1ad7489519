//! Each turn of a match as it ended: the records `--json`, `--csv`, the charts, the reports and
//! every `SeatView` are made from.

use crate::sim::play::log::{SimEvent, TurnLog};
use crate::sim::play::rules::{Rules, minutes_to_midnight};
use crate::sim::play::state::{
    Clock, Diplomacy, ExchangeRisk, Nations, Orders, Regime, RegimeHistory, Relations,
    SharedThreats,
};
use crate::sim::play::strategy::Stance;
use crate::sim::scenario::{Intent, Threats};
use bevy::prelude::Component;
use serde::{Deserialize, Serialize};

/// The turn records of a match; present only on matches that are recorded.
#[derive(Component, Debug, Clone, Default)]
pub struct History(pub Vec<TurnRecord>);

/// The mean of some numbers, 0 for none.
pub fn mean_of(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

/// One turn as it ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnRecord {
    /// 1-based.
    pub turn: u32,
    pub regime: Regime,
    pub risk: f64,
    pub minutes_to_midnight: f64,
    pub threats: Threats,
    pub crisis: Option<CrisisRecord>,
    pub nations: Vec<NationRecord>,
    pub relations: Vec<RelationRecord>,
    pub moves: Vec<MoveRecord>,
    pub perceived: Vec<PerceivedRecord>,
    /// The turn's news, typed: every fact but the moves and how they were read (which have
    /// `moves` and `perceived`). All of it is public (`docs/model.md`); `narrate::event` tells it.
    #[serde(deserialize_with = "typed_events")]
    pub events: Vec<SimEvent>,
}

/// Reads a record's events: typed ones (saves of version 3 on), skipping the sentences that
/// saves of versions 1 and 2 held in their place; those saves take their events from the
/// replay (`migrate`).
fn typed_events<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<SimEvent>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Entry {
        Typed(SimEvent),
        Told(#[allow(dead_code)] String),
    }
    let entries = Vec::<Entry>::deserialize(d)?;
    Ok(entries
        .into_iter()
        .filter_map(|e| match e {
            Entry::Typed(e) => Some(e),
            Entry::Told(_) => None,
        })
        .collect())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrisisRecord {
    pub parties: [String; 2],
    pub level: u8,
    pub rung: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NationRecord {
    pub id: String,
    pub arms: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warheads: Option<u32>,
    pub alert: u8,
    pub missile_defense: f64,
    pub budget: f64,
    pub approval: f64,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationRecord {
    pub from: String,
    pub to: String,
    pub trust: f64,
    pub transparency: f64,
    /// `from`'s estimate of `to`'s arms.
    pub belief: f64,
    pub hotline: bool,
    /// Whether `from` could verify `to`'s arms at the end of the turn (its transparency had
    /// reached the scenario's `params.verification` then): so a threshold changed later does
    /// not reveal the past.
    #[serde(default)]
    pub verified: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoveRecord {
    pub nation: String,
    /// The move's id.
    #[serde(rename = "move")]
    pub move_id: String,
    pub intent: Intent,
    pub stance: Stance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PerceivedRecord {
    pub observer: String,
    pub actor: String,
    /// The intent read, or `null` when a secret move went unseen.
    pub seen_as: Option<Intent>,
    pub misread: bool,
    pub detected: bool,
}

/// Rounds for the records, so that histories are readable and compare as text.
pub fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The risk as records keep it: a probability to six decimals.
pub(crate) fn round_risk(risk: f64) -> f64 {
    (risk * 1e6).round() / 1e6
}

/// The record of the turn just resolved.
pub fn record_turn_of(
    rules: &Rules,
    orders: &Orders,
    log: &TurnLog,
    nations: &Nations,
    relations: &Relations,
    diplomacy: &Diplomacy,
    clock: &Clock,
    threats: &SharedThreats,
    risk: &ExchangeRisk,
    history: &RegimeHistory,
) -> TurnRecord {
    let sc = &rules.scenario;
    let id = |i: usize| sc.nations[i].id.clone();
    let nation_records = nations
        .0
        .iter()
        .enumerate()
        .map(|(i, n)| NationRecord {
            id: id(i),
            arms: round(n.arms),
            warheads: warheads(rules, i, n.arms),
            alert: n.alert,
            missile_defense: round(n.missile_defense),
            budget: round(n.budget),
            approval: round(n.approval),
            score: round(n.score),
        })
        .collect();
    let relation_records = relations
        .pairs()
        .map(|(i, j)| {
            let r = relations.get(i, j);
            RelationRecord {
                from: id(i),
                to: id(j),
                trust: round(r.trust),
                transparency: round(r.transparency),
                belief: round(r.belief),
                hotline: r.hotline,
                verified: r.transparency >= sc.params.verification,
            }
        })
        .collect();
    let moves = orders
        .moves
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let m = &sc.moves[(*a)?];
            Some(MoveRecord {
                nation: id(i),
                move_id: m.id.clone(),
                intent: m.intent,
                stance: orders.stances[i],
            })
        })
        .collect();
    let perceived = log
        .0
        .iter()
        .filter_map(|e| match e {
            SimEvent::MovePerceived {
                observer,
                actor,
                perception,
            } => Some(PerceivedRecord {
                observer: id(*observer),
                actor: id(*actor),
                seen_as: perception.seen,
                misread: perception.misread,
                detected: perception.detected,
            }),
            _ => None,
        })
        .collect();
    let crisis = diplomacy.crisis.as_ref().map(|c| CrisisRecord {
        parties: c.parties.map(id),
        level: c.level,
        rung: sc
            .ladder
            .get(usize::from(c.level))
            .cloned()
            .unwrap_or_default(),
    });
    TurnRecord {
        turn: clock.turn,
        regime: history.regimes.last().copied().unwrap_or(Regime::Unsettled),
        risk: round_risk(risk.chance),
        minutes_to_midnight: round(minutes_to_midnight(rules, risk.chance)),
        threats: Threats {
            terrorism: round(threats.levels.terrorism),
            proliferation: round(threats.levels.proliferation),
            disaster: round(threats.levels.disaster),
        },
        crisis,
        nations: nation_records,
        relations: relation_records,
        moves,
        perceived,
        events: log
            .0
            .iter()
            .filter(|e| {
                !matches!(
                    e,
                    SimEvent::MoveChosen { .. } | SimEvent::MovePerceived { .. }
                )
            })
            .cloned()
            .collect(),
    }
}

/// Warheads for display: `arms` on the one scale of every scenario (`scale::warheads_of_arms`),
/// to three significant figures (the index says no more); none for a nation whose scenario
/// counts no warheads.
pub fn warheads(rules: &Rules, nation: usize, arms: f64) -> Option<u32> {
    rules.scenario.nations[nation].warheads?;
    let w = crate::sim::scenario::scale::warheads_of_arms(arms);
    let digits = 10f64.powi((w.max(1.0).log10().floor() as i32 - 2).max(0));
    Some(((w / digits).round() * digits) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Events {
        #[serde(deserialize_with = "typed_events")]
        events: Vec<SimEvent>,
    }

    /// A save of version 2 or a match file of Détente 0.2.0 holds sentences where events go:
    /// they are skipped (the replay supplies the typed events); typed ones are read, in RON
    /// (saves) and JSON (exports) alike.
    #[test]
    fn typed_events_are_read_and_old_sentences_skipped() {
        let signed = SimEvent::TreatySigned {
            parties: [0, 1],
            move_index: crate::sim::scenario::MoveIndex(7),
        };
        let ended = SimEvent::CrisisEnded {
            level: 2,
            fizzled: true,
        };
        let ron_text = format!(
            "(events: [\"usa and rus signed the New START\", {}, {}])",
            ron::to_string(&signed).unwrap(),
            ron::to_string(&ended).unwrap()
        );
        let read: Events = ron::from_str(&ron_text).unwrap();
        assert_eq!(read.events, vec![signed.clone(), ended.clone()]);
        let json_text = format!(
            "{{\"events\": [\"a sentence\", {}, {}]}}",
            serde_json::to_string(&signed).unwrap(),
            serde_json::to_string(&ended).unwrap()
        );
        let read: Events = serde_json::from_str(&json_text).unwrap();
        assert_eq!(read.events, vec![signed.clone(), ended]);
        // Détente 0.3.0 (save version 3) named a move `action` and an event `CardDrawn(card)`.
        let drawn = SimEvent::EventDrawn {
            event: crate::sim::scenario::EventIndex(2),
            targets: vec![1],
        };
        let old_json = r#"{"events": [{"TreatySigned": {"parties": [0, 1], "action": 7}},
            {"CardDrawn": {"card": 2, "targets": [1]}}]}"#;
        let read: Events = serde_json::from_str(old_json).unwrap();
        assert_eq!(read.events, vec![signed.clone(), drawn.clone()]);
        let old_ron = "(events: [TreatySigned(parties: (0, 1), action: 7), CardDrawn(card: 2, targets: [1])])";
        let read: Events = ron::from_str(old_ron).unwrap();
        assert_eq!(read.events, vec![signed, drawn]);
    }
}

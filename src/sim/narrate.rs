//! Words for what the rules report: the one place a typed fact becomes a sentence. The desktop,
//! the reports and the command line's turn lines call these at display time; nothing parses the
//! sentences back, and every other module matches on the types (`SimEvent`, `Refusal`,
//! `story::Point`). Changing a sentence here changes what people read, and nothing else.

use super::command::Refusal;
use super::history::TurnRecord;
use super::log::SimEvent;
use super::scenario::Scenario;
use super::state::Regime;
use super::story::{Point, mean_transparency, mean_trust};

/// A sentence for each fact worth telling, without a capital (the moves and how they were
/// read have records of their own, so `MoveChosen` and `MovePerceived` have none).
pub fn event(sc: &Scenario, event: &SimEvent) -> Option<String> {
    let name = |i: usize| nation(sc, i);
    let agreement = |m: usize| agreement(sc, m);
    let rung = |l: u8| sc.ladder.get(usize::from(l)).map_or("?", String::as_str);
    Some(match event {
        SimEvent::MoveChosen { .. } | SimEvent::MovePerceived { .. } => return None,
        SimEvent::ProposalAnswered {
            from,
            by,
            proposal,
            accepted,
        } => format!(
            "{} {} the {} proposed by {}",
            name(*by),
            if *accepted { "accepted" } else { "declined" },
            agreement(*proposal),
            name(*from)
        ),
        SimEvent::TreatySigned { parties, proposal } => format!(
            "{} and {} signed the {}",
            name(parties[0]),
            name(parties[1]),
            agreement(*proposal)
        ),
        SimEvent::TreatyBreachCaught {
            breaker,
            by,
            proposal,
        } => format!(
            "{} caught {} breaking the {}; the agreement is void",
            name(*by),
            name(*breaker),
            agreement(*proposal)
        ),
        SimEvent::CardDrawn { card, targets } => {
            let who: Vec<&str> = targets.iter().map(|&t| name(t)).collect();
            let card = sc.events.get(*card).map_or("?", |e| e.name.as_str());
            format!("{card}: {}", who.join(", "))
        }
        SimEvent::CrisisOpened { parties, level } => format!(
            "crisis between {} and {}: {}",
            name(parties[0]),
            name(parties[1]),
            rung(*level)
        ),
        SimEvent::CrisisMoved { from, to } => {
            format!("crisis moved from {} to {}", rung(*from), rung(*to))
        }
        SimEvent::CrisisEnded { fizzled: true, .. } => "the crisis fizzled out".into(),
        SimEvent::CrisisEnded { .. } => "the crisis was defused".into(),
        SimEvent::ExchangeHappened {
            on_the_ladder: true,
        } => "the crisis reached the top of the ladder: nuclear exchange".into(),
        SimEvent::ExchangeHappened { .. } => {
            "an accident or a miscalculation led to a nuclear exchange".into()
        }
    })
}

/// Why a command was refused, without a capital or a full stop: "Escalate is not open to this
/// nation now".
pub fn refusal(sc: &Scenario, refusal: &Refusal) -> String {
    let name = |i: usize| nation(sc, i);
    match refusal {
        Refusal::NoSuchNation { nation } => format!("the scenario has no nation {nation}"),
        Refusal::NotAPerson { nation } => {
            format!("{} is not played by a person", name(*nation))
        }
        Refusal::NoSuchMove { action } => format!("the scenario has no move {action}"),
        Refusal::MoveNotOpen { action, .. } => format!(
            "{} is not open to this nation now",
            sc.moves.get(*action).map_or("?", |m| m.name.as_str())
        ),
        Refusal::NoSuchProposal { .. } => "no such proposal to answer".into(),
        Refusal::OwnProposal { .. } => "a nation cannot answer its own proposal".into(),
        Refusal::NotChosen { .. } => "this nation has not chosen a move yet".into(),
        Refusal::Paused => "the facilitator has paused the match".into(),
        Refusal::MatchOver => "the match is over".into(),
        Refusal::NoSuchEvent { card } => format!("the deck has no event {card}"),
        Refusal::BadParameter { why } => why.clone(),
        Refusal::NoSuchTurn { turn, played } => {
            format!("there is no turn {turn} to go back to ({played} played)")
        }
        Refusal::CannotRebuild { why } => format!("the match cannot be rebuilt: {why}"),
    }
}

/// A turning point of a match in words, with a capital.
pub fn point(sc: &Scenario, point: &Point) -> String {
    let name = |i: usize| nation(sc, i);
    match point {
        Point::Misreading {
            observer,
            actor,
            action,
        } => format!(
            "{} read {} “{}” as a hostile move",
            name(*observer),
            possessive(name(*actor)),
            sc.moves.get(*action).map_or("?", |m| m.name.as_str())
        ),
        Point::Misreadings(n) => format!("In all, {n} cooperative moves were read as hostile"),
        Point::Event(e) => capitalise(&event(sc, e).unwrap_or_default()),
        Point::TrustCollapsed { mean } => {
            format!("Trust collapsed: the mean fell to {mean:.0}")
        }
        Point::TrustTookOff { mean } => format!("Trust took off: the mean rose to {mean:.0}"),
        Point::RegimeChanged(regime) => match regime {
            Regime::Mas => "Stability took hold: trust, transparency and low risk (MAS)",
            Regime::Mad => "Deterrence by terror: high arms, low trust (MAD)",
            Regime::Catastrophe => "Catastrophe: a nuclear exchange",
            Regime::Unsettled => "The balance came loose again (unsettled)",
        }
        .into(),
    }
}

/// A nation's name by index ("?" for none).
pub fn nation(sc: &Scenario, i: usize) -> &str {
    sc.nations.get(i).map_or("?", |n| n.name.as_str())
}

/// The name of the agreement a proposing move offers (the move's own name if it offers none).
pub fn agreement(sc: &Scenario, action: usize) -> &str {
    sc.moves.get(action).map_or("?", |m| {
        m.proposes
            .as_ref()
            .map_or(m.name.as_str(), |a| a.name.as_str())
    })
}

/// "1 move was misread", "3 moves were misread".
pub fn misread_count(n: usize) -> String {
    match n {
        0 => "No move was misread".into(),
        1 => "1 move was misread".into(),
        n => format!("{n} moves were misread"),
    }
}

/// "Russia’s", "the United States’".
pub fn possessive(name: &str) -> String {
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

/// A paragraph on why the match ended as it did, from its final numbers.
pub fn outcome(outcome: Regime, history: &[TurnRecord]) -> String {
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
    let misread = misread_count(misread);
    let turns = last.turn;
    let on_the_ladder = last.events.iter().any(|e| {
        matches!(
            e,
            SimEvent::ExchangeHappened {
                on_the_ladder: true
            }
        )
    });
    match outcome {
        Regime::Mas => format!(
            "Mutually assured stability. After {turns} turns trust stands at {trust:.0} and \
             transparency at {transparency:.0}: each side can verify what the other does, so \
             cooperation is believed and repaid. Total arms ended at {arms:.0}."
        ),
        Regime::Mad => format!(
            "Mutually assured destruction. Peace holds only because both sides can destroy each \
             other: total arms ended at {arms:.0} with trust at {trust:.0}. {misread} along the \
             way; with transparency at {transparency:.0}, each side saw the worst in the other \
             and armed against it."
        ),
        // An exchange comes from the top of the escalation ladder or from the turn's risk; the
        // record of that turn is taken after it, when the crisis is over.
        Regime::Catastrophe if on_the_ladder => format!(
            "Catastrophe: on turn {turns} a crisis climbed to the top of the escalation \
             ladder, a nuclear exchange. Trust had fallen to {trust:.0} and transparency to \
             {transparency:.0}. {misread} before it."
        ),
        Regime::Catastrophe => format!(
            "Catastrophe: an accident or a miscalculation led to a nuclear exchange on turn \
             {turns}, when the risk of one was {:.1}% a turn. Trust had fallen to {trust:.0} and \
             transparency to {transparency:.0}. {misread} before it.",
            last.risk * 100.0,
        ),
        Regime::Unsettled => format!(
            "Unsettled. After {turns} turns neither deterrence nor stability took hold: trust \
             {trust:.0}, transparency {transparency:.0}, total arms {arms:.0}."
        ),
    }
}

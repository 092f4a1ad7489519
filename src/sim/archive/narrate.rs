//! Words for what the rules report: the one place a typed fact becomes a sentence. The desktop,
//! the reports and the command line's turn lines call these at display time; nothing parses the
//! sentences back, and every other module matches on the types (`SimEvent`, `Refusal`,
//! `story::Point`). Changing a sentence here changes what people read, and nothing else.

use crate::sim::archive::history::TurnRecord;
use crate::sim::archive::story::{Point, mean_transparency, mean_trust};
use crate::sim::play::command::Refusal;
use crate::sim::play::log::SimEvent;
use crate::sim::play::state::{Controller, Regime};
use crate::sim::scenario::{Intent, MoveIndex, Scenario};

/// A sentence for each fact worth telling, without a capital (the moves and how they were
/// read have records of their own, so `MoveChosen` and `MovePerceived` have none).
pub fn event(sc: &Scenario, event: &SimEvent) -> Option<String> {
    let name = |i: usize| nation(sc, i);
    let agreement = |m: MoveIndex| agreement(sc, m);
    let rung = |l: u8| sc.ladder.get(usize::from(l)).map_or("?", String::as_str);
    Some(match event {
        SimEvent::MoveChosen { .. } | SimEvent::MovePerceived { .. } => return None,
        SimEvent::ProposalAnswered {
            from,
            by,
            move_index,
            accepted,
        } => format!(
            "{} {} the {} proposed by {}",
            name(*by),
            if *accepted { "accepted" } else { "declined" },
            agreement(*move_index),
            name(*from)
        ),
        SimEvent::TreatySigned {
            parties,
            move_index,
        } => format!(
            "{} and {} signed the {}",
            name(parties[0]),
            name(parties[1]),
            agreement(*move_index)
        ),
        SimEvent::TreatyBreachCaught {
            breaker,
            by,
            move_index,
        } => format!(
            "{} caught {} breaking the {}; the agreement is void",
            name(*by),
            name(*breaker),
            agreement(*move_index)
        ),
        SimEvent::EventDrawn { event, targets } => {
            let who: Vec<&str> = targets.iter().map(|&t| name(t)).collect();
            let event = sc.get_event(*event).map_or("?", |e| e.name.as_str());
            format!("{event}: {}", who.join(", "))
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
        SimEvent::ElectionHeld {
            nation, returned, ..
        } if *returned => format!(
            "{} held an election: the government was returned",
            name(*nation)
        ),
        SimEvent::ElectionHeld {
            nation,
            personality,
            ..
        } => match personality.and_then(|p| sc.personalities.keys().nth(p)) {
            Some(p) => format!(
                "{} held an election: the government lost, and its successor governs as a {p}",
                name(*nation)
            ),
            None => format!("{} held an election: the government lost", name(*nation)),
        },
        SimEvent::ClimbedDown { nation, to } => format!(
            "{} backed down while {} stood firm: a climb-down that costs it at home",
            name(*nation),
            name(*to)
        ),
        SimEvent::FreeRiding { riders } => {
            let who: Vec<&str> = riders.iter().map(|&r| name(r)).collect();
            let list = match who.as_slice() {
                [rest @ .., last] if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                _ => who.join(""),
            };
            format!(
                "{list} kept out of the joint action and lost the trust of those who joined it (free riding)"
            )
        }
    })
}

/// A turn's news: its events told in order, one sentence each, without a capital. An answer to
/// an offer that the same two nations had already signed that turn (both had proposed the same
/// agreement) changed nothing, and is left out.
pub fn news(sc: &Scenario, events: &[SimEvent]) -> Vec<String> {
    let mut signed: Vec<(MoveIndex, [usize; 2])> = Vec::new();
    let mut told = Vec::new();
    for e in events {
        match *e {
            SimEvent::TreatySigned {
                parties,
                move_index,
            } => signed.push((move_index, parties)),
            SimEvent::ProposalAnswered {
                from,
                by,
                move_index,
                ..
            } if signed.iter().any(|&(m, pair)| {
                m == move_index && (pair == [from, by] || pair == [by, from])
            }) =>
            {
                continue;
            }
            _ => {}
        }
        told.extend(event(sc, e));
    }
    told
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
        Refusal::NoSuchMove { move_index } => format!("the scenario has no move {move_index}"),
        Refusal::MoveNotOpen { move_index, .. } => format!(
            "{} is not open to this nation now",
            sc.get_move(*move_index).map_or("?", |m| m.name.as_str())
        ),
        Refusal::NoSuchProposal { .. } => "no such proposal to answer".into(),
        Refusal::OwnProposal { .. } => "a nation cannot answer its own proposal".into(),
        Refusal::NotChosen { .. } => "this nation has not chosen a move yet".into(),
        Refusal::Paused => "the facilitator has paused the match".into(),
        Refusal::MatchOver => "the match is over".into(),
        Refusal::NoSuchEvent { event } => format!("the deck has no event {event}"),
        Refusal::BadParameter { why } => why.clone(),
        Refusal::NoSuchTurn { turn, played } => {
            format!("there is no turn {turn} to go back to ({played} played)")
        }
        Refusal::CannotRebuild { why } => format!("the match cannot be rebuilt: {why}"),
        Refusal::NoSuchPersonality { personality } => format!(
            "the scenario has no personality {personality} (it has {})",
            sc.personalities.len()
        ),
    }
}

/// Who plays a seat, in words: "a team of people", or "the computer (tit for tat, realist)".
pub fn controller(rules: &crate::sim::Rules, controller: Controller) -> String {
    match controller {
        Controller::Human => "a team of people".into(),
        Controller::Ai {
            strategy,
            personality,
        } => format!(
            "the computer ({}, {})",
            strategy.name().replace('_', " "),
            rules
                .personalities
                .get(personality)
                .map_or("?", |p| p.name.as_str())
        ),
    }
}

/// What a seat's screen says when a command is refused, as a sentence: "Not yet: Russia has
/// not chosen a move." `None` for the facilitator's own refusals, which only the facilitator's
/// panel tells.
pub fn notice(sc: &Scenario, r: &Refusal, seat: usize) -> Option<String> {
    Some(match r {
        Refusal::NotChosen { nation: who } if *who != seat => {
            format!("Not yet: {} has not chosen a move.", nation(sc, *who))
        }
        Refusal::NotChosen { .. } => "Not yet: choose a move first.".into(),
        Refusal::NoSuchEvent { .. }
        | Refusal::BadParameter { .. }
        | Refusal::NoSuchTurn { .. }
        | Refusal::CannotRebuild { .. }
        | Refusal::NoSuchPersonality { .. } => return None,
        Refusal::MatchOver => "The match is over.".into(),
        other => format!("Not yet: {}.", refusal(sc, other)),
    })
}

/// How the seat's nation read a move, in words: "You read Russia's Summit as cooperative",
/// "⚠ MISREAD: …", "⚠ You caught …"; `what` names the move.
pub fn reading(
    observer: &str,
    what: &str,
    seen: Option<Intent>,
    misread: bool,
    detected: bool,
) -> String {
    match (seen, misread, detected) {
        (None, _, _) => format!("{observer} saw nothing: a secret move went unseen"),
        (Some(_), _, true) => format!("⚠ {observer} caught {what}: a secret move, read as hostile"),
        (Some(i), true, _) => format!("⚠ MISREAD: {observer} read {what} as {}", i.name()),
        (Some(i), false, _) => format!("✓ {observer} read {what} as {}", i.name()),
    }
}

/// A turning point of a match in words, with a capital.
pub fn point(sc: &Scenario, point: &Point) -> String {
    let name = |i: usize| nation(sc, i);
    match point {
        Point::Misreading {
            observer,
            actor,
            move_index,
        } => format!(
            "{} read {} “{}” as a hostile move",
            name(*observer),
            possessive(name(*actor)),
            sc.get_move(*move_index).map_or("?", |m| m.name.as_str())
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
pub fn agreement(sc: &Scenario, move_index: MoveIndex) -> &str {
    sc.get_move(move_index).map_or("?", |m| {
        m.proposes
            .as_ref()
            .map_or(m.name.as_str(), |a| a.name.as_str())
    })
}

/// How many times a move was misread (one move read wrongly by two observers is two times):
/// "No move was misread", "A move was misread once", "Moves were misread 3 times".
pub fn misread_count(n: usize) -> String {
    match n {
        0 => "No move was misread".into(),
        1 => "A move was misread once".into(),
        n => format!("Moves were misread {n} times"),
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

/// The narration's own tests: the only tests that read its words.
#[cfg(test)]
#[path = "narrate_tests.rs"]
mod tests;

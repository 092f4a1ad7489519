//! Narration's own tests: the only tests that read its sentences.

use super::*;
use crate::sim::play::rules::shipped;
use crate::sim::play::run::run_one;
use crate::sim::play::state::Controller;
use crate::sim::play::strategy::Strategy;

/// When both nations offered the same agreement, the news tells one acceptance and the
/// signature, not the second, moot, acceptance.
#[test]
fn news_leaves_out_an_answer_made_moot_by_a_signature() {
    let sc = shipped("reset_2013").scenario;
    let center = sc.move_index("propose_joint_fusion_center").unwrap();
    let answered = |from, by| SimEvent::ProposalAnswered {
        from,
        by,
        move_index: center,
        accepted: true,
    };
    let signed = SimEvent::TreatySigned {
        parties: [0, 1],
        move_index: center,
    };
    let events = [answered(0, 1), signed.clone(), answered(1, 0)];
    let told = news(&sc, &events);
    assert_eq!(
        told,
        vec![
            event(&sc, &answered(0, 1)).unwrap(),
            event(&sc, &signed).unwrap()
        ]
    );
    // Another agreement's answer is still told.
    let other = SimEvent::ProposalAnswered {
        from: 1,
        by: 0,
        move_index: sc.move_index("propose_arms_treaty").unwrap(),
        accepted: true,
    };
    assert_eq!(news(&sc, &[signed, other]).len(), 2);
}

#[test]
fn every_told_event_names_who_and_what() {
    let sc = shipped("reset_2013").scenario;
    let summit = MoveIndex::all(&sc.moves)
        .find(|&m| sc.moves[m].proposes.is_some())
        .unwrap();
    let signed = event(
        &sc,
        &SimEvent::TreatySigned {
            parties: [0, 1],
            move_index: summit,
        },
    )
    .unwrap();
    assert!(
        signed.contains("United States") && signed.contains("Russia"),
        "{signed}"
    );
    assert!(signed.contains(agreement(&sc, summit)), "{signed}");
    let rung = event(
        &sc,
        &SimEvent::CrisisOpened {
            parties: [1, 0],
            level: 1,
        },
    )
    .unwrap();
    assert!(rung.contains(&sc.ladder[1]), "{rung}");
    assert_eq!(
        event(
            &sc,
            &SimEvent::MoveChosen {
                nation: 0,
                move_index: MoveIndex(0),
                stance: crate::sim::play::strategy::Stance::Cooperate
            }
        ),
        None
    );
    let why = refusal(
        &sc,
        &Refusal::MoveNotOpen {
            nation: 0,
            move_index: summit,
        },
    );
    assert!(why.contains(&sc.moves[summit].name), "{why}");
}

#[test]
fn the_outcome_paragraph_opens_with_the_outcome() {
    let rules = shipped("reset_2013");
    let personality = rules.personality_index("realist").unwrap();
    for (strategy, seed) in [(Strategy::AlwaysDefect, 3), (Strategy::TitForTat, 5)] {
        let controllers = vec![
            Controller::Ai {
                strategy,
                personality
            };
            2
        ];
        let result = run_one(&rules, controllers, rules.scenario.turns, seed);
        let text = outcome(result.outcome, result.history.as_ref().unwrap());
        assert!(
            text.starts_with(match result.outcome {
                Regime::Mad => "Mutually assured destruction",
                Regime::Catastrophe => "Catastrophe",
                Regime::Mas => "Mutually assured stability",
                Regime::Unsettled => "Unsettled",
            }),
            "{text}"
        );
    }
}

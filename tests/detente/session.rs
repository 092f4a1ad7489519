//! Matches played through `sim::play::session` as the desktop plays them (people's moves in, the
//! sim's reports out), for the save, replay and facilitator tests.

use super::common::setup;
use bevy::prelude::*;
use detente::sim::archive::save::{SaveFile, load};
use detente::sim::archive::snapshot::MatchState;
use detente::sim::play::run::sim_app;
use detente::sim::play::session::{
    ActiveMatch, AnswerProposal, ChooseMove, EndTurn, OrderRefused, SessionPlugin, advise,
    resume_match, snapshot, start_match,
};
use detente::sim::play::state::{Clock, Controller, Diplomacy};
use detente::sim::scenario::MoveIndex;
use std::path::Path;

/// A match of `scenario` with the nations in `people` played by people, the rest by the
/// scenario's AI.
pub fn session(scenario: &str, people: &[usize], seed: u64) -> App {
    let s = setup(scenario, &[], &[], None);
    let mut controllers = s.controllers.clone();
    for &i in people {
        controllers[i] = Controller::Human;
    }
    let mut app = sim_app(s.rules);
    app.add_plugins(SessionPlugin);
    start_match(app.world_mut(), controllers, seed);
    app
}

pub fn active(app: &App) -> Entity {
    app.world().resource::<ActiveMatch>().0
}

pub fn drain<M: Message + Clone>(app: &mut App) -> Vec<M> {
    app.world_mut()
        .resource_mut::<Messages<M>>()
        .drain()
        .collect()
}

/// One turn in which every person plays the advisers' move (or `choice` for nation 0), and
/// accepts every proposal made to them. Returns whether the match goes on.
pub fn play_turn(app: &mut App, people: &[usize], choice: Option<MoveIndex>) -> bool {
    let entity = active(app);
    let proposals = app
        .world()
        .get::<Diplomacy>(entity)
        .unwrap()
        .proposals
        .clone();
    for &nation in people {
        let move_index = match choice {
            Some(a) if nation == 0 => a,
            _ => advise(app.world(), entity, nation).unwrap(),
        };
        app.world_mut()
            .write_message(ChooseMove { nation, move_index });
        for (p, proposal) in proposals.iter().enumerate() {
            if proposal.from != nation {
                app.world_mut().write_message(AnswerProposal {
                    nation,
                    proposal: p,
                    accept: true,
                });
            }
        }
    }
    app.world_mut().write_message(EndTurn);
    app.update();
    let refused = drain::<OrderRefused>(app);
    assert!(refused.is_empty(), "{refused:?}");
    !app.world().get::<Clock>(entity).unwrap().finished()
}

pub fn play(app: &mut App, people: &[usize], turns: u32) {
    for _ in 0..turns {
        if !play_turn(app, people, None) {
            break;
        }
    }
}

pub fn state(app: &App) -> MatchState {
    MatchState::capture(app.world(), active(app)).unwrap()
}

pub fn save_of(app: &App) -> SaveFile {
    let (recording, pending, state) = snapshot(app.world()).unwrap();
    SaveFile::new(recording, pending, state)
}

pub fn state_text(state: &MatchState) -> String {
    ron::to_string(state).unwrap()
}

/// A fresh app playing the match saved in `path`, as `play --load` opens it.
pub fn loaded(path: &Path) -> App {
    let (save, rebuilt) = load(path).unwrap_or_else(|e| panic!("{e}"));
    let mut app = sim_app(rebuilt.rules.clone());
    app.add_plugins(SessionPlugin);
    resume_match(
        app.world_mut(),
        rebuilt.rules,
        rebuilt.state,
        save.recording,
    );
    app
}

/// A command refused live is refused, for the same `Refusal`, by a replay of a recording that
/// holds it and by a save that holds it: the three go through one check (`sim::play::command`).
#[test]
fn a_command_refused_live_is_refused_on_replay_for_the_same_reason() {
    use detente::sim::archive::journal::TurnCommands;
    use detente::sim::archive::rebuild::rebuild;
    use detente::sim::archive::save::verify;
    use detente::sim::play::command::Refusal;
    let escalate = {
        let app = session("reset_2013", &[0], 3);
        app.world()
            .resource::<detente::sim::Rules>()
            .move_index("escalate")
            .unwrap()
    };
    let cases: [(&str, TurnCommands, Refusal); 4] = [
        (
            "a crisis move outside a crisis",
            TurnCommands {
                turn: 1,
                moves: vec![("usa".into(), "escalate".into())],
                ..TurnCommands::default()
            },
            Refusal::MoveNotOpen {
                nation: 0,
                move_index: escalate,
            },
        ),
        (
            "a move for a computer's seat",
            TurnCommands {
                turn: 1,
                moves: vec![("rus".into(), "summit".into())],
                ..TurnCommands::default()
            },
            Refusal::NotAPerson { nation: 1 },
        ),
        (
            "an answer to no proposal",
            TurnCommands {
                turn: 1,
                moves: vec![("usa".into(), "summit".into())],
                answers: vec![("usa".into(), 0, true)],
                ..TurnCommands::default()
            },
            Refusal::NoSuchProposal {
                nation: 0,
                proposal: 0,
            },
        ),
        (
            "a turn ended with no move chosen",
            TurnCommands {
                turn: 1,
                ..TurnCommands::default()
            },
            Refusal::NotChosen { nation: 0 },
        ),
    ];
    for (what, commands, refusal) in cases {
        // Live: the same commands sent as the desktop sends them.
        let mut app = session("reset_2013", &[0], 3);
        let rules = app.world().resource::<detente::sim::Rules>().clone();
        for (who, move_index) in &commands.moves {
            let nation = rules.nation_index(who).unwrap();
            let move_index = rules.move_index(move_index).unwrap();
            app.world_mut()
                .write_message(ChooseMove { nation, move_index });
        }
        for (who, proposal, accept) in &commands.answers {
            app.world_mut().write_message(AnswerProposal {
                nation: rules.nation_index(who).unwrap(),
                proposal: *proposal,
                accept: *accept,
            });
        }
        app.world_mut().write_message(EndTurn);
        app.update();
        let live = drain::<OrderRefused>(&mut app);
        assert_eq!(live.first(), Some(&OrderRefused(refusal.clone())), "{what}");
        // Replayed: a recording holding them.
        let mut save = save_of(&app);
        save.recording.turns = vec![commands];
        let replayed = rebuild(&save.recording, 1, None).unwrap_err();
        assert_eq!(
            replayed.refusal.as_ref(),
            Some(&refusal),
            "{what}: {replayed}"
        );
        assert_eq!(replayed.turn, Some(1), "{what}");
        // Loaded: a save holding them.
        let loaded = verify(&save).unwrap_err();
        assert_eq!(loaded.refusal, Some(refusal), "{what}: {loaded}");
    }
}

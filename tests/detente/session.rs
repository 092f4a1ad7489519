//! Matches played through `sim::session` as the desktop plays them (people's moves in, the
//! sim's reports out), for the save, replay and facilitator tests.

use super::common::setup;
use bevy::prelude::*;
use detente::sim::run::sim_app;
use detente::sim::save::{SaveFile, load};
use detente::sim::session::{
    ActiveMatch, AnswerProposal, ChooseMove, EndTurn, OrderRefused, SessionPlugin, advise,
    resume_match, snapshot, start_match,
};
use detente::sim::snapshot::MatchState;
use detente::sim::state::{Controller, Diplomacy, Globals};
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
pub fn play_turn(app: &mut App, people: &[usize], choice: Option<usize>) -> bool {
    let entity = active(app);
    let proposals = app
        .world()
        .get::<Diplomacy>(entity)
        .unwrap()
        .proposals
        .clone();
    for &nation in people {
        let action = match choice {
            Some(a) if nation == 0 => a,
            _ => advise(app.world(), entity, nation).unwrap(),
        };
        app.world_mut().write_message(ChooseMove { nation, action });
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
    !app.world().get::<Globals>(entity).unwrap().finished()
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

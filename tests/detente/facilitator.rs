//! The facilitator's commands through `sim::play::session`: forcing an event, pausing, rolling back
//! and forking, changing a parameter, handing a seat to the computer and back; each recorded, so
//! the match replays with it.

use super::session::{active, drain, play, play_turn, save_of, session, state};
use bevy::prelude::*;
use detente::sim::Rules;
use detente::sim::archive::save::verify;
use detente::sim::archive::snapshot::MatchState;
use detente::sim::play::command::Refusal;
use detente::sim::play::log::SimEvent;
use detente::sim::play::session::{
    ChooseMove, EndTurn, Facilitate, Facilitated, OrderRefused, advise,
};
use detente::sim::play::state::Controller;
use detente::sim::play::strategy::Strategy;

#[test]
fn an_injected_event_fires_on_the_next_turn_only() {
    let people = [0];
    let mut plain = session("reset_2013", &people, 21);
    let mut forced = session("reset_2013", &people, 21);
    let rules = plain.world().resource::<Rules>().clone();
    // The deck's rarest event in this state: it should not fire on its own this turn.
    let event = rules.event_index("false_alarm").unwrap();
    play(&mut plain, &people, 3);
    play(&mut forced, &people, 3);
    forced
        .world_mut()
        .write_message(Facilitate::Inject { event, on: true });
    forced.update();
    assert_eq!(
        drain::<Facilitated>(&mut forced),
        vec![Facilitated::Injected { event, on: true }]
    );
    play(&mut plain, &people, 1);
    play(&mut forced, &people, 1);
    let (a, b) = (state(&plain), state(&forced));
    assert_eq!(a.history[..3], b.history[..3]);
    let fired = |s: &MatchState| {
        s.history[3]
            .events
            .iter()
            .any(|e| matches!(e, SimEvent::EventDrawn { event: e, .. } if *e == event))
    };
    assert!(!fired(&a), "{:?}", a.history[3].events);
    assert!(fired(&b), "{:?}", b.history[3].events);
    // It is in the recording, so the match replays with it.
    assert_eq!(
        save_of(&forced).recording.turns[3].inject,
        vec![rules.scenario.events[event].id.clone()]
    );
    assert!(verify(&save_of(&forced)).is_ok());
    // And only once: the turn after, nothing is forced.
    assert!(b.orders.injected.is_empty());
}

#[test]
fn pausing_stops_the_turn_until_resumed() {
    let mut app = session("reset_2013", &[0], 2);
    app.world_mut().write_message(Facilitate::Pause(true));
    app.update();
    let entity = active(&app);
    let move_index = advise(app.world(), entity, 0).unwrap();
    app.world_mut().write_message(ChooseMove {
        nation: 0,
        move_index,
    });
    app.world_mut().write_message(EndTurn);
    app.update();
    let refused = drain::<OrderRefused>(&mut app);
    assert!(
        refused.contains(&OrderRefused(Refusal::Paused)),
        "{refused:?}"
    );
    assert_eq!(state(&app).globals.turn, 0);
    app.world_mut().write_message(Facilitate::Pause(false));
    app.update();
    drain::<OrderRefused>(&mut app);
    assert!(play_turn(&mut app, &[0], None));
    assert_eq!(state(&app).globals.turn, 1);
}

#[test]
fn a_rollback_forks_from_the_chosen_turn_only() {
    let people = [0];
    let mut app = session("reset_2013", &people, 6);
    play(&mut app, &people, 8);
    let original = state(&app);
    app.world_mut().write_message(Facilitate::RollBack(3));
    app.update();
    assert_eq!(
        drain::<Facilitated>(&mut app),
        vec![Facilitated::RolledBack(3)]
    );
    let back = state(&app);
    assert_eq!(back.globals.turn, 3);
    assert_eq!(back.history, original.history[..3]);
    // The state at turn 3 is the one the match had then: replaying the same moves from here
    // gives the same turns 4 to 8 again.
    play(&mut app, &people, 5);
    assert_eq!(state(&app).history, original.history);

    // Now a different move at turn 4: the fork keeps turns 1-3 and parts from turn 4.
    app.world_mut().write_message(Facilitate::RollBack(3));
    app.update();
    let rules = app.world().resource::<Rules>().clone();
    let played = original.history[3].moves[0].move_id.clone();
    let other = rules
        .normal_moves
        .iter()
        .copied()
        .find(|&m| rules.scenario.moves[m].id != played && rules.scenario.moves[m].cost <= 0.0)
        .unwrap();
    assert!(play_turn(&mut app, &people, Some(other)));
    play(&mut app, &people, 4);
    let fork = state(&app);
    assert_eq!(fork.history[..3], original.history[..3]);
    assert_ne!(fork.history[3], original.history[3]);
    assert_eq!(
        fork.history[3].moves[0].move_id,
        rules.scenario.moves[other].id
    );
    // The fork is a recording of its own that replays.
    let save = save_of(&app);
    assert_eq!(save.recording.turns.len(), fork.history.len());
    assert!(verify(&save).is_ok());
}

#[test]
fn a_changed_parameter_rules_the_rest_of_the_match_and_is_replayed() {
    let people = [0];
    let mut plain = session("reset_2013", &people, 14);
    let mut changed = session("reset_2013", &people, 14);
    play(&mut plain, &people, 4);
    play(&mut changed, &people, 4);
    changed
        .world_mut()
        .write_message(Facilitate::SetParam("params.threats.growth=9".into()));
    changed.update();
    assert_eq!(
        drain::<Facilitated>(&mut changed),
        vec![Facilitated::ParamChanged("params.threats.growth=9".into())]
    );
    let rules = changed.world().resource::<Rules>();
    assert_eq!(rules.scenario.params.threats.growth, 9.0);
    play(&mut plain, &people, 8);
    play(&mut changed, &people, 8);
    let (a, b) = (state(&plain), state(&changed));
    assert_eq!(a.history[..4], b.history[..4]);
    assert_ne!(a.history[4..], b.history[4..]);
    let save = save_of(&changed);
    assert_eq!(
        save.recording.turns[4].params,
        vec!["params.threats.growth=9".to_string()]
    );
    let rebuilt = verify(&save).unwrap();
    assert_eq!(rebuilt.rules.scenario.params.threats.growth, 9.0);
    // A starting value, or a value the scenario does not allow, is refused.
    for bad in ["arms=10", "params.trust.loss=-5", "params.nonsense=1"] {
        changed
            .world_mut()
            .write_message(Facilitate::SetParam(bad.into()));
        changed.update();
        assert!(drain::<Facilitated>(&mut changed).is_empty(), "{bad}");
        assert_eq!(drain::<OrderRefused>(&mut changed).len(), 1, "{bad}");
    }
}

/// The computer takes a person's seat and later gives it back: the turns between are played by
/// its strategy without waiting for that seat, each hand-over is in the recording (a save made
/// mid-turn keeps the pending one), so saves replay with them; a rollback to before a hand-over
/// undoes it; a personality or nation the scenario lacks is refused.
#[test]
fn the_computer_takes_a_seat_and_gives_it_back_and_the_saves_replay() {
    let both = [0, 1];
    let mut app = session("cold_war_1962", &both, 12);
    play(&mut app, &both, 2);
    let entity = active(&app);
    let rules = app.world().resource::<Rules>().clone();
    let ussr = rules.scenario.nations[1].id.clone();
    let computer = Controller::Ai {
        strategy: Strategy::Grudger,
        personality: rules.personalities.len() - 1,
    };
    // The seat had chosen this turn: the computer's strategy decides instead.
    let move_index = advise(app.world(), entity, 1).unwrap();
    app.world_mut().write_message(ChooseMove {
        nation: 1,
        move_index,
    });
    app.update();
    assert_eq!(state(&app).orders.moves[1], Some(move_index));
    app.world_mut().write_message(Facilitate::HandOver {
        nation: 1,
        controller: computer,
    });
    app.update();
    assert_eq!(
        drain::<Facilitated>(&mut app),
        vec![Facilitated::HandedOver {
            nation: 1,
            controller: computer
        }]
    );
    assert_eq!(state(&app).seats.0[1].controller, computer);
    assert_eq!(state(&app).orders.moves[1], None);
    // Only the person left needs to choose for the turn to end.
    play(&mut app, &[0], 3);
    assert_eq!(state(&app).globals.turn, 5);
    app.world_mut().write_message(Facilitate::HandOver {
        nation: 1,
        controller: Controller::Human,
    });
    app.update();
    drain::<Facilitated>(&mut app);
    // Back with a person, the turn waits for that seat's move again.
    let move_index = advise(app.world(), entity, 0).unwrap();
    app.world_mut().write_message(ChooseMove {
        nation: 0,
        move_index,
    });
    app.world_mut().write_message(EndTurn);
    app.update();
    assert_eq!(
        drain::<OrderRefused>(&mut app),
        vec![OrderRefused(Refusal::NotChosen { nation: 1 })]
    );
    play(&mut app, &both, 2);
    let save = save_of(&app);
    let turns = &save.recording.turns;
    assert_eq!(turns[2].seats, vec![(ussr.clone(), computer)]);
    assert_eq!(turns[5].seats, vec![(ussr.clone(), Controller::Human)]);
    assert!(turns[2..5].iter().all(|t| t.moves.len() == 1), "{turns:?}");
    assert_eq!(turns[5].moves.len(), 2);
    assert!(verify(&save).is_ok(), "{:?}", verify(&save));
    assert_eq!(save.recording.people(), vec![0, 1]);

    // A hand-over made mid-turn is saved as pending, and a save loaded from text keeps it.
    app.world_mut().write_message(Facilitate::HandOver {
        nation: 0,
        controller: computer,
    });
    app.update();
    let scratch = super::common::temp_dir("hand-over");
    let path = scratch.join("handed.ron");
    save_of(&app).write(&path).unwrap();
    let back = super::session::loaded(&path);
    assert_eq!(state(&back).seats.0[0].controller, computer);
    assert_eq!(state(&back), state(&app));

    // Rolling back to before the first hand-over gives the seat back to its person.
    app.world_mut().write_message(Facilitate::RollBack(1));
    app.update();
    assert_eq!(state(&app).seats.0[1].controller, Controller::Human);
    assert_eq!(state(&app).seats.0[0].controller, Controller::Human);
    assert!(save_of(&app).recording.pending_seats.is_empty());

    drain::<OrderRefused>(&mut app);
    for (nation, personality, refusal) in [
        (1, 99, Refusal::NoSuchPersonality { personality: 99 }),
        (7, 0, Refusal::NoSuchNation { nation: 7 }),
    ] {
        app.world_mut().write_message(Facilitate::HandOver {
            nation,
            controller: Controller::Ai {
                strategy: Strategy::TitForTat,
                personality,
            },
        });
        app.update();
        assert_eq!(drain::<OrderRefused>(&mut app), vec![OrderRefused(refusal)]);
    }
}

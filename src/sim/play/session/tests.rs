//! The session's commands and reports, on reset_2013 with the United States played by a person.

use super::*;
use crate::sim::play::command::Refusal;
use crate::sim::play::rules::shipped;
use crate::sim::play::run::sim_app;

/// reset_2013 with usa played by a person and rus by the scenario's AI.
fn human_usa() -> (App, Entity) {
    let rules = shipped("reset_2013");
    let mut controllers = rules.default_controllers();
    controllers[0] = Controller::Human;
    let mut app = sim_app(rules);
    app.add_plugins(SessionPlugin);
    let entity = start_match(app.world_mut(), controllers, 5);
    (app, entity)
}

fn read<M: Message + Clone>(app: &mut App) -> Vec<M> {
    app.world_mut()
        .resource_mut::<Messages<M>>()
        .drain()
        .collect()
}

#[test]
fn a_chosen_move_is_played_when_the_turn_ends() {
    let (mut app, _) = human_usa();
    let summit = app
        .world()
        .resource::<Rules>()
        .move_index("summit")
        .unwrap();
    app.world_mut().write_message(ChooseMove {
        nation: 0,
        move_index: summit,
    });
    app.world_mut().write_message(EndTurn);
    app.update();
    let resolved = read::<TurnResolved>(&mut app);
    assert_eq!(resolved.len(), 1);
    assert_eq!(resolved[0].0.turn, 1);
    assert_eq!(resolved[0].0.moves[0].move_id, "summit");
    assert!(read::<OrderRefused>(&mut app).is_empty());
}

#[test]
fn the_turn_waits_for_every_human_seat() {
    let (mut app, entity) = human_usa();
    app.world_mut().write_message(EndTurn);
    app.update();
    assert!(read::<TurnResolved>(&mut app).is_empty());
    assert_eq!(
        read::<OrderRefused>(&mut app),
        vec![OrderRefused(Refusal::NotChosen { nation: 0 })]
    );
    assert_eq!(app.world().get::<Clock>(entity).unwrap().turn, 0);
}

#[test]
fn moves_closed_to_a_nation_and_ai_seats_are_refused() {
    let (mut app, entity) = human_usa();
    let rules = app.world().resource::<Rules>().clone();
    let escalate = rules.move_index("escalate").unwrap();
    app.world_mut().write_message(ChooseMove {
        nation: 0,
        move_index: escalate,
    });
    app.world_mut().write_message(ChooseMove {
        nation: 1,
        move_index: rules.move_index("summit").unwrap(),
    });
    app.update();
    let refused = read::<OrderRefused>(&mut app);
    assert_eq!(
        refused,
        vec![
            OrderRefused(Refusal::MoveNotOpen {
                nation: 0,
                move_index: escalate
            }),
            OrderRefused(Refusal::NotAPerson { nation: 1 }),
        ]
    );
    assert_eq!(app.world().get::<Orders>(entity).unwrap().moves[0], None);
}

#[test]
fn the_match_ends_with_an_outcome() {
    let (mut app, entity) = human_usa();
    let rules = app.world().resource::<Rules>().clone();
    let (hold, hold_firm) = (
        rules.move_index("hold").unwrap(),
        rules.move_index("hold_firm").unwrap(),
    );
    let mut ended = Vec::new();
    let mut turns = 0;
    while ended.is_empty() && turns < 100 {
        let in_crisis = app
            .world()
            .get::<Diplomacy>(entity)
            .unwrap()
            .crisis
            .as_ref()
            .is_some_and(|c| c.parties.contains(&0));
        let move_index = if in_crisis { hold_firm } else { hold };
        app.world_mut().write_message(ChooseMove {
            nation: 0,
            move_index,
        });
        app.world_mut().write_message(EndTurn);
        app.update();
        turns += read::<TurnResolved>(&mut app).len();
        assert!(read::<OrderRefused>(&mut app).is_empty());
        ended.extend(read::<MatchEnded>(&mut app));
    }
    assert_eq!(ended.len(), 1);
    assert!(turns <= rules.scenario.turns as usize);
}

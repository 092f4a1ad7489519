//! Nothing a seat may not know leaves the host for it: over whole matches of every built-in
//! scenario and several seeds, every message each page is sent over its WebSocket is checked
//! against that seat's `SeatView`, computed independently from a desktop session played in
//! lockstep with the same commands. A view is exactly the seat's own; its news and readings are
//! that view's in words; nothing else but the public brief, the welcome, the seat's own token
//! and its own charts ever comes.

use super::net::{Client, class_code, host, turn_of};
use super::network::{commands_for, message_of, write_command};
use super::session::{active, session};
use bevy::prelude::*;
use detente::host::brief::{self, Brief};
use detente::host::charts;
use detente::host::connection::SeatCommand;
use detente::sim::Rules;
use detente::sim::archive::history::History;
use detente::sim::archive::rebuild::opening_record;
use detente::sim::play::command::Position;
use detente::sim::play::session::EndTurn;
use detente::sim::play::state::Orders;
use detente::sim::play::view::{SeatView, seat_view};
use detente::sim::scenario::catalog::built_in_names;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

/// Every nation's `SeatView` in the desktop session now.
fn views(app: &App, opening: &detente::sim::archive::history::TurnRecord) -> Vec<SeatView> {
    let world = app.world();
    let e = active(app);
    let rules = world.resource::<Rules>();
    let at = Position::of(world, e).unwrap();
    let orders = world.get::<Orders>(e).unwrap();
    let mut records = vec![opening.clone()];
    records.extend(world.get::<History>(e).unwrap().0.iter().cloned());
    (0..rules.nation_count())
        .map(|n| seat_view(rules, at, orders, &records, n))
        .collect()
}

fn apply(app: &mut App, nation: usize, command: SeatCommand) {
    write_command(app, nation, command);
    app.update();
}

/// Plays one whole match of `scenario` on `seed` over the wire, checking every message.
fn play_and_check(scenario: &str, seed: u64) {
    let people: Vec<usize> = (0..8).collect();
    let mut app = {
        let s = super::common::setup(scenario, &[], &[], None);
        let n = s.rules.nation_count();
        session(scenario, &people[..n], seed)
    };
    app.update();
    let opening = opening_record(app.world(), active(&app)).unwrap();
    let rules = app.world().resource::<Rules>().clone();
    let sc = rules.scenario.clone();
    let n = rules.nation_count();
    let dir = tempfile::tempdir().unwrap();
    let running = host(rules, &[seed], dir.path());
    let address = running.address;
    let code = class_code(&running);
    let what = format!("{scenario}, seed {seed}");
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let mut pages = Vec::new();
        let mut latest = Vec::new();
        for nation in &sc.nations {
            let mut page = Client::connect(address).await;
            latest.push(page.take_seat(&code, 0, &nation.id).await);
            pages.push(page);
        }
        // A command naming another nation is no message: the seat's own nation alone plays.
        pages[0]
            .send(json!({"type": "end_turn", "nation": n - 1}))
            .await;
        assert_eq!(pages[0].error_kind().await, "not_a_message", "{what}");
        let mut rng = ChaCha8Rng::seed_from_u64(seed * 31 + 7);
        let mut expected = views(&app, &opening);
        loop {
            if expected[0].outcome.is_some() {
                break;
            }
            let turn = turn_of(&latest[0]);
            for k in 0..n {
                let commands = commands_for(&latest[k], &mut rng);
                for &c in &commands {
                    pages[k].send(message_of(c)).await;
                    apply(&mut app, k, c);
                }
                // Taken before the next team's: the answers of two teams to one proposal are
                // told in the order they came.
                let SeatCommand::Choose(m) = commands[0] else {
                    unreachable!()
                };
                let answers = commands.len() - 1;
                let taken = |v: &Value| {
                    v["type"] == "view"
                        && v["view"]["chosen"] == m.0
                        && v["view"]["answers"].as_array().map(Vec::len) == Some(answers)
                };
                pages[k].until("the team's commands taken", taken).await;
            }
            for page in pages.iter_mut() {
                page.send(message_of(SeatCommand::EndTurn)).await;
            }
            app.world_mut().write_message(EndTurn);
            app.update();
            expected = views(&app, &opening);
            for k in 0..n {
                let next = |v: &Value| v["type"] == "view" && turn_of(v) == turn + 1;
                latest[k] = pages[k].until("the next turn", next).await;
                let got: SeatView = serde_json::from_value(latest[k]["view"].clone()).unwrap();
                let wire = brief::on_the_wire(expected[k].clone());
                assert_eq!(got, wire, "{what}: nation {k}, turn {}", turn + 1);
                assert_eq!(latest[k]["news"], json!(brief::news(&sc, &expected[k])));
                assert_eq!(latest[k]["readings"], json!(brief::readings(&expected[k])));
                assert_eq!(latest[k]["debrief"].is_null(), got.outcome.is_none());
            }
        }
        for (k, page) in pages.iter_mut().enumerate() {
            page.send(json!({"type": "charts"})).await;
            let drawn = page.until("the charts", |m| m["type"] == "charts").await;
            assert_eq!(drawn["svgs"], json!(charts::history(&sc, &expected[k])));
        }
        let brief_json = serde_json::to_value(Brief::of(&sc)).unwrap();
        for (k, page) in pages.iter().enumerate() {
            let own = &expected[k];
            for m in &page.received {
                match m["type"].as_str().unwrap() {
                    "welcome" | "charts" => {}
                    "error" if k == 0 && m["error"]["kind"] == "not_a_message" => {}
                    "seated" => assert_eq!(m["nation"], k, "{what}"),
                    "brief" => assert_eq!(m["brief"], brief_json, "{what}"),
                    "view" => {
                        let v: SeatView = serde_json::from_value(m["view"].clone()).unwrap();
                        assert_eq!(v.nation, k, "{what}");
                        // Every view's past is the seat's own past, turn by turn.
                        for t in &v.history {
                            assert_eq!(*t, own.history[t.turn as usize], "{what}");
                        }
                        let waiting: Vec<usize> =
                            serde_json::from_value(m["waiting"].clone()).unwrap();
                        assert!(waiting.iter().all(|&w| w < n), "{what}");
                    }
                    other => panic!("{what}: nation {k} was sent a {other}: {m}"),
                }
            }
        }
    });
    running.stop();
}

#[test]
fn every_message_a_seat_is_sent_is_what_its_nation_may_know() {
    for scenario in built_in_names() {
        for seed in [1, 2, 3] {
            play_and_check(scenario, seed);
        }
    }
}

//! The classroom host over real WebSockets on the loopback address: scripted team pages play
//! whole matches (two browsers on one seat, one of them dropping and coming back mid-turn) and
//! end exactly where a desktop session ends with the same commands; bad, oversized and
//! flooding pages are answered or cut off without troubling the others.

use super::common::setup;
use super::net::{Client, class_code, host, host_limited, turn_of};
use super::session::{drain, session, state};
use bevy::prelude::*;
use detente::host::connection::SeatCommand;
use detente::host::folder::match_file;
use detente::host::server::FLOOD_PER_SECOND;
use detente::sim::archive::save;
use detente::sim::play::session::{AnswerProposal, ChooseMove, EndTurn, OrderRefused};
use detente::sim::scenario::MoveIndex;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

/// A team's commands for its turn, from its view: a random open move, a random answer to
/// each proposal it may answer.
pub fn commands_for(view: &Value, rng: &mut ChaCha8Rng) -> Vec<SeatCommand> {
    let v = &view["view"];
    let moves = v["moves"].as_array().expect("moves");
    let pick = moves[rng.random_range(0..moves.len())]["move_index"]
        .as_u64()
        .unwrap() as usize;
    let mut out = vec![SeatCommand::Choose(MoveIndex(pick))];
    for p in v["proposals"].as_array().unwrap() {
        if p["to_answer"] == true {
            out.push(SeatCommand::Answer {
                proposal: p["index"].as_u64().unwrap() as usize,
                accept: rng.random_bool(0.5),
            });
        }
    }
    out
}

/// A command as a page sends it.
pub fn message_of(command: SeatCommand) -> Value {
    match command {
        SeatCommand::Choose(m) => json!({"type": "choose", "move_index": m.0}),
        SeatCommand::Answer { proposal, accept } => {
            json!({"type": "answer", "proposal": proposal, "accept": accept})
        }
        SeatCommand::EndTurn => json!({"type": "end_turn"}),
    }
}

/// A team's choice or answer as the desktop session takes it (End turn is the caller's: it
/// ends the turn only once every team is done).
pub fn write_command(app: &mut App, nation: usize, command: SeatCommand) {
    match command {
        SeatCommand::Choose(move_index) => {
            app.world_mut()
                .write_message(ChooseMove { nation, move_index });
        }
        SeatCommand::Answer { proposal, accept } => {
            app.world_mut().write_message(AnswerProposal {
                nation,
                proposal,
                accept,
            });
        }
        SeatCommand::EndTurn => {}
    }
}

/// The same commands through a session played as on the desktop, one nation's turn after
/// another (commands of different nations in one turn commute: the turn resolves on the
/// last End turn).
pub fn desktop(scenario: &str, nations: usize, seed: u64, given: &[(usize, SeatCommand)]) -> App {
    let people: Vec<usize> = (0..nations).collect();
    let mut app = session(scenario, &people, seed);
    let mut ready = vec![false; nations];
    for &(nation, command) in given {
        write_command(&mut app, nation, command);
        if command == SeatCommand::EndTurn {
            ready[nation] = true;
            if ready.iter().all(|&r| r) {
                app.world_mut().write_message(EndTurn);
                ready.iter_mut().for_each(|r| *r = false);
            }
        }
        app.update();
    }
    assert!(drain::<OrderRefused>(&mut app).is_empty());
    app
}

/// Two matches of reset_2013, a team on each seat over a WebSocket, and a second browser on
/// match 1's Russia. The two browsers of that seat see each other's choice live; the second
/// one drops mid-turn, reconnects with the token, sees the turn as it stands and changes the
/// team's move. Each match's autosave ends in the state a desktop session reaches with the
/// same commands.
#[test]
fn teams_play_whole_matches_over_websockets_as_on_the_desktop() {
    let rules = setup("reset_2013", &[], &[], None).rules;
    let turns = rules.scenario.turns;
    let dir = tempfile::tempdir().unwrap();
    let seeds = [11, 12];
    let running = host(rules, &seeds, dir.path());
    let address = running.address;
    let code = class_code(&running);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let given = runtime.block_on(async {
        let ids = ["usa", "rus"];
        let mut teams = Vec::new();
        let mut views = Vec::new();
        for k in 0..4 {
            let mut c = Client::connect(address).await;
            views.push(c.take_seat(&code, k / 2, ids[k % 2]).await);
            teams.push(c);
        }
        // Match 1's Russia, the second browser: it joins the team with the team code, and
        // holds the team's token.
        let token = teams[1].token.clone().unwrap();
        let team_code = teams[1].team_code.clone().unwrap();
        let mut mate = Client::connect(address).await;
        mate.join_seat(&code, 0, "rus", Some(&team_code.to_lowercase()))
            .await;
        assert_eq!(mate.token.as_deref(), Some(token.as_str()));
        let mut given: Vec<Vec<(usize, SeatCommand)>> = vec![Vec::new(); 2];
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        for turn in 0..u64::from(turns) {
            if views.iter().all(|v| !v["view"]["outcome"].is_null()) {
                break;
            }
            for k in 0..4 {
                if !views[k]["view"]["outcome"].is_null() {
                    continue;
                }
                let (table, nation) = (k / 2, k % 2);
                let commands = commands_for(&views[k], &mut rng);
                if k == 1 {
                    // The first browser chooses; the second sees it.
                    let first = commands[0];
                    teams[1].send(message_of(first)).await;
                    given[table].push((nation, first));
                    let SeatCommand::Choose(m) = first else {
                        unreachable!()
                    };
                    let chosen = |v: &Value| v["type"] == "view" && v["view"]["chosen"] == m.0;
                    mate.until("the teammate's choice", chosen).await;
                    if turn == 3 {
                        mate.drop_connection();
                        mate = Client::connect(address).await;
                        let back = mate.resume(&token).await;
                        assert_eq!(turn_of(&back), turn, "the page comes back to the turn");
                        assert_eq!(back["view"]["chosen"], m.0, "and sees the team's choice");
                    }
                    // The second browser answers and changes the move; the first sees it. The
                    // answers go first: the change of mind, sent last on the same connection,
                    // is then seen only once they are in, so End turn cannot overtake them.
                    let again = commands_for(&views[k], &mut rng);
                    for &c in again[1..].iter().chain(&again[..1]) {
                        mate.send(message_of(c)).await;
                        given[table].push((nation, c));
                    }
                    let SeatCommand::Choose(m2) = again[0] else {
                        unreachable!()
                    };
                    let chosen = |v: &Value| v["type"] == "view" && v["view"]["chosen"] == m2.0;
                    teams[1].until("the change of mind", chosen).await;
                    teams[1].send(message_of(SeatCommand::EndTurn)).await;
                    given[table].push((nation, SeatCommand::EndTurn));
                    continue;
                }
                for c in commands.into_iter().chain([SeatCommand::EndTurn]) {
                    teams[k].send(message_of(c)).await;
                    given[table].push((nation, c));
                }
            }
            for k in 0..4 {
                if views[k]["view"]["outcome"].is_null() {
                    let next = |v: &Value| v["type"] == "view" && turn_of(v) == turn + 1;
                    views[k] = teams[k].until("the next turn", next).await;
                }
            }
            let next = |v: &Value| v["type"] == "view" && turn_of(v) == turn + 1;
            let seen = mate
                .until("the next turn on the second browser", next)
                .await;
            assert_eq!(
                seen["view"], views[1]["view"],
                "both browsers see one board"
            );
        }
        for (k, team) in teams.iter().enumerate() {
            for m in &team.received {
                assert!(
                    m["type"] != "refused" && m["type"] != "error",
                    "team {k} got {m}"
                );
                if m["type"] == "view" {
                    assert_eq!(
                        m["view"]["nation"],
                        k % 2,
                        "team {k} sees only its own nation"
                    );
                }
            }
            assert!(
                !views[k]["view"]["outcome"].is_null(),
                "team {k}: the match ended"
            );
        }
        given
    });
    running.stop();
    for (table, &seed) in seeds.iter().enumerate() {
        let app = desktop("reset_2013", 2, seed, &given[table]);
        let (_, rebuilt) = save::load(&match_file(dir.path(), table)).unwrap();
        assert!(rebuilt.state.globals.turn >= 5);
        assert_eq!(rebuilt.state, state(&app), "match {table}");
    }
}

/// A malformed, oversized or out-of-turn message is answered and the page plays on; a page
/// that floods is cut off, and another page is not troubled.
#[test]
fn bad_messages_are_answered_and_a_flood_is_cut_off() {
    let rules = setup("reset_2013", &[], &[], None).rules;
    let dir = tempfile::tempdir().unwrap();
    let running = host_limited(rules, &[3], dir.path(), FLOOD_PER_SECOND);
    let address = running.address;
    let code = class_code(&running);
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let mut page = Client::connect(address).await;
        page.send_text("{\"type\": \"join\",").await;
        assert_eq!(page.error_kind().await, "not_json");
        page.send_text(&"x".repeat(10_000)).await;
        assert_eq!(page.error_kind().await, "too_long");
        page.send(json!({"type": "end_turn"})).await;
        assert_eq!(page.error_kind().await, "out_of_order");
        page.send(json!({"type": "join", "protocol": 1, "class_code": "WRONG1"}))
            .await;
        assert_eq!(page.error_kind().await, "wrong_class_code");
        let view = page.take_seat(&code, 0, "usa").await;
        assert_eq!(turn_of(&view), 0);
        // A command naming another nation is not a message of the protocol.
        page.send(json!({"type": "choose", "move_index": 0, "nation": 1}))
            .await;
        assert_eq!(page.error_kind().await, "not_a_message");
        page.send(json!({"type": "end_turn"})).await;
        let refused = page.until("a refusal", |m| m["type"] == "refused").await;
        assert!(
            refused["text"].as_str().unwrap().contains("not chosen"),
            "{refused}"
        );
        // Still up: a move is taken.
        page.send(json!({"type": "choose", "move_index": view["view"]["moves"][0]["move_index"]}))
            .await;
        page.until("the chosen view", |m| {
            m["type"] == "view" && !m["view"]["chosen"].is_null()
        })
        .await;

        let mut flood = Client::connect(address).await;
        for _ in 0..400 {
            flood.send_text("{}").await;
        }
        assert!(flood.closed().await, "the flooding page is cut off");
        assert!(
            flood
                .received
                .iter()
                .any(|m| m["error"]["kind"] == "flooding"),
            "and told why"
        );
        // A frame past the socket's limit closes that connection only.
        let mut huge = Client::connect(address).await;
        huge.send_text(&"y".repeat(200_000)).await;
        assert!(huge.closed().await);
        page.send(json!({"type": "choose", "move_index": view["view"]["moves"][1]["move_index"]}))
            .await;
        let m1 = view["view"]["moves"][1]["move_index"].clone();
        page.until("the other page still served", |m| {
            m["type"] == "view" && m["view"]["chosen"] == m1
        })
        .await;
    });
    running.stop();
}

//! The classroom host without its web layer (issue 12, under way): scripted pages join a class,
//! claim seats, and play whole matches through `Connection` and `Class`. Every message a seat
//! is sent is checked to be its own nation's, and each match ends exactly where the same
//! commands take a session played as on the desktop.

use super::common::setup;
use super::session::state;
use bevy::prelude::*;
use detente::host::class::Class;
use detente::host::connection::{Connection, SeatCommand, Step};
use detente::host::protocol::{PROTOCOL_VERSION, ServerMessage};
use detente::host::roster::SeatRef;
use detente::sim::play::view::SeatView;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::Instant;

/// A team's page, with every message it was sent.
struct Page {
    connection: Connection,
    seat: Option<SeatRef>,
    received: Vec<ServerMessage>,
}

impl Page {
    fn new(k: usize) -> Page {
        Page {
            connection: Connection::new(format!("127.0.2.{}", k + 2).parse().unwrap()),
            seat: None,
            received: Vec::new(),
        }
    }

    /// Sends `text`, carries out what it comes to, and hands the host's messages to `pages`.
    fn send(k: usize, pages: &mut [Page], class: &mut Class, text: &str) -> Vec<SeatCommand> {
        let steps = pages[k]
            .connection
            .receive(text, class.roster_mut(), Instant::now());
        let mut commands = Vec::new();
        for step in steps {
            let out = match step {
                Step::Reply(m) => {
                    pages[k].received.push(m);
                    Vec::new()
                }
                Step::Seated(seat) => {
                    pages[k].seat = Some(seat);
                    class.seated(seat)
                }
                Step::Command(seat, command) => {
                    commands.push(command);
                    class.command(seat, command)
                }
                other => panic!("a team's page asked for {other:?}"),
            };
            for (to, message) in out {
                // As the web layer does: to every page whose token still holds the seat.
                for p in pages.iter_mut() {
                    if p.connection.holds(to, class.roster()) {
                        p.received.push(message.clone());
                    }
                }
            }
        }
        commands
    }

    fn last_view(&self) -> &SeatView {
        self.received
            .iter()
            .rev()
            .find_map(|m| match m {
                ServerMessage::View { view, .. } => Some(view.as_ref()),
                _ => None,
            })
            .expect("a view")
    }
}

/// Two tables of reset_2013, a team on each seat, and a teammate's second page on one seat
/// that joins by the token mid-match. Every page's views are of its own nation, the pages of one
/// seat see the same, and each table ends in the state a desktop session reaches with the same
/// commands.
#[test]
fn scripted_pages_play_whole_matches_and_see_only_their_own_seat() {
    let rules = setup("reset_2013", &[], &[], None).rules;
    let seeds = [11, 12];
    let mut class = Class::new(rules.clone(), &seeds).unwrap();
    let code = class.roster().code().as_str().to_string();
    let mut pages: Vec<Page> = (0..4).map(Page::new).collect();
    let ids = ["usa", "rus"];
    for k in 0..4 {
        let join =
            format!(r#"{{"type":"join","protocol":{PROTOCOL_VERSION},"class_code":"{code}"}}"#);
        Page::send(k, &mut pages, &mut class, &join);
        let claim = format!(
            r#"{{"type":"claim","table":{},"nation":"{}"}}"#,
            k / 2,
            ids[k % 2]
        );
        Page::send(k, &mut pages, &mut class, &claim);
        assert_eq!(
            pages[k].seat,
            Some(SeatRef {
                table: k / 2,
                nation: k % 2
            })
        );
    }
    // The commands each table's session was given, in order, as (nation, command).
    let mut given: Vec<Vec<(usize, SeatCommand)>> = vec![Vec::new(); 2];
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    for turn in 0..rules.scenario.turns {
        if turn == 7 {
            // A teammate of table 0's Russia opens the page with the team's token.
            let token = pages[1]
                .received
                .iter()
                .find_map(|m| match m {
                    ServerMessage::Seated { token, .. } => Some(token.clone()),
                    _ => None,
                })
                .unwrap();
            pages.push(Page::new(9));
            let resume =
                format!(r#"{{"type":"resume","protocol":{PROTOCOL_VERSION},"token":"{token}"}}"#);
            Page::send(4, &mut pages, &mut class, &resume);
            assert_eq!(pages[4].seat, pages[1].seat);
        }
        for k in 0..4 {
            let view = pages[k].last_view().clone();
            if view.outcome.is_some() {
                continue;
            }
            let pick = view.moves[rng.random_range(0..view.moves.len())].move_index;
            let mut texts = vec![format!(r#"{{"type":"choose","move_index":{}}}"#, pick.0)];
            for p in view.proposals.iter().filter(|p| p.to_answer) {
                let accept = rng.random_bool(0.5);
                texts.push(format!(
                    r#"{{"type":"answer","proposal":{},"accept":{accept}}}"#,
                    p.index
                ));
            }
            texts.push(r#"{"type":"end_turn"}"#.into());
            // Table 0's Russia plays from the teammate's page once it has joined.
            let from = if k == 1 && pages.len() > 4 { 4 } else { k };
            for text in texts {
                for c in Page::send(from, &mut pages, &mut class, &text) {
                    given[k / 2].push((k % 2, c));
                }
            }
        }
    }
    for (k, page) in pages.iter().enumerate() {
        let seat = page.seat.unwrap();
        for m in &page.received {
            match m {
                ServerMessage::View { view, .. } => {
                    assert_eq!(view.nation, seat.nation, "page {k}")
                }
                ServerMessage::Refused { refusal, .. } => {
                    panic!("page {k} was refused {refusal:?}")
                }
                ServerMessage::Welcome { .. }
                | ServerMessage::Seated { .. }
                | ServerMessage::Brief { .. } => {}
                ServerMessage::Error { error } => panic!("page {k}: {error}"),
                other => panic!("page {k} was sent {other:?}"),
            }
        }
        assert!(
            page.last_view().outcome.is_some(),
            "page {k}: the match ended"
        );
    }
    // The teammate's page and the first page of its seat see the same.
    assert_eq!(pages[4].last_view(), pages[1].last_view());
    // The same commands through a session played as on the desktop.
    for (table, &seed) in seeds.iter().enumerate() {
        let app = super::network::desktop("reset_2013", 2, seed, &given[table]);
        let played = class.state(table).unwrap();
        assert!(
            played.globals.turn >= 5,
            "table {table}: {} turns",
            played.globals.turn
        );
        assert_eq!(played, state(&app), "table {table}");
    }
}

/// A team that presses End turn before choosing is told so, and the turn waits.
#[test]
fn ending_the_turn_without_a_move_is_refused_to_that_team() {
    let rules = setup("reset_2013", &[], &[], None).rules;
    let mut class = Class::new(rules, &[3]).unwrap();
    let code = class.roster().code().as_str().to_string();
    let mut pages: Vec<Page> = (0..2).map(Page::new).collect();
    for (k, id) in ["usa", "rus"].iter().enumerate() {
        let join =
            format!(r#"{{"type":"join","protocol":{PROTOCOL_VERSION},"class_code":"{code}"}}"#);
        Page::send(k, &mut pages, &mut class, &join);
        Page::send(
            k,
            &mut pages,
            &mut class,
            &format!(r#"{{"type":"claim","table":0,"nation":"{id}"}}"#),
        );
    }
    Page::send(0, &mut pages, &mut class, r#"{"type":"end_turn"}"#);
    assert!(matches!(
        pages[0].received.last(),
        Some(ServerMessage::Refused { .. })
    ));
    assert!(
        !pages[1]
            .received
            .iter()
            .any(|m| matches!(m, ServerMessage::Refused { .. }))
    );
    assert_eq!(class.state(0).unwrap().globals.turn, 0);
    // The teacher takes Russia's seat away: its page is no longer sent Russia's views, and
    // its next command is answered with an unknown token.
    let rus = pages[1].seat.unwrap();
    class.release(rus);
    let before = pages[1].received.len();
    Page::send(
        0,
        &mut pages,
        &mut class,
        r#"{"type":"choose","move_index":0}"#,
    );
    assert_eq!(
        pages[1].received.len(),
        before,
        "{:?}",
        pages[1].received.last()
    );
    Page::send(1, &mut pages, &mut class, r#"{"type":"end_turn"}"#);
    match pages[1].received.last() {
        Some(ServerMessage::Error { error }) => {
            assert!(error.to_string().contains("token"), "{error}")
        }
        other => panic!("{other:?}"),
    }
}

//! The teacher's controls on the hub itself (no sockets: the hub's own thread is the test's):
//! only the passphrase opens them; pausing stops every turn until the teacher goes on; the turn
//! timer ends a turn for a team that has not chosen; taking a seat away tells its pages at once.

use super::common::setup;
use detente::host::class::Class;
use detente::host::hub::{Debriefer, Hub, HubOptions, Inbound, PageId};
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{Receiver, channel};

/// A hub and the pages open on it, each with the messages it was sent.
pub(super) struct Pages {
    pub(super) hub: Hub,
    inboxes: Vec<Receiver<String>>,
}

impl Pages {
    pub(super) fn new(seeds: &[u64]) -> Pages {
        Pages::saving(seeds, None)
    }

    /// A class of `reset_2013`, one match per seed, autosaving in `folder` when given.
    pub(super) fn saving(seeds: &[u64], folder: Option<std::path::PathBuf>) -> Pages {
        let rules = setup("reset_2013", &[], &[], None).rules;
        let class = Class::new(rules, seeds).unwrap();
        // With a folder, the host serves the class debrief as `detente report` makes it.
        let debrief = folder
            .as_ref()
            .map(|_| Debriefer(std::sync::Arc::new(detente::cli::class_debrief)));
        let options = HubOptions {
            folder,
            passphrase: Some("Open Skies".into()),
            turn_timer: None,
            flood_per_second: 1000,
            hold: None,
            debrief,
        };
        Pages {
            hub: Hub::new(class, options, vec!["http://127.0.0.1:8080".into()]),
            inboxes: Vec::new(),
        }
    }

    /// A new page, from its own loopback address: its id.
    pub(super) fn open(&mut self) -> PageId {
        let (outbox, inbox) = channel(1024);
        let id = self.inboxes.len() as PageId;
        self.hub.handle(
            Inbound::Opened {
                id,
                from: format!("127.0.3.{}", id + 1).parse().unwrap(),
                outbox,
            },
            Instant::now(),
        );
        self.inboxes.push(inbox);
        id
    }

    pub(super) fn send(&mut self, id: PageId, message: Value) {
        let text = message.to_string();
        self.hub.handle(Inbound::Text { id, text }, Instant::now());
    }

    /// Every message page `id` was sent since last asked.
    pub(super) fn got(&mut self, id: PageId) -> Vec<Value> {
        let mut out = Vec::new();
        while let Ok(text) = self.inboxes[id as usize].try_recv() {
            out.push(serde_json::from_str(&text).unwrap());
        }
        out
    }

    pub(super) fn code(&mut self, teacher: PageId) -> String {
        self.send(
            teacher,
            json!({"type": "teach", "protocol": 1, "passphrase": "open  skies"}),
        );
        let roster = self.got(teacher).pop().unwrap();
        assert_eq!(roster["type"], "roster", "{roster}");
        roster["status"]["class_code"].as_str().unwrap().to_string()
    }

    /// A teacher's page with the passphrase given, and the class code it was shown.
    pub(super) fn teacher(&mut self) -> (PageId, String) {
        let teacher = self.open();
        let code = self.code(teacher);
        (teacher, code)
    }

    /// A team on `nation` of match 0: its page.
    pub(super) fn team(&mut self, code: &str, nation: &str) -> PageId {
        self.team_at(code, 0, nation)
    }

    /// A team on `nation` of match `table`: its page.
    pub(super) fn team_at(&mut self, code: &str, table: usize, nation: &str) -> PageId {
        let page = self.open();
        self.send(
            page,
            json!({"type": "join", "protocol": 1, "class_code": code}),
        );
        self.send(
            page,
            json!({"type": "claim", "table": table, "nation": nation}),
        );
        page
    }
}

pub(super) fn last_view(messages: &[Value]) -> Value {
    messages
        .iter()
        .rev()
        .find(|m| m["type"] == "view")
        .cloned()
        .expect("a view")
}

#[test]
fn only_the_passphrase_opens_the_teachers_controls() {
    let mut p = Pages::new(&[1]);
    let guess = p.open();
    p.send(
        guess,
        json!({"type": "pause", "table": null, "paused": true}),
    );
    assert_eq!(p.got(guess)[0]["error"]["kind"], "out_of_order");
    for _ in 0..10 {
        p.send(
            guess,
            json!({"type": "teach", "protocol": 1, "passphrase": "closed skies"}),
        );
    }
    let kinds: Vec<Value> = p
        .got(guess)
        .iter()
        .map(|m| m["error"]["kind"].clone())
        .collect();
    assert!(kinds.iter().all(|k| k == "wrong_passphrase"), "{kinds:?}");
    // The eleventh guess from that address waits, even with the right words.
    p.send(
        guess,
        json!({"type": "teach", "protocol": 1, "passphrase": "Open Skies"}),
    );
    assert_eq!(p.got(guess)[0]["error"]["kind"], "slow_down");
    let (teacher, code) = p.teacher();
    let usa = p.team(&code, "usa");
    // A team's page is no teacher's.
    p.send(usa, json!({"type": "pause", "table": 0, "paused": true}));
    assert!(
        p.got(usa)
            .iter()
            .any(|m| m["error"]["kind"] == "out_of_order")
    );
    let roster = p.got(teacher).pop().unwrap();
    assert_eq!(roster["status"]["tables"][0]["seats"][0]["joined"], true);
    assert_eq!(roster["status"]["tables"][0]["seats"][0]["browsers"], 1);
    assert_eq!(roster["status"]["tables"][0]["seats"][1]["joined"], false);
    assert!(roster["status"]["qr"].as_str().unwrap().contains("<svg"));
}

#[test]
fn a_paused_match_waits_for_the_teacher_and_the_timer_ends_a_turn() {
    let mut p = Pages::new(&[2]);
    let (teacher, code) = p.teacher();
    let usa = p.team(&code, "usa");
    let rus = p.team(&code, "rus");
    let first = last_view(&p.got(usa));
    let m0 = first["view"]["moves"][0]["move_index"].clone();
    p.send(
        teacher,
        json!({"type": "pause", "table": null, "paused": true}),
    );
    assert_eq!(last_view(&p.got(usa))["paused"], true, "the teams are told");
    for page in [usa, rus] {
        p.send(page, json!({"type": "choose", "move_index": m0}));
        p.send(page, json!({"type": "end_turn"}));
    }
    let refused: Vec<Value> = p
        .got(rus)
        .into_iter()
        .filter(|m| m["type"] == "refused")
        .collect();
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0]["text"].as_str().unwrap().contains("paused"),
        "{}",
        refused[0]
    );
    let status = p.got(teacher).pop().unwrap();
    assert_eq!(
        status["status"]["tables"][0]["turn"], 0,
        "no turn ends while paused"
    );
    assert_eq!(status["status"]["tables"][0]["seats"][1]["done"], true);
    // Going on resolves the turn every team was done with.
    p.send(
        teacher,
        json!({"type": "pause", "table": 0, "paused": false}),
    );
    let after = last_view(&p.got(usa));
    assert_eq!(after["view"]["turn"], 1);
    assert_eq!(after["paused"], false);

    // A timer: out of range is refused; in range, a turn where Russia never chooses ends.
    p.send(teacher, json!({"type": "timer", "seconds": 5}));
    assert_eq!(p.got(teacher).pop().unwrap()["error"]["kind"], "not_done");
    p.send(teacher, json!({"type": "timer", "seconds": 30}));
    let roster = p.got(teacher).pop().unwrap();
    assert_eq!(roster["status"]["turn_timer"], 30);
    // The teams are told, to count down on their pages.
    let told = p.got(usa);
    let timer = told
        .iter()
        .find(|m| m["type"] == "timer")
        .expect("a timer message");
    assert!(
        (29..=30).contains(&timer["seconds_left"].as_u64().unwrap()),
        "{timer}"
    );
    // The United States chooses a move open to it now (and is done).
    let open = after["view"]["moves"][0]["move_index"].clone();
    p.send(usa, json!({"type": "choose", "move_index": open}));
    p.send(usa, json!({"type": "end_turn"}));
    let done = last_view(&p.got(usa));
    assert_eq!(done["done"], true, "{done}");
    p.hub.tick(Instant::now() + Duration::from_secs(10));
    assert_eq!(last_view(&p.got(rus))["view"]["turn"], 1, "not yet");
    p.hub.tick(Instant::now() + Duration::from_secs(31));
    let ended = last_view(&p.got(rus));
    assert_eq!(ended["view"]["turn"], 2, "the timer ended the turn");
    let moves = ended["view"]["history"][1]["moves"]
        .as_array()
        .unwrap()
        .clone();
    assert!(
        moves.iter().any(|m| m["actor"] == 1),
        "Russia played its AI's move: {moves:?}"
    );
    // Its team is told the timer chose for it; the team that chose is not.
    assert_eq!(ended["timed_out"], true);
    assert_eq!(last_view(&p.got(usa))["timed_out"], false);
}

#[test]
fn a_seat_taken_away_is_told_at_once_and_may_be_claimed_again() {
    let mut p = Pages::new(&[3]);
    let (teacher, code) = p.teacher();
    let usa = p.team(&code, "usa");
    let mate = p.open();
    let token = p.got(usa).iter().find(|m| m["type"] == "seated").unwrap()["token"].clone();
    p.send(
        mate,
        json!({"type": "resume", "protocol": 1, "token": token}),
    );
    assert!(p.got(mate).iter().any(|m| m["type"] == "view"));
    p.send(
        teacher,
        json!({"type": "release", "table": 0, "nation": "usa"}),
    );
    for page in [usa, mate] {
        let told = p.got(page);
        assert_eq!(
            told.last().unwrap()["error"]["kind"],
            "unknown_token",
            "{told:?}"
        );
    }
    let roster = p.got(teacher).pop().unwrap();
    assert_eq!(roster["status"]["tables"][0]["seats"][0]["joined"], false);
    let again = p.team(&code, "usa");
    assert!(p.got(again).iter().any(|m| m["type"] == "seated"));
    p.send(
        mate,
        json!({"type": "resume", "protocol": 1, "token": token}),
    );
    assert!(
        p.got(mate)
            .iter()
            .any(|m| m["error"]["kind"] == "unknown_token")
    );
}

/// The class debrief: `detente report` on a class folder sets the matches side by side and
/// against 1,000 games of the scenario's own AI.
#[test]
fn the_class_debrief_compares_the_matches_and_the_ai() {
    use detente::host::connection::SeatCommand;
    use detente::host::folder;
    use detente::host::roster::SeatRef;
    let mut rules = setup("reset_2013", &[], &[], None).rules;
    rules.scenario.turns = 3;
    let mut class = Class::new(rules, &[5, 5]).unwrap();
    for table in 0..2 {
        for _ in 0..3 {
            for nation in 0..2 {
                let seat = SeatRef { table, nation };
                let open = class.view(seat).unwrap().moves[table + nation].move_index;
                class.command(seat, SeatCommand::Choose(open));
                class.command(seat, SeatCommand::EndTurn);
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    folder::write_all(dir.path(), &class).unwrap();
    let out = super::common::succeeds(&["report", dir.path().to_str().unwrap()]);
    assert!(out.contains("debrief.html"), "{out}");
    let html = std::fs::read_to_string(dir.path().join("debrief.html")).unwrap();
    for needle in [
        "Match 1",
        "Match 2",
        "The class against 1000 AI games",
        "MAS",
        "What happened in each match",
    ] {
        assert!(html.contains(needle), "{needle} in the debrief");
    }
    // A damaged class file is refused with its place.
    std::fs::write(
        dir.path().join(folder::CLASS_FILE),
        "{\n  \"matches\": ,\n}",
    )
    .unwrap();
    let err = super::common::fails(&["report", dir.path().to_str().unwrap()]);
    assert!(err.contains("class.json:2:"), "{err}");
}

/// A class keeps its teacher's passphrase in its folder, as a salted hash only: resumed without
/// one, the same words open the teacher's page.
#[test]
fn a_resumed_class_keeps_its_teachers_passphrase() {
    use detente::host::folder;
    let rules = setup("reset_2013", &[], &[], None).rules;
    let mut class = Class::new(rules, &[7]).unwrap();
    class
        .roster_mut()
        .set_teacher(detente::sim::archive::guard::Guard::new(
            &detente::host::roster::teacher_words("Open  Skies"),
        ));
    let dir = tempfile::tempdir().unwrap();
    folder::write_all(dir.path(), &class).unwrap();
    let kept = std::fs::read_to_string(dir.path().join(folder::CLASS_FILE)).unwrap();
    assert!(kept.contains("$argon2id$") && !kept.to_lowercase().contains("open skies"));
    let back = folder::open(dir.path()).unwrap();
    assert!(back.roster().is_teacher("open skies"));
    assert!(!back.roster().is_teacher("closed skies"));
    // Resumed on the hub with no passphrase given, the kept one opens the teacher's page.
    let options = HubOptions {
        folder: None,
        passphrase: None,
        turn_timer: None,
        flood_per_second: 1000,
        hold: None,
        debrief: None,
    };
    let mut p = Pages {
        hub: Hub::new(back, options, vec!["http://127.0.0.1:8080".into()]),
        inboxes: Vec::new(),
    };
    let teacher = p.open();
    p.code(teacher);
}

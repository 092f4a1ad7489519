//! The teacher decides who plays each seat, on the hub itself: the computer takes a team's
//! seat (with a strategy and personality) and gives it back, and a team moves, with all its
//! pages, to another seat. Each hand-over is in the match's autosave, which replays.

use super::teacher::{Pages, last_view};
use serde_json::{Value, json};

fn refusals(messages: &[Value]) -> Vec<String> {
    messages
        .iter()
        .filter(|m| m["type"] == "refused")
        .map(|m| m["text"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn not_done(messages: &[Value]) -> Option<String> {
    messages
        .iter()
        .find(|m| m["error"]["kind"] == "not_done")
        .map(|m| m["error"]["why"].as_str().unwrap_or_default().to_string())
}

#[test]
fn the_computer_takes_a_teams_seat_and_gives_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pages::saving(&[3], Some(dir.path().to_path_buf()));
    let (teacher, code) = p.teacher();
    let usa = p.team(&code, "usa");
    let rus = p.team(&code, "rus");
    let first = last_view(&p.got(rus));
    assert_eq!(first["computer"], Value::Null);
    let m0 = first["view"]["moves"][0]["move_index"].clone();
    let roster = p.got(teacher).pop().unwrap();
    let status = &roster["status"];
    assert!(status["strategies"].as_array().unwrap().len() >= 12);
    assert!(!status["personalities"].as_array().unwrap().is_empty());
    assert!(status["tables"][0]["seats"][1]["usual"]["strategy"].is_string());

    // Names the rules do not know are refused, in words, and change nothing.
    p.send(
        teacher,
        json!({"type": "computer", "table": 0, "nation": "rus", "strategy": "nice", "personality": "realist"}),
    );
    let why = not_done(&p.got(teacher)).expect("refused");
    assert!(why.contains("unknown strategy"), "{why}");
    p.send(
        teacher,
        json!({"type": "computer", "table": 0, "nation": "rus", "strategy": "grudger", "personality": "realist"}),
    );
    let handed = last_view(&p.got(rus));
    assert_eq!(handed["computer"]["strategy"], "grudger");
    assert_eq!(handed["computer"]["personality"], "realist");
    let roster = p.got(teacher).pop().unwrap();
    assert_eq!(
        roster["status"]["tables"][0]["seats"][1]["computer"]["strategy"],
        "grudger"
    );
    assert_eq!(roster["status"]["tables"][0]["seats"][1]["joined"], true);
    // The team watches: its move is refused, and nobody waits for it.
    p.send(rus, json!({"type": "choose", "move_index": m0}));
    let refused = refusals(&p.got(rus));
    assert!(
        refused.iter().any(|r| r.contains("not played by a person")),
        "{refused:?}"
    );
    p.send(usa, json!({"type": "choose", "move_index": m0}));
    p.send(usa, json!({"type": "end_turn"}));
    let after = last_view(&p.got(usa));
    assert_eq!(after["view"]["turn"], 1, "{after}");
    assert_eq!(last_view(&p.got(rus))["view"]["turn"], 1);

    // Given back, the seat is its team's again, and the turn waits for it.
    p.send(
        teacher,
        json!({"type": "hand_back", "table": 0, "nation": "rus"}),
    );
    assert_eq!(last_view(&p.got(rus))["computer"], Value::Null);
    p.send(usa, json!({"type": "choose", "move_index": m0}));
    p.send(usa, json!({"type": "end_turn"}));
    let waiting = last_view(&p.got(usa));
    assert_eq!(waiting["view"]["turn"], 1);
    assert_eq!(waiting["waiting"], json!([1]));
    p.send(rus, json!({"type": "choose", "move_index": m0}));
    p.send(rus, json!({"type": "end_turn"}));
    assert_eq!(last_view(&p.got(rus))["view"]["turn"], 2);

    // The autosave holds both hand-overs and replays.
    let save = dir.path().join("match-01.ron");
    let text = std::fs::read_to_string(&save).unwrap();
    assert!(
        text.contains(r#"seats: [("rus", Ai(strategy: "grudger""#),
        "{text}"
    );
    assert!(text.contains(r#"seats: [("rus", Human)]"#), "{text}");
    let out = super::common::succeeds(&["replay", save.to_str().unwrap()]);
    assert!(out.contains("verified"), "{out}");
}

#[test]
fn a_team_moves_with_all_its_pages_to_an_open_seat() {
    let mut p = Pages::new(&[4, 4]);
    let (teacher, code) = p.teacher();
    let usa = p.team(&code, "usa");
    let seated = p
        .got(usa)
        .into_iter()
        .find(|m| m["type"] == "seated")
        .unwrap();
    let (token, team_code) = (seated["token"].clone(), seated["team_code"].clone());
    // A teammate's laptop on the same seat.
    let mate = p.open();
    p.send(
        mate,
        json!({"type": "join", "protocol": 1, "class_code": code}),
    );
    p.send(
        mate,
        json!({"type": "claim", "table": 0, "nation": "usa", "team_code": team_code}),
    );
    p.got(mate);
    let rus = p.team_at(&code, 1, "usa");
    p.got(teacher);

    // Not to a seat a team holds, and not by a team's page.
    p.send(
        teacher,
        json!({"type": "move_team", "table": 0, "nation": "usa", "to_table": 1, "to_nation": "usa"}),
    );
    let why = not_done(&p.got(teacher)).expect("refused");
    assert!(why.contains("holds that seat"), "{why}");
    p.send(
        rus,
        json!({"type": "move_team", "table": 0, "nation": "usa", "to_table": 1, "to_nation": "rus"}),
    );
    assert!(
        p.got(rus)
            .iter()
            .any(|m| m["error"]["kind"] == "out_of_order")
    );

    p.send(
        teacher,
        json!({"type": "move_team", "table": 0, "nation": "usa", "to_table": 1, "to_nation": "rus"}),
    );
    let mut moved = Value::Null;
    for page in [usa, mate] {
        let got = p.got(page);
        let seated = got.iter().find(|m| m["type"] == "seated").expect("seated");
        assert_eq!(
            (&seated["table"], &seated["nation"], &seated["token"]),
            (&json!(1), &json!(1), &token)
        );
        assert!(got.iter().any(|m| m["type"] == "brief"));
        moved = last_view(&got);
        assert_eq!(moved["view"]["nation"], 1);
    }
    // Its commands play the new seat: its move shows in that match's roster.
    let m0 = moved["view"]["moves"][0]["move_index"].clone();
    p.send(usa, json!({"type": "choose", "move_index": m0}));
    assert_eq!(last_view(&p.got(mate))["view"]["chosen"], m0);
    let roster = p.got(teacher).pop().unwrap();
    let tables = &roster["status"]["tables"];
    assert_eq!(
        tables[0]["seats"][0]["joined"], false,
        "the seat it left is open"
    );
    assert_eq!(tables[1]["seats"][1]["joined"], true);
    assert_eq!(tables[1]["seats"][1]["chosen"], true);
    assert_eq!(tables[1]["seats"][1]["browsers"], 2);
    // Its token brings a reloaded page to the new seat.
    let again = p.open();
    p.send(
        again,
        json!({"type": "resume", "protocol": 1, "token": token}),
    );
    let got = p.got(again);
    assert_eq!(last_view(&got)["view"]["nation"], 1);
}

/// The teacher's page asks for the class debrief: the host makes it from the class folder as
/// `detente report` does, for the teacher only.
#[test]
fn the_host_serves_the_class_debrief_to_the_teacher_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pages::saving(&[6, 6], Some(dir.path().to_path_buf()));
    let (teacher, code) = p.teacher();
    let usa = p.team(&code, "usa");
    p.send(usa, json!({"type": "debrief"}));
    assert!(
        p.got(usa)
            .iter()
            .any(|m| m["error"]["kind"] == "out_of_order")
    );
    p.send(teacher, json!({"type": "debrief"}));
    let got = p.got(teacher);
    let debrief = got
        .iter()
        .find(|m| m["type"] == "debrief")
        .unwrap_or_else(|| panic!("{got:?}"));
    let html = debrief["html"].as_str().unwrap();
    for needle in [
        "<html",
        "Match 1",
        "Match 2",
        "The class against 1000 AI games",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    // Without a class folder there is nothing to debrief, and the teacher is told so.
    let mut bare = Pages::new(&[6]);
    let teacher = bare.open();
    bare.code(teacher);
    bare.send(teacher, json!({"type": "debrief"}));
    let why = not_done(&bare.got(teacher)).expect("refused");
    assert!(why.contains("no class folder"), "{why}");
}

/// The host window's facilitator panel works on the hosted match: a rollback sends every team
/// its view of the earlier turn, and a changed parameter is in the odds the teams are shown.
#[test]
fn the_facilitator_rolls_a_hosted_match_back_and_changes_its_parameters() {
    use detente::host::hub::Inbound;
    use detente::sim::play::session::{Facilitate, Facilitated};
    use std::time::Instant;
    let mut p = Pages::new(&[8]);
    let (_teacher, code) = p.teacher();
    let usa = p.team(&code, "usa");
    let rus = p.team(&code, "rus");
    for _ in 0..2 {
        for page in [usa, rus] {
            let view = last_view(&p.got(page));
            let m = view["view"]["moves"][0]["move_index"].clone();
            p.send(page, json!({"type": "choose", "move_index": m}));
            p.send(page, json!({"type": "end_turn"}));
        }
    }
    let before = last_view(&p.got(usa));
    assert_eq!(before["view"]["turn"], 2);
    let ask = |p: &mut Pages, command: Facilitate| {
        let (reply, answer) = std::sync::mpsc::channel();
        p.hub.handle(
            Inbound::Facilitate {
                table: 0,
                command,
                reply,
            },
            Instant::now(),
        );
        answer.recv().unwrap()
    };
    let (done, copy) = ask(&mut p, Facilitate::RollBack(1)).unwrap();
    assert_eq!(done, Facilitated::RolledBack(1));
    assert_eq!(copy.state.globals.turn, 1);
    let mut rolled = Vec::new();
    for page in [usa, rus] {
        let view = last_view(&p.got(page));
        assert_eq!(view["view"]["turn"], 1, "{view}");
        assert_eq!(view["done"], false);
        rolled.push(view);
    }
    let odds = |view: &Value| -> Vec<f64> {
        let moves = view["view"]["moves"].as_array().unwrap();
        moves.iter().map(|m| m["odds"].as_f64().unwrap()).collect()
    };
    let plain = odds(&rolled[0]);
    let (done, copy) = ask(
        &mut p,
        Facilitate::SetParam("params.perception.detect=0.1".into()),
    )
    .unwrap();
    assert!(matches!(done, Facilitated::ParamChanged(_)));
    assert!((copy.rules.scenario.params.perception.detect - 0.1).abs() < 1e-12);
    let after = last_view(&p.got(usa));
    assert_ne!(
        odds(&after),
        plain,
        "the odds shown follow the new parameter"
    );
    // What the rules refuse comes back in words.
    let why = ask(&mut p, Facilitate::RollBack(9)).unwrap_err();
    assert!(why.contains("no turn 9"), "{why}");
}

/// The turn timer waits for every seat to be taken; a seat the computer plays counts as taken.
#[test]
fn the_turn_timer_runs_once_the_computer_fills_the_empty_seat() {
    use std::time::{Duration, Instant};
    let mut p = Pages::new(&[2]);
    let (teacher, code) = p.teacher();
    p.send(teacher, json!({"type": "timer", "seconds": 30}));
    let usa = p.team(&code, "usa");
    let roster = p.got(teacher).pop().unwrap();
    assert_eq!(
        roster["status"]["seconds_left"],
        Value::Null,
        "Russia is empty"
    );
    p.send(
        teacher,
        json!({"type": "computer", "table": 0, "nation": "rus", "strategy": "tit_for_tat", "personality": "realist"}),
    );
    let roster = p.got(teacher).pop().unwrap();
    assert!(roster["status"]["seconds_left"].is_u64(), "{roster}");
    p.got(usa);
    p.hub.tick(Instant::now() + Duration::from_secs(31));
    let ended = last_view(&p.got(usa));
    assert_eq!(ended["view"]["turn"], 1, "the timer ended the turn");
    assert_eq!(ended["timed_out"], true);
}

/// What the teacher asks that cannot be done is answered, in the roster's own numbering, and a
/// match the computer plays alone moves on with the turn timer. The class folder keeps the
/// teacher's passphrase from the start, before any team joins.
#[test]
fn impossible_teacher_commands_are_answered_and_a_computer_match_keeps_time() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pages::saving(&[2], Some(dir.path().to_path_buf()));
    let kept = std::fs::read_to_string(dir.path().join("class.json")).unwrap();
    assert!(kept.contains("$argon2id$"), "{kept}");
    let teacher = p.open();
    p.code(teacher);
    for (message, says) in [
        (
            json!({"type": "pause", "table": 7, "paused": true}),
            "no match 8",
        ),
        (
            json!({"type": "release", "table": 0, "nation": "usa"}),
            "no team holds",
        ),
        (
            json!({"type": "release", "table": 7, "nation": "usa"}),
            "no match 8",
        ),
        (
            json!({"type": "hand_back", "table": 0, "nation": "usa"}),
            "people play that seat already",
        ),
    ] {
        p.send(teacher, message.clone());
        let why = not_done(&p.got(teacher)).unwrap_or_else(|| panic!("{message}: no answer"));
        assert!(why.contains(says), "{message}: {why}");
    }
    p.send(teacher, json!({"type": "timer", "seconds": 30}));
    for nation in ["usa", "rus"] {
        p.send(
            teacher,
            json!({"type": "computer", "table": 0, "nation": nation, "strategy": "grudger", "personality": "realist"}),
        );
    }
    let before = p.got(teacher).pop().unwrap()["status"]["tables"][0]["turn"].clone();
    p.hub.tick(Instant::now() + Duration::from_secs(31));
    let after = p.got(teacher).pop().unwrap();
    assert_eq!(
        after["status"]["tables"][0]["turn"].as_u64(),
        before.as_u64().map(|t| t + 1),
        "{after}"
    );
}

/// A class resumed from its folder keeps the teacher's turn timer and the matches the teacher
/// paused.
#[test]
fn a_resumed_class_keeps_its_timer_and_its_paused_matches() {
    use detente::host::folder;
    use detente::host::hub::{Hub, HubOptions};
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pages::saving(&[3, 3], Some(dir.path().to_path_buf()));
    let teacher = p.open();
    p.code(teacher);
    p.send(teacher, json!({"type": "timer", "seconds": 90}));
    p.send(
        teacher,
        json!({"type": "pause", "table": 1, "paused": true}),
    );
    drop(p);
    let class = folder::open(dir.path()).unwrap();
    let options = HubOptions {
        folder: None,
        passphrase: None,
        turn_timer: None,
        flood_per_second: 1000,
        hold: None,
        debrief: None,
    };
    let hub = Hub::new(class, options, vec!["http://127.0.0.1:8080".into()]);
    let status = hub.status().lock().unwrap().clone();
    assert_eq!(status.turn_timer, Some(90));
    let paused: Vec<bool> = status.tables.iter().map(|t| t.paused).collect();
    assert_eq!(paused, vec![false, true]);
}

//! Saves and replays, on matches played through `sim::play::session` as the desktop plays them:
//! bit-for-bit loads, killed writes, broken and fuzzed files, `detente replay`.

use super::common::{detente, temp_dir};
use super::session::{active, loaded, play, save_of, session, state, state_text};
use bevy::prelude::*;
use detente::sim::Rules;
use detente::sim::archive::journal::Recording;
use detente::sim::archive::save::{SaveFile, load, parse, verify};
use detente::sim::play::session::{ChooseMove, advise, snapshot};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[test]
fn save_quit_load_is_bit_for_bit_and_plays_on_the_same() {
    let dir = temp_dir("save-load");
    let path = dir.join("match.ron");
    let people = [0, 1];
    let mut original = session("multipolar_2030", &people, 11);
    play(&mut original, &people, 7);
    // A move chosen but the turn not yet ended is part of the save too.
    let entity = active(&original);
    let pending = advise(original.world(), entity, 0).unwrap();
    original.world_mut().write_message(ChooseMove {
        nation: 0,
        move_index: pending,
    });
    original.update();
    save_of(&original).write(&path).unwrap();
    let before = state(&original);

    let mut resumed = loaded(&path);
    let after = state(&resumed);
    assert_eq!(after, before);
    assert_eq!(state_text(&after), state_text(&before), "not bit for bit");

    play(&mut original, &people, 12);
    play(&mut resumed, &people, 12);
    let (a, b) = (state(&original), state(&resumed));
    assert!(
        a.history.len() > 8,
        "the match went on: {}",
        a.history.len()
    );
    assert_eq!(a.history, b.history);
    assert_eq!(state_text(&a), state_text(&b));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_saved_game_replays_and_a_tampered_one_is_caught() {
    let dir = temp_dir("replay");
    let mut saves = Vec::new();
    for (scenario, people, seed) in [
        ("reset_2013", vec![0], 3),
        ("cold_war_1962", vec![0, 1], 8),
        ("multipolar_2030", vec![1, 2], 5),
        ("prisoners_dilemma", vec![0], 2),
    ] {
        let mut app = session(scenario, &people, seed);
        play(&mut app, &people, 9);
        let path = dir.join(format!("{scenario}.ron"));
        save_of(&app).write(&path).unwrap();
        saves.push(path);
    }
    // A game of AI seats saved by `simulate --save`.
    let ai = dir.join("ai.ron");
    let out = detente(&[
        "simulate",
        "cold_war_1962",
        "--seed",
        "5",
        "--quiet",
        "--save",
        ai.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    saves.push(ai);
    for path in &saves {
        let out = detente(&["replay", path.to_str().unwrap()]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("verified"), "{stdout}");
    }

    // A person's recorded move changed: the replay parts from the history at that turn.
    let text = std::fs::read_to_string(&saves[0]).unwrap();
    let mut save: SaveFile = ron::from_str(&text).unwrap();
    let sixth = &mut save.recording.turns[5];
    let rules = Rules::new(save.recording.scenario.clone());
    let played = sixth.moves[0].1.clone();
    let other = [
        "hold",
        "summit",
        "arms_buildup",
        "lower_alert",
        "hawkish_rhetoric",
    ]
    .into_iter()
    .find(|m| *m != played && rules.move_index(m).is_some())
    .unwrap();
    sixth.moves[0].1 = other.to_string();
    let tampered = dir.join("tampered.ron");
    std::fs::write(&tampered, save.to_text()).unwrap();
    let out = detente(&["replay", tampered.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("first differing turn: 6"), "{stderr}");

    // A number of the saved state changed, the commands left alone.
    let mut save: SaveFile = ron::from_str(&text).unwrap();
    save.state.nations.0[1].arms += 0.5;
    std::fs::write(&tampered, save.to_text()).unwrap();
    let out = detente(&["replay", tampered.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("state.nations"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_save_killed_midway_leaves_the_previous_one_loadable() {
    let dir = temp_dir("killed");
    let path = dir.join("game.ron");
    let p = path.to_str().unwrap();
    let ok = detente(&[
        "simulate",
        "reset_2013",
        "--seed",
        "1",
        "--quiet",
        "--save",
        p,
    ]);
    assert!(ok.status.success());
    let previous = std::fs::read(&path).unwrap();
    for cut in [0, 1, 500, 20_000, previous.len() - 1] {
        let killed = std::process::Command::new(env!("CARGO_BIN_EXE_detente"))
            .args([
                "simulate",
                "reset_2013",
                "--seed",
                "2",
                "--quiet",
                "--save",
                p,
            ])
            .env("DETENTE_TEST_ABORT_SAVE_AFTER", cut.to_string())
            .output()
            .unwrap();
        assert!(!killed.status.success(), "the process was meant to die");
        assert_eq!(std::fs::read(&path).unwrap(), previous, "cut at {cut}");
        let (save, _) = load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(save.recording.seed, 1);
        // What the killed process left is a cut-short temporary, refused with a clear message.
        let partial: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|f| f.to_string_lossy().ends_with(".tmp"))
            .collect();
        assert_eq!(partial.len(), 1, "{partial:?}");
        let err = load(&partial[0]).unwrap_err().to_string();
        assert!(err.contains("empty") || err.contains("cut short"), "{err}");
        std::fs::remove_file(&partial[0]).unwrap();
    }
    let out = detente(&["replay", p]);
    assert_eq!(out.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hand_broken_saves_are_refused_with_the_reason() {
    let dir = temp_dir("broken");
    let mut app = session("reset_2013", &[0], 4);
    play(&mut app, &[0], 5);
    let text = save_of(&app).to_text();
    let cases: Vec<(&str, String, &str)> = vec![
        ("empty", String::new(), "empty"),
        ("truncated", text[..text.len() / 2].to_string(), "cut short"),
        ("random", "\u{1}garbage (((".into(), "cut short"),
        (
            "newer",
            text.replacen(
                &format!("version: {},", detente::sim::archive::save::VERSION),
                "version: 70,",
                1,
            ),
            "made by a newer version of Détente",
        ),
        (
            "not a save",
            text.replacen("detente-save", "something-else", 1),
            "not a Détente save",
        ),
        (
            "wrong hash",
            text.replacen("sha256:", "sha256:0", 1),
            "does not match its hash",
        ),
        (
            "edited scenario",
            text.replacen("turns: 40", "turns: 41", 1),
            "does not match its hash",
        ),
    ];
    for (name, body, expected) in cases {
        let path = dir.join(format!("{}.ron", name.replace(' ', "_")));
        std::fs::write(&path, &body).unwrap();
        let err = load(&path).map(|_| ()).unwrap_err().to_string();
        assert!(err.contains(expected), "{name}: {err}");
        assert!(err.starts_with(path.to_str().unwrap()), "{name}: {err}");
        let out = detente(&["replay", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(expected),
            "{name}"
        );
        if cfg!(feature = "desktop") {
            let out = detente(&["play", "--load", path.to_str().unwrap()]);
            assert_eq!(out.status.code(), Some(2), "{name}");
            assert!(
                String::from_utf8_lossy(&out.stderr).contains(expected),
                "{name}"
            );
        }
        // A refused file is left as it was.
        assert_eq!(std::fs::read_to_string(&path).unwrap(), body);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Ten thousand damaged saves: cut short, bytes changed, lines dropped or swapped, random bytes.
/// Each is refused with a message that names the file, or (when the damage changed nothing that
/// matters, like a space) read back as the very same match. None panics.
#[test]
fn fuzzed_saves_are_refused_and_never_panic() {
    let mut app = session("prisoners_dilemma", &[0], 9);
    play(&mut app, &[0], 6);
    let original = save_of(&app);
    let text = original.to_text();
    let bytes = text.as_bytes();
    let lines: Vec<&str> = text.lines().collect();
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let (mut refused, mut same) = (0, 0);
    for i in 0..10_000 {
        let input: Vec<u8> = match i % 5 {
            0 => bytes[..rng.random_range(0..bytes.len())].to_vec(),
            1 => {
                let mut b = bytes.to_vec();
                for _ in 0..rng.random_range(1..4) {
                    let at = rng.random_range(0..b.len());
                    b[at] = rng.random();
                }
                b
            }
            2 => {
                let mut kept = lines.clone();
                let at = rng.random_range(0..kept.len());
                if rng.random_bool(0.5) {
                    kept.remove(at);
                } else {
                    let other = rng.random_range(0..kept.len());
                    kept.swap(at, other);
                }
                kept.join("\n").into_bytes()
            }
            3 => {
                let mut b = bytes.to_vec();
                let at = rng.random_range(0..b.len());
                let digit = b"0123456789"[rng.random_range(0..10)];
                if b[at].is_ascii_digit() {
                    b[at] = digit;
                } else {
                    b.insert(at, digit);
                }
                b
            }
            _ => (0..rng.random_range(0..400))
                .map(|_| rng.random())
                .collect(),
        };
        let outcome = std::panic::catch_unwind(|| {
            parse("fuzz.ron", &input).and_then(|save| {
                verify(&save)
                    .map(|rebuilt| rebuilt.state)
                    .map_err(|d| detente::sim::InputError::new("fuzz.ron", d.to_string()))
            })
        });
        match outcome {
            Err(_) => panic!("input {i} panicked: {:?}", String::from_utf8_lossy(&input)),
            Ok(Err(e)) => {
                let message = e.to_string();
                assert!(message.starts_with("fuzz.ron"), "{message}");
                assert!(message.len() > "fuzz.ron: ".len() + 5, "{message}");
                refused += 1;
            }
            Ok(Ok(state)) => {
                assert_eq!(state, original.state, "input {i} was read as another match");
                same += 1;
            }
        }
    }
    assert_eq!(refused + same, 10_000);
    println!("fuzz: {refused} refused with a message, {same} read back as the same match");
    assert!(refused > 9_000, "{refused} refused, {same} harmless");
}

#[test]
fn the_game_so_far_exports_for_the_report() {
    let dir = temp_dir("export");
    let people = [0];
    let mut app = session("reset_2013", &people, 3);
    play(&mut app, &people, 6);
    let path = dir.join("game.ron");
    save_of(&app).write(&path).unwrap();
    let json = dir.join("game.json");
    let out = detente(&[
        "replay",
        path.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(value["history"].as_array().unwrap().len(), 6);
    assert_eq!(value["strategies"]["usa"], "human");
    let out = detente(&["report", json.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("game.html").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The recording a save holds is plain data: it round-trips through its text.
#[test]
fn a_recording_reads_back_as_written() {
    let mut app = session("multipolar_2030", &[2], 1);
    play(&mut app, &[2], 4);
    let save = save_of(&app);
    let back: Recording = ron::from_str(&ron::to_string(&save.recording).unwrap()).unwrap();
    assert_eq!(back.turns, save.recording.turns);
    assert_eq!(back.seats, save.recording.seats);
}

/// A save cannot make the game ask for more memory than a computer has: a scenario inside it
/// with thousands of nations (relations grow with their square) is refused before any match is
/// built, even with a correct hash.
#[test]
fn an_enormous_scenario_in_a_save_is_refused() {
    let mut app = session("reset_2013", &[0], 4);
    play(&mut app, &[0], 1);
    let (mut recording, pending, state) = snapshot(app.world()).unwrap();
    let template = recording.scenario.nations[1].clone();
    for i in 0..5000 {
        let mut n = template.clone();
        n.id = format!("n{i}");
        recording.scenario.nations.push(n);
    }
    let text = SaveFile::new(recording, pending, state).to_text();
    let err = parse("huge.ron", text.as_bytes())
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(err.contains("at most 32"), "{err}");
}

//! Golden saves: files written by earlier versions of Détente, kept under `tests/golden/`, that
//! every later build must load and replay (or migrate).

use super::common::{detente, temp_dir};
use super::session::{active, drain, loaded, play, save_of, session};
use detente::sim::Rules;
use detente::sim::archive::save::{SaveFile, VERSION, load, read};
use detente::sim::play::session::{ChooseMove, Facilitate, Facilitated, advise};
use detente::sim::play::state::Controller;

/// Writes this build's golden saves into `$DETENTE_GOLDEN_OUT`. Run it once for each new save
/// version (`DETENTE_GOLDEN_OUT=tests/golden cargo test --test detente -- --ignored
/// write_golden_saves`) and never again for an old one: the old files are the test.
#[test]
#[ignore]
fn write_golden_saves() {
    let Some(out) = std::env::var_os("DETENTE_GOLDEN_OUT").map(std::path::PathBuf::from) else {
        return;
    };
    let version = detente::sim::archive::save::VERSION;
    // The first seed from 8 on whose session is still going when it is saved (since version 6,
    // the cold war of seed 8 ends in an exchange before its hand-over).
    let app = (8..200)
        .find_map(hotseat_session)
        .expect("a seed whose session lasts eight turns");
    let path = out.join(format!("v{version}-hotseat-cold_war_1962.ron"));
    save_of(&app).write(&path).unwrap();
    eprintln!("wrote {}", path.display());
}

/// Two people at one computer, cold war, with a facilitator who forces a false alarm into
/// turn 4 and raises the threats' growth (and, since version 5, lets the computer play the
/// second seat for turns 5 and 6); in the middle of turn 8 with one move chosen. `None` when
/// the match of this seed ends before then.
fn hotseat_session(seed: u64) -> Option<bevy::prelude::App> {
    let people = [0, 1];
    let mut app = session("cold_war_1962", &people, seed);
    let over = |app: &bevy::prelude::App| {
        app.world()
            .get::<detente::sim::play::state::Clock>(active(app))
            .is_none_or(|c| c.finished())
    };
    play(&mut app, &people, 3);
    let event = app
        .world()
        .resource::<Rules>()
        .event_index("false_alarm")
        .unwrap();
    app.world_mut()
        .write_message(Facilitate::Inject { event, on: true });
    app.world_mut()
        .write_message(Facilitate::SetParam("params.threats.growth=3".into()));
    app.update();
    assert_eq!(drain::<Facilitated>(&mut app).len(), 2);
    play(&mut app, &people, 1);
    // Since version 5: the computer plays the second seat for turns 5 and 6, then gives it back.
    let computer = Controller::Ai {
        strategy: detente::sim::play::strategy::Strategy::Grudger,
        personality: 0,
    };
    for (controller, turns) in [(computer, 2), (Controller::Human, 1)] {
        if over(&app) {
            return None;
        }
        app.world_mut().write_message(Facilitate::HandOver {
            nation: 1,
            controller,
        });
        app.update();
        assert_eq!(drain::<Facilitated>(&mut app).len(), 1);
        let at_table: &[usize] = if controller == Controller::Human {
            &people
        } else {
            &[0]
        };
        play(&mut app, at_table, turns);
    }
    if over(&app) {
        return None;
    }
    let entity = active(&app);
    let move_index = advise(app.world(), entity, 0).unwrap();
    app.world_mut().write_message(ChooseMove {
        nation: 0,
        move_index,
    });
    app.update();
    Some(app)
}

/// Every golden save loads (migrated to this version), replays through `detente replay`, and
/// plays on; a save written from it is of this version and loads too.
#[test]
fn golden_saves_of_every_version_load_replay_and_play_on() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "{files:?}");
    let scratch = temp_dir("golden");
    for path in &files {
        let shown = path.display();
        let (save, rebuilt) = load(path).unwrap_or_else(|e| panic!("{e}"));
        let (written, _) = read(path).unwrap();
        assert!(save.version <= VERSION, "{shown}");
        // Version 1 never recorded total arms after the start; the migration reads them again.
        let state = &rebuilt.state;
        assert_eq!(&save.state, state, "{shown}: the save loads as its replay");
        if save.version == 1 {
            assert_eq!(written.state.globals.arms_totals.len(), 1, "{shown}");
            assert!(state.globals.arms_totals.len() > 1, "{shown}");
            assert_eq!(
                state.nations, written.state.nations,
                "{shown}: the dynamics are the same"
            );
            assert_eq!(state.relations, written.state.relations, "{shown}");
        }
        let out = detente(&["replay", path.to_str().unwrap()]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{shown}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("verified"), "{stdout}");
        if save.version < VERSION {
            assert!(stdout.contains("migrated: a save of version"), "{stdout}");
        }
        // Saved again by this version, it is a save of this version that loads the same.
        let again = scratch.join(path.file_name().unwrap());
        SaveFile::new(save.recording.clone(), save.pending.clone(), state.clone())
            .write(&again)
            .unwrap();
        let (resaved, reloaded) = load(&again).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(resaved.version, VERSION);
        assert_eq!(resaved.detente, env!("CARGO_PKG_VERSION"));
        assert_eq!(reloaded.state, *state);
        // A match with people at the table plays on from where it was saved.
        if save.recording.has_people() && state.globals.outcome.is_none() {
            let mut app = loaded(path);
            let people: Vec<usize> = (0..state.seats.0.len())
                .filter(|&i| state.seats.0[i].controller == Controller::Human)
                .collect();
            let before = state.globals.turn;
            play(&mut app, &people, 3);
            let after = app
                .world()
                .get::<detente::sim::play::state::Clock>(active(&app))
                .unwrap()
                .turn;
            assert_eq!(after, before + 3, "{shown}");
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
}

/// A save of a version this build does not know says whether it is newer or older, in words.
#[test]
fn a_save_of_another_version_says_which() {
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/v1-ai-reset_2013-seed4.ron");
    let text = std::fs::read_to_string(golden).unwrap();
    let dir = temp_dir("versions");
    for (version, expected) in [
        ("99", "made by a newer version of Détente"),
        ("0", "made by an incompatible older version of Détente"),
    ] {
        let path = dir.join(format!("v{version}.ron"));
        std::fs::write(
            &path,
            text.replacen("version: 1,", &format!("version: {version},"), 1),
        )
        .unwrap();
        let e = load(&path).unwrap_err().to_string();
        assert!(e.starts_with(&format!("{}:3:5: ", path.display())), "{e}");
        assert!(e.contains(expected), "{e}");
        let out = detente(&["replay", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains(expected));
    }
    // A newer save that claims an older version, to be migrated past its checks, is caught.
    let newer = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/v2-hotseat-cold_war_1962.ron");
    let text = std::fs::read_to_string(newer).unwrap();
    let path = dir.join("claims-v1.ron");
    std::fs::write(&path, text.replacen("version: 2,", "version: 1,", 1)).unwrap();
    let e = load(&path).unwrap_err().to_string();
    assert!(e.contains("a save of version 1 cannot have"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A save that claims an older version but holds what only a newer one writes is refused, with
/// the field: a hand-over of seats in a "version 4" save.
#[test]
fn a_save_claiming_version_4_with_a_hand_over_is_refused() {
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/v5-hotseat-cold_war_1962.ron");
    let text = std::fs::read_to_string(golden).unwrap();
    assert!(text.contains("version: 5,"));
    let scratch = temp_dir("claims-v4");
    let path = scratch.join("claims-v4.ron");
    std::fs::write(&path, text.replacen("version: 5,", "version: 4,", 1)).unwrap();
    let err = load(&path).map(|_| ()).unwrap_err().to_string();
    assert!(
        err.contains("a seat handed over") && err.contains("version 5"),
        "{err}"
    );
}

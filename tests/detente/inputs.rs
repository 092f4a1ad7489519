//! Trustworthy at every edge, the files Détente reads: encodings, keys given twice,
//! identifiers, and scenarios found from a binary run away from its source tree.

use crate::common::{ScratchFile, edited_copy, fails, line_of, scenario, succeeds, temp_dir};

/// A folder with a copy of `reset_2013.ron` and its deck, each edited by `(from, to)` pairs.
fn copy_of_reset(
    name: &str,
    scenario_edits: &[(&str, &str)],
    deck_edits: &[(&str, &str)],
) -> ScratchFile {
    edited_copy(
        "reset_2013",
        name,
        "reset_2013.ron",
        scenario_edits,
        deck_edits,
    )
}

/// Fault 2: a leading UTF-8 byte-order mark is accepted by every reader; other encodings are
/// refused by name.
#[test]
fn a_byte_order_mark_is_accepted_and_other_encodings_are_named() {
    let path = copy_of_reset("bom", &[], &[]);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
    let deck = path.with_file_name("decks").join("standard.ron");
    let deck_text = std::fs::read_to_string(&deck).unwrap();
    std::fs::write(&deck, format!("\u{feff}{deck_text}")).unwrap();
    let p = path.to_str().unwrap();
    assert!(succeeds(&["check", p]).starts_with("ok:"));
    let dir = path.parent().unwrap();
    let save = dir.join("game.ron");
    let game = dir.join("game.json");
    succeeds(&[
        "simulate",
        p,
        "--quiet",
        "--save",
        save.to_str().unwrap(),
        "--json",
        game.to_str().unwrap(),
    ]);
    // A save and a report input written back by a Windows editor.
    for file in [&save, &game] {
        let body = std::fs::read_to_string(file).unwrap();
        std::fs::write(file, format!("\u{feff}{body}")).unwrap();
    }
    assert!(succeeds(&["replay", save.to_str().unwrap()]).contains("verified"));
    succeeds(&["report", game.to_str().unwrap()]);
    // UTF-16, as Notepad once wrote by default: named, at 1:1.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(&path, utf16).unwrap();
    let err = fails(&["check", p]);
    assert!(
        err.contains(&format!("{p}:1:1: the file is encoded as UTF-16LE")),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Fault 3: a key given twice in a map is refused with its place and the key, in the deck,
/// the scenario, a save and a report's JSON.
#[test]
fn a_key_given_twice_is_refused_with_its_place() {
    let path = copy_of_reset(
        "duplicate",
        &[],
        &[("\"summit\": 0.5,", "\"summit\": 0.5, \"summit\": 30,")],
    );
    let deck = path.with_file_name("decks").join("standard.ron");
    let err = fails(&["check", path.to_str().unwrap()]);
    let line = line_of(&deck, "\"summit\": 30");
    assert!(
        err.contains(&format!("{}:{line}:", deck.display())),
        "{err}"
    );
    assert!(err.contains("summit"), "names the key: {err}");
    // A personality defined twice in the same file.
    let path = copy_of_reset(
        "duplicate-personality",
        &[],
        &[(
            "\"hawk\": (",
            "\"hawk\": (description: \"x\", hedge: 0), \"hawk\": (",
        )],
    );
    let err = fails(&["check", path.to_str().unwrap()]);
    assert!(err.contains("hawk"), "{err}");
    // A summary.json with a key twice.
    let dir = temp_dir("duplicate-json");
    succeeds(&[
        "batch",
        "reset_2013",
        "--games",
        "5",
        "--quiet",
        "--out",
        dir.to_str().unwrap(),
    ]);
    let summary = dir.join("summary.json");
    let text = std::fs::read_to_string(&summary).unwrap();
    std::fs::write(
        &summary,
        text.replacen("\"games\": 5,", "\"games\": 5, \"games\": 6,", 1),
    )
    .unwrap();
    let err = fails(&["report", dir.to_str().unwrap()]);
    assert!(
        err.contains(&format!("{}:", summary.display()))
            && err.contains("\"games\" is given twice"),
        "{err}"
    );
    for d in [path.parent().unwrap(), &dir] {
        let _ = std::fs::remove_dir_all(d);
    }
}

/// Fault 4: ids outside the safe alphabet are refused with their place.
#[test]
fn unsafe_ids_are_refused_with_their_place() {
    for (what, from, to, bad) in [
        (
            "nation",
            "id: \"usa\"",
            "id: \"blue,team\"",
            "\"blue,team\"",
        ),
        (
            "nation",
            "id: \"usa\"",
            "id: \"<b>blue</b>\"",
            "\"<b>blue</b>\"",
        ),
        ("nation", "id: \"usa\"", "id: \"us a\"", "\"us a\""),
    ] {
        let path = copy_of_reset(
            "ids",
            &[
                (from, to),
                ("(from: \"usa\"", "(from: \"x\""),
                ("to: \"usa\"", "to: \"x\""),
            ],
            &[],
        );
        let err = fails(&["check", path.to_str().unwrap()]);
        let line = line_of(&path, bad);
        assert!(
            err.contains(&format!("reset_2013.ron:{line}:")) && err.contains(&format!("{what} id")),
            "{err}"
        );
        assert!(err.contains("ASCII letters, digits"), "{err}");
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }
    let move_path = copy_of_reset("move-id", &[], &[("id: \"hold\"", "id: \"hold.still\"")]);
    let err = fails(&["check", move_path.to_str().unwrap()]);
    assert!(err.contains("move id \"hold.still\""), "{err}");
    let _ = std::fs::remove_dir_all(move_path.parent().unwrap());
}

/// Fault 10: a copy of the binary in an empty folder finds every built-in scenario, lists them,
/// and finds one's own in the user folder too.
#[test]
fn a_binary_away_from_its_source_tree_has_its_scenarios() {
    let dir = temp_dir("away");
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let binary = dir.join("detente");
    std::fs::copy(env!("CARGO_BIN_EXE_detente"), &binary).unwrap();
    let run = |args: &[&str]| {
        // A test thread that forks while the copy was open for writing leaves the new file
        // "busy" for a moment (ETXTBSY): try again shortly.
        for _ in 0..100 {
            match std::process::Command::new(&binary)
                .args(args)
                .current_dir(&dir)
                .env("HOME", &home)
                .env_remove("XDG_DATA_HOME")
                .env_remove("DETENTE_DATA_DIR")
                .output()
            {
                Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                other => return other.unwrap(),
            }
        }
        panic!("{} stayed busy", binary.display());
    };
    let out = run(&["simulate", "reset_2013", "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("outcome: "));
    let listed = String::from_utf8_lossy(&run(&["scenarios"]).stdout).to_string();
    for name in [
        "cold_war_1962",
        "multipolar_2030",
        "prisoners_dilemma",
        "reset_2013",
    ] {
        assert!(listed.contains(&format!("  {name} ")), "{listed}");
    }
    assert!(listed.contains("built in"), "{listed}");
    // A teacher's own scenario in the user folder, with the built-in deck.
    let own = home.join(".local/share/detente/scenarios");
    std::fs::create_dir_all(&own).unwrap();
    let text = std::fs::read_to_string(scenario("reset_2013"))
        .unwrap()
        .replacen("id: \"reset_2013\"", "id: \"my_class\"", 1);
    std::fs::write(own.join("my_class.ron"), text).unwrap();
    let listed = String::from_utf8_lossy(&run(&["scenarios"]).stdout).to_string();
    assert!(listed.contains("  my_class "), "{listed}");
    assert!(listed.contains(&own.display().to_string()), "{listed}");
    assert!(run(&["simulate", "my_class", "--quiet"]).status.success());
    let out = run(&["simulate", "nonesuch"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("reset_2013") && err.contains("my_class"),
        "{err}"
    );
    // Copies of the built-in files to start one's own from.
    let copies = dir.join("mine");
    assert!(
        run(&["scenarios", "--write", copies.to_str().unwrap()])
            .status
            .success()
    );
    assert!(copies.join("decks/standard.ron").is_file());
    assert!(
        run(&["check", copies.join("cold_war_1962.ron").to_str().unwrap()])
            .status
            .success()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

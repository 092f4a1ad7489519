//! Must show 5: bad input gets `error: FILE:LINE:COLUMN: what is wrong`, exit code 2, no panic.

use crate::common::{ScratchFile, detente, edited_copy, fails, line_of, scenario, temp_dir};
use std::path::PathBuf;

/// A copy of reset_2013 (with its deck) where `from` is replaced by `to`.
fn broken(name: &str, from: &str, to: &str) -> ScratchFile {
    edited_copy("reset_2013", name, "broken.ron", &[(from, to)], &[])
}

#[test]
fn ron_syntax_error_is_placed() {
    let path = broken("syntax", "turns: 40,", "turns: 40,,");
    let err = fails(&["check", path.to_str().unwrap()]);
    let line = line_of(&path, "turns: 40,,");
    assert!(err.contains(&format!("broken.ron:{line}:")), "{err}");
}

#[test]
fn value_out_of_range_is_placed_and_explained() {
    let path = broken("range", "arms: 66,", "arms: 166,");
    let err = fails(&["simulate", path.to_str().unwrap()]);
    let line = line_of(&path, "arms: 166");
    assert!(err.contains(&format!("broken.ron:{line}:")), "{err}");
    assert!(
        err.contains("out of range") && err.contains("0 to 100"),
        "{err}"
    );
}

#[test]
fn unknown_nation_in_pairs_is_placed() {
    let path = broken(
        "nation",
        "(from: \"rus\", to: \"usa\"",
        "(from: \"rus\", to: \"fra\"",
    );
    let err = fails(&["check", path.to_str().unwrap()]);
    let line = line_of(&path, "\"fra\"");
    assert!(
        err.contains(&format!("broken.ron:{line}:")) && err.contains("unknown nation \"fra\""),
        "{err}"
    );
    assert!(err.contains("usa, rus"), "lists the valid ones: {err}");
}

#[test]
fn unknown_move_in_a_personality_is_placed_in_the_deck() {
    let dir = temp_dir("move");
    std::fs::create_dir_all(dir.join("decks")).unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let deck = std::fs::read_to_string(root.join("decks/standard.ron")).unwrap();
    std::fs::write(
        dir.join("decks/standard.ron"),
        deck.replacen("\"arms_buildup\": 3", "\"arms_boom\": 3", 1),
    )
    .unwrap();
    std::fs::copy(root.join("reset_2013.ron"), dir.join("s.ron")).unwrap();
    let err = fails(&["check", dir.join("s.ron").to_str().unwrap()]);
    let line = line_of(&dir.join("decks/standard.ron"), "\"arms_boom\"");
    assert!(
        err.contains(&format!("standard.ron:{line}:"))
            && err.contains("unknown move \"arms_boom\""),
        "{err}"
    );
}

#[test]
fn unknown_field_is_placed() {
    let path = broken("field", "approval: 60,", "aproval: 60,");
    let err = fails(&["check", path.to_str().unwrap()]);
    let line = line_of(&path, "aproval");
    assert!(
        err.contains(&format!("broken.ron:{line}:")) && err.contains("aproval"),
        "{err}"
    );
}

#[test]
fn empty_and_binary_files_are_refused() {
    let dir = temp_dir("empty");
    let empty = dir.join("empty.ron");
    std::fs::write(&empty, "").unwrap();
    let err = fails(&["check", empty.to_str().unwrap()]);
    assert!(
        err.contains("empty.ron:1:1:") && err.contains("empty"),
        "{err}"
    );
    let binary = dir.join("binary.ron");
    std::fs::write(&binary, [0x28u8, 0x0a, 0xff, 0xfe, 0x00, 0x01]).unwrap();
    let err = fails(&["simulate", binary.to_str().unwrap()]);
    assert!(
        err.contains("binary.ron:2:1:") && err.contains("not a text file"),
        "{err}"
    );
}

#[test]
fn missing_file_is_refused() {
    let err = fails(&["simulate", "/nonexistent/nowhere.ron"]);
    assert!(
        err.contains("/nonexistent/nowhere.ron") && err.contains("cannot read"),
        "{err}"
    );
}

#[test]
fn unknown_strategy_or_nation_lists_the_valid_ones() {
    let s = scenario("reset_2013");
    let err = fails(&["simulate", &s, "--ai", "usa=tit_for_tot"]);
    assert!(
        err.contains("unknown strategy \"tit_for_tot\"")
            && err.contains("tit_for_tat")
            && err.contains("grit"),
        "{err}"
    );
    let err = fails(&["batch", &s, "--games", "3", "--ai", "fra=tit_for_tat"]);
    assert!(
        err.contains("unknown nation \"fra\"") && err.contains("usa, rus"),
        "{err}"
    );
    let err = fails(&["simulate", &s, "--ai", "usa=grit:owl"]);
    assert!(
        err.contains("unknown personality \"owl\"") && err.contains("dove"),
        "{err}"
    );
}

#[test]
fn unknown_or_bad_set_key_is_refused() {
    let s = scenario("reset_2013");
    let err = fails(&["simulate", &s, "--set", "params.trust.lost=3"]);
    assert!(
        err.contains("unknown key \"lost\"") && err.contains("loss"),
        "{err}"
    );
    // A misspelt shortcut is named, with the shortcuts among the keys it could be.
    let err = fails(&["simulate", &s, "--set", "transparancy=0"]);
    assert!(
        err.contains("did you mean \"transparency\"?") && err.contains("alert"),
        "{err}"
    );
    let err = fails(&["simulate", &s, "--set", "nations.fra.arms=3"]);
    assert!(
        err.contains("no item \"fra\"") && err.contains("usa, rus"),
        "{err}"
    );
    let err = fails(&["simulate", &s, "--set", "trust=abc"]);
    assert!(err.contains("not a number"), "{err}");
    let err = fails(&["simulate", &s, "--set", "trust=150"]);
    assert!(err.contains("out of range"), "{err}");
    let err = fails(&["simulate", &s, "--set", "title=3"]);
    assert!(err.contains("not a numeric parameter"), "{err}");
}

#[test]
fn unknown_flag_is_refused() {
    let err = fails(&["simulate", &scenario("reset_2013"), "--sed", "3"]);
    assert!(err.contains("--sed"), "{err}");
}

#[test]
fn failed_run_leaves_no_output_file() {
    let dir = temp_dir("nofile");
    let json = dir.join("out.json");
    fails(&[
        "simulate",
        &scenario("reset_2013"),
        "--ai",
        "usa=nope",
        "--json",
        json.to_str().unwrap(),
    ]);
    assert!(!json.exists());
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "no temporary files either"
    );
}

#[test]
fn every_shipped_scenario_checks() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    for name in [
        "reset_2013",
        "cold_war_1962",
        "multipolar_2030",
        "prisoners_dilemma",
    ] {
        let out = detente(&["check", root.join(format!("{name}.ron")).to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn unknown_scenario_name_lists_the_scenarios() {
    let err = fails(&["simulate", "reset_2031"]);
    assert!(
        err.contains("reset_2031")
            && err.contains("reset_2013")
            && err.contains("prisoners_dilemma"),
        "{err}"
    );
    assert!(!err.contains("decks"), "{err}");
}

#[test]
fn out_of_range_counts_are_refused() {
    let s = scenario("reset_2013");
    let err = fails(&["simulate", &s, "--turns", "0"]);
    assert!(
        err.contains("--turns 0") && err.contains("expected 1 to 100000"),
        "{err}"
    );
    let err = fails(&["batch", &s, "--games", "0"]);
    assert!(err.contains("--games 0"), "{err}");
    let err = fails(&["batch", &s, "--games", "99999999999"]);
    assert!(err.contains("expected 1 to 10000000 games"), "{err}");
}

#[test]
fn a_failed_second_output_leaves_neither_file() {
    let dir = temp_dir("two-files");
    let json = dir.join("game.json");
    let csv = dir.join("missing-dir").join("game.csv");
    let err = fails(&[
        "simulate",
        &scenario("reset_2013"),
        "--quiet",
        "--json",
        json.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert!(
        err.contains("game.csv") && err.contains("cannot write"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "neither the JSON nor a temporary file is left"
    );
}

#[test]
fn a_bad_parameter_deep_in_params_is_placed_on_its_own_line() {
    let path = broken(
        "risk",
        "transparency: 1.5, hotline",
        "transparency: -1.5, hotline",
    );
    let err = fails(&["check", path.to_str().unwrap()]);
    let line = line_of(&path, "transparency: -1.5");
    assert!(
        err.contains(&format!("broken.ron:{line}:")) && err.contains("out of range"),
        "{err}"
    );
}

/// Thousands of damaged copies of a scenario (bytes flipped, digits changed, lines cut): each
/// either loads and plays a few turns, or is refused with an error; nothing panics.
#[test]
fn damaged_scenarios_never_panic() {
    use detente::sim::scenario::load::load_scenario;
    use detente::sim::{Rules, run_one};
    use rand::{Rng, SeedableRng};
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let original = std::fs::read_to_string(root.join("reset_2013.ron")).unwrap();
    let deck = std::fs::read_to_string(root.join("decks/standard.ron")).unwrap();
    let dir = temp_dir("fuzz");
    std::fs::create_dir_all(dir.join("decks")).unwrap();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(99);
    let (mut loaded, mut refused) = (0, 0);
    for round in 0..3000 {
        let (mut text, mut deck_text) = (original.clone().into_bytes(), deck.clone().into_bytes());
        let target = if round % 3 == 0 {
            &mut deck_text
        } else {
            &mut text
        };
        for _ in 0..rng.random_range(1..4) {
            let at = rng.random_range(0..target.len());
            match rng.random_range(0..4) {
                0 => target[at] = rng.random(),
                1 if target[at].is_ascii_digit() => {
                    target[at] = b"0123456789-."[rng.random_range(0..12)]
                }
                2 => target.truncate(at),
                _ => {
                    let digits = rng.random_range(1..6);
                    target.splice(at..at, std::iter::repeat_n(b'9', digits));
                }
            }
        }
        std::fs::write(dir.join("s.ron"), &text).unwrap();
        std::fs::write(dir.join("decks/standard.ron"), &deck_text).unwrap();
        match load_scenario(&dir.join("s.ron")) {
            Ok(l) => {
                loaded += 1;
                let rules = Rules::new(l.scenario);
                let game = run_one(&rules, rules.default_controllers(), 3, round);
                assert!(game.turns <= 3);
            }
            Err(e) => {
                refused += 1;
                let shown = e.to_string();
                assert!(shown.contains(".ron"), "errors name the file: {shown}");
            }
        }
    }
    eprintln!("{loaded} damaged scenarios still loaded and played, {refused} were refused");
    assert!(loaded > 50 && refused > 1000);
}

/// `detente play` checks its options before any window opens.
#[test]
fn play_refuses_bad_options_before_opening_a_window() {
    let err = fails(&["play", "no_such_scenario"]);
    assert!(err.contains("no_such_scenario"), "{err}");
    let err = fails(&["play", "reset_2013", "--nation", "fra"]);
    assert!(
        err.contains("--nation fra") && err.contains("usa, rus"),
        "{err}"
    );
    let err = fails(&["play", "reset_2013", "--ai", "rus=nonsense"]);
    assert!(err.contains("nonsense"), "{err}");
    let err = fails(&["play", "--autoplay", "3"]);
    assert!(err.contains("needs a scenario"), "{err}");
    let err = fails(&["play", "reset_2013", "--autoplay", "0"]);
    assert!(err.contains("at least 1 turn"), "{err}");
    let err = fails(&["play", "reset_2013", "--screenshots", "x"]);
    assert!(err.contains("--autoplay"), "{err}");
}

/// A match exported as JSON, given where a save is expected, is named for what it is.
#[test]
fn a_json_export_given_as_a_save_is_named_for_what_it_is() {
    let dir = temp_dir("json-as-save");
    let json = dir.join("game.json");
    let out = detente(&[
        "simulate",
        &scenario("reset_2013"),
        "--seed",
        "3",
        "--json",
        json.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = fails(&["replay", json.to_str().unwrap()]);
    assert!(err.contains("game.json:1:1"), "{err}");
    assert!(
        err.contains("not a Détente save") && err.contains("--json"),
        "{err}"
    );
}

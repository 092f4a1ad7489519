//! Trustworthy at every edge: the files Détente reads (encodings, duplicate keys, identifiers),
//! the files it writes (CSV quoting, escaped HTML, provenance), numbers from the user, the
//! score per turn of matches that end early, and a binary run away from its source tree.

use crate::common::{detente, edited_copy, scenario, temp_dir, walk};
use std::path::{Path, PathBuf};

/// Runs `detente ARGS`, expects exit code 2 and returns stderr.
fn fails(args: &[&str]) -> String {
    let out = detente(args);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
    stderr
}

/// Runs `detente ARGS`, expects success and returns stdout.
fn succeeds(args: &[&str]) -> String {
    let out = detente(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// A folder with a copy of `reset_2013.ron` and its deck, each edited by `(from, to)` pairs.
fn copy_of_reset(
    name: &str,
    scenario_edits: &[(&str, &str)],
    deck_edits: &[(&str, &str)],
) -> PathBuf {
    edited_copy(
        "reset_2013",
        name,
        "reset_2013.ron",
        scenario_edits,
        deck_edits,
    )
}

fn line_of(path: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
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

/// Fault 4: ids outside the safe alphabet are refused with their place; every CSV written is
/// RFC 4180 and reads back with as many fields in each row as in its header.
#[test]
fn unsafe_ids_are_refused_and_every_csv_is_well_formed() {
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

    // Every CSV of every tool: the same number of fields in every row as in the header.
    let dir = temp_dir("csv");
    let d = |n: &str| dir.join(n).display().to_string();
    succeeds(&[
        "batch",
        "multipolar_2030",
        "--games",
        "20",
        "--quiet",
        "--out",
        &d("batch"),
    ]);
    succeeds(&[
        "tournament",
        "prisoners_dilemma",
        "--strategies",
        "tit_for_tat,grudger",
        "--repetitions",
        "2",
        "--quiet",
        "--out",
        &d("tournament"),
    ]);
    succeeds(&[
        "sweep",
        "reset_2013",
        "--vary",
        "params.trust.loss=8..12:2",
        "--games",
        "10",
        "--quiet",
        "--out",
        &d("sweep"),
    ]);
    succeeds(&["simulate", "reset_2013", "--quiet", "--csv", &d("game.csv")]);
    let mut checked = 0;
    for path in walk(&dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
    {
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let width = reader.headers().unwrap().len();
        for record in reader.records() {
            let record = record.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(record.len(), width, "{}", path.display());
            for field in record.iter() {
                // A field of digits is a number Rust reads: a dot, never a comma.
                if field.chars().any(|c| c.is_ascii_digit())
                    && !field.chars().any(|c| c.is_alphabetic() || c == '>')
                {
                    assert!(
                        field.parse::<f64>().is_ok(),
                        "{}: {field:?}",
                        path.display()
                    );
                }
            }
        }
        checked += 1;
    }
    assert_eq!(
        checked, 6,
        "games, trajectories, matches, ranking, sweep, the long game"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Fault 5: text from the files a report reads reaches its HTML escaped, wherever it is shown.
#[test]
fn text_from_files_reaches_the_report_escaped() {
    let dir = temp_dir("escape");
    let game = dir.join("game.json");
    succeeds(&[
        "simulate",
        "prisoners_dilemma",
        "--quiet",
        "--json",
        game.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&game).unwrap();
    // A hand-edited export: the ids and the title carry markup.
    let edited = text
        .replace("\"blue\"", "\"<b>blue</b>\"")
        .replace(
            "\"The prisoner's dilemma\"",
            "\"<script>alert(1)</script>\"",
        )
        .replacen("\"detente\": \"", "\"detente\": \"<i>", 1);
    assert_ne!(edited, text);
    std::fs::write(&game, edited).unwrap();
    succeeds(&["report", game.to_str().unwrap()]);
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(!html.contains("<b>blue</b>"), "the id is escaped");
    assert!(html.contains("&lt;b&gt;blue&lt;/b&gt;"));
    assert!(!html.contains("<script"), "no live script");
    assert!(!html.contains("<i>"), "the provenance is escaped too");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Fault 6: counts, ranges and seeds are checked before use: too many values is refused with
/// the limit, exit code 2 and no files, in a release build as in the tests.
#[test]
fn numbers_from_the_command_line_are_checked_before_use() {
    let dir = temp_dir("numbers");
    let out = dir.join("D");
    let o = out.to_str().unwrap();
    let err = fails(&[
        "sweep",
        "prisoners_dilemma",
        "--vary",
        "params.trust.gain=0..100:1e-300",
        "--games",
        "1",
        "--turns",
        "1",
        "--out",
        o,
    ]);
    assert!(err.contains("expected at most 10000"), "{err}");
    let err = fails(&[
        "sweep",
        "reset_2013",
        "--vary",
        "transparency=0..100:0.1",
        "--vary",
        "params.trust.loss=0..100:0.1",
        "--games",
        "1",
        "--out",
        o,
    ]);
    assert!(err.contains("points; expected at most 10000"), "{err}");
    for args in [
        vec![
            "batch",
            "reset_2013",
            "--games",
            "2",
            "--seed",
            "18446744073709551615",
        ],
        vec!["batch", "reset_2013", "--games", "1", "--jobs", "100000"],
        vec![
            "tournament",
            "prisoners_dilemma",
            "--repetitions",
            "3",
            "--seed",
            "18446744073709551614",
        ],
        vec![
            "sweep",
            "reset_2013",
            "--vary",
            "transparency=0..10:5",
            "--games",
            "3",
            "--seed",
            "18446744073709551615",
        ],
    ] {
        let mut args = args.clone();
        args.extend(["--out", o]);
        let err = fails(&args);
        assert!(err.contains("expected"), "{args:?}: {err}");
    }
    assert!(!out.exists(), "no files for refused commands");
    // The last possible seed is fine.
    succeeds(&[
        "batch",
        "reset_2013",
        "--games",
        "1",
        "--seed",
        "18446744073709551615",
        "--quiet",
    ]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Fault 7: every output records how it was made, and its command makes it again.
#[test]
fn every_output_records_how_it_was_made() {
    let dir = temp_dir("provenance");
    let batch = dir.join("batch");
    succeeds(&[
        "batch",
        "reset_2013",
        "--games",
        "30",
        "--set",
        "transparency=0",
        "--quiet",
        "--out",
        batch.to_str().unwrap(),
    ]);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(batch.join("summary.json")).unwrap())
            .unwrap();
    let made = &summary["made_with"];
    assert_eq!(made["detente"], env!("CARGO_PKG_VERSION"));
    assert_eq!(made["set"], serde_json::json!(["transparency=0"]));
    assert_eq!(made["scenario"], "reset_2013");
    assert!(
        made["scenario_hash"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
    assert_eq!(made["first_seed"], 1);
    assert_eq!(made["seeds"], 30);
    assert_eq!(made["execution_noise"], 0.0);
    assert!(made["strategies"]["usa"].as_str().unwrap().contains(':'));
    // The command, run again, makes the same summary.
    let command = made["command"].as_str().unwrap();
    let words = shell_words::split(command).unwrap();
    assert_eq!(words[..2], ["detente", "batch"]);
    let again = dir.join("again");
    let mut args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
    args.extend(["--quiet", "--out", again.to_str().unwrap()]);
    succeeds(&args);
    assert_eq!(
        std::fs::read_to_string(again.join("summary.json")).unwrap(),
        std::fs::read_to_string(batch.join("summary.json")).unwrap()
    );
    // The tournament takes --set, and says so.
    let tournament = dir.join("tournament");
    succeeds(&[
        "tournament",
        "prisoners_dilemma",
        "--strategies",
        "tit_for_tat,always_defect",
        "--set",
        "payoffs.t=6",
        "--noise",
        "0.01",
        "--repetitions",
        "2",
        "--quiet",
        "--out",
        tournament.to_str().unwrap(),
    ]);
    let about: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tournament.join("tournament.json")).unwrap())
            .unwrap();
    assert_eq!(
        about["made_with"]["set"],
        serde_json::json!(["payoffs.t=6", "params.execution_noise=0.01"])
    );
    assert_eq!(about["noise"], 0.01);
    // A sweep, a single game and a save.
    let sweep = dir.join("sweep");
    succeeds(&[
        "sweep",
        "reset_2013",
        "--vary",
        "transparency=0..100:50",
        "--set",
        "alert=2",
        "--games",
        "5",
        "--quiet",
        "--out",
        sweep.to_str().unwrap(),
    ]);
    let about: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sweep.join("sweep.json")).unwrap()).unwrap();
    assert_eq!(about["made_with"]["set"], serde_json::json!(["alert=2"]));
    let words = shell_words::split(about["made_with"]["command"].as_str().unwrap()).unwrap();
    assert!(
        words
            .windows(2)
            .any(|w| w == ["--vary", "transparency=0..100:50"]),
        "{words:?}"
    );
    let game = dir.join("game.json");
    let save = dir.join("game.ron");
    succeeds(&[
        "simulate",
        "cold_war_1962",
        "--seed",
        "9",
        "--set",
        "params.trust.loss=15",
        "--quiet",
        "--json",
        game.to_str().unwrap(),
        "--save",
        save.to_str().unwrap(),
    ]);
    let g: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&game).unwrap()).unwrap();
    assert_eq!(
        g["made_with"]["set"],
        serde_json::json!(["params.trust.loss=15"])
    );
    assert_eq!(g["made_with"]["first_seed"], 9);
    let saved = std::fs::read_to_string(&save).unwrap();
    assert!(saved.contains(&format!("detente: \"{}\"", env!("CARGO_PKG_VERSION"))));
    assert!(saved.contains("\"params.trust.loss=15\""));
    // The report's lead says it all.
    succeeds(&["report", batch.to_str().unwrap()]);
    let html = std::fs::read_to_string(batch.join("report.html")).unwrap();
    assert!(
        html.contains("--set transparency=0"),
        "the lead names the --set"
    );
    assert!(html.contains("sha256:"));
    assert!(html.contains(&format!("Détente {}", env!("CARGO_PKG_VERSION"))));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Fault 8: a tournament's score per turn divides by the turns each match lasted, in the
/// ranking, the heat map and the report alike; matches.csv says how long each lasted and how
/// it ended.
#[test]
fn score_per_turn_counts_the_turns_each_match_lasted() {
    let dir = temp_dir("per-turn");
    succeeds(&[
        "tournament",
        "cold_war_1962",
        "--strategies",
        "always_defect,tit_for_tat,grudger",
        "--repetitions",
        "6",
        "--quiet",
        "--out",
        dir.to_str().unwrap(),
    ]);
    let mut matches = csv::Reader::from_path(dir.join("matches.csv")).unwrap();
    let header: Vec<String> = matches
        .headers()
        .unwrap()
        .iter()
        .map(String::from)
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = matches.records().map(Result::unwrap).collect();
    let nominal = 48.0;
    let early = rows
        .iter()
        .filter(|r| r[col("turns")].parse::<f64>().unwrap() < nominal)
        .count();
    assert!(early > 0, "some cold war matches end early in an exchange");
    assert!(
        rows.iter()
            .filter(|r| r[col("turns")].parse::<f64>().unwrap() < nominal)
            .all(|r| &r[col("outcome")] == "Catastrophe")
    );
    // The ranking's score per turn is the mean over a strategy's matches of score / turns.
    let mut per: std::collections::BTreeMap<String, (f64, usize)> = Default::default();
    for r in &rows {
        let turns: f64 = r[col("turns")].parse().unwrap();
        for (who, score) in [("strategy_a", "score_a"), ("strategy_b", "score_b")] {
            let s: f64 = r[col(score)].parse().unwrap();
            let e = per.entry(r[col(who)].to_string()).or_default();
            e.0 += s / turns;
            e.1 += 1;
        }
    }
    let mut ranking = csv::Reader::from_path(dir.join("ranking.csv")).unwrap();
    for r in ranking.records().map(Result::unwrap) {
        let (sum, n) = per[&r[1]];
        let listed: f64 = r[2].parse().unwrap();
        assert!(
            (listed - sum / n as f64).abs() < 1e-4,
            "{}: {listed} v {}",
            &r[1],
            sum / n as f64
        );
    }
    succeeds(&["report", dir.to_str().unwrap()]);
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("divided by the turns that match lasted"));
    assert!(html.contains("ended early in a nuclear exchange"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Fault 9: the trajectory bands that `batch` streams are the ones computed from the full
/// histories of the same games.
#[test]
fn streamed_bands_equal_the_bands_of_full_histories() {
    use detente::cli::batch::{BAND_GAMES, bands_csv};
    use detente::sim::history::band_point_of_record;
    use detente::sim::{Plan, run_games};
    let dir = temp_dir("bands");
    let games = BAND_GAMES + 300;
    succeeds(&[
        "batch",
        "cold_war_1962",
        "--games",
        &games.to_string(),
        "--seed",
        "5",
        "--quiet",
        "--out",
        dir.to_str().unwrap(),
    ]);
    let streamed = std::fs::read_to_string(dir.join("trajectories.csv")).unwrap();
    let s = crate::common::setup("cold_war_1962", &[], &[], None);
    let plan = Plan {
        controllers: s.controllers.clone(),
        turns: s.turns,
        record: true,
        trajectories: 0,
    };
    let seeds: Vec<u64> = (5..5 + BAND_GAMES as u64).collect();
    let full = run_games(&s.rules, &plan, &seeds, |_| {});
    let trajectories: Vec<Vec<[f64; 4]>> = full
        .iter()
        .map(|g| {
            g.history
                .as_ref()
                .unwrap()
                .iter()
                .map(band_point_of_record)
                .collect()
        })
        .collect();
    let ended_early = full.iter().filter(|g| g.turns < s.turns).count();
    assert!(ended_early > 0, "the bands cover games that end early too");
    assert_eq!(streamed, bands_csv(&trajectories, s.turns));
    assert!(
        streamed
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("1,trust,2000,")
    );
    let _ = std::fs::remove_dir_all(&dir);
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
        std::process::Command::new(&binary)
            .args(args)
            .current_dir(&dir)
            .env("HOME", &home)
            .env_remove("XDG_DATA_HOME")
            .env_remove("DETENTE_DATA_DIR")
            .output()
            .unwrap()
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

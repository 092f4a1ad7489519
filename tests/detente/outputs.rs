//! Trustworthy at every edge, the files Détente writes: well-formed CSV, escaped reports,
//! outputs that say how they were made, the score per turn of matches that end early, and
//! trajectory bands kept in little memory.

use crate::common::{succeeds, temp_dir, walk};

/// Fault 4: every CSV the tools write is RFC 4180 and reads back with as many fields in each
/// row as in its header, numbers with a decimal point.
#[test]
fn every_csv_is_well_formed() {
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
    // A hand-edited export: the ids, the title and the provenance carry markup.
    let mut edited = text.clone();
    for (from, to) in [
        ("\"blue\"", "\"<b>blue</b>\""),
        (
            "\"The Prisoner's Dilemma\"",
            "\"<script>alert(1)</script>\"",
        ),
        ("\"detente\": \"", "\"detente\": \"<i>"),
    ] {
        assert!(edited.contains(from), "{from} is in the export");
        edited = edited.replace(from, to);
    }
    std::fs::write(&game, edited).unwrap();
    succeeds(&["report", game.to_str().unwrap()]);
    let html = std::fs::read_to_string(dir.join("game.html")).unwrap();
    assert!(!html.contains("<b>blue</b>"), "the id is escaped");
    assert!(html.contains("&lt;b&gt;blue&lt;/b&gt;"));
    assert!(!html.contains("<script"), "no live script");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the title is shown, escaped"
    );
    assert!(!html.contains("<i>"), "the provenance is escaped too");
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
    use detente::cli::batch::{BAND_GAMES, band_games, bands_csv};
    use detente::sim::archive::bands::band_point_of_record;
    use detente::sim::{Plan, Workers, run_games};
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
        openings: Vec::new(),
    };
    assert_eq!(band_games(s.turns), BAND_GAMES, "48 turns keep 2000 games");
    assert_eq!(band_games(100_000), 1, "long matches keep fewer");
    let seeds: Vec<u64> = (5..5 + BAND_GAMES as u64).collect();
    let full = run_games(
        &Workers::new(None).unwrap(),
        &s.rules,
        &plan,
        &seeds,
        |_| {},
    );
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

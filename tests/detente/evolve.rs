//! Issue 14: `detente evolve` (the ecological dynamics, the Moran process and the Evolution of
//! Trust's generations), the shadow of the future (`--continuation`), the one engine with its
//! prisoner's-dilemma fast path, and their reports and bad input.

use crate::common::{detente, fails, setup, succeeds, temp_dir, walk};
use detente::cli::Setup;
use detente::cli::tournament::{Match, parse_strategies, play};
use detente::sim::Workers;
use detente::sim::play::rules::Stages;
use std::path::Path;

/// The rows of a CSV file the tools wrote, as (header, rows of fields).
fn csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

/// Must show 1: the engine's matches give the payoff table worked out by hand (always
/// cooperate, always defect and tit for tat, 10 turns, per turn), and two generations of the
/// ecological dynamics on it give the shares worked out by hand (the same case as
/// `dynamics::tests::ecological_dynamics_reproduce_a_case_worked_by_hand`).
#[test]
fn the_ecological_dynamics_reproduce_a_case_worked_by_hand_through_the_engine() {
    let dir = temp_dir("evolve-eco");
    let out = dir.join("eco");
    succeeds(&[
        "evolve",
        "prisoners_dilemma",
        "--strategies",
        "always_cooperate,always_defect,tit_for_tat",
        "--turns",
        "10",
        "--generations",
        "2",
        "--matches",
        "1",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("evolve.json")).unwrap()).unwrap();
    let table = [[3.0, 0.0, 3.0], [5.0, 1.0, 1.4], [3.0, 0.9, 3.0]];
    for (i, row) in table.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            let got = summary["payoff"][i][j].as_f64().unwrap();
            assert!((got - v).abs() < 1e-12, "payoff {i},{j}: {got}");
        }
    }
    let (header, rows) = csv(&out.join("shares.csv"));
    assert_eq!(header, ["generation", "always_cooperate", "always_defect", "tit_for_tat"]);
    let one = [60.0 / 203.0, 74.0 / 203.0, 69.0 / 203.0];
    let f2 = [387.0 / 203.0, 470.6 / 203.0, 453.6 / 203.0];
    let mean2 = 89342.8 / 41209.0;
    for k in 0..3 {
        let at = |g: usize| rows[g][k + 1].parse::<f64>().unwrap();
        assert!((at(0) - 1.0 / 3.0).abs() < 1e-6);
        assert!((at(1) - one[k]).abs() < 1e-6, "generation 1, {k}: {}", at(1));
        assert!((at(2) - one[k] * f2[k] / mean2).abs() < 1e-6, "generation 2, {k}");
    }
    assert!(out.join("shares.svg").is_file());
}

/// Must show 1: tit for tat and grudger score 3 a turn against each other and themselves, so
/// selection is neutral between them and each fixes about as often as its starting share.
#[test]
fn a_moran_process_of_equal_fitness_fixes_each_strategy_at_its_starting_share() {
    let dir = temp_dir("evolve-moran");
    let out = dir.join("moran");
    succeeds(&[
        "evolve",
        "prisoners_dilemma",
        "--dynamics",
        "moran",
        "--strategies",
        "tit_for_tat=5,grudger=15",
        "--repetitions",
        "2000",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("evolve.json")).unwrap()).unwrap();
    let fix = &summary["fixation"];
    for (k, start) in [(0, 0.25), (1, 0.75)] {
        let ci = [fix[k]["ci95"][0].as_f64().unwrap(), fix[k]["ci95"][1].as_f64().unwrap()];
        assert!(ci[0] <= start && start <= ci[1], "{k}: {ci:?}");
        assert_eq!(fix[k]["neutral"].as_f64().unwrap(), start);
    }
    assert_eq!(summary["unfixed"].as_u64(), Some(0));
    // The mean share over the runs ends at the fixation probability.
    let (_, rows) = csv(&out.join("shares.csv"));
    let last: f64 = rows.last().unwrap()[1].parse().unwrap();
    assert!((last - fix[0]["probability"].as_f64().unwrap()).abs() < 1e-6);
}

/// The final share of each strategy after `evolve evolution_of_trust --dynamics generations`.
fn generations(noise: &str, seed: u64, strategies: &str) -> Vec<(String, f64)> {
    let out = detente::cli::evolve::population::parse_population(strategies, None, true).unwrap();
    let setup = setup("evolution_of_trust", &[], &[&format!("params.execution_noise={noise}")], None);
    let counts = detente::cli::evolve::generations::play(
        &Workers::new(None).unwrap(),
        &setup,
        &out.strategies,
        &out.counts(),
        50,
        5,
        seed,
        |_| {},
    );
    let last = counts.last().unwrap();
    out.names
        .iter()
        .zip(last)
        .map(|(n, &c)| (n.clone(), c as f64 / 25.0))
        .collect()
}

/// Must show 2: the Evolution of Trust's settings (25 players, 10 rounds, 5 replaced, its coin
/// machine). Without mistakes copycat's descendants take over the game's story population
/// (15 cooperators, 5 cheaters, 5 copycats) and are the largest share of its default one; with
/// 5% mistakes the more forgiving strategies (copykitten, simpleton, cooperator) do better.
#[test]
fn the_evolution_of_trust_generations_reproduce_its_qualitative_result() {
    let story = generations("0", 1, "cooperator=15,cheater=5,copycat=5");
    assert_eq!(story[2], ("copycat".to_string(), 1.0), "{story:?}");
    let mean = |noise: &str, names: &[&str]| {
        (1..=8)
            .map(|seed| {
                generations(noise, seed, "evolution_of_trust")
                    .iter()
                    .filter(|(n, _)| names.contains(&n.as_str()))
                    .map(|(_, s)| s)
                    .sum::<f64>()
            })
            .sum::<f64>()
            / 8.0
    };
    let forgiving = ["copykitten", "simpleton", "cooperator"];
    let (copycat_clean, copycat_noisy) = (mean("0", &["copycat"]), mean("0.05", &["copycat"]));
    let (forgiving_clean, forgiving_noisy) = (mean("0", &forgiving), mean("0.05", &forgiving));
    assert!(copycat_clean > 0.5, "copycat without mistakes: {copycat_clean}");
    assert!(copycat_clean > forgiving_clean);
    assert!(forgiving_noisy > copycat_noisy, "{forgiving_noisy} against {copycat_noisy}");
    assert!(forgiving_noisy > forgiving_clean && copycat_noisy < copycat_clean);
    // The exploiters die out either way.
    for noise in ["0", "0.05"] {
        let end = generations(noise, 3, "evolution_of_trust");
        for (name, share) in &end {
            if ["cheater", "detective", "random"].contains(&name.as_str()) {
                assert_eq!(*share, 0.0, "{name} with noise {noise}");
            }
        }
    }
}

/// Must show 3: with W = 0.99654 a match lasts 1/(1 − W) = 289 turns on average (Axelrod's
/// second tournament); per-turn scores divide by the turns played; and no strategy can count
/// down to an end it does not know.
#[test]
fn the_shadow_of_the_future_lasts_289_turns_on_average_at_axelrods_w() {
    let dir = temp_dir("continuation");
    let out = dir.join("t");
    succeeds(&[
        "tournament",
        "prisoners_dilemma",
        "--strategies",
        "tit_for_tat,stein_and_rapoport",
        "--continuation",
        "0.99654",
        "--repetitions",
        "700",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    let (header, rows) = csv(&out.join("matches.csv"));
    let (turns, score, per_turn) = (
        column(&header, "turns"),
        column(&header, "score_a"),
        column(&header, "score_per_turn_a"),
    );
    // Every pair of a repetition plays on the same seed, so the same length: one length per
    // repetition.
    let lengths: Vec<f64> = rows
        .iter()
        .filter(|r| r[0] == "tit_for_tat" && r[1] == "tit_for_tat")
        .map(|r| r[turns].parse().unwrap())
        .collect();
    assert_eq!(lengths.len(), 700);
    let n = lengths.len() as f64;
    let mean = lengths.iter().sum::<f64>() / n;
    let sd = (lengths.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let half = 1.96 * sd / n.sqrt();
    let expected = 1.0 / (1.0 - 0.99654);
    assert!(
        (mean - half..=mean + half).contains(&expected),
        "mean length {mean:.1} ± {half:.1}, expected {expected:.1}"
    );
    assert!(half < 25.0, "{half}");
    for r in &rows {
        let (s, t, p): (f64, f64, f64) =
            (r[score].parse().unwrap(), r[turns].parse().unwrap(), r[per_turn].parse().unwrap());
        assert!((p - s / t).abs() < 1e-3, "{r:?}");
    }
    // Stein and Rapoport defects on the last two turns of a match whose length it knows; with
    // a chance ending it never does, against tit for tat.
    let coop = column(&header, "cooperation_b");
    for r in rows.iter().filter(|r| r[1] == "stein_and_rapoport" && r[0] == "tit_for_tat") {
        assert_eq!(r[coop], "1.000000", "{r:?}");
    }
    let fixed = succeeds(&[
        "tournament",
        "prisoners_dilemma",
        "--strategies",
        "tit_for_tat,stein_and_rapoport",
        "--repetitions",
        "1",
        "--quiet",
    ]);
    assert!(fixed.contains("stein_and_rapoport"), "{fixed}");
    // A match that ends by chance is the same match cut short: its first turns are those of
    // the match of fixed length on its seed.
    let fixed = setup("prisoners_dilemma", &["blue=random", "red=joss"], &[], Some(400));
    let chance = setup(
        "prisoners_dilemma",
        &["blue=random", "red=joss"],
        &["params.continuation=0.99"],
        Some(400),
    );
    for seed in 1..20 {
        let a = detente::sim::run_one(&fixed.rules, fixed.controllers.clone(), 400, seed);
        let b = detente::sim::run_one(&chance.rules, chance.controllers.clone(), 400, seed);
        let (ha, hb) = (a.history.unwrap(), b.history.unwrap());
        assert!(hb.len() <= ha.len());
        assert_eq!(&ha[..hb.len() - 1], &hb[..hb.len() - 1], "seed {seed}");
    }
}

/// Must show 3: below the threshold W = (T−R)/(T−P) = 0.5 of the textbook payoffs a population
/// of grudgers loses its edge: a few defectors take over; above it they die out.
#[test]
fn below_the_threshold_grudger_loses_its_edge_against_always_defect() {
    let dir = temp_dir("threshold");
    let out = dir.join("w");
    let printed = succeeds(&[
        "evolve",
        "prisoners_dilemma",
        "--strategies",
        "grudger=0.99,always_defect=0.01",
        "--vary",
        "params.continuation=0.1..0.9:0.1",
        "--matches",
        "1000",
        "--generations",
        "200",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(printed.contains("W = 0.5000"), "{printed}");
    let (header, rows) = csv(&out.join("evolve_sweep.csv"));
    assert_eq!(header, ["params.continuation", "grudger", "always_defect"]);
    for r in &rows {
        let w: f64 = r[0].parse().unwrap();
        let grudger: f64 = r[1].parse().unwrap();
        if w < 0.45 {
            assert!(grudger < 0.01, "W {w}: grudger {grudger}");
        } else if w > 0.55 {
            assert!(grudger > 0.99, "W {w}: grudger {grudger}");
        }
    }
    assert_eq!(rows.len(), 9);
    let page = dir.join("w.html");
    succeeds(&["report", out.to_str().unwrap(), "--out", page.to_str().unwrap()]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("(T−R)/(T−P) = 0.5000") && html.contains("<svg"), "report");
}

/// The one engine: a prisoner's dilemma skips the stages it has switched off, and its matches
/// are the very matches of the full pipeline, noise and chance endings included.
#[test]
fn the_fast_path_gives_what_the_full_pipeline_gives() {
    let workers = Workers::new(None).unwrap();
    for (name, set) in [
        ("prisoners_dilemma", vec!["params.execution_noise=0.05"]),
        ("prisoners_dilemma", vec!["params.continuation=0.95"]),
        ("evolution_of_trust", vec![]),
    ] {
        let fast = setup(name, &[], &set, Some(120));
        assert_eq!(fast.rules.stages, Stages { arms: false, risk: false }, "{name}");
        let full = Setup {
            rules: fast.rules.clone().full_pipeline(),
            ..setup(name, &[], &set, Some(120))
        };
        let strategies = parse_strategies("all").unwrap();
        let matches = |s: &Setup| {
            let mut all: Vec<Match> = Vec::new();
            play(&workers, s, &strategies, 2, 5, |m| all.push(m.clone()), |_| {}).unwrap();
            all
        };
        assert_eq!(matches(&fast), matches(&full), "{name} {set:?}");
    }
    for name in crate::common::NUCLEAR {
        assert_eq!(setup(name, &[], &[], None).rules.stages, Stages::ALL, "{name}");
    }
}

/// Must show 5: bad input gets a clear error, exit code 2, and no files.
#[test]
fn bad_evolve_and_continuation_input_is_refused_and_writes_nothing() {
    let dir = temp_dir("evolve-bad");
    let out = dir.join("out");
    let o = out.to_str().unwrap();
    for (args, says) in [
        (vec!["evolve", "prisoners_dilemma", "--dynamics", "nope"], "nope"),
        (vec!["evolve", "prisoners_dilemma", "--continuation", "1"], "from 0 up to (not including) 1"),
        (vec!["evolve", "prisoners_dilemma", "--continuation=-0.1"], "--continuation -0.1"),
        (vec!["tournament", "prisoners_dilemma", "--continuation", "1.5"], "--continuation 1.5"),
        (vec!["simulate", "prisoners_dilemma", "--continuation", "NaN"], "--continuation NaN"),
        (vec!["batch", "prisoners_dilemma", "--games", "3", "--continuation", "1"], "not including"),
        (
            vec!["evolve", "prisoners_dilemma", "--dynamics", "generations", "--population", "8", "--replace", "5"],
            "a population of 8 can replace 1 to 4",
        ),
        (
            vec!["evolve", "prisoners_dilemma", "--dynamics", "generations", "--strategies", "copycat=2,cheater=1", "--replace", "2"],
            "a population of 3 can replace 1 to 1",
        ),
        (vec!["evolve", "prisoners_dilemma", "--dynamics", "moran", "--population", "3"], "too small for the 8 strategies"),
        (vec!["evolve", "prisoners_dilemma", "--strategies", "copycat,tit_for_tat"], "are one strategy"),
        (vec!["evolve", "prisoners_dilemma", "--strategies", "copycat,nobody"], "unknown strategy `nobody`"),
        (vec!["evolve", "multipolar_2030"], "two-nation"),
        (vec!["evolve", "prisoners_dilemma", "--dynamics", "moran", "--selection", "2"], "--selection 2"),
        (
            vec!["evolve", "prisoners_dilemma", "--vary", "params.continuation=0.1..0.9:0.1", "--continuation", "0.5"],
            "give it to one of them",
        ),
        (vec!["evolve", "prisoners_dilemma", "--vary", "params.continuation=0.5..1.5:0.5"], "at params.continuation=1.5"),
        (vec!["sweep", "prisoners_dilemma", "--games", "2", "--vary", "params.continuation=0..0.5:0.5", "--continuation", "0.5"], "give it to one of them"),
        // Negative payoffs leave the ecological dynamics without fitness.
        (vec!["evolve", "evolution_of_trust", "--strategies", "cooperator=1,cheater=20"], "cooperator has fitness"),
    ] {
        let mut with_out = args.clone();
        with_out.extend(["--out", o]);
        if args[0] == "simulate" {
            with_out.truncate(args.len());
        }
        let err = fails(&with_out);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!out.exists() || walk(&out).is_empty(), "{args:?} wrote {:?}", walk(&out));
    }
    // A continuation from 0 up to 1 is taken by every command.
    let printed = succeeds(&["simulate", "prisoners_dilemma", "--continuation", "0", "--quiet"]);
    assert!(!printed.is_empty());
    let out = detente(&["evolve", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in ["--dynamics", "--continuation", "--replace", "--vary", "--selection"] {
        assert!(help.contains(flag), "{flag}");
    }
}

/// The reports of the three dynamics name what they show.
#[test]
fn each_dynamics_has_a_report_section() {
    let dir = temp_dir("evolve-report");
    for (dynamics, scenario, says) in [
        ("ecological", "prisoners_dilemma", "Ecological dynamics (Axelrod 1984"),
        ("moran", "prisoners_dilemma", "took over"),
        ("generations", "evolution_of_trust", "The Evolution of Trust"),
    ] {
        let out = dir.join(dynamics);
        succeeds(&[
            "evolve",
            scenario,
            "--dynamics",
            dynamics,
            "--strategies",
            "copycat,cheater,copykitten",
            "--repetitions",
            "50",
            "--generations",
            "20",
            "--population",
            "12",
            "--replace",
            "2",
            "--turns",
            "20",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
        ]);
        succeeds(&["report", out.to_str().unwrap()]);
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        assert!(html.contains(says), "{dynamics}");
        assert!(html.contains("copykitten") && html.contains("<svg"), "{dynamics}");
        assert!(html.contains("To make it again"), "{dynamics}");
    }
}

//! Issue 14: the shadow of the future (`--continuation`): 289 turns at Axelrod's W, the
//! threshold W = (T−R)/(T−P) below which grudgers lose their edge, the one engine with its
//! prisoner's-dilemma fast path (bad input is in `evolve_input.rs`).

use crate::common::{setup, succeeds, temp_dir};
use crate::evolve::{column, csv};
use detente::cli::Setup;
use detente::cli::tournament::{Match, parse_strategies, play};
use detente::sim::Workers;
use detente::sim::play::rules::Stages;

/// Must show 3: with W = 0.99654 a match lasts 1/(1 − W) = 289 turns on average (Axelrod's
/// second tournament); per-turn scores divide by the turns played; and no strategy can count
/// down to an end it does not know.
#[test]
fn the_shadow_of_the_future_lasts_289_turns_on_average_at_axelrods_w() {
    let dir = temp_dir("continuation");
    let out = dir.join("t");
    let printed = succeeds(&[
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
    // The printed interval counts each repetition once (its pairs share one length).
    let line = printed
        .lines()
        .find(|l| l.contains("95% interval"))
        .unwrap();
    let span = line
        .split("95% interval ")
        .nth(1)
        .unwrap()
        .split(')')
        .next()
        .unwrap();
    let (lo, hi) = span.split_once('–').unwrap();
    let (lo, hi): (f64, f64) = (lo.parse().unwrap(), hi.parse().unwrap());
    assert!(lo < 289.02 && 289.02 < hi && hi - lo > 20.0, "{line}");
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
        let (s, t, p): (f64, f64, f64) = (
            r[score].parse().unwrap(),
            r[turns].parse().unwrap(),
            r[per_turn].parse().unwrap(),
        );
        assert!((p - s / t).abs() < 1e-3, "{r:?}");
    }
    // Stein and Rapoport defects on the last two turns of a match whose length it knows; with
    // a chance ending it never does, against tit for tat.
    let coop = column(&header, "cooperation_b");
    for r in rows
        .iter()
        .filter(|r| r[1] == "stein_and_rapoport" && r[0] == "tit_for_tat")
    {
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
    let fixed = setup(
        "prisoners_dilemma",
        &["blue=random", "red=joss"],
        &[],
        Some(400),
    );
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
    succeeds(&[
        "report",
        out.to_str().unwrap(),
        "--out",
        page.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("(T−R)/(T−P) = 0.5000") && html.contains("<svg"),
        "report"
    );
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
        assert_eq!(
            fast.rules.stages,
            Stages {
                arms: false,
                risk: false,
                open_moves: false
            },
            "{name}"
        );
        let full = Setup {
            rules: fast.rules.clone().full_pipeline(),
            ..setup(name, &[], &set, Some(120))
        };
        let strategies = parse_strategies("all").unwrap();
        let matches = |s: &Setup| {
            let mut all: Vec<Match> = Vec::new();
            play(
                &workers,
                s,
                &strategies,
                2,
                5,
                |m| all.push(m.clone()),
                |_| {},
            )
            .unwrap();
            all
        };
        assert_eq!(matches(&fast), matches(&full), "{name} {set:?}");
    }
    for name in crate::common::NUCLEAR {
        assert_eq!(
            setup(name, &[], &[], None).rules.stages,
            Stages::ALL,
            "{name}"
        );
    }
}

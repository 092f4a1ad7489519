//! Issue 14: `detente evolve`, the ecological dynamics, the Moran process and the Evolution of
//! Trust's generations, and their reports (in a real browser too). The shadow of the future is
//! in `shadow.rs`.

use crate::browser::{browser, driver, shoot, shots, until};
use crate::common::{setup, succeeds, temp_dir};
use detente::sim::Workers;
use std::path::Path;

/// The rows of a CSV file the tools wrote, as (header, rows of fields).
pub fn csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

pub fn column(header: &[String], name: &str) -> usize {
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
    assert_eq!(
        header,
        [
            "generation",
            "always_cooperate",
            "always_defect",
            "tit_for_tat"
        ]
    );
    let one = [60.0 / 203.0, 74.0 / 203.0, 69.0 / 203.0];
    let f2 = [387.0 / 203.0, 470.6 / 203.0, 453.6 / 203.0];
    let mean2 = 89342.8 / 41209.0;
    for k in 0..3 {
        let at = |g: usize| rows[g][k + 1].parse::<f64>().unwrap();
        assert!((at(0) - 1.0 / 3.0).abs() < 1e-6);
        assert!(
            (at(1) - one[k]).abs() < 1e-6,
            "generation 1, {k}: {}",
            at(1)
        );
        assert!(
            (at(2) - one[k] * f2[k] / mean2).abs() < 1e-6,
            "generation 2, {k}"
        );
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
        let ci = [
            fix[k]["ci95"][0].as_f64().unwrap(),
            fix[k]["ci95"][1].as_f64().unwrap(),
        ];
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
    let setup = setup(
        "evolution_of_trust",
        &[],
        &[&format!("params.execution_noise={noise}")],
        None,
    );
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
    assert!(
        copycat_clean > 0.5,
        "copycat without mistakes: {copycat_clean}"
    );
    assert!(copycat_clean > forgiving_clean);
    assert!(
        forgiving_noisy > copycat_noisy,
        "{forgiving_noisy} against {copycat_noisy}"
    );
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

/// The reports of the three dynamics name what they show.
#[test]
fn each_dynamics_has_a_report_section() {
    let dir = temp_dir("evolve-report");
    for (dynamics, scenario, says, own) in [
        (
            "ecological",
            "prisoners_dilemma",
            "Ecological dynamics (Axelrod 1984",
            vec!["--matches", "2"],
        ),
        (
            "moran",
            "prisoners_dilemma",
            "took over",
            vec!["--repetitions", "50", "--population", "12"],
        ),
        (
            "generations",
            "evolution_of_trust",
            "The Evolution of Trust",
            vec!["--population", "12", "--replace", "2"],
        ),
    ] {
        let out = dir.join(dynamics);
        let mut args = vec![
            "evolve",
            scenario,
            "--dynamics",
            dynamics,
            "--strategies",
            "copycat,cheater,copykitten",
            "--generations",
            "20",
            "--turns",
            "20",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(own);
        succeeds(&args);
        succeeds(&["report", out.to_str().unwrap()]);
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        assert!(html.contains(says), "{dynamics}");
        assert!(
            html.contains("copykitten") && html.contains("<svg"),
            "{dynamics}"
        );
        assert!(html.contains("To make it again"), "{dynamics}");
    }
}

/// Must show 4: the new report pages in headless Chromium: the stacked shares, the fixation
/// table, the payoff table and the sweep over W, none wider than the window. Screenshots at
/// 1366×768 go to `$DETENTE_SCREENSHOTS`. Ignored by default: `.ci/run` runs it with the other
/// browser tests.
#[test]
#[ignore = "needs chromium and chromium-driver: run by .ci/run"]
fn browser_shows_the_evolve_reports() {
    let dir = temp_dir("evolve-browser");
    let runs: [(&str, Vec<&str>); 4] = [
        (
            "evolve-ecological",
            vec!["prisoners_dilemma", "--strategies", "axelrod_1980"],
        ),
        (
            "evolve-moran",
            vec![
                "prisoners_dilemma",
                "--dynamics",
                "moran",
                "--strategies",
                "classic",
                "--population",
                "20",
            ],
        ),
        (
            "evolve-generations",
            vec!["evolution_of_trust", "--dynamics", "generations"],
        ),
        (
            "evolve-shadow",
            vec![
                "prisoners_dilemma",
                "--strategies",
                "grudger=0.99,always_defect=0.01",
                "--vary",
                "params.continuation=0.1..0.9:0.1",
                "--matches",
                "200",
                "--generations",
                "200",
            ],
        ),
    ];
    for (name, args) in &runs {
        let out = dir.join(name);
        let mut all = vec!["evolve"];
        all.extend(args.iter().copied());
        all.extend(["--quiet", "--out", out.to_str().unwrap()]);
        succeeds(&all);
        succeeds(&["report", out.to_str().unwrap()]);
    }
    let shots = shots();
    let (_driver, port) = driver();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let b = browser(port, 1366, 768).await;
        for (name, _) in &runs {
            let page = dir.join(name).join("report.html");
            b.goto(&format!("file://{}", page.display())).await.unwrap();
            until(
                &b,
                "the chart",
                "document.querySelector('svg polygon, svg polyline')",
            )
            .await;
            let fits = b
                .execute(
                    "return document.documentElement.scrollWidth <= window.innerWidth;",
                    vec![],
                )
                .await
                .unwrap();
            assert_eq!(
                fits,
                serde_json::Value::Bool(true),
                "{name} scrolls sideways"
            );
            let heading = b
                .execute("return document.querySelector('h1').textContent;", vec![])
                .await
                .unwrap();
            assert!(
                heading.as_str().is_some_and(|h| h.starts_with("Evolution")),
                "{heading}"
            );
            shoot(&b, &shots, name).await;
        }
        b.close().await.unwrap();
    });
}

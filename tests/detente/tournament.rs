//! Issue 4, must show 1 and 5: the round robin reproduces the pairwise scores derived by hand
//! from the strategies' definitions, in every repetition; bad options are refused.

use crate::common::{detente, scenario, setup, temp_dir};
use detente::cli::tournament::{Match, parse_strategies, play};
use detente::sim::{Strategy, Workers};

/// Scores over 200 turns of the prisoner's dilemma (T5 R3 P1 S0), worked out by hand:
/// (row, column, row's score, column's score).
const BY_HAND: &[(&str, &str, f64, f64)] = &[
    ("always_cooperate", "always_cooperate", 600.0, 600.0),
    ("always_defect", "always_defect", 200.0, 200.0),
    ("always_cooperate", "always_defect", 0.0, 1000.0),
    // TFT: C, then D for ever: (S, T) once, then (P, P) 199 times.
    ("always_defect", "tit_for_tat", 204.0, 199.0),
    ("tit_for_tat", "tit_for_tat", 600.0, 600.0),
    // STFT opens with D; TFT answers one turn late, so they alternate (T, S), (S, T).
    ("tit_for_tat", "suspicious_tit_for_tat", 500.0, 500.0),
    // TF2T forgives one defection: (S, T) twice, then (P, P) 198 times.
    ("always_defect", "tit_for_two_tats", 208.0, 198.0),
    // The grudger defects for ever from turn 3, after the alternator's first D on turn 2.
    ("alternator", "grudger", 107.0, 597.0),
    // The alternator (C, D, C, D...) against a sucker: R and T in turn.
    ("always_cooperate", "alternator", 300.0, 800.0),
    ("grudger", "tit_for_tat", 600.0, 600.0),
];

#[test]
fn the_round_robin_reproduces_the_scores_derived_by_hand_in_every_repetition() {
    let s = setup("prisoners_dilemma", &[], &[], Some(200));
    let strategies = parse_strategies("all").unwrap();
    let mut matches: Vec<Match> = Vec::new();
    let workers = Workers::new(None).unwrap();
    let t = play(
        &workers,
        &s,
        &strategies,
        5,
        1,
        |m| matches.push(m.clone()),
        |_| {},
    )
    .unwrap();
    let n = strategies.len();
    assert_eq!(t.matches, n * (n + 1) / 2 * 5);
    assert_eq!(matches.len(), t.matches);
    let index = |name: &str| {
        strategies
            .iter()
            .position(|s| *s == Strategy::from_name(name).unwrap())
            .unwrap()
    };
    for &(row, col, score_row, score_col) in BY_HAND {
        let (i, j) = (index(row), index(col));
        let found: Vec<_> = matches
            .iter()
            .filter(|m| (m.a, m.b) == (i.min(j), i.max(j)))
            .collect();
        assert_eq!(found.len(), 5, "{row} v {col}");
        for m in found {
            let (mine, theirs) = if m.a == i {
                (m.scores[0], m.scores[1])
            } else {
                (m.scores[1], m.scores[0])
            };
            assert_eq!(
                (mine, theirs),
                (score_row, score_col),
                "{row} v {col}, repetition {}",
                m.repetition
            );
            assert_eq!(m.turns, 200);
        }
        assert!((t.pairwise[i][j] - score_row / 200.0).abs() < 1e-9);
    }
}

#[test]
fn execution_noise_breaks_the_mutual_cooperation_of_nice_strategies() {
    let quiet = setup("prisoners_dilemma", &[], &[], Some(200));
    let noisy = setup(
        "prisoners_dilemma",
        &[],
        &["params.execution_noise=0.05"],
        Some(200),
    );
    let both = parse_strategies("tit_for_tat").unwrap();
    let workers = Workers::new(Some(2)).unwrap();
    let a = play(&workers, &quiet, &both, 20, 1, |_| {}, |_| {}).unwrap();
    let b = play(&workers, &noisy, &both, 20, 1, |_| {}, |_| {}).unwrap();
    let mean = |t: &detente::cli::tournament::Tournament| t.ranking[0].mean_score;
    assert_eq!(mean(&a), 3.0);
    // Under noise TFT echoes every error: mutual cooperation collapses towards 2.25.
    assert!(mean(&b) < 2.8, "{}", mean(&b));
}

#[test]
fn the_command_writes_its_tables_and_charts() {
    let dir = temp_dir("tournament");
    let out = detente(&[
        "tournament",
        &scenario("prisoners_dilemma"),
        "--strategies",
        "tit_for_tat,always_defect,grudger",
        "--turns",
        "200",
        "--repetitions",
        "2",
        "--quiet",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let matches = std::fs::read_to_string(dir.join("matches.csv")).unwrap();
    let mut lines = matches.lines();
    assert_eq!(
        lines.next(),
        Some(
            "strategy_a,strategy_b,repetition,seed,turns,outcome,score_a,score_b,\
             score_per_turn_a,score_per_turn_b,cooperation_a,cooperation_b"
        )
    );
    assert_eq!(lines.count(), 6 * 2);
    assert!(
        matches.contains("tit_for_tat,always_defect,1,1,200,MAD,199,204,0.995000,1.020000,"),
        "{matches}"
    );
    let ranking = std::fs::read_to_string(dir.join("ranking.csv")).unwrap();
    assert!(ranking.starts_with("rank,strategy,mean_score_per_turn,wins,cooperation_rate"));
    for svg in ["ranking.svg", "payoffs.svg"] {
        let text = std::fs::read_to_string(dir.join(svg)).unwrap();
        assert!(text.starts_with("<svg") && text.trim_end().ends_with("</svg>"));
        assert!(text.contains("tit_for_tat"), "{svg} names the strategies");
    }
}

#[test]
fn bad_tournament_options_are_refused_and_leave_no_files() {
    let dir = temp_dir("tournament-bad");
    let out_dir = dir.join("out");
    let cases: &[(&[&str], &str)] = &[
        (
            &["--strategies", "tit_for_tat,nonsense"],
            "unknown strategy `nonsense`",
        ),
        (&["--strategies", ","], "at least one strategy"),
        (&["--repetitions", "0"], "1 to 10000"),
        (&["--noise", "1.5"], "probability"),
        (&["--jobs", "0"], "expected 1 to 256 threads"),
    ];
    for (extra, expected) in cases {
        let mut args = vec![
            "tournament",
            "prisoners_dilemma",
            "--out",
            out_dir.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let out = detente(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!out_dir.join("matches.csv").exists());
    }
    let out = detente(&["tournament", "multipolar_2030", "--repetitions", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("two-nation"));
}

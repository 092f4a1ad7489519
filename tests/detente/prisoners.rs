//! Must show 2: the prisoner's dilemma over 200 turns gives the published head-to-head scores.

use crate::common::{detente, scenario, setup};
use detente::sim::run_one;

fn scores(blue: &str, red: &str) -> (f64, f64) {
    let blue = format!("blue={blue}");
    let red = format!("red={red}");
    let s = setup("prisoners_dilemma", &[&blue, &red], &[], Some(200));
    let g = run_one(&s.rules, s.controllers.clone(), s.turns, 1);
    assert_eq!(g.turns, 200);
    (g.scores[0], g.scores[1])
}

#[test]
fn tit_for_tat_against_always_defect_scores_199_to_204() {
    assert_eq!(scores("tit_for_tat", "always_defect"), (199.0, 204.0));
}

#[test]
fn tit_for_tat_against_itself_scores_600_each() {
    assert_eq!(scores("tit_for_tat", "tit_for_tat"), (600.0, 600.0));
}

#[test]
fn always_cooperate_against_always_defect_scores_0_to_1000() {
    assert_eq!(scores("always_cooperate", "always_defect"), (0.0, 1000.0));
}

/// Scores derived by hand from the definitions, for the deterministic pairs.
#[test]
fn deterministic_pairs_score_as_derived_by_hand() {
    let table = [
        // Grudger never defects first, so it meets tit for tat with 200 rewards each.
        ("grudger", "tit_for_tat", 600.0, 600.0),
        // Suspicious TFT opens D, TFT answers D next turn: the two alternate D/C vs C/D forever.
        // STFT: D C D C ... TFT: C D C D ...: each turn one gets 5, the other 0 => 500 each.
        ("suspicious_tit_for_tat", "tit_for_tat", 500.0, 500.0),
        // Alternator C D C D ... vs always defect: S,P,S,P: 100 x 0 + 100 x 1.
        ("alternator", "always_defect", 100.0, 600.0),
        // Grudger vs alternator: CC (3/3), CD (0/5), then grudger defects forever:
        // turns 3..200: alternator plays C on odd turns (99 of them: T for grudger) and D on even (99: P).
        (
            "grudger",
            "alternator",
            3.0 + 0.0 + 99.0 * 5.0 + 99.0 * 1.0,
            3.0 + 5.0 + 99.0 * 0.0 + 99.0 * 1.0,
        ),
        // Win-stay lose-shift vs always defect: C (S), then D (P, shift), C (S), ...: 100 x 0 + 100 x 1.
        ("win_stay_lose_shift", "always_defect", 100.0, 600.0),
        // Tit for two tats vs always defect: C C then D forever: 0 + 0 + 198 x 1 ; 5 + 5 + 198.
        ("tit_for_two_tats", "always_defect", 198.0, 208.0),
    ];
    for (a, b, sa, sb) in table {
        assert_eq!(scores(a, b), (sa, sb), "{a} vs {b}");
    }
}

#[test]
fn simulate_prints_the_outcome_line() {
    let out = detente(&[
        "simulate",
        &scenario("prisoners_dilemma"),
        "--ai",
        "blue=always_defect",
        "--ai",
        "red=always_defect",
        "--quiet",
    ]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.trim(), "outcome: MAD after 200 turns");
    let out = detente(&["simulate", &scenario("prisoners_dilemma"), "--quiet"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "outcome: MAS after 200 turns"
    );
}

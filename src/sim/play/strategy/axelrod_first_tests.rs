//! The entrants of Axelrod's first tournament against their definitions, with the test
//! vectors of the Axelrod-Python library (`axelrod/tests/strategies/test_axelrod_first.py`).

use super::tests::{PD, against, against_lasting, check, duel, stances, text};
use super::*;
use Stance::{Cooperate as C, Defect as D};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

#[test]
fn tideman_and_chieruzzi_defects_on_the_last_two_turns_only_when_it_knows_them() {
    let coop = stances("CCCC");
    assert_eq!(
        text(&against_lasting(
            Strategy::TidemanAndChieruzzi,
            &coop,
            Some(4)
        )),
        "CCDD"
    );
    assert_eq!(
        text(&against_lasting(Strategy::TidemanAndChieruzzi, &coop, None)),
        "CCCC"
    );
}

#[test]
fn tideman_and_chieruzzi_punishes_each_defection_one_turn_longer() {
    // Defections on turns 0, 3 and 7 (not while it retaliates): 1, 2, then 3 defections.
    check(
        Strategy::TidemanAndChieruzzi,
        "DCCDCCCDCCCC",
        "CDCCDDCCDDDC",
    );
}

#[test]
fn tideman_and_chieruzzi_gives_a_fresh_start() {
    // Against always defect it is never behind by 10, so no fresh start: it defects ever after.
    let [t, _] = duel(
        Strategy::TidemanAndChieruzzi,
        Strategy::AlwaysDefect,
        30,
        None,
    );
    assert_eq!(text(&t[1..]), "D".repeat(29));
    // The other side defects on turns 0-3 and then cooperates: once it is 10 points behind, has
    // just cooperated, and its 4 defections in N moves are 3 standard deviations below N/2, it
    // gets two cooperations and is forgiven.
    let mut theirs = stances("DDDDCDCDCDCD");
    theirs.extend(stances(&"C".repeat(40)));
    let mine = against(Strategy::TidemanAndChieruzzi, &theirs);
    assert!(text(&mine).ends_with(&"C".repeat(20)), "{}", text(&mine));
}

#[test]
fn nydegger_looks_up_the_last_three_turns() {
    // Tit for tat on turns 1 and 2 …
    check(Strategy::Nydegger, "DC", "CD");
    // … except that it defects on turn 3 when it alone was suckered on turn 1 and only the
    // other cooperated on turn 2.
    check(Strategy::Nydegger, "DCC", "CDD");
    // A = 16·a(last) + 4·a(before) + a(before that); the library's vectors: my D,C,C against
    // C,C,C (oldest first) is A = 1, my D,C,D against C,C,C is 17, my D,D,C against D,C,C is 7;
    // all three defect. Three mutual cooperations (A = 0) cooperate, three mutual defections
    // (A = 63) too.
    let decide = |mine: &str, theirs: &str| {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        Strategy::Nydegger.decide(Memory::new(&stances(mine), &stances(theirs)), &PD, &mut rng)
    };
    assert_eq!(decide("DCC", "CCC"), D);
    assert_eq!(decide("DCD", "CCC"), D);
    assert_eq!(decide("DDC", "DCC"), D);
    assert_eq!(decide("CCC", "CCC"), C);
    assert_eq!(decide("DDD", "DDD"), C);
    // The library's matches: against always defect, against the alternator, and against D, C
    // repeated.
    check(Strategy::Nydegger, "DDDDDDDD", "CDDCCCCC");
    check(Strategy::Nydegger, "CDCDCDCD", "CCDCDCDC");
    check(Strategy::Nydegger, "DCDCDCDC", "CDDDDDDD");
}

#[test]
fn grofman_cooperates_after_agreement_and_two_times_in_seven_after_disagreement() {
    check(Strategy::Grofman, "CCCC", "CCCC");
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    let (m, t) = (stances("C"), stances("D"));
    let n = 7000;
    let c = (0..n)
        .filter(|_| Strategy::Grofman.decide(Memory::new(&m, &t), &PD, &mut rng) == C)
        .count();
    assert!((c as f64 / n as f64 - 2.0 / 7.0).abs() < 0.02, "{c}");
}

#[test]
fn shubik_retaliates_one_turn_longer_each_time() {
    // The library's vector: against the cycle D,C,D,C,C it plays C,D,C,D,D,C,D.
    check(Strategy::Shubik, "DCDCCDC", "CDCDDCD");
}

#[test]
fn stein_and_rapoport_tests_for_randomness_every_fifteen_turns() {
    // The library's vector: against always cooperate, 19 turns known: 17 C then D, D; unknown:
    // 19 C.
    let coop = stances(&"C".repeat(19));
    let known = against_lasting(Strategy::SteinAndRapoport, &coop, Some(19));
    assert_eq!(text(&known), format!("{}DD", "C".repeat(17)));
    assert_eq!(
        text(&against(Strategy::SteinAndRapoport, &coop)),
        "C".repeat(19)
    );
    // A side that alternates looks random (7 C, 7 D) at the test on turn 15: it defects until
    // the next test, on turn 30.
    let alternate = stances(&"CD".repeat(20));
    let mine = against(Strategy::SteinAndRapoport, &alternate);
    assert_eq!(text(&mine[..4]), "CCCC");
    assert_eq!(text(&mine[14..29]), "D".repeat(15));
}

#[test]
fn davis_cooperates_ten_turns_then_holds_a_grudge() {
    check(Strategy::Davis, "DCCCCCCCCCCC", "CCCCCCCCCCDD");
    check(Strategy::Davis, "CCCCCCCCCCCC", "CCCCCCCCCCCC");
}

#[test]
fn graaskamp_plays_tit_for_tat_defects_on_turn_51_then_probes_at_random() {
    let coop = stances(&"C".repeat(200));
    let mine = against(Strategy::Graaskamp, &coop);
    // The library's vector against always cooperate: 50 C, D on turn 51, then C until the
    // first random defection, 5 to 14 turns after turn 56.
    assert_eq!(
        text(&mine[..56]),
        format!("{}D{}", "C".repeat(50), "C".repeat(5))
    );
    let first = mine[56..].iter().position(|&x| x == D).unwrap() + 56;
    assert!(
        (61..=70).contains(&first),
        "first random defection on turn {first}"
    );
    // The gaps between its defections are 5 to 14 turns.
    let ds: Vec<usize> = (56..200).filter(|&t| mine[t] == D).collect();
    assert!(
        ds.windows(2).all(|w| (5..=14).contains(&(w[1] - w[0]))),
        "{ds:?}"
    );
    // Against tit for tat it is recognised as a copy and plays tit for tat.
    let [g, t] = duel(Strategy::Graaskamp, Strategy::TitForTat, 120, None);
    assert_eq!(g[57..], t[56..119]);
    // Against a side whose moves pass for random (as many C as D) it defects for good from
    // turn 57, even once they stop looking random.
    let mut theirs = stances(&"CD".repeat(28));
    theirs.extend(stances(&"C".repeat(44)));
    let g = against(Strategy::Graaskamp, &theirs);
    assert_eq!(text(&g[56..]), "D".repeat(44));
}

#[test]
fn downing_plays_the_move_with_the_higher_expected_payoff() {
    // The library's vectors.
    check(Strategy::Downing, "CCC", "DDC");
    check(Strategy::Downing, "CCDDCCC", "DDCDDDD");
    check(Strategy::Downing, "CCCCDDC", "DDCDDCD");
}

#[test]
fn feld_answers_defection_and_cooperates_less_as_the_game_goes_on() {
    check(Strategy::Feld, "DCD", "CDC");
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    let share = |t: usize, rng: &mut ChaCha8Rng| {
        let (m, o) = (vec![C; t], vec![C; t]);
        let n = 4000;
        (0..n)
            .filter(|_| Strategy::Feld.decide(Memory::new(&m, &o), &PD, rng) == C)
            .count() as f64
            / n as f64
    };
    // 1 - 0.0025 t: 0.9975 after one turn, 0.75 after 100, and 0.5 from 200 on.
    assert!(share(1, &mut rng) > 0.99);
    assert!((share(100, &mut rng) - 0.75).abs() < 0.03);
    assert!((share(300, &mut rng) - 0.5).abs() < 0.03);
}

#[test]
fn joss_is_tit_for_tat_that_defects_one_time_in_ten() {
    check(Strategy::Joss, "DD", "CD");
    let [j, _] = duel(Strategy::Joss, Strategy::AlwaysCooperate, 5001, None);
    let d = j[1..].iter().filter(|&&x| x == D).count() as f64 / 5000.0;
    assert!((d - 0.1).abs() < 0.015, "{d}");
}

#[test]
fn tullock_cooperates_ten_percent_less_than_the_other_did_lately() {
    check(Strategy::Tullock, "DDDDDDDDDDDD", "CCCCCCCCCCCD");
    let mut theirs = vec![C; 11];
    theirs.extend(stances("CCCCCDDDDD"));
    let mut rng = ChaCha8Rng::seed_from_u64(6);
    let m = vec![C; theirs.len()];
    let n = 5000;
    let c = (0..n)
        .filter(|_| Strategy::Tullock.decide(Memory::new(&m, &theirs), &PD, &mut rng) == C)
        .count() as f64
        / n as f64;
    assert!((c - 0.4).abs() < 0.03, "{c}");
}

#[test]
fn anonymous_cooperates_about_half_the_time() {
    let [a, _] = duel(Strategy::Anonymous, Strategy::AlwaysCooperate, 6000, None);
    let c = a.iter().filter(|&&x| x == C).count() as f64 / 6000.0;
    assert!((c - 0.5).abs() < 0.03, "{c}");
}

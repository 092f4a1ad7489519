//! Each strategy against its published definition: the moves it makes against given moves of
//! the other side, and against other strategies.

use super::*;
use Stance::{Cooperate as C, Defect as D};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

pub(super) const PD: Payoffs = Payoffs {
    t: 5.0,
    r: 3.0,
    p: 1.0,
    s: 0.0,
    catastrophe: 0.0,
    chicken: None,
};

/// Plays `s` against a fixed sequence of the other side's stances (fully perceived).
pub(super) fn against(s: Strategy, theirs: &[Stance]) -> Vec<Stance> {
    against_lasting(s, theirs, None)
}

/// As `against`, in a match whose length the players know (`Some`) or not.
pub(super) fn against_lasting(s: Strategy, theirs: &[Stance], length: Option<u32>) -> Vec<Stance> {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut mine = Vec::new();
    for t in 0..theirs.len() {
        let memory = Memory {
            length,
            ..Memory::new(&mine, &theirs[..t])
        };
        let next = s.decide(memory, &PD, &mut rng);
        mine.push(next);
    }
    mine
}

pub(super) fn stances(s: &str) -> Vec<Stance> {
    s.chars().map(|c| if c == 'C' { C } else { D }).collect()
}

pub(super) fn check(s: Strategy, theirs: &str, expected: &str) {
    assert_eq!(
        against(s, &stances(theirs)),
        stances(expected),
        "{} against {theirs}",
        s.name()
    );
}

#[test]
fn always_cooperate_and_always_defect_ignore_the_other_side() {
    check(Strategy::AlwaysCooperate, "DDCD", "CCCC");
    check(Strategy::AlwaysDefect, "CCDC", "DDDD");
}

#[test]
fn tit_for_tat_opens_nicely_then_copies() {
    check(Strategy::TitForTat, "DCDDC", "CDCDD");
    check(Strategy::SuspiciousTitForTat, "DCDDC", "DDCDD");
}

#[test]
fn tit_for_two_tats_needs_two_defections_in_a_row() {
    check(Strategy::TitForTwoTats, "DCDDDCC", "CCCCDDC");
}

#[test]
fn two_tits_for_tat_answers_each_defection_twice() {
    check(Strategy::TwoTitsForTat, "DCCCDCC", "CDDCCDD");
}

#[test]
fn grudger_never_forgives() {
    check(Strategy::Grudger, "CCDCCC", "CCCDDD");
}

#[test]
fn win_stay_lose_shift_is_pavlov() {
    // After CC (R) stay C, CD (S) shift to D, DC (T) stay D, DD (P) shift to C.
    check(Strategy::WinStayLoseShift, "CDCDDC", "CCDDCD");
}

#[test]
fn alternator_alternates() {
    check(Strategy::Alternator, "CCCCC", "CDCDC");
}

/// Under execution noise the alternator goes on from the move it actually made: a turn
/// whose D came out as C is followed by D, where a turn-by-turn clock would say C.
#[test]
fn alternator_alternates_from_its_last_move_as_carried_out() {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    for (played, next) in [("", C), ("C", D), ("CC", D), ("CDD", C), ("CDCC", D)] {
        let mine = stances(played);
        let decided = Strategy::Alternator.decide(Memory::new(&mine, &mine), &PD, &mut rng);
        assert_eq!(decided, next, "after {played}");
    }
}

#[test]
fn grit_absorbs_one_defection_and_answers_two_once() {
    check(Strategy::Grit, "DCDDDDC", "CCCCDCD");
}

#[test]
fn generous_tit_for_tat_forgives_about_a_third_of_defections() {
    assert!((generosity(&PD) - 1.0 / 3.0).abs() < 1e-12);
    let mine = against(Strategy::GenerousTitForTat, &vec![D; 3001]);
    let forgiven = mine[1..].iter().filter(|&&s| s == C).count() as f64 / 3000.0;
    assert!((forgiven - 1.0 / 3.0).abs() < 0.03, "forgave {forgiven}");
    check(Strategy::GenerousTitForTat, "CCCC", "CCCC");
}

#[test]
fn random_is_a_fair_coin() {
    let mine = against(Strategy::Random, &vec![C; 4000]);
    let share = mine.iter().filter(|&&s| s == C).count() as f64 / 4000.0;
    assert!((share - 0.5).abs() < 0.03, "cooperated {share}");
}

#[test]
fn names_round_trip() {
    for s in Strategy::ALL {
        assert_eq!(Strategy::from_name(s.name()), Some(s));
    }
    assert_eq!(Strategy::from_name("nope"), None);
}

/// Plays `a` against `b` for `turns` turns without noise: each side's stances.
pub(super) fn duel(
    a: Strategy,
    b: Strategy,
    turns: usize,
    length: Option<u32>,
) -> [Vec<Stance>; 2] {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for _ in 0..turns {
        let mx = Memory {
            length,
            ..Memory::new(&x, &y)
        };
        let my = Memory {
            length,
            ..Memory::new(&y, &x)
        };
        let (sx, sy) = (a.decide(mx, &PD, &mut rng), b.decide(my, &PD, &mut rng));
        x.push(sx);
        y.push(sy);
    }
    [x, y]
}

pub(super) fn text(s: &[Stance]) -> String {
    s.iter().map(|&x| if x == C { 'C' } else { 'D' }).collect()
}

#[test]
fn the_evolution_of_trust_cast_is_there_under_its_own_names() {
    for (alias, s) in [
        ("copycat", Strategy::TitForTat),
        ("cheater", Strategy::AlwaysDefect),
        ("cooperator", Strategy::AlwaysCooperate),
        ("grudger", Strategy::Grudger),
        ("detective", Strategy::Detective),
        ("copykitten", Strategy::TitForTwoTats),
        ("simpleton", Strategy::WinStayLoseShift),
        ("random", Strategy::Random),
    ] {
        assert_eq!(Strategy::from_name(alias), Some(s), "{alias}");
    }
    let cast = group("evolution_of_trust").unwrap();
    assert_eq!(cast.len(), 8);
    assert!(cast.iter().all(|n| Strategy::from_name(n).is_some()));
    // Every group names strategies there are, each once.
    for (g, names) in GROUPS {
        let mut seen: Vec<Strategy> = names
            .iter()
            .map(|n| Strategy::from_name(n).unwrap())
            .collect();
        seen.dedup();
        assert_eq!(seen.len(), names.len(), "{g}");
    }
    assert_eq!(group("classic").unwrap().len(), 9);
    assert_eq!(group("axelrod_1980").unwrap().len(), 15);
}

/// Case (2017): "Starts with: Cooperate, Cheat, Cooperate, Cooperate. Afterwards, if you ever
/// retaliate with a Cheat, it plays like a Copycat. Otherwise, it plays like an Always Cheat."
#[test]
fn detective_probes_then_copies_or_exploits() {
    let [d, _] = duel(Strategy::Detective, Strategy::TitForTat, 8, None);
    assert_eq!(text(&d), "CDCCCCCC");
    let [d, _] = duel(Strategy::Detective, Strategy::AlwaysCooperate, 7, None);
    assert_eq!(text(&d), "CDCCDDD");
    let [d, _] = duel(Strategy::Detective, Strategy::AlwaysDefect, 7, None);
    assert_eq!(text(&d), "CDCCDDD");
    // A defection on the other side's fourth turn comes after the opening has been judged.
    check(Strategy::Detective, "CCCDCC", "CDCCDD");
}

/// Li, Hingston & Kendall (2011): D, C, C; then always defect if the other cooperated on turns 2
/// and 3, else tit for tat.
#[test]
fn prober_exploits_a_side_that_does_not_answer_its_opening() {
    check(Strategy::Prober, "CCCDC", "DCCDD");
    check(Strategy::Prober, "CDCDC", "DCCCD");
    let [p, _] = duel(Strategy::Prober, Strategy::TitForTat, 6, None);
    assert_eq!(text(&p), "DCCCCC");
}

/// Beaufils et al. (1997): "after the nth defection it reacts with n consecutive defections and
/// then calms down its opponent with two cooperations".
#[test]
fn gradual_punishes_the_nth_defection_n_times_then_calms() {
    // First defection (turn 0): one D, then C C. Second, on turn 3: D D, then C C.
    check(Strategy::Gradual, "DCCDCCCCC", "CDCCDDCCC");
    // Defections during a punishment or the calm are not counted.
    check(Strategy::Gradual, "DDDCC", "CDCCC");
    let [g, _] = duel(Strategy::Gradual, Strategy::AlwaysDefect, 12, None);
    assert_eq!(text(&g), "CDCCDDCCDDDC");
}

/// Frean (1994), as the library's memory-one vector (1, 0, 1, 2/3).
#[test]
fn firm_but_fair_defects_only_after_being_suckered() {
    check(Strategy::FirmButFair, "CDCC", "CCDC");
    // After mutual defection it cooperates two times in three.
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let dd = [D];
    let n = 3000;
    let c = (0..n)
        .filter(|_| Strategy::FirmButFair.decide(Memory::new(&dd, &dd), &PD, &mut rng) == C)
        .count();
    assert!((c as f64 / n as f64 - 2.0 / 3.0).abs() < 0.03, "{c}");
}

#[test]
fn soft_and_hard_majority_go_by_the_count_of_defections() {
    check(Strategy::SoftMajority, "DCDDCC", "CDCDDD");
    check(Strategy::HardMajority, "DCDDCC", "DDDDDD");
    check(Strategy::HardMajority, "CCDCC", "DCCCC");
}

/// Wu & Axelrod (1995): contrite tit for tat is tit for tat without noise, and after its own
/// error it takes the punishment without answering back.
#[test]
fn contrite_tit_for_tat_takes_the_punishment_for_its_own_error() {
    check(Strategy::ContriteTitForTat, "DCDDC", "CDCDD");
    // Its defection on turn 1 was an error (played as D against a cooperator): the other side
    // punishes on turn 2, and it cooperates on turns 2 and 3 instead of echoing.
    let mine = stances("CD");
    let theirs = stances("CC");
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let next = |m: &[Stance], t: &[Stance], rng: &mut ChaCha8Rng| {
        Strategy::ContriteTitForTat.decide(Memory::new(m, t), &PD, rng)
    };
    assert_eq!(next(&mine, &theirs, &mut rng), C);
    assert_eq!(next(&stances("CDC"), &stances("CCD"), &mut rng), C);
    // Plain tit for tat echoes the punishment.
    let tft =
        Strategy::TitForTat.decide(Memory::new(&stances("CDC"), &stances("CCD")), &PD, &mut rng);
    assert_eq!(tft, D);
}

#[test]
fn forgiving_tit_for_tat_answers_only_frequent_defection() {
    // One defection in ten turns is forgiven; two in the first five are not.
    check(Strategy::ForgivingTitForTat, "CCCCCCCCCDC", "CCCCCCCCCCC");
    check(Strategy::ForgivingTitForTat, "DCDCC", "CDCDC");
}

#[test]
fn every_strategy_cites_its_source_and_aliases_are_not_names() {
    for s in Strategy::ALL {
        assert!(s.source().len() > 10, "{}", s.name());
        assert!(s.description().ends_with('.'), "{}", s.name());
    }
    for (alias, _) in ALIASES {
        assert!(!Strategy::names().contains(&alias), "{alias}");
    }
}

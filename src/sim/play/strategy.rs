//! The standard strategies of the iterated prisoner's dilemma, over perceived moves only.
//!
//! Each decides a stance (cooperate or defect) from its own past stances and the other side's
//! stances *as its nation perceived them*; it never sees the true state. In the full scenarios a
//! personality then turns the stance into a concrete move.

use crate::sim::scenario::Payoffs;
use rand::Rng;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stance {
    Cooperate,
    Defect,
}

impl Stance {
    /// The other stance: what an execution error plays instead.
    pub fn flipped(self) -> Stance {
        match self {
            Stance::Cooperate => Stance::Defect,
            Stance::Defect => Stance::Cooperate,
        }
    }
}

use Stance::{Cooperate as C, Defect as D};

/// Saved by its name (`tit_for_tat`), as the command line spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Strategy {
    AlwaysCooperate,
    AlwaysDefect,
    TitForTat,
    SuspiciousTitForTat,
    TitForTwoTats,
    TwoTitsForTat,
    Grudger,
    GenerousTitForTat,
    WinStayLoseShift,
    Alternator,
    Random,
    Grit,
}

/// What a strategy may remember: its own stances, and the other side's as perceived, oldest first.
#[derive(Debug, Clone, Copy)]
pub struct Memory<'a> {
    pub mine: &'a [Stance],
    pub theirs: &'a [Stance],
}

impl From<Strategy> for String {
    fn from(s: Strategy) -> String {
        s.name().to_string()
    }
}

impl TryFrom<String> for Strategy {
    type Error = String;

    fn try_from(name: String) -> Result<Strategy, String> {
        Strategy::from_name(&name).ok_or_else(|| format!("unknown strategy {name:?}"))
    }
}

/// Whose moves execution noise changes, in words (`detente strategies`, the setup screen).
/// People's seats are left alone: a person picks a concrete move card, which has no single
/// opposite to come out as, and a class should see its own choices carried out.
pub const EXECUTION_NOISE: &str = "Execution noise (params.execution_noise, tournament --noise) flips the stance a computer seat chose with that chance, as in the noisy tournaments of the literature; a move a person chose is always carried out as chosen.";

impl Strategy {
    pub const ALL: [Strategy; 12] = [
        Strategy::AlwaysCooperate,
        Strategy::AlwaysDefect,
        Strategy::TitForTat,
        Strategy::SuspiciousTitForTat,
        Strategy::TitForTwoTats,
        Strategy::TwoTitsForTat,
        Strategy::Grudger,
        Strategy::GenerousTitForTat,
        Strategy::WinStayLoseShift,
        Strategy::Alternator,
        Strategy::Random,
        Strategy::Grit,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Strategy::AlwaysCooperate => "always_cooperate",
            Strategy::AlwaysDefect => "always_defect",
            Strategy::TitForTat => "tit_for_tat",
            Strategy::SuspiciousTitForTat => "suspicious_tit_for_tat",
            Strategy::TitForTwoTats => "tit_for_two_tats",
            Strategy::TwoTitsForTat => "two_tits_for_tat",
            Strategy::Grudger => "grudger",
            Strategy::GenerousTitForTat => "generous_tit_for_tat",
            Strategy::WinStayLoseShift => "win_stay_lose_shift",
            Strategy::Alternator => "alternator",
            Strategy::Random => "random",
            Strategy::Grit => "grit",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Strategy::AlwaysCooperate => "Cooperates every turn, whatever the other side does.",
            Strategy::AlwaysDefect => "Defects every turn, whatever the other side does.",
            Strategy::TitForTat => {
                "Cooperates first, then does what the other side did last turn (Rapoport, Axelrod 1984)."
            }
            Strategy::SuspiciousTitForTat => {
                "Defects first, then does what the other side did last turn."
            }
            Strategy::TitForTwoTats => {
                "Cooperates unless the other side defected in each of the last two turns."
            }
            Strategy::TwoTitsForTat => {
                "Cooperates, but answers each defection with two defections."
            }
            Strategy::Grudger => {
                "Cooperates until the other side defects once, then defects forever (grim trigger)."
            }
            Strategy::GenerousTitForTat => {
                "Tit for tat that forgives a defection with probability min(1-(T-R)/(R-S), (R-P)/(T-P)), 1/3 for 5,3,1,0 (Nowak & Sigmund 1992)."
            }
            Strategy::WinStayLoseShift => {
                "Cooperates first; keeps its move after a good payoff (R or T), switches after a bad one (P or S) (Pavlov, Nowak & Sigmund 1993)."
            }
            Strategy::Alternator => {
                "Cooperates first, then the opposite of its own last move as it was carried out: C, D, C, D, ... (after an execution error it goes on from the move the error made, as in the Axelrod library)."
            }
            Strategy::Random => "Cooperates or defects with equal probability.",
            Strategy::Grit => {
                "Osgood's GRIT: conciliates first and keeps conciliating through a single defection; answers two defections in a row with one proportionate defection, then returns to conciliation."
            }
        }
    }

    pub fn from_name(name: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|s| s.name() == name)
    }

    pub fn names() -> Vec<&'static str> {
        Strategy::ALL.iter().map(|s| s.name()).collect()
    }

    /// This turn's stance. Random draws come from `rng` only for the strategies that need them.
    pub fn decide(self, memory: Memory, payoffs: &Payoffs, rng: &mut impl Rng) -> Stance {
        let Memory { mine, theirs } = memory;
        let last = theirs.last().copied();
        let last_two_defect = theirs.len() >= 2 && theirs[theirs.len() - 2..] == [D, D];
        match self {
            Strategy::AlwaysCooperate => C,
            Strategy::AlwaysDefect => D,
            Strategy::TitForTat => last.unwrap_or(C),
            Strategy::SuspiciousTitForTat => last.unwrap_or(D),
            Strategy::TitForTwoTats => {
                if last_two_defect {
                    D
                } else {
                    C
                }
            }
            Strategy::TwoTitsForTat => {
                if theirs.iter().rev().take(2).any(|&s| s == D) {
                    D
                } else {
                    C
                }
            }
            Strategy::Grudger => {
                if theirs.contains(&D) {
                    D
                } else {
                    C
                }
            }
            Strategy::GenerousTitForTat => match last {
                Some(D) if !rng.random_bool(generosity(payoffs)) => D,
                _ => C,
            },
            Strategy::WinStayLoseShift => match (mine.last(), last) {
                (Some(m), Some(t)) if m != &t => D,
                _ => C,
            },
            // From its own last move as played, as the Axelrod library's Alternator: after an
            // execution error it carries on from the move the error made, not from a clock.
            Strategy::Alternator => match mine.last() {
                Some(C) => D,
                _ => C,
            },
            Strategy::Random => {
                if rng.random_bool(0.5) {
                    C
                } else {
                    D
                }
            }
            Strategy::Grit => match mine.last() {
                Some(D) => C,
                _ if last_two_defect => D,
                _ => C,
            },
        }
    }
}

/// The forgiveness of generous tit for tat: the largest that still keeps defection unprofitable.
pub fn generosity(p: &Payoffs) -> f64 {
    let a = if p.r > p.s {
        1.0 - (p.t - p.r) / (p.r - p.s)
    } else {
        0.0
    };
    let b = if p.t > p.p {
        (p.r - p.p) / (p.t - p.p)
    } else {
        0.0
    };
    a.min(b).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    const PD: Payoffs = Payoffs {
        t: 5.0,
        r: 3.0,
        p: 1.0,
        s: 0.0,
        catastrophe: 0.0,
        chicken: None,
    };

    /// Plays `s` against a fixed sequence of the other side's stances (fully perceived).
    fn against(s: Strategy, theirs: &[Stance]) -> Vec<Stance> {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut mine = Vec::new();
        for t in 0..theirs.len() {
            let next = s.decide(
                Memory {
                    mine: &mine,
                    theirs: &theirs[..t],
                },
                &PD,
                &mut rng,
            );
            mine.push(next);
        }
        mine
    }

    fn stances(s: &str) -> Vec<Stance> {
        s.chars().map(|c| if c == 'C' { C } else { D }).collect()
    }

    fn check(s: Strategy, theirs: &str, expected: &str) {
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
            let decided = Strategy::Alternator.decide(
                Memory {
                    mine: &mine,
                    theirs: &mine,
                },
                &PD,
                &mut rng,
            );
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
}

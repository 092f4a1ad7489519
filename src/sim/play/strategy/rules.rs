//! The decision rules of the standard strategies and the Evolution of Trust's detective; the
//! entrants of Axelrod's first tournament are in `axelrod_first`.

use super::{Memory, Stance, Strategy, chance, generosity};
use crate::sim::scenario::Payoffs;
use Stance::{Cooperate as C, Defect as D};
use rand::Rng;

/// This turn's stance, or `None` for a strategy `axelrod_first` decides.
pub(super) fn decide(
    s: Strategy,
    memory: Memory,
    payoffs: &Payoffs,
    rng: &mut impl Rng,
) -> Option<Stance> {
    let Memory { mine, theirs, .. } = memory;
    let last = theirs.last().copied();
    let last_two_defect = theirs.len() >= 2 && theirs[theirs.len() - 2..] == [D, D];
    let defections = || theirs.iter().filter(|&&x| x == D).count();
    let stance = match s {
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
        // Case's code looks at the other side's moves while its opening plays out, and its
        // fourth opening move is played before the third answer is remembered: the first three.
        Strategy::Detective => match memory.turn() {
            t @ 0..4 => [C, D, C, C][t],
            _ if theirs[..3].contains(&D) => last.unwrap_or(C),
            _ => D,
        },
        Strategy::Prober => match memory.turn() {
            0 => D,
            1 | 2 => C,
            _ if theirs[1] == C && theirs[2] == C => D,
            _ => last.unwrap_or(C),
        },
        Strategy::Gradual => gradual(theirs),
        Strategy::FirmButFair => match (mine.last(), last) {
            (Some(C), Some(D)) => D,
            (Some(D), Some(D)) => chance(2.0 / 3.0, rng),
            _ => C,
        },
        Strategy::SoftMajority => {
            if 2 * defections() > theirs.len() {
                D
            } else {
                C
            }
        }
        Strategy::HardMajority => {
            if 2 * defections() >= theirs.len() {
                D
            } else {
                C
            }
        }
        Strategy::ContriteTitForTat => contrite(mine, theirs),
        Strategy::ForgivingTitForTat => {
            if defections() as f64 > theirs.len() as f64 / 10.0 {
                last.unwrap_or(C)
            } else {
                C
            }
        }
        _ => return None,
    };
    Some(stance)
}

/// Gradual (Beaufils et al. 1997, the library's `OriginalGradual`): its state after the other
/// side's moves so far, worked out again turn by turn. Idle, a defection starts the n-th
/// punishment: n defections (this turn's included), then two cooperations; the other side's
/// moves meanwhile are not counted.
fn gradual(theirs: &[Stance]) -> Stance {
    // Defections still to play (this turn's first), and cooperations after them.
    let (mut punish, mut calm, mut punishments) = (0u32, 0u32, 0u32);
    let mut now = C;
    for t in 0..=theirs.len() {
        now = if punish > 0 {
            punish -= 1;
            D
        } else if calm > 0 {
            calm -= 1;
            C
        } else if t > 0 && theirs[t - 1] == D {
            punishments += 1;
            punish = punishments - 1;
            calm = 2;
            D
        } else {
            C
        };
    }
    now
}

/// Contrite tit for tat by standing (Sugden 1986; Boyd 1989; Wu & Axelrod 1995): both sides
/// start in good standing; after a turn a side is in good standing if it cooperated, or if it
/// defected against a side in bad standing (a just punishment), and in bad standing otherwise.
/// It cooperates if the other side is in good standing or it is itself in bad standing.
fn contrite(mine: &[Stance], theirs: &[Stance]) -> Stance {
    let (mut me_good, mut them_good) = (true, true);
    for (&m, &t) in mine.iter().zip(theirs) {
        (me_good, them_good) = (m == C || !them_good, t == C || !me_good);
    }
    if them_good || !me_good { C } else { D }
}

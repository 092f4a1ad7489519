//! The named entrants of Axelrod's first tournament (Axelrod 1980, "Effective Choice in the
//! Prisoner's Dilemma"), as the Axelrod-Python library reads Axelrod's descriptions (its
//! `axelrod_first.py`, the reading that reproduces the tournament). Tit for tat (Rapoport),
//! grudger (Friedman) and random are in `rules`. Where an entrant keeps a count or a
//! punishment under way, it is worked out again from the histories each turn.

use super::{Memory, Stance, Strategy, chance};
use crate::sim::scenario::Payoffs;
use Stance::{Cooperate as C, Defect as D};
use rand::Rng;

pub(super) fn decide(s: Strategy, memory: Memory, payoffs: &Payoffs, rng: &mut impl Rng) -> Stance {
    let Memory { mine, theirs, .. } = memory;
    let t = memory.turn();
    let last = theirs.last().copied();
    let cooperations = |h: &[Stance]| h.iter().filter(|&&x| x == C).count();
    match s {
        Strategy::TidemanAndChieruzzi => end_game(memory, tideman_and_chieruzzi(memory, payoffs)),
        Strategy::Nydegger => nydegger(mine, theirs),
        Strategy::Grofman => match (mine.last(), last) {
            (Some(m), Some(o)) if *m != o => chance(2.0 / 7.0, rng),
            _ => C,
        },
        Strategy::Shubik => shubik(mine, theirs),
        Strategy::SteinAndRapoport => end_game(memory, stein_and_rapoport(theirs)),
        Strategy::Davis => {
            if t >= 10 && theirs.contains(&D) {
                D
            } else {
                C
            }
        }
        Strategy::Graaskamp => graaskamp(mine, theirs, rng),
        Strategy::Downing => downing(mine, theirs, payoffs),
        Strategy::Feld => match last {
            None => C,
            Some(D) => D,
            Some(C) => chance((1.0 - 0.0025 * t as f64).max(0.5), rng),
        },
        Strategy::Joss => match last {
            None => C,
            Some(C) => chance(0.9, rng),
            Some(D) => D,
        },
        Strategy::Tullock => {
            if t < 11 {
                C
            } else {
                let recent = cooperations(&theirs[t - 10..]) as f64 / 10.0;
                chance((recent - 0.1).max(0.0), rng)
            }
        }
        Strategy::Anonymous => {
            let p = rng.random_range(3.0..7.0) / 10.0;
            chance(p, rng)
        }
        // Every other strategy is decided in `rules`.
        _ => C,
    }
}

/// Defects on the last two turns when the match's length is known (the library's
/// `FinalTransformer((D, D))`); otherwise the strategy's own stance.
fn end_game(memory: Memory, stance: Stance) -> Stance {
    match memory.length {
        Some(length) if (memory.turn() as u32) < length && length - memory.turn() as u32 <= 2 => D,
        _ => stance,
    }
}

/// The chi-squared test of the library's Graaskamp and Stein & Rapoport: the other side's
/// cooperations and defections against an even split (one degree of freedom), "random" when
/// p ≥ 0.05, that is when (c − d)²/n ≤ 3.841459 (the 95th percentile of χ² with 1 df).
fn looks_random(theirs: &[Stance]) -> bool {
    let n = theirs.len() as f64;
    if n == 0.0 {
        return true;
    }
    let c = theirs.iter().filter(|&&x| x == C).count() as f64;
    let d = n - c;
    (c - d) * (c - d) / n <= CHI_SQUARED_95
}

/// The 95th percentile of the chi-squared distribution with one degree of freedom.
const CHI_SQUARED_95: f64 = 3.841_458_820_694_124;

/// Tideman and Chieruzzi, worked out turn by turn from the start.
fn tideman_and_chieruzzi(memory: Memory, payoffs: &Payoffs) -> Stance {
    let Memory { mine, theirs, .. } = memory;
    let (mut retaliating, mut length, mut remaining) = (false, 0u32, 0u32);
    let (mut me, mut them) = (0.0, 0.0);
    let (mut last_fresh, mut fresh, mut defections) = (0usize, false, 0usize);
    let mut stance = C;
    for t in 0..=mine.len() {
        if t == 0 {
            stance = C;
            continue;
        }
        let (m, o) = (mine[t - 1], theirs[t - 1]);
        defections += usize::from(o == D);
        let (a, b) = match (m, o) {
            (C, C) => (payoffs.r, payoffs.r),
            (C, D) => (payoffs.s, payoffs.t),
            (D, C) => (payoffs.t, payoffs.s),
            (D, D) => (payoffs.p, payoffs.p),
        };
        me += a;
        them += b;
        if fresh {
            fresh = false;
            stance = C;
            continue;
        }
        let round = t + 1;
        let valid = last_fresh == 0 || round - last_fresh >= 20;
        let rounds_left = memory
            .length
            .is_none_or(|l| i64::from(l) - round as i64 >= 10);
        if valid && me - them >= 10.0 && rounds_left && o == C {
            let n = t as f64;
            let sd = n.sqrt() / 2.0;
            let d = defections as f64;
            if d <= n / 2.0 - 3.0 * sd || d >= n / 2.0 + 3.0 * sd {
                last_fresh = round;
                (retaliating, length, remaining, defections) = (false, 0, 0, 0);
                fresh = true;
                stance = C;
                continue;
            }
        }
        stance = if retaliating {
            remaining -= 1;
            retaliating = remaining > 0;
            D
        } else if o == D {
            length += 1;
            remaining = length - 1;
            retaliating = remaining > 0;
            D
        } else {
            C
        };
    }
    stance
}

/// Nydegger: the library weighs the last turn 16, the one before 4 and the one before that 1.
fn nydegger(mine: &[Stance], theirs: &[Stance]) -> Stance {
    const DEFECT: [u32; 19] = [
        1, 6, 7, 17, 22, 23, 26, 29, 30, 31, 33, 38, 39, 45, 49, 54, 55, 58, 61,
    ];
    let score = |k: usize| {
        let (m, o) = (mine[mine.len() - k], theirs[theirs.len() - k]);
        2 * u32::from(o == D) + u32::from(m == D)
    };
    match mine.len() {
        0 => C,
        1 => theirs[0],
        2 if theirs[..2] == [D, C] => D,
        2 => theirs[1],
        _ => {
            let a = 16 * score(1) + 4 * score(2) + score(3);
            if DEFECT.contains(&a) { D } else { C }
        }
    }
}

/// Shubik: each defection of the other side that answers its cooperation is punished with one
/// more defection in a row than the last; defections meanwhile are not counted.
fn shubik(mine: &[Stance], theirs: &[Stance]) -> Stance {
    let (mut length, mut remaining) = (0u32, 0u32);
    let mut stance = C;
    for t in 1..=mine.len() {
        stance = if remaining > 0 {
            remaining -= 1;
            D
        } else if theirs[t - 1] == D && mine[t - 1] == C {
            length += 1;
            remaining = length - 1;
            D
        } else {
            C
        };
    }
    stance
}

/// Stein and Rapoport: four cooperations, tit for tat to turn 14, then on every 15th turn a
/// fresh chi-squared test of the other side, defecting until the next test while it looks
/// random.
fn stein_and_rapoport(theirs: &[Stance]) -> Stance {
    let round = theirs.len() + 1;
    if round < 5 {
        return C;
    }
    let last = theirs[theirs.len() - 1];
    if round < 15 {
        return last;
    }
    // The verdict of the last test, on turn 15k (its round), from the moves seen then.
    let tested = round - round % 15;
    if looks_random(&theirs[..tested - 1]) {
        D
    } else {
        last
    }
}

/// Graaskamp. The library draws the next random defection 5 to 14 turns ahead; here, to keep
/// no state, the draw is made turn by turn: g turns after its last defection (or after turn
/// 56), it defects with probability 1/(15 − g) for g from 5 to 14, which gives the same
/// uniform gap of 5 to 14 turns.
fn graaskamp(mine: &[Stance], theirs: &[Stance], rng: &mut impl Rng) -> Stance {
    let t = mine.len();
    if t == 0 {
        return C;
    }
    let last = theirs[t - 1];
    if t < 56 {
        return if last == D || t == 50 { D } else { C };
    }
    // Tested every turn from 57 on, with the moves seen then; once the other side looked
    // random it is treated as random for good.
    let mut c = theirs[..56].iter().filter(|&&x| x == C).count() as f64;
    for u in 56..=t {
        if u > 56 {
            c += f64::from(u8::from(theirs[u - 1] == C));
        }
        let d = u as f64 - c;
        if (c - d) * (c - d) / u as f64 <= CHI_SQUARED_95 {
            return D;
        }
    }
    let copies_me = (1..t).all(|i| theirs[i] == mine[i - 1]);
    if copies_me || theirs == mine {
        return last;
    }
    let since = mine.iter().rposition(|&x| x == D).map_or(0, |k| k).max(56);
    let gap = t - since;
    if gap >= 5 && rng.random::<f64>() < 1.0 / (15 - gap.min(14)) as f64 {
        D
    } else {
        C
    }
}

/// Downing: its estimates of the other side's replies, from the start (the library counts the
/// other's first move as a reply to a cooperation before the game).
fn downing(mine: &[Stance], theirs: &[Stance], p: &Payoffs) -> Stance {
    let t = mine.len();
    if t < 2 {
        return D;
    }
    let mut after_c = usize::from(theirs[0] == C);
    let mut after_d = 0;
    for u in 2..=t {
        if theirs[u - 1] == C {
            match mine[u - 2] {
                C => after_c += 1,
                D => after_d += 1,
            }
        }
    }
    let my_c = mine.iter().filter(|&&x| x == C).count();
    let my_d = t - my_c;
    let alpha = after_c as f64 / (my_c + 1) as f64;
    let beta = after_d as f64 / my_d.max(2) as f64;
    let expect_c = alpha * p.r + (1.0 - alpha) * p.s;
    let expect_d = beta * p.t + (1.0 - beta) * p.p;
    if expect_c > expect_d {
        C
    } else if expect_c < expect_d {
        D
    } else {
        mine[t - 1].flipped()
    }
}

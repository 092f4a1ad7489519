//! The strategies of the iterated prisoner's dilemma, over perceived moves only: the standard
//! ones, the Evolution of Trust's cast (by its names, as aliases), and the entrants of Axelrod's
//! first tournament (1980).
//!
//! Each decides a stance (cooperate or defect) from its own past stances and the other side's
//! stances *as its nation perceived them*; it never sees the true state. In the full scenarios a
//! personality then turns the stance into a concrete move. A strategy keeps no state of its
//! own: what it would remember (a punishment under way, a running score) it works out again from
//! the two histories each turn, so a match replays from its moves alone.

mod axelrod_first;
mod catalog;
mod rules;

pub use catalog::{ALIASES, GROUPS, group};

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
    Detective,
    Prober,
    Gradual,
    FirmButFair,
    SoftMajority,
    HardMajority,
    ContriteTitForTat,
    ForgivingTitForTat,
    TidemanAndChieruzzi,
    Nydegger,
    Grofman,
    Shubik,
    SteinAndRapoport,
    Davis,
    Graaskamp,
    Downing,
    Feld,
    Joss,
    Tullock,
    Anonymous,
}

/// What a strategy may remember: its own stances (as carried out) and the other side's as
/// perceived, oldest first, and the match's length when the players know it (`None` when the
/// match ends by chance, `params.continuation`: the future has no known end).
#[derive(Debug, Clone, Copy)]
pub struct Memory<'a> {
    pub mine: &'a [Stance],
    pub theirs: &'a [Stance],
    pub length: Option<u32>,
}

impl<'a> Memory<'a> {
    /// A memory of a match whose length is not known.
    pub fn new(mine: &'a [Stance], theirs: &'a [Stance]) -> Memory<'a> {
        Memory {
            mine,
            theirs,
            length: None,
        }
    }

    /// Turns played so far.
    pub fn turn(&self) -> usize {
        self.mine.len()
    }

    /// The two histories cut to the turns both hold, so that a rule may read the other side's
    /// move of every turn it has played.
    fn aligned(self) -> Memory<'a> {
        let k = self.mine.len().min(self.theirs.len());
        Memory {
            mine: &self.mine[..k],
            theirs: &self.theirs[..k],
            length: self.length,
        }
    }
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
    pub const ALL: [Strategy; 32] = [
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
        Strategy::Detective,
        Strategy::Prober,
        Strategy::Gradual,
        Strategy::FirmButFair,
        Strategy::SoftMajority,
        Strategy::HardMajority,
        Strategy::ContriteTitForTat,
        Strategy::ForgivingTitForTat,
        Strategy::TidemanAndChieruzzi,
        Strategy::Nydegger,
        Strategy::Grofman,
        Strategy::Shubik,
        Strategy::SteinAndRapoport,
        Strategy::Davis,
        Strategy::Graaskamp,
        Strategy::Downing,
        Strategy::Feld,
        Strategy::Joss,
        Strategy::Tullock,
        Strategy::Anonymous,
    ];

    /// Its name, as the command line and the files spell it.
    pub fn name(self) -> &'static str {
        catalog::entry(self).0
    }

    /// Its definition, in a sentence or two.
    pub fn description(self) -> &'static str {
        catalog::entry(self).1
    }

    /// Where its definition is published (author, year, work).
    pub fn source(self) -> &'static str {
        catalog::entry(self).2
    }

    /// By its name or one of its aliases (`copycat`: tit for tat; `ALIASES`).
    pub fn from_name(name: &str) -> Option<Strategy> {
        Strategy::ALL
            .into_iter()
            .find(|s| s.name() == name)
            .or_else(|| {
                ALIASES
                    .iter()
                    .find(|(alias, _)| *alias == name)
                    .map(|&(_, s)| s)
            })
    }

    /// Every name (not the aliases), in the order of `ALL`.
    pub fn names() -> Vec<&'static str> {
        Strategy::ALL.iter().map(|s| s.name()).collect()
    }

    /// The aliases of this strategy (`copycat` for tit for tat).
    pub fn aliases(self) -> Vec<&'static str> {
        ALIASES
            .iter()
            .filter(|(_, s)| *s == self)
            .map(|&(a, _)| a)
            .collect()
    }

    /// This turn's stance. Random draws come from `rng` only for the strategies that need them.
    pub fn decide(self, memory: Memory, payoffs: &Payoffs, rng: &mut impl Rng) -> Stance {
        let memory = memory.aligned();
        if let Some(stance) = rules::decide(self, memory, payoffs, rng) {
            return stance;
        }
        axelrod_first::decide(self, memory, payoffs, rng)
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

/// Cooperates with probability `p`, the Axelrod library's way (`random_choice`): no draw at all
/// when `p` is 0 or 1.
fn chance(p: f64, rng: &mut impl Rng) -> Stance {
    if p <= 0.0 {
        Stance::Defect
    } else if p >= 1.0 || rng.random::<f64>() < p {
        Stance::Cooperate
    } else {
        Stance::Defect
    }
}

#[cfg(test)]
mod axelrod_first_tests;
#[cfg(test)]
mod tests;

//! Each strategy's name, definition and source, its aliases, and the named groups a command
//! takes in place of a list (`--strategies classic`).

use super::Strategy;

/// The Evolution of Trust's cast under its own names (Case 2017), and the common other names.
pub const ALIASES: [(&str, Strategy); 7] = [
    ("copycat", Strategy::TitForTat),
    ("cheater", Strategy::AlwaysDefect),
    ("cooperator", Strategy::AlwaysCooperate),
    ("copykitten", Strategy::TitForTwoTats),
    ("simpleton", Strategy::WinStayLoseShift),
    ("pavlov", Strategy::WinStayLoseShift),
    ("grim_trigger", Strategy::Grudger),
];

/// The named groups: `classic` (the nine of the textbook round robin), `axelrod_1980` (the
/// fifteen entrants of Axelrod's first tournament, Random included) and `evolution_of_trust`
/// (Case 2017's eight, under its names).
pub const GROUPS: [(&str, &[&str]); 3] = [
    (
        "classic",
        &[
            "always_cooperate",
            "always_defect",
            "tit_for_tat",
            "suspicious_tit_for_tat",
            "tit_for_two_tats",
            "two_tits_for_tat",
            "grudger",
            "generous_tit_for_tat",
            "win_stay_lose_shift",
        ],
    ),
    (
        "axelrod_1980",
        &[
            "tit_for_tat",
            "tideman_and_chieruzzi",
            "nydegger",
            "grofman",
            "shubik",
            "stein_and_rapoport",
            "grudger",
            "davis",
            "graaskamp",
            "downing",
            "feld",
            "joss",
            "tullock",
            "anonymous",
            "random",
        ],
    ),
    (
        "evolution_of_trust",
        &[
            "copycat",
            "cheater",
            "cooperator",
            "grudger",
            "detective",
            "copykitten",
            "simpleton",
            "random",
        ],
    ),
];

const AXELROD_1980: &str = "Axelrod, R. (1980), \"Effective Choice in the Prisoner's Dilemma\", Journal of Conflict Resolution 24(1): 3-25; as the Axelrod-Python library implements it";
const CASE_2017: &str =
    "Case, N. (2017), The Evolution of Trust, ncase.me/trust (the game's code, js/sims/PD.js)";

/// (name, definition, source) of a strategy.
pub(super) fn entry(s: Strategy) -> (&'static str, &'static str, &'static str) {
    use Strategy::*;
    match s {
        AlwaysCooperate => (
            "always_cooperate",
            "Cooperates every turn, whatever the other side does (the Evolution of Trust's cooperator).",
            "Axelrod, R. (1984), The Evolution of Cooperation, ch. 2",
        ),
        AlwaysDefect => (
            "always_defect",
            "Defects every turn, whatever the other side does (the Evolution of Trust's cheater).",
            "Axelrod, R. (1984), The Evolution of Cooperation, ch. 2",
        ),
        TitForTat => (
            "tit_for_tat",
            "Cooperates first, then does what the other side did last turn (the Evolution of Trust's copycat).",
            "Rapoport's entry to Axelrod's tournaments; Axelrod (1984), The Evolution of Cooperation, ch. 2",
        ),
        SuspiciousTitForTat => (
            "suspicious_tit_for_tat",
            "Defects first, then does what the other side did last turn.",
            "Boyd, R. & Lorberbaum, J. (1987), Nature 327: 58-59",
        ),
        TitForTwoTats => (
            "tit_for_two_tats",
            "Cooperates unless the other side defected in each of the last two turns (the Evolution of Trust's copykitten).",
            "Axelrod (1984), The Evolution of Cooperation, ch. 2 (the entry that would have won the first tournament)",
        ),
        TwoTitsForTat => (
            "two_tits_for_tat",
            "Cooperates, but answers each defection with two defections.",
            "Axelrod (1984), The Evolution of Cooperation, ch. 2",
        ),
        Grudger => (
            "grudger",
            "Cooperates until the other side defects once, then defects forever (grim trigger; Friedman's entry to the first tournament; the Evolution of Trust's grudger).",
            "Friedman, J. W. (1971), Review of Economic Studies 38(1): 1-12; Axelrod (1980)",
        ),
        GenerousTitForTat => (
            "generous_tit_for_tat",
            "Tit for tat that forgives a defection with probability min(1-(T-R)/(R-S), (R-P)/(T-P)), 1/3 for 5,3,1,0.",
            "Nowak, M. A. & Sigmund, K. (1992), Nature 355: 250-253",
        ),
        WinStayLoseShift => (
            "win_stay_lose_shift",
            "Cooperates first; keeps its move after a good payoff (R or T), switches after a bad one (P or S) (Pavlov; the Evolution of Trust's simpleton).",
            "Nowak, M. A. & Sigmund, K. (1993), Nature 364: 56-58",
        ),
        Alternator => (
            "alternator",
            "Cooperates first, then the opposite of its own last move as it was carried out: C, D, C, D, ... (after an execution error it goes on from the move the error made, as in the Axelrod library).",
            "The Axelrod-Python library (Knight et al. 2016, Journal of Open Research Software 4(1))",
        ),
        Random => (
            "random",
            "Cooperates or defects with equal probability (the Random entry of Axelrod's first tournament; the Evolution of Trust's random).",
            "Axelrod (1980)",
        ),
        Grit => (
            "grit",
            "Osgood's GRIT: conciliates first and keeps conciliating through a single defection; answers two defections in a row with one proportionate defection, then returns to conciliation.",
            "Osgood, C. E. (1962), An Alternative to War or Surrender",
        ),
        Detective => (
            "detective",
            "Plays cooperate, defect, cooperate, cooperate; then, if the other side defected in any of the first three turns, plays tit for tat, and otherwise always defects, to exploit it.",
            CASE_2017,
        ),
        Prober => (
            "prober",
            "Plays defect, cooperate, cooperate; then always defects if the other side cooperated on turns 2 and 3, and otherwise plays tit for tat.",
            "Li, J., Hingston, P. & Kendall, G. (2011), IEEE Transactions on Computational Intelligence and AI in Games 3(4): 348-360",
        ),
        Gradual => (
            "gradual",
            "Tit for tat that remembers: the n-th defection that sets it off is answered by n defections in a row, then two cooperations to calm things down (the other side's moves during those are not counted).",
            "Beaufils, B., Delahaye, J.-P. & Mathieu, P. (1997), \"Our Meeting with Gradual\", Artificial Life V: 202-209",
        ),
        FirmButFair => (
            "firm_but_fair",
            "Cooperates first; after both cooperated, or after it defected against a cooperator, it cooperates; after being suckered it defects; after both defected it cooperates with probability 2/3.",
            "Frean, M. R. (1994), Proceedings of the Royal Society B 257: 75-79",
        ),
        SoftMajority => (
            "soft_majority",
            "Cooperates unless the other side has defected more often than it has cooperated so far (so it opens by cooperating).",
            "Axelrod (1984), ch. 2 (go by majority); Mittal, S. & Deb, K. (2009), IEEE Transactions on Evolutionary Computation 13(3): 554-565",
        ),
        HardMajority => (
            "hard_majority",
            "Defects unless the other side has cooperated more often than it has defected so far (so it opens by defecting).",
            "Mittal, S. & Deb, K. (2009), IEEE Transactions on Evolutionary Computation 13(3): 554-565",
        ),
        ContriteTitForTat => (
            "contrite_tit_for_tat",
            "Tit for tat by standing: a side that defects against a side in good standing falls into bad standing, and cooperating restores it; it cooperates when the other side is in good standing or it is itself in bad standing, so it accepts the punishment for its own errors without answering back.",
            "Sugden, R. (1986), The Economics of Rights, Co-operation and Welfare; Boyd, R. (1989), Journal of Theoretical Biology 136: 47-56; Wu, J. & Axelrod, R. (1995), Journal of Conflict Resolution 39(1): 183-189",
        ),
        ForgivingTitForTat => (
            "forgiving_tit_for_tat",
            "Cooperates while the other side has defected in at most a tenth of the turns so far; above that, plays tit for tat.",
            "Thomas Campbell's strategy in the Axelrod-Python library (forgiver.py)",
        ),
        TidemanAndChieruzzi => (
            "tideman_and_chieruzzi",
            "Tit for tat with growing punishment (one more defection for each defection it punishes); gives the other side a fresh start (two cooperations, then as if the game had begun) when the other side is 10 points behind, the other has not just defected, 20 turns have passed since the last, at least 10 remain, and the other's defections are more than 3 standard deviations from half; defects on the last two turns when the length is known. Second in the first tournament.",
            AXELROD_1980,
        ),
        Nydegger => (
            "nydegger",
            "Tit for tat for two turns (defecting on the third if it alone was suckered on the first), then a lookup over the last three turns, the last weighing most: A = 16a1 + 4a2 + a3, where a turn's a is 2 if the other side defected, plus 1 if Nydegger itself did; it defects when A is 1, 6, 7, 17, 22, 23, 26, 29, 30, 31, 33, 38, 39, 45, 49, 54, 55, 58 or 61. Third in the first tournament.",
            AXELROD_1980,
        ),
        Grofman => (
            "grofman",
            "Cooperates when both sides made the same move last turn (and on the first); otherwise cooperates with probability 2/7. Fourth in the first tournament.",
            AXELROD_1980,
        ),
        Shubik => (
            "shubik",
            "Cooperates; each time the other side defects after it cooperated, it punishes with one defection more than the time before (1, 2, 3, ...). Fifth in the first tournament.",
            AXELROD_1980,
        ),
        SteinAndRapoport => (
            "stein_and_rapoport",
            "Cooperates for four turns, then plays tit for tat; from turn 15, every 15 turns it tests (chi-squared, 5%) whether the other side's moves look random, and always defects while they do; defects on the last two turns when the length is known. Sixth in the first tournament.",
            AXELROD_1980,
        ),
        Davis => (
            "davis",
            "Cooperates for the first 10 turns, then defects forever if the other side has ever defected. Eighth in the first tournament.",
            AXELROD_1980,
        ),
        Graaskamp => (
            "graaskamp",
            "Tit for tat for 56 turns with one defection on turn 51; then defects for ever if the other side's moves look random (chi-squared, 5%), plays tit for tat if the other side is tit for tat or its twin, and otherwise cooperates with a defection every 5 to 14 turns at random. Ninth in the first tournament.",
            AXELROD_1980,
        ),
        Downing => (
            "downing",
            "Defects twice, then estimates the chances that the other side cooperates after its cooperation and after its defection, and plays whichever move has the higher expected payoff (alternating on a tie). Tenth in the first tournament.",
            "Downing, L. L. (1975), Simulation & Games 6(4): 366-391; Axelrod (1980), as the Axelrod-Python library implements it",
        ),
        Feld => (
            "feld",
            "Answers a defection with a defection; after a cooperation it cooperates with a probability falling from 1 to 0.5 over 200 turns. Eleventh in the first tournament.",
            AXELROD_1980,
        ),
        Joss => (
            "joss",
            "Tit for tat that, when the other side cooperated, still defects one time in ten. Twelfth in the first tournament.",
            AXELROD_1980,
        ),
        Tullock => (
            "tullock",
            "Cooperates for 11 turns; then cooperates with a probability 0.1 below the other side's share of cooperation over the last 10 turns. Thirteenth in the first tournament.",
            AXELROD_1980,
        ),
        Anonymous => (
            "anonymous",
            "Cooperates each turn with a probability drawn anew from 0.3 to 0.7. Fourteenth in the first tournament (the entry whose author's name was withheld).",
            AXELROD_1980,
        ),
    }
}

/// The strategies a group stands for, or `None` if `name` is not a group.
pub fn group(name: &str) -> Option<Vec<&'static str>> {
    GROUPS
        .iter()
        .find(|(g, _)| *g == name)
        .map(|(_, names)| names.to_vec())
}

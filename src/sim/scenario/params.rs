//! Every coefficient of the per-turn pipeline, grouped by stage, and the payoffs scored each turn.
//!
//! A group added after Détente 0.5.0 has a default that leaves the model as it was (every
//! coefficient 0, every switch off): a save holds its scenario's text, and an older save's
//! scenario, read without the group, replays exactly as it was played.

use serde::{Deserialize, Serialize};

/// The one-shot payoffs of the prisoner's dilemma, scored each turn on the moves' true intents.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payoffs {
    /// Temptation: I defect, you cooperate.
    pub t: f64,
    /// Reward: both cooperate.
    pub r: f64,
    /// Punishment: both defect.
    pub p: f64,
    /// Sucker's payoff: I cooperate, you defect.
    pub s: f64,
    /// Added to every nation's score when an exchange happens.
    pub catastrophe: f64,
    /// The payoffs of the parties to an open crisis, which play chicken rather than the
    /// prisoner's dilemma; absent, a crisis turn is scored like any other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chicken: Option<Chicken>,
}

/// The game of chicken (Rapoport and Chammah 1966; Schelling, *Arms and Influence*, 1966), scored
/// between the parties to an open crisis on the turn's crisis moves: holding firm or escalating
/// is "straight", stepping down the ladder is "swerving". `t > r > s > p`: unlike the prisoner's
/// dilemma, giving way to a rival who stands firm is better than mutual escalation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chicken {
    /// I stand firm, you back down: I win the crisis.
    pub t: f64,
    /// Both back down: a compromise.
    pub r: f64,
    /// I back down, you stand firm: the climb-down.
    pub s: f64,
    /// Both stand firm or escalate: the worst outcome.
    pub p: f64,
}

/// Every coefficient of the per-turn pipeline, grouped by stage.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Chance that an AI's chosen stance is carried out as the other one (an execution error,
    /// as in the noisy tournaments of the literature); separate from misperception.
    #[serde(default)]
    pub execution_noise: f64,
    /// The shadow of the future: after each turn the match goes on with this probability
    /// (0..1), drawn from a stream of the match's own seed kept for it alone, and it ends at its
    /// turn count at the latest. 1, when a scenario does not say: the match lasts its turns.
    /// Axelrod's second tournament used 0.99654, a mean length of 1/(1-W) = 289 turns.
    #[serde(default = "always_continue")]
    pub continuation: f64,
    /// Transparency (0..100) at which a nation verifies another's true arms; below it, it
    /// knows only its estimate (`view::SeatView`). 75 when a scenario does not say.
    #[serde(default = "default_verification")]
    pub verification: f64,
    pub perception: PerceptionParams,
    pub trust: TrustParams,
    pub arms: Richardson,
    pub transparency: TransparencyParams,
    pub treaty: TreatyParams,
    pub crisis: CrisisParams,
    pub threats: ThreatParams,
    pub risk: RiskParams,
    pub regime: RegimeParams,
    #[serde(default)]
    pub defense: DefenseParams,
    #[serde(default)]
    pub politics: PoliticsParams,
}

/// The verification threshold of scenarios that do not set one.
pub const DEFAULT_VERIFICATION: f64 = 75.0;

fn always_continue() -> f64 {
    1.0
}

fn default_verification() -> f64 {
    DEFAULT_VERIFICATION
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerceptionParams {
    /// Spread of the noise on believed arms at transparency 0.
    pub sigma: f64,
    /// Chance that a secret move is detected at transparency 100.
    pub detect: f64,
    /// How far beliefs lean to the worst case at trust 0, in units of the noise spread.
    pub worst_case: f64,
    /// Whether distrust can push a misread cooperative move a second step, to hostile.
    pub distrust_second_step: bool,
    /// Complacency, the other error: at trust 100 and transparency 0, the chance (times the
    /// move's ambiguity) that a neutral or hostile public move is read one step *less* hostile
    /// than meant. It falls linearly to nothing at `complacent_trust` and at transparency 100:
    /// trust without verification has a cost. 0 (the default) turns it off.
    #[serde(default)]
    pub complacency: f64,
    /// Trust (0..100) above which complacency sets in.
    #[serde(default = "default_complacent_trust")]
    pub complacent_trust: f64,
}

fn default_complacent_trust() -> f64 {
    60.0
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustParams {
    /// Trust gained from a move read as cooperative, when it can be fully verified.
    pub gain: f64,
    /// Share of `gain` lost when the move cannot be verified at all (transparency 0); the loss
    /// shrinks linearly to nothing at transparency 100: trust, but verify.
    pub unverified_discount: f64,
    /// Trust lost to a move read as hostile (greater than `gain`).
    pub loss: f64,
    /// The level trust drifts back to.
    pub baseline: f64,
    /// Share of the gap to the baseline closed each turn.
    pub drift: f64,
}

/// One step of Richardson's arms race: `arms += k·belief − a·arms + g·(1 − trust/100)`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Richardson {
    /// Reaction to the other side's (believed) arms.
    pub k: f64,
    /// Fatigue: the cost of keeping what one has.
    pub a: f64,
    /// Grievance: build-up driven by distrust alone.
    pub g: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransparencyParams {
    /// Share of the excess over the floor lost each turn.
    pub decay: f64,
    /// The floor without any agreement.
    pub floor: f64,
    /// Points a turn by which transparency rises towards a higher floor that an agreement
    /// guarantees: a verification regime takes time to set up.
    pub build: f64,
    /// Extra floor while a hotline is open.
    pub hotline_floor: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreatyParams {
    /// Lowest trust in the proposer at which an AI that means to cooperate accepts.
    pub accept_trust: f64,
    /// Chance per turn, at transparency 100, that a breach of a cap is caught.
    pub detect: f64,
    /// Trust lost, by the victim, when a breach is caught.
    pub breach_loss: f64,
    /// Arms above the cap tolerated before it counts as a breach.
    pub tolerance: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisParams {
    /// Trust each party loses in the other per turn per rung of an open crisis.
    pub trust_loss_per_level: f64,
    /// Turns after which a crisis that has not escalated fizzles out.
    pub max_turns: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreatParams {
    /// Points each threat grows per turn when nobody works on it.
    pub growth: f64,
    /// Turns that a joint action on a shared threat counts for MAS.
    pub joint_memory: u32,
    /// Joint action as a public good: the share of nations (0..1) whose shared-threat moves it
    /// needs in a turn. 0 (the default): one nation's, while no other's move is hostile.
    #[serde(default)]
    pub quorum: f64,
    /// Trust each contributor to a turn's joint action loses in each nation that did not
    /// contribute (a free rider, who saved the move's cost). 0 (the default): none.
    #[serde(default)]
    pub free_rider_loss: f64,
}

/// The per-turn hazard of an exchange: `base · exp(Σ weight · factor)`, capped at `max`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskParams {
    pub base: f64,
    /// Weight of the highest alert level, 0..1.
    pub alert: f64,
    /// Weight of tension, 1 − lowest trust/100.
    pub tension: f64,
    /// Weight of mean arms/100.
    pub arms: f64,
    /// Weight of the crisis rung, 0..1 of the ladder.
    pub crisis: f64,
    /// Weight (subtracted) of mean transparency/100.
    pub transparency: f64,
    /// Weight (subtracted) of the share of pairs with a hotline.
    pub hotline: f64,
    pub max: f64,
    /// Minutes to midnight at zero risk; the clock reads `clock · exp(−risk · clock_rate)`.
    pub clock: f64,
    pub clock_rate: f64,
}

/// Thresholds that classify each turn's state as MAS, MAD or unsettled.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegimeParams {
    pub mas_trust: f64,
    pub mas_transparency: f64,
    pub mas_risk: f64,
    /// Turns over which arms must be flat or falling for MAS.
    pub arms_window: u32,
    /// How much total arms may rise over `arms_window` and still count as flat.
    pub arms_slack: f64,
    /// Whether MAS needs recent joint action on a shared threat.
    pub mas_needs_joint_action: bool,
    pub mad_trust: f64,
    /// The arms (less what a rival's missile defense would stop: `defense.intercept`) at which
    /// a nation can destroy another.
    pub mad_arms: f64,
    pub mad_risk: f64,
    /// Whether MAD needs *mutual* deterrence: two nations that can each destroy the other
    /// (`mad_arms` against the other's defenses), in distrust. One nation alone able to
    /// destroy the others is a nuclear monopoly (primacy), not MAD. Off (the default, as
    /// before Détente 0.6.0): MAD when the largest arsenal reaches `mad_arms` or the risk
    /// `mad_risk`.
    #[serde(default)]
    pub mad_mutual: bool,
    /// The outcome is MAS when the MAS regime held for this many final turns.
    pub mas_hold: u32,
}

/// Missile defense and deterrence (Glaser and Fetter 2001; the 2013 op-ed): a rival's
/// interceptors erode confidence in one's second strike. Only missile defense that is not shared
/// counts: an agreement in force whose terms share it (`Agreement::shares_missile_defense`, a
/// joint fusion center) makes a partner's defense no threat. All zero (the default): missile
/// defense matters only through how its deployment is read.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DefenseParams {
    /// Added threat, in arms points per point of the others' mean unshared missile defense,
    /// beside their believed arms in the Richardson step:
    /// `arms += k·(belief + threat·defense) − a·arms + g·(1 − trust/100)`.
    pub threat: f64,
    /// First-strike fear in the risk: the weight of `highest alert/3 · largest unshared missile
    /// defense/100` in the exponent (a defended rival on alert might strike first and hope to
    /// intercept the ragged reply).
    pub first_strike: f64,
    /// Share (0..1) of a nation's arms that a rival's missile defense at 100 would stop: its
    /// deterrent against that rival is `arms · (1 − intercept · defense/100)` (the MAD rule).
    pub intercept: f64,
    /// Whether adding missile defense that the others do not share counts as defection in the
    /// payoffs (as a threat to their deterrent) rather than as the neutral hedge it is meant as.
    pub scored_as_defection: bool,
}

/// Domestic politics: approval drives behaviour (Putnam 1988, two-level games). All zero (the
/// default): approval moves and drives nothing.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PoliticsParams {
    /// Approval (0..100) below which a government is under pressure at home; the pressure
    /// grows linearly from 0 there to 1 at approval 0.
    pub pressure_below: f64,
    /// Hedge added to a computer seat's personality at pressure 1: a government in trouble
    /// at home turns hawkish.
    pub hawkishness: f64,
    /// Share (0..1) by which pressure 1 cuts the weight a computer seat gives to cooperative
    /// moves that cost approval (inspections, unilateral cuts, cancelling a program).
    pub reluctance: f64,
    /// Approval at or above which an `Election` returns the government; below it the
    /// opposition takes office with its own personality (`NationSpec::opposition`).
    pub reelection: f64,
    /// Approval gained by each nation that takes part in a joint action on a shared threat.
    pub joint_action: f64,
    /// Approval gained by each party when a crisis ends without an exchange.
    pub crisis_avoided: f64,
    /// Approval lost by a party to a crisis that backs down while the other stands firm.
    pub climb_down: f64,
}

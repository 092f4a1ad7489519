//! Checks that a parsed scenario makes sense: ranges, unique ids, references that resolve.
//!
//! Each problem carries the path to where it is written (`params`, `risk`, `alert`; or
//! `nations`, `"usa"`, `arms`) so that `load.rs` can report it at its line and column.

mod deck;
mod mechanisms;

use crate::sim::play::strategy::Strategy;
use crate::sim::scenario::Scenario;
use deck::{check_events, check_moves, check_personalities};
use std::collections::HashSet;

/// One thing wrong with a scenario: where it is written, and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Keys (`params`, `risk`), quoted ids (`"usa"`) or literal text (`from: "rus"`), each to be
    /// found after the one before it in the file.
    pub path: Vec<String>,
    /// The field the problem is in, for messages about `--set` keys.
    pub field: String,
    pub message: String,
}

struct Checker {
    problems: Vec<Problem>,
    /// The path of the group being checked.
    prefix: Vec<String>,
}

fn quoted(id: &str) -> String {
    format!("\"{id}\"")
}

impl Checker {
    fn within(&mut self, prefix: &[&str]) {
        self.prefix = prefix.iter().map(|s| s.to_string()).collect();
    }

    /// `anchor` is an item's id (quoted in the file) or literal text such as `from: "rus"`.
    fn report(&mut self, anchor: Option<&str>, field: &str, message: String) {
        let mut path = self.prefix.clone();
        if let Some(a) = anchor {
            path.push(if a.contains(':') {
                a.to_string()
            } else {
                quoted(a)
            });
        }
        if !field.is_empty() {
            path.push(field.to_string());
        }
        self.problems.push(Problem {
            path,
            field: field.to_string(),
            message,
        });
    }

    /// NaN and infinities are out of every range.
    fn range(&mut self, anchor: Option<&str>, field: &str, value: f64, lo: f64, hi: f64) {
        if !(lo..=hi).contains(&value) {
            let what = anchor.map_or(String::new(), |a| format!(" of {a}"));
            self.report(
                anchor,
                field,
                format!(
                    "`{field}`{what} is {}, out of range: expected {lo} to {hi}",
                    short(value)
                ),
            );
        }
    }

    /// Ids must be unique and written in the safe alphabet (`is_safe_id`).
    fn unique<'a>(&mut self, kind: &str, ids: impl Iterator<Item = &'a String>) {
        let mut seen = HashSet::new();
        for id in ids {
            if !is_safe_id(id) {
                self.report(
                    Some(id),
                    "",
                    format!("{kind} id {id:?} is not allowed: an id has {ID_ALPHABET}"),
                );
            }
            if !seen.insert(id) {
                self.report(Some(id), "", format!("{kind} id {id:?} is defined twice"));
            }
        }
    }
}

/// A number as a message shows it: in full, or in scientific notation when very large or small.
fn short(value: f64) -> String {
    if value != 0.0 && (value.abs() >= 1e9 || value.abs() < 1e-6) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

/// What an id (of a nation, move, event or personality) may be made of, in words.
pub const ID_ALPHABET: &str = "ASCII letters, digits, `_` and `-` only, starts with a letter and is at most 32 characters long";

/// Whether `id` is in the safe alphabet (`ID_ALPHABET`). Ids appear on the command line
/// (`--ai usa=grit`, `--set nations.usa.arms=40`), in CSV headers (`score_usa`), in file names
/// and in HTML, where a comma, dot, `=`, `:`, quote, space or markup would break them; names
/// (`name: "Россия"`) are free text.
pub fn is_safe_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && id.len() <= 32
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Every problem found, roughly in file order; `Ok` when there is none.
/// The most nations a scenario may have.
pub const MAX_NATIONS: usize = 32;
/// The most moves, events or personalities a scenario may have.
pub const MAX_ENTRIES: usize = 1000;

pub fn validate(s: &Scenario) -> Result<(), Vec<Problem>> {
    let mut c = Checker {
        problems: Vec::new(),
        prefix: Vec::new(),
    };
    // The scenario's own id names files (saves, exports) and goes on the command line.
    if !is_safe_id(&s.id) {
        c.report(
            None,
            "id",
            format!(
                "scenario id {:?} is not allowed: an id has {ID_ALPHABET}",
                s.id
            ),
        );
    }
    if s.turns == 0 || s.turns > 100_000 {
        c.report(
            None,
            "turns",
            format!("`turns` is {}: expected 1 to 100000", s.turns),
        );
    }
    if s.nations.len() < 2 {
        c.report(
            None,
            "nations",
            "a scenario needs at least two nations".into(),
        );
    }
    // Limits far above any table a class plays, so that no file can make a match ask for more
    // memory than a computer has (relations grow with the square of the nations).
    for (what, count, most) in [
        ("nations", s.nations.len(), MAX_NATIONS),
        ("moves", s.moves.len(), MAX_ENTRIES),
        ("events", s.events.len(), MAX_ENTRIES),
        ("personalities", s.personalities.len(), MAX_ENTRIES),
        ("ladder", s.ladder.len(), 200),
    ] {
        if count > most {
            c.report(
                None,
                what,
                format!("{count} {what}: expected at most {most}"),
            );
        }
    }
    check_nations(&mut c, s);
    check_relations(&mut c, s);
    c.within(&["threats"]);
    for (name, v) in [
        ("terrorism", s.threats.terrorism),
        ("proliferation", s.threats.proliferation),
        ("disaster", s.threats.disaster),
    ] {
        c.range(None, name, v, 0.0, 100.0);
    }
    check_params(&mut c, s);
    check_moves(&mut c, s);
    check_events(&mut c, s);
    check_personalities(&mut c, s);
    mechanisms::check_mechanisms(&mut c, s);
    if c.problems.is_empty() {
        Ok(())
    } else {
        Err(c.problems)
    }
}

fn check_nations(c: &mut Checker, s: &Scenario) {
    c.within(&["nations"]);
    c.unique("nation", s.nations.iter().map(|n| &n.id));
    for n in &s.nations {
        let a = Some(n.id.as_str());
        c.range(a, "arms", n.arms, 0.0, 100.0);
        c.range(a, "alert", f64::from(n.alert), 0.0, 3.0);
        c.range(a, "missile_defense", n.missile_defense, 0.0, 100.0);
        c.range(a, "approval", n.approval, 0.0, 100.0);
        c.range(a, "budget", n.budget, 0.0, 1e9);
        c.range(a, "income", n.income, 0.0, 1e9);
        if !is_colour(&n.colour) {
            c.report(
                a,
                "colour",
                format!("colour {:?} of {:?}: expected \"#rrggbb\"", n.colour, n.id),
            );
        }
        if Strategy::from_name(&n.strategy).is_none() {
            let message = format!(
                "unknown strategy {:?}; expected one of: {}",
                n.strategy,
                Strategy::names().join(", ")
            );
            c.report(a, "strategy", message);
        }
        if !s.personalities.contains_key(&n.personality) {
            let known: Vec<&str> = s.personalities.keys().map(String::as_str).collect();
            c.report(
                a,
                "personality",
                if known.is_empty() {
                    format!(
                        "unknown personality {:?}: the scenario has none (does it name its `deck`?)",
                        n.personality
                    )
                } else {
                    format!(
                        "unknown personality {:?}; expected one of: {}",
                        n.personality,
                        known.join(", ")
                    )
                },
            );
        }
        if let Some(r) = &n.richardson {
            c.range(a, "k", r.k, 0.0, 1.0);
            c.range(a, "a", r.a, 0.0, 1.0);
            c.range(a, "g", r.g, 0.0, 100.0);
        }
    }
}

fn check_relations(c: &mut Checker, s: &Scenario) {
    c.within(&["relations"]);
    c.range(None, "trust", s.relations.trust, 0.0, 100.0);
    c.range(None, "transparency", s.relations.transparency, 0.0, 100.0);
    let nation_ids: Vec<&str> = s.nations.iter().map(|n| n.id.as_str()).collect();
    c.within(&["relations", "pairs"]);
    for p in &s.relations.pairs {
        let at = format!("from: \"{}\"", p.from);
        for (key, id) in [("from", &p.from), ("to", &p.to)] {
            if !nation_ids.contains(&id.as_str()) {
                let message = format!(
                    "unknown nation {id:?} in `pairs`; expected one of: {}",
                    nation_ids.join(", ")
                );
                c.report(Some(&format!("{key}: \"{id}\"")), "", message);
            }
        }
        if p.from == p.to {
            c.report(
                Some(&at),
                "to",
                format!("a pair needs two different nations, not {:?} twice", p.from),
            );
        }
        if let Some(t) = p.trust {
            c.range(Some(&at), "trust", t, 0.0, 100.0);
        }
        if let Some(t) = p.transparency {
            c.range(Some(&at), "transparency", t, 0.0, 100.0);
        }
    }
}

fn check_params(c: &mut Checker, s: &Scenario) {
    let p = &s.params;
    c.within(&["params"]);
    c.range(None, "execution_noise", p.execution_noise, 0.0, 1.0);
    c.range(None, "continuation", p.continuation, 0.0, 1.0);
    c.range(None, "verification", p.verification, 0.0, 100.0);
    c.within(&["params", "perception"]);
    c.range(None, "sigma", p.perception.sigma, 0.0, 100.0);
    c.range(None, "detect", p.perception.detect, 0.0, 1.0);
    c.range(None, "worst_case", p.perception.worst_case, 0.0, 10.0);
    c.within(&["params", "trust"]);
    c.range(None, "gain", p.trust.gain, 0.0, 100.0);
    c.range(
        None,
        "unverified_discount",
        p.trust.unverified_discount,
        0.0,
        1.0,
    );
    c.range(None, "loss", p.trust.loss, 0.0, 100.0);
    c.range(None, "baseline", p.trust.baseline, 0.0, 100.0);
    c.range(None, "drift", p.trust.drift, 0.0, 1.0);
    c.within(&["params", "arms"]);
    c.range(None, "k", p.arms.k, 0.0, 1.0);
    c.range(None, "a", p.arms.a, 0.0, 1.0);
    c.range(None, "g", p.arms.g, 0.0, 100.0);
    c.within(&["params", "transparency"]);
    c.range(None, "decay", p.transparency.decay, 0.0, 1.0);
    c.range(None, "floor", p.transparency.floor, 0.0, 100.0);
    c.range(None, "build", p.transparency.build, 0.0, 100.0);
    c.range(
        None,
        "hotline_floor",
        p.transparency.hotline_floor,
        0.0,
        100.0,
    );
    c.within(&["params", "treaty"]);
    c.range(None, "accept_trust", p.treaty.accept_trust, 0.0, 100.0);
    c.range(None, "detect", p.treaty.detect, 0.0, 1.0);
    c.range(None, "breach_loss", p.treaty.breach_loss, 0.0, 100.0);
    c.range(None, "tolerance", p.treaty.tolerance, 0.0, 100.0);
    c.within(&["params", "crisis"]);
    c.range(
        None,
        "trust_loss_per_level",
        p.crisis.trust_loss_per_level,
        0.0,
        100.0,
    );
    c.within(&["params", "threats"]);
    c.range(None, "growth", p.threats.growth, -100.0, 100.0);
    c.within(&["params", "risk"]);
    let r = &p.risk;
    c.range(None, "base", r.base, 0.0, 1.0);
    c.range(None, "max", r.max, 0.0, 1.0);
    c.range(None, "clock", r.clock, 0.0, 1440.0);
    for (field, v) in [
        ("alert", r.alert),
        ("tension", r.tension),
        ("arms", r.arms),
        ("crisis", r.crisis),
        ("transparency", r.transparency),
        ("hotline", r.hotline),
        ("clock_rate", r.clock_rate),
    ] {
        c.range(None, field, v, 0.0, 100.0);
    }
    c.within(&["params", "regime"]);
    let g = &p.regime;
    c.range(None, "mas_trust", g.mas_trust, 0.0, 100.0);
    c.range(None, "mas_transparency", g.mas_transparency, 0.0, 100.0);
    c.range(None, "mas_risk", g.mas_risk, 0.0, 1.0);
    c.range(None, "arms_slack", g.arms_slack, 0.0, 100.0);
    c.range(None, "mad_trust", g.mad_trust, 0.0, 100.0);
    c.range(None, "mad_arms", g.mad_arms, 0.0, 100.0);
    c.range(None, "mad_risk", g.mad_risk, 0.0, 1.0);
    if g.mas_hold == 0 {
        c.report(
            None,
            "mas_hold",
            "`mas_hold` is 0: expected at least 1 turn".into(),
        );
    }
    c.within(&["payoffs"]);
    let pay = &s.payoffs;
    for (field, v) in [
        ("t", pay.t),
        ("r", pay.r),
        ("p", pay.p),
        ("s", pay.s),
        ("catastrophe", pay.catastrophe),
    ] {
        c.range(None, field, v, -1e6, 1e6);
    }
}

fn is_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

//! The starting population of `detente evolve`: `--strategies` with optional head counts, and
//! `--population` split among them.

use crate::sim::{InputError, Strategy};

/// Players when `--population` is not given: the Evolution of Trust's 25.
pub const DEFAULT_POPULATION: usize = 25;

/// The strategies entered, each under the name it was given (an alias such as `copycat` stays
/// `copycat` in every output), with its starting head count (or, for the ecological dynamics,
/// its weight: any number above 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Population {
    pub strategies: Vec<Strategy>,
    pub names: Vec<String>,
    pub start: Vec<f64>,
    /// Whether the head counts are `--population` split among the strategies (not given).
    pub split: bool,
}

impl Population {
    /// The head counts, for the dynamics of whole players.
    pub fn counts(&self) -> Vec<usize> {
        self.start.iter().map(|&c| c as usize).collect()
    }

    pub fn size(&self) -> f64 {
        self.start.iter().sum()
    }

    /// When head counts split unevenly (`--population` not a multiple of the strategies), which
    /// strategies start with one more player, in words: a neutral start it is not.
    pub fn uneven_note(&self) -> Option<String> {
        let least = self.start.iter().copied().fold(f64::INFINITY, f64::min);
        let more: Vec<&str> = self
            .names
            .iter()
            .zip(&self.start)
            .filter(|&(_, &c)| c > least)
            .map(|(n, _)| n.as_str())
            .collect();
        if more.is_empty() || !self.split {
            return None;
        }
        let verb = if more.len() == 1 { "starts" } else { "start" };
        Some(format!(
            "{} players do not split evenly among {} strategies: {} {verb} with one more (give every strategy a count, like {}=3,{}=3, to choose)",
            self.size(),
            self.names.len(),
            more.join(", "),
            self.names[0],
            self.names.get(1).unwrap_or(&self.names[0])
        ))
    }
}

/// Parses `--strategies` (`all`, a group, or `a,b,c`, or `a=15,b=5,c=5`). Without counts,
/// `population` players are split as evenly as they go, the last strategies taking one more. `whole`:
/// counts must be whole numbers (every dynamics but the ecological one).
///
/// Errors: an unknown strategy (with the names there are), one strategy entered twice (under
/// two of its names, say), counts given to some entries and not others, a count that is not a
/// number above 0 (or not whole), and a population too small to hold every strategy.
pub fn parse_population(
    list: &str,
    population: Option<usize>,
    whole: bool,
) -> Result<Population, InputError> {
    let origin = format!("--strategies {list}");
    let expanded = crate::cli::tournament::expand_strategies(list);
    let entries: Vec<&str> = expanded.iter().map(String::as_str).collect();
    if entries.is_empty() {
        return Err(InputError::new(origin, "expected at least one strategy"));
    }
    let mut out = Population {
        strategies: Vec::new(),
        names: Vec::new(),
        start: Vec::new(),
        split: false,
    };
    let mut counted = Vec::new();
    for entry in entries {
        let (name, count) = match entry.split_once('=') {
            Some((n, c)) => (n.trim(), Some(c.trim())),
            None => (entry, None),
        };
        let strategy = Strategy::from_name(name).ok_or_else(|| {
            InputError::new(&origin, crate::cli::tournament::unknown_strategy(name))
        })?;
        if let Some(k) = out.strategies.iter().position(|&s| s == strategy) {
            return Err(InputError::new(
                &origin,
                format!(
                    "`{name}` and `{}` are one strategy; enter it once",
                    out.names[k]
                ),
            ));
        }
        let count = match count {
            None => None,
            Some(c) => {
                let value: f64 = c
                    .parse()
                    .ok()
                    .filter(|v: &f64| v.is_finite() && *v > 0.0)
                    .ok_or_else(|| {
                        InputError::new(
                            &origin,
                            format!("`{entry}`: expected a count above 0 after `=`"),
                        )
                    })?;
                if whole && value.fract() != 0.0 {
                    return Err(InputError::new(
                        &origin,
                        format!("`{entry}`: expected a whole number of players"),
                    ));
                }
                Some(value)
            }
        };
        counted.push(count.is_some());
        out.strategies.push(strategy);
        out.names.push(name.to_string());
        out.start.push(count.unwrap_or(0.0));
    }
    if counted.iter().any(|&c| c) {
        if !counted.iter().all(|&c| c) {
            return Err(InputError::new(
                &origin,
                "give every strategy a count (copycat=5,cheater=5), or none and --population",
            ));
        }
        if let Some(n) = population
            && whole
            && n as f64 != out.size()
        {
            return Err(InputError::new(
                format!("--population {n}"),
                format!(
                    "the counts of --strategies add up to {}; give one or the other",
                    out.size()
                ),
            ));
        }
        return Ok(out);
    }
    let k = out.strategies.len();
    if !whole {
        // Shares: equal, whatever the population.
        out.start.iter_mut().for_each(|s| *s = 1.0);
        return Ok(out);
    }
    let n = population.unwrap_or(DEFAULT_POPULATION);
    if n < k {
        let given = if population.is_some() {
            String::new()
        } else {
            " (the default)".to_string()
        };
        return Err(InputError::new(
            format!("--population {n}"),
            format!(
                "{n} players{given} are too few for the {k} strategies entered: expected at least {k}"
            ),
        ));
    }
    out.split = true;
    // The last strategies take the players left over, as the Evolution of Trust's default
    // population gives its last, random, four players and the others three.
    for (i, start) in out.start.iter_mut().enumerate() {
        *start = (n / k + usize::from(i >= k - n % k)) as f64;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_population_is_split_evenly_or_counted() {
        let p = parse_population("copycat,cheater,cooperator", Some(25), true).unwrap();
        assert_eq!(p.start, vec![8.0, 8.0, 9.0]);
        // The Evolution of Trust's default population: three of each, and four random.
        let cast = parse_population("evolution_of_trust", None, true).unwrap();
        assert_eq!(cast.start, vec![3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 4.0]);
        assert_eq!(cast.names[0], "copycat");
        assert_eq!(p.names, vec!["copycat", "cheater", "cooperator"]);
        assert_eq!(
            p.strategies,
            vec![
                Strategy::TitForTat,
                Strategy::AlwaysDefect,
                Strategy::AlwaysCooperate
            ]
        );
        let p = parse_population("cooperator=15, cheater=5, copycat=5", None, true).unwrap();
        assert_eq!(p.counts(), vec![15, 5, 5]);
        let p = parse_population("tit_for_tat=0.5,always_defect=1.5", None, false).unwrap();
        assert_eq!(p.start, vec![0.5, 1.5]);
        // Shares without counts are equal, whatever the population.
        let p = parse_population("classic", Some(25), false).unwrap();
        assert_eq!(p.start, vec![1.0; 9]);
    }

    #[test]
    fn bad_populations_are_refused_with_the_reason() {
        for (list, n, whole, says) in [
            ("copycat,nope", None, true, "unknown strategy `nope`"),
            ("copycat,tit_for_tat", None, true, "are one strategy"),
            (
                "copycat=5,cheater",
                None,
                true,
                "give every strategy a count",
            ),
            ("copycat=0,cheater=3", None, true, "above 0"),
            ("copycat=2.5,cheater=3", None, true, "whole number"),
            ("copycat=5,cheater=5", Some(25), true, "add up to 10"),
            ("copycat,cheater,cooperator", Some(2), true, "too few"),
            (
                "all",
                None,
                true,
                "25 players (the default) are too few for the 32",
            ),
            ("", None, true, "at least one"),
        ] {
            let e = parse_population(list, n, whole).unwrap_err();
            assert!(e.to_string().contains(says), "{list}: {e}");
        }
    }
}

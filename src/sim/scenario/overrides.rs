//! `--set KEY=VALUE`: change any numeric (or true/false) scenario parameter by its dotted key.
//!
//! Keys walk the scenario as it is written: `params.trust.loss`, `nations.usa.arms` (list items
//! by their `id`, or by index), `relations.pairs.0.trust`. The shortcuts `trust`, `transparency`,
//! `arms` and `alert` set that starting value for every relation or nation.

use crate::sim::error::InputError;
use crate::sim::scenario::Scenario;
use crate::sim::scenario::validate::validate;
use serde_json::Value;

/// Applies `KEY=VALUE` overrides in order and re-validates the result.
pub fn apply_overrides(scenario: &Scenario, sets: &[String]) -> Result<Scenario, InputError> {
    if sets.is_empty() {
        return Ok(scenario.clone());
    }
    let mut tree =
        serde_json::to_value(scenario).map_err(|e| InputError::new("--set", e.to_string()))?;
    for set in sets {
        let origin = format!("--set {set}");
        let Some((key, value)) = set.split_once('=') else {
            return Err(InputError::new(
                origin,
                "expected KEY=VALUE, like params.trust.loss=12",
            ));
        };
        let (key, value) = (key.trim(), value.trim());
        for path in expand(key, &tree) {
            set_path(&mut tree, &path, value).map_err(|m| InputError::new(&origin, m))?;
        }
    }
    let changed: Scenario = serde_json::from_value(tree).map_err(|e| {
        InputError::new(
            format!("--set {}", sets.join(" --set ")),
            format!("the value does not fit: {e}"),
        )
    })?;
    if let Err(problems) = validate(&changed) {
        let p = &problems[0];
        let key = p.field.as_str();
        let who = sets
            .iter()
            .find(|s| {
                s.split_once('=')
                    .is_some_and(|(k, _)| k.trim().ends_with(key))
            })
            .unwrap_or(&sets[0]);
        return Err(InputError::new(format!("--set {who}"), &p.message));
    }
    Ok(changed)
}

/// The keys that set a starting value everywhere (`expand`).
const SHORTCUTS: [&str; 4] = ["trust", "transparency", "arms", "alert"];

/// Why `segment` is not a key of `here`: the keys it has, and the nearest one when the
/// segment looks like a misspelling of it (at most two edits, by Levenshtein distance).
fn unknown_key(segment: &str, here: &str, known: &[String]) -> String {
    let nearest = known
        .iter()
        .map(|k| (strsim::levenshtein(segment, k), k))
        .filter(|&(d, _)| d <= 2)
        .min();
    let hint = nearest.map_or(String::new(), |(_, k)| format!("did you mean {k:?}? "));
    format!(
        "unknown key {segment:?} in {here}; {hint}expected one of: {}",
        known.join(", ")
    )
}

/// The dotted paths a key stands for: itself, or every place a shortcut sets.
fn expand(key: &str, tree: &Value) -> Vec<String> {
    let count = |list: &str| tree[list].as_array().map_or(0, Vec::len);
    match key {
        "trust" | "transparency" => {
            let pairs = tree["relations"]["pairs"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let mut paths = vec![format!("relations.{key}")];
            paths.extend(
                pairs
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| !p[key].is_null())
                    .map(|(i, _)| format!("relations.pairs.{i}.{key}")),
            );
            paths
        }
        "arms" | "alert" => (0..count("nations"))
            .map(|i| format!("nations.{i}.{key}"))
            .collect(),
        _ => vec![key.to_string()],
    }
}

fn set_path(tree: &mut Value, path: &str, value: &str) -> Result<(), String> {
    let mut node = tree;
    let mut walked = Vec::new();
    for segment in path.split('.') {
        let here = if walked.is_empty() {
            "the scenario".to_string()
        } else {
            walked.join(".")
        };
        node = match node {
            Value::Object(map) => {
                let mut known: Vec<String> = map.keys().cloned().collect();
                if walked.is_empty() {
                    known.extend(SHORTCUTS.iter().map(|s| s.to_string()));
                }
                map.get_mut(segment)
                    .ok_or_else(|| unknown_key(segment, &here, &known))?
            }
            Value::Array(items) => {
                let ids: Vec<String> = items
                    .iter()
                    .filter_map(|v| v["id"].as_str().map(str::to_owned))
                    .collect();
                let at = segment
                    .parse::<usize>()
                    .ok()
                    .filter(|&i| i < items.len())
                    .or_else(|| ids.iter().position(|id| id == segment));
                let Some(at) = at else {
                    let valid = if ids.is_empty() {
                        format!("0 to {}", items.len().saturating_sub(1))
                    } else {
                        ids.join(", ")
                    };
                    return Err(format!(
                        "no item {segment:?} in {here}; expected one of: {valid}"
                    ));
                };
                &mut items[at]
            }
            _ => {
                return Err(format!(
                    "{here} is a value, not a group: it has no key {segment:?}"
                ));
            }
        };
        walked.push(segment);
    }
    match node {
        Value::Number(old) => {
            let number: f64 = value
                .parse()
                .map_err(|_| format!("{path} is numeric; {value:?} is not a number"))?;
            if !number.is_finite() {
                return Err(format!("{path}: {value:?} is not a finite number"));
            }
            // A count (alert, warheads, turns) is a whole number of at least 0.
            if old.is_u64() && (number.fract() != 0.0 || number < 0.0) {
                return Err(format!(
                    "{path} is a whole number of at least 0, not {value}"
                ));
            }
            *node = if number.fract() == 0.0 && number.abs() < 9e15 {
                Value::from(number as i64)
            } else {
                Value::from(number)
            };
        }
        Value::Bool(_) => {
            *node = Value::Bool(
                value
                    .parse()
                    .map_err(|_| format!("{path} is true or false, not {value:?}"))?,
            );
        }
        _ => return Err(format!("{path} is not a numeric parameter")),
    }
    Ok(())
}

//! `--vary KEY=FROM..TO:STEP`: one parameter and the values a sweep gives it.

use crate::sim::InputError;

/// One parameter and the values it takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Vary {
    pub key: String,
    pub values: Vec<f64>,
}

/// The most values a sweep may take (over both parameters).
pub const MAX_POINTS: usize = 10_000;

/// Parses `KEY=FROM..TO:STEP`.
pub fn parse_vary(spec: &str) -> Result<Vary, InputError> {
    let origin = format!("--vary {spec}");
    let bad = |why: &str| InputError::new(origin.clone(), why.to_string());
    let (key, range) = spec
        .split_once('=')
        .ok_or_else(|| bad("expected KEY=FROM..TO:STEP, like transparency=0..100:10"))?;
    let (span, step) = range
        .split_once(':')
        .ok_or_else(|| bad("expected a step after the range: FROM..TO:STEP"))?;
    let (from, to) = span
        .split_once("..")
        .ok_or_else(|| bad("expected a range FROM..TO"))?;
    let number = |s: &str, what: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| bad(&format!("expected a number for {what}, found `{s}`")))
    };
    let (from, to, step) = (
        number(from, "FROM")?,
        number(to, "TO")?,
        number(step, "STEP")?,
    );
    // Far beyond any parameter's range, and small enough that no value overflows to infinity.
    const LARGEST: f64 = 1e12;
    if from.abs() > LARGEST || to.abs() > LARGEST {
        return Err(bad(&format!(
            "expected FROM and TO between -{LARGEST:e} and {LARGEST:e}"
        )));
    }
    if key.trim().is_empty() {
        return Err(bad("expected a parameter key before `=`"));
    }
    if step <= 0.0 {
        return Err(bad("expected a positive STEP"));
    }
    if to < from {
        return Err(bad("the range is empty: TO is below FROM"));
    }
    // Counted in floating point and checked before it becomes an integer: a tiny STEP makes
    // the count overflow any integer.
    let steps = ((to - from) / step + 1e-9).floor();
    if !steps.is_finite() || steps + 1.0 > MAX_POINTS as f64 {
        return Err(bad(&format!(
            "{} values; expected at most {MAX_POINTS} (use a larger STEP)",
            if steps.is_finite() && steps < 1e15 {
                format!("{}", steps as u64 + 1)
            } else {
                "too many".to_string()
            }
        )));
    }
    let count = steps as usize + 1;
    let values = (0..count)
        .map(|k| ((from + step * k as f64) * 1e9).round() / 1e9)
        .collect();
    Ok(Vary {
        key: key.trim().to_string(),
        values,
    })
}

//! `detente report PATH`: one self-contained HTML page (charts inline as SVG, the font
//! embedded, no network) from what `simulate --json`, `batch --out`, `tournament --out` or
//! `sweep --out` wrote. `game` tells one game; `outputs` the batch, tournament and sweep.

mod class;
mod evolve;
mod game;
mod outputs;

use super::ReportArgs;
use super::output::{say, write_all_atomic};
use super::provenance::MadeWith;
use crate::files::text::read_text;
use crate::sim::InputError;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// What a path holds.
enum Input {
    Game(PathBuf),
    Batch(PathBuf),
    Tournament(PathBuf),
    Sweep(PathBuf),
    Evolve(PathBuf),
    /// A class folder of `detente host`.
    Class(PathBuf),
}

pub fn run(args: &ReportArgs) -> Result<(), InputError> {
    let input = classify(&args.path)?;
    let (title, body) = match &input {
        Input::Game(file) => game::game(file)?,
        Input::Batch(dir) => outputs::batch(dir)?,
        Input::Tournament(dir) => outputs::tournament(dir)?,
        Input::Sweep(dir) => outputs::sweep(dir)?,
        Input::Evolve(dir) => evolve::evolve(dir)?,
        Input::Class(dir) => class::class(dir)?,
    };
    let out = match &args.out {
        Some(out) => out.clone(),
        None => match &input {
            Input::Game(file) => file.with_extension("html"),
            Input::Batch(d) | Input::Tournament(d) | Input::Sweep(d) | Input::Evolve(d) => {
                d.join("report.html")
            }
            Input::Class(d) => d.join("debrief.html"),
        },
    };
    let html = page(&title, &body);
    write_all_atomic(&[(out.as_path(), html.as_bytes())])?;
    say(format!("wrote {}", out.display()));
    Ok(())
}

fn classify(path: &Path) -> Result<Input, InputError> {
    let origin = path.display().to_string();
    if path.is_dir() && path.join(crate::host::folder::CLASS_FILE).is_file() {
        return Ok(Input::Class(path.to_path_buf()));
    }
    if path.is_dir() {
        let dir = path.to_path_buf();
        let kinds: Vec<(&str, Input)> = [
            (
                "tournament (matches.csv, ranking.csv)",
                path.join("matches.csv").is_file() && path.join("ranking.csv").is_file(),
                Input::Tournament(dir.clone()),
            ),
            (
                "sweep (sweep.csv)",
                path.join("sweep.csv").is_file(),
                Input::Sweep(dir.clone()),
            ),
            (
                "evolve (evolve.json, shares.csv or evolve_sweep.csv)",
                path.join(crate::cli::evolve::EVOLVE_FILE).is_file()
                    && (path.join("shares.csv").is_file()
                        || path.join("evolve_sweep.csv").is_file()),
                Input::Evolve(dir.clone()),
            ),
            (
                "batch (summary.json)",
                path.join("summary.json").is_file(),
                Input::Batch(dir.clone()),
            ),
        ]
        .into_iter()
        .filter(|(_, here, _)| *here)
        .map(|(what, _, input)| (what, input))
        .collect();
        if kinds.len() > 1 {
            let what: Vec<&str> = kinds.iter().map(|(w, _)| *w).collect();
            return Err(InputError::new(
                origin,
                format!(
                    "holds the output of more than one command: {}; give each command its own --out directory",
                    what.join(" and ")
                ),
            ));
        }
        if let Some((_, input)) = kinds.into_iter().next() {
            return Ok(input);
        }
        return Err(InputError::new(
            origin,
            "expected the output directory of `batch`, `tournament`, `sweep` or `evolve` (with \
             summary.json, matches.csv and ranking.csv, sweep.csv, or evolve.json and shares.csv), \
             or a class folder of `detente host` (with class.json)",
        ));
    }
    if path.is_file() {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some(command) = match name {
            "evolve.json" | "shares.csv" | "evolve_sweep.csv" => Some("evolve"),
            "tournament.json" | "matches.csv" | "ranking.csv" => Some("tournament"),
            "sweep.json" | "sweep.csv" => Some("sweep"),
            "summary.json" | "games.csv" => Some("batch"),
            _ => None,
        } {
            return Err(InputError::new(
                origin,
                format!(
                    "a file of the output of `detente {command}`; give its directory, {}",
                    path.parent()
                        .map_or(".".into(), |p| p.display().to_string())
                ),
            ));
        }
        return Ok(Input::Game(path.to_path_buf()));
    }
    Err(InputError::new(
        origin,
        "no such file or directory; expected a `simulate --json` file or a `batch`, `tournament`, \
         `sweep` or `evolve` output directory",
    ))
}

/// A JSON file of one of the tools, parsed: every object in it refuses a key given twice.
///
/// Errors: unreadable or not UTF-8; not JSON or not of the shape `expected` names, or a key
/// given twice, at `PATH:LINE:COL`.
pub(super) fn json<T: DeserializeOwned>(path: &Path, expected: &str) -> Result<T, InputError> {
    let text = read_text(path, expected)?;
    let place = |e: &serde_json::Error| {
        // serde_json says the place at the end of its message; ours says it first.
        let message = e.to_string();
        let what = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(what, _)| what);
        InputError::at(
            path.display().to_string(),
            e.line(),
            e.column(),
            format!("{what}; expected {expected}"),
        )
    };
    // Read twice: once for keys given twice (serde_json keeps the last silently), once into
    // the shape expected, each error at its line and column.
    serde_json::from_str::<UniqueKeys>(&text).map_err(|e| place(&e))?;
    serde_json::from_str(&text).map_err(|e| place(&e))
}

/// A JSON document read only to check that no object in it has the same key twice.
struct UniqueKeys;

impl<'de> Deserialize<'de> for UniqueKeys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = UniqueKeys;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<UniqueKeys, E> {
                Ok(UniqueKeys)
            }
            fn visit_i64<E>(self, _: i64) -> Result<UniqueKeys, E> {
                Ok(UniqueKeys)
            }
            fn visit_u64<E>(self, _: u64) -> Result<UniqueKeys, E> {
                Ok(UniqueKeys)
            }
            fn visit_f64<E>(self, _: f64) -> Result<UniqueKeys, E> {
                Ok(UniqueKeys)
            }
            fn visit_str<E>(self, _: &str) -> Result<UniqueKeys, E> {
                Ok(UniqueKeys)
            }
            fn visit_unit<E>(self) -> Result<UniqueKeys, E> {
                Ok(UniqueKeys)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<UniqueKeys, A::Error> {
                while seq.next_element::<UniqueKeys>()?.is_some() {}
                Ok(UniqueKeys)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<UniqueKeys, A::Error> {
                let mut seen = std::collections::HashSet::new();
                while let Some(key) = map.next_key::<String>()? {
                    if !seen.insert(key.clone()) {
                        return Err(serde::de::Error::custom(format!(
                            "the key {key:?} is given twice"
                        )));
                    }
                    map.next_value::<UniqueKeys>()?;
                }
                Ok(UniqueKeys)
            }
        }
        d.deserialize_any(Visit)
    }
}

/// "usa: tit_for_tat:realist · rus: grudger:hawk", escaped: who played each nation.
pub(super) fn strategies_html(strategies: &std::collections::BTreeMap<String, String>) -> String {
    escape(
        &strategies
            .iter()
            .map(|(n, s)| format!("{n}: {s}"))
            .collect::<Vec<_>>()
            .join(" · "),
    )
}

/// Text made safe for HTML, in element content and in quoted attributes alike.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The lead of a report: how its input was made, from the input's `made_with` (every piece of
/// it escaped: it comes from files).
pub(super) fn made_with_html(m: &MadeWith) -> String {
    let seeds = match m.seeds {
        0 | 1 => format!("seed {}", m.first_seed),
        n => format!(
            "seeds {}–{}",
            m.first_seed,
            m.first_seed.saturating_add(n - 1)
        ),
    };
    let set = if m.set.is_empty() {
        "no --set".to_string()
    } else {
        m.set
            .iter()
            .map(|s| format!("--set {s}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let strategies = strategies_html(&m.strategies);
    let turns = crate::cli::setup::length_words(m.turns, m.continuation);
    format!(
        "<p class=note>Made with Détente {} from {} (scenario hash <code>{}</code>) · {} · {} · \
         execution noise {} · {} · {}</p><p class=note>To make it again: <code>{}</code></p>",
        escape(&m.detente),
        escape(&m.scenario),
        escape(&m.scenario_hash),
        escape(&seeds),
        escape(&turns),
        m.execution_noise,
        escape(&set),
        strategies,
        escape(&m.command)
    )
}

/// The page: the game's colours, the embedded Inter, the body.
/// The class debrief of a class folder as a whole page, for the host to serve (errors in
/// words).
pub fn class_debrief(dir: &Path) -> Result<String, String> {
    let (title, body) = class::class(dir).map_err(|e| e.to_string())?;
    Ok(page(&title, &body))
}

fn page(title: &str, body: &str) -> String {
    let regular = base64(crate::look::FONT_REGULAR);
    let bold = base64(crate::look::FONT_BOLD);
    let gold = crate::look::hex(crate::look::TITLE);
    let (background, text, muted, border) = (
        crate::look::hex(crate::look::BACKGROUND),
        crate::look::hex(crate::look::TEXT),
        crate::look::hex(crate::look::MUTED),
        crate::look::hex(crate::look::BORDER),
    );
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
@font-face {{ font-family: "Inter, sans-serif"; src: url(data:font/otf;base64,{regular}) format("opentype"); font-weight: 400; }}
@font-face {{ font-family: "Inter, sans-serif"; src: url(data:font/otf;base64,{bold}) format("opentype"); font-weight: 600 700; }}
@font-face {{ font-family: Inter; src: url(data:font/otf;base64,{regular}) format("opentype"); font-weight: 400; }}
@font-face {{ font-family: Inter; src: url(data:font/otf;base64,{bold}) format("opentype"); font-weight: 600 700; }}
body {{ background: {background}; color: {text}; font-family: Inter, sans-serif; margin: 32px auto; max-width: 1400px; padding: 0 24px; }}
h1 {{ color: {gold}; font-weight: 600; margin-bottom: 4px; }}
h2 {{ color: {gold}; font-weight: 600; margin-top: 28px; }}
.lead {{ color: {muted}; }}
.note {{ color: {muted}; font-size: 14px; }}
.grid {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(640px, 1fr)); gap: 12px; }}
svg {{ max-width: 100%; height: auto; }}
table {{ border-collapse: collapse; margin: 12px 0; }}
td, th {{ border-bottom: 1px solid {border}; padding: 4px 14px; text-align: left; }}
th {{ color: {muted}; font-weight: 600; }}
footer {{ color: {muted}; font-size: 13px; margin-top: 40px; }}
code {{ overflow-wrap: anywhere; }}
</style></head>
<body><h1>{title}</h1>
{body}
<footer>Made by Détente's <code>detente report</code>.</footer>
</body></html>
"#,
        title = escape(title)
    )
}

/// Standard base64, for the embedded font.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(super::base64(b"Man"), "TWFu");
        assert_eq!(super::base64(b"Ma"), "TWE=");
        assert_eq!(super::base64(b"M"), "TQ==");
        assert_eq!(super::base64(b""), "");
    }
}

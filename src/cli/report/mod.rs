//! `detente report PATH`: one self-contained `report.html` (charts inline as SVG, the font
//! embedded, no network) from what `simulate --json`, `batch --out`, `tournament --out` or
//! `sweep --out` wrote. `game` tells one game; `outputs` the batch, tournament and sweep.

mod game;
mod outputs;

use super::ReportArgs;
use super::charts::GOLD;
use super::output::{say, write_all_atomic};
use crate::sim::InputError;
use std::path::{Path, PathBuf};

/// What a path holds.
enum Input {
    Game(PathBuf),
    Batch(PathBuf),
    Tournament(PathBuf),
    Sweep(PathBuf),
}

pub fn run(args: &ReportArgs) -> Result<(), InputError> {
    let input = classify(&args.path)?;
    let (title, body) = match &input {
        Input::Game(file) => game::game(file)?,
        Input::Batch(dir) => outputs::batch(dir)?,
        Input::Tournament(dir) => outputs::tournament(dir)?,
        Input::Sweep(dir) => outputs::sweep(dir)?,
    };
    let out = match &args.out {
        Some(out) => out.clone(),
        None => match &input {
            Input::Game(file) => file.with_file_name("report.html"),
            Input::Batch(d) | Input::Tournament(d) | Input::Sweep(d) => d.join("report.html"),
        },
    };
    let html = page(&title, &body);
    write_all_atomic(&[(out.as_path(), html.as_bytes())])?;
    say(format!("wrote {}", out.display()));
    Ok(())
}

fn classify(path: &Path) -> Result<Input, InputError> {
    let origin = path.display().to_string();
    if path.is_dir() {
        if path.join("matches.csv").is_file() && path.join("ranking.csv").is_file() {
            return Ok(Input::Tournament(path.to_path_buf()));
        }
        if path.join("sweep.csv").is_file() {
            return Ok(Input::Sweep(path.to_path_buf()));
        }
        if path.join("summary.json").is_file() {
            return Ok(Input::Batch(path.to_path_buf()));
        }
        return Err(InputError::new(
            origin,
            "expected the output directory of `batch`, `tournament` or `sweep` (with summary.json, \
             matches.csv and ranking.csv, or sweep.csv)",
        ));
    }
    if path.is_file() {
        return Ok(Input::Game(path.to_path_buf()));
    }
    Err(InputError::new(
        origin,
        "no such file or directory; expected a `simulate --json` file or a `batch`, `tournament` \
         or `sweep` output directory",
    ))
}

pub(super) fn read(path: &Path) -> Result<String, InputError> {
    std::fs::read_to_string(path)
        .map_err(|e| InputError::new(path.display().to_string(), format!("cannot read: {e}")))
}

/// A JSON error placed at its line and column.
pub(super) fn json_error(path: &Path, e: &serde_json::Error, expected: &str) -> InputError {
    InputError::new(
        format!("{}:{}:{}", path.display(), e.line(), e.column()),
        format!("{e}; expected {expected}"),
    )
}

/// A CSV read into rows of fields, with the header checked.
pub(super) fn csv(path: &Path, header: &str) -> Result<Vec<Vec<String>>, InputError> {
    let text = read(path)?;
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    if !first.starts_with(header) {
        return Err(InputError::new(
            format!("{}:1:1", path.display()),
            format!("expected the header `{header}`"),
        ));
    }
    Ok(lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect())
}

pub(super) fn number(path: &Path, line: usize, field: &str) -> Result<f64, InputError> {
    field.trim().parse().map_err(|_| {
        InputError::new(
            format!("{}:{}", path.display(), line + 2),
            format!("expected a number, found `{field}`"),
        )
    })
}

pub(super) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The page: the game's colours, the embedded Inter, the body.
fn page(title: &str, body: &str) -> String {
    let regular = base64(include_bytes!("../../../assets/fonts/Inter-Regular.otf"));
    let bold = base64(include_bytes!("../../../assets/fonts/Inter-SemiBold.otf"));
    let gold = format!("#{:02x}{:02x}{:02x}", GOLD.0, GOLD.1, GOLD.2);
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
@font-face {{ font-family: "Inter, sans-serif"; src: url(data:font/otf;base64,{regular}) format("opentype"); font-weight: 400; }}
@font-face {{ font-family: "Inter, sans-serif"; src: url(data:font/otf;base64,{bold}) format("opentype"); font-weight: 600 700; }}
@font-face {{ font-family: Inter; src: url(data:font/otf;base64,{regular}) format("opentype"); font-weight: 400; }}
@font-face {{ font-family: Inter; src: url(data:font/otf;base64,{bold}) format("opentype"); font-weight: 600 700; }}
body {{ background: #10121a; color: #dee3eb; font-family: Inter, sans-serif; margin: 32px auto; max-width: 1400px; padding: 0 24px; }}
h1 {{ color: {gold}; font-weight: 600; margin-bottom: 4px; }}
h2 {{ color: {gold}; font-weight: 600; margin-top: 28px; }}
.lead {{ color: #99a3b3; }}
.note {{ color: #99a3b3; font-size: 14px; }}
.grid {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(640px, 1fr)); gap: 12px; }}
svg {{ max-width: 100%; height: auto; }}
table {{ border-collapse: collapse; margin: 12px 0; }}
td, th {{ border-bottom: 1px solid #3b4557; padding: 4px 14px; text-align: left; }}
th {{ color: #99a3b3; font-weight: 600; }}
footer {{ color: #99a3b3; font-size: 13px; margin-top: 40px; }}
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

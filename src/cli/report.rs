//! `detente report PATH`: one self-contained `report.html` (charts inline as SVG, the font
//! embedded, no network) from what `simulate --json`, `batch --out`, `tournament --out` or
//! `sweep --out` wrote.

use super::ReportArgs;
use super::charts::{self, CATASTROPHE, GOLD, MAD, MAS, SERIES, UNSETTLED};
use super::output::{say, write_all_atomic};
use crate::sim::InputError;
use crate::sim::Regime;
use crate::sim::history::TurnRecord;
use crate::sim::load::{load_scenario, resolve_scenario_path};
use crate::sim::story::{explain, turning_points};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
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
        Input::Game(file) => game(file)?,
        Input::Batch(dir) => batch(dir)?,
        Input::Tournament(dir) => tournament(dir)?,
        Input::Sweep(dir) => sweep(dir)?,
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

fn read(path: &Path) -> Result<String, InputError> {
    std::fs::read_to_string(path)
        .map_err(|e| InputError::new(path.display().to_string(), format!("cannot read: {e}")))
}

/// A JSON error placed at its line and column.
fn json_error(path: &Path, e: &serde_json::Error, expected: &str) -> InputError {
    InputError::new(
        format!("{}:{}:{}", path.display(), e.line(), e.column()),
        format!("{e}; expected {expected}"),
    )
}

/// A CSV read into rows of fields, with the header checked.
fn csv(path: &Path, header: &str) -> Result<Vec<Vec<String>>, InputError> {
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

fn number(path: &Path, line: usize, field: &str) -> Result<f64, InputError> {
    field.trim().parse().map_err(|_| {
        InputError::new(
            format!("{}:{}", path.display(), line + 2),
            format!("expected a number, found `{field}`"),
        )
    })
}

/// A named, coloured series of points.
type Named = (String, plotters::style::RGBColor, Vec<(f64, f64)>);

#[derive(Deserialize)]
struct GameFile {
    scenario: String,
    title: String,
    seed: u64,
    outcome: String,
    turns: u32,
    strategies: BTreeMap<String, String>,
    scores: BTreeMap<String, f64>,
    history: Vec<TurnRecord>,
}

fn game(path: &Path) -> Result<(String, String), InputError> {
    let text = read(path)?;
    let g: GameFile = serde_json::from_str(&text)
        .map_err(|e| json_error(path, &e, "the JSON written by `detente simulate --json`"))?;
    if g.history.is_empty() {
        return Err(InputError::new(
            path.display().to_string(),
            "the game has no turns to report",
        ));
    }
    let outcome = Regime::ALL
        .into_iter()
        .find(|r| r.name() == g.outcome)
        .unwrap_or(Regime::Unsettled);
    let mut body = String::new();
    let _ = write!(
        body,
        "<p class=lead>Seed {} · {} turns · {}</p><p>{}</p>",
        g.seed,
        g.turns,
        g.strategies
            .iter()
            .map(|(n, s)| format!("{n}: {s}"))
            .collect::<Vec<_>>()
            .join(" · "),
        escape(&explain(outcome, &g.history))
    );
    // Marks: misreadings in amber, treaties in green, crises and breaches in red.
    let mut marks = Vec::new();
    for r in &g.history {
        let x = f64::from(r.turn);
        if r.perceived.iter().any(|p| p.misread) {
            marks.push((x, MAD));
        }
        for e in &r.events {
            if e.contains(" signed the ") {
                marks.push((x, MAS));
            } else if e.starts_with("crisis between") || e.contains(" breaking the ") {
                marks.push((x, CATASTROPHE));
            }
        }
    }
    let turns: Vec<f64> = g.history.iter().map(|r| f64::from(r.turn)).collect();
    let pairs = &g.history[0].relations;
    let pair_series = |pick: fn(&crate::sim::history::RelationRecord) -> f64| {
        pairs
            .iter()
            .enumerate()
            .map(|(k, rel)| {
                (
                    format!("{} → {}", rel.from, rel.to),
                    SERIES[k % SERIES.len()],
                    g.history
                        .iter()
                        .zip(&turns)
                        .map(|(r, &t)| (t, pick(&r.relations[k])))
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    let nation_series: Vec<Named> = g.history[0]
        .nations
        .iter()
        .enumerate()
        .map(|(i, n)| {
            (
                n.id.clone(),
                SERIES[i % SERIES.len()],
                g.history
                    .iter()
                    .zip(&turns)
                    .map(|(r, &t)| (t, r.nations[i].arms))
                    .collect(),
            )
        })
        .collect();
    let risk: Vec<(f64, f64)> = g
        .history
        .iter()
        .zip(&turns)
        .map(|(r, &t)| (t, r.risk * 100.0))
        .collect();
    let top = risk.iter().map(|p| p.1).fold(2.0, f64::max).ceil();
    fn as_refs(v: &[Named]) -> Vec<(&str, plotters::style::RGBColor, Vec<(f64, f64)>)> {
        v.iter()
            .map(|(a, b, c)| (a.as_str(), *b, c.clone()))
            .collect()
    }
    let chart_err = |e: String| InputError::new("report", e);
    let trust = pair_series(|r| r.trust);
    let transparency = pair_series(|r| r.transparency);
    body.push_str("<div class=grid>");
    for svg in [
        charts::lines_marked(
            "Trust",
            "turn",
            "trust",
            &as_refs(&trust),
            None,
            (0.0, 100.0),
            &marks,
        ),
        charts::lines_marked(
            "Transparency",
            "turn",
            "transparency",
            &as_refs(&transparency),
            None,
            (0.0, 100.0),
            &marks,
        ),
        charts::lines_marked(
            "Arms",
            "turn",
            "arms",
            &as_refs(&nation_series),
            None,
            (0.0, 100.0),
            &marks,
        ),
        charts::lines_marked(
            "Risk of an exchange",
            "turn",
            "% a turn",
            &[("risk", CATASTROPHE, risk)],
            None,
            (0.0, top),
            &marks,
        ),
    ] {
        body.push_str(&svg.map_err(chart_err)?);
    }
    body.push_str("</div><p class=note>Dashed marks: amber, a move misread; green, a treaty signed; red, a crisis or a broken treaty.</p>");
    body.push_str("<h2>Turning points</h2>");
    match resolve_scenario_path(&g.scenario).and_then(|p| load_scenario(&p)) {
        Ok(loaded) => {
            let start = crate::sim::story::mean_trust(&g.history[0]);
            body.push_str("<ul>");
            for p in turning_points(&loaded.scenario, &g.history, start) {
                let _ = write!(body, "<li><b>Turn {}</b>: {}</li>", p.turn, escape(&p.text));
            }
            body.push_str("</ul>");
        }
        Err(_) => {
            let _ = write!(
                body,
                "<p class=note>The scenario `{}` was not found, so the turning points are not told.</p>",
                escape(&g.scenario)
            );
        }
    }
    body.push_str("<h2>Scores</h2><ul>");
    for (n, s) in &g.scores {
        let _ = write!(body, "<li>{}: {s}</li>", escape(n));
    }
    body.push_str("</ul>");
    Ok((format!("{}: {}", g.title, outcome_title(outcome)), body))
}

fn outcome_title(r: Regime) -> &'static str {
    match r {
        Regime::Mas => "mutually assured stability",
        Regime::Mad => "mutually assured destruction",
        Regime::Catastrophe => "catastrophe",
        Regime::Unsettled => "unsettled",
    }
}

#[derive(Deserialize)]
struct BatchFile {
    scenario: String,
    games: usize,
    seed: u64,
    turns: u32,
    strategies: BTreeMap<String, String>,
    shares: BTreeMap<String, f64>,
    shares_ci95: BTreeMap<String, [f64; 2]>,
    mean_final: BTreeMap<String, f64>,
}

fn batch(dir: &Path) -> Result<(String, String), InputError> {
    let path = dir.join("summary.json");
    let text = read(&path)?;
    let b: BatchFile = serde_json::from_str(&text)
        .map_err(|e| json_error(&path, &e, "the summary.json written by `detente batch`"))?;
    let mut body = String::new();
    let _ = write!(
        body,
        "<p class=lead>{} games of {} turns, seeds {}–{} · {}</p>",
        b.games,
        b.turns,
        b.seed,
        b.seed + b.games as u64 - 1,
        b.strategies
            .iter()
            .map(|(n, s)| format!("{n}: {s}"))
            .collect::<Vec<_>>()
            .join(" · ")
    );
    let order = [
        ("MAS", MAS),
        ("MAD", MAD),
        ("Catastrophe", CATASTROPHE),
        ("Unsettled", UNSETTLED),
    ];
    let entries: Vec<(String, f64)> = order
        .iter()
        .map(|(k, _)| {
            (
                k.to_string(),
                b.shares.get(*k).copied().unwrap_or(0.0) * 100.0,
            )
        })
        .collect();
    body.push_str(
        &charts::bars_coloured(
            "Outcomes, % of games",
            "share of games, %",
            &entries,
            &order.map(|(_, c)| c),
        )
        .map_err(|e| InputError::new("report", e))?,
    );
    body.push_str("<table><tr><th>outcome</th><th>share</th><th>95% interval</th></tr>");
    for (k, _) in order {
        let share = b.shares.get(k).copied().unwrap_or(0.0);
        let ci = b.shares_ci95.get(k).copied().unwrap_or([0.0, 0.0]);
        let _ = write!(
            body,
            "<tr><td>{k}</td><td>{:.1}%</td><td>{:.1}% – {:.1}%</td></tr>",
            share * 100.0,
            ci[0] * 100.0,
            ci[1] * 100.0
        );
    }
    body.push_str("</table>");
    let bands_path = dir.join("trajectories.csv");
    if bands_path.is_file() {
        let rows = csv(&bands_path, "turn,metric,games,p10,p25,p50,p75,p90")?;
        body.push_str(
            "<h2>Trajectories</h2><p class=note>The median game (line), the middle half and the \
             middle 80% of games (bands), turn by turn, over the games still running.</p><div class=grid>",
        );
        for (k, (metric, unit)) in [
            ("trust", "mean trust"),
            ("transparency", "mean transparency"),
            ("arms", "mean arms"),
            ("risk", "% a turn"),
        ]
        .into_iter()
        .enumerate()
        {
            let mut points = Vec::new();
            for (i, r) in rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.get(1).is_some_and(|m| m == metric))
            {
                let num = |at: usize| number(&bands_path, i, r.get(at).map_or("", |s| s));
                points.push((num(0)?, [num(3)?, num(4)?, num(5)?, num(6)?, num(7)?]));
            }
            let top = if metric == "risk" {
                points.iter().map(|p| p.1[4]).fold(1.0, f64::max).ceil()
            } else {
                100.0
            };
            body.push_str(
                &charts::bands(metric, unit, &points, (0.0, top), SERIES[k])
                    .map_err(|e| InputError::new("report", e))?,
            );
        }
        body.push_str("</div>");
    }
    body.push_str("<h2>Mean final state</h2><table>");
    for (k, v) in &b.mean_final {
        let _ = write!(body, "<tr><td>{}</td><td>{v:.2}</td></tr>", escape(k));
    }
    body.push_str("</table>");
    Ok((format!("Batch of {}: outcomes", b.scenario), body))
}

fn tournament(dir: &Path) -> Result<(String, String), InputError> {
    let ranking_path = dir.join("ranking.csv");
    let rows = csv(
        &ranking_path,
        "rank,strategy,mean_score_per_turn,wins,cooperation_rate",
    )?;
    let mut entries = Vec::new();
    let mut table = String::from(
        "<table><tr><th>rank</th><th>strategy</th><th>score per turn</th><th>wins</th><th>cooperation</th></tr>",
    );
    for (i, r) in rows.iter().enumerate() {
        if r.len() < 5 {
            return Err(InputError::new(
                format!("{}:{}", ranking_path.display(), i + 2),
                "expected 6 fields",
            ));
        }
        let score = number(&ranking_path, i, &r[2])?;
        let coop = number(&ranking_path, i, &r[4])?;
        entries.push((r[1].clone(), score));
        let _ = write!(
            table,
            "<tr><td>{}</td><td>{}</td><td>{score:.3}</td><td>{}</td><td>{:.1}%</td></tr>",
            escape(&r[0]),
            escape(&r[1]),
            escape(&r[3]),
            coop * 100.0
        );
    }
    table.push_str("</table>");
    let matches_path = dir.join("matches.csv");
    let matches = csv(
        &matches_path,
        "strategy_a,strategy_b,repetition,score_a,score_b",
    )?;
    let names: Vec<String> = entries.iter().map(|e| e.0.clone()).collect();
    let n = names.len();
    let (mut sum, mut count) = (vec![vec![0.0; n]; n], vec![vec![0usize; n]; n]);
    let index = |s: &str| names.iter().position(|x| x == s);
    for (i, m) in matches.iter().enumerate() {
        let (Some(a), Some(b)) = (index(&m[0]), m.get(1).and_then(|s| index(s))) else {
            return Err(InputError::new(
                format!("{}:{}", matches_path.display(), i + 2),
                "a strategy that is not in ranking.csv",
            ));
        };
        let (sa, sb) = (
            number(&matches_path, i, m.get(3).map_or("", |s| s))?,
            number(&matches_path, i, m.get(4).map_or("", |s| s))?,
        );
        sum[a][b] += sa;
        count[a][b] += 1;
        sum[b][a] += sb;
        count[b][a] += 1;
    }
    // The match length is in tournament.json; without it the table shows scores per match.
    #[derive(Deserialize)]
    struct About {
        title: String,
        turns: u32,
        repetitions: u32,
        noise: f64,
    }
    let about_path = dir.join("tournament.json");
    let about: Option<About> = if about_path.is_file() {
        let text = read(&about_path)?;
        Some(serde_json::from_str(&text).map_err(|e| {
            json_error(
                &about_path,
                &e,
                "the tournament.json written by `detente tournament`",
            )
        })?)
    } else {
        None
    };
    let per = about.as_ref().map_or(1.0, |a| f64::from(a.turns.max(1)));
    let values: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| sum[i][j] / count[i][j].max(1) as f64 / per)
                .collect()
        })
        .collect();
    let unit = if about.is_some() {
        "mean score per turn of the row's strategy against the column's"
    } else {
        "mean score per match of the row's strategy against the column's"
    };
    let chart_err = |e: String| InputError::new("report", e);
    let mut body = String::new();
    if let Some(a) = &about {
        let _ = write!(
            body,
            "<p class=lead>{} · {} strategies · {} repetitions of {} turns · execution noise {}</p>",
            escape(&a.title),
            n,
            a.repetitions,
            a.turns,
            a.noise
        );
    }
    body.push_str(&charts::bars("Ranking", "mean score per turn", &entries).map_err(chart_err)?);
    body.push_str(&table);
    body.push_str("<h2>Head to head</h2>");
    body.push_str(&charts::heat_map("Pairwise payoffs", unit, &names, &values).map_err(chart_err)?);
    Ok(("Tournament".to_string(), body))
}

fn sweep(dir: &Path) -> Result<(String, String), InputError> {
    let path = dir.join("sweep.csv");
    let text = read(&path)?;
    let header: Vec<String> = text
        .lines()
        .next()
        .unwrap_or_default()
        .split(',')
        .map(str::to_string)
        .collect();
    let Some(games_at) = header.iter().position(|h| h == "games") else {
        return Err(InputError::new(
            format!("{}:1:1", path.display()),
            "expected the header of `detente sweep` (KEY,...,games,mas,mad,...)",
        ));
    };
    let keys = &header[..games_at];
    let rows = csv(&path, &header.join(","))?;
    let mut points = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let get = |name: &str| -> Result<f64, InputError> {
            let at = header.iter().position(|h| h == name).unwrap_or(usize::MAX);
            number(&path, i, r.get(at).map_or("", |s| s))
        };
        let values: Vec<f64> = keys.iter().map(|k| get(k)).collect::<Result<_, _>>()?;
        points.push(super::sweep::Point {
            values,
            games: get("games")? as usize,
            shares: [
                get("mas")?,
                get("mad")?,
                get("catastrophe")?,
                get("unsettled")?,
            ],
            mas_ci95: [get("mas_ci95_low")?, get("mas_ci95_high")?],
            trust: get("mean_trust")?,
            transparency: get("mean_transparency")?,
            arms: get("mean_arms")?,
        });
    }
    let vary = |k: usize| {
        let mut values: Vec<f64> = points.iter().map(|p| p.values[k]).collect();
        values.sort_by(f64::total_cmp);
        values.dedup();
        super::sweep::Vary {
            key: keys[k].clone(),
            values,
        }
    };
    let chart_err = |e: String| InputError::new("report", e);
    let mut body = String::new();
    let svg = match keys.len() {
        1 => super::sweep::curve("Sweep", &vary(0), &points),
        2 => super::sweep::phase("Phase map", &vary(0), &vary(1), &points),
        _ => {
            return Err(InputError::new(
                format!("{}:1:1", path.display()),
                "expected one or two varied parameters",
            ));
        }
    }
    .map_err(chart_err)?;
    body.push_str(&svg);
    body.push_str("<table><tr>");
    for h in &header {
        let _ = write!(body, "<th>{}</th>", escape(h));
    }
    body.push_str("</tr>");
    for r in &rows {
        body.push_str("<tr>");
        for f in r {
            let _ = write!(body, "<td>{}</td>", escape(f));
        }
        body.push_str("</tr>");
    }
    body.push_str("</table>");
    Ok((format!("Sweep of {}", keys.join(" × ")), body))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The page: the game's colours, the embedded Inter, the body.
fn page(title: &str, body: &str) -> String {
    let regular = base64(include_bytes!("../../assets/fonts/Inter-Regular.otf"));
    let bold = base64(include_bytes!("../../assets/fonts/Inter-SemiBold.otf"));
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

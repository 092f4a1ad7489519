//! The report of `detente evolve`: the shares of the population over the generations (the
//! stacked-area chart, drawn again from shares.csv), each strategy's start and end (and, for a
//! Moran process, its fixation probability), and the payoff table the dynamics ran on.

use super::{escape, json, made_with_html};
use crate::cli::Dynamics;
use crate::cli::charts;
use crate::cli::evolve::vary::Swept;
use crate::cli::evolve::{EVOLVE_FILE, Summary};
use crate::cli::setup::CONTINUATION_KEY;
use crate::cli::tables::Table;
use crate::sim::InputError;
use std::fmt::Write as _;
use std::path::Path;

/// What each dynamics does, for the reader of the report.
fn explain(d: Dynamics) -> &'static str {
    match d {
        Dynamics::Ecological => {
            "Ecological dynamics (Axelrod 1984, ch. 3): each generation, a strategy's share is multiplied by its mean payoff against the population as it stands, divided by the population's mean payoff. A strategy that does well against the strategies that are common grows; one that lives off strategies it drives out dies with them."
        }
        Dynamics::Moran => {
            "Moran process (Moran 1958; Nowak et al. 2004): a finite population; at each step one player, chosen in proportion to its fitness (1 − w + w × its mean payoff per turn against the others), has one offspring, which replaces a player chosen at random. A run ends when one strategy is everyone: the chart shows the mean share over the runs, and the table how often each strategy took over. Without selection a strategy takes over as often as its starting share (the neutral line)."
        }
        Dynamics::Generations => {
            "Generations (Case 2017, The Evolution of Trust): every player plays one match against every other; then the players with the lowest totals are removed and those with the highest are copied, as many each way. Ties are broken at random."
        }
    }
}

pub(super) fn evolve(dir: &Path) -> Result<(String, String), InputError> {
    let s: Summary = json(
        &dir.join(EVOLVE_FILE),
        "the evolve.json written by `detente evolve`",
    )?;
    if let Some(swept) = &s.vary {
        return sweep(&s, swept);
    }
    let mut required = vec!["generation"];
    required.extend(s.strategies.iter().map(String::as_str));
    let shares_path = dir.join("shares.csv");
    let table = Table::read(
        &shares_path,
        &required,
        "the shares.csv written by `detente evolve` (generation, then a column a strategy)",
    )?;
    if table.header.len() != s.strategies.len() + 1 {
        return Err(InputError::new(
            shares_path.display().to_string(),
            format!(
                "{} columns, but evolve.json names {} strategies; expected generation and a column for each",
                table.header.len(),
                s.strategies.len()
            ),
        ));
    }
    if (s.dynamics == Dynamics::Moran) != s.fixation.is_some() {
        return Err(InputError::new(
            EVOLVE_FILE,
            "`fixation` is given for a Moran process only; expected it there and nowhere else",
        ));
    }
    let mut rows = Vec::with_capacity(table.rows.len());
    for i in 0..table.rows.len() {
        let row: Vec<f64> = s
            .strategies
            .iter()
            .map(|name| table.number(i, name))
            .collect::<Result<_, _>>()?;
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(InputError::new(
            shares_path.display().to_string(),
            "no generations; expected a row for each",
        ));
    }
    let chart_err = |e: String| InputError::new("report", e);
    let mut body = String::new();
    let length = format!(
        "matches of {}",
        crate::cli::setup::length_words(s.turns, s.continuation)
    );
    let settings = match s.dynamics {
        Dynamics::Generations => format!(
            "{} players, {} replaced a generation",
            s.start.iter().sum::<f64>(),
            s.replace.unwrap_or(0)
        ),
        Dynamics::Moran => format!(
            "{} players, {} runs, selection w = {}, payoffs from {} matches a pair",
            s.start.iter().sum::<f64>(),
            s.repetitions.unwrap_or(0),
            s.selection.unwrap_or(1.0),
            s.matches.unwrap_or(0)
        ),
        Dynamics::Ecological => format!("payoffs from {} matches a pair", s.matches.unwrap_or(0)),
    };
    let generations = match s.dynamics {
        Dynamics::Moran => format!(
            "runs of at most {} generations (the chart: {} generations, to the longest run's end)",
            s.generations,
            rows.len() - 1
        ),
        _ => format!("{} generations", rows.len() - 1),
    };
    let _ = write!(
        body,
        "<p class=lead>{} · {} strategies · {} · {} · {} · execution noise {}</p>",
        escape(&s.title),
        s.strategies.len(),
        escape(&generations),
        escape(&settings),
        escape(&length),
        s.noise
    );
    body.push_str(&made_with_html(&s.made_with));
    let _ = write!(body, "<p class=note>{}</p>", escape(explain(s.dynamics)));
    let x = match s.dynamics {
        Dynamics::Moran => "generation (as many steps as players), mean of the runs",
        _ => "generation",
    };
    body.push_str(
        &charts::stacked(
            &format!("{}: shares of the population", s.dynamics.title()),
            x,
            &s.strategies,
            &rows,
        )
        .map_err(chart_err)?,
    );
    let total: f64 = s.start.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    let last = &rows[rows.len() - 1];
    match &s.fixation {
        Some(fixation) => {
            body.push_str(
                "<table><tr><th>strategy</th><th>start</th><th>took over</th><th>95% interval</th><th>if neutral</th></tr>",
            );
            for f in fixation {
                let start = s
                    .strategies
                    .iter()
                    .position(|n| *n == f.strategy)
                    .map_or(0.0, |k| s.start[k]);
                let _ = write!(
                    body,
                    "<tr><td>{}</td><td>{start}</td><td>{:.1}% ({} runs)</td><td>{:.1}% – {:.1}%</td><td>{:.1}%</td></tr>",
                    escape(&f.strategy),
                    f.probability * 100.0,
                    f.runs,
                    f.ci95[0] * 100.0,
                    f.ci95[1] * 100.0,
                    f.neutral * 100.0
                );
            }
            body.push_str("</table>");
            if let (Some(unfixed), Some(steps)) = (s.unfixed, s.mean_steps) {
                let _ = write!(
                    body,
                    "<p class=note>{steps:.0} steps a run on average; {unfixed} runs had not ended after {} generations.</p>",
                    s.generations
                );
            }
        }
        None => {
            body.push_str("<table><tr><th>strategy</th><th>start</th><th>end</th></tr>");
            for (k, name) in s.strategies.iter().enumerate() {
                let _ = write!(
                    body,
                    "<tr><td>{}</td><td>{:.1}%</td><td>{:.1}%</td></tr>",
                    escape(name),
                    s.start[k] / total * 100.0,
                    last[k] * 100.0
                );
            }
            body.push_str("</table>");
        }
    }
    if !s.payoff.is_empty() {
        body.push_str("<h2>The payoffs the dynamics ran on</h2>");
        body.push_str(
            &charts::heat_map(
                "Payoff table",
                "the row's mean score per match against the column, per turn of the mean match length",
                &s.strategies,
                &s.payoff,
            )
            .map_err(chart_err)?,
        );
    }
    Ok((format!("Evolution: {}", s.dynamics.title()), body))
}

/// The report of `evolve --vary`: where each strategy ends at each value, and the threshold.
fn sweep(s: &Summary, swept: &Swept) -> Result<(String, String), InputError> {
    let k = s.strategies.len();
    if swept.final_shares.len() != swept.values.len()
        || swept.final_shares.iter().any(|row| row.len() != k)
    {
        return Err(InputError::new(
            EVOLVE_FILE,
            format!(
                "`vary` holds {} values but not a share of each of the {k} strategies at each",
                swept.values.len()
            ),
        ));
    }
    let mut body = String::new();
    let _ = write!(
        body,
        "<p class=lead>{} · {} strategies · {} at {} values · execution noise {}</p>",
        escape(&s.title),
        k,
        escape(&swept.key),
        swept.values.len(),
        s.noise
    );
    body.push_str(&made_with_html(&s.made_with));
    let _ = write!(body, "<p class=note>{}</p>", escape(explain(s.dynamics)));
    if let (Some(w), true) = (swept.threshold, swept.key == CONTINUATION_KEY) {
        let _ = write!(
            body,
            "<p class=note>The shadow of the future: a match goes on after each turn with probability W. Against grudgers (or tit for tat), always defecting gains T once and then P each turn, cooperating gains R each turn: defection does not pay when W ≥ (T−R)/(T−P) = {w:.4} for these payoffs (Axelrod 1984, ch. 1). The dashed line marks it.</p>"
        );
    }
    let title = format!(
        "{} on {}: where each strategy ends",
        s.dynamics.title(),
        s.title
    );
    body.push_str(
        &crate::cli::evolve::vary::sweep_chart(&title, &s.strategies, swept)
            .map_err(|e| InputError::new("report", e))?,
    );
    let _ = write!(body, "<table><tr><th>{}</th>", escape(&swept.key));
    for name in &s.strategies {
        let _ = write!(body, "<th>{}</th>", escape(name));
    }
    body.push_str("</tr>");
    for (v, shares) in swept.values.iter().zip(&swept.final_shares) {
        let _ = write!(body, "<tr><td>{v}</td>");
        for x in shares {
            let _ = write!(body, "<td>{:.1}%</td>", x * 100.0);
        }
        body.push_str("</tr>");
    }
    body.push_str("</table>");
    Ok((
        format!("Evolution: {} over {}", s.dynamics.title(), swept.key),
        body,
    ))
}

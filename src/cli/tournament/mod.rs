//! `detente tournament`: an Axelrod-style round robin. Every pair of strategies, self-play
//! included, plays R matches on a two-nation scenario; the same seeds serve every pair, so the
//! pairs differ only by their strategies. Prints a ranking and writes the matches, the ranking
//! and two charts.

mod round_robin;
mod tables;

pub use round_robin::{Match, MeanGrid, SCORE_PER_TURN, Standing, Tournament, pairing, play};
pub use tables::{MATCHES_HEADER, match_row};

use super::charts::{bars, heat_map};
use super::options::{check_count, check_seeds, workers};
use super::output::{count, ensure_dir, progress_bar, say};
use super::provenance::MadeWith;
use super::tables::CsvFile;
use super::{GameArgs, Setup, TournamentArgs};
use crate::files::Staging;
use crate::sim::{InputError, Strategy};

pub fn run(args: &TournamentArgs) -> Result<(), InputError> {
    let mut set = args.set.clone();
    if let Some(noise) = args.noise {
        set.push(noise_setting(noise)?);
    }
    let setup = Setup::from_args(&GameArgs {
        continuation: args.continuation,
        opening: Vec::new(),
        scenario: args.scenario.clone(),
        turns: args.turns,
        ai: Vec::new(),
        set,
    })?;
    let strategies = parse_strategies(&args.strategies)?;
    check_count(
        "--repetitions",
        args.repetitions as usize,
        10_000,
        "repetitions",
    )?;
    check_seeds(args.repetitions as usize, args.seed, "repetitions")?;
    let workers = workers(args.jobs)?;
    if let Some(dir) = &args.out {
        ensure_dir(dir)?;
    }
    let pairs = strategies.len() * (strategies.len() + 1) / 2;
    let total = pairs * args.repetitions as usize;
    let bar = progress_bar(total as u64, "matches", args.quiet);
    // matches.csv is written as the matches finish; the rest once the standings are known.
    let mut staging = Staging::default();
    let mut matches = match &args.out {
        Some(dir) => Some(CsvFile::create(
            &mut staging,
            &dir.join("matches.csv"),
            &MATCHES_HEADER,
        )?),
        None => None,
    };
    let t = play(
        &workers,
        &setup,
        &strategies,
        args.repetitions,
        args.seed,
        |m| {
            if let Some(csv) = &mut matches {
                csv.row(&tables::match_row(&strategies, m));
            }
        },
        |done| bar.set_position(done as u64),
    )?;
    bar.finish_and_clear();
    print_ranking(&t, &setup);
    if let Some(dir) = &args.out {
        let ranked: Vec<(String, f64)> = t
            .ranking
            .iter()
            .map(|s| (s.strategy.name().to_string(), s.mean_score))
            .collect();
        let ranking_svg = bars(
            &format!(
                "Tournament on {}: mean score per turn",
                setup.rules.scenario.title
            ),
            "mean score per turn played",
            &ranked,
        )
        .map_err(|e| InputError::new("ranking.svg", e))?;
        let names: Vec<String> = t.strategies.iter().map(|s| s.name().to_string()).collect();
        let payoffs_svg = heat_map(
            "Pairwise payoffs",
            "mean score per turn played of the row's strategy against the column's",
            &names,
            &t.pairwise,
        )
        .map_err(|e| InputError::new("payoffs.svg", e))?;
        let about = About {
            scenario: setup.rules.scenario.id.clone(),
            title: setup.rules.scenario.title.clone(),
            turns: t.turns,
            repetitions: args.repetitions,
            seed: args.seed,
            noise: setup.rules.scenario.params.execution_noise,
            strategies: names.clone(),
            score_per_turn: SCORE_PER_TURN.to_string(),
            made_with: made_with(&setup, args, &names),
        };
        if let Some(csv) = matches {
            csv.finish()?;
        }
        let files = [
            (
                dir.join("tournament.json"),
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(&about).expect("always serialises")
                ),
            ),
            (dir.join("ranking.csv"), tables::ranking_csv(&t)),
            (dir.join("ranking.svg"), ranking_svg),
            (dir.join("payoffs.svg"), payoffs_svg),
        ];
        for (path, text) in &files {
            staging.write(path, text.as_bytes())?;
        }
        staging.commit()?;
        say(format!(
            "wrote tournament.json, matches.csv, ranking.csv, ranking.svg and payoffs.svg in {}",
            dir.display()
        ));
    }
    Ok(())
}

/// `tournament.json`: the settings, the scoring rule and how to make it again.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct About {
    pub scenario: String,
    pub title: String,
    pub turns: u32,
    pub repetitions: u32,
    pub seed: u64,
    pub noise: f64,
    pub strategies: Vec<String>,
    pub score_per_turn: String,
    pub made_with: MadeWith,
}

fn made_with(setup: &Setup, args: &TournamentArgs, names: &[String]) -> MadeWith {
    let command = [
        "--strategies".to_string(),
        names.join(","),
        "--repetitions".into(),
        args.repetitions.to_string(),
        "--seed".into(),
        args.seed.to_string(),
    ];
    setup.made_with(
        "tournament",
        &command,
        args.seed,
        u64::from(args.repetitions),
    )
}

/// `--noise P` as a scenario override.
pub fn noise_setting(noise: f64) -> Result<String, InputError> {
    if !(0.0..=1.0).contains(&noise) {
        return Err(InputError::new(
            format!("--noise {noise}"),
            "expected a probability from 0 to 1",
        ));
    }
    Ok(format!("params.execution_noise={noise}"))
}

/// The names a `--strategies` list stands for: names (and aliases) separated by commas, each of
/// which may be `all` or a group (`classic`, `axelrod_1980`, `evolution_of_trust`:
/// `strategy::GROUPS`), which stands for its strategies.
pub fn expand_strategies(list: &str) -> Vec<String> {
    let mut out = Vec::new();
    for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if item == "all" {
            out.extend(Strategy::names().into_iter().map(String::from));
        } else if let Some(names) = crate::sim::play::strategy::group(item) {
            out.extend(names.into_iter().map(String::from));
        } else {
            out.push(item.to_string());
        }
    }
    out
}

/// Why a strategy name is unknown, with what would do.
pub fn unknown_strategy(name: &str) -> String {
    let groups: Vec<&str> = crate::sim::play::strategy::GROUPS
        .iter()
        .map(|(g, _)| *g)
        .collect();
    let aliases: Vec<&str> = crate::sim::play::strategy::ALIASES
        .iter()
        .map(|(a, _)| *a)
        .collect();
    format!(
        "unknown strategy `{name}`; expected `all`, a group ({}), or names from: {} (or the aliases {})",
        groups.join(", "),
        Strategy::names().join(", "),
        aliases.join(", ")
    )
}

/// `all`, a group, or a comma-separated list of strategy names (`expand_strategies`); a
/// strategy named twice (under an alias, say) enters once.
pub fn parse_strategies(list: &str) -> Result<Vec<Strategy>, InputError> {
    let mut out = Vec::new();
    for name in expand_strategies(list) {
        let s = Strategy::from_name(&name).ok_or_else(|| {
            InputError::new(format!("--strategies {list}"), unknown_strategy(&name))
        })?;
        if !out.contains(&s) {
            out.push(s);
        }
    }
    if out.is_empty() {
        return Err(InputError::new(
            format!("--strategies {list}"),
            "expected at least one strategy",
        ));
    }
    Ok(out)
}

fn print_ranking(t: &Tournament, setup: &Setup) {
    say(format!(
        "Round robin on {}: {}, {} of {} (noise {}); score per turn: {SCORE_PER_TURN}",
        setup.rules.scenario.id,
        count(t.strategies.len() as u64, "strategy", "strategies"),
        count(t.matches as u64, "match", "matches"),
        setup.length_words(),
        setup.rules.scenario.params.execution_noise
    ));
    setup.header_lines().into_iter().for_each(say);
    if setup.rules.scenario.params.continuation < 1.0 {
        let (mean, [lo, hi]) = t.mean_length();
        say(format!(
            "  the matches lasted {mean:.1} turns on average (95% interval {lo:.1}–{hi:.1}), the longest {}",
            t.longest
        ));
    }
    say(format!(
        "{:>4}  {:<24} {:>14} {:>6} {:>12}",
        "rank", "strategy", "score/turn", "wins", "cooperation"
    ));
    for (i, s) in t.ranking.iter().enumerate() {
        say(format!(
            "{:>4}  {:<24} {:>14.3} {:>6} {:>11.1}%",
            i + 1,
            s.strategy.name(),
            s.mean_score,
            s.wins,
            s.cooperation * 100.0
        ));
    }
}

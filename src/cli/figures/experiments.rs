//! The experiments behind every figure the docs quote, each run exactly as the command the docs
//! show runs it (the same setup, engine and seeds), and the figures they give, by id.

use crate::cli::GameArgs;
use crate::cli::options::workers;
use crate::cli::setup::Setup;
use crate::cli::totals::{Totals, wilson};
use crate::cli::tournament::{self, parse_strategies};
use crate::sim::play::run::stream_games;
use crate::sim::{InputError, Regime, run_plan};
use std::collections::BTreeMap;

/// One `detente batch SCENARIO --games N` with its options.
struct Batch {
    /// The figures' prefix: `2013.tft` gives `2013.tft.mas`, `2013.tft.mas_ci`, ….
    id: String,
    scenario: &'static str,
    ai: Vec<String>,
    set: Vec<String>,
    opening: Vec<String>,
    turns: Option<u32>,
    games: usize,
}

fn batch(id: &str, scenario: &'static str, ai: &[&str], set: &[&str]) -> Batch {
    Batch {
        id: id.into(),
        scenario,
        ai: ai.iter().map(|s| s.to_string()).collect(),
        set: set.iter().map(|s| s.to_string()).collect(),
        opening: Vec::new(),
        turns: None,
        games: 1000,
    }
}

/// The nations of each scenario the docs' tables play from, with the strategies they compare.
pub const SEATS: [(&str, &str); 6] = [
    ("reset_2013", "usa"),
    ("reset_2013", "rus"),
    ("cold_war_1962", "usa"),
    ("cold_war_1962", "ussr"),
    ("multipolar_2030", "usa"),
    ("nuclear_club_2026", "usa"),
];

/// Unconditional cooperation, GRIT and reciprocity, each with the dove's verification.
pub const CHALLENGERS: [&str; 3] = ["always_cooperate:dove", "grit:dove", "tit_for_tat:dove"];

fn batches() -> Vec<Batch> {
    let tft = ["usa=tit_for_tat", "rus=tit_for_tat"];
    let mut list = vec![
        batch("2013.tft", "reset_2013", &tft, &[]),
        batch("2013.tft.opaque", "reset_2013", &tft, &["transparency=0"]),
        batch("2013.tft.clear", "reset_2013", &tft, &["transparency=100"]),
        batch(
            "2013.alld",
            "reset_2013",
            &["usa=always_defect", "rus=always_defect"],
            &[],
        ),
        batch(
            "1962.grit",
            "cold_war_1962",
            &["usa=grit", "ussr=tit_for_tat"],
            &[],
        ),
        batch(
            "1962.tft",
            "cold_war_1962",
            &["usa=tit_for_tat", "ussr=tit_for_tat"],
            &[],
        ),
        Batch {
            turns: Some(60),
            ..batch(
                "1962.grit.60",
                "cold_war_1962",
                &["usa=grit", "ussr=tit_for_tat"],
                &[],
            )
        },
    ];
    for (id, opening) in [
        ("md.deploy", "usa=deploy_missile_defense"),
        ("md.cancel", "usa=cancel_interceptor_program"),
        ("md.fusion", "usa=propose_joint_fusion_center"),
        ("md.hold", "usa=hold"),
        ("md.own", ""),
    ] {
        list.push(Batch {
            opening: (!opening.is_empty())
                .then(|| opening.to_string())
                .into_iter()
                .collect(),
            ..batch(id, "reset_2013", &[], &[])
        });
    }
    for (scenario, seat) in SEATS {
        for strategy in CHALLENGERS {
            let id = format!("vs.{scenario}.{seat}.{}", strategy.replace(':', "."));
            list.push(batch(&id, scenario, &[&format!("{seat}={strategy}")], &[]));
        }
    }
    list
}

/// The figures of one batch: each outcome's share (`.mas`, `.mad`, `.cat`, `.uns`, as
/// `56.0%`), the MAS share's 95% Wilson interval (`.mas_ci`, as `52.9–59.1%`), and MAD with
/// catastrophe (`.bad`).
fn run_batch(b: &Batch, figures: &mut BTreeMap<String, String>) -> Result<(), InputError> {
    let setup = Setup::from_args(&GameArgs {
        continuation: None,
        scenario: b.scenario.into(),
        turns: b.turns,
        ai: b.ai.clone(),
        opening: b.opening.clone(),
        set: b.set.clone(),
    })?;
    let plan = setup.plan(false, 0);
    let mut totals = Totals::new(setup.rules.nation_count());
    stream_games(
        &workers(None)?,
        &setup.rules,
        &plan,
        1,
        b.games,
        |g| totals.add(&g),
        |_| {},
    );
    let share = |r: Regime| totals.count(r) as f64 / totals.games.max(1) as f64;
    for (name, regime) in [
        ("mas", Regime::Mas),
        ("mad", Regime::Mad),
        ("cat", Regime::Catastrophe),
        ("uns", Regime::Unsettled),
    ] {
        figures.insert(format!("{}.{name}", b.id), percent(share(regime)));
    }
    figures.insert(
        format!("{}.bad", b.id),
        percent(share(Regime::Mad) + share(Regime::Catastrophe)),
    );
    let [lo, hi] = wilson(totals.count(Regime::Mas), totals.games);
    figures.insert(
        format!("{}.mas_ci", b.id),
        format!("{:.1}–{:.1}%", lo * 100.0, hi * 100.0),
    );
    Ok(())
}

/// `56.0%`: a share (0..1) to one decimal of a percent.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A score with a true minus sign: `2.711`, `−3.80`.
fn signed(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    s.strip_prefix('-')
        .map_or(s.clone(), |rest| format!("−{rest}"))
}

/// "first", "second", … "twelfth", then "13th", "21st", "32nd": a place (0-based) in a
/// ranking.
pub fn ordinal(place: usize) -> String {
    const NAMES: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ];
    if let Some(name) = NAMES.get(place) {
        return name.to_string();
    }
    let n = place + 1;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `detente simulate prisoners_dilemma` with two strategies: each side's score.
fn prisoners(
    id: &str,
    ai: [&str; 2],
    figures: &mut BTreeMap<String, String>,
) -> Result<(), InputError> {
    let setup = Setup::from_args(&GameArgs {
        continuation: None,
        scenario: "prisoners_dilemma".into(),
        turns: None,
        ai: ai.iter().map(|s| s.to_string()).collect(),
        opening: Vec::new(),
        set: Vec::new(),
    })?;
    let plan = setup.plan(false, 0);
    let g = run_plan(&setup.rules, &plan, 1);
    for (side, score) in ["blue", "red"].iter().zip(&g.scores) {
        figures.insert(format!("{id}.{side}"), format!("{score:.0}"));
    }
    Ok(())
}

/// `detente tournament SCENARIO --strategies LIST --repetitions R [--noise P]`: each
/// strategy's score per turn (`.score.NAME`) and place (`.place.NAME`, "first"), and the
/// winner's name (`.winner`).
fn round_robin(
    id: &str,
    scenario: &str,
    strategies: &str,
    repetitions: u32,
    set: &[&str],
    decimals: usize,
    figures: &mut BTreeMap<String, String>,
) -> Result<(), InputError> {
    let setup = Setup::from_args(&GameArgs {
        continuation: None,
        scenario: scenario.into(),
        turns: None,
        ai: Vec::new(),
        opening: Vec::new(),
        set: set.iter().map(|s| s.to_string()).collect(),
    })?;
    let list = parse_strategies(strategies)?;
    let t = tournament::play(
        &workers(None)?,
        &setup,
        &list,
        repetitions,
        1,
        |_| {},
        |_| {},
    )?;
    for (place, s) in t.ranking.iter().enumerate() {
        let name = s.strategy.name();
        figures.insert(format!("{id}.score.{name}"), signed(s.mean_score, decimals));
        figures.insert(format!("{id}.place.{name}"), ordinal(place));
    }
    if let Some(first) = t.ranking.first() {
        figures.insert(
            format!("{id}.winner"),
            first.strategy.name().replace('_', " "),
        );
    }
    Ok(())
}

/// The twelve strategies of experiment 5: the textbook nine, the alternator, random and GRIT.
pub const TEXTBOOK: &str = "classic,alternator,random,grit";

/// Every figure, by id, and how many experiments gave them; `progress` gets the experiments
/// done so far.
pub fn compute(
    mut progress: impl FnMut(usize, usize),
) -> Result<BTreeMap<String, String>, InputError> {
    let mut figures = BTreeMap::new();
    let batches = batches();
    let total = batches.len() + 7;
    prisoners(
        "pd.tft_alld",
        ["blue=tit_for_tat", "red=always_defect"],
        &mut figures,
    )?;
    prisoners(
        "pd.tft_tft",
        ["blue=tit_for_tat", "red=tit_for_tat"],
        &mut figures,
    )?;
    progress(2, total);
    round_robin(
        "axelrod",
        "prisoners_dilemma",
        TEXTBOOK,
        5,
        &[],
        3,
        &mut figures,
    )?;
    progress(3, total);
    round_robin(
        "axelrod.noisy",
        "prisoners_dilemma",
        TEXTBOOK,
        20,
        &["params.execution_noise=0.05"],
        3,
        &mut figures,
    )?;
    progress(4, total);
    round_robin(
        "coldwar",
        "cold_war_1962",
        "always_defect,tit_for_tat,grudger",
        6,
        &[],
        2,
        &mut figures,
    )?;
    progress(5, total);
    round_robin(
        "axelrod1980",
        "prisoners_dilemma",
        "axelrod_1980",
        5,
        &[],
        3,
        &mut figures,
    )?;
    progress(6, total);
    super::evolution::compute(&mut figures)?;
    progress(7, total);
    for (k, b) in batches.iter().enumerate() {
        run_batch(b, &mut figures)?;
        progress(8 + k, total);
    }
    Ok(figures)
}

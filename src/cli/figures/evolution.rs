//! The experiments of the classroom's chapters on Axelrod's first tournament, the shadow of the
//! future and the evolution of strategies (`docs/classroom.md`, experiments 6 to 8), run as
//! the commands there run them, and their figures by id.

use super::experiments::percent;
use crate::cli::evolve::population::parse_population;
use crate::cli::evolve::{Settings, evolve, vary};
use crate::cli::options::workers;
use crate::cli::setup::{MAX_TURNS, Setup};
use crate::cli::sweep::parse_vary;
use crate::cli::tournament::{parse_strategies, play};
use crate::cli::{Dynamics, GameArgs};
use crate::sim::InputError;
use std::collections::BTreeMap;

fn game(scenario: &str, set: &[&str], turns: Option<u32>, w: Option<f64>) -> GameArgs {
    GameArgs {
        scenario: scenario.into(),
        set: set.iter().map(|s| s.to_string()).collect(),
        turns,
        continuation: w,
        ..Default::default()
    }
}

fn settings(dynamics: Dynamics, generations: usize, repetitions: u32, matches: u32) -> Settings {
    Settings {
        dynamics,
        generations,
        repetitions,
        matches,
        replace: 5,
        selection: 1.0,
        seed: 1,
    }
}

/// Every figure of the three experiments.
pub fn compute(figures: &mut BTreeMap<String, String>) -> Result<(), InputError> {
    let workers = workers(None)?;
    // `detente tournament prisoners_dilemma --strategies tit_for_tat --continuation 0.99654
    // --repetitions 1000`: the mean length of the matches, with its 95% interval.
    let setup = Setup::from_args(&game("prisoners_dilemma", &[], None, Some(0.99654)))?;
    let list = parse_strategies("tit_for_tat")?;
    let t = play(&workers, &setup, &list, 1000, 1, |_| {}, |_| {})?;
    let (mean, [lo, hi]) = t.mean_length();
    figures.insert("shadow.length".into(), format!("{mean:.1}"));
    figures.insert("shadow.length_ci".into(), format!("{lo:.1}–{hi:.1}"));
    figures.insert("shadow.longest".into(), t.longest.to_string());
    // `detente evolve prisoners_dilemma --strategies grudger=0.99,always_defect=0.01 --vary
    // params.continuation=0.1..0.9:0.1 --matches 1000 --generations 200`.
    let population = parse_population("grudger=0.99,always_defect=0.01", None, false)?;
    let spec = parse_vary("params.continuation=0.1..0.9:0.1")?;
    let setups = vary::setups(
        &game("prisoners_dilemma", &[], Some(MAX_TURNS), None),
        &spec,
    )?;
    let (swept, _) = vary::sweep(
        &workers,
        &spec,
        setups,
        &population,
        &settings(Dynamics::Ecological, 200, 1000, 1000),
        true,
    )?;
    for (w, shares) in swept.values.iter().zip(&swept.final_shares) {
        figures.insert(format!("shadow.grudger.{w}"), percent(shares[0]));
    }
    // `detente evolve prisoners_dilemma --strategies axelrod_1980`: who survives.
    let setup = Setup::from_args(&game("prisoners_dilemma", &[], None, None))?;
    let population = parse_population("axelrod_1980", None, false)?;
    let e = evolve(
        &workers,
        &setup,
        &population,
        &settings(Dynamics::Ecological, 50, 1000, 5),
        true,
    )?;
    let end = e.shares.last().cloned().unwrap_or_default();
    for (name, share) in population.names.iter().zip(&end) {
        figures.insert(format!("eco.1980.{name}"), percent(*share));
    }
    let survivors = end.iter().filter(|&&s| s >= 0.001).count();
    figures.insert("eco.1980.survivors".into(), survivors.to_string());
    // `detente evolve prisoners_dilemma --dynamics moran --strategies
    // tit_for_tat=10,always_defect=10 --population 20`: fixation with its interval.
    let population = parse_population("tit_for_tat=10,always_defect=10", None, true)?;
    let e = evolve(
        &workers,
        &setup,
        &population,
        &settings(Dynamics::Moran, 10_000, 1000, 5),
        true,
    )?;
    if let Some(fix) = &e.fixation {
        figures.insert("moran.tft".into(), percent(fix[0].probability));
        figures.insert(
            "moran.tft_ci".into(),
            format!(
                "{:.1}–{:.1}%",
                fix[0].ci95[0] * 100.0,
                fix[0].ci95[1] * 100.0
            ),
        );
    }
    // The Evolution of Trust: its story population without mistakes, and its default one
    // with and without them (`--noise 0`), seed 1.
    let generations = |noise: &str, strategies: &str| -> Result<Vec<(String, f64)>, InputError> {
        let setup = Setup::from_args(&game(
            "evolution_of_trust",
            &[&format!("params.execution_noise={noise}")],
            None,
            None,
        ))?;
        let population = parse_population(strategies, None, true)?;
        let e = evolve(
            &workers,
            &setup,
            &population,
            &settings(Dynamics::Generations, 50, 1000, 5),
            true,
        )?;
        let end = e.shares.last().cloned().unwrap_or_default();
        Ok(population.names.into_iter().zip(end).collect())
    };
    for (id, noise, strategies) in [
        ("et.story", "0", "cooperator=15,cheater=5,copycat=5"),
        ("et.clean", "0", "evolution_of_trust"),
        ("et.noisy", "0.05", "evolution_of_trust"),
    ] {
        for (name, share) in generations(noise, strategies)? {
            figures.insert(format!("{id}.{name}"), percent(share));
        }
    }
    Ok(())
}

//! The Evolution of Trust's loop (Case 2017): every player plays one match against every other,
//! the `replace` players with the lowest totals are removed and the `replace` with the highest
//! are copied once each. The matches are the engine's, as in a tournament.

use crate::cli::Setup;
use crate::cli::tournament::pairing;
use crate::sim::Strategy;
use crate::sim::play::run::{Workers, stream_matches};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

/// The matches each generation plays among `players` players: one per pair.
pub fn matches_per_generation(players: usize) -> usize {
    players * players.saturating_sub(1) / 2
}

/// Plays `generations` generations from `start` (head counts per strategy) and returns the
/// head counts after each one, the start first. Generation `g`'s match `k` (pairs in order of
/// the players, who are sorted by strategy) is played on seed `seed + g·P + k`, where `P` is
/// `matches_per_generation` (the caller has checked that the seeds do not pass `u64::MAX`).
/// Ties for the worst and best places are broken at random, from stream 2 of a generator seeded
/// with `seed`. `progress` gets the generations done.
pub fn play(
    workers: &Workers,
    setup: &Setup,
    strategies: &[Strategy],
    start: &[usize],
    generations: usize,
    replace: usize,
    seed: u64,
    mut progress: impl FnMut(usize),
) -> Vec<Vec<usize>> {
    let plan = setup.plan(false, 0);
    let mut counts = start.to_vec();
    let mut history = vec![counts.clone()];
    let mut ties = ChaCha8Rng::seed_from_u64(seed);
    ties.set_stream(2);
    for g in 0..generations {
        let players: Vec<usize> = counts
            .iter()
            .enumerate()
            .flat_map(|(s, &c)| std::iter::repeat_n(s, c))
            .collect();
        let mut pairs = Vec::with_capacity(matches_per_generation(players.len()));
        for a in 0..players.len() {
            for b in a + 1..players.len() {
                pairs.push((a, b));
            }
        }
        let first = seed.wrapping_add((g * pairs.len()) as u64);
        let lineup = |k: usize| {
            let (a, b) = pairs[k];
            Some(pairing(
                setup,
                strategies[players[a]],
                strategies[players[b]],
            ))
        };
        let mut totals = vec![0.0; players.len()];
        stream_matches(
            workers,
            &setup.rules,
            &plan,
            pairs.len(),
            &|k| first.wrapping_add(k as u64),
            &lineup,
            |m| {
                let (a, b) = pairs[m.index];
                totals[a] += m.scores[0];
                totals[b] += m.scores[1];
            },
            |_| {},
        );
        // Best first; equal totals in a random order.
        let mut order: Vec<usize> = (0..players.len()).collect();
        order.shuffle(&mut ties);
        order.sort_by(|&x, &y| totals[y].total_cmp(&totals[x]));
        let k = replace.min(players.len() / 2);
        for &best in &order[..k] {
            counts[players[best]] += 1;
        }
        for &worst in &order[order.len() - k..] {
            counts[players[worst]] -= 1;
        }
        history.push(counts.clone());
        progress(g + 1);
    }
    history
}

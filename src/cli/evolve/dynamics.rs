//! The population dynamics on a payoff table, pure arithmetic: the ecological (discrete
//! replicator) dynamics and the Moran process. `payoff[i][j]` is what a player of strategy `i`
//! scores against one of strategy `j` (`Payoffs`, from the tournament's matches).

use rand::Rng;

/// Shares after each generation of the ecological dynamics (Axelrod 1984, ch. 3; the discrete
/// replicator dynamics of Taylor & Jonker 1978): with `x` the shares and `V` the payoff table,
/// a strategy's fitness is `f_i = Σ_j x_j V[i][j]`, and its next share is `x_i f_i / Σ_k x_k f_k`.
/// Returns `generations + 1` rows, the starting shares first (each row sums to 1).
///
/// A strategy left without fitness: the dynamics need fitnesses above 0.
#[derive(Debug, Clone, PartialEq)]
pub struct Unfit {
    /// The generation (1-based) whose fitness it is, for the ecological dynamics.
    pub generation: usize,
    /// The strategy's index.
    pub strategy: usize,
    pub fitness: f64,
}

/// Errors: a fitness of 0 or less (the dynamics need positive payoffs) (`Unfit`).
pub fn ecological(
    payoff: &[Vec<f64>],
    start: &[f64],
    generations: usize,
) -> Result<Vec<Vec<f64>>, Unfit> {
    let total: f64 = start.iter().sum();
    let mut x: Vec<f64> = start.iter().map(|s| s / total).collect();
    let mut rows = vec![x.clone()];
    for g in 1..=generations {
        let fitness: Vec<f64> = payoff
            .iter()
            .map(|row| row.iter().zip(&x).map(|(v, xj)| v * xj).sum())
            .collect();
        if let Some(i) = (0..x.len()).find(|&i| x[i] > 0.0 && fitness[i] <= 0.0) {
            return Err(Unfit {
                generation: g,
                strategy: i,
                fitness: fitness[i],
            });
        }
        let mean: f64 = x.iter().zip(&fitness).map(|(a, f)| a * f).sum();
        x = x.iter().zip(&fitness).map(|(a, f)| a * f / mean).collect();
        rows.push(x.clone());
    }
    Ok(rows)
}

/// One run of the Moran process (Moran 1958; frequency-dependent, Nowak et al. 2004): a
/// population of `counts.iter().sum()` players. Each step one player is chosen to reproduce
/// with probability proportional to its fitness `1 - w + w·π`, where `π` is its mean payoff
/// against the *other* players and `w` the intensity of selection, and one player, chosen
/// uniformly (it may be the parent), is replaced by the offspring. Runs until one strategy is
/// all the population, or `max_steps`.
pub struct MoranRun {
    /// The strategy that fixed, or `None` if none had after `max_steps`.
    pub fixed: Option<usize>,
    /// Steps taken.
    pub steps: u64,
    /// The counts after every `record_every` steps (the start first), up to fixation.
    pub counts: Vec<Vec<usize>>,
}

/// Plays one Moran run (`MoranRun`). `w` is in [0, 1].
///
/// Errors: a fitness below 0 (`1 - w + w·π` with a negative payoff) (`Unfit`, generation 0).
pub fn moran(
    payoff: &[Vec<f64>],
    start: &[usize],
    w: f64,
    max_steps: u64,
    record_every: u64,
    rng: &mut impl Rng,
) -> Result<MoranRun, Unfit> {
    let mut counts = start.to_vec();
    let n: usize = counts.iter().sum();
    let mut recorded = vec![counts.clone()];
    let mut steps = 0;
    let fixed_now = |c: &[usize]| c.iter().position(|&k| k == n);
    while fixed_now(&counts).is_none() && steps < max_steps {
        // Each strategy's total fitness: its count times one player's fitness.
        let weights: Vec<f64> = (0..counts.len())
            .map(|i| {
                if counts[i] == 0 {
                    return Ok(0.0);
                }
                let others: f64 = (0..counts.len())
                    .map(|j| (counts[j] - usize::from(i == j)) as f64 * payoff[i][j])
                    .sum();
                let fitness = 1.0 - w + w * others / (n - 1) as f64;
                if fitness < 0.0 {
                    return Err(Unfit {
                        generation: 0,
                        strategy: i,
                        fitness,
                    });
                }
                Ok(counts[i] as f64 * fitness)
            })
            .collect::<Result<_, Unfit>>()?;
        let parent = pick(&weights, &counts, rng);
        let mut victim = rng.random_range(0..n);
        let dies = counts
            .iter()
            .position(|&c| {
                if victim < c {
                    true
                } else {
                    victim -= c;
                    false
                }
            })
            .unwrap_or(0);
        counts[dies] -= 1;
        counts[parent] += 1;
        steps += 1;
        if steps % record_every.max(1) == 0 {
            recorded.push(counts.clone());
        }
    }
    if recorded.last() != Some(&counts) {
        recorded.push(counts.clone());
    }
    Ok(MoranRun {
        fixed: fixed_now(&counts),
        steps,
        counts: recorded,
    })
}

/// A strategy drawn in proportion to `weights`; uniformly by head count when they are all 0.
fn pick(weights: &[f64], counts: &[usize], rng: &mut impl Rng) -> usize {
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        let mut k = rng.random_range(0..counts.iter().sum::<usize>());
        for (i, &c) in counts.iter().enumerate() {
            if k < c {
                return i;
            }
            k -= c;
        }
        return 0;
    }
    let mut r = rng.random::<f64>() * total;
    for (i, &wt) in weights.iter().enumerate() {
        if r < wt {
            return i;
        }
        r -= wt;
    }
    weights.iter().rposition(|&wt| wt > 0.0).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    /// Always cooperate, always defect and tit for tat over 10 turns of the textbook
    /// prisoner's dilemma (5, 3, 1, 0), per turn: tit for tat loses 5 on the first turn
    /// against always defect, then both score 1.
    fn three() -> Vec<Vec<f64>> {
        vec![
            vec![3.0, 0.0, 3.0],
            vec![5.0, 1.0, 1.4],
            vec![3.0, 0.9, 3.0],
        ]
    }

    #[test]
    fn ecological_dynamics_reproduce_a_case_worked_by_hand() {
        let rows = ecological(&three(), &[1.0, 1.0, 1.0], 2).unwrap();
        // Generation 1 by hand: fitnesses (3+0+3)/3 = 2, (5+1+1.4)/3 = 37/15, (3+0.9+3)/3 = 2.3;
        // their mean 203/90; shares x·f/mean: 60/203, 74/203, 69/203.
        let one = [60.0 / 203.0, 74.0 / 203.0, 69.0 / 203.0];
        // Generation 2: f = V·x = (3·60 + 3·69, 5·60 + 74 + 1.4·69, 3·60 + 0.9·74 + 3·69)/203
        // = (387, 470.6, 453.6)/203; the mean is (60·387 + 74·470.6 + 69·453.6)/203²
        // = 89342.8/41209; x·f/mean.
        let f2 = [387.0 / 203.0, 470.6 / 203.0, 453.6 / 203.0];
        let mean2 = 89342.8 / 41209.0;
        let two: Vec<f64> = (0..3).map(|i| one[i] * f2[i] / mean2).collect();
        for (row, expected) in [(1, one.to_vec()), (2, two)] {
            for i in 0..3 {
                assert!(
                    (rows[row][i] - expected[i]).abs() < 1e-12,
                    "generation {row}, strategy {i}: {} against {}",
                    rows[row][i],
                    expected[i]
                );
            }
        }
        // Always defect grows first, by feeding on always cooperate; so does tit for tat in
        // the second generation, as the cooperators it does as well as dwindle.
        assert!(rows[2][1] > rows[1][1] && rows[1][1] > rows[0][1]);
        assert!(rows[2][0] < rows[1][0] && rows[2][2] > rows[1][2]);
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn ecological_dynamics_refuse_payoffs_that_give_no_fitness() {
        let e = ecological(&[vec![0.0, 0.0], vec![1.0, 1.0]], &[1.0, 1.0], 3).unwrap_err();
        assert_eq!((e.generation, e.strategy, e.fitness), (1, 0, 0.0));
    }

    /// With every payoff equal the process is neutral: a strategy fixes with the probability
    /// of its starting share (Moran 1958).
    #[test]
    fn a_neutral_moran_process_fixes_each_strategy_at_its_starting_share() {
        let equal = vec![vec![3.0; 2]; 2];
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let runs = 2000;
        let mut first = 0;
        for _ in 0..runs {
            let run = moran(&equal, &[5, 15], 1.0, 1_000_000, 20, &mut rng).unwrap();
            first += usize::from(run.fixed == Some(0));
        }
        let [lo, hi] = crate::cli::totals::wilson(first, runs);
        assert!(lo <= 0.25 && 0.25 <= hi, "fixed {first} of {runs}");
    }

    #[test]
    fn a_moran_run_ends_when_one_strategy_is_everyone() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let run = moran(&three(), &[4, 3, 3], 1.0, 1_000_000, 1, &mut rng).unwrap();
        let last = run.counts.last().unwrap();
        let fixed = run.fixed.unwrap();
        assert_eq!(last[fixed], 10);
        assert_eq!(run.counts.len() as u64, run.steps + 1);
        assert!(run.counts.iter().all(|c| c.iter().sum::<usize>() == 10));
        // Under strong selection always defect beats the unconditional cooperators it feeds on.
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let defector_wins = (0..300)
            .filter(|_| {
                let run = moran(&three()[..2], &[5, 5], 1.0, 1_000_000, 1000, &mut rng).unwrap();
                run.fixed == Some(1)
            })
            .count();
        assert!(defector_wins > 250, "{defector_wins} of 300");
    }
}

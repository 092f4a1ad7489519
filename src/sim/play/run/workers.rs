//! The worker threads of every run — batch, tournament, sweep — as one rayon pool, and the one
//! way runs use it: jobs run on the pool, and their results come back to the calling thread in
//! the order of the jobs, so outputs are the same whatever the number of threads.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::mpsc;

/// A pool of worker threads: `--jobs` of them, or one per core.
pub struct Workers {
    pool: rayon::ThreadPool,
}

/// What a job tells the calling thread.
enum Report<T, P> {
    Progress(P),
    Done(usize, T),
    Panicked(Box<dyn std::any::Any + Send>),
}

impl Workers {
    /// A pool of `threads` worker threads, or for `None` one per core (or `RAYON_NUM_THREADS`,
    /// when the environment sets it). The caller bounds
    /// `threads` (`cli::options::workers` allows 1 to 256). Errors when the system will not
    /// start the threads.
    pub fn new(threads: Option<usize>) -> Result<Workers, rayon::ThreadPoolBuildError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.unwrap_or(0))
            .thread_name(|k| format!("detente-worker-{k}"))
            .build()?;
        Ok(Workers { pool })
    }

    /// The number of worker threads.
    pub fn threads(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// Runs `job(k, report)` for every `k` in `0..count` on the worker threads and hands each
    /// result to `each` on the calling thread, in the order of `k`, as soon as it and every one
    /// before it are done. At most `ahead` jobs (at least one) are started beyond the last one
    /// handed on, so a slow job never makes the results of many later ones pile up in memory.
    /// What a job passes to `report` reaches `progress` on the calling thread as it happens. A
    /// job that panics makes this panic, on the calling thread, once it is noticed. Not to be
    /// called from one of this pool's jobs: the calling thread waits, and would hold a worker.
    pub fn in_order<T: Send, P: Send>(
        &self,
        count: usize,
        ahead: usize,
        job: impl Fn(usize, &dyn Fn(P)) -> T + Sync,
        mut each: impl FnMut(T),
        mut progress: impl FnMut(P),
    ) {
        debug_assert!(
            self.pool.current_thread_index().is_none(),
            "in_order called from a job of its own pool"
        );
        let (tx, rx) = mpsc::channel::<Report<T, P>>();
        let job = &job;
        self.pool.in_place_scope(|scope| {
            let start = |k: usize| {
                let tx = tx.clone();
                scope.spawn(move |_| {
                    let report = |p: P| {
                        let _ = tx.send(Report::Progress(p));
                    };
                    let _ = tx.send(match catch_unwind(AssertUnwindSafe(|| job(k, &report))) {
                        Ok(result) => Report::Done(k, result),
                        Err(panic) => Report::Panicked(panic),
                    });
                });
            };
            let mut started = count.min(ahead.max(1));
            (0..started).for_each(start);
            let mut waiting = BTreeMap::new();
            let mut next = 0;
            while next < count {
                // `tx` lives until the scope ends, so the channel stays open while jobs remain.
                let report = rx.recv().expect("the sender outlives the jobs");
                match report {
                    Report::Progress(p) => progress(p),
                    Report::Done(k, result) => {
                        waiting.insert(k, result);
                        while let Some(result) = waiting.remove(&next) {
                            each(result);
                            next += 1;
                            if started < count {
                                start(started);
                                started += 1;
                            }
                        }
                    }
                    Report::Panicked(panic) => resume_unwind(panic),
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Results come back in job order though the jobs finish in another, and never more than
    /// `ahead` jobs run beyond the last one handed on.
    #[test]
    fn results_come_back_in_order_with_bounded_lookahead() {
        let workers = Workers::new(Some(4)).unwrap();
        assert_eq!(workers.threads(), 4);
        let handed = AtomicUsize::new(0);
        let mut seen = Vec::new();
        let mut reports = 0;
        workers.in_order(
            40,
            3,
            |k, report| {
                // Later jobs finish first.
                std::thread::sleep(std::time::Duration::from_micros(((40 - k) * 50) as u64));
                assert!(
                    k < handed.load(Ordering::SeqCst) + 3,
                    "job {k} started too early"
                );
                report(1);
                k * k
            },
            |r| {
                seen.push(r);
                handed.fetch_add(1, Ordering::SeqCst);
            },
            |n: usize| reports += n,
        );
        assert_eq!(seen, (0..40).map(|k| k * k).collect::<Vec<_>>());
        assert_eq!(reports, 40);
    }

    #[test]
    fn a_panicking_job_panics_the_caller_instead_of_hanging() {
        let workers = Workers::new(Some(2)).unwrap();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            workers.in_order(
                5,
                2,
                |k, _: &dyn Fn(())| {
                    assert_ne!(k, 3, "job 3 fails");
                    k
                },
                |_| {},
                |_| {},
            )
        }));
        assert!(outcome.is_err());
    }
}

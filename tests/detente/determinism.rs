//! Must show 1: the same scenario, seed and strategies give byte-identical JSON; other seeds
//! give other histories.

use crate::common::{detente, scenario, succeeds, temp_dir};

fn simulate_json(seed: &str, path: &std::path::Path) -> Vec<u8> {
    let out = detente(&[
        "simulate",
        &scenario("reset_2013"),
        "--seed",
        seed,
        "--ai",
        "usa=tit_for_tat",
        "--ai",
        "rus=grudger:hawk",
        "--quiet",
        "--json",
        path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(path).expect("json written")
}

#[test]
fn same_seed_gives_byte_identical_json() {
    let dir = temp_dir("determinism");
    let a = simulate_json("42", &dir.join("a.json"));
    let b = simulate_json("42", &dir.join("b.json"));
    assert!(
        a.len() > 10_000,
        "a whole history is written ({} bytes)",
        a.len()
    );
    assert_eq!(a, b);
}

#[test]
fn different_seeds_give_different_histories() {
    let dir = temp_dir("seeds");
    let histories: Vec<serde_json::Value> = (1..=3)
        .map(|seed| {
            let bytes = simulate_json(&seed.to_string(), &dir.join(format!("{seed}.json")));
            serde_json::from_slice::<serde_json::Value>(&bytes).unwrap()["history"].clone()
        })
        .collect();
    assert_ne!(histories[0], histories[1]);
    assert_ne!(histories[1], histories[2]);
    assert_ne!(histories[0], histories[2]);
}

#[test]
fn json_has_the_documented_shape() {
    let dir = temp_dir("shape");
    let bytes = simulate_json("7", &dir.join("g.json"));
    let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(v["scenario"], "reset_2013");
    assert_eq!(v["seed"], 7);
    assert!(["MAS", "MAD", "Catastrophe", "Unsettled"].contains(&v["outcome"].as_str().unwrap()));
    let turns = v["turns"].as_u64().unwrap();
    assert_eq!(v["history"].as_array().unwrap().len() as u64, turns);
    assert!(v["scores"]["usa"].is_number() && v["scores"]["rus"].is_number());
    let first = &v["history"][0];
    for key in [
        "regime",
        "risk",
        "nations",
        "relations",
        "moves",
        "perceived",
        "events",
    ] {
        assert!(!first[key].is_null(), "turn records carry {key}");
    }
    assert_eq!(first["moves"].as_array().unwrap().len(), 2);
    assert_eq!(first["perceived"].as_array().unwrap().len(), 2);
}

/// One pool of worker threads serves the batch, the tournament and the sweep, and how many
/// threads it has changes no output: the same files with one thread and with three (a batch
/// and a tournament of three chunks each, so that chunks finish out of order).
#[test]
fn the_number_of_worker_threads_changes_no_output() {
    let runs: [(&[&str], &[&str]); 3] = [
        (
            &["batch", "reset_2013", "--games", "2500", "--quiet"],
            &["games.csv"],
        ),
        (
            &[
                "tournament",
                "prisoners_dilemma",
                "--repetitions",
                "30",
                "--quiet",
            ],
            &["matches.csv", "ranking.csv"],
        ),
        (
            &[
                "sweep",
                "reset_2013",
                "--vary",
                "transparency=0..100:25",
                "--games",
                "200",
                "--quiet",
            ],
            &["sweep.csv"],
        ),
    ];
    for (args, files) in runs {
        let dirs: Vec<_> = ["1", "3"]
            .iter()
            .map(|jobs| {
                let dir = temp_dir(&format!("jobs-{}-{jobs}", args[0]));
                let mut all = args.to_vec();
                all.extend(["--jobs", jobs, "--out", dir.to_str().unwrap()]);
                succeeds(&all);
                dir
            })
            .collect();
        for file in files {
            let one = std::fs::read(dirs[0].join(file)).unwrap();
            let three = std::fs::read(dirs[1].join(file)).unwrap();
            assert!(!one.is_empty(), "{file}");
            assert!(
                one == three,
                "{} {file} differs with 1 and 3 threads",
                args[0]
            );
        }
    }
}

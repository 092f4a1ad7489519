//! Issue 14, must show 5: bad input to `evolve` and `--continuation` gets a clear error, exit
//! code 2, and writes nothing.

use crate::common::{detente, fails, succeeds, temp_dir, walk};

/// Must show 5: bad input gets a clear error, exit code 2, and no files.
#[test]
fn bad_evolve_and_continuation_input_is_refused_and_writes_nothing() {
    let dir = temp_dir("evolve-bad");
    let out = dir.join("out");
    let o = out.to_str().unwrap();
    for (args, says) in [
        (
            vec!["evolve", "prisoners_dilemma", "--dynamics", "nope"],
            "nope",
        ),
        (
            vec!["evolve", "prisoners_dilemma", "--continuation", "1"],
            "from 0 up to (not including) 1",
        ),
        (
            vec!["evolve", "prisoners_dilemma", "--continuation=-0.1"],
            "--continuation -0.1",
        ),
        (
            vec!["tournament", "prisoners_dilemma", "--continuation", "1.5"],
            "--continuation 1.5",
        ),
        (
            vec!["simulate", "prisoners_dilemma", "--continuation", "NaN"],
            "--continuation NaN",
        ),
        (
            vec![
                "batch",
                "prisoners_dilemma",
                "--games",
                "3",
                "--continuation",
                "1",
            ],
            "not including",
        ),
        (
            vec![
                "evolve",
                "prisoners_dilemma",
                "--dynamics",
                "generations",
                "--population",
                "8",
                "--replace",
                "5",
            ],
            "a population of 8 can replace 1 to 4",
        ),
        (
            vec![
                "evolve",
                "prisoners_dilemma",
                "--dynamics",
                "generations",
                "--strategies",
                "copycat=2,cheater=1",
                "--replace",
                "2",
            ],
            "a population of 3 can replace only 1 player",
        ),
        (
            vec![
                "evolve",
                "prisoners_dilemma",
                "--dynamics",
                "moran",
                "--population",
                "3",
            ],
            "too few for the 8 strategies",
        ),
        (
            vec![
                "evolve",
                "prisoners_dilemma",
                "--strategies",
                "copycat,tit_for_tat",
            ],
            "are one strategy",
        ),
        (
            vec![
                "evolve",
                "prisoners_dilemma",
                "--strategies",
                "copycat,nobody",
            ],
            "unknown strategy `nobody`",
        ),
        (vec!["evolve", "multipolar_2030"], "two-nation"),
        (
            vec![
                "evolve",
                "prisoners_dilemma",
                "--dynamics",
                "moran",
                "--selection",
                "2",
            ],
            "--selection 2",
        ),
        (
            vec![
                "evolve",
                "prisoners_dilemma",
                "--vary",
                "params.continuation=0.1..0.9:0.1",
                "--continuation",
                "0.5",
            ],
            "give it to one of them",
        ),
        (
            vec![
                "evolve",
                "prisoners_dilemma",
                "--vary",
                "params.execution_noise=0.5..1.5:0.5",
            ],
            "at params.execution_noise=1.5",
        ),
        (
            vec![
                "evolve",
                "prisoners_dilemma",
                "--vary",
                "params.continuation=0.5..1:0.25",
            ],
            "expected values from 0 up to (not including) 1",
        ),
        (
            vec![
                "evolve",
                "prisoners_dilemma",
                "--set",
                "params.continuation=0.7",
                "--vary",
                "params.continuation=0.1..0.5:0.2",
            ],
            "give it to one of them",
        ),
        (
            vec![
                "evolve",
                "prisoners_dilemma",
                "--noise",
                "0.1",
                "--vary",
                "params.execution_noise=0..0.2:0.1",
            ],
            "give it to one of them",
        ),
        (
            vec![
                "evolve",
                "prisoners_dilemma",
                "--vary",
                "nonsense.key=0..1:0.5",
            ],
            "unknown key",
        ),
        (
            vec!["evolve", "prisoners_dilemma", "--replace", "3"],
            "--dynamics ecological does not use it",
        ),
        (
            vec!["evolve", "prisoners_dilemma", "--population", "30"],
            "does not use it",
        ),
        (
            vec![
                "evolve",
                "evolution_of_trust",
                "--dynamics",
                "generations",
                "--matches",
                "7",
            ],
            "--dynamics generations does not use it",
        ),
        (
            vec!["evolve", "prisoners_dilemma", "--selection", "0.5"],
            "it is for --dynamics moran",
        ),
        (
            vec!["tournament", "prisoners_dilemma", "--noise", "-0.1"],
            "--noise -0.1",
        ),
        (
            vec!["tournament", "prisoners_dilemma", "--continuation", "-0.5"],
            "--continuation -0.5",
        ),
        (
            vec![
                "evolve",
                "prisoners_dilemma",
                "--dynamics",
                "generations",
                "--strategies",
                "all",
            ],
            "(the default) are too few",
        ),
        (
            vec![
                "sweep",
                "prisoners_dilemma",
                "--games",
                "2",
                "--vary",
                "params.continuation=0..0.5:0.5",
                "--continuation",
                "0.5",
            ],
            "give it to one of them",
        ),
        // Negative payoffs leave the ecological dynamics without fitness.
        (
            vec![
                "evolve",
                "evolution_of_trust",
                "--strategies",
                "cooperator=1,cheater=20",
            ],
            "cooperator has fitness",
        ),
    ] {
        let mut with_out = args.clone();
        with_out.extend(["--out", o]);
        if args[0] == "simulate" {
            with_out.truncate(args.len());
        }
        let err = fails(&with_out);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(
            !out.exists() || walk(&out).is_empty(),
            "{args:?} wrote {:?}",
            walk(&out)
        );
    }
    // A continuation from 0 up to 1 is taken by every command.
    let printed = succeeds(&[
        "simulate",
        "prisoners_dilemma",
        "--continuation",
        "0",
        "--quiet",
    ]);
    assert!(!printed.is_empty());
    let out = detente(&["evolve", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--dynamics",
        "--continuation",
        "--replace",
        "--vary",
        "--selection",
    ] {
        assert!(help.contains(flag), "{flag}");
    }
}

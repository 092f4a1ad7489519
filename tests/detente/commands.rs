//! The command line at its edges: numbers checked before use, outputs and keys given twice,
//! an interrupted run, and the game asked for where there is no display.

use crate::common::{fails, succeeds, temp_dir};

/// Fault 6: counts, ranges and seeds are checked before use: too many values is refused with
/// the limit, exit code 2 and no files, in a release build as in the tests.
#[test]
fn numbers_from_the_command_line_are_checked_before_use() {
    let dir = temp_dir("numbers");
    let out = dir.join("D");
    let o = out.to_str().unwrap();
    let err = fails(&[
        "sweep",
        "prisoners_dilemma",
        "--vary",
        "params.trust.gain=0..100:1e-300",
        "--games",
        "1",
        "--turns",
        "1",
        "--out",
        o,
    ]);
    assert!(err.contains("expected at most 10000"), "{err}");
    let err = fails(&[
        "sweep",
        "reset_2013",
        "--vary",
        "transparency=0..100:0.1",
        "--vary",
        "params.trust.loss=0..100:0.1",
        "--games",
        "1",
        "--out",
        o,
    ]);
    assert!(err.contains("points; expected at most 10000"), "{err}");
    for (args, expected) in [
        (
            vec![
                "batch",
                "reset_2013",
                "--games",
                "2",
                "--seed",
                "18446744073709551615",
            ],
            "the last seed would pass 18446744073709551615",
        ),
        (
            vec!["batch", "reset_2013", "--games", "1", "--jobs", "100000"],
            "expected 1 to 256 threads",
        ),
        (
            vec![
                "tournament",
                "prisoners_dilemma",
                "--repetitions",
                "3",
                "--seed",
                "18446744073709551614",
            ],
            "expected a first seed of at most 18446744073709551613",
        ),
        (
            vec![
                "sweep",
                "reset_2013",
                "--vary",
                "transparency=0..10:5",
                "--games",
                "3",
                "--seed",
                "18446744073709551615",
            ],
            "the last seed would pass",
        ),
        (
            vec![
                "sweep",
                "reset_2013",
                "--vary",
                "transparency=0..1e300:1e299",
                "--games",
                "1",
            ],
            "expected FROM and TO between",
        ),
    ] {
        let mut args = args.clone();
        args.extend(["--out", o]);
        let err = fails(&args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    assert!(!out.exists(), "no files for refused commands");
    // The last possible seed is fine.
    succeeds(&[
        "batch",
        "reset_2013",
        "--games",
        "1",
        "--seed",
        "18446744073709551615",
        "--quiet",
    ]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Two outputs of one command naming the same file, and a sweep varying one key twice or
/// setting the key it varies, are refused before anything runs.
#[test]
fn outputs_and_keys_given_twice_are_refused() {
    let dir = temp_dir("twice");
    let same = dir.join("out.json");
    let s = same.to_str().unwrap();
    let err = fails(&["simulate", "reset_2013", "--json", s, "--csv", s]);
    assert!(err.contains("--json writes that file already"), "{err}");
    let err = fails(&["simulate", "reset_2013", "--json", s, "--save", s]);
    assert!(err.contains("--json writes that file already"), "{err}");
    assert!(!same.exists());
    let err = fails(&[
        "sweep",
        "reset_2013",
        "--vary",
        "trust=0..100:50",
        "--vary",
        "trust=0..100:50",
        "--games",
        "1",
    ]);
    assert!(err.contains("trust is varied twice"), "{err}");
    let err = fails(&[
        "sweep",
        "reset_2013",
        "--vary",
        "trust=0..100:50",
        "--set",
        "trust=10",
        "--games",
        "1",
    ]);
    assert!(err.contains("the key that --vary trust varies"), "{err}");
    let err = fails(&[
        "sweep",
        "reset_2013",
        "--vary",
        "transparency=0..150:50",
        "--games",
        "1",
    ]);
    assert!(
        err.starts_with("error: --vary transparency=0..150:50: at transparency=150:"),
        "{err}"
    );
}

/// An interrupted batch (Ctrl-C) removes the temporary files it was writing, and writes none
/// of its outputs.
#[test]
fn an_interrupted_batch_leaves_no_temporary_behind() {
    let dir = temp_dir("interrupted");
    let out = dir.join("D");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_detente"))
        .args([
            "batch",
            "reset_2013",
            "--games",
            "5000000",
            "--quiet",
            "--out",
        ])
        .arg(&out)
        .spawn()
        .unwrap();
    // Wait for games.csv's temporary to appear, then interrupt.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !walk_names(&out).iter().any(|n| n.ends_with(".tmp")) {
        assert!(
            std::time::Instant::now() < deadline,
            "no temporary appeared"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // The shell's own `kill`, as Ctrl-C would send it.
    let killed = std::process::Command::new("sh")
        .args(["-c", &format!("kill -INT {}", child.id())])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert_eq!(
        walk_names(&out),
        Vec::<String>::new(),
        "nothing left in {}",
        out.display()
    );
}

fn walk_names(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Without a display the game says so and exits with code 2, before any window is tried.
#[cfg(feature = "desktop")]
#[test]
fn the_game_without_a_display_says_so() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(["play", "reset_2013"])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no display"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Output into a pipe nobody reads (`detente check … | head -1` once `head` has quit) ends the
/// command quietly, never with a panic: every command that prints, tried with its standard
/// output closed before it writes.
#[test]
fn a_closed_pipe_on_standard_output_is_not_a_panic() {
    let commands: [&[&str]; 5] = [
        &["strategies"],
        &["scenarios"],
        &["check", "reset_2013"],
        &["simulate", "reset_2013", "--seed", "2"],
        &["batch", "reset_2013", "--games", "50"],
    ];
    for args in commands {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_detente"))
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the detente binary runs");
        // Close the pipe's only reader before the command writes a line.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("it ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{args:?}: {stderr}");
    }
}

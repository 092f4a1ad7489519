//! Issue 4, must show 2 and 5: a transparency sweep with reciprocating strategies shows the MAS
//! share rising; bad ranges and keys are refused with no output left behind.

use crate::common::{detente, temp_dir};

fn column(csv: &str, name: &str) -> Vec<f64> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = header.iter().position(|h| *h == name).unwrap();
    lines
        .map(|l| l.split(',').nth(at).unwrap().parse().unwrap())
        .collect()
}

#[test]
fn more_transparency_means_more_stability_for_reciprocators() {
    let dir = temp_dir("sweep");
    let out = detente(&[
        "sweep",
        "reset_2013",
        "--vary",
        "transparency=0..100:20",
        "--games",
        "400",
        "--ai",
        "usa=tit_for_tat",
        "--ai",
        "rus=tit_for_tat",
        "--quiet",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = std::fs::read_to_string(dir.join("sweep.csv")).unwrap();
    assert_eq!(
        column(&csv, "transparency"),
        vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
    );
    let mas = column(&csv, "mas");
    // Monotone within noise: no step down by more than 5 points, and a large rise overall.
    for w in mas.windows(2) {
        assert!(w[1] >= w[0] - 0.05, "{mas:?}");
    }
    assert!(mas[5] - mas[0] > 0.4, "{mas:?}");
    let shares: Vec<f64> = ["mas", "mad", "catastrophe", "unsettled"]
        .iter()
        .map(|c| column(&csv, c)[2])
        .collect();
    assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-3);
    let svg = std::fs::read_to_string(dir.join("sweep.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("transparency"));
}

#[test]
fn two_parameters_make_a_phase_map() {
    let dir = temp_dir("phase");
    let out = detente(&[
        "sweep",
        "reset_2013",
        "--vary",
        "transparency=0..100:50",
        "--vary",
        "params.trust.loss=4..12:4",
        "--games",
        "50",
        "--quiet",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = std::fs::read_to_string(dir.join("sweep.csv")).unwrap();
    assert!(csv.starts_with("transparency,params.trust.loss,games,mas,"));
    assert_eq!(csv.lines().count(), 1 + 3 * 3);
    assert!(
        std::fs::read_to_string(dir.join("phase.svg"))
            .unwrap()
            .contains("<svg")
    );
}

#[test]
fn bad_sweeps_are_refused_and_leave_no_files() {
    let dir = temp_dir("sweep-bad");
    let out_dir = dir.join("out");
    let cases: &[(&str, &str)] = &[
        ("transparency=100..0:10", "range is empty"),
        ("transparency=0..100:0", "positive STEP"),
        ("transparency=0..100", "step"),
        ("transparency", "KEY=FROM..TO:STEP"),
        ("transparency=a..100:10", "number for FROM"),
        ("params.trust.nonsense=0..10:5", "nonsense"),
        ("transparency=0..1000:10", "transparency"),
    ];
    for (vary, expected) in cases {
        let out = detente(&[
            "sweep",
            "reset_2013",
            "--vary",
            vary,
            "--games",
            "10",
            "--out",
            out_dir.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{vary}: {stderr}");
        assert!(stderr.contains(expected), "{vary}: {stderr}");
        assert!(!out_dir.join("sweep.csv").exists(), "{vary}");
    }
}

/// A value the scenario refuses is blamed on the --vary that gave it, with the value, when two
/// parameters are varied.
#[test]
fn a_refused_value_names_its_vary() {
    let dir = temp_dir("sweep-blame");
    let out = detente(&[
        "sweep",
        "reset_2013",
        "--vary",
        "trust=0..100:50",
        "--vary",
        "transparency=0..1000:500",
        "--games",
        "10",
        "--out",
        dir.join("out").to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--vary transparency=0..1000:500")
            && stderr.contains("at transparency=500"),
        "{stderr}"
    );
    assert!(!stderr.contains("--vary trust"), "{stderr}");
}

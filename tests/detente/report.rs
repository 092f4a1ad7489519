//! Issue 4, must show 3 and 5: `report` turns each kind of output into one HTML page whose SVGs
//! are well formed; a wrong or missing input is refused and leaves nothing behind.

use crate::common::{detente, temp_dir, walk};
use std::path::Path;

/// Checks that every tag in `xml` is closed in order (enough to catch a truncated or
/// interleaved SVG).
fn assert_well_formed(xml: &str) {
    let mut open: Vec<String> = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').expect("a tag is closed") + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('?') || tag.starts_with('!') || tag.ends_with('/') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(
                open.pop().as_deref(),
                Some(name.trim()),
                "mismatched </{name}>"
            );
        } else {
            let name = tag.split_whitespace().next().unwrap_or_default();
            open.push(name.to_string());
        }
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
}

fn svgs_of(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(a) = rest.find("<svg") {
        let b = rest[a..].find("</svg>").expect("an svg ends") + a + 6;
        out.push(&rest[a..b]);
        rest = &rest[b..];
    }
    out
}

fn report_of(path: &Path) -> String {
    let out = detente(&["report", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = if path.is_dir() {
        path.join("report.html")
    } else {
        path.with_extension("html")
    };
    let html = std::fs::read_to_string(page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert!(!html.contains("<script"), "no scripts, no network");
    assert!(html.contains("base64,"), "the font is embedded");
    html
}

#[test]
fn every_kind_of_output_makes_a_report_with_well_formed_charts() {
    let dir = temp_dir("report");
    let game = dir.join("game");
    std::fs::create_dir_all(&game).unwrap();
    let json = game.join("g.json");
    let ok = |args: &[&str]| {
        let out = detente(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ok(&[
        "simulate",
        "reset_2013",
        "--seed",
        "3",
        "--quiet",
        "--json",
        json.to_str().unwrap(),
    ]);
    let batch = dir.join("batch");
    ok(&[
        "batch",
        "reset_2013",
        "--games",
        "50",
        "--quiet",
        "--out",
        batch.to_str().unwrap(),
    ]);
    let tour = dir.join("tour");
    ok(&[
        "tournament",
        "prisoners_dilemma",
        "--strategies",
        "tit_for_tat,always_defect,grit",
        "--repetitions",
        "2",
        "--quiet",
        "--out",
        tour.to_str().unwrap(),
    ]);
    let sweep = dir.join("sweep");
    ok(&[
        "sweep",
        "reset_2013",
        "--vary",
        "transparency=0..100:50",
        "--games",
        "20",
        "--quiet",
        "--out",
        sweep.to_str().unwrap(),
    ]);
    for (path, charts, words) in [
        (json.as_path(), 4, "Turning points"),
        (batch.as_path(), 5, "Trajectories"),
        (tour.as_path(), 2, "Head to head"),
        (sweep.as_path(), 1, "mas_ci95_low"),
    ] {
        let html = report_of(path);
        let svgs = svgs_of(&html);
        assert_eq!(svgs.len(), charts, "{}", path.display());
        for svg in svgs {
            assert_well_formed(svg);
        }
        assert!(html.contains(words), "{}: {words}", path.display());
    }
}

#[test]
fn a_wrong_or_missing_input_is_refused_and_writes_nothing() {
    let dir = temp_dir("report-bad");
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let not_a_game = dir.join("x.json");
    std::fs::write(&not_a_game, "{\"turns\": 3}").unwrap();
    let torn = dir.join("torn");
    std::fs::create_dir_all(&torn).unwrap();
    std::fs::write(
        torn.join("sweep.csv"),
        "transparency,games,mas\n0,10,zero\n",
    )
    .unwrap();
    let mixed = dir.join("mixed");
    std::fs::create_dir_all(&mixed).unwrap();
    std::fs::write(mixed.join("summary.json"), "{}").unwrap();
    std::fs::write(mixed.join("sweep.csv"), "transparency,games\n").unwrap();
    for (path, expected) in [
        (mixed.clone(), "holds the output of more than one command"),
        (dir.join("missing"), "no such file or directory"),
        (empty.clone(), "expected the output directory"),
        (not_a_game.clone(), "x.json:1:"),
        (torn.clone(), "sweep.csv"),
    ] {
        let out = detente(&["report", path.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", path.display());
        assert!(stderr.contains(expected), "{}: {stderr}", path.display());
    }
    let left: Vec<_> = walk(&dir);
    assert!(
        !left
            .iter()
            .any(|p| p.extension().is_some_and(|x| x == "html")
                || p.to_string_lossy().contains(".tmp")),
        "{left:?}"
    );
}

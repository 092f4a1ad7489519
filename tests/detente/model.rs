//! The mechanisms of the source in the model, measured: Richardson with missile defense
//! against its closed form, the missile-defense story of 2013, naive play against the
//! computer's opportunists, one arms scale, and docs whose every figure the model gives.

use crate::common::{figure, figures, interval, setup};
use detente::sim::Plan;
use detente::sim::scenario::scale::arms_of_warheads;

/// Must show 1. A stripped two-nation game (exact beliefs, frozen trust, no events, no risk,
/// both holding every turn) settles where the extended Richardson equations put it:
/// `x* = (a·h + n·g)/(m·n − a·b)`, `y* = (b·g + m·h)/(m·n − a·b)`, with Richardson's reaction
/// `a = k_x`, fatigue `m = a_x`, and grievance `g = g_x·(1 − trust_x/100) + k_x·threat·MD_y`
/// (and the same for y with `b`, `n`, `h`).
#[test]
fn richardson_with_missile_defense_settles_at_the_closed_form() {
    let (kx, ax, gx, ky, ay, gy) = (0.05, 0.12, 4.0, 0.07, 0.10, 2.0);
    let (trust_x, trust_y, threat) = (40.0, 60.0, 0.5);
    let steady = |md_x: f64, md_y: f64| {
        let set = [
            "params.perception.sigma=0".to_string(),
            "params.trust.gain=0".into(),
            "params.trust.loss=0".into(),
            "params.trust.drift=0".into(),
            "params.risk.base=0".into(),
            format!("params.defense.threat={threat}"),
            format!("nations.blue.missile_defense={md_x}"),
            format!("nations.red.missile_defense={md_y}"),
            format!("relations.trust={trust_x}"),
            "nations.blue.arms=10".into(),
            "nations.red.arms=10".into(),
        ];
        let set: Vec<&str> = set.iter().map(String::as_str).collect();
        let mut s = setup("prisoners_dilemma", &[], &set, Some(600));
        // Per nation: blue is x, red is y; red trusts blue more than blue trusts red.
        let sc = &mut s.rules.scenario;
        sc.nations[0].richardson = Some(detente::sim::scenario::Richardson {
            k: kx,
            a: ax,
            g: gx,
        });
        sc.nations[1].richardson = Some(detente::sim::scenario::Richardson {
            k: ky,
            a: ay,
            g: gy,
        });
        sc.relations.pairs = vec![detente::sim::scenario::PairSpec {
            from: "red".into(),
            to: "blue".into(),
            trust: Some(trust_y),
            transparency: None,
            hotline: false,
        }];
        let rules = detente::sim::Rules::new(s.rules.scenario.clone());
        let plan = Plan {
            controllers: rules.default_controllers(),
            turns: 600,
            record: true,
            trajectories: 0,
            openings: Vec::new(),
        };
        let g = detente::sim::run_plan(&rules, &plan, 1);
        assert_eq!(g.turns, 600, "no exchange ends the stripped game");
        // The record rounds arms to 0.001; the mean of the final state is exact.
        let last = g.history.as_ref().and_then(|h| h.last()).expect("recorded");
        (
            last.nations[0].arms,
            last.nations[1].arms,
            g.final_state.mean_arms,
        )
    };
    let closed_form = |md_x: f64, md_y: f64| {
        let (a, m, b, n) = (kx, ax, ky, ay);
        let g = gx * (1.0 - trust_x / 100.0) + kx * threat * md_y;
        let h = gy * (1.0 - trust_y / 100.0) + ky * threat * md_x;
        let d = m * n - a * b;
        ((a * h + n * g) / d, (b * g + m * h) / d)
    };
    for (md_x, md_y) in [(0.0, 0.0), (40.0, 20.0), (0.0, 60.0)] {
        let (x, y) = closed_form(md_x, md_y);
        assert!(
            x > 0.0 && x < 100.0 && y > 0.0 && y < 100.0,
            "inside the index"
        );
        let (sx, sy, mean) = steady(md_x, md_y);
        eprintln!(
            "missile defense {md_x}/{md_y}: closed form x* {x:.4}, y* {y:.4}; simulated {sx:.4}, {sy:.4}"
        );
        assert!(
            (sx - x).abs() < 1e-3 && (sy - y).abs() < 1e-3,
            "simulated arms {sx}, {sy} against the closed form's {x}, {y}"
        );
        assert!((mean - (x + y) / 2.0).abs() < 1e-9, "mean {mean}");
    }
    // With no missile defense the closed form is Richardson's own, x* = (a·h + n·g)/(mn − ab):
    // here g = 4·0.6 = 2.4, h = 2·0.4 = 0.8, mn − ab = 0.012 − 0.0035 = 0.0085, so
    // x* = (0.05·0.8 + 0.10·2.4)/0.0085 = 32.94 and y* = (0.07·2.4 + 0.12·0.8)/0.0085 = 31.06.
    let (x, y) = closed_form(0.0, 0.0);
    assert!((x - (0.05 * 0.8 + 0.10 * 2.4) / 0.0085).abs() < 1e-9);
    assert!((x - 32.941_176).abs() < 1e-5 && (y - 31.058_823).abs() < 1e-5);
}

/// Must show 2. From reset_2013 with the same strategies and seeds, the United States opening
/// with missile defense, with cancelling an interceptor program, or with a joint fusion center
/// gives MAS shares whose 95% intervals do not overlap, in the order the source argues.
#[test]
fn missile_defense_cancellation_and_a_fusion_center_order_the_mas_shares() {
    let [deploy, cancel, fusion] = ["md.deploy", "md.cancel", "md.fusion"].map(|id| {
        let ci = interval(&format!("{id}.mas_ci"));
        eprintln!(
            "{id}: MAS {:.3}, 95% interval {ci:?}",
            figure(&format!("{id}.mas"))
        );
        ci
    });
    assert!(
        deploy[1] < cancel[0],
        "deploy {deploy:?} below cancel {cancel:?}"
    );
    assert!(
        cancel[1] < fusion[0],
        "cancel {cancel:?} below fusion {fusion:?}"
    );
}

/// Must show 4. Against each two-nation scenario's own computer players, unconditional
/// cooperation reaches MAS less often than GRIT or reciprocity with verification, from either
/// seat; in 1962 from the United States' seat the fog of transparency 10 hides the naive
/// player from the opportunist, and the three are close (the figures are printed).
#[test]
fn naive_cooperation_is_exploited_by_the_computers_opportunists() {
    for (scenario, seat) in detente::cli::figures::SEATS {
        let mas = |strategy: &str| figure(&format!("vs.{scenario}.{seat}.{strategy}.mas"));
        let (naive, grit, tft) = (
            mas("always_cooperate.dove"),
            mas("grit.dove"),
            mas("tit_for_tat.dove"),
        );
        eprintln!(
            "{scenario} as {seat}: always cooperate {naive:.3}, GRIT {grit:.3}, tit for tat {tft:.3}"
        );
        if scenario == "reset_2013" {
            assert!(naive < grit / 2.0 && naive < tft / 2.0, "{scenario} {seat}");
        }
    }
    assert!(
        figure("vs.cold_war_1962.ussr.always_cooperate.dove.mas")
            < figure("vs.cold_war_1962.ussr.grit.dove.mas")
    );
}

/// Every shipped nation's arms are its sourced warheads on the one scale.
#[test]
fn shipped_arms_are_on_one_scale() {
    for name in crate::common::NUCLEAR {
        let s = setup(name, &[], &[], None);
        for n in &s.rules.scenario.nations {
            let w = n.warheads.expect("every nuclear power counts its warheads");
            let on_scale = arms_of_warheads(f64::from(w));
            assert!(
                (n.arms - on_scale).abs() <= 0.5,
                "{name} {}: arms {} but {w} warheads are {on_scale:.1}",
                n.id,
                n.arms
            );
        }
    }
}

/// No agreement alone meets the MAS transparency condition: what an agreement guarantees is
/// below `mas_transparency` in every two-nation scenario, so verification must be kept up.
#[test]
fn no_single_agreement_meets_the_transparency_condition() {
    for name in ["reset_2013", "cold_war_1962"] {
        let s = setup(name, &[], &[], None);
        let sc = &s.rules.scenario;
        let p = &sc.params;
        for m in &sc.moves {
            if let Some(a) = &m.proposes {
                let guaranteed = a
                    .transparency_floor
                    .max(p.transparency.floor + p.transparency.hotline_floor);
                assert!(
                    guaranteed < p.regime.mas_transparency,
                    "{name}: the {} guarantees {guaranteed}",
                    a.name
                );
            }
        }
    }
}

/// Must show 6. Every figure in docs/model.md and docs/classroom.md is what the model gives
/// (`detente docs-figures --check`).
#[test]
fn the_docs_quote_what_the_model_gives() {
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let mut stale = Vec::new();
    for name in detente::cli::figures::DOCS {
        let path = docs.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let (_, changed) = detente::cli::figures::refresh(&path, &text, figures()).unwrap();
        stale.extend(changed.iter().map(|s| s.to_string()));
    }
    assert!(
        stale.is_empty(),
        "run `detente docs-figures`:\n{}",
        stale.join("\n")
    );
}

/// A forced opening is part of the command that made an output, and a sweep checks it at every
/// value it plays, before it writes anything.
#[test]
fn an_opening_is_recorded_and_checked_at_every_value() {
    use crate::common::{detente, fails, scenario, temp_dir};
    let dir = temp_dir("opening-outputs");
    let out = dir.join("batch");
    let run = detente(&[
        "batch",
        &scenario("reset_2013"),
        "--games",
        "5",
        "--opening",
        "usa=cancel_interceptor_program",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let summary = std::fs::read_to_string(out.join("summary.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&summary).unwrap();
    let command = json["made_with"]["command"].as_str().unwrap();
    assert!(
        command.contains("--opening 'usa=cancel_interceptor_program'"),
        "{command}"
    );
    assert_eq!(json["openings"][0], "usa=cancel_interceptor_program");
    // At missile defense 0 there is no program to cancel: the sweep refuses before it writes.
    let swept = dir.join("sweep");
    let err = fails(&[
        "sweep",
        &scenario("reset_2013"),
        "--games",
        "5",
        "--vary",
        "nations.usa.missile_defense=0..40:20",
        "--opening",
        "usa=cancel_interceptor_program",
        "--out",
        swept.to_str().unwrap(),
    ]);
    assert!(err.contains("at nations.usa.missile_defense=0"), "{err}");
    assert!(!swept.exists(), "nothing written");
}

/// Two entries for one agreement are refused: `--set agreements.ID.in_force` names one.
#[test]
fn an_agreement_given_twice_is_refused() {
    let line =
        "(id: \"propose_joint_fusion_center\", parties: (\"usa\", \"rus\"), in_force: false),";
    let path = crate::common::edited_copy(
        "reset_2013",
        "agreements",
        "twice.ron",
        &[(line, &format!("{line}\n        {line}"))],
        &[],
    );
    let err = crate::common::fails(&["check", path.to_str().unwrap()]);
    assert!(
        err.contains("agreement id \"propose_joint_fusion_center\" is defined twice"),
        "{err}"
    );
}

/// A bad `--opening` is refused before any game is played, naming the option and what fits.
#[test]
fn a_bad_opening_is_refused_with_what_would_fit() {
    let sc = crate::common::scenario("reset_2013");
    for (opening, expected) in [
        ("usa", "expected NATION=MOVE"),
        ("fra=hold", "unknown nation \"fra\""),
        ("usa=fly", "unknown move \"fly\"; it may open with:"),
        (
            "usa=escalate",
            "\"escalate\" is not open to usa on the first turn",
        ),
    ] {
        let err = crate::common::fails(&["batch", &sc, "--games", "3", "--opening", opening]);
        assert!(
            err.contains(&format!("--opening {opening}")) && err.contains(expected),
            "{opening}: {err}"
        );
    }
    let err = crate::common::fails(&[
        "batch",
        &sc,
        "--games",
        "3",
        "--opening",
        "usa=hold",
        "--opening",
        "usa=summit",
    ]);
    assert!(err.contains("one --opening per nation"), "{err}");
    let dir = crate::common::temp_dir("opening-save");
    let save = dir.join("match.ron");
    let err = crate::common::fails(&[
        "simulate",
        &sc,
        "--opening",
        "usa=hold",
        "--save",
        save.to_str().unwrap(),
    ]);
    assert!(err.contains("not both"), "{err}");
    assert!(!save.exists(), "nothing is written");
}

/// `docs-figures` on a folder without the docs says which file it cannot read.
#[test]
fn docs_figures_names_a_missing_doc() {
    let dir = crate::common::temp_dir("no-docs");
    let err = crate::common::fails(&["docs-figures", "--check", "--docs", dir.to_str().unwrap()]);
    assert!(
        err.contains("model.md") && err.contains("cannot read"),
        "{err}"
    );
}

//! Must show 3: MAS and MAD emerge from strategy and transparency, 1000 games each.
//!
//! Measured with Détente 0.2.0, whose MAS regime checks that arms are flat or falling (0.1.0's
//! figures in brackets): two tit-for-tat realists in 2013 reach MAS in 56.0% of games (57.7%),
//! at transparency 0 in 22.6% (23.7%), with MAD or catastrophe 31.6% and 64.2%; GRIT against tit
//! for tat from 1962, 14.9% (15.3%); unconditional doves, over 200 games, 89.0% in 2013 (97.0%),
//! 68.5% in 1962 (69.5%), 94.0% in 2030 (96.5%); hawks and defectors never reach MAS. Each bound
//! below keeps a margin of several points under these.

use crate::common::{batch, setup, share};
use detente::sim::Regime::{Catastrophe, Mad, Mas};

const GAMES: usize = 1000;

#[test]
fn reciprocity_reaches_mas_and_opacity_undoes_it() {
    let tft = ["usa=tit_for_tat", "rus=tit_for_tat"];
    let clear = batch(&setup("reset_2013", &tft, &[], None), GAMES, 1);
    let opaque = batch(
        &setup("reset_2013", &tft, &["transparency=0"], None),
        GAMES,
        1,
    );
    let (mas, mas_opaque) = (share(&clear, &[Mas]), share(&opaque, &[Mas]));
    let (bad, bad_opaque) = (
        share(&clear, &[Mad, Catastrophe]),
        share(&opaque, &[Mad, Catastrophe]),
    );
    eprintln!(
        "tit for tat: MAS {mas:.3}, MAD+Catastrophe {bad:.3}; at transparency 0: MAS {mas_opaque:.3}, MAD+Catastrophe {bad_opaque:.3}"
    );
    assert!(
        mas >= 0.5,
        "both tit for tat reach MAS in {mas:.3} of games, expected at least half"
    );
    assert!(
        mas_opaque <= mas / 2.0,
        "transparency 0 gives MAS {mas_opaque:.3}, expected at most half of {mas:.3}"
    );
    assert!(
        bad_opaque > bad,
        "transparency 0 gives MAD+Catastrophe {bad_opaque:.3}, expected more than {bad:.3}"
    );
}

#[test]
fn mutual_defection_never_reaches_mas() {
    let s = setup(
        "reset_2013",
        &["usa=always_defect", "rus=always_defect"],
        &[],
        None,
    );
    let games = batch(&s, GAMES, 1);
    let bad = share(&games, &[Mad, Catastrophe]);
    eprintln!(
        "always defect: MAS {:.3}, MAD+Catastrophe {bad:.3}",
        share(&games, &[Mas])
    );
    assert_eq!(share(&games, &[Mas]), 0.0);
    assert!(
        bad >= 0.8,
        "MAD + Catastrophe {bad:.3}, expected at least 0.8"
    );
}

#[test]
fn grit_can_thaw_the_cold_war() {
    let s = setup(
        "cold_war_1962",
        &["usa=grit", "ussr=tit_for_tat"],
        &[],
        None,
    );
    let games = batch(&s, GAMES, 1);
    let mas = share(&games, &[Mas]);
    eprintln!("grit vs tit for tat from 1962: MAS {mas:.3}");
    assert!(
        mas >= 0.1,
        "GRIT vs tit for tat reaches MAS in {mas:.3} of games, expected at least 0.1"
    );
}

#[test]
fn every_scenario_can_end_either_way() {
    for name in ["reset_2013", "cold_war_1962", "multipolar_2030"] {
        let s = setup(name, &[], &[], None);
        let n = s.rules.nation_count();
        let ids: Vec<String> = s.rules.nation_ids().iter().map(|s| s.to_string()).collect();
        let doves: Vec<String> = ids
            .iter()
            .map(|id| format!("{id}=always_cooperate:dove"))
            .collect();
        let hawks: Vec<String> = ids
            .iter()
            .map(|id| format!("{id}=always_defect:hawk"))
            .collect();
        let good = batch(&setup(name, &refs(&doves), &[], None), 200, 1);
        let bad = batch(&setup(name, &refs(&hawks), &[], None), 200, 1);
        eprintln!(
            "{name} ({n} nations): doves MAS {:.3}, hawks MAD+Catastrophe {:.3}",
            share(&good, &[Mas]),
            share(&bad, &[Mad, Catastrophe])
        );
        assert!(
            share(&good, &[Mas]) > 0.2,
            "{name}: cooperative play reaches MAS"
        );
        assert!(
            share(&bad, &[Mad, Catastrophe]) > 0.8,
            "{name}: hostile play ends in MAD or catastrophe"
        );
    }
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

//! MAS and MAD emerge from strategy and transparency, 1000 games each (the figures are those
//! the docs quote, `common::figures`): reciprocity rises towards MAS with transparency, GRIT
//! thaws the Cold War better than tit for tat, mutual defection never reaches MAS, and every
//! scenario can end either way.

use crate::common::{batch, figure, interval, setup, share};
use detente::sim::Regime::{Catastrophe, Mad, Mas};

const GAMES: usize = 1000;

#[test]
fn reciprocity_rises_towards_mas_with_transparency() {
    let (opaque, start, clear) = (
        figure("2013.tft.opaque.mas"),
        figure("2013.tft.mas"),
        figure("2013.tft.clear.mas"),
    );
    let (bad_opaque, bad) = (figure("2013.tft.opaque.bad"), figure("2013.tft.bad"));
    eprintln!(
        "tit for tat in 2013: MAS {opaque:.3} at transparency 0, {start:.3} as it starts, {clear:.3} at 100; MAD+Catastrophe {bad_opaque:.3} and {bad:.3}"
    );
    assert!(
        interval("2013.tft.opaque.mas_ci")[1] < interval("2013.tft.mas_ci")[0]
            && interval("2013.tft.mas_ci")[1] < interval("2013.tft.clear.mas_ci")[0],
        "MAS rises with transparency"
    );
    assert!(
        opaque <= start / 2.0,
        "transparency 0 gives MAS {opaque:.3}, expected at most half of {start:.3}"
    );
    assert!(
        bad_opaque > bad,
        "transparency 0 gives MAD+Catastrophe {bad_opaque:.3}, expected more than {bad:.3}"
    );
}

#[test]
fn grit_thaws_the_cold_war_better_than_tit_for_tat() {
    let (grit, tft) = (interval("1962.grit.mas_ci"), interval("1962.tft.mas_ci"));
    eprintln!(
        "from 1962: GRIT against tit for tat MAS {:.3} {grit:?}, two tit for tat {:.3} {tft:?}",
        figure("1962.grit.mas"),
        figure("1962.tft.mas")
    );
    assert!(
        tft[1] < grit[0],
        "GRIT's interval {grit:?} above tit for tat's {tft:?}"
    );
    assert!(figure("1962.grit.60.mas") >= figure("1962.grit.mas"));
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
fn every_scenario_can_end_either_way() {
    for name in crate::common::NUCLEAR {
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

//! Must show 4: misperception is real at transparency 0 and absent at 100.

use crate::common::{batch, setup};
use detente::sim::archive::tally::Tally;

fn total(name: &str, set: &[&str]) -> Tally {
    let ai = ["usa=tit_for_tat:realist", "rus=grudger:hawk"];
    let games = batch(&setup(name, &ai, set, Some(20)), 200, 1);
    let mut t = Tally::default();
    for g in &games {
        t.absorb(&g.tally);
    }
    t
}

#[test]
fn opacity_misreads_cooperation_and_hides_secrets() {
    // The floor would lift transparency after the first turn; keep it at 0 throughout.
    let t = total(
        "reset_2013",
        &[
            "transparency=0",
            "params.transparency.floor=0",
            "params.transparency.hotline_floor=0",
        ],
    );
    eprintln!("transparency 0: {t:?}");
    assert!(t.cooperative_readings > 100);
    assert!(
        t.cooperative_seen_hostile > 0,
        "some cooperative moves are read as hostile"
    );
    assert!(t.secret_readings > 0);
    assert!(t.secret_unseen > 0, "some secret moves go unseen");
}

#[test]
fn full_transparency_misreads_nothing() {
    let t = total(
        "reset_2013",
        &["transparency=100", "params.transparency.floor=100"],
    );
    eprintln!("transparency 100: {t:?}");
    assert!(t.public_readings > 1000);
    assert_eq!(t.misread, 0, "no public move is misread");
    assert_eq!(t.cooperative_seen_hostile, 0);
}

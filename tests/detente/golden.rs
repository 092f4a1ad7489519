//! Golden saves: files written by earlier versions of Détente, kept under `tests/golden/`, that
//! every later build must load and replay (or migrate).

use super::session::{active, drain, play, save_of, session};
use detente::sim::Rules;
use detente::sim::session::{ChooseMove, Facilitate, Facilitated, advise};

/// Writes this build's golden saves into `$DETENTE_GOLDEN_OUT`. Run it once for each new save
/// version (`DETENTE_GOLDEN_OUT=tests/golden cargo test --test detente -- --ignored
/// write_golden_saves`) and never again for an old one: the old files are the test.
#[test]
#[ignore]
fn write_golden_saves() {
    let Some(out) = std::env::var_os("DETENTE_GOLDEN_OUT").map(std::path::PathBuf::from) else {
        return;
    };
    let version = detente::sim::save::VERSION;
    // Two people at one computer, cold war, with a facilitator who forces a false alarm into
    // turn 4 and raises the threats' growth; saved in the middle of turn 8 with one move chosen.
    let people = [0, 1];
    let mut app = session("cold_war_1962", &people, 8);
    play(&mut app, &people, 3);
    let card = {
        let rules = app.world().resource::<Rules>();
        rules
            .scenario
            .events
            .iter()
            .position(|e| e.id == "false_alarm")
            .unwrap()
    };
    app.world_mut()
        .write_message(Facilitate::Inject { card, on: true });
    app.world_mut()
        .write_message(Facilitate::SetParam("params.threats.growth=3".into()));
    app.update();
    assert_eq!(drain::<Facilitated>(&mut app).len(), 2);
    play(&mut app, &people, 4);
    let entity = active(&app);
    let action = advise(app.world(), entity, 0).unwrap();
    app.world_mut()
        .write_message(ChooseMove { nation: 0, action });
    app.update();
    let path = out.join(format!("v{version}-hotseat-cold_war_1962.ron"));
    save_of(&app).write(&path).unwrap();
    eprintln!("wrote {}", path.display());
}

//! Every seat screen is drawn from the seat's `SeatView` alone: changing a value the player's
//! nation may not know (the other side's trust, beliefs, budget and score, its true arms when
//! they cannot be verified, how it read the player's move) changes nothing on the board, the
//! reveal or the history; changing one it knows (its own budget) does.

use super::*;
use crate::sim::play::state::{Nations, Relations};
use crate::sim::play::view::verification;

/// Each of the seat screens in turn, with the texts on screen.
fn seat_screens(app: &mut App) -> Vec<(GameView, Vec<String>)> {
    let mut out = Vec::new();
    for v in [GameView::Choosing, GameView::History, GameView::Reveal] {
        app.world_mut().resource_mut::<NextState<GameView>>().set(v);
        settle(app);
        assert_eq!(view(app), v);
        out.push((v, texts(app)));
    }
    out
}

/// Changes every value nation 0 may not know of nation 1, in the match and in the records.
fn change_hidden(app: &mut App) {
    let rules = app.world().resource::<crate::sim::Rules>().clone();
    let entity = app.world().resource::<PlayerView>().entity;
    let verifies = app
        .world()
        .get::<Relations>(entity)
        .unwrap()
        .get(0, 1)
        .transparency
        >= verification(&rules);
    {
        let mut relations = app.world_mut().get_mut::<Relations>(entity).unwrap();
        let theirs = relations.get_mut(1, 0);
        theirs.trust = 3.0;
        theirs.belief = 97.0;
    }
    {
        let mut nations = app.world_mut().get_mut::<Nations>(entity).unwrap();
        nations.0[1].budget += 7.0;
        nations.0[1].score += 11.0;
    }
    let mut view = app.world_mut().resource_mut::<PlayerView>();
    for r in &mut view.records {
        for x in r.relations.iter_mut().filter(|x| x.from == "rus") {
            x.trust = 3.0;
            x.belief = 97.0;
            x.transparency = 1.0;
        }
        r.nations[1].budget += 7.0;
        r.nations[1].score += 11.0;
        if !verifies {
            r.nations[1].arms += 13.0;
        }
        for p in r.perceived.iter_mut().filter(|p| p.observer == "rus") {
            p.misread = !p.misread;
        }
    }
}

#[test]
fn seat_screens_show_nothing_the_seat_may_not_know() {
    let mut app = game();
    let (card, _) = card_one(&mut app);
    click(&mut app, card);
    let end = first::<EndTurnButton>(&mut app);
    click(&mut app, end);
    assert_eq!(turn(&app), 1);
    let before = seat_screens(&mut app);
    change_hidden(&mut app);
    let after = seat_screens(&mut app);
    for ((v, a), (_, b)) in before.iter().zip(&after) {
        assert_eq!(a, b, "{v:?} changed with a value the seat may not know");
    }
    // The control: a value the seat knows, its own budget, shows.
    let entity = app.world().resource::<PlayerView>().entity;
    app.world_mut().get_mut::<Nations>(entity).unwrap().0[0].budget += 7.0;
    let last = app.world().resource::<PlayerView>().records.len() - 1;
    app.world_mut().resource_mut::<PlayerView>().records[last].nations[0].budget += 7.0;
    let known = seat_screens(&mut app);
    assert_ne!(
        known[0].1, after[0].1,
        "the board did not show the seat's own budget"
    );
}

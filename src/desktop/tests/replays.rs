//! Saved games watched as replays: stepping through the turns, playing on from one, and the
//! secrets of a match still in play.

use super::*;

/// Watching a replay, "Play on from here" hands the match back at the turn on screen.
#[test]
fn a_replay_can_be_played_on_from_any_turn() {
    use crate::desktop::screens::watch::{Watching, watch_save};
    let mut app = build("reset_2013", 62, None, &[]);
    for _ in 0..3 {
        press(&mut app, KeyCode::Digit1);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Enter);
    }
    let dir = app.world().resource::<SaveDir>().0.clone().unwrap();
    watch_save(app.world_mut(), &dir.join(crate::desktop::saves::AUTOSAVE)).unwrap();
    settle(&mut app);
    press(&mut app, KeyCode::ArrowRight);
    press(&mut app, KeyCode::KeyN);
    press(&mut app, KeyCode::KeyP);
    assert!(app.world().get_resource::<Watching>().is_none());
    assert_eq!(view(&app), GameView::Choosing);
    assert_eq!(turn(&app), 2);
    assert_eq!(
        app.world().resource::<PlayerView>().player,
        0,
        "back in the person's seat"
    );
    press(&mut app, KeyCode::Digit1);
    press(&mut app, KeyCode::Enter);
    assert_eq!(turn(&app), 3, "the fork plays on");
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

/// A saved game watched as a replay: each turn's reveal, forward and back with the arrow keys.
#[test]
fn a_replay_steps_forward_and_back_through_the_turns() {
    use crate::desktop::screens::watch::{Watching, watch_save};
    let mut app = build("reset_2013", 61, None, &[]);
    for _ in 0..3 {
        press(&mut app, KeyCode::Digit1);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Enter);
    }
    let dir = app.world().resource::<SaveDir>().0.clone().unwrap();
    let autosave = dir.join(crate::desktop::saves::AUTOSAVE);
    let recorded = app.world().resource::<PlayerView>().records.clone();
    watch_save(app.world_mut(), &autosave).unwrap();
    settle(&mut app);
    assert_eq!(view(&app), GameView::Reveal);
    let at = |app: &App| app.world().resource::<Watching>().turn;
    assert_eq!(at(&app), 1);
    press(&mut app, KeyCode::ArrowRight);
    press(&mut app, KeyCode::ArrowRight);
    assert_eq!(at(&app), 3);
    assert_eq!(app.world().resource::<PlayerView>().records, recorded);
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t.starts_with("Replay · turn 3 of 3"))
    );
    press(&mut app, KeyCode::ArrowLeft);
    assert_eq!(at(&app), 2);
    assert_eq!(app.world().resource::<PlayerView>().records, recorded[..3]);
    press(&mut app, KeyCode::ArrowRight);
    press(&mut app, KeyCode::ArrowRight);
    assert_eq!(at(&app), 3, "no turn after the last");
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

/// Plays the first turn of a match of reset_2013 that two people play at one computer, with
/// the facilitator's passphrase `passphrase` (or none), and returns the app and its autosave.
fn hotseat_turn(seed: u64, passphrase: Option<&str>) -> (App, std::path::PathBuf) {
    use crate::desktop::screens::facilitator::FacilitatorAccess;
    let mut app = build("reset_2013", seed, None, &[1]);
    app.insert_resource(FacilitatorAccess {
        always: false,
        unlocked: false,
        guard: passphrase.map(crate::sim::archive::guard::Guard::new),
    });
    play_hotseat_turn(&mut app, 2);
    assert_eq!(turn(&app), 1);
    let dir = app.world().resource::<SaveDir>().0.clone().unwrap();
    (app, dir.join(crate::desktop::saves::AUTOSAVE))
}

fn seat(app: &App) -> usize {
    app.world().resource::<PlayerView>().player
}

/// No side door to a hotseat's secrets, without a passphrase: watching the autosave of a match
/// two people are still playing opens on the first person's seat (as the table's pass screen
/// would); the other person's view and a fork are refused, and say why.
#[test]
fn a_replay_of_a_match_in_play_without_a_passphrase_shows_one_seat_only() {
    use crate::desktop::screens::watch::{Watching, watch_save};
    let (mut app, autosave) = hotseat_turn(71, None);
    watch_save(app.world_mut(), &autosave).unwrap();
    settle(&mut app);
    assert_eq!(seat(&app), 0, "the replay opens on the first person's seat");
    press(&mut app, KeyCode::KeyN);
    assert_eq!(seat(&app), 0, "the other person's view is not shown");
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t.contains("is played by a person and the match is not over"))
    );
    press(&mut app, KeyCode::KeyP);
    assert!(app.world().get_resource::<Watching>().is_some(), "no fork");
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t.contains("several people are playing this match"))
    );
    let _ = std::fs::remove_dir_all(autosave.parent().unwrap().parent().unwrap());
}

/// With a passphrase (the save keeps its hash), a match two people are still playing opens
/// only with it, to watch or to play on, even for `--facilitator`; a wrong one opens nothing.
/// Given, it opens every seat and the fork, and the fork keeps the passphrase.
#[test]
fn a_match_in_play_with_a_passphrase_opens_only_with_it() {
    use crate::desktop::screens::facilitator::FacilitatorAccess;
    use crate::desktop::screens::saves::open_save;
    use crate::desktop::screens::watch::{Watching, watch_save};
    let (mut app, autosave) = hotseat_turn(72, Some("open skies"));
    // Whoever leaves the table: the save opens neither to watch nor to play on.
    for watch in [true, false] {
        let (_, before) = (turn(&app), app.world().resource::<PlayerView>().entity);
        let opened = if watch {
            watch_save(app.world_mut(), &autosave)
        } else {
            open_save(app.world_mut(), &autosave)
        };
        opened.unwrap();
        settle(&mut app);
        assert_eq!(menu(&app), Menu::Passphrase, "watch {watch}");
        assert!(app.world().get_resource::<Watching>().is_none());
        type_text(&mut app, "closed skies");
        press(&mut app, KeyCode::Enter);
        assert_eq!(
            menu(&app),
            Menu::Passphrase,
            "a wrong passphrase opens nothing"
        );
        press(&mut app, KeyCode::Escape);
        assert_eq!(menu(&app), Menu::None);
        assert_eq!(
            app.world().resource::<PlayerView>().entity,
            before,
            "the match on the table is the same"
        );
    }
    // `--facilitator` does not open a save that has a passphrase of its own.
    app.world_mut().resource_mut::<FacilitatorAccess>().always = true;
    watch_save(app.world_mut(), &autosave).unwrap();
    settle(&mut app);
    assert_eq!(menu(&app), Menu::Passphrase);
    type_text(&mut app, "open skies");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.world().get_resource::<Watching>().is_some(),
        "open to watch"
    );
    assert_eq!(seat(&app), 0);
    press(&mut app, KeyCode::KeyN);
    assert_eq!(
        seat(&app),
        1,
        "every seat is open once the passphrase is given"
    );
    press(&mut app, KeyCode::KeyP);
    assert!(app.world().get_resource::<Watching>().is_none(), "forked");
    let access = app.world().resource::<FacilitatorAccess>();
    assert!(
        access
            .guard
            .as_ref()
            .is_some_and(|g| g.verify("open skies"))
    );
    assert!(!access.always, "the fork keeps the save's passphrase");
    let _ = std::fs::remove_dir_all(autosave.parent().unwrap().parent().unwrap());
}

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

/// No side door to a hotseat's secrets: watching the autosave of a match two people are still
/// playing opens on the first person's seat; another seat's view and a fork need the
/// facilitator's passphrase when one was set, and are refused when none was.
#[test]
fn a_replay_of_a_match_still_in_play_keeps_each_seats_secrets() {
    use crate::desktop::saves::AUTOSAVE;
    use crate::desktop::screens::facilitator::FacilitatorAccess;
    use crate::desktop::screens::game::ReadyButton;
    use crate::desktop::screens::watch::{Watching, watch_save};
    for (seed, passphrase) in [(71, None), (72, Some("open skies"))] {
        let mut app = build("reset_2013", seed, None, &[1]);
        app.insert_resource(FacilitatorAccess {
            always: false,
            unlocked: false,
            guard: passphrase.map(crate::sim::guard::Guard::new),
        });
        for _ in 0..2 {
            let ready = first::<ReadyButton>(&mut app);
            click(&mut app, ready);
            press(&mut app, KeyCode::Digit1);
            press(&mut app, KeyCode::Enter);
        }
        assert_eq!(turn(&app), 1);
        let dir = app.world().resource::<SaveDir>().0.clone().unwrap();
        // Someone leaves the table and opens the autosave to watch it.
        watch_save(app.world_mut(), &dir.join(AUTOSAVE)).unwrap();
        settle(&mut app);
        let seat = |app: &App| app.world().resource::<PlayerView>().player;
        assert_eq!(seat(&app), 0, "the replay opens on the first person's seat");
        press(&mut app, KeyCode::KeyN);
        assert_eq!(seat(&app), 0, "the other person's view is not shown");
        match passphrase {
            None => {
                assert!(
                    texts(&mut app)
                        .iter()
                        .any(|t| t.contains("is played by a person and the match is not over")),
                    "{:?}",
                    texts(&mut app)
                );
                press(&mut app, KeyCode::KeyP);
                assert!(app.world().get_resource::<Watching>().is_some(), "no fork");
                assert!(
                    texts(&mut app)
                        .iter()
                        .any(|t| t.contains("several people are playing this match"))
                );
            }
            Some(words) => {
                assert_eq!(menu(&app), Menu::Passphrase);
                type_text(&mut app, "closed skies");
                press(&mut app, KeyCode::Enter);
                assert_eq!(
                    menu(&app),
                    Menu::Passphrase,
                    "a wrong passphrase opens nothing"
                );
                assert_eq!(seat(&app), 0);
                press(&mut app, KeyCode::Escape);
                press(&mut app, KeyCode::KeyP);
                assert_eq!(menu(&app), Menu::Passphrase, "a fork needs it too");
                type_text(&mut app, words);
                press(&mut app, KeyCode::Enter);
                assert!(app.world().get_resource::<Watching>().is_none(), "forked");
            }
        }
        let _ = std::fs::remove_dir_all(dir.parent().unwrap());
    }
}

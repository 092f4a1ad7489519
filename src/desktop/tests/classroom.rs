//! A class at one computer: hotseat secrecy, saves and the load screen, and the facilitator's
//! panel.

use super::*;

/// What the second person sees, from the pass screen to their own board, after the first
/// person chose the card numbered `card` and passed the computer on. Also returns the move
/// the first person chose.
fn second_seat_after_first_chose(card: KeyCode) -> (Vec<String>, Vec<String>, MoveIndex) {
    use crate::desktop::screens::game::ReadyButton;
    let mut app = build("reset_2013", 31, None, &[1]);
    assert_eq!(
        view(&app),
        GameView::Pass,
        "the first person is asked for first"
    );
    assert_eq!(app.world().resource::<PlayerView>().player, 0);
    let ready = first::<ReadyButton>(&mut app);
    click(&mut app, ready);
    assert_eq!(view(&app), GameView::Choosing);
    press(&mut app, card);
    let move_index = app
        .world()
        .resource::<PlayerView>()
        .chosen
        .expect("a card was chosen");
    assert!(texts(&mut app).iter().any(|t| t.contains("pass to Russia")));
    let done = first::<EndTurnButton>(&mut app);
    click(&mut app, done);
    // The sim has the first person's order; the screen no longer does.
    assert_eq!(orders(&app).moves[0], Some(move_index));
    assert_eq!(turn(&app), 0);
    assert_eq!(view(&app), GameView::Pass);
    let pass_screen = texts(&mut app);
    let ready = first::<ReadyButton>(&mut app);
    click(&mut app, ready);
    assert_eq!(view(&app), GameView::Choosing);
    let view_now = app.world().resource::<PlayerView>();
    assert_eq!(view_now.player, 1);
    assert_eq!(view_now.chosen, None);
    let mut board = texts(&mut app);
    let mut marked = app
        .world_mut()
        .query_filtered::<&MoveCard, With<crate::desktop::theme::widgets::Selected>>();
    board.extend(
        marked
            .iter(app.world())
            .map(|c| format!("selected card {}", c.move_index)),
    );
    (pass_screen, board, move_index)
}

/// Hotseat: the second person's screen never shows the first person's choice before the
/// reveal. The pass screen names no move at all, and the second board is the same, text for
/// text and mark for mark, whichever card the first person chose.
#[test]
fn hotseat_keeps_each_choice_secret_until_the_reveal() {
    let (pass_a, board_a, chose_a) = second_seat_after_first_chose(KeyCode::Digit1);
    let (pass_b, board_b, chose_b) = second_seat_after_first_chose(KeyCode::Digit2);
    assert_ne!(chose_a, chose_b);
    let rules = shipped("reset_2013");
    for m in &rules.scenario.moves {
        assert!(
            !pass_a.iter().any(|t| t.contains(&m.name)),
            "the pass screen shows {}",
            m.name
        );
    }
    assert!(pass_a.iter().any(|t| t.contains("Pass the computer to")));
    assert!(pass_a.iter().any(|t| t == "Russia"));
    assert_eq!(pass_a, pass_b);
    assert_eq!(
        board_a, board_b,
        "the second board depends on the first choice"
    );
    assert!(!board_a.iter().any(|t| t.starts_with("You will play")));
}

/// Hotseat, a whole turn: after the second person ends it, the computer goes back to the first,
/// who sees the reveal as the United States perceived it, then their board.
#[test]
fn hotseat_turn_ends_with_each_seat_seeing_its_own_reveal() {
    use crate::desktop::screens::game::ReadyButton;
    let mut app = build("reset_2013", 32, None, &[1]);
    play_hotseat_turn(&mut app, 2);
    assert_eq!(turn(&app), 1, "the turn ended after both seats chose");
    assert_eq!(view(&app), GameView::Pass);
    assert_eq!(app.world().resource::<PlayerView>().player, 0);
    let ready = first::<ReadyButton>(&mut app);
    click(&mut app, ready);
    assert_eq!(view(&app), GameView::Reveal);
    assert!(texts(&mut app).iter().any(|t| t.starts_with("You played")));
    press(&mut app, KeyCode::Enter);
    assert_eq!(view(&app), GameView::Choosing);
    press(&mut app, KeyCode::Digit1);
    press(&mut app, KeyCode::Enter);
    assert_eq!(view(&app), GameView::Pass);
    assert_eq!(app.world().resource::<PlayerView>().player, 1);
    let ready = first::<ReadyButton>(&mut app);
    click(&mut app, ready);
    assert_eq!(
        view(&app),
        GameView::Reveal,
        "the second seat sees its reveal too"
    );
}

/// Saving from the pause menu writes a save that loads as the same match; every turn is saved
/// on its own; the load screen lists both and a damaged file with its reason, and loads the
/// match back into play.
#[test]
fn saves_from_the_menu_and_each_turn_load_back_from_the_title() {
    use crate::desktop::saves::{AUTOSAVE, LastSave};
    use crate::desktop::screens::SaveGameButton;
    use crate::desktop::screens::saves::SaveButton;
    use crate::sim::archive::snapshot::MatchState;
    let mut app = build("reset_2013", 41, None, &[]);
    let dir = app.world().resource::<SaveDir>().0.clone().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    press(&mut app, KeyCode::Digit1);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(dir.join(AUTOSAVE).exists(), "the turn was autosaved");
    press(&mut app, KeyCode::Digit2);
    press(&mut app, KeyCode::Escape);
    let save = first::<SaveGameButton>(&mut app);
    click(&mut app, save);
    let saved = match &app.world().resource::<LastSave>().0 {
        Some(Ok(path)) => path.clone(),
        other => panic!("not saved: {other:?}"),
    };
    assert!(texts(&mut app).iter().any(|t| t.starts_with("Saved to")));
    let entity = app.world().resource::<PlayerView>().entity;
    let before = MatchState::capture(app.world(), entity).unwrap();
    std::fs::write(
        dir.join("broken.ron"),
        "(format: \"detente-save\", version: 1, turn: ",
    )
    .unwrap();

    // Back to the title, then the load screen.
    press(&mut app, KeyCode::KeyL);
    assert_eq!(screen(&app), Screen::Title);
    press(&mut app, KeyCode::KeyL);
    assert_eq!(screen(&app), Screen::Saves);
    let shown = texts(&mut app);
    assert!(shown.iter().any(|t| t == "broken.ron"));
    assert!(
        shown
            .iter()
            .any(|t| t.starts_with("cannot be loaded") && t.contains("cut short"))
    );
    assert!(shown.iter().any(|t| t == AUTOSAVE));
    let mut q = app.world_mut().query::<(Entity, &SaveButton)>();
    let load = q
        .iter(app.world())
        .find(|(_, b)| **b == SaveButton::Load(saved.clone()))
        .map(|(e, _)| e)
        .unwrap();
    click(&mut app, load);
    assert_eq!(screen(&app), Screen::Game);
    let entity = app.world().resource::<PlayerView>().entity;
    let after = MatchState::capture(app.world(), entity).unwrap();
    assert_eq!(after, before, "the loaded match is the saved one");
    assert_eq!(app.world().resource::<PlayerView>().records.len(), 2);
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

/// The facilitator's panel: behind the passphrase, it forces an event, shows the true state
/// to the room, and rolls the match back, all through the sim.
#[test]
fn the_facilitator_panel_works_behind_its_passphrase() {
    use crate::desktop::screens::FacilitatorMenuButton;
    use crate::desktop::screens::facilitator::{FacilitatorAccess, FacilitatorButton};
    let mut app = build("reset_2013", 51, None, &[]);
    app.insert_resource(FacilitatorAccess {
        always: false,
        unlocked: false,
        guard: Some(crate::sim::archive::guard::Guard::new("peace")),
    });
    for _ in 0..2 {
        press(&mut app, KeyCode::Digit1);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Enter);
    }
    assert_eq!(turn(&app), 2);
    press(&mut app, KeyCode::Escape);
    let open = first::<FacilitatorMenuButton>(&mut app);
    click(&mut app, open);
    assert_eq!(menu(&app), Menu::Passphrase);
    type_text(&mut app, "war");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        menu(&app),
        Menu::Passphrase,
        "a wrong passphrase opens nothing"
    );
    type_text(&mut app, "peace");
    press(&mut app, KeyCode::Enter);
    assert_eq!(menu(&app), Menu::Facilitator);

    let button = |app: &mut App, wanted: FacilitatorButton| {
        let mut q = app.world_mut().query::<(Entity, &FacilitatorButton)>();
        q.iter(app.world())
            .find(|(_, b)| **b == wanted)
            .map(|(e, _)| e)
            .expect("no such facilitator button")
    };
    let pause = button(&mut app, FacilitatorButton::Pause);
    click(&mut app, pause);
    assert!(
        app.world()
            .resource::<crate::sim::play::session::MatchPaused>()
            .0
    );
    assert!(
        app.world()
            .resource::<PlayerView>()
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("paused")),
        "the seats are told"
    );
    let resume = button(&mut app, FacilitatorButton::Pause);
    click(&mut app, resume);
    assert!(
        !app.world()
            .resource::<crate::sim::play::session::MatchPaused>()
            .0
    );
    let inject = button(&mut app, FacilitatorButton::Inject(EventIndex(0)));
    click(&mut app, inject);
    assert_eq!(orders(&app).injected, vec![EventIndex(0)]);
    let projector = button(&mut app, FacilitatorButton::Projector);
    click(&mut app, projector);
    assert_eq!(menu(&app), Menu::Projector);
    let last = app
        .world()
        .resource::<PlayerView>()
        .records
        .last()
        .unwrap()
        .clone();
    let shown = texts(&mut app);
    for n in &last.nations {
        let arms = format!("Arms {:.1}", n.arms);
        assert!(
            shown.iter().any(|t| t.starts_with(&arms)),
            "{arms} not shown"
        );
    }
    press(&mut app, KeyCode::Escape);
    assert_eq!(menu(&app), Menu::Facilitator, "hidden again");
    let back = button(&mut app, FacilitatorButton::RollBack(1));
    click(&mut app, back);
    assert_eq!(turn(&app), 1);
    assert_eq!(app.world().resource::<PlayerView>().records.len(), 2);
    assert_eq!(menu(&app), Menu::None);
    assert_eq!(view(&app), GameView::Choosing);
    // Closed, the panel is locked again: the next person must know the passphrase too.
    press(&mut app, KeyCode::Escape);
    let open = first::<FacilitatorMenuButton>(&mut app);
    click(&mut app, open);
    assert_eq!(menu(&app), Menu::Passphrase);
}

/// Hotseat led by a nation that is not the first: the lead takes the computer first, then the
/// other, and the turn ends.
#[test]
fn hotseat_led_by_a_later_nation_goes_round_and_ends_the_turn() {
    let mut app = build("reset_2013", 33, None, &[0]);
    // `build` leads the first nation; lead Russia instead, with the United States a person too.
    app.world_mut().resource_mut::<MatchSetup>().player = 1;
    app.world_mut().insert_resource(LaunchStraightIn);
    settle(&mut app);
    assert_eq!(app.world().resource::<PlayerView>().people, vec![1, 0]);
    assert_eq!(app.world().resource::<PlayerView>().player, 1);
    play_hotseat_turn(&mut app, 2);
    assert_eq!(turn(&app), 1);
}

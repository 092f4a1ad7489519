//! One player's match: cards, the end of a turn, the end screen, keys, settings, crises.

use super::*;

#[test]
fn choosing_a_move_card_sends_that_command() {
    let mut app = game();
    let (card, move_index) = card_one(&mut app);
    click(&mut app, card);
    assert_eq!(
        app.world().resource::<Sent>().0,
        vec![ChooseMove {
            nation: 0,
            move_index
        }]
    );
    assert_eq!(orders(&app).moves[0], Some(move_index));
    assert_eq!(
        app.world().resource::<PlayerView>().chosen,
        Some(move_index)
    );
}

#[test]
fn ending_the_turn_resolves_it_and_shows_the_reveal() {
    let mut app = game();
    let end = first::<EndTurnButton>(&mut app);
    click(&mut app, end);
    assert_eq!(turn(&app), 0, "no move chosen: the turn must wait");
    assert!(
        app.world().resource::<PlayerView>().notice.is_some(),
        "the refusal is shown"
    );
    let (card, move_index) = card_one(&mut app);
    click(&mut app, card);
    let end = first::<EndTurnButton>(&mut app);
    click(&mut app, end);
    assert_eq!(turn(&app), 1);
    let view_now = app.world().resource::<PlayerView>();
    assert_eq!(view_now.records.len(), 2);
    let played = &view_now.records[1].moves[0].move_id;
    let rules = app.world().resource::<crate::sim::Rules>();
    assert_eq!(rules.move_index(played), Some(move_index));
    assert_eq!(view(&app), GameView::Reveal);
    let go_on = first::<ContinueButton>(&mut app);
    click(&mut app, go_on);
    assert_eq!(view(&app), GameView::Choosing);
}

#[test]
fn the_end_screen_appears_when_the_sim_reports_an_outcome() {
    let mut app = game();
    for _ in 0..200 {
        if screen(&app) == Screen::End {
            break;
        }
        match view(&app) {
            GameView::Choosing => {
                let (card, _) = card_one(&mut app);
                click(&mut app, card);
                let end = first::<EndTurnButton>(&mut app);
                click(&mut app, end);
            }
            GameView::Reveal => {
                let go_on = first::<ContinueButton>(&mut app);
                click(&mut app, go_on);
            }
            GameView::History | GameView::Pass => unreachable!(),
        }
    }
    assert_eq!(screen(&app), Screen::End);
    let outcome = app.world().resource::<PlayerView>().outcome;
    let entity = app.world().resource::<PlayerView>().entity;
    assert!(outcome.is_some());
    assert_eq!(outcome, app.world().get::<Clock>(entity).unwrap().outcome);
}

#[test]
fn keyboard_shortcuts_do_what_the_mouse_does() {
    let mut mouse = game();
    let mut keys = game();
    let (card, _) = card_one(&mut mouse);
    click(&mut mouse, card);
    press(&mut keys, KeyCode::Digit1);
    assert_eq!(
        mouse.world().resource::<Sent>().0,
        keys.world().resource::<Sent>().0
    );
    let end = first::<EndTurnButton>(&mut mouse);
    click(&mut mouse, end);
    press(&mut keys, KeyCode::Enter);
    assert_eq!(turn(&keys), 1);
    assert_eq!(
        mouse.world().resource::<PlayerView>().records,
        keys.world().resource::<PlayerView>().records
    );
    assert_eq!(view(&keys), GameView::Reveal);
    press(&mut keys, KeyCode::Enter);
    assert_eq!(view(&keys), GameView::Choosing);
    let menu = first::<MenuButton>(&mut mouse);
    let go_on = first::<ContinueButton>(&mut mouse);
    click(&mut mouse, go_on);
    let _ = menu;
    let menu = first::<MenuButton>(&mut mouse);
    click(&mut mouse, menu);
    press(&mut keys, KeyCode::Escape);
    for app in [&mouse, &keys] {
        assert_eq!(*app.world().resource::<State<Menu>>().get(), Menu::Pause);
    }
    // In the pause menu Esc resumes; the number keys no longer reach the cards below.
    press(&mut keys, KeyCode::Digit2);
    assert_eq!(keys.world().resource::<Sent>().0.len(), 1);
    press(&mut keys, KeyCode::Escape);
    assert_eq!(*keys.world().resource::<State<Menu>>().get(), Menu::None);
}

#[test]
fn settings_survive_a_restart_and_a_damaged_file_is_left_alone() {
    let dir = std::env::temp_dir().join(format!("detente-settings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("settings.ron");
    let chosen = Settings {
        ui_scale: 1.25,
        palette: Palette::ColourBlind,
        fullscreen: true,
        animation: AnimationSpeed::Slow,
    };
    chosen.save_to(&path).unwrap();
    assert_eq!(Settings::load_from(&path).unwrap(), (chosen, Vec::new()));
    std::fs::write(&path, "(ui_scale: \"big\")").unwrap();
    let err = Settings::load_from(&path).unwrap_err();
    assert!(err.contains("settings.ron:1:"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "(ui_scale: \"big\")"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Everything but an order leaves the match as it was: looking at the history, pausing and
/// choosing a card change no number of the match; the card only fills in this turn's orders.
#[test]
fn looking_and_choosing_leave_the_match_untouched() {
    let mut app = game();
    let entity = app.world().resource::<PlayerView>().entity;
    let snapshot = |app: &App| {
        crate::sim::archive::snapshot::MatchState::capture(app.world(), entity).expect("a match")
    };
    let before = snapshot(&app);
    press(&mut app, KeyCode::KeyH);
    assert_eq!(view(&app), GameView::History);
    press(&mut app, KeyCode::Escape);
    assert_eq!(view(&app), GameView::Choosing);
    press(&mut app, KeyCode::Escape);
    assert_eq!(*app.world().resource::<State<Menu>>().get(), Menu::Pause);
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::Digit2);
    let mut after = snapshot(&app);
    assert!(after.orders.moves[0].is_some());
    // The orders aside, nothing changed.
    after.orders = before.orders.clone();
    assert_eq!(after, before);
}

/// A window smaller than the 1280×720 the layout is designed for scales the interface down.
#[test]
fn a_small_window_scales_the_interface_to_fit() {
    let app = game_in(Some((1024, 576)));
    assert!((app.world().resource::<UiScale>().0 - 0.8).abs() < 1e-3);
    let app = game_in(Some((1920, 1080)));
    assert!((app.world().resource::<UiScale>().0 - 1.0).abs() < 1e-3);
}

/// In a crisis the modal takes the number keys: they pick crisis moves, the board's cards are
/// gone, and the answer goes to the sim like any move.
#[test]
fn a_crisis_is_answered_from_its_modal_by_number_key() {
    use crate::desktop::screens::game::{Advice, CrisisModal};
    let mut app = game_of("cold_war_1962", 3, None);
    let mut crisis = false;
    for _ in 0..20 {
        if screen(&app) != Screen::Game {
            break;
        }
        if view(&app) == GameView::Reveal {
            press(&mut app, KeyCode::Enter);
            continue;
        }
        if app
            .world_mut()
            .query::<&CrisisModal>()
            .iter(app.world())
            .next()
            .is_some()
        {
            crisis = true;
            break;
        }
        // Play the advisers' move, as the attract mode does.
        let advice = app.world().resource::<Advice>().0;
        let mut q = app.world_mut().query::<(Entity, &MoveCard)>();
        let card = q
            .iter(app.world())
            .find(|(_, c)| Some(c.move_index) == advice)
            .map(|(e, _)| e)
            .unwrap();
        click(&mut app, card);
        press(&mut app, KeyCode::Enter);
    }
    assert!(crisis, "seed 3 of cold_war_1962 reaches a crisis early");
    let sent_before = app.world().resource::<Sent>().0.len();
    press(&mut app, KeyCode::Digit1);
    let sent = &app.world().resource::<Sent>().0;
    assert_eq!(sent.len(), sent_before + 1);
    let rules = app.world().resource::<crate::sim::Rules>();
    assert!(
        rules.scenario.moves[sent[sent.len() - 1].move_index]
            .crisis_step
            .is_some(),
        "the 1 key picked a crisis move"
    );
}

/// Settings from the pause menu: the colour-blind palette is saved to the settings file and the
/// board is drawn again in it, with the match where it was.
#[test]
fn a_new_palette_is_saved_and_the_board_redrawn() {
    let mut app = game_of("reset_2013", 77, None);
    let file = app.world().resource::<SettingsFile>().0.clone().unwrap();
    let _ = std::fs::remove_file(&file);
    let old_card = card_one(&mut app).0;
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::KeyS);
    assert_eq!(*app.world().resource::<State<Menu>>().get(), Menu::Settings);
    press(&mut app, KeyCode::Digit2);
    assert_eq!(
        Settings::load_from(&file).unwrap().0.palette,
        Palette::ColourBlind
    );
    press(&mut app, KeyCode::Escape);
    assert_eq!(*app.world().resource::<State<Menu>>().get(), Menu::Pause);
    press(&mut app, KeyCode::Escape);
    assert_eq!(*app.world().resource::<State<Menu>>().get(), Menu::None);
    let theme = app.world().resource::<crate::desktop::theme::Theme>();
    assert_eq!(theme.palette, Palette::ColourBlind);
    let new_card = card_one(&mut app).0;
    assert_ne!(old_card, new_card, "the board was drawn again");
    assert_eq!(turn(&app), 0);
    let _ = std::fs::remove_dir_all(file.parent().unwrap());
}

/// A hand-edited settings file with a UI scale of 0, below 0, huge or NaN is brought to the
/// nearest size the game offers (the default for NaN), and the settings screen says so.
#[test]
fn out_of_range_settings_are_brought_into_range_and_said_so() {
    use crate::desktop::settings::{SCALES, SettingsNotice};
    let dir = std::env::temp_dir().join(format!("detente-clamp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("settings.ron");
    for (written, expected) in [
        ("0.0", 0.8),
        ("-3", 0.8),
        ("99", 1.5),
        ("NaN", 1.0),
        ("inf", 1.0),
        ("1.2", 1.25),
    ] {
        std::fs::write(
            &path,
            format!("\u{feff}(ui_scale: {written}, palette: ColourBlind)"),
        )
        .unwrap();
        let (settings, notes) = Settings::load_from(&path).unwrap();
        assert_eq!(settings.ui_scale, expected, "{written}");
        assert!(SCALES.contains(&settings.ui_scale));
        assert_eq!(
            settings.palette,
            Palette::ColourBlind,
            "the other settings are kept"
        );
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].starts_with(&path.display().to_string()),
            "{notes:?}"
        );
        assert!(
            notes[0].contains("not one of the sizes offered"),
            "{notes:?}"
        );
    }
    std::fs::write(&path, "(ui_scale: 1.1)").unwrap();
    assert_eq!(Settings::load_from(&path).unwrap().1, Vec::<String>::new());
    // The notice reaches the settings screen.
    let mut app = game();
    app.insert_resource(SettingsNotice(vec![
        "settings.ron: ui_scale 0 is not one of the sizes offered; using 0.8".into(),
    ]));
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::KeyS);
    assert_eq!(menu(&app), Menu::Settings);
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t.contains("ui_scale 0 is not one of"))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The scenario list offers every built-in scenario (the ones built into the binary, found
/// wherever it runs), each marked as built in.
#[test]
fn the_scenario_list_offers_every_built_in_scenario() {
    use crate::desktop::screens::picker::offered_scenarios;
    use crate::sim::scenario::catalog::{Place, built_in_names};
    let (offered, _) = offered_scenarios();
    let built_in: Vec<&str> = built_in_names().collect();
    assert_eq!(built_in.len(), 6);
    for name in built_in {
        let offer = offered.iter().find(|o| o.name == name);
        assert!(
            offer.is_some_and(|o| o.place == Place::BuiltIn),
            "{name} is offered as built in"
        );
    }
}

/// The pause menu says the match saves itself, and offers to save it, only where it can: not
/// in a game with no save folder (attract mode, or a system without a data folder).
#[test]
fn the_pause_menu_offers_saving_only_with_a_save_folder() {
    let mut app = game();
    press(&mut app, KeyCode::Escape);
    assert_eq!(menu(&app), Menu::Pause);
    assert!(texts(&mut app).iter().any(|t| t == "Save the game"));
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t.contains("saves itself after every turn")),
        "{:?}",
        texts(&mut app)
    );
    press(&mut app, KeyCode::Escape);
    app.world_mut()
        .insert_resource(crate::desktop::saves::SaveDir(None));
    press(&mut app, KeyCode::Escape);
    assert_eq!(menu(&app), Menu::Pause);
    let shown = texts(&mut app);
    assert!(
        !shown.iter().any(|t| t.contains("saves itself")),
        "{shown:?}"
    );
    assert!(
        shown.iter().any(|t| t == "This match is not saved."),
        "{shown:?}"
    );
    assert!(!shown.iter().any(|t| t == "Save the game"), "{shown:?}");
}

//! Headless tests of the screens' logic: the real UI plugins in an `App` without a window,
//! driven the way the player drives them (activating buttons, pressing keys).

use super::saves::SaveDir;
use super::screens::game::{ContinueButton, EndTurnButton, MenuButton, MoveCard};
use super::screens::{GameView, LaunchStraightIn, MatchSetup, Menu, PlayerView, Screen};
use super::settings::{AnimationSpeed, Palette, Settings, SettingsFile};
use super::theme::widgets::Shortcut;
use super::ui_plugin;
use crate::sim::rules::shipped;
use crate::sim::session::ChooseMove;
use crate::sim::state::{Controller, Globals, Orders};
use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::ui_widgets::Activate;

/// Every `ChooseMove` the UI sent.
#[derive(Resource, Default)]
struct Sent(Vec<ChooseMove>);

fn record_commands(mut sent: ResMut<Sent>, mut moves: MessageReader<ChooseMove>) {
    sent.0.extend(moves.read().copied());
}

/// The game with no window, straight into reset_2013 as the United States, seed 12.
fn game() -> App {
    game_in(None)
}

/// The same, optionally with a window entity of that size (nothing is drawn).
fn game_in(window: Option<(u32, u32)>) -> App {
    game_of("reset_2013", 12, window)
}

fn game_of(scenario: &str, seed: u64, window: Option<(u32, u32)>) -> App {
    build(scenario, seed, window, &[])
}

/// The game straight into `scenario`, the first nation led by the player and the nations in
/// `more_people` by more people at the same computer. Saves go to a folder of the test's own.
fn build(scenario: &str, seed: u64, window: Option<(u32, u32)>, more_people: &[usize]) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, AssetPlugin::default()));
    app.init_asset::<Font>();
    app.init_asset::<Image>();
    app.init_resource::<ButtonInput<KeyCode>>();
    app.init_resource::<UiScale>();
    app.insert_resource(Settings {
        animation: AnimationSpeed::Off,
        ..Settings::default()
    });
    app.insert_resource(SettingsFile(Some(std::env::temp_dir().join(format!(
        "detente-test-{}-{seed}/settings.ron",
        std::process::id()
    )))));
    let rules = shipped(scenario);
    let mut setup = MatchSetup::new(&rules, seed);
    for &i in more_people {
        setup.controllers[i] = Controller::Human;
    }
    app.insert_resource(setup);
    app.insert_resource(rules);
    app.insert_resource(LaunchStraightIn);
    app.insert_resource(SaveDir(Some(std::env::temp_dir().join(format!(
        "detente-test-{}-{scenario}-{seed}-{}/saves",
        std::process::id(),
        more_people.len()
    )))));
    app.add_message::<KeyboardInput>();
    ui_plugin(&mut app);
    app.init_resource::<Sent>();
    app.add_systems(PreUpdate, record_commands);
    if let Some(size) = window {
        app.world_mut().spawn(Window {
            resolution: size.into(),
            ..default()
        });
    }
    settle(&mut app);
    assert_eq!(screen(&app), Screen::Game);
    app
}

fn menu(app: &App) -> Menu {
    *app.world().resource::<State<Menu>>().get()
}

/// Every text on screen, in no particular order.
fn texts(app: &mut App) -> Vec<String> {
    let mut q = app.world_mut().query::<&Text>();
    let mut all: Vec<String> = q.iter(app.world()).map(|t| t.0.clone()).collect();
    all.sort();
    all
}

/// Types text as a keyboard does (the passphrase box reads these).
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.world_mut().write_message(KeyboardInput {
            key_code: KeyCode::KeyA,
            logical_key: Key::Character(c.to_string().into()),
            state: ButtonState::Pressed,
            text: Some(c.to_string().into()),
            repeat: false,
            window: Entity::PLACEHOLDER,
        });
        app.update();
    }
}

fn settle(app: &mut App) {
    for _ in 0..3 {
        app.update();
    }
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn view(app: &App) -> GameView {
    assert_eq!(screen(app), Screen::Game);
    *app.world().resource::<State<GameView>>().get()
}

fn first<C: Component>(app: &mut App) -> Entity {
    let mut q = app.world_mut().query_filtered::<Entity, With<C>>();
    q.iter(app.world())
        .next()
        .expect("no such widget on screen")
}

/// What a click does: the button widget turns it into `Activate`.
fn click(app: &mut App, entity: Entity) {
    app.world_mut().trigger(Activate { entity });
    settle(app);
}

fn press(app: &mut App, key: KeyCode) {
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .press(key);
    app.update();
    let mut keys = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
    keys.release(key);
    keys.clear();
    settle(app);
}

/// The card the `1` key picks.
fn card_one(app: &mut App) -> (Entity, usize) {
    let mut q = app.world_mut().query::<(Entity, &MoveCard, &Shortcut)>();
    q.iter(app.world())
        .find(|(_, _, s)| s.0 == KeyCode::Digit1)
        .map(|(e, c, _)| (e, c.action))
        .expect("a card numbered 1")
}

fn orders(app: &App) -> Orders {
    let entity = app.world().resource::<PlayerView>().entity;
    app.world().get::<Orders>(entity).unwrap().clone()
}

fn turn(app: &App) -> u32 {
    let entity = app.world().resource::<PlayerView>().entity;
    app.world().get::<Globals>(entity).unwrap().turn
}

#[test]
fn choosing_a_move_card_sends_that_command() {
    let mut app = game();
    let (card, action) = card_one(&mut app);
    click(&mut app, card);
    assert_eq!(
        app.world().resource::<Sent>().0,
        vec![ChooseMove { nation: 0, action }]
    );
    assert_eq!(orders(&app).moves[0], Some(action));
    assert_eq!(app.world().resource::<PlayerView>().chosen, Some(action));
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
    let (card, action) = card_one(&mut app);
    click(&mut app, card);
    let end = first::<EndTurnButton>(&mut app);
    click(&mut app, end);
    assert_eq!(turn(&app), 1);
    let view_now = app.world().resource::<PlayerView>();
    assert_eq!(view_now.records.len(), 2);
    let played = &view_now.records[1].moves[0].action;
    let rules = app.world().resource::<crate::sim::Rules>();
    assert_eq!(rules.move_index(played), Some(action));
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
    assert_eq!(outcome, app.world().get::<Globals>(entity).unwrap().outcome);
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
    assert_eq!(Settings::load_from(&path).unwrap(), chosen);
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
    use crate::sim::state::{Diplomacy, Nations, Relations};
    let mut app = game();
    let entity = app.world().resource::<PlayerView>().entity;
    let snapshot = |app: &App| {
        let w = app.world();
        (
            w.get::<Nations>(entity).unwrap().clone(),
            w.get::<Relations>(entity).unwrap().clone(),
            w.get::<Diplomacy>(entity).unwrap().clone(),
            w.get::<Globals>(entity).unwrap().clone(),
        )
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
    assert_eq!(snapshot(&app), before);
    assert!(orders(&app).moves[0].is_some());
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
    use super::screens::game::{Advice, CrisisModal};
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
            .find(|(_, c)| Some(c.action) == advice)
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
        rules.scenario.moves[sent[sent.len() - 1].action]
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
        Settings::load_from(&file).unwrap().palette,
        Palette::ColourBlind
    );
    press(&mut app, KeyCode::Escape);
    assert_eq!(*app.world().resource::<State<Menu>>().get(), Menu::Pause);
    press(&mut app, KeyCode::Escape);
    assert_eq!(*app.world().resource::<State<Menu>>().get(), Menu::None);
    let theme = app.world().resource::<super::theme::Theme>();
    assert_eq!(theme.palette, Palette::ColourBlind);
    let new_card = card_one(&mut app).0;
    assert_ne!(old_card, new_card, "the board was drawn again");
    assert_eq!(turn(&app), 0);
    let _ = std::fs::remove_dir_all(file.parent().unwrap());
}

/// What the second person sees, from the pass screen to their own board, after the first
/// person chose the card numbered `card` and passed the computer on. Also returns the action
/// the first person chose.
fn second_seat_after_first_chose(card: KeyCode) -> (Vec<String>, Vec<String>, usize) {
    use super::screens::game::ReadyButton;
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
    let action = app
        .world()
        .resource::<PlayerView>()
        .chosen
        .expect("a card was chosen");
    assert!(texts(&mut app).iter().any(|t| t.contains("pass to Russia")));
    let done = first::<EndTurnButton>(&mut app);
    click(&mut app, done);
    // The sim has the first person's order; the screen no longer does.
    assert_eq!(orders(&app).moves[0], Some(action));
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
        .query_filtered::<&MoveCard, With<super::theme::widgets::Selected>>();
    board.extend(
        marked
            .iter(app.world())
            .map(|c| format!("selected card {}", c.action)),
    );
    (pass_screen, board, action)
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
    use super::screens::game::ReadyButton;
    let mut app = build("reset_2013", 32, None, &[1]);
    for _ in 0..2 {
        let ready = first::<ReadyButton>(&mut app);
        click(&mut app, ready);
        press(&mut app, KeyCode::Digit1);
        press(&mut app, KeyCode::Enter);
    }
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
    use super::saves::{AUTOSAVE, LastSave};
    use super::screens::SaveGameButton;
    use super::screens::saves::SaveButton;
    use crate::sim::record::MatchState;
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
    use super::screens::FacilitatorMenuButton;
    use super::screens::facilitator::{FacilitatorAccess, FacilitatorButton};
    let mut app = build("reset_2013", 51, None, &[]);
    app.insert_resource(FacilitatorAccess {
        always: false,
        unlocked: false,
        passphrase: Some("peace".into()),
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
    assert!(app.world().resource::<crate::sim::session::MatchPaused>().0);
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
    assert!(!app.world().resource::<crate::sim::session::MatchPaused>().0);
    let inject = button(&mut app, FacilitatorButton::Inject(0));
    click(&mut app, inject);
    assert_eq!(orders(&app).injected, vec![0]);
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
    use super::screens::game::ReadyButton;
    let mut app = build("reset_2013", 33, None, &[0]);
    // `build` leads the first nation; lead Russia instead, with the United States a person too.
    app.world_mut().resource_mut::<MatchSetup>().player = 1;
    app.world_mut().insert_resource(LaunchStraightIn);
    settle(&mut app);
    assert_eq!(app.world().resource::<PlayerView>().people, vec![1, 0]);
    assert_eq!(app.world().resource::<PlayerView>().player, 1);
    for _ in 0..2 {
        let ready = first::<ReadyButton>(&mut app);
        click(&mut app, ready);
        press(&mut app, KeyCode::Digit1);
        press(&mut app, KeyCode::Enter);
    }
    assert_eq!(turn(&app), 1);
}

/// Watching a replay, "Play on from here" hands the match back at the turn on screen.
#[test]
fn a_replay_can_be_played_on_from_any_turn() {
    use super::screens::saves::{Watching, watch_save};
    let mut app = build("reset_2013", 62, None, &[]);
    for _ in 0..3 {
        press(&mut app, KeyCode::Digit1);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Enter);
    }
    let dir = app.world().resource::<SaveDir>().0.clone().unwrap();
    watch_save(app.world_mut(), &dir.join(super::saves::AUTOSAVE)).unwrap();
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
    use super::screens::saves::{Watching, watch_save};
    let mut app = build("reset_2013", 61, None, &[]);
    for _ in 0..3 {
        press(&mut app, KeyCode::Digit1);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Enter);
    }
    let dir = app.world().resource::<SaveDir>().0.clone().unwrap();
    let autosave = dir.join(super::saves::AUTOSAVE);
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

//! The host window's screen, headless: a class served on the loopback address, its address,
//! code and roster on screen, and the teacher's buttons reaching the class.

use super::{bare_app, click, first, press, screen, settle, texts};
use crate::desktop::screens::Screen;
use crate::desktop::screens::host::{
    GoOnButton, HostFormButton, Hosted, PauseAllButton, SeatButton, Starter, StopHostingButton,
};
use crate::desktop::settings::SettingsFile;
use crate::desktop::ui_plugin;
use crate::host::class::Class;
use crate::host::hub::HubOptions;
use crate::host::start::start;
use crate::launch::{HostLaunch, HostRequest, HostStarter};
use crate::sim::play::rules::shipped;
use bevy::input::keyboard::KeyboardInput;
use bevy::prelude::*;
use std::time::{Duration, Instant};

/// Updates `app` until its texts hold `needle` (the roster comes from the class's own thread).
fn until_shown(app: &mut App, needle: &str) {
    let start = Instant::now();
    while !texts(app).iter().any(|t| t.contains(needle)) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{needle:?} never shown: {:?}",
            texts(app)
        );
        std::thread::sleep(Duration::from_millis(20));
        app.update();
    }
}

/// A class of `scenario` served on the loopback address, one match per seed.
fn serve(scenario: &str, seeds: Vec<u64>) -> crate::host::start::Running {
    let rules = shipped(scenario);
    start(
        move || Ok(Class::new(rules, &seeds).expect("a random source")),
        HubOptions {
            folder: None,
            passphrase: Some("red fox".into()),
            turn_timer: None,
            flood_per_second: 20,
            hold: None,
            debrief: None,
        },
        "127.0.0.1:0".parse().unwrap(),
    )
    .unwrap()
}

/// The desktop's screens with no window, and no settings file.
fn ui_app() -> App {
    let mut app = bare_app();
    app.insert_resource(SettingsFile(None));
    app.add_message::<KeyboardInput>();
    ui_plugin(&mut app);
    app
}

/// The host window for `running` (passphrase "red fox"), on its first screen.
fn window(running: crate::host::start::Running, what: &str) -> App {
    let mut app = ui_app();
    app.insert_resource(Hosted::new(HostLaunch {
        running,
        what: what.into(),
        passphrase: "red fox".into(),
    }));
    settle(&mut app);
    app
}

/// The button of `SeatButton` kind `which` on screen.
fn seat_button(app: &mut App, which: &SeatButton) -> Entity {
    let mut q = app.world_mut().query::<(Entity, &SeatButton)>();
    q.iter(app.world())
        .find(|(_, b)| *b == which)
        .map(|(e, _)| e)
        .unwrap_or_else(|| panic!("no {which:?} on screen"))
}

#[test]
fn the_host_window_shows_the_way_in_and_the_roster_and_pauses_the_class() {
    let running = serve("multipolar_2030", vec![4, 4]);
    let address = format!("http://{}", running.address);
    let code = running.status.lock().unwrap().class_code.clone();
    let mut app = window(running, "multipolar_2030, 2 matches, seed 4");
    assert_eq!(screen(&app), Screen::Host);
    let shown = texts(&mut app);
    for needle in [
        address.as_str(),
        code.as_str(),
        "Match 2",
        "China",
        "/teacher",
    ] {
        assert!(
            shown.iter().any(|t| t.contains(needle)),
            "{needle}: {shown:?}"
        );
    }
    assert!(shown.iter().any(|t| t.contains("open: no team yet")));
    // The window is on the projector: the passphrase shows only when the teacher asks.
    assert!(!shown.iter().any(|t| t.contains("red fox")), "{shown:?}");
    let show = seat_button(&mut app, &SeatButton::ShowPassphrase);
    click(&mut app, show);
    until_shown(&mut app, "passphrase: red fox");
    // The window's buttons are the teacher's: every match pauses, then goes on.
    let pause = first::<PauseAllButton>(&mut app);
    click(&mut app, pause);
    until_shown(&mut app, "paused");
    let go_on = first::<GoOnButton>(&mut app);
    click(&mut app, go_on);
    until_shown(&mut app, "turn 0 of 40 played");
}

/// From the roster, the teacher lets the computer play a seat with the strategy picked, and
/// gives it back.
#[test]
fn the_host_window_gives_a_seat_to_the_computer_and_back() {
    let running = serve("reset_2013", vec![9]);
    let mut app = window(running, "reset_2013, 1 match, seed 9");
    until_shown(&mut app, "Russia");
    let pick = SeatButton::Pick {
        table: 0,
        nation: "rus".into(),
    };
    let b = seat_button(&mut app, &pick);
    click(&mut app, b);
    until_shown(&mut app, "Russia in match 1: open: no team yet");
    let b = seat_button(&mut app, &SeatButton::Strategy("grudger".into()));
    click(&mut app, b);
    let b = seat_button(&mut app, &SeatButton::Computer);
    click(&mut app, b);
    until_shown(&mut app, "played by the computer (grudger,");
    until_shown(&mut app, "the computer plays");
    let b = seat_button(&mut app, &SeatButton::HandBack);
    click(&mut app, b);
    until_shown(&mut app, "Russia in match 1: open: no team yet");
    // The turn timer is set from the window too.
    let b = seat_button(&mut app, &SeatButton::Timer(Some(120)));
    click(&mut app, b);
    let start = std::time::Instant::now();
    while app.world().resource::<Hosted>().status().turn_timer != Some(120) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the timer never set"
        );
        std::thread::sleep(Duration::from_millis(20));
        app.update();
    }
}

/// The title's "Host a class": pick a scenario, set the matches, start; the window becomes the
/// host window, and "Stop hosting" goes back to the title.
#[test]
fn host_a_class_from_the_title_screen() {
    use std::sync::{Arc, Mutex};
    let asked: Arc<Mutex<Vec<HostRequest>>> = Arc::default();
    let seen = asked.clone();
    let starter = HostStarter(Arc::new(move |request: &HostRequest| {
        seen.lock().unwrap().push(request.clone());
        let seeds = vec![5; request.matches];
        Ok(HostLaunch {
            running: serve("reset_2013", seeds),
            what: format!("{}, {} matches", request.scenario, request.matches),
            passphrase: "made-up".into(),
        })
    }));
    let mut app = ui_app();
    app.insert_resource(Starter(starter));
    settle(&mut app);
    assert_eq!(screen(&app), Screen::Title);
    let host = first::<crate::desktop::screens::title::HostClassButton>(&mut app);
    click(&mut app, host);
    assert_eq!(screen(&app), Screen::Picker);
    until_shown(&mut app, "Choose a scenario for the class");
    let card = {
        let mut q = app
            .world_mut()
            .query::<(Entity, &crate::desktop::screens::picker::ScenarioCard)>();
        q.iter(app.world())
            .find(|(_, c)| c.0 == "reset_2013")
            .map(|(e, _)| e)
            .expect("the reset_2013 card")
    };
    click(&mut app, card);
    assert_eq!(screen(&app), Screen::HostSetup);
    until_shown(
        &mut app,
        "1 match of 2 nations each: seats for 2 teams, 40 turns a match",
    );
    for which in [
        HostFormButton::More,
        HostFormButton::More,
        HostFormButton::OwnSeeds,
        HostFormButton::Shorter,
    ] {
        let b = form_button(&mut app, which);
        click(&mut app, b);
    }
    until_shown(
        &mut app,
        "3 matches of 2 nations each: seats for 6 teams, 35 turns",
    );
    let b = form_button(&mut app, HostFormButton::Start);
    click(&mut app, b);
    settle(&mut app);
    assert_eq!(screen(&app), Screen::Host);
    assert_eq!(
        *asked.lock().unwrap(),
        vec![HostRequest {
            scenario: "reset_2013".into(),
            matches: 3,
            different_seeds: true,
            turns: Some(35),
        }]
    );
    until_shown(&mut app, "Match 3");
    // Stopping asks once more.
    let stop = first::<StopHostingButton>(&mut app);
    click(&mut app, stop);
    until_shown(&mut app, "Press Stop hosting again");
    assert_eq!(screen(&app), Screen::Host);
    let stop = first::<StopHostingButton>(&mut app);
    click(&mut app, stop);
    settle(&mut app);
    assert_eq!(screen(&app), Screen::Title);
    assert!(app.world().get_resource::<Hosted>().is_none());
}

fn form_button(app: &mut App, which: HostFormButton) -> Entity {
    let mut q = app.world_mut().query::<(Entity, &HostFormButton)>();
    q.iter(app.world())
        .find(|(_, b)| **b == which)
        .map(|(e, _)| e)
        .unwrap_or_else(|| panic!("no {which:?} on screen"))
}

/// Each match's facilitator panel and projector open from the roster: the panel's commands
/// happen in the hosted match (the roster shows it paused), and the projector shows its true
/// state.
#[test]
fn a_matchs_facilitator_panel_and_projector_open_from_the_host_window() {
    use crate::desktop::screens::Menu;
    use crate::desktop::screens::facilitator::{FacilitatorButton, FacilitatorStatus};
    use crate::desktop::screens::host::MatchButton;
    let running = serve("reset_2013", vec![3, 3]);
    let mut app = window(running, "reset_2013, 2 matches, seed 3");
    until_shown(&mut app, "Match 2");
    let find = |app: &mut App, which: MatchButton| {
        let mut q = app.world_mut().query::<(Entity, &MatchButton)>();
        q.iter(app.world())
            .find(|(_, b)| **b == which)
            .map(|(e, _)| e)
            .unwrap()
    };
    let b = find(&mut app, MatchButton::Facilitator(1));
    click(&mut app, b);
    settle(&mut app);
    assert_eq!(
        *app.world().resource::<State<Menu>>().get(),
        Menu::Facilitator
    );
    let pause = {
        let mut q = app.world_mut().query::<(Entity, &FacilitatorButton)>();
        q.iter(app.world())
            .find(|(_, b)| **b == FacilitatorButton::Pause)
            .map(|(e, _)| e)
            .unwrap()
    };
    click(&mut app, pause);
    settle(&mut app);
    let said = app.world().resource::<FacilitatorStatus>().0.clone();
    assert!(said.contains("Match 2: The match is paused"), "{said}");
    // The hosted match itself is paused, not only the copy: the roster says so.
    until_shown(&mut app, "Match 2 · paused");
    let status = app.world().resource::<Hosted>().status();
    assert!(status.tables[1].paused && !status.tables[0].paused);
    app.world_mut()
        .resource_mut::<NextState<Menu>>()
        .set(Menu::None);
    settle(&mut app);
    let b = find(&mut app, MatchButton::Projector(0));
    click(&mut app, b);
    settle(&mut app);
    assert_eq!(
        *app.world().resource::<State<Menu>>().get(),
        Menu::Projector
    );
    until_shown(&mut app, "The true state of match 1");
    // Opened on its own, hiding it goes back to the roster, not to a panel.
    press(&mut app, KeyCode::Escape);
    settle(&mut app);
    assert_eq!(*app.world().resource::<State<Menu>>().get(), Menu::None);
}

//! The host window's screen, headless: a class served on the loopback address, its address,
//! code and roster on screen, and the teacher's buttons reaching the class.

use super::{bare_app, click, first, screen, settle, texts};
use crate::desktop::screens::Screen;
use crate::desktop::screens::host::{GoOnButton, Hosted, PauseAllButton};
use crate::desktop::settings::SettingsFile;
use crate::desktop::ui_plugin;
use crate::host::class::Class;
use crate::host::hub::HubOptions;
use crate::host::start::start;
use crate::launch::HostLaunch;
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

#[test]
fn the_host_window_shows_the_way_in_and_the_roster_and_pauses_the_class() {
    let rules = shipped("multipolar_2030");
    let running = start(
        move || Ok(Class::new(rules, &[4, 4]).expect("a random source")),
        HubOptions {
            folder: None,
            passphrase: Some("red fox".into()),
            turn_timer: None,
            flood_per_second: 20,
            hold: None,
        },
        "127.0.0.1:0".parse().unwrap(),
    )
    .unwrap();
    let address = format!("http://{}", running.address);
    let code = running.status.lock().unwrap().class_code.clone();
    let mut app = bare_app();
    app.insert_resource(SettingsFile(None));
    app.add_message::<KeyboardInput>();
    ui_plugin(&mut app);
    app.insert_resource(Hosted::new(HostLaunch {
        running,
        what: "multipolar_2030, 2 matches, seed 4".into(),
        passphrase: "red fox".into(),
    }));
    settle(&mut app);
    assert_eq!(screen(&app), Screen::Host);
    let shown = texts(&mut app);
    for needle in [
        address.as_str(),
        code.as_str(),
        "Match 2",
        "China",
        "red fox",
    ] {
        assert!(
            shown.iter().any(|t| t.contains(needle)),
            "{needle}: {shown:?}"
        );
    }
    assert!(shown.iter().any(|t| t.contains("open: no team yet")));
    // The window's buttons are the teacher's: every match pauses, then goes on.
    let pause = first::<PauseAllButton>(&mut app);
    click(&mut app, pause);
    until_shown(&mut app, "paused");
    let go_on = first::<GoOnButton>(&mut app);
    click(&mut app, go_on);
    until_shown(&mut app, "turn 0 of 40 played");
}

//! The attract mode, and the real-window test: `detente play SCENARIO --autoplay N
//! --screenshots DIR` goes through every screen as a player would (pressing the same buttons),
//! plays N turns with the advisers' move in the player's seat, saves a PNG of each screen it
//! passes, and exits.

use super::screens::FacilitatorMenuButton;
use super::screens::facilitator::FacilitatorButton;
use super::screens::game::{
    CloseHistoryButton, ContinueButton, CrisisModal, EndTurnButton, HistoryButton, MenuButton,
    MoveCard, ReadyButton, RevealProgress, SkipButton,
};
use super::screens::picker::ScenarioCard;
use super::screens::setup::StartButton;
use super::screens::title::NewGameButton;
use super::screens::{GameView, MatchSetup, Menu, PlayerView, Screen};
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use bevy::ui_widgets::Activate;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Frames to let layout and text settle after each step.
const SETTLE: u32 = 5;
/// Give up if the whole run takes longer than this (a window that never draws).
const WATCHDOG: Duration = Duration::from_secs(900);

#[derive(Resource)]
struct Autoplay {
    turns: u32,
    dir: Option<PathBuf>,
    launched: Instant,
    wait: u32,
    taken: Vec<&'static str>,
    pending: Option<(&'static str, Arc<AtomicBool>)>,
    /// The match options given on the command line, applied on the setup screen.
    setup: Option<(String, MatchSetup)>,
}

pub(super) fn add(app: &mut App, turns: u32, dir: Option<PathBuf>, launched: Instant) {
    // Going through the menus, not straight in: the attract mode shows every screen.
    let setup = app
        .world_mut()
        .remove_resource::<MatchSetup>()
        .zip(
            app.world()
                .get_resource::<crate::sim::Rules>()
                .map(|r| r.scenario.id.clone()),
        )
        .map(|(s, id)| (id, s));
    app.world_mut()
        .remove_resource::<super::screens::LaunchStraightIn>();
    if let Some(dir) = &dir
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("error: {}: cannot create: {e}", dir.display());
    }
    // Nor does it touch the player's saves.
    app.insert_resource(super::saves::SaveDir(None));
    app.insert_resource(super::saves::AutosaveOff);
    app.insert_resource(Autoplay {
        turns,
        dir,
        launched,
        wait: SETTLE * 2,
        taken: Vec::new(),
        pending: None,
        setup,
    });
    app.add_systems(Last, drive);
}

/// The first entity with component `C`, if any.
fn find<C: Component>(world: &mut World) -> Option<Entity> {
    let mut q = world.query_filtered::<Entity, With<C>>();
    q.iter(world).next()
}

fn press(world: &mut World, entity: Option<Entity>) {
    if let Some(entity) = entity {
        world.trigger(Activate { entity });
    }
}

fn state<S: States + Copy>(world: &World) -> Option<S> {
    world.get_resource::<State<S>>().map(|s| *s.get())
}

/// One step of the script per call, once the screen has settled and any photo is saved.
fn drive(world: &mut World) {
    let mut auto = world.remove_resource::<Autoplay>().expect("autoplay");
    step(world, &mut auto);
    world.insert_resource(auto);
}

fn step(world: &mut World, auto: &mut Autoplay) {
    if auto.launched.elapsed() > WATCHDOG {
        eprintln!("error: autoplay gave up after {WATCHDOG:?}: the window never finished drawing");
        world.write_message(AppExit::error());
        return;
    }
    if auto.wait > 0 {
        auto.wait -= 1;
        return;
    }
    if let Some((name, done)) = &auto.pending {
        if !done.load(Ordering::Acquire) {
            return;
        }
        if *name == "title" {
            tell(format_args!(
                "title screen on screen {:.2} s after launch",
                auto.launched.elapsed().as_secs_f64()
            ));
        }
        auto.taken.push(name);
        auto.pending = None;
    }
    auto.wait = SETTLE;
    let screen = state::<Screen>(world).unwrap_or_default();
    let menu = state::<Menu>(world).unwrap_or_default();
    match (screen, menu) {
        (_, Menu::Pause) => {
            if !shoot(world, auto, "pause") {
                // With the facilitator's controls open (--facilitator), photograph them too.
                if let Some(b) = find::<FacilitatorMenuButton>(world)
                    && !auto.taken.contains(&"facilitator")
                {
                    return press(world, Some(b));
                }
                world.resource_mut::<NextState<Menu>>().set(Menu::Settings);
            }
        }
        (_, Menu::Facilitator) => {
            if !shoot(world, auto, "facilitator") {
                let mut q = world.query::<(Entity, &FacilitatorButton)>();
                let projector = q
                    .iter(world)
                    .find(|(_, b)| **b == FacilitatorButton::Projector)
                    .map(|(e, _)| e);
                press(world, projector);
            }
        }
        (_, Menu::Projector) => {
            if !shoot(world, auto, "projector") {
                world.resource_mut::<NextState<Menu>>().set(Menu::Settings);
            }
        }
        (_, Menu::Passphrase) => {
            world.resource_mut::<NextState<Menu>>().set(Menu::None);
        }
        (Screen::Saves, _) => {
            world.resource_mut::<NextState<Screen>>().set(Screen::Title);
        }
        (_, Menu::Settings) => {
            if !shoot(world, auto, "settings") {
                world.resource_mut::<NextState<Menu>>().set(Menu::None);
            }
        }
        (Screen::Title, _) => {
            if !shoot(world, auto, "title") {
                let b = find::<NewGameButton>(world);
                press(world, b);
            }
        }
        (Screen::Picker, _) => {
            if !shoot(world, auto, "picker") {
                let wanted = auto.setup.as_ref().map(|(id, _)| id.clone());
                let mut q = world.query::<(Entity, &ScenarioCard)>();
                let card = q
                    .iter(world)
                    .find(|(_, c)| wanted.as_ref().is_none_or(|w| *w == c.0))
                    .map(|(e, _)| e);
                press(world, card);
            }
        }
        (Screen::Setup, _) => {
            if let Some((_, setup)) = auto.setup.take() {
                world.insert_resource(setup);
                return;
            }
            if !shoot(world, auto, "setup") {
                let b = find::<StartButton>(world);
                press(world, b);
            }
        }
        (Screen::Game, _) => play(world, auto),
        (Screen::End, _) => {
            if !shoot(world, auto, "end") {
                let view = world.resource::<PlayerView>();
                tell(format_args!(
                    "autoplay: {} turns played; {}",
                    view.records.len().saturating_sub(1),
                    view.outcome
                        .map_or("the match goes on".to_string(), |o| format!(
                            "outcome {}",
                            o.name()
                        ))
                ));
                if let Some(dir) = &auto.dir {
                    tell(format_args!(
                        "screenshots in {}: {}",
                        dir.display(),
                        auto.taken.join(", ")
                    ));
                }
                world.write_message(AppExit::Success);
            }
        }
        // The host window is not part of the attract mode's tour.
        (Screen::Host | Screen::HostSetup, _) => {}
    }
}

fn play(world: &mut World, auto: &mut Autoplay) {
    let played = world
        .get_resource::<PlayerView>()
        .map_or(0, |v| v.records.len().saturating_sub(1)) as u32;
    match state::<GameView>(world).unwrap_or_default() {
        GameView::Choosing => {
            let (chosen, advice) = (
                world.resource::<PlayerView>().chosen,
                world
                    .get_resource::<super::screens::game::Advice>()
                    .and_then(|a| a.0),
            );
            if chosen.is_none() {
                let mut q = world.query::<(Entity, &MoveCard)>();
                let card = q
                    .iter(world)
                    .find(|(_, c)| advice.is_none_or(|a| a == c.move_index))
                    .map(|(e, _)| e);
                return press(world, card);
            }
            let crisis = find::<CrisisModal>(world).is_some();
            if crisis && shoot(world, auto, "crisis") {
                return;
            }
            if !crisis && shoot(world, auto, "game") {
                return;
            }
            if !crisis && !auto.taken.contains(&"pause") {
                let b = find::<MenuButton>(world);
                return press(world, b);
            }
            if played >= 2 && !auto.taken.contains(&"history") {
                let b = find::<HistoryButton>(world);
                return press(world, b);
            }
            if played >= auto.turns {
                world.resource_mut::<NextState<Screen>>().set(Screen::End);
                return;
            }
            let b = find::<EndTurnButton>(world);
            press(world, b);
        }
        GameView::Reveal => {
            let done = world
                .get_resource::<RevealProgress>()
                .is_none_or(RevealProgress::done);
            if !done {
                if auto.taken.contains(&"reveal") {
                    let b = find::<SkipButton>(world);
                    press(world, b);
                }
                return;
            }
            if !shoot(world, auto, "reveal") {
                let b = find::<ContinueButton>(world);
                press(world, b);
            }
        }
        GameView::History => {
            if !shoot(world, auto, "history") {
                let b = find::<CloseHistoryButton>(world);
                press(world, b);
            }
        }
        GameView::Pass => {
            if !shoot(world, auto, "pass") {
                let b = find::<ReadyButton>(world);
                press(world, b);
            }
        }
    }
}

/// Photographs the window as `DIR/NAME.png` unless already done; true if a photo was started.
fn shoot(world: &mut World, auto: &mut Autoplay, name: &'static str) -> bool {
    if auto.taken.contains(&name) {
        return false;
    }
    let Some(dir) = auto.dir.clone() else {
        auto.taken.push(name);
        return false;
    };
    let done = Arc::new(AtomicBool::new(false));
    let flag = done.clone();
    let path = dir.join(format!("{name}.png"));
    world
        .spawn(Screenshot::primary_window())
        .observe(move |captured: On<ScreenshotCaptured>| {
            save_png(&captured.image, &path);
            flag.store(true, Ordering::Release);
        });
    auto.pending = Some((name, done));
    true
}

/// Saves a captured frame: to a temporary file first, then renamed, so a PNG is whole or absent.
fn save_png(image: &Image, path: &std::path::Path) {
    let tmp = path.with_extension("tmp.png");
    let result = image
        .clone()
        .try_into_dynamic()
        .map_err(|e| e.to_string())
        .and_then(|d| d.to_rgb8().save(&tmp).map_err(|e| e.to_string()))
        .and_then(|()| std::fs::rename(&tmp, path).map_err(|e| e.to_string()));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        eprintln!("error: {}: screenshot not saved: {e}", path.display());
    }
}

/// A line on standard output that is not lost over: a closed pipe (`| head`) is not an error
/// worth stopping the window for.
fn tell(line: std::fmt::Arguments) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

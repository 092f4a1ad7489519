//! Watching a saved game: the match rebuilt at any turn from the save's recording, that turn's
//! reveal on screen, ← → through the turns, any nation's eyes, and playing on from a turn (a
//! fork).
//!
//! A match that people are still playing keeps its secrets here as at the table (`secrets`).

use super::facilitator::{PassphraseEntry, PassphrasePurpose};
use super::game::BoardRoot;
use super::secrets::{self, Permission, Secrecy};
use super::{GameView, Menu, PlayerView, Screen, despawn_all, show_match};
use crate::desktop::saves::AutosaveOff;
use crate::desktop::theme::UiFonts;
use crate::desktop::theme::widgets::small_keyed_button;
use crate::sim::Rules;
use crate::sim::archive::journal::Recording;
use crate::sim::archive::rebuild::rebuild;
use crate::sim::archive::save::SaveFile;
use crate::sim::play::session::resume_match;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

/// A replay being watched: the save's recording, the turn on screen, and through whose eyes.
#[derive(Resource, Debug, Clone)]
pub struct Watching {
    pub save: SaveFile,
    pub turn: u32,
    /// The nation whose view is shown (the first person's seat until changed).
    pub perspective: Option<usize>,
    /// What the match keeps secret while it is in play (`secrets`).
    pub secrecy: Secrecy,
    /// The facilitator's passphrase was given: every seat and the fork are open.
    pub unlocked: bool,
    /// Why the last thing asked for was refused, shown under the replay's buttons.
    pub notice: Option<String>,
}

/// What a watcher asked for that may need the passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchAction {
    /// Look through the next nation's eyes.
    NextSeat,
    /// Play on from the turn on screen.
    PlayOn,
}

impl Watching {
    pub fn new(save: SaveFile, unlocked: bool) -> Watching {
        Watching {
            secrecy: Secrecy::of(&save),
            save,
            turn: 1,
            perspective: None,
            unlocked,
            notice: None,
        }
    }

    pub fn last_turn(&self) -> u32 {
        self.save.recording.turns.len() as u32
    }

    /// Whether someone can take over from here: the match has a seat played by a person.
    pub fn can_play_on(&self) -> bool {
        self.save.recording.has_people()
    }
}

/// Does what a watcher asked for, or asks for the passphrase first, or says why not.
pub fn ask(world: &mut World, action: WatchAction) {
    let always = secrets::always(world);
    let Some(watching) = world.get_resource::<Watching>() else {
        return;
    };
    let (secrecy, unlocked) = (&watching.secrecy, watching.unlocked);
    let permission = match action {
        WatchAction::NextSeat => {
            let n = watching.save.recording.seats.len().max(1);
            let now = world.get_resource::<PlayerView>().map_or(0, |v| v.player);
            let rules = world.resource::<Rules>();
            secrecy.may_see((now + 1) % n, unlocked, always, rules)
        }
        WatchAction::PlayOn => secrecy.may_fork(unlocked, always),
    };
    match permission {
        Permission::Allowed => carry_out(world, action),
        Permission::NeedsPassphrase => {
            world.insert_resource(PassphraseEntry {
                purpose: PassphrasePurpose::Watch(action),
                typed: String::new(),
                wrong: false,
            });
            world
                .resource_mut::<NextState<Menu>>()
                .set(Menu::Passphrase);
        }
        Permission::Refused(why) => {
            world.resource_mut::<Watching>().notice = Some(why);
            despawn_all::<BoardRoot>(world);
            world
                .resource_mut::<NextState<GameView>>()
                .set(GameView::Reveal);
        }
    }
}

/// Does what was asked, once allowed.
pub fn carry_out(world: &mut World, action: WatchAction) {
    match action {
        WatchAction::NextSeat => next_perspective(world),
        WatchAction::PlayOn => play_on_from_here(world),
    }
}

/// Opens a save as a replay, from its first turn (asking for the passphrase first when the
/// match's secrets need it: `secrets`).
pub fn watch_save(world: &mut World, path: &std::path::Path) -> Result<(), String> {
    secrets::open_save(world, path, true)
}

/// Shows a loaded save as a replay, from its first turn.
pub fn begin_watching(world: &mut World, save: SaveFile, unlocked: bool) -> Result<(), String> {
    world.insert_resource(AutosaveOff);
    world.insert_resource(Watching::new(save, unlocked));
    show_watched_turn(world, 1)
}

/// Rebuilds the watched match at the end of `turn` and shows that turn's reveal.
pub fn show_watched_turn(world: &mut World, turn: u32) -> Result<(), String> {
    let Some(watching) = world.get_resource::<Watching>().cloned() else {
        return Err("no replay is open".into());
    };
    let turn = turn.clamp(1, watching.last_turn());
    let rebuilt =
        rebuild(&watching.save.recording, turn as usize, None).map_err(|e| e.to_string())?;
    let perspective = watching
        .perspective
        .filter(|&p| p < rebuilt.rules.nation_count());
    world.resource_mut::<Watching>().notice = None;
    if let Some(old) = world.get_resource::<PlayerView>().map(|v| v.entity) {
        world.despawn(old);
    }
    despawn_all::<BoardRoot>(world);
    // The match on screen holds the recording up to this turn: playing on from here forks it.
    let mut recording: Recording = watching.save.recording.clone();
    recording.turns.truncate(turn as usize);
    recording.pending_params.clear();
    recording.pending_seats.clear();
    let mut records = vec![rebuilt.opening.clone()];
    records.extend(rebuilt.state.history.iter().cloned());
    let entity = resume_match(world, rebuilt.rules, rebuilt.state, recording);
    show_match(world, entity, records, None);
    if let Some(player) = perspective {
        world.resource_mut::<PlayerView>().player = player;
    }
    world.resource_mut::<Watching>().turn = turn;
    world.resource_mut::<NextState<Screen>>().set(Screen::Game);
    world
        .resource_mut::<NextState<GameView>>()
        .set(GameView::Reveal);
    Ok(())
}

/// Stops watching and plays on from the turn on screen: the match forks there, keeping the
/// save's passphrase.
pub fn play_on_from_here(world: &mut World) {
    if let Some(watching) = world.remove_resource::<Watching>() {
        secrets::keep_the_guard(world, &watching.save);
    }
    world.remove_resource::<AutosaveOff>();
    let Some(view) = world.get_resource::<PlayerView>().cloned() else {
        return;
    };
    despawn_all::<BoardRoot>(world);
    show_match(world, view.entity, view.records, None);
    let hotseat = world.resource::<PlayerView>().people.len() > 1;
    world.resource_mut::<NextState<GameView>>().set(if hotseat {
        GameView::Pass
    } else {
        GameView::Choosing
    });
}

/// Looks at the replay from the next nation's seat.
pub fn next_perspective(world: &mut World) {
    despawn_all::<BoardRoot>(world);
    let n = world.resource::<crate::sim::Rules>().nation_count();
    let Some(mut view) = world.get_resource_mut::<PlayerView>() else {
        return;
    };
    view.player = (view.player + 1) % n.max(1);
    let player = view.player;
    if let Some(mut watching) = world.get_resource_mut::<Watching>() {
        watching.perspective = Some(player);
    }
    world
        .resource_mut::<NextState<GameView>>()
        .set(GameView::Reveal);
}

/// A replay's controls: step back and forward, change whose eyes, take over, leave.
pub fn watch_buttons(commands: &mut Commands, buttons: Entity, w: &Watching, fonts: &UiFonts) {
    let step = |by: i64| {
        move |_: On<Activate>, mut commands: Commands| {
            commands.queue(move |world: &mut World| {
                let Some(turn) = world.get_resource::<Watching>().map(|w| w.turn) else {
                    return;
                };
                let to = (i64::from(turn) + by).max(1) as u32;
                if to != turn
                    && let Err(e) = show_watched_turn(world, to)
                {
                    warn!("replay: {e}");
                }
            });
        }
    };
    if w.turn > 1 {
        commands.spawn((
            ChildOf(buttons),
            small_keyed_button("Previous turn", KeyCode::ArrowLeft, fonts, step(-1)),
        ));
    }
    if w.turn < w.last_turn() {
        commands.spawn((
            ChildOf(buttons),
            small_keyed_button("Next turn", KeyCode::ArrowRight, fonts, step(1)),
        ));
    }
    commands.spawn((
        ChildOf(buttons),
        small_keyed_button(
            "Another nation's eyes",
            KeyCode::KeyN,
            fonts,
            |_: On<Activate>, mut commands: Commands| {
                commands.queue(|world: &mut World| ask(world, WatchAction::NextSeat))
            },
        ),
    ));
    if w.can_play_on() {
        commands.spawn((
            ChildOf(buttons),
            small_keyed_button(
                "Play on from here",
                KeyCode::KeyP,
                fonts,
                |_: On<Activate>, mut commands: Commands| {
                    commands.queue(|world: &mut World| ask(world, WatchAction::PlayOn))
                },
            ),
        ));
    }
    commands.spawn((
        ChildOf(buttons),
        small_keyed_button(
            "Leave",
            KeyCode::Escape,
            fonts,
            |_: On<Activate>, mut commands: Commands| {
                commands.queue(|world: &mut World| {
                    world.remove_resource::<Watching>();
                    world.remove_resource::<AutosaveOff>();
                    world.resource_mut::<NextState<Screen>>().set(Screen::Saves);
                });
            },
        ),
    ));
}

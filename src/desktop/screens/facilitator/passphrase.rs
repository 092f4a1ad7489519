//! The passphrase box: setting the facilitator's passphrase on the setup screen, and typing it
//! to open the panel.

use super::FacilitatorAccess;
use crate::desktop::screens::Menu;
use crate::desktop::screens::saves::LoadNotice;
use crate::desktop::screens::secrets::{PendingOpen, Secrecy, finish_open};
use crate::desktop::screens::watch::{WatchAction, Watching, carry_out};
use crate::desktop::theme::widgets::{keyed_button, label, modal, row};
use crate::desktop::theme::{UiFonts, palette, size};
use crate::sim::archive::guard::Guard;
use bevy::input::ButtonState;
use bevy::input::keyboard::KeyboardInput;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

/// What the passphrase box is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassphrasePurpose {
    /// Setting it, on the setup screen.
    Set,
    /// Opening the panel with it.
    Unlock,
    /// Opening a replay's secrets (another seat's view, a fork), then doing what was asked.
    Watch(WatchAction),
    /// Opening a save of a match several people still play (`secrets::PendingOpen`).
    Open,
}

/// The passphrase being typed.
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct PassphraseEntry {
    pub purpose: PassphrasePurpose,
    pub typed: String,
    pub wrong: bool,
}

#[derive(Component)]
pub(super) struct PassphraseText;

/// Opens the box that sets the passphrase (the setup screen's button).
pub fn ask_for_new_passphrase(world: &mut World) {
    world.insert_resource(PassphraseEntry {
        purpose: PassphrasePurpose::Set,
        typed: String::new(),
        wrong: false,
    });
    world
        .resource_mut::<NextState<Menu>>()
        .set(Menu::Passphrase);
}

pub(super) fn spawn_passphrase(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    entry: Res<PassphraseEntry>,
) {
    let (backdrop, window) = modal(8, 560.0);
    let title = match entry.purpose {
        PassphrasePurpose::Set => "Set the facilitator's passphrase",
        PassphrasePurpose::Unlock => "Facilitator: enter the passphrase",
        PassphrasePurpose::Watch(_) | PassphrasePurpose::Open => "This match is still being played",
    };
    let hint = match entry.purpose {
        PassphrasePurpose::Set => {
            "With a passphrase, the pause menu offers the facilitator's controls to whoever types it."
        }
        PassphrasePurpose::Unlock => "Type it and press Enter.",
        PassphrasePurpose::Watch(_) => {
            "Other seats' views and a fork of it need the facilitator's passphrase. Type it and press Enter."
        }
        PassphrasePurpose::Open => {
            "Several people are playing it: opening it needs the facilitator's passphrase. Type it and press Enter."
        }
    };
    commands.spawn((
        DespawnOnExit(Menu::Passphrase),
        backdrop,
        children![(
            window,
            children![
                label(title, &fonts.bold, size::TITLE, palette::TITLE),
                label(hint, &fonts.regular, size::SMALL, palette::MUTED),
                (
                    Node {
                        padding: UiRect::axes(px(12), px(8)),
                        border: UiRect::all(px(1)),
                        border_radius: BorderRadius::all(px(6)),
                        min_height: px(40),
                        ..default()
                    },
                    BorderColor::all(palette::FOCUS),
                    BackgroundColor(palette::PANEL_RAISED),
                    children![(
                        PassphraseText,
                        label(shown(&entry), &fonts.bold, size::BODY, palette::TEXT)
                    )],
                ),
                (
                    row(10.0),
                    children![
                        keyed_button("OK", KeyCode::Enter, &fonts, confirm_passphrase),
                        keyed_button("Cancel", KeyCode::Escape, &fonts, cancel_passphrase),
                    ],
                ),
            ],
        )],
    ));
}

fn shown(entry: &PassphraseEntry) -> String {
    let dots = "•".repeat(entry.typed.chars().count());
    if entry.wrong {
        format!("{dots}  (wrong passphrase)")
    } else if dots.is_empty() {
        "…".into()
    } else {
        dots
    }
}

/// Letters typed into the passphrase box (Backspace removes the last one).
pub(super) fn type_passphrase(
    mut keys: MessageReader<KeyboardInput>,
    mut entry: ResMut<PassphraseEntry>,
    mut texts: Query<&mut Text, With<PassphraseText>>,
) {
    let mut changed = false;
    for key in keys.read() {
        if key.state != ButtonState::Pressed {
            continue;
        }
        if key.key_code == KeyCode::Backspace {
            entry.typed.pop();
            changed = true;
        } else if let Some(text) = &key.text {
            let printable: String = text.chars().filter(|c| !c.is_control()).collect();
            if !printable.is_empty() {
                entry.typed.push_str(&printable);
                entry.wrong = false;
                changed = true;
            }
        }
    }
    if changed {
        for mut t in &mut texts {
            t.0 = shown(&entry);
        }
    }
}

fn confirm_passphrase(
    _: On<Activate>,
    mut entry: ResMut<PassphraseEntry>,
    mut access: ResMut<FacilitatorAccess>,
    mut next: ResMut<NextState<Menu>>,
    mut texts: Query<&mut Text, With<PassphraseText>>,
    watching: Option<ResMut<Watching>>,
    pending: Option<Res<PendingOpen>>,
    mut commands: Commands,
) {
    let mut wrong = |entry: &mut PassphraseEntry| {
        entry.typed.clear();
        entry.wrong = true;
        for mut t in &mut texts {
            t.0 = shown(entry);
        }
    };
    match entry.purpose {
        PassphrasePurpose::Set => {
            let typed = entry.typed.trim();
            access.guard = (!typed.is_empty()).then(|| Guard::new(typed));
            next.set(Menu::None);
        }
        PassphrasePurpose::Unlock => {
            if access
                .guard
                .as_ref()
                .is_some_and(|g| g.verify(&entry.typed))
            {
                access.unlocked = true;
                next.set(Menu::Facilitator);
            } else {
                wrong(&mut entry);
            }
        }
        PassphrasePurpose::Watch(action) => {
            let Some(mut watching) = watching else {
                next.set(Menu::None);
                return;
            };
            if watching
                .secrecy
                .guard()
                .is_some_and(|g| g.verify(&entry.typed))
            {
                watching.unlocked = true;
                next.set(Menu::None);
                commands.queue(move |world: &mut World| carry_out(world, action));
            } else {
                wrong(&mut entry);
            }
        }
        PassphrasePurpose::Open => {
            let Some(pending) = pending else {
                next.set(Menu::None);
                return;
            };
            let guard = Secrecy::of(&pending.save).guard().cloned();
            if guard.is_some_and(|g| g.verify(&entry.typed)) {
                next.set(Menu::None);
                let pending = pending.clone();
                commands.queue(move |world: &mut World| {
                    world.remove_resource::<PendingOpen>();
                    let PendingOpen {
                        save,
                        rebuilt,
                        watch,
                    } = pending;
                    if let Err(e) = finish_open(world, save, rebuilt, watch, true) {
                        world.insert_resource(LoadNotice(Some(e)));
                    }
                });
            } else {
                wrong(&mut entry);
            }
        }
    }
}

fn cancel_passphrase(
    _: On<Activate>,
    entry: Res<PassphraseEntry>,
    mut next: ResMut<NextState<Menu>>,
    mut commands: Commands,
) {
    commands.remove_resource::<PendingOpen>();
    next.set(match entry.purpose {
        PassphrasePurpose::Set | PassphrasePurpose::Watch(_) | PassphrasePurpose::Open => {
            Menu::None
        }
        PassphrasePurpose::Unlock => Menu::Pause,
    });
}

//! The facilitator's controls: for the teacher running a class. From the pause menu (behind a
//! passphrase set at the start) or at once with `detente play --facilitator`:
//! - pause the match, so no seat can end the turn (they may still think and choose);
//! - force an event of the deck into the next turn;
//! - show the true state to the room (the projector view), and hide it again;
//! - roll back to the end of any earlier turn and play on from there (a fork);
//! - change a model parameter for the rest of the match;
//! - export the game so far as `simulate --json` does, for `detente report`.
//!
//! Every change to the match goes to the sim as a `Facilitate` command; the panel redraws from
//! what the sim reports back (`Facilitated`, or a refusal).

//!
//! `panel.rs` is the panel and its actions, `passphrase.rs` the box that guards it, and
//! `projector.rs` the true-state view for the room.

mod panel;
mod passphrase;
mod projector;

pub use panel::{FacilitatorButton, PARAMETERS};
pub use passphrase::{PassphraseEntry, PassphrasePurpose, ask_for_new_passphrase};
pub use projector::ProjectorReturns;

use super::{GameView, Menu, PlayerView, Screen};
use crate::sim::Rules;
use crate::sim::archive::guard::Guard;
use crate::sim::play::session::{Facilitated, OrderRefused};
use crate::sim::play::state::Clock;
use bevy::prelude::*;

/// Who may open the facilitator's panel.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct FacilitatorAccess {
    /// Opened to whoever is at the computer for the whole session (`--facilitator`).
    pub always: bool,
    /// The panel opens without asking: until it is closed, after the passphrase.
    pub unlocked: bool,
    /// The passphrase, as its hash: set at the start of a session (or read from the save of
    /// the match), asked for before the panel opens, and kept in every save of the match.
    pub guard: Option<Guard>,
}

impl FacilitatorAccess {
    /// Whether the pause menu offers the panel at all.
    pub fn available(&self) -> bool {
        self.always || self.unlocked || self.guard.is_some()
    }
}

/// The last thing the panel did, or the sim's reason for refusing it.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct FacilitatorStatus(pub String);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FacilitatorAccess>()
        .init_resource::<FacilitatorStatus>()
        .add_systems(OnEnter(Menu::Facilitator), panel::spawn_panel)
        .add_systems(OnEnter(Menu::Passphrase), passphrase::spawn_passphrase)
        .add_systems(OnEnter(Menu::Projector), projector::spawn_projector)
        // Closing the panel locks it again: the next person at the computer must know the
        // passphrase to see the true state.
        .add_systems(OnEnter(Menu::None), lock)
        .add_systems(OnEnter(Menu::Pause), lock)
        .add_systems(
            Update,
            (
                hear_the_sim.run_if(resource_exists::<PlayerView>),
                panel::respawn_panel.run_if(
                    in_state(Menu::Facilitator).and_then(resource_changed::<FacilitatorStatus>),
                ),
                passphrase::type_passphrase.run_if(in_state(Menu::Passphrase)),
            )
                .chain()
                .in_set(crate::desktop::Phase::Session),
        );
}

/// Opens the panel, asking for the passphrase first unless it was given already.
pub fn open_facilitator(world: &mut World) {
    let access = world.resource::<FacilitatorAccess>().clone();
    let menu = if access.always || access.unlocked {
        Menu::Facilitator
    } else if access.guard.is_some() {
        world.insert_resource(PassphraseEntry {
            purpose: PassphrasePurpose::Unlock,
            typed: String::new(),
            wrong: false,
        });
        Menu::Passphrase
    } else {
        return;
    };
    world.resource_mut::<NextState<Menu>>().set(menu);
}

fn lock(mut access: ResMut<FacilitatorAccess>) {
    if access.unlocked {
        access.unlocked = false;
    }
}

/// What the panel says a command did.
pub fn in_words(rules: &Rules, fact: &Facilitated) -> String {
    match fact {
        Facilitated::Paused(true) => "The match is paused: no turn can end.".into(),
        Facilitated::Paused(false) => "The match goes on.".into(),
        Facilitated::Injected { event, on } => {
            let name = &rules.scenario.events[*event].name;
            if *on {
                format!("{name} will happen next turn.")
            } else {
                format!("{name} is no longer forced.")
            }
        }
        Facilitated::ParamChanged(set) => format!("Changed for the rest of the match: {set}"),
        Facilitated::HandedOver { nation, controller } => format!(
            "{} is played by {} from this turn.",
            rules.scenario.nations[*nation].name,
            crate::sim::archive::narrate::controller(rules, *controller)
        ),
        Facilitated::RolledBack(turn) => {
            format!("Back at the end of turn {turn}: the match forks from here.")
        }
    }
}

/// Takes in the sim's answers to the panel: a rollback rewinds what the screens show.
fn hear_the_sim(
    mut done: MessageReader<Facilitated>,
    mut refused: MessageReader<OrderRefused>,
    menu: Res<State<Menu>>,
    rules: Res<Rules>,
    mut status: ResMut<FacilitatorStatus>,
    mut view: ResMut<PlayerView>,
    clocks: Query<&Clock>,
    mut screen: ResMut<NextState<Screen>>,
    mut game: ResMut<NextState<GameView>>,
) {
    for fact in done.read() {
        match fact {
            // The seats see it on their board too.
            Facilitated::Paused(true) => {
                view.notice =
                    Some("The facilitator has paused the match: the turn cannot end yet.".into());
            }
            Facilitated::Paused(false) => view.notice = None,
            Facilitated::RolledBack(turn) => {
                view.records.truncate(*turn as usize + 1);
                view.outcome = clocks.get(view.entity).ok().and_then(|c| c.outcome);
                let first = view.first_person();
                view.hand_to(first);
                screen.set(Screen::Game);
                game.set(if view.people.len() > 1 {
                    GameView::Pass
                } else {
                    GameView::Choosing
                });
            }
            _ => {}
        }
        status.0 = in_words(&rules, fact);
    }
    if *menu.get() == Menu::Facilitator {
        for r in refused.read() {
            status.0 = format!(
                "Refused: {}.",
                crate::sim::archive::narrate::refusal(&rules.scenario, &r.0)
            );
        }
    }
}

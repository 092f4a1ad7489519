//! Each match's facilitator panel and projector view, opened from the host window's roster.
//! They are the desktop's own (`screens::facilitator`), drawn from a copy of the match
//! (`host::class::MatchCopy`) put in play in this window; every command the panel gives is sent
//! to the class, carried out on the match itself, and answered with the match's new copy.
//! Nothing is decided in this window.

use super::Hosted;
use crate::desktop::screens::facilitator::{FacilitatorStatus, ProjectorReturns, in_words};
use crate::desktop::screens::{Menu, PlayerView};
use crate::host::class::MatchCopy;
use crate::sim::play::session::{Facilitate, MatchPaused, resume_match};
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

/// The match whose copy is in play in this window.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mirrored(pub usize);

/// A match's buttons in the roster (the tests press them).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchButton {
    Facilitator(usize),
    Projector(usize),
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        forward
            .run_if(resource_exists::<Mirrored>.and_then(resource_exists::<Hosted>))
            .in_set(crate::desktop::Phase::Session)
            .before(crate::sim::play::session::SessionSystems),
    );
}

/// Opens match `table`'s panel or projector on a fresh copy of it.
pub(super) fn open(activate: On<Activate>, buttons: Query<&MatchButton>, mut commands: Commands) {
    let Ok(&button) = buttons.get(activate.entity) else {
        return;
    };
    commands.queue(move |world: &mut World| {
        let (table, menu, returns) = match button {
            MatchButton::Facilitator(t) => (t, Menu::Facilitator, Menu::Facilitator),
            MatchButton::Projector(t) => (t, Menu::Projector, Menu::None),
        };
        world.insert_resource(ProjectorReturns(returns));
        let copy = world
            .get_resource::<Hosted>()
            .and_then(|h| h.launch.running.copy_of(table));
        let Some(copy) = copy else {
            return;
        };
        put_in_play(world, table, copy);
        world.insert_resource(FacilitatorStatus(format!(
            "Match {}: what you do here happens in that match, for every team in it.",
            table + 1
        )));
        world.resource_mut::<NextState<Menu>>().set(menu);
    });
}

/// The copy of match `table` in play here, in place of the one before.
fn put_in_play(world: &mut World, table: usize, copy: MatchCopy) {
    if let Some(old) = world.get_resource::<PlayerView>().map(|v| v.entity)
        && world.get_entity(old).is_ok()
    {
        world.despawn(old);
    }
    let records = copy.records();
    let outcome = copy.state.globals.outcome;
    let paused = copy.paused;
    let entity = resume_match(world, copy.rules, copy.state, copy.recording);
    world.insert_resource(MatchPaused(paused));
    world.insert_resource(PlayerView {
        entity,
        player: 0,
        people: Vec::new(),
        records,
        outcome,
        chosen: None,
        accepted: Vec::new(),
        notice: None,
    });
    world.insert_resource(Mirrored(table));
}

/// Sends the panel's commands to the class instead of the copy, and shows what they did.
fn forward(world: &mut World) {
    let commands: Vec<Facilitate> = world
        .resource_mut::<Messages<Facilitate>>()
        .drain()
        .collect();
    let table = world.resource::<Mirrored>().0;
    for command in commands {
        let answer = world
            .resource::<Hosted>()
            .launch
            .running
            .facilitate(table, command);
        let said = match answer {
            Ok((done, copy)) => {
                let said = in_words(&copy.rules, &done);
                put_in_play(world, table, copy);
                format!("Match {}: {said}", table + 1)
            }
            Err(why) => format!("Refused: {why}."),
        };
        world.insert_resource(FacilitatorStatus(said));
    }
}

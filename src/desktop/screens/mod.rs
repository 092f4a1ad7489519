//! The screens of the desktop game, one plugin each, switched by the `Screen` state.

mod picker;
mod title;

use bevy::prelude::*;

/// Which screen is showing. UI entities of a screen carry `DespawnOnExit(screen)`.
#[derive(States, Default, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    #[default]
    Title,
    Picker,
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.add_plugins((title::plugin, picker::plugin));
}

//! Reactive mode draws only on input, and an unfocused window waits up to a minute: so keep
//! drawing for a few frames at start and after anything on screen changes, until text and
//! layout have settled, then go quiet again.

use super::screens::facilitator::FacilitatorStatus;
use super::screens::saves::LoadNotice;
use super::screens::{GameView, Menu, PlayerView, Screen};
use super::settings::Settings;
use bevy::prelude::*;
use bevy::window::RequestRedraw;

/// Frames still to draw without waiting for input.
#[derive(Resource)]
struct PendingFrames(u32);

/// Frames to draw after start or a change.
const SETTLE_FRAMES: u32 = 12;

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(PendingFrames(SETTLE_FRAMES));
    app.add_systems(
        Update,
        (
            settle_after_change.run_if(
                state_changed::<Screen>
                    .or_else(state_changed::<Menu>)
                    .or_else(state_changed::<GameView>)
                    // A change asked for in the last frame of a burst happens in the next one,
                    // which must come without waiting for input.
                    .or_else(resource_changed::<NextState<Screen>>)
                    .or_else(resource_changed::<NextState<Menu>>)
                    .or_else(resource_exists_and_changed::<NextState<GameView>>)
                    .or_else(resource_changed::<Settings>)
                    .or_else(resource_exists_and_changed::<PlayerView>)
                    .or_else(resource_changed::<FacilitatorStatus>)
                    .or_else(resource_changed::<LoadNotice>),
            ),
            request_pending_frames,
        )
            .chain()
            .in_set(crate::desktop::Phase::Present),
    );
}

fn settle_after_change(mut pending: ResMut<PendingFrames>) {
    pending.0 = SETTLE_FRAMES;
}

fn request_pending_frames(
    mut pending: ResMut<PendingFrames>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if pending.0 > 0 {
        pending.0 -= 1;
        redraw.write(RequestRedraw);
    }
}

//! The match screen: the board (nations, relations, threats, the clock), the move cards and
//! proposals, the crisis modal, the turn reveal and the history charts.
//!
//! Everything here is drawn from what the sim reported (`PlayerView`) and read from the match
//! without changing it; the player's choices go to the sim as `sim::play::session` commands.

mod board;
mod changes;
pub mod charts;
mod crisis;
mod history;
mod matrix;
mod moves;
mod nations;
mod orders;
mod pass;
mod reveal;

use super::{GameView, PlayerView, Screen};
use crate::sim::archive::narrate;
use crate::sim::play::command::Refusal;
use crate::sim::play::session::{MatchEnded, OrderRefused, TurnResolved};
use bevy::prelude::*;

pub use board::{Advice, BoardRoot, EndTurnButton, HistoryButton, MenuButton};
pub use crisis::CrisisModal;
pub use history::CloseHistoryButton;
pub use moves::MoveCard;
pub use orders::ProposalToggle;
pub use pass::ReadyButton;
pub use reveal::{ContinueButton, RevealProgress, SkipButton};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        read_reports
            .run_if(resource_exists::<PlayerView>)
            .in_set(crate::desktop::Phase::Session)
            .after(crate::sim::play::session::SessionSystems),
    );
    app.add_plugins((
        board::plugin,
        moves::plugin,
        orders::plugin,
        crisis::plugin,
        reveal::plugin,
        history::plugin,
        pass::plugin,
    ));
}

/// Takes in what the sim reported about the match: a resolved turn opens the reveal (in hotseat,
/// after the computer is passed to the first person); a refusal is shown to the player.
fn read_reports(
    mut view: ResMut<PlayerView>,
    mut resolved: MessageReader<TurnResolved>,
    mut ended: MessageReader<MatchEnded>,
    mut refused: MessageReader<OrderRefused>,
    screen: Option<Res<State<Screen>>>,
    rules: Res<crate::sim::Rules>,
    mut next: ResMut<NextState<GameView>>,
) {
    for TurnResolved(record) in resolved.read() {
        view.records.push(record.clone());
        let first = view.first_person();
        view.hand_to(first);
        let hotseat = view.people.len() > 1;
        if screen.as_ref().is_some_and(|s| *s.get() == Screen::Game) {
            next.set(if hotseat {
                GameView::Pass
            } else {
                GameView::Reveal
            });
        }
    }
    for MatchEnded(outcome) in ended.read() {
        view.outcome = Some(*outcome);
    }
    let player = view.player;
    for OrderRefused(refusal) in refused.read() {
        // Another person's seat holds the turn up (hotseat): say whose, and nothing of what
        // that seat chose; any other refusal about another seat is not this seat's business.
        let about_another = refusal.nation().is_some_and(|n| n != player);
        if about_another
            && !(matches!(refusal, Refusal::NotChosen { nation } if view.people.contains(nation)))
        {
            continue;
        }
        // The facilitator's refusals are told on the facilitator's panel only.
        let Some(notice) = narrate::notice(&rules.scenario, refusal, player) else {
            continue;
        };
        view.notice = Some(notice);
        if matches!(refusal, Refusal::MoveNotOpen { .. }) {
            view.chosen = None;
        }
    }
}

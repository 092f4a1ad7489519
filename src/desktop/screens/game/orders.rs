//! The board's right column: proposals from the others to accept or decline, the agreements in
//! force, the advisers' suggestion, what the player will play, the sim's last refusal, and the
//! end-turn button. Answers go to the sim as `AnswerProposal`, the end of the turn as `EndTurn`.

use super::board::{BoardData, EndTurnButton};
use super::{GameView, PlayerView};
use crate::desktop::theme::widgets::{
    Selected, Shortcut, Tooltip, activatable, keyed_button, label,
};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use crate::sim::Rules;
use crate::sim::play::session::{AnswerProposal, EndTurn};
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        show_orders
            .run_if(in_state(GameView::Choosing).and_then(resource_changed::<PlayerView>))
            .in_set(crate::desktop::Phase::Present),
    );
}

/// Accepts (or, pressed again, declines) a pending proposal.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProposalToggle {
    pub proposal: usize,
}

/// The line that says what the player will play, and any refusal.
#[derive(Component)]
pub(super) struct OrdersText;

#[derive(Component)]
pub(super) struct NoticeText;

/// The right column: advice, proposals, what the player will play, and the end-turn button.
pub fn spawn_orders_column(
    commands: &mut Commands,
    body: Entity,
    data: &BoardData,
    fonts: &UiFonts,
    theme: &Theme,
) {
    let column = commands
        .spawn((
            ChildOf(body),
            Node {
                width: px(290),
                flex_shrink: 0.0,
                flex_direction: FlexDirection::Column,
                row_gap: px(8),
                ..default()
            },
        ))
        .id();
    let sc = &data.rules.scenario;
    let proposals = commands.spawn((ChildOf(column), section())).id();
    commands.spawn((
        ChildOf(proposals),
        label("Proposals to you", &fonts.bold, size::BODY, palette::TEXT),
    ));
    let mut any = false;
    for proposal in data.seat.proposals.iter().filter(|p| p.to_answer) {
        let p = proposal.index;
        any = true;
        let m = &sc.moves[proposal.move_index];
        let terms = m.proposes.as_ref().map_or(m.name.clone(), |a| a.describe());
        commands.spawn((
            ChildOf(proposals),
            label(
                format!("{}: {}", data.nation_name(proposal.from), terms),
                &fonts.regular,
                size::SMALL,
                palette::TEXT,
            ),
        ));
        let accepted = data.view.accepted.contains(&p);
        let toggle = commands
            .spawn((
                ChildOf(proposals),
                ProposalToggle { proposal: p },
                activatable(toggle_proposal),
                Node {
                    padding: UiRect::axes(px(12), px(6)),
                    justify_content: JustifyContent::SpaceBetween,
                    align_items: AlignItems::Center,
                    border_radius: BorderRadius::all(px(6)),
                    ..default()
                },
                Tooltip(
                    "Accepting binds you both to its terms from next turn. Proposals left \
                     unanswered are declined."
                        .into(),
                ),
                children![label(
                    if accepted {
                        "✓ Accept"
                    } else {
                        "Decline (press to accept)"
                    },
                    &fonts.bold,
                    size::SMALL,
                    palette::TEXT
                )],
            ))
            .id();
        if accepted {
            commands.entity(toggle).insert(Selected);
        }
        if p == first_for(data) {
            commands.entity(toggle).insert(Shortcut(KeyCode::KeyY));
        }
    }
    if !any {
        commands.spawn((
            ChildOf(proposals),
            label(
                "None this turn.",
                &fonts.regular,
                size::SMALL,
                palette::MUTED,
            ),
        ));
    }
    let treaties = commands.spawn((ChildOf(column), section())).id();
    commands.spawn((
        ChildOf(treaties),
        label(
            "Agreements in force",
            &fonts.bold,
            size::BODY,
            palette::TEXT,
        ),
    ));
    if data.seat.agreements.is_empty() {
        commands.spawn((
            ChildOf(treaties),
            label("None.", &fonts.regular, size::SMALL, palette::MUTED),
        ));
    }
    for t in &data.seat.agreements {
        let name = crate::sim::archive::narrate::agreement(sc, t.move_index);
        commands.spawn((
            ChildOf(treaties),
            label(
                format!(
                    "{}: {} and {}",
                    name,
                    data.nation_name(t.parties[0]),
                    data.nation_name(t.parties[1])
                ),
                &fonts.regular,
                size::SMALL,
                theme.good,
            ),
        ));
    }
    let orders = commands.spawn((ChildOf(column), section())).id();
    if let Some(advice) = data.advice {
        commands.spawn((
            ChildOf(orders),
            label(
                format!("Your advisers suggest: {}", sc.moves[advice].name),
                &fonts.regular,
                size::SMALL,
                palette::MUTED,
            ),
        ));
    }
    commands.spawn((
        ChildOf(orders),
        OrdersText,
        label(
            orders_text(data.view, data.rules),
            &fonts.bold,
            size::BODY,
            palette::TEXT,
        ),
    ));
    commands.spawn((
        ChildOf(orders),
        NoticeText,
        label(
            data.view.notice.clone().unwrap_or_default(),
            &fonts.regular,
            size::SMALL,
            theme.warning,
        ),
    ));
    commands.spawn((
        Node {
            flex_grow: 1.0,
            ..default()
        },
        ChildOf(column),
    ));
    commands.spawn((
        ChildOf(column),
        EndTurnButton,
        keyed_button(
            &end_turn_label(data.view, data.rules),
            KeyCode::Enter,
            fonts,
            end_turn_or_pass,
        ),
    ));
}

/// The next person to take the computer this turn, if the seat showing is not the last.
pub fn next_person(view: &PlayerView) -> Option<usize> {
    let at = view.people.iter().position(|&p| p == view.player)?;
    view.people.get(at + 1).copied()
}

/// "End turn", or in hotseat, before the last person, "Done: pass to <nation>".
pub fn end_turn_label(view: &PlayerView, rules: &Rules) -> String {
    match next_person(view) {
        Some(next) => format!("Done: pass to {}", rules.scenario.nations[next].name),
        None => "End turn".into(),
    }
}

/// Ends the turn, or (hotseat) hands the computer to the next person: their orders are with
/// the sim already, so nothing of this seat's choice stays on screen.
pub fn end_turn_or_pass(
    _: On<Activate>,
    rules: Res<Rules>,
    mut view: ResMut<PlayerView>,
    mut end: MessageWriter<EndTurn>,
    mut next_view: ResMut<NextState<GameView>>,
) {
    let Some(next) = next_person(&view) else {
        end.write(EndTurn);
        return;
    };
    if view.chosen.is_none() {
        view.notice = crate::sim::archive::narrate::notice(
            &rules.scenario,
            &crate::sim::play::command::Refusal::NotChosen {
                nation: view.player,
            },
            view.player,
        );
        return;
    }
    view.hand_to(next);
    next_view.set(GameView::Pass);
}

fn first_for(data: &BoardData) -> usize {
    data.seat
        .proposals
        .iter()
        .find(|p| p.to_answer)
        .map_or(usize::MAX, |p| p.index)
}

fn section() -> impl Bundle {
    crate::desktop::theme::widgets::section(5.0)
}

fn orders_text(view: &PlayerView, rules: &Rules) -> String {
    match view.chosen {
        Some(a) => format!("You will play: {}", rules.scenario.moves[a].name),
        None => "No move chosen yet.".into(),
    }
}

fn toggle_proposal(
    activate: On<Activate>,
    toggles: Query<&ProposalToggle>,
    mut view: ResMut<PlayerView>,
    mut answers: MessageWriter<AnswerProposal>,
    mut texts: Query<&mut Text>,
    children: Query<&Children>,
    mut commands: Commands,
) {
    let Ok(toggle) = toggles.get(activate.entity) else {
        return;
    };
    let accept = !view.accepted.contains(&toggle.proposal);
    answers.write(AnswerProposal {
        nation: view.player,
        proposal: toggle.proposal,
        accept,
    });
    if accept {
        view.accepted.push(toggle.proposal);
        commands.entity(activate.entity).insert(Selected);
    } else {
        view.accepted.retain(|&p| p != toggle.proposal);
        commands.entity(activate.entity).remove::<Selected>();
    }
    for child in children.iter_descendants(activate.entity) {
        if let Ok(mut t) = texts.get_mut(child) {
            t.0 = if accept {
                "✓ Accept".into()
            } else {
                "Decline (press to accept)".into()
            };
        }
    }
}

fn show_orders(
    view: Res<PlayerView>,
    rules: Res<Rules>,
    mut orders: Query<&mut Text, (With<OrdersText>, Without<NoticeText>)>,
    mut notices: Query<&mut Text, (With<NoticeText>, Without<OrdersText>)>,
) {
    for mut t in &mut orders {
        t.0 = orders_text(&view, &rules);
    }
    for mut t in &mut notices {
        t.0 = view.notice.clone().unwrap_or_default();
    }
}

//! The turn reveal: each nation's move as chosen and as the player perceived it (misreadings
//! and secret moves caught stand out), the events that fired, and every number's change. The
//! lines appear one by one at the chosen animation speed; Space shows them all at once.

use super::changes::{changes, reading};
use super::{GameView, PlayerView};
use crate::desktop::screens::Screen;
use crate::desktop::screens::SeatSight;
use crate::desktop::screens::watch::{Watching, watch_buttons};
use crate::desktop::settings::Settings;
use crate::desktop::theme::widgets::{keyed_button, label, modal};
use crate::desktop::theme::{Theme, UiFonts, palette, size};
use crate::sim::Rules;
use crate::sim::archive::narrate;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use bevy::window::RequestRedraw;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(GameView::Reveal), spawn_reveal);
    app.add_systems(
        Update,
        advance_reveal
            .run_if(in_state(GameView::Reveal))
            .in_set(crate::desktop::Phase::Present),
    );
}

/// The reveal's lines, in order of appearance.
#[derive(Component, Debug, Clone, Copy)]
struct RevealLine(usize);

/// How far the reveal has got.
#[derive(Resource, Debug, Clone, Default)]
pub struct RevealProgress {
    pub shown: usize,
    pub lines: usize,
    pub clock: f32,
}

impl RevealProgress {
    pub fn done(&self) -> bool {
        self.shown >= self.lines
    }
}

#[derive(Component)]
pub struct ContinueButton;

#[derive(Component)]
pub struct SkipButton;

fn spawn_reveal(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    theme: Res<Theme>,
    rules: Res<Rules>,
    view: Res<PlayerView>,
    sight: SeatSight,
    settings: Res<Settings>,
    watching: Option<Res<Watching>>,
) {
    let Some(seat) = sight.seat() else {
        return;
    };
    let (Some(before), after) = (seat.before(), seat.now()) else {
        return;
    };
    let (backdrop, window) = modal(2, 1120.0);
    let backdrop = commands
        .spawn((DespawnOnExit(GameView::Reveal), backdrop))
        .id();
    let window = commands.spawn((ChildOf(backdrop), window)).id();
    commands.spawn((
        ChildOf(window),
        label(
            match &watching {
                Some(w) => format!(
                    "Replay · turn {} of {}, as {} saw it",
                    after.turn,
                    w.last_turn(),
                    rules.scenario.nations[seat.nation].name
                ),
                None => format!("Turn {}: what happened", after.turn),
            },
            &fonts.bold,
            size::HEADING,
            palette::TITLE,
        ),
    ));
    let body = commands
        .spawn((
            ChildOf(window),
            Node {
                flex_direction: FlexDirection::Row,
                column_gap: px(24),
                min_height: px(0),
                ..default()
            },
        ))
        .id();
    let left = column(&mut commands, body, 560.0);
    let right = column(&mut commands, body, 480.0);
    let mut lines: Vec<Line> = Vec::new();
    let sc = &rules.scenario;
    let name = |i: usize| narrate::nation(sc, i).to_string();
    // Each part in a box of its own, so its heading stays above its lines (they are spawned last).
    let moves = part(&mut commands, left);
    heading(&mut commands, moves, "Moves", &fonts);
    for m in &after.moves {
        let spec = &sc.moves[m.move_index];
        if m.actor == seat.nation {
            lines.push(Line {
                parent: moves,
                text: format!("You played {} ({})", spec.name, spec.intent.name()),
                bold: true,
                size: size::BODY,
                colour: theme.intent(spec.intent),
            });
            continue;
        }
        lines.push(Line {
            parent: moves,
            text: format!("{} played {}", name(m.actor), spec.name),
            bold: true,
            size: size::BODY,
            colour: theme.intent(m.seen_as),
        });
        let (text, colour) = reading("You", "it", Some(m.seen_as), m.misread, m.detected, &theme);
        lines.push(Line {
            parent: moves,
            text: format!("   {text}"),
            bold: false,
            size: size::SMALL,
            colour,
        });
    }
    let unseen: Vec<String> = after
        .others
        .iter()
        .filter(|c| !after.moves.iter().any(|m| m.actor == c.nation))
        .map(|c| name(c.nation))
        .collect();
    if !unseen.is_empty() {
        lines.push(Line {
            parent: moves,
            text: format!(
                "You saw no move by {}: every nation moves each turn, so a secret move went unseen",
                unseen.join(", ")
            ),
            bold: false,
            size: size::SMALL,
            colour: palette::MUTED,
        });
    }
    if !after.events.is_empty() {
        let events = part(&mut commands, left);
        heading(&mut commands, events, "Events", &fonts);
        for text in narrate::news(sc, &after.events) {
            lines.push(Line {
                parent: events,
                text: format!("• {}", narrate::capitalise(&text)),
                bold: false,
                size: size::SMALL,
                colour: theme.warning,
            });
        }
    }
    heading(&mut commands, right, "Changes", &fonts);
    for change in changes(&rules, before, after, &theme) {
        let (text, colour) = change;
        lines.push(Line {
            parent: right,
            text,
            bold: false,
            size: size::SMALL,
            colour,
        });
    }
    let count = lines.len();
    for (i, l) in lines.into_iter().enumerate() {
        let font = if l.bold { &fonts.bold } else { &fonts.regular };
        commands.spawn((
            ChildOf(l.parent),
            RevealLine(i),
            Visibility::Hidden,
            label(l.text, font, l.size, l.colour),
        ));
    }
    let buttons = commands
        .spawn((
            ChildOf(window),
            Node {
                flex_direction: FlexDirection::Row,
                justify_content: JustifyContent::End,
                column_gap: px(12),
                ..default()
            },
        ))
        .id();
    commands.spawn((
        ChildOf(buttons),
        SkipButton,
        keyed_button("Show all", KeyCode::Space, &fonts, skip),
    ));
    if let Some(w) = &watching {
        watch_buttons(&mut commands, buttons, w, &fonts);
        if let Some(why) = &w.notice {
            commands.spawn((
                ChildOf(window),
                label(why.clone(), &fonts.regular, size::SMALL, theme.warning),
            ));
        }
        let instant = settings.animation.step() <= 0.0;
        commands.insert_resource(RevealProgress {
            shown: if instant { count } else { 0 },
            lines: count,
            clock: 0.0,
        });
        return;
    }
    let next_text = if view.outcome.is_some() {
        "See the outcome"
    } else {
        "Continue"
    };
    commands.spawn((
        ChildOf(buttons),
        ContinueButton,
        keyed_button(next_text, KeyCode::Enter, &fonts, carry_on),
    ));
    let instant = settings.animation.step() <= 0.0;
    commands.insert_resource(RevealProgress {
        shown: if instant { count } else { 0 },
        lines: count,
        clock: 0.0,
    });
}

/// A line of the reveal, before it is spawned.
struct Line {
    parent: Entity,
    text: String,
    bold: bool,
    size: f32,
    colour: Color,
}

fn column(commands: &mut Commands, parent: Entity, width: f32) -> Entity {
    commands
        .spawn((
            ChildOf(parent),
            Node {
                width: px(width),
                flex_direction: FlexDirection::Column,
                row_gap: px(4),
                ..default()
            },
        ))
        .id()
}

fn part(commands: &mut Commands, parent: Entity) -> Entity {
    commands
        .spawn((
            ChildOf(parent),
            Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(4),
                ..default()
            },
        ))
        .id()
}

fn heading(commands: &mut Commands, parent: Entity, text: &str, fonts: &UiFonts) {
    commands.spawn((
        ChildOf(parent),
        label(text.to_string(), &fonts.bold, size::BODY, palette::MUTED),
        Node {
            margin: UiRect::top(px(6)),
            ..default()
        },
    ));
}

/// Shows the next line when its time comes, and keeps frames coming until all are shown.
fn advance_reveal(
    time: Res<Time>,
    settings: Res<Settings>,
    progress: Option<ResMut<RevealProgress>>,
    mut lines: Query<(&RevealLine, &mut Visibility)>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let Some(mut progress) = progress else { return };
    let step = settings.animation.step();
    if !progress.done() {
        progress.clock += time.delta_secs();
        if step <= 0.0 {
            progress.shown = progress.lines;
        } else {
            while progress.clock >= step && !progress.done() {
                progress.clock -= step;
                progress.shown += 1;
            }
        }
        redraw.write(RequestRedraw);
    }
    for (line, mut vis) in &mut lines {
        let want = if line.0 < progress.shown {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        };
        if *vis != want {
            *vis = want;
        }
    }
}

fn skip(_: On<Activate>, progress: Option<ResMut<RevealProgress>>) {
    if let Some(mut p) = progress {
        p.shown = p.lines;
    }
}

fn carry_on(
    _: On<Activate>,
    view: Res<PlayerView>,
    mut game: ResMut<NextState<GameView>>,
    mut screen: ResMut<NextState<Screen>>,
) {
    if view.outcome.is_some() {
        screen.set(Screen::End);
    } else {
        game.set(GameView::Choosing);
    }
}

//! The teacher's controls of one seat in the host window: picked from the roster, they let the
//! computer play it (with any strategy and personality), give it back to people, move its
//! team to an open seat, or take it away from its team. Each is a `TeacherCommand` to the
//! class, as the teacher's page sends it; the roster redraws from what the class reports.

use super::Hosted;
use crate::desktop::theme::widgets::{Selected, label, row, section, small_button};
use crate::desktop::theme::{UiFonts, palette, size};
use crate::host::connection::TeacherCommand;
use crate::host::status::ClassStatus;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

/// The seat whose controls are open (match, nation id), with the strategy and personality
/// picked for the computer.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct SeatPanel {
    pub seat: Option<(usize, String)>,
    pub strategy: String,
    pub personality: String,
    /// "Take the seat away" was pressed once: the next press does it.
    pub confirm_release: bool,
    /// "Stop hosting" was pressed once: the next press stops.
    pub confirm_stop: bool,
}

/// A control of the host window's roster (the tests press them).
#[derive(Component, Debug, Clone, PartialEq, Eq)]
pub enum SeatButton {
    /// Open this seat's controls (or close them, when open).
    Pick {
        table: usize,
        nation: String,
    },
    Strategy(String),
    Personality(String),
    Computer,
    HandBack,
    MoveTo {
        table: usize,
        nation: String,
    },
    Release,
    /// Set the turn timer (seconds), or turn it off.
    Timer(Option<u32>),
    /// Show the teacher's passphrase (or hide it again).
    ShowPassphrase,
    /// Stop hosting (in the game's window): pressed twice.
    StopHosting,
}

/// A small button of the roster.
pub(super) fn small(text: impl Into<String>, fonts: &UiFonts, button: SeatButton) -> impl Bundle {
    (small_button(text, fonts, press), button)
}

/// A row of small buttons that wraps.
fn wrapping(commands: &mut Commands, parent: Entity) -> Entity {
    commands
        .spawn((
            ChildOf(parent),
            Node {
                flex_wrap: FlexWrap::Wrap,
                column_gap: px(6),
                row_gap: px(6),
                ..default()
            },
        ))
        .id()
}

/// Draws the open seat's controls into `parent`.
pub(super) fn draw(
    commands: &mut Commands,
    parent: Entity,
    fonts: &UiFonts,
    status: &ClassStatus,
    panel: &SeatPanel,
) {
    let Some((table, nation)) = &panel.seat else {
        return;
    };
    let Some(seat) = status
        .tables
        .get(*table)
        .and_then(|t| t.seats.iter().find(|s| &s.nation == nation))
    else {
        return;
    };
    let card = commands.spawn((ChildOf(parent), section(6.0))).id();
    let who = match &seat.computer {
        Some(c) => format!(
            "played by the computer ({}, {})",
            c.strategy.replace('_', " "),
            c.personality
        ),
        None if seat.joined => "played by its team".into(),
        None => "open: no team yet".into(),
    };
    commands.spawn((
        ChildOf(card),
        label(
            format!("{} in match {}: {who}", seat.name, table + 1),
            &fonts.bold,
            size::BODY,
            palette::TITLE,
        ),
    ));
    let line = |commands: &mut Commands, text: &str| {
        commands.spawn((
            ChildOf(card),
            label(
                text.to_string(),
                &fonts.regular,
                size::SMALL,
                palette::MUTED,
            ),
        ));
    };
    if seat.computer.is_some() {
        let r = commands.spawn((ChildOf(card), row(8.0))).id();
        commands.spawn((
            ChildOf(r),
            small("Give back to people", fonts, SeatButton::HandBack),
        ));
    } else {
        line(commands, "Let the computer play it, with the strategy");
        let choices = |commands: &mut Commands,
                       names: &[String],
                       picked: &str,
                       make: fn(String) -> SeatButton| {
            let r = wrapping(commands, card);
            for name in names {
                let mut b = commands.spawn((
                    ChildOf(r),
                    small(name.replace('_', " "), fonts, make(name.clone())),
                ));
                if name == picked {
                    b.insert(Selected);
                }
            }
        };
        choices(
            commands,
            &status.strategies,
            &panel.strategy,
            SeatButton::Strategy,
        );
        line(commands, "and the personality");
        choices(
            commands,
            &status.personalities,
            &panel.personality,
            SeatButton::Personality,
        );
        let r = commands.spawn((ChildOf(card), row(8.0))).id();
        commands.spawn((
            ChildOf(r),
            small("Let the computer play", fonts, SeatButton::Computer),
        ));
    }
    if seat.joined {
        line(commands, "Move its team to an open seat");
        let r = wrapping(commands, card);
        let mut any = false;
        for t in status.tables.iter().filter(|t| t.outcome.is_none()) {
            for s in t.seats.iter().filter(|s| !s.joined) {
                any = true;
                commands.spawn((
                    ChildOf(r),
                    small(
                        format!("Match {}: {}", t.table + 1, s.name),
                        fonts,
                        SeatButton::MoveTo {
                            table: t.table,
                            nation: s.nation.clone(),
                        },
                    ),
                ));
            }
        }
        if !any {
            line(commands, "(no open seat)");
        }
        let r = commands.spawn((ChildOf(card), row(8.0))).id();
        commands.spawn((
            ChildOf(r),
            small(
                if panel.confirm_release {
                    "Press again to take the seat away: its laptops stop playing it"
                } else {
                    "Take the seat away from its team"
                },
                fonts,
                SeatButton::Release,
            ),
        ));
    }
}

fn press(
    activate: On<Activate>,
    buttons: Query<&SeatButton>,
    hosted: Res<Hosted>,
    mut panel: ResMut<SeatPanel>,
    mut shown: Query<&mut Text, With<super::PassphraseShown>>,
    mut commands: Commands,
) {
    let Ok(button) = buttons.get(activate.entity) else {
        return;
    };
    let status = hosted.status();
    let seat = panel.seat.clone();
    let teacher = |command: TeacherCommand| hosted.launch.running.teacher(command);
    match (button, seat) {
        (SeatButton::Pick { table, nation }, open) => {
            if open.as_ref() == Some(&(*table, nation.clone())) {
                panel.seat = None;
                return;
            }
            let usual = status
                .tables
                .get(*table)
                .and_then(|t| t.seats.iter().find(|s| &s.nation == nation))
                .and_then(|s| s.usual.clone());
            panel.seat = Some((*table, nation.clone()));
            panel.confirm_release = false;
            if let Some(u) = usual {
                panel.strategy = u.strategy;
                panel.personality = u.personality;
            }
        }
        (SeatButton::Strategy(s), _) => panel.strategy = s.clone(),
        (SeatButton::Personality(p), _) => panel.personality = p.clone(),
        (SeatButton::Timer(seconds), _) => teacher(TeacherCommand::Timer(*seconds)),
        (SeatButton::StopHosting, _) => {
            if panel.confirm_stop {
                commands.queue(super::stop_hosting);
            } else {
                panel.confirm_stop = true;
            }
        }
        (SeatButton::ShowPassphrase, _) => {
            for mut text in &mut shown {
                text.0 = if text.0.is_empty() {
                    format!("passphrase: {}", hosted.launch.passphrase)
                } else {
                    String::new()
                };
            }
        }
        (_, None) => {}
        (SeatButton::Computer, Some((table, nation))) => teacher(TeacherCommand::Computer {
            table,
            nation,
            strategy: panel.strategy.clone(),
            personality: panel.personality.clone(),
        }),
        (SeatButton::HandBack, Some((table, nation))) => {
            teacher(TeacherCommand::HandBack { table, nation })
        }
        (
            SeatButton::MoveTo {
                table: t,
                nation: n,
            },
            Some((table, nation)),
        ) => {
            teacher(TeacherCommand::MoveTeam {
                table,
                nation,
                to_table: *t,
                to_nation: n.clone(),
            });
            // The panel follows the team to its new seat.
            panel.seat = Some((*t, n.clone()));
        }
        (SeatButton::Release, Some((table, nation))) => {
            if panel.confirm_release {
                panel.confirm_release = false;
                teacher(TeacherCommand::Release { table, nation });
            } else {
                panel.confirm_release = true;
            }
        }
    }
}

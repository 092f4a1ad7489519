//! The host window (`detente host` with its window): what the teacher puts on the projector and
//! keeps an eye on. The address to type with a QR code of it (drawn by the `qrcode` library),
//! the class code, the teacher's page, and the class roster, live: for each match its turn, and
//! for each nation's seat whether a team has joined, how many browsers it has and whether it has
//! chosen or is done. The teacher pauses and goes on from here, and opens a seat's controls
//! (`seat.rs`: the computer takes it or gives it back, its team moves). The class runs on its
//! own threads (`host::start`); this screen reads its roster about once a second. Opened from
//! the title's "Host a class" (`setup.rs`), it stops hosting and goes back to the title.

mod facilitate;
mod roster;
mod seat;
mod setup;

pub use facilitate::{MatchButton, Mirrored};
pub use seat::{SeatButton, SeatPanel};
pub use setup::{HostForm, HostFormButton, host_a_class};

use super::Screen;
use crate::desktop::theme::widgets::{button, label, row};
use crate::desktop::theme::{UiFonts, palette, size};
use crate::host::connection::TeacherCommand;
use crate::host::status::ClassStatus;
use crate::launch::{HostLaunch, HostStarter};
use bevy::asset::RenderAssetUsages;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};
use bevy::ui_widgets::Activate;

/// The class this window hosts, and the roster it last drew.
#[derive(Resource)]
pub struct Hosted {
    pub launch: HostLaunch,
    drawn: Option<ClassStatus>,
}

/// How this window starts a host of its own (the title's "Host a class").
#[derive(Resource, Clone)]
pub struct Starter(pub HostStarter);

impl Hosted {
    pub fn new(launch: HostLaunch) -> Hosted {
        Hosted {
            launch,
            drawn: None,
        }
    }

    /// The roster as the class last reported it.
    pub fn status(&self) -> ClassStatus {
        self.launch
            .running
            .status
            .lock()
            .map(|s| s.clone())
            .unwrap_or_default()
    }
}

/// Where the roster is drawn.
#[derive(Component)]
pub(super) struct RosterPanel;

/// The buttons that pause every match and go on with them (the tests press them).
#[derive(Component)]
pub struct PauseAllButton;
#[derive(Component)]
pub struct GoOnButton;
#[derive(Component)]
pub struct StopHostingButton;
/// Where the teacher's passphrase shows, while asked for.
#[derive(Component)]
pub struct PassphraseShown;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SeatPanel>().add_systems(
        Update,
        (
            open_host_screen.run_if(resource_added::<Hosted>),
            roster::redraw_roster.run_if(in_state(Screen::Host)),
        )
            .in_set(crate::desktop::Phase::Present),
    );
    app.add_systems(OnEnter(Screen::Host), spawn_host);
    setup::plugin(app);
    facilitate::plugin(app);
}

fn open_host_screen(mut next: ResMut<NextState<Screen>>) {
    next.set(Screen::Host);
}

fn spawn_host(
    mut commands: Commands,
    fonts: Res<UiFonts>,
    mut hosted: ResMut<Hosted>,
    mut images: ResMut<Assets<Image>>,
    starter: Option<Res<Starter>>,
) {
    let status = hosted.status();
    hosted.drawn = None;
    let root = commands
        .spawn((
            DespawnOnExit(Screen::Host),
            Node {
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Row,
                padding: UiRect::all(px(24)),
                column_gap: px(28),
                ..default()
            },
        ))
        .id();
    let left = commands
        .spawn((
            ChildOf(root),
            Node {
                width: px(420),
                flex_shrink: 0.0,
                flex_direction: FlexDirection::Column,
                row_gap: px(8),
                ..default()
            },
        ))
        .id();
    let text = |commands: &mut Commands, s: String, big: f32, colour: Color, bold: bool| {
        let font = if bold { &fonts.bold } else { &fonts.regular };
        commands.spawn((ChildOf(left), label(s, font, big, colour)));
    };
    let top = commands.spawn((ChildOf(left), row(12.0))).id();
    commands.spawn((
        ChildOf(top),
        label(
            "Détente: hosting a class",
            &fonts.bold,
            size::HEADING,
            palette::TITLE,
        ),
    ));
    if starter.is_some() {
        commands.spawn((
            ChildOf(top),
            seat::small("Stop hosting", &fonts, SeatButton::StopHosting),
            StopHostingButton,
        ));
    }
    text(
        &mut commands,
        hosted.launch.what.clone(),
        size::BODY,
        palette::MUTED,
        false,
    );
    text(
        &mut commands,
        "Teams open in a browser".into(),
        size::TITLE,
        palette::TEXT,
        true,
    );
    let first = status.addresses.first().cloned().unwrap_or_default();
    text(
        &mut commands,
        first.clone(),
        size::HEADING,
        palette::TEXT,
        true,
    );
    for other in status.addresses.iter().skip(1) {
        text(
            &mut commands,
            format!("or {other}"),
            size::SMALL,
            palette::MUTED,
            false,
        );
    }
    if let Some(image) = qr_image(&first) {
        let handle = images.add(image);
        commands.spawn((
            ChildOf(left),
            ImageNode::new(handle),
            Node {
                width: px(200),
                height: px(200),
                ..default()
            },
        ));
    }
    text(
        &mut commands,
        "and type the class code".into(),
        size::TITLE,
        palette::TEXT,
        true,
    );
    text(
        &mut commands,
        status.class_code.clone(),
        size::HERO,
        palette::TITLE,
        true,
    );
    text(
        &mut commands,
        format!("Teacher's page: {first}/teacher"),
        size::SMALL,
        palette::MUTED,
        false,
    );
    // The window is on the projector: the passphrase shows only when asked for.
    let secret = commands.spawn((ChildOf(left), row(8.0))).id();
    commands.spawn((
        ChildOf(secret),
        seat::small("Show the passphrase", &fonts, SeatButton::ShowPassphrase),
    ));
    commands.spawn((
        ChildOf(secret),
        PassphraseShown,
        label(String::new(), &fonts.regular, size::SMALL, palette::MUTED),
    ));
    if let Some(folder) = &status.folder {
        text(
            &mut commands,
            format!("Every match autosaves each turn in {folder}"),
            size::SMALL,
            palette::MUTED,
            false,
        );
    }
    let buttons = commands
        .spawn((
            ChildOf(left),
            Node {
                flex_direction: FlexDirection::Row,
                column_gap: px(10),
                margin: UiRect::top(px(8)),
                ..default()
            },
        ))
        .id();
    commands.spawn((
        ChildOf(buttons),
        button("Pause every match", &fonts, pause_all),
        PauseAllButton,
    ));
    commands.spawn((ChildOf(buttons), button("Go on", &fonts, go_on), GoOnButton));

    commands.spawn((
        ChildOf(root),
        RosterPanel,
        Node {
            flex_grow: 1.0,
            flex_direction: FlexDirection::Column,
            row_gap: px(10),
            overflow: Overflow::scroll_y(),
            ..default()
        },
    ));
}

fn pause_all(_: On<Activate>, hosted: Res<Hosted>) {
    hosted.launch.running.teacher(TeacherCommand::Pause {
        table: None,
        paused: true,
    });
}

fn go_on(_: On<Activate>, hosted: Res<Hosted>) {
    hosted.launch.running.teacher(TeacherCommand::Pause {
        table: None,
        paused: false,
    });
}

/// Stops the class (its matches are autosaved every turn) and goes back to the title, in the
/// game's window.
fn stop_hosting(world: &mut World) {
    if let Some(hosted) = world.remove_resource::<Hosted>() {
        hosted.launch.running.stop();
    }
    *world.resource_mut::<SeatPanel>() = SeatPanel::default();
    world.insert_resource(crate::desktop::game_update_mode());
    world.resource_mut::<NextState<Screen>>().set(Screen::Title);
}

/// A QR code of `address` as a texture (`host::address::qr_rgba`).
fn qr_image(address: &str) -> Option<Image> {
    let (side, bytes) = crate::host::address::qr_rgba(address)?;
    Some(Image::new(
        Extent3d {
            width: side,
            height: side,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        bytes,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::MAIN_WORLD | RenderAssetUsages::RENDER_WORLD,
    ))
}

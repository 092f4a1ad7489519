//! The class's own thread: it owns the `Class` (its matches' Bevy apps) and every page's
//! `Connection`, and is the only place either changes. The web layer hands it what happens on
//! each WebSocket (`Inbound`) and carries out what it sends back; one turn at a time, one
//! message at a time, so no two commands ever race. After every turn a match autosaves.

mod autosave;
mod teacher;
mod timer;

use crate::host::access::Throttle;
use crate::host::address::qr_svg;
use crate::host::charts;
use crate::host::class::{Class, MatchCopy, Outbox};
use crate::host::connection::{Connection, Step, TeacherCommand};
use crate::host::folder;
use crate::host::protocol::{ProtocolError, ServerMessage};
use crate::host::roster::teacher_words;
use crate::host::status::ClassStatus;
use crate::sim::archive::guard::Guard;
use crate::sim::play::session::{Facilitate, Facilitated};
use std::collections::HashMap;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use timer::timer_message;
use tokio::sync::mpsc::Sender;

/// A page's connection, as the web layer numbers them.
pub type PageId = u64;

/// What happens on a page's WebSocket.
#[derive(Debug)]
pub enum Inbound {
    /// A page connected from `from`; what the hub sends it goes into `outbox`, and closing
    /// `outbox` closes the page's connection.
    Opened {
        id: PageId,
        from: IpAddr,
        outbox: Sender<String>,
    },
    /// A text message from the page.
    Text { id: PageId, text: String },
    /// The page sent too many messages too fast: tell it, and close it.
    Flooded { id: PageId, per_second: u32 },
    /// The page's connection closed.
    Closed { id: PageId },
    /// A teacher's command from the host window, on the teacher's own machine.
    Local(TeacherCommand),
    /// The host window's facilitator panel: a command for match `table`, answered with what
    /// was done and the match's copy after it, or why not.
    Facilitate {
        table: usize,
        command: Facilitate,
        reply: std::sync::mpsc::Sender<Result<(Facilitated, MatchCopy), String>>,
    },
    /// The host window's facilitator panel or projector: a copy of match `table` now.
    Copy {
        table: usize,
        reply: std::sync::mpsc::Sender<Option<MatchCopy>>,
    },
}

/// The longest and shortest turn timer, in seconds.
pub const TIMER_RANGE: std::ops::RangeInclusive<u32> = 10..=3600;

/// Messages a page may have waiting before the host counts it as gone (a page that reads
/// nothing must not hold the class up).
pub const OUTBOX_LEN: usize = 256;

struct Page {
    connection: Connection,
    outbox: Sender<String>,
}

/// What the hub needs besides the class.
pub struct HubOptions {
    /// Where the matches autosave (`folder`), or nowhere.
    pub folder: Option<PathBuf>,
    /// A new teacher's passphrase for the class (kept as a hash, and saved with the class);
    /// without one the class keeps its own, and without either there is no teacher's page.
    pub passphrase: Option<String>,
    /// Seconds each turn may last, when set.
    pub turn_timer: Option<u32>,
    /// Messages a second a page may send on average before it is cut off (the web layer
    /// counts them): `server::FLOOD_PER_SECOND` for people; scripted clients need more.
    pub flood_per_second: u32,
    /// The lock on the class folder (`folder::hold`), kept while the hub runs.
    pub hold: Option<std::fs::File>,
    /// What makes the class debrief page from the class folder, when the host serves one.
    pub debrief: Option<Debriefer>,
}

/// Makes the class debrief page (a whole HTML document) from a class folder: `detente
/// report`'s, which `cli` gives the host (the host does not import it). Errors in words.
#[derive(Clone)]
pub struct Debriefer(pub Arc<dyn Fn(&std::path::Path) -> Result<String, String> + Send + Sync>);

/// The class and its pages.
pub struct Hub {
    class: Class,
    pages: HashMap<PageId, Page>,
    options: HubOptions,
    /// When each match's turn timer runs out, and what its pages were last told of it.
    deadlines: Vec<Option<Instant>>,
    announced: Vec<Option<Instant>>,
    /// Each match's turns resolved, as last saved.
    saved_turns: Vec<Option<u32>>,
    /// The matches the teacher changed since their last save.
    unsaved: Vec<bool>,
    /// Wrong passphrases per address.
    throttle: Throttle,
    /// The roster, for the host window (and for tests): updated after every change.
    status: Arc<Mutex<ClassStatus>>,
    last_status: Option<ClassStatus>,
    /// The last autosave that failed, said once.
    save_error: Option<String>,
    /// The addresses a team may type, and a QR code (SVG) of the first.
    addresses: Vec<String>,
    qr: Option<String>,
}

impl Hub {
    /// The hub of `class`, whose teams reach it at `addresses` (most likely first).
    pub fn new(mut class: Class, mut options: HubOptions, addresses: Vec<String>) -> Hub {
        // A timer given now wins; without one, the class keeps the timer it had.
        match options.turn_timer {
            Some(_) => class.roster_mut().set_turn_timer(options.turn_timer),
            None => options.turn_timer = class.roster().turn_timer(),
        }
        if let Some(p) = &options.passphrase {
            class
                .roster_mut()
                .set_teacher(Guard::new(&teacher_words(p)));
        }
        let n = class.tables();
        let mut hub = Hub {
            saved_turns: (0..n).map(|t| class.turn(t)).collect(),
            unsaved: vec![false; n],
            class,
            pages: HashMap::new(),
            options,
            deadlines: vec![None; n],
            announced: vec![None; n],
            throttle: Throttle::classroom(),
            status: Arc::new(Mutex::new(ClassStatus::default())),
            last_status: None,
            save_error: None,
            qr: addresses.first().and_then(|a| qr_svg(a)),
            addresses,
        };
        // The class folder holds every match, the passphrase (as its hash) and the timer from
        // the start: a class resumed before any team joined still opens with them.
        if let Some(folder) = hub.options.folder.clone() {
            let saved = folder::write_all(&folder, &hub.class);
            hub.said(saved.err().map(|e| e.to_string()));
        }
        hub.after_change();
        hub
    }

    /// The roster as it stands, kept up to date by the hub's thread.
    pub fn status(&self) -> Arc<Mutex<ClassStatus>> {
        Arc::clone(&self.status)
    }

    /// Handles what comes in until every sender is gone (the server stopped).
    pub fn run(mut self, inbound: Receiver<Inbound>) {
        loop {
            let wait = self
                .deadlines
                .iter()
                .flatten()
                .min()
                .map_or(Duration::from_secs(1), |d| {
                    d.saturating_duration_since(Instant::now())
                })
                .min(Duration::from_secs(1));
            match inbound.recv_timeout(wait) {
                Ok(event) => self.handle(event, Instant::now()),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            self.tick(Instant::now());
        }
    }

    /// Handles one happening on a page.
    pub fn handle(&mut self, event: Inbound, now: Instant) {
        match event {
            Inbound::Opened { id, from, outbox } => {
                let connection = Connection::new(from);
                self.pages.insert(id, Page { connection, outbox });
            }
            Inbound::Text { id, text } => self.receive(id, &text, now),
            Inbound::Flooded { id, per_second } => {
                self.send(
                    id,
                    &ServerMessage::Error {
                        error: ProtocolError::Flooding { per_second },
                    },
                );
                self.pages.remove(&id);
            }
            Inbound::Closed { id } => {
                self.pages.remove(&id);
            }
            Inbound::Local(command) => self.teacher(None, command),
            Inbound::Facilitate {
                table,
                command,
                reply,
            } => {
                let done = self.class.facilitate(table, command).map(|(done, out)| {
                    self.changed(table);
                    self.route(out);
                    done
                });
                let copied = done.and_then(|d| {
                    let copy = self.class.copy(table).ok_or("the match is gone")?;
                    Ok((d, copy))
                });
                let _ = reply.send(copied);
            }
            Inbound::Copy { table, reply } => {
                let _ = reply.send(self.class.copy(table));
            }
        }
        self.after_change();
    }

    /// Ends the turns whose timer ran out.
    pub fn tick(&mut self, now: Instant) {
        let due: Vec<usize> = (0..self.deadlines.len())
            .filter(|&t| self.deadlines[t].is_some_and(|d| d <= now))
            .collect();
        for table in due {
            self.deadlines[table] = None;
            let out = self.class.time_up(table);
            self.route(out);
        }
        self.after_change();
    }

    fn receive(&mut self, id: PageId, text: &str, now: Instant) {
        let Some(page) = self.pages.get_mut(&id) else {
            return;
        };
        let steps = page.connection.receive(text, self.class.roster_mut(), now);
        for step in steps {
            match step {
                Step::Reply(message) => self.send(id, &message),
                Step::Seated(seat) => {
                    let out = self.class.seated(seat);
                    for (_, message) in out {
                        self.send(id, &message);
                    }
                    if let Some(deadline) = self.announced[seat.table] {
                        self.send(id, &timer_message(Some(deadline), now));
                    }
                    self.save_roster();
                }
                Step::Command(seat, command) => {
                    let out = self.class.command(seat, command);
                    self.route(out);
                }
                Step::Teach(passphrase) => self.teach(id, &passphrase, now),
                Step::Teacher(command) => self.teacher(Some(id), command),
                Step::Charts(seat) => {
                    let svgs = self
                        .class
                        .view(seat)
                        .map(|v| charts::history(&self.class.rules().scenario, &v));
                    self.send(
                        id,
                        &ServerMessage::Charts {
                            svgs: svgs.unwrap_or_default(),
                        },
                    );
                }
            }
        }
    }

    /// Sends each message to every page that holds its seat, once the matches whose turn
    /// moved on are saved: a page never sees a turn that a killed host would lose.
    fn route(&mut self, out: Outbox) {
        self.autosave();
        for (seat, message) in out {
            let text = message.to_json();
            let to: Vec<PageId> = self
                .pages
                .iter()
                .filter(|(_, p)| p.connection.holds(seat, self.class.roster()))
                .map(|(&id, _)| id)
                .collect();
            for id in to {
                self.send_text(id, text.clone());
            }
        }
    }

    /// Sends `message` to page `id`, if the command came from a page.
    fn tell(&mut self, id: Option<PageId>, message: &ServerMessage) {
        if let Some(id) = id {
            self.send(id, message);
        }
    }

    fn send(&mut self, id: PageId, message: &ServerMessage) {
        self.send_text(id, message.to_json());
    }

    /// A page whose outbox is full reads nothing: it is dropped (its socket closes), and may
    /// reconnect.
    fn send_text(&mut self, id: PageId, text: String) {
        let gone = self
            .pages
            .get(&id)
            .is_some_and(|p| p.outbox.try_send(text).is_err());
        if gone {
            self.pages.remove(&id);
        }
    }

    /// After anything: autosave the matches whose turn moved on, restart their timers, and
    /// send the roster to the teacher's pages if it changed.
    fn after_change(&mut self) {
        let now = Instant::now();
        self.autosave();
        for table in 0..self.class.tables() {
            if self.deadlines[table].is_none()
                && let Some(s) = self.options.turn_timer
                && self.open(table)
            {
                self.deadlines[table] = Some(now + Duration::from_secs(u64::from(s)));
            }
        }
        self.announce_timers(now);
        let status = self.current_status();
        if self.last_status.as_ref() != Some(&status) {
            if let Ok(mut shared) = self.status.lock() {
                *shared = status.clone();
            }
            let text = ServerMessage::Roster {
                status: Box::new(status.clone()),
            }
            .to_json();
            let teachers: Vec<PageId> = self
                .pages
                .iter()
                .filter(|(_, p)| p.connection.is_teacher())
                .map(|(&id, _)| id)
                .collect();
            for id in teachers {
                self.send_text(id, text.clone());
            }
            self.last_status = Some(status);
        }
    }

    /// Whether match `table` is being played: not over, not paused, and every seat held by a
    /// team or played by the computer (a match still waiting for its teams has no turn to
    /// time).
    fn open(&self, table: usize) -> bool {
        self.class.status(|_| 0).get(table).is_some_and(|t| {
            // A seat the computer plays needs no team.
            t.outcome.is_none()
                && !t.paused
                && t.seats.iter().all(|s| s.joined || s.computer.is_some())
        })
    }
}

//! Starting a host: the hub's thread (the class) and the web server's (tokio), joined by a
//! channel. `start` returns once the server listens; the host runs until `Running::stop`, or
//! until the process ends.

use crate::host::address::addresses;
use crate::host::class::{Class, MatchCopy};
use crate::host::connection::TeacherCommand;
use crate::host::hub::{Hub, HubOptions, Inbound};
use crate::host::server;
use crate::host::status::ClassStatus;
use crate::sim::InputError;
use crate::sim::play::session::{Facilitate, Facilitated};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long the host window waits for the class to answer a question.
const ANSWER_WITHIN: Duration = Duration::from_secs(5);

/// A host that is serving.
pub struct Running {
    /// Where it listens (the port chosen, when 0 was asked for).
    pub address: SocketAddr,
    /// The roster, kept up to date by the hub.
    pub status: Arc<Mutex<ClassStatus>>,
    /// The teacher's commands from this machine (the host window); dropped on stopping, so
    /// that the hub's channel ends.
    local: Option<std::sync::mpsc::Sender<Inbound>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    threads: Vec<JoinHandle<()>>,
}

/// Why a host did not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The class could not be made (a class folder that does not open, say).
    #[error("{0}")]
    Class(InputError),
    #[error("cannot listen on {address}: {error}")]
    Listen {
        address: SocketAddr,
        error: std::io::Error,
    },
    #[error("cannot start the host's threads: {0}")]
    Threads(std::io::Error),
}

/// Starts serving on `bind` the class that `make` makes. The class is made on the hub's own
/// thread, where it stays (its matches' apps are not `Send`). Errors when the class cannot be
/// made, the address cannot be listened on (the port is taken, say), or the threads cannot
/// be started.
pub fn start(
    make: impl FnOnce() -> Result<Class, InputError> + Send + 'static,
    options: HubOptions,
    bind: SocketAddr,
) -> Result<Running, StartError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("detente-web")
        .enable_all()
        .build()
        .map_err(StartError::Threads)?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(bind))
        .map_err(|error| StartError::Listen {
            address: bind,
            error,
        })?;
    let address = listener.local_addr().map_err(StartError::Threads)?;
    let per_second = options.flood_per_second;
    let (inbound, from_pages) = std::sync::mpsc::channel();
    let (made, is_made) = std::sync::mpsc::sync_channel(1);
    let hub_thread = std::thread::Builder::new()
        .name("detente-class".into())
        .spawn(move || match make() {
            Ok(class) => {
                let hub = Hub::new(class, options, addresses(address));
                let _ = made.send(Ok(hub.status()));
                hub.run(from_pages);
            }
            Err(e) => {
                let _ = made.send(Err(e));
            }
        })
        .map_err(StartError::Threads)?;
    let status = match is_made.recv() {
        Ok(Ok(status)) => status,
        Ok(Err(e)) => {
            let _ = hub_thread.join();
            return Err(StartError::Class(e));
        }
        Err(_) => {
            let _ = hub_thread.join();
            return Err(StartError::Threads(std::io::Error::other(
                "the class's thread ended before the class was made",
            )));
        }
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let local = inbound.clone();
    let app = server::router(inbound, per_second);
    let web_thread = std::thread::Builder::new()
        .name("detente-web".into())
        .spawn(move || {
            runtime.block_on(async move {
                tokio::select! {
                    served = server::serve(listener, app) => {
                        if let Err(e) = served {
                            eprintln!("error: the web server stopped: {e}");
                        }
                    }
                    _ = stopped => {}
                }
            });
            // Open sockets are dropped with the runtime, which ends the hub's channel.
            runtime.shutdown_timeout(std::time::Duration::from_secs(1));
        })
        .map_err(StartError::Threads)?;
    Ok(Running {
        address,
        status,
        local: Some(local),
        stop: Some(stop),
        threads: vec![web_thread, hub_thread],
    })
}

impl Running {
    /// Stops serving, closes every page's connection, and waits for the class's thread to end.
    pub fn stop(mut self) {
        self.halt();
    }

    /// Waits until the host stops by itself (its server failed), which a headless host
    /// otherwise never does.
    pub fn wait(mut self) {
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }

    /// A teacher's command from this machine, as the teacher's page would give it (no
    /// passphrase: the host window is the teacher's own).
    pub fn teacher(&self, command: TeacherCommand) {
        if let Some(local) = &self.local {
            let _ = local.send(Inbound::Local(command));
        }
    }

    /// The host window's facilitator panel: carries out `command` on match `table` and
    /// answers with what was done and a copy of the match after it. Errors, in words, when the
    /// rules refused it, or the class does not answer within 5 s (it has stopped).
    pub fn facilitate(
        &self,
        table: usize,
        command: Facilitate,
    ) -> Result<(Facilitated, MatchCopy), String> {
        let (reply, answer) = std::sync::mpsc::channel();
        self.ask(Inbound::Facilitate {
            table,
            command,
            reply,
        })?;
        answer
            .recv_timeout(ANSWER_WITHIN)
            .map_err(|_| "the class did not answer".to_string())?
    }

    /// A copy of match `table` as it is now (for the host window's facilitator panel and
    /// projector), or `None` when there is no such match or the class does not answer.
    pub fn copy_of(&self, table: usize) -> Option<MatchCopy> {
        let (reply, answer) = std::sync::mpsc::channel();
        self.ask(Inbound::Copy { table, reply }).ok()?;
        answer.recv_timeout(ANSWER_WITHIN).ok().flatten()
    }

    fn ask(&self, question: Inbound) -> Result<(), String> {
        self.local
            .as_ref()
            .and_then(|l| l.send(question).ok())
            .ok_or_else(|| "the class has stopped".to_string())
    }

    fn halt(&mut self) {
        self.local = None;
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.halt();
    }
}

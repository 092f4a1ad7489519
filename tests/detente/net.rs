//! A scripted team page for the network tests: a WebSocket client (tokio-tungstenite) that
//! keeps every message the host sent it, on the loopback address only.

use detente::host::class::Class;
use detente::host::hub::HubOptions;
use detente::host::start::{Running, start};
use detente::sim::Rules;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub const PASSPHRASE: &str = "red fox jumps";

/// A host of `seeds.len()` matches of `rules` on 127.0.0.1 (a port of its own), autosaving
/// into `folder`, that lets a script send as fast as it can.
pub fn host(rules: Rules, seeds: &[u64], folder: &Path) -> Running {
    host_limited(rules, seeds, folder, 100_000)
}

/// As `host`, cutting off a page past `per_second` messages a second.
pub fn host_limited(rules: Rules, seeds: &[u64], folder: &Path, per_second: u32) -> Running {
    let seeds = seeds.to_vec();
    let options = HubOptions {
        folder: Some(folder.to_path_buf()),
        passphrase: Some(PASSPHRASE.into()),
        turn_timer: None,
        flood_per_second: per_second,
        hold: None,
        debrief: Some(detente::host::hub::Debriefer(std::sync::Arc::new(
            detente::cli::class_debrief,
        ))),
    };
    start(
        move || Ok(Class::new(rules, &seeds).expect("a random source")),
        options,
        "127.0.0.1:0".parse().unwrap(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

pub fn class_code(host: &Running) -> String {
    host.status.lock().unwrap().class_code.clone()
}

/// A page's socket and everything it was sent.
pub struct Client {
    ws: Option<WebSocketStream<MaybeTlsStream<TcpStream>>>,
    pub received: Vec<Value>,
    /// How many of `received` the script has looked at.
    read: usize,
    /// The token and team code of the seat it holds, once seated.
    pub token: Option<String>,
    pub team_code: Option<String>,
}

impl Client {
    pub async fn connect(address: SocketAddr) -> Client {
        let (ws, _) = tokio_tungstenite::connect_async(format!("ws://{address}/ws"))
            .await
            .unwrap_or_else(|e| panic!("connect to {address}: {e}"));
        Client {
            ws: Some(ws),
            received: Vec::new(),
            read: 0,
            token: None,
            team_code: None,
        }
    }

    pub async fn send(&mut self, message: Value) {
        self.send_text(&message.to_string()).await;
    }

    pub async fn send_text(&mut self, text: &str) {
        let ws = self.ws.as_mut().expect("connected");
        ws.send(Message::text(text)).await.expect("sent");
    }

    /// The next message not yet looked at that `pred` accepts (those before it are looked at
    /// too); panics after 20 s, naming `what` it waited for.
    pub async fn until(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            while self.read < self.received.len() {
                let m = &self.received[self.read];
                self.read += 1;
                if pred(m) {
                    return m.clone();
                }
            }
            let ws = self.ws.as_mut().expect("connected");
            let next = tokio::time::timeout(Duration::from_secs(20), ws.next()).await;
            match next {
                Ok(Some(Ok(Message::Text(text)))) => {
                    let m: Value = serde_json::from_str(&text).expect("the host sends JSON");
                    if m["type"] == "seated" {
                        self.token = m["token"].as_str().map(str::to_string);
                        self.team_code = m["team_code"].as_str().map(str::to_string);
                    }
                    self.received.push(m);
                }
                Ok(Some(Ok(Message::Close(_)))) | Ok(None) => {
                    panic!(
                        "closed while waiting for {what}; got {:?}",
                        self.received.last()
                    )
                }
                Ok(Some(Ok(_))) => {}
                Ok(Some(Err(e))) => panic!("waiting for {what}: {e}"),
                Err(_) => panic!(
                    "waited 20 s for {what}; the last message: {:?}",
                    self.received.last()
                ),
            }
        }
    }

    /// Whether the host closes the connection within 20 s (messages before are kept).
    pub async fn closed(&mut self) -> bool {
        let Some(ws) = self.ws.as_mut() else {
            return true;
        };
        loop {
            match tokio::time::timeout(Duration::from_secs(20), ws.next()).await {
                Ok(Some(Ok(Message::Text(text)))) => self
                    .received
                    .push(serde_json::from_str(&text).unwrap_or(Value::Null)),
                Ok(Some(Ok(Message::Close(_)))) | Ok(None) | Ok(Some(Err(_))) => return true,
                Ok(Some(Ok(_))) => {}
                Err(_) => return false,
            }
        }
    }

    /// Drops the connection, as a page does when its laptop sleeps.
    pub fn drop_connection(&mut self) {
        self.ws = None;
    }

    /// Joins with the class code and claims nation `nation` of match `table`: the view.
    pub async fn take_seat(&mut self, code: &str, table: usize, nation: &str) -> Value {
        self.join_seat(code, table, nation, None).await
    }

    /// The same, joining the team that holds the seat when `team_code` is given.
    pub async fn join_seat(
        &mut self,
        code: &str,
        table: usize,
        nation: &str,
        team_code: Option<&str>,
    ) -> Value {
        self.send(json!({"type": "join", "protocol": 1, "class_code": code}))
            .await;
        self.until("welcome", |m| m["type"] == "welcome").await;
        self.send(
            json!({"type": "claim", "table": table, "nation": nation, "team_code": team_code}),
        )
        .await;
        self.until("seated", |m| m["type"] == "seated").await;
        self.until("the first view", |m| m["type"] == "view").await
    }

    /// Gets the seat of `token` back: the view.
    pub async fn resume(&mut self, token: &str) -> Value {
        self.send(json!({"type": "resume", "protocol": 1, "token": token}))
            .await;
        self.until("seated", |m| m["type"] == "seated").await;
        self.until("the view", |m| m["type"] == "view").await
    }

    /// The next error the host sends: its kind.
    pub async fn error_kind(&mut self) -> String {
        let m = self.until("an error", |m| m["type"] == "error").await;
        m["error"]["kind"].as_str().unwrap_or_default().to_string()
    }
}

/// A view message's turn.
pub fn turn_of(view: &Value) -> u64 {
    view["view"]["turn"].as_u64().expect("a view has its turn")
}

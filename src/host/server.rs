//! The host's web server (axum on tokio): the team's page and the teacher's page, plain HTML,
//! CSS and JavaScript embedded in the binary, and one WebSocket per page. It only carries
//! messages between each socket and the hub's thread, which holds the class; it reads none of
//! them, except to count them: a page that floods is cut off.

use crate::host::hub::{Inbound, OUTBOX_LEN, PageId};
use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::serve::ListenerExt;
use futures_util::{SinkExt, StreamExt};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

/// The most a socket frame or message may be, in bytes: past the protocol's own limit (so a
/// long message gets its `too_long` reply), and small enough that no page can make the host
/// hold much. A longer one closes the connection.
pub const MAX_FRAME_BYTES: usize = 64 * 1024;

/// A person's page may send this many messages a second, on average over `FLOOD_WINDOW`;
/// more and it is cut off. A team clicking as fast as it can sends a few.
pub const FLOOD_PER_SECOND: u32 = 20;
const FLOOD_WINDOW: Duration = Duration::from_secs(5);

#[derive(Clone)]
struct Shared {
    inbound: Sender<Inbound>,
    next: Arc<AtomicU64>,
    per_second: u32,
}

/// The page's files: path, content type, contents.
const FILES: &[(&str, &str, &str)] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_str!("page/index.html"),
    ),
    (
        "/teacher",
        "text/html; charset=utf-8",
        include_str!("page/teacher.html"),
    ),
    (
        "/style.css",
        "text/css; charset=utf-8",
        include_str!("page/style.css"),
    ),
    (
        "/text.js",
        "text/javascript; charset=utf-8",
        include_str!("page/text.js"),
    ),
    (
        "/common.js",
        "text/javascript; charset=utf-8",
        include_str!("page/common.js"),
    ),
    (
        "/team.js",
        "text/javascript; charset=utf-8",
        include_str!("page/team.js"),
    ),
    (
        "/teacher.js",
        "text/javascript; charset=utf-8",
        include_str!("page/teacher.js"),
    ),
];

/// The web app: the files, and `/ws`, whose sockets go to the hub through `inbound`. A page
/// that sends more than `per_second` messages a second (over `FLOOD_WINDOW`) is cut off.
pub fn router(inbound: Sender<Inbound>, per_second: u32) -> Router {
    let shared = Shared {
        inbound,
        next: Arc::new(AtomicU64::new(1)),
        per_second,
    };
    let mut app = Router::new().route("/ws", get(socket));
    for &(path, kind, body) in FILES {
        app = app.route(
            path,
            get(move || async move {
                (
                    [
                        (header::CONTENT_TYPE, kind),
                        (header::CACHE_CONTROL, "no-cache"),
                    ],
                    body,
                )
            }),
        );
    }
    for (path, body) in [
        ("/inter.otf", crate::look::FONT_REGULAR),
        ("/inter-bold.otf", crate::look::FONT_BOLD),
    ] {
        app = app.route(
            path,
            get(move || async move {
                (
                    [
                        (header::CONTENT_TYPE, "font/otf"),
                        (header::CACHE_CONTROL, "max-age=86400"),
                    ],
                    body,
                )
            }),
        );
    }
    app.with_state(shared)
}

/// Serves `router` on `listener` until the process ends. Each connection sends its messages
/// at once (TCP_NODELAY): a view is small and waited for, so Nagle's algorithm would only
/// hold it back (by up to the peer's delayed acknowledgement, 40 ms on Linux).
pub async fn serve(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    let listener = listener.tap_io(|tcp| {
        // A socket that refuses the option still works, only later.
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await
}

async fn socket(
    upgrade: WebSocketUpgrade,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    State(shared): State<Shared>,
) -> Response {
    upgrade
        .max_message_size(MAX_FRAME_BYTES)
        .max_frame_size(MAX_FRAME_BYTES)
        .on_upgrade(move |ws| page(ws, from, shared))
        .into_response()
}

/// One page's socket: its messages to the hub, the hub's to it, until either side closes.
async fn page(ws: WebSocket, from: SocketAddr, shared: Shared) {
    let id: PageId = shared.next.fetch_add(1, Ordering::Relaxed);
    let (outbox, mut to_page) = tokio::sync::mpsc::channel::<String>(OUTBOX_LEN);
    let opened = Inbound::Opened {
        id,
        from: from.ip(),
        outbox,
    };
    if shared.inbound.send(opened).is_err() {
        return;
    }
    let (mut sink, mut stream) = ws.split();
    let writer = tokio::spawn(async move {
        while let Some(text) = to_page.recv().await {
            if sink.send(Message::Text(text.into())).await.is_err() {
                return;
            }
        }
        // The hub let the page go (it flooded, or read nothing): close the socket.
        let _ = sink.close().await;
    });
    let mut arrivals: std::collections::VecDeque<Instant> = Default::default();
    let most = (u64::from(shared.per_second) * FLOOD_WINDOW.as_secs()) as usize;
    let mut flooded = false;
    while let Some(Ok(message)) = stream.next().await {
        let text = match message {
            Message::Text(t) => t.to_string(),
            // The protocol is text; a binary message is answered as text that is not JSON.
            Message::Binary(b) => String::from_utf8_lossy(&b).into_owned(),
            Message::Close(_) => break,
            Message::Ping(_) | Message::Pong(_) => continue,
        };
        let now = Instant::now();
        arrivals.push_back(now);
        while arrivals
            .front()
            .is_some_and(|&t| now.duration_since(t) > FLOOD_WINDOW)
        {
            arrivals.pop_front();
        }
        if arrivals.len() > most {
            let _ = shared.inbound.send(Inbound::Flooded {
                id,
                per_second: shared.per_second,
            });
            flooded = true;
            break;
        }
        if shared.inbound.send(Inbound::Text { id, text }).is_err() {
            break;
        }
    }
    let _ = shared.inbound.send(Inbound::Closed { id });
    if flooded {
        // What the page still sends is read (and dropped) until it answers the close, for 2 s
        // at most: a socket closed with unread data is reset, and the reset would lose the
        // flooding error on its way to the page.
        let drain = async { while let Some(Ok(_)) = stream.next().await {} };
        let _ = tokio::time::timeout(Duration::from_secs(2), drain).await;
    }
    // Whatever the hub still sends (the flooding error) goes out before the socket closes.
    let _ = tokio::time::timeout(Duration::from_secs(2), writer).await;
}

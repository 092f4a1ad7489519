//! `detente bench --host`: a class of simulated teams on the loopback address. The host runs
//! as its own process (`detente host --headless`, as a teacher starts it), so its CPU time and
//! peak memory are its own; 30 pages (two or three browsers on each seat) play 6 matches of
//! reset_2013's 40 turns at once. Printed: the time from a match's last End turn to every one
//! of its pages having the next turn's view (median and 99th percentile; target under 50 ms),
//! the host's CPU time and peak memory, and the bytes sent per seat per turn.

use crate::sim::InputError;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

const CLIENTS: usize = 30;
const MATCHES: usize = 6;
const SCENARIO: &str = "reset_2013";

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A simulated page: its socket, the bytes it was sent, its latest view.
struct Page {
    socket: Socket,
    bytes: u64,
    view: Value,
}

struct Host(Child);

impl Drop for Host {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn fail(what: impl std::fmt::Display) -> InputError {
    InputError::new("detente bench --host", what.to_string())
}

pub fn run() -> Result<(), InputError> {
    let dir = std::env::temp_dir().join(format!("detente-bench-host-{}", std::process::id()));
    let exe = std::env::current_exe().map_err(fail)?;
    let mut child = Command::new(exe)
        .args([
            "host",
            SCENARIO,
            "--headless",
            "--bind",
            "127.0.0.1",
            "--port",
            "0",
        ])
        .args([
            "--matches",
            &MATCHES.to_string(),
            "--seed",
            "1",
            "--different-seeds",
        ])
        .args([
            "--passphrase",
            "bench",
            "--flood-limit",
            "100000",
            "--folder",
        ])
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(fail)?;
    let stdout = child.stdout.take().ok_or_else(|| fail("no stdout"))?;
    let host = Host(child);
    let (address, code) = read_banner(stdout)?;
    super::output::say(format!(
        "bench: {CLIENTS} pages on loopback, {MATCHES} matches of {SCENARIO} (40 turns), the host as its own process"
    ));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(fail)?;
    let cpu_before = cpu_seconds(host.0.id());
    let start = Instant::now();
    let results = runtime.block_on(play(address, code))?;
    let wall = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds(host.0.id()).zip(cpu_before).map(|(a, b)| a - b);
    let peak = super::bench::peak_memory_mib(&host.0.id().to_string());
    drop(host);
    let _ = std::fs::remove_dir_all(&dir);
    let mut latencies = results.latencies;
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize];
    let say = super::output::say;
    say(format!(
        "  last End turn to every page's reveal: median {:.1} ms, 99th percentile {:.1} ms, worst {:.1} ms ({} turns; target under 50 ms)",
        at(0.5),
        at(0.99),
        at(1.0),
        latencies.len()
    ));
    say(format!(
        "  wall time          {wall:.2} s for the whole class"
    ));
    match cpu {
        Some(s) => say(format!(
            "  host CPU time      {s:.2} s ({:.0}% of one core over the run)",
            s / wall * 100.0
        )),
        None => say("  host CPU time      unknown (no /proc)".into()),
    }
    match peak {
        Some(m) => say(format!("  host peak memory   {m:.1} MiB (VmHWM)")),
        None => say("  host peak memory   unknown (no /proc)".into()),
    }
    let seat_turns = (results.seats * results.turns) as f64;
    say(format!(
        "  bytes sent         {:.1} KiB per seat per turn on average ({:.1} KiB per page per turn; {:.1} MiB in all)",
        results.bytes_per_seat as f64 / seat_turns / 1024.0,
        results.bytes as f64 / (CLIENTS * results.turns) as f64 / 1024.0,
        results.bytes as f64 / 1024.0 / 1024.0
    ));
    Ok(())
}

/// The address and class code the host prints.
fn read_banner(stdout: std::process::ChildStdout) -> Result<(String, String), InputError> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (mut address, mut code) = (None, None);
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let line = line.trim().to_string();
            if let Some(a) = line.strip_prefix("Teams open:") {
                address = Some(a.trim().trim_start_matches("http://").to_string());
            }
            if let Some(c) = line.strip_prefix("Class code:") {
                code = Some(c.trim().to_string());
            }
            if let (Some(a), Some(c)) = (&address, &code) {
                let _ = tx.send((a.clone(), c.clone()));
                address = None;
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(60))
        .map_err(|_| fail("the host did not start"))
}

struct Results {
    latencies: Vec<f64>,
    bytes: u64,
    /// Bytes sent to the first page of each seat (what one seat costs), summed.
    bytes_per_seat: u64,
    seats: usize,
    turns: usize,
}

async fn play(address: String, code: String) -> Result<Results, InputError> {
    let ids = ["usa", "rus"];
    let seats = MATCHES * ids.len();
    // Page k sits at seat k % seats: every seat has two or three pages.
    let mut tables: Vec<Vec<Vec<Page>>> = (0..MATCHES)
        .map(|_| ids.iter().map(|_| Vec::new()).collect())
        .collect();
    let mut tokens: Vec<Option<String>> = vec![None; seats];
    for k in 0..CLIENTS {
        let seat = k % seats;
        let (table, nation) = (seat / ids.len(), seat % ids.len());
        let url = format!("ws://{address}/ws");
        let (mut socket, _) = tokio_tungstenite::connect_async_with_config(url, None, true)
            .await
            .map_err(fail)?;
        let first = match &tokens[seat] {
            None => {
                send(
                    &mut socket,
                    json!({"type": "join", "protocol": 1, "class_code": code}),
                )
                .await?;
                send(
                    &mut socket,
                    json!({"type": "claim", "table": table, "nation": ids[nation]}),
                )
                .await?;
                true
            }
            Some(token) => {
                send(
                    &mut socket,
                    json!({"type": "resume", "protocol": 1, "token": token}),
                )
                .await?;
                false
            }
        };
        let mut page = Page {
            socket,
            bytes: 0,
            view: Value::Null,
        };
        loop {
            let m = next(&mut page).await?;
            if first && m["type"] == "seated" {
                tokens[seat] = m["token"].as_str().map(str::to_string);
            }
            if m["type"] == "view" {
                break;
            }
        }
        tables[table][nation].push(page);
    }
    let runs: Vec<_> = tables
        .into_iter()
        .enumerate()
        .map(|(t, table)| tokio::spawn(play_match(t, table)))
        .collect();
    let mut results = Results {
        latencies: Vec::new(),
        bytes: 0,
        bytes_per_seat: 0,
        seats,
        turns: 0,
    };
    for run in runs {
        let (latencies, table) = run.await.map_err(fail)??;
        results.turns = results.turns.max(latencies.len());
        results.latencies.extend(latencies);
        for seat in &table {
            results.bytes_per_seat += seat[0].bytes;
            results.bytes += seat.iter().map(|p| p.bytes).sum::<u64>();
        }
    }
    Ok(results)
}

/// One match, to its end: each turn every seat's first page chooses (a seeded pick among its
/// open moves, the first proposal accepted) and presses End turn; then every page of the
/// match waits for the next view. The latencies, in milliseconds.
async fn play_match(
    table: usize,
    mut seats: Vec<Vec<Page>>,
) -> Result<(Vec<f64>, Vec<Vec<Page>>), InputError> {
    let mut latencies = Vec::new();
    let mut pick = table * 7 + 1;
    loop {
        let view = &seats[0][0].view;
        if !view["view"]["outcome"].is_null() {
            break;
        }
        let turn = view["view"]["turn"].as_u64().unwrap_or(0);
        let mut last_sent = Instant::now();
        for seat in seats.iter_mut() {
            let page = &mut seat[0];
            let v = page.view["view"].clone();
            let moves = v["moves"].as_array().cloned().unwrap_or_default();
            pick = (pick * 31 + 17) % 1009;
            if let Some(m) = moves.get(pick % moves.len().max(1)) {
                send(
                    &mut page.socket,
                    json!({"type": "choose", "move_index": m["move_index"]}),
                )
                .await?;
            }
            for p in v["proposals"].as_array().into_iter().flatten() {
                if p["to_answer"] == true {
                    let answer = json!({"type": "answer", "proposal": p["index"], "accept": true});
                    send(&mut page.socket, answer).await?;
                }
            }
            last_sent = Instant::now();
            send(&mut page.socket, json!({"type": "end_turn"})).await?;
        }
        let waits = seats.iter_mut().flatten().map(|page| async move {
            loop {
                let m = next(page).await?;
                if m["type"] == "view" && m["view"]["turn"].as_u64() == Some(turn + 1) {
                    return Ok::<Instant, InputError>(Instant::now());
                }
            }
        });
        let arrivals = futures_util::future::join_all(waits).await;
        let mut latest = last_sent;
        for a in arrivals {
            latest = latest.max(a?);
        }
        latencies.push(latest.duration_since(last_sent).as_secs_f64() * 1000.0);
    }
    Ok((latencies, seats))
}

async fn send(socket: &mut Socket, message: Value) -> Result<(), InputError> {
    socket
        .send(Message::text(message.to_string()))
        .await
        .map_err(fail)
}

/// The page's next message, counted (and kept if it is a view).
async fn next(page: &mut Page) -> Result<Value, InputError> {
    loop {
        let got = tokio::time::timeout(Duration::from_secs(30), page.socket.next())
            .await
            .map_err(|_| fail("a page waited 30 s for the host"))?;
        match got {
            Some(Ok(Message::Text(text))) => {
                page.bytes += text.len() as u64;
                let m: Value = serde_json::from_str(&text).map_err(fail)?;
                if m["type"] == "error" || m["type"] == "refused" {
                    return Err(fail(format!("the host refused a page: {m}")));
                }
                if m["type"] == "view" {
                    page.view = m.clone();
                }
                return Ok(m);
            }
            Some(Ok(_)) => {}
            Some(Err(e)) => return Err(fail(e)),
            None => return Err(fail("the host closed a page")),
        }
    }
}

/// User and system CPU time of process `pid`, in seconds (Linux's /proc).
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // Linux reports in clock ticks of 1/100 s (USER_HZ) on every common configuration.
    Some(ticks / 100.0)
}

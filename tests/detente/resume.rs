//! Killing the host mid-match (SIGKILL, no warning) and starting it again with `--resume`:
//! no completed turn is lost, the teams' pages get their seats back with their tokens, play
//! goes on, and each match's autosave replays with `detente replay`.

use super::common::detente;

use super::net::{Client, turn_of};
use super::network::{commands_for, desktop, message_of};
use super::session::state;
use detente::host::connection::SeatCommand;
use detente::host::folder::match_file;
use detente::sim::archive::save;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// `detente host ARGS` on 127.0.0.1:`port`, once it says its class code: the process and the
/// code.
fn host_process(port: u16, args: &[&str]) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(["host", "--headless", "--bind", "127.0.0.1", "--port"])
        .arg(port.to_string())
        .args(["--passphrase", "red fox"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(code) = line.trim().strip_prefix("Class code:") {
                let _ = tx.send(code.trim().to_string());
            }
        }
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(code) => (child, code),
        Err(_) => {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "the host did not start: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Plays one turn for every page: its commands, End turn, and the next turn's view.
async fn play_turn(
    pages: &mut [Client],
    views: &mut [Value],
    rng: &mut ChaCha8Rng,
    given: &mut Vec<(usize, SeatCommand)>,
) {
    let turn = turn_of(&views[0]);
    for (k, page) in pages.iter_mut().enumerate() {
        for c in commands_for(&views[k], rng)
            .into_iter()
            .chain([SeatCommand::EndTurn])
        {
            page.send(message_of(c)).await;
            given.push((k, c));
        }
    }
    for (k, page) in pages.iter_mut().enumerate() {
        let next = |v: &Value| v["type"] == "view" && turn_of(v) == turn + 1;
        views[k] = page.until("the next turn", next).await;
    }
}

#[test]
fn a_killed_host_resumes_every_match_and_the_teams_get_their_seats_back() {
    let dir = tempfile::tempdir().unwrap();
    let class = dir.path().join("class");
    let class_arg = class.to_str().unwrap();
    let port = free_port();
    let address: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let (mut first, code) =
        host_process(port, &["reset_2013", "--seed", "7", "--folder", class_arg]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let mut given = Vec::new();
    let (mut pages, tokens) = runtime.block_on(async {
        let mut pages = Vec::new();
        let mut views = Vec::new();
        for id in ["usa", "rus"] {
            let mut page = Client::connect(address).await;
            views.push(page.take_seat(&code, 0, id).await);
            pages.push(page);
        }
        for _ in 0..3 {
            play_turn(&mut pages, &mut views, &mut rng, &mut given).await;
        }
        // Mid-turn: the United States has chosen, Russia not yet.
        let pick = commands_for(&views[0], &mut rng)[0];
        pages[0].send(message_of(pick)).await;
        pages[0]
            .until("the choice", |m| {
                m["type"] == "view" && !m["view"]["chosen"].is_null()
            })
            .await;
        let tokens: Vec<String> = pages.iter().map(|p| p.token.clone().unwrap()).collect();
        (pages, tokens)
    });
    first.kill().unwrap();
    first.wait().unwrap();
    runtime.block_on(async {
        for page in pages.iter_mut() {
            assert!(page.closed().await, "the pages see the host go");
        }
    });

    let (mut second, code_again) = host_process(port, &["--resume", class_arg]);
    assert_eq!(code_again, code, "the class keeps its code");
    runtime.block_on(async {
        let mut views = Vec::new();
        for (k, token) in tokens.iter().enumerate() {
            pages[k] = Client::connect(address).await;
            let view = pages[k].resume(token).await;
            assert_eq!(turn_of(&view), 3, "no completed turn is lost");
            assert!(
                view["view"]["chosen"].is_null(),
                "the unfinished turn starts again"
            );
            views.push(view);
        }
        for _ in 0..2 {
            play_turn(&mut pages, &mut views, &mut rng, &mut given).await;
        }
        assert_eq!(turn_of(&views[0]), 5);
    });
    second.kill().unwrap();
    second.wait().unwrap();

    let save_path = match_file(&class, 0);
    let out = detente(&["replay", save_path.to_str().unwrap(), "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_, rebuilt) = save::load(&save_path).unwrap();
    let app = desktop("reset_2013", 2, 7, &given);
    assert_eq!(rebuilt.state, state(&app));
}

/// A host that cannot listen (another program has the port) says so, exits 2, and leaves no
/// class folder behind.
#[test]
fn a_host_that_cannot_listen_leaves_no_folder() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("class");
    let err = super::common::fails(&[
        "host",
        "reset_2013",
        "--headless",
        "--bind",
        "127.0.0.1",
        "--port",
        &port,
        "--folder",
        folder.to_str().unwrap(),
    ]);
    assert!(err.contains("another program uses that port"), "{err}");
    assert!(!folder.exists(), "{err}");
}

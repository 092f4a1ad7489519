//! A real browser plays: headless Chromium, driven through WebDriver (Debian's `chromium` and
//! `chromium-driver`), joins a class with its code, takes a seat and plays whole turns against
//! a scripted page, sees each reveal, the history charts and the debrief; the teacher's page
//! shows the roster. Screenshots at 1366×768 and at a tablet's 768×1024 go to
//! `$DETENTE_SCREENSHOTS` (a scratch folder when unset). Ignored by default: `.ci/run` installs
//! the browser and runs it (`cargo test --test detente -- --ignored browser`).

use super::common::setup;
use super::net::{Client, PASSPHRASE, class_code, host, turn_of};
use super::network::{commands_for, message_of};
use detente::host::connection::SeatCommand;
use fantoccini::{Client as Browser, ClientBuilder, Locator};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// chromedriver on a loopback port of its own.
pub fn driver() -> (Driver, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver (Debian's chromium-driver) is installed");
    (Driver(child), port)
}

pub async fn browser(port: u16, width: u32, height: u32) -> Browser {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({"args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            format!("--window-size={width},{height}")]}),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    for _ in 0..50 {
        let made = ClientBuilder::new(connector.clone())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        if let Ok(b) = made {
            return b;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("chromedriver did not answer on port {port}");
}

pub fn shots() -> PathBuf {
    let dir = std::env::var_os("DETENTE_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("detente-browser-shots"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub async fn shoot(b: &Browser, dir: &Path, name: &str) {
    let png = b.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "{name} is a PNG");
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

pub async fn text(b: &Browser, css: &str) -> String {
    b.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

pub async fn click(b: &Browser, css: &str) {
    b.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// Waits until `script` (a JavaScript expression) is true in the page.
pub async fn until(b: &Browser, what: &str, script: &str) {
    for _ in 0..200 {
        let v = b
            .execute(&format!("return !!({script});"), vec![])
            .await
            .unwrap();
        if v == Value::Bool(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("waited 20 s for {what}");
}

/// Opens the teacher's page of the host at `address` in `b`, types the passphrase, and waits
/// for the roster.
pub async fn teacher_page(b: &Browser, address: std::net::SocketAddr) {
    b.goto(&format!("http://{address}/teacher")).await.unwrap();
    let pass = b
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("#pass"))
        .await
        .unwrap();
    pass.send_keys(PASSPHRASE).await.unwrap();
    click(b, "button[type=submit]").await;
    until(b, "the roster", "document.querySelector('.roster table')").await;
}

#[test]
#[ignore = "needs chromium and chromium-driver: run by .ci/run"]
fn browser_joins_plays_turns_and_sees_the_reveal() {
    let mut rules = setup("reset_2013", &[], &[], None).rules;
    rules.scenario.turns = 4;
    let dir = tempfile::tempdir().unwrap();
    let running = host(rules, &[4], dir.path());
    let address = running.address;
    let code = class_code(&running);
    let (_driver, port) = driver();
    let out = shots();
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let b = browser(port, 1366, 768).await;
        b.goto(&format!("http://{address}/")).await.unwrap();
        assert!(text(&b, "h1").await.contains("Join"));
        shoot(&b, &out, "team-join-1366x768").await;
        // A mistyped code is said so, and the page stays.
        let field = b.find(Locator::Css("#code")).await.unwrap();
        field.send_keys("AAAAAA").await.unwrap();
        click(&b, "button[type=submit]").await;
        until(
            &b,
            "the wrong-code message",
            "document.getElementById('join-error').textContent.length > 0",
        )
        .await;
        field.clear().await.unwrap();
        // Typed as a student might: lower case, with a dash.
        let typed = format!("{}-{}", &code[..3], &code[3..]).to_lowercase();
        field.send_keys(&typed).await.unwrap();
        click(&b, "button[type=submit]").await;
        until(
            &b,
            "the seats",
            "document.querySelectorAll('button.seat').length === 2",
        )
        .await;
        shoot(&b, &out, "team-seats-1366x768").await;
        click(&b, "button.seat").await;
        until(
            &b,
            "the move cards",
            "document.querySelectorAll('button.card').length > 0",
        )
        .await;
        let banner = text(&b, "#banner").await;
        assert!(banner.contains("Choose"), "{banner}");
        // The team code for teammates on other laptops is on the board.
        let team_code = text(&b, ".team-code").await;
        assert!(team_code.starts_with("Team code "), "{team_code}");
        shoot(&b, &out, "team-board-1366x768").await;
        // The page must fit the laptop's screen: nothing wider than the window.
        let wide = b
            .execute(
                "return document.documentElement.scrollWidth <= window.innerWidth;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(wide, Value::Bool(true), "no sideways scrolling at 1366×768");

        // Russia is a scripted page.
        let mut russia = Client::connect(address).await;
        let mut view = russia.take_seat(&code, 0, "rus").await;
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for turn in 0..4u64 {
            // The team picks the second card by mouse, or by keyboard ("1") on odd turns.
            if turn % 2 == 0 {
                click(&b, "button.card:nth-child(2)").await;
            } else {
                b.find(Locator::Css("body"))
                    .await
                    .unwrap()
                    .send_keys("1")
                    .await
                    .unwrap();
            }
            until(
                &b,
                "the chosen card",
                "document.querySelector('button.card.on')",
            )
            .await;
            click(&b, "#end-turn").await;
            until(
                &b,
                "waiting for Russia",
                "document.getElementById('banner').textContent.includes('Waiting')",
            )
            .await;
            if turn == 0 {
                shoot(&b, &out, "team-waiting-1366x768").await;
            }
            for c in commands_for(&view, &mut rng)
                .into_iter()
                .chain([SeatCommand::EndTurn])
            {
                russia.send(message_of(c)).await;
            }
            let next = |v: &Value| v["type"] == "view" && turn_of(v) == turn + 1;
            view = russia.until("the next turn", next).await;
            until(&b, "the reveal", "document.querySelector('.reveal')").await;
            let reveal = text(&b, ".reveal").await;
            assert!(reveal.contains("what you saw"), "{reveal}");
            assert!(reveal.contains("You played"), "{reveal}");
            if turn == 0 {
                shoot(&b, &out, "team-reveal-1366x768").await;
            }
            if turn < 3 {
                click(&b, ".reveal .end-row button").await;
                until(
                    &b,
                    "the next board",
                    "document.querySelector('button.card')",
                )
                .await;
            }
        }
        // Four turns: the match is over; the debrief, then the history charts.
        click(&b, ".reveal .end-row button").await;
        until(&b, "the debrief", "document.querySelector('.debrief')").await;
        assert!(text(&b, ".debrief").await.contains("Turning points"));
        shoot(&b, &out, "team-debrief-1366x768").await;
        click(&b, "nav.tabs button:nth-child(3)").await;
        until(
            &b,
            "the charts",
            "document.querySelectorAll('.chart svg').length === 4",
        )
        .await;
        shoot(&b, &out, "team-history-1366x768").await;

        // A tablet: the board in one column, nothing sideways.
        b.set_window_size(768, 1024).await.unwrap();
        click(&b, "nav.tabs button:nth-child(1)").await;
        until(&b, "the board", "document.querySelector('.board')").await;
        shoot(&b, &out, "team-board-tablet").await;
        let fits = b
            .execute(
                "return document.documentElement.scrollWidth <= window.innerWidth;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(fits, Value::Bool(true), "no sideways scrolling on a tablet");

        // The teacher's page: the passphrase, then the roster.
        b.set_window_size(1366, 768).await.unwrap();
        teacher_page(&b, address).await;
        let roster = text(&b, ".roster").await;
        assert!(
            roster.contains("Match 1") && roster.contains("joined"),
            "{roster}"
        );
        shoot(&b, &out, "teacher-roster-1366x768").await;
        b.set_window_size(768, 1024).await.unwrap();
        shoot(&b, &out, "teacher-roster-tablet").await;
        b.close().await.unwrap();
    });
    running.stop();
    eprintln!("screenshots in {}", out.display());
}

//! The teacher's page in a real browser (headless Chromium through WebDriver, as in
//! `browser.rs`): it lets the computer play a team's seat, the team's own browser says so and
//! stops taking its moves, the seat is given back, and the class debrief opens in a tab of its
//! own. Screenshots go to `$DETENTE_SCREENSHOTS`. Ignored by default: `.ci/run` runs it.

use super::browser::{browser, click, driver, shoot, shots, teacher_page, text, until};
use super::common::setup;
use super::net::{class_code, host};
use fantoccini::Locator;

#[test]
#[ignore = "needs chromium and chromium-driver: run by .ci/run"]
fn browser_teacher_gives_a_seat_to_the_computer_and_opens_the_class_debrief() {
    let mut rules = setup("reset_2013", &[], &[], None).rules;
    rules.scenario.turns = 6;
    let dir = tempfile::tempdir().unwrap();
    let running = host(rules, &[4, 5], dir.path());
    let address = running.address;
    let code = class_code(&running);
    let (_driver, port) = driver();
    let out = shots();
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        // A team on the United States of match 1.
        let team = browser(port, 1366, 768).await;
        team.goto(&format!("http://{address}/")).await.unwrap();
        let field = team.find(Locator::Css("#code")).await.unwrap();
        field.send_keys(&code).await.unwrap();
        click(&team, "button[type=submit]").await;
        until(&team, "the seats", "document.querySelectorAll('button.seat').length === 4").await;
        click(&team, "button.seat").await;
        until(&team, "the move cards", "document.querySelector('button.card')").await;

        // The teacher, in a browser of its own.
        let teacher = browser(port, 1366, 768).await;
        teacher_page(&teacher, address).await;
        // Unfold the United States' controls in match 1, pick grudger, let the computer play.
        click(&teacher, ".roster section:first-child button.change").await;
        teacher
            .execute(
                "const s = document.querySelector('.seat-controls select');
                 s.value = 'grudger'; s.dispatchEvent(new Event('change'));",
                vec![],
            )
            .await
            .unwrap();
        shoot(&teacher, &out, "teacher-seat-controls-1366x768").await;
        click(&teacher, ".seat-controls .row button").await;
        until(
            &teacher,
            "the roster saying the computer plays",
            "document.querySelector('.roster td.warn') && document.querySelector('.roster td.warn').textContent.includes('grudger')",
        )
        .await;
        // The controls stayed open through the roster's redraw.
        until(&teacher, "the open controls", "document.querySelector('.seat-controls')").await;
        shoot(&teacher, &out, "teacher-computer-plays-1366x768").await;

        // The team's page says so, and its cards no longer take a move.
        until(
            &team,
            "the computer banner",
            "document.getElementById('banner').textContent.includes('computer')",
        )
        .await;
        let banner = text(&team, "#banner").await;
        assert!(banner.contains("grudger"), "{banner}");
        until(&team, "cards off", "document.querySelector('button.card').disabled").await;
        shoot(&team, &out, "team-computer-plays-1366x768").await;

        // Given back, the team plays again.
        click(&teacher, ".seat-controls button.small").await;
        until(
            &team,
            "the seat back",
            "!document.querySelector('button.card').disabled",
        )
        .await;

        // The class debrief, in a tab of its own.
        click(&teacher, "#debrief").await;
        until(&teacher, "the debrief link", "document.getElementById('debrief-link')").await;
        let windows = teacher.windows().await.unwrap();
        assert_eq!(windows.len(), 2, "the debrief's tab");
        teacher.switch_to_window(windows[1].clone()).await.unwrap();
        until(
            &teacher,
            "the class debrief",
            "document.body && document.body.textContent.includes('The class against 1000 AI games')",
        )
        .await;
        shoot(&teacher, &out, "class-debrief-1366x768").await;
        teacher.set_window_size(768, 1024).await.unwrap();
        shoot(&teacher, &out, "class-debrief-tablet").await;
        teacher.close().await.unwrap();
        team.close().await.unwrap();
    });
    running.stop();
    eprintln!("screenshots in {}", out.display());
}

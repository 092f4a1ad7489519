//! What a save of a match still in play lets the command line show: its export needs the
//! facilitator's passphrase. (The window's rules are tested in `src/desktop/tests/replays.rs`.)

use super::common::{detente, temp_dir};
use super::session::{play, save_of, session};

/// `detente replay --json` writes every seat's moves and views, so a match several people are
/// still playing is exported only with its passphrase, and not at all without one.
#[test]
fn an_export_of_a_match_in_play_needs_its_passphrase() {
    let dir = temp_dir("export-secrets");
    let mut app = session("cold_war_1962", &[0, 1], 8);
    play(&mut app, &[0, 1], 3);
    let open = dir.join("open.ron");
    save_of(&app).write(&open).unwrap();
    let mut guarded = save_of(&app);
    guarded.facilitator = Some(
        detente::sim::archive::guard::Guard::new("open skies")
            .phc()
            .to_string(),
    );
    let closed = dir.join("closed.ron");
    guarded.write(&closed).unwrap();
    let json = dir.join("game.json");
    let j = json.to_str().unwrap();
    for (save, extra, expected) in [
        (&open, vec![], Some("several people are playing this match")),
        (&closed, vec![], Some("needs the facilitator's passphrase")),
        (
            &closed,
            vec!["--passphrase", "closed skies"],
            Some("not the facilitator's passphrase"),
        ),
        (&closed, vec!["--passphrase", "open skies"], None),
    ] {
        let mut args = vec!["replay", save.to_str().unwrap(), "--json", j];
        args.extend(extra);
        let out = detente(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        match expected {
            Some(why) => {
                assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
                assert!(stderr.contains(why), "{stderr}");
                assert!(!json.exists(), "nothing written");
            }
            None => assert!(out.status.success(), "{stderr}"),
        }
    }
    assert!(json.exists());
    // Verifying alone (no --json) shows nothing of the seats and needs no passphrase.
    assert!(
        detente(&["replay", closed.to_str().unwrap()])
            .status
            .success()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

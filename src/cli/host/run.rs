//! Running `detente host`: in its window (the class serving, for the window to show), from the
//! title screen's "Host a class", or headless in the terminal, which prints what the teams and
//! the teacher need.

use super::{HostArgs, launch, prepare, shown_passphrase};
use crate::cli::output::say;
use crate::host::address::qr_text;
use crate::sim::InputError;
use std::path::Path;

/// `detente host` with its window: the class, serving, for the window to show; `None` when
/// this build or this machine has no window (then the host runs headless, and says so).
pub fn windowed(args: &HostArgs) -> Result<Option<crate::launch::HostLaunch>, InputError> {
    let display = ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
        .iter()
        .any(|k| std::env::var_os(k).is_some_and(|v| !v.is_empty()));
    if !cfg!(feature = "desktop") || (cfg!(all(unix, not(target_os = "macos"))) && !display) {
        eprintln!(
            "note: no window here ({}): hosting in this terminal, as with --headless",
            if cfg!(feature = "desktop") {
                "no display"
            } else {
                "this build has none"
            }
        );
        return Ok(None);
    }
    let plan = prepare(args)?;
    let what = plan.what.clone();
    let passphrase = shown_passphrase(&plan);
    let folder = plan.options.folder.clone();
    let running = launch(plan)?;
    // The window shows the way in; the terminal says where the class is kept.
    let first = running
        .status
        .lock()
        .ok()
        .and_then(|s| s.addresses.first().cloned())
        .unwrap_or_default();
    say(format!(
        "Détente is hosting a class in its window: {what}, at {first}"
    ));
    if let Some(f) = &folder {
        say(format!(
            "  Autosaves in {}; after a stop, go on with: {}",
            f.display(),
            resume_command(args, f)
        ));
    }
    Ok(Some(crate::launch::HostLaunch {
        running,
        what,
        passphrase,
    }))
}

/// Starts a class for the title screen's "Host a class": `detente host SCENARIO --matches N
/// [--different-seeds]` with everything else as its defaults. Errors in words.
pub fn for_window(
    request: &crate::launch::HostRequest,
) -> Result<crate::launch::HostLaunch, String> {
    let args = HostArgs {
        scenario: Some(request.scenario.clone()),
        matches: request.matches,
        seed: None,
        different_seeds: request.different_seeds,
        turns: request.turns,
        set: Vec::new(),
        port: 8080,
        bind: None,
        passphrase: None,
        turn_timer: None,
        folder: None,
        resume: None,
        headless: false,
        flood_limit: crate::host::server::FLOOD_PER_SECOND,
    };
    let plan = prepare(&args).map_err(|e| e.to_string())?;
    let what = plan.what.clone();
    let passphrase = shown_passphrase(&plan);
    let running = launch(plan).map_err(|e| e.to_string())?;
    Ok(crate::launch::HostLaunch {
        running,
        what,
        passphrase,
    })
}

/// The command that goes on with this class later: the same folder, and the same address and
/// port, so that the teams' pages find it again.
fn resume_command(args: &HostArgs, folder: &Path) -> String {
    let mut command = format!("detente host --resume {}", folder.display());
    if args.port != 8080 {
        command.push_str(&format!(" --port {}", args.port));
    }
    if let Some(bind) = args.bind {
        command.push_str(&format!(" --bind {bind}"));
    }
    if args.headless {
        command.push_str(" --headless");
    }
    command
}

/// Runs `detente host --headless`: prints what the teams need, then serves until stopped.
pub fn run_headless(args: &HostArgs) -> Result<(), InputError> {
    let plan = prepare(args)?;
    let what = plan.what.clone();
    let folder = plan.options.folder.clone();
    let passphrase = shown_passphrase(&plan);
    let made_up = plan.made_up_passphrase;
    let running = launch(plan)?;
    let status = running.status.lock().map(|s| s.clone()).unwrap_or_default();
    let addresses = status.addresses.clone();
    say(format!("Détente is hosting a class: {what}"));
    say("");
    for (k, a) in addresses.iter().enumerate() {
        say(format!(
            "  {} {a}",
            if k == 0 {
                "Teams open:  "
            } else {
                "         or: "
            }
        ));
    }
    say(format!("  Class code:   {}", status.class_code));
    if let Some(first) = addresses.first() {
        say(format!(
            "  Teacher:      {first}/teacher (passphrase: {passphrase}{})",
            if made_up {
                ", made up for this run"
            } else {
                ""
            }
        ));
        say(
            "                (keep this terminal off the projector: project the teacher's page, which shows the address, code and QR code without the passphrase)",
        );
        if let Some(qr) = qr_text(first) {
            say("");
            say(qr);
        }
    }
    if let Some(f) = &folder {
        let again = resume_command(args, f);
        crate::files::on_interrupt_say(format!(
            "stopped: every match is saved at its last completed turn; go on with: {again}"
        ));
        say(format!("  Autosaves:    {}", f.display()));
        say(format!("Stop with Ctrl-C; go on later with: {again}"));
    }
    running.wait();
    Ok(())
}

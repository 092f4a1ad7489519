//! The integration tests, in one binary (each file in `tests/` links all of Bevy): modules by
//! capability.

#[path = "detente/architecture.rs"]
mod architecture;
#[path = "detente/bad_input.rs"]
mod bad_input;
#[path = "detente/browser.rs"]
mod browser;
#[path = "detente/browser_teacher.rs"]
mod browser_teacher;
#[path = "detente/commands.rs"]
mod commands;
#[path = "detente/common.rs"]
mod common;
#[path = "detente/determinism.rs"]
mod determinism;
#[path = "detente/emergence.rs"]
mod emergence;
#[path = "detente/evolve.rs"]
mod evolve;
#[path = "detente/evolve_input.rs"]
mod evolve_input;
#[path = "detente/facilitator.rs"]
mod facilitator;
#[path = "detente/golden.rs"]
mod golden;
#[path = "detente/host.rs"]
mod host;
#[path = "detente/inputs.rs"]
mod inputs;
#[path = "detente/misperception.rs"]
mod misperception;
#[path = "detente/model.rs"]
mod model;
#[path = "detente/net.rs"]
mod net;
#[path = "detente/network.rs"]
mod network;
#[path = "detente/outputs.rs"]
mod outputs;
#[path = "detente/prisoners.rs"]
mod prisoners;
#[path = "detente/properties.rs"]
mod properties;
#[path = "detente/report.rs"]
mod report;
#[path = "detente/resume.rs"]
mod resume;
#[path = "detente/saves.rs"]
mod saves;
#[path = "detente/seat_view.rs"]
mod seat_view;
#[path = "detente/seats.rs"]
mod seats;
#[path = "detente/secrecy.rs"]
mod secrecy;
#[path = "detente/session.rs"]
mod session;
#[path = "detente/shadow.rs"]
mod shadow;
#[path = "detente/sweep.rs"]
mod sweep;
#[path = "detente/teacher.rs"]
mod teacher;
#[path = "detente/tournament.rs"]
mod tournament;
#[cfg(feature = "desktop")]
#[path = "detente/window.rs"]
mod window;
#[path = "detente/wire_secrecy.rs"]
mod wire_secrecy;

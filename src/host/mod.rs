//! Classroom play over the network (issue 12, under way): the teacher's machine hosts the
//! matches, and every team plays from a browser. This module is the part of the host that does
//! not depend on a web stack: the message protocol (`protocol`); who may play which seat
//! (`access`: class codes, seat tokens, the throttle on guessing codes; `roster`: the seats and
//! their holders); what one page's messages come to (`connection`); and the class in play,
//! its matches run by the session as on the desktop (`class`). The web server and the page
//! come next.

pub mod access;
pub mod address;
pub mod brief;
pub mod charts;
pub mod class;
pub mod connection;
pub mod folder;
pub mod hub;
pub mod protocol;
pub mod roster;
pub mod server;
pub mod start;
pub mod status;
mod table;
mod teach;

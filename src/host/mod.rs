//! Classroom play over the network (issue 12, under way): the teacher's machine hosts the
//! matches, and every team plays from a browser. This module is the part of the host that does
//! not depend on a web stack: the message protocol (`protocol`), and who may play which seat
//! (`access`: class codes, seat tokens, and the throttle on guessing codes). The web server
//! and the page come next.

pub mod access;
pub mod protocol;

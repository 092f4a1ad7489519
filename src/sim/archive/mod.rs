//! What a match leaves behind: each turn's record, the journal of its commands, snapshots and
//! saves (migrated from older versions, checked by replaying them), the secrecy of a match's
//! files, its story, the words every fact is told in, and the JSON export.

pub mod bands;
pub mod export;
pub mod guard;
pub mod history;
pub mod journal;
pub mod migrate;
pub mod narrate;
pub mod rebuild;
pub mod save;
pub mod secrecy;
pub mod snapshot;
pub mod story;
pub mod tally;
pub mod verify;

//! The hub's autosaves: each match after every turn (and at once after a teacher's change), the
//! roster after every change of seats, into the class folder; a failed save is said once.

use super::Hub;
use crate::host::folder;

impl Hub {
    /// The teacher changed match `table` mid-turn (a hand-over, a facilitator's command): the
    /// next autosave (before anything is sent) saves it, not only at the end of the turn.
    pub(super) fn changed(&mut self, table: usize) {
        if let Some(u) = self.unsaved.get_mut(table) {
            *u = true;
        }
    }

    /// Saves each match whose turn moved on since its last save (and stops its turn timer), or
    /// that the teacher changed.
    pub(super) fn autosave(&mut self) {
        for table in 0..self.class.tables() {
            let turn = self.class.turn(table);
            let moved_on = turn != self.saved_turns[table];
            if moved_on {
                self.saved_turns[table] = turn;
                self.deadlines[table] = None;
            }
            let changed = std::mem::take(&mut self.unsaved[table]);
            if (moved_on || changed)
                && let Some(folder) = self.options.folder.clone()
            {
                let saved = folder::write_match(&folder, &self.class, table);
                self.said(saved.err().map(|e| e.to_string()));
            }
        }
    }

    /// Saves the roster (who holds which seat), so a resumed class gives the teams their seats.
    pub(super) fn save_roster(&mut self) {
        if let Some(folder) = self.options.folder.clone() {
            let saved = folder::write_roster(&folder, &self.class);
            self.said(saved.err().map(|e| e.to_string()));
        }
    }

    /// Says a failed autosave on the host's terminal, once until it works again.
    pub(super) fn said(&mut self, error: Option<String>) {
        if let Some(e) = &error
            && self.save_error.as_ref() != Some(e)
        {
            eprintln!("warning: the autosave failed: {e}");
        }
        self.save_error = error;
    }
}

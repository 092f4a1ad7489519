//! A class in play: its matches, each a headless app running the session exactly as the desktop
//! does, and its roster. A seated page's command goes to its match's session for its seat's
//! nation; after it, every seat of that match whose message changed is sent the new one, and
//! the seat that sent a refused command gets the refusal. Nothing but `SeatView`s (with their
//! news in words, and whose teams are done), the scenario's public brief and refusals leaves a
//! match for a seat.

use crate::host::access::ClassCode;
use crate::host::brief::{self, Brief};
use crate::host::connection::SeatCommand;
use crate::host::protocol::ServerMessage;
use crate::host::roster::{Roster, SeatRef};
use crate::host::status::{SeatStatus, TableStatus};
pub use crate::host::table::new_roster;
use crate::host::table::{Table, table_spec};
use crate::sim::Rules;
use crate::sim::archive::narrate;
use crate::sim::archive::rebuild::{Rebuilt, opening_record};
use crate::sim::archive::save::SaveFile;
use crate::sim::archive::snapshot::MatchState;
use crate::sim::play::command::Position;
use crate::sim::play::run::sim_app;
use crate::sim::play::session::{
    ActiveMatch, AnswerProposal, ChooseMove, EndTurn, Facilitate, MatchPaused, SessionPlugin,
    advise, resume_match, snapshot, start_match,
};
use crate::sim::play::state::{Clock, Controller, Orders};
use crate::sim::play::view::{SeatView, seat_view};
use bevy::prelude::*;
use rand::rand_core::OsError;
pub use seats::computer_player;

mod facilitate;
mod seats;

pub use facilitate::MatchCopy;

/// A class in play.
pub struct Class {
    rules: Rules,
    roster: Roster,
    tables: Vec<Table>,
}

/// A match's messages for its seats: `(seat, message)` in the order to send them.
pub type Outbox = Vec<(SeatRef, ServerMessage)>;

impl Class {
    /// A class of one match per seed of `rules`'s scenario, every nation's seat for a team.
    /// Errors when the system's random source (for the class code) fails.
    pub fn new(rules: Rules, seeds: &[u64]) -> Result<Class, OsError> {
        let tables = seeds
            .iter()
            .map(|&seed| {
                let mut app = sim_app(rules.clone());
                app.add_plugins(SessionPlugin);
                let people = vec![Controller::Human; rules.nation_count()];
                let entity = start_match(app.world_mut(), people, seed);
                app.update();
                let opening = opening_record(app.world(), entity).unwrap_or_else(|| {
                    unreachable!("a match just started has its opening position")
                });
                Table::new(app, seed, opening, rules.nation_count())
            })
            .collect();
        let roster = Roster::new(ClassCode::random()?, vec![table_spec(&rules); seeds.len()]);
        Ok(Class {
            rules,
            roster,
            tables,
        })
    }

    /// The class again from its matches' saves (each verified by replaying it, `save::load`),
    /// in match order, with its roster as it was. Every save must be of the same scenario.
    pub fn resume(roster: Roster, saves: Vec<(SaveFile, Rebuilt)>) -> Option<Class> {
        let rules = saves.first()?.1.rules.clone();
        let tables = saves
            .into_iter()
            .map(|(save, rebuilt)| {
                let mut app = sim_app(rebuilt.rules.clone());
                app.add_plugins(SessionPlugin);
                let seed = save.recording.seed;
                let n = rebuilt.state.seats.0.len();
                resume_match(
                    app.world_mut(),
                    rebuilt.rules,
                    rebuilt.state,
                    save.recording,
                );
                app.update();
                Table::new(app, seed, rebuilt.opening, n)
            })
            .collect();
        Some(Class {
            rules,
            roster,
            tables,
        })
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    pub fn roster(&self) -> &Roster {
        &self.roster
    }

    pub fn roster_mut(&mut self) -> &mut Roster {
        &mut self.roster
    }

    /// The number of matches.
    pub fn tables(&self) -> usize {
        self.tables.len()
    }

    /// The exact state of match `table` (for tests).
    pub fn state(&self, table: usize) -> Option<MatchState> {
        let world = self.tables.get(table)?.app.world();
        MatchState::capture(world, world.get_resource::<ActiveMatch>()?.0)
    }

    /// Match `table` as a save (`detente replay` checks it, `play --load` opens it).
    pub fn save(&self, table: usize) -> Option<SaveFile> {
        let (recording, pending, state) = snapshot(self.tables.get(table)?.app.world())?;
        Some(SaveFile::new(recording, pending, state))
    }

    /// Turns resolved in match `table`.
    pub fn turn(&self, table: usize) -> Option<u32> {
        self.clock(table).map(|c| c.turn)
    }

    fn clock(&self, table: usize) -> Option<Clock> {
        let world = self.tables.get(table)?.app.world();
        world
            .get::<Clock>(world.get_resource::<ActiveMatch>()?.0)
            .copied()
    }

    /// The roster of each match as the teacher sees it, with `browsers(seat)` pages open on
    /// each seat.
    pub fn status(&self, browsers: impl Fn(SeatRef) -> usize) -> Vec<TableStatus> {
        let held: Vec<SeatRef> = self.roster.held().collect();
        let rules = &self.rules;
        let sc = &rules.scenario;
        (0..self.tables.len())
            .filter_map(|table| {
                let t = &self.tables[table];
                let world = t.app.world();
                let entity = world.get_resource::<ActiveMatch>()?.0;
                let clock = *world.get::<Clock>(entity)?;
                let orders = world.get::<Orders>(entity)?;
                let seats = sc
                    .nations
                    .iter()
                    .enumerate()
                    .map(|(nation, n)| {
                        let seat = SeatRef { table, nation };
                        SeatStatus {
                            nation: n.id.clone(),
                            name: n.name.clone(),
                            computer: t.controller(nation).and_then(|c| computer_player(rules, c)),
                            usual: computer_player(rules, rules.default_controllers()[nation]),
                            joined: held.contains(&seat),
                            browsers: browsers(seat),
                            chosen: orders.moves.get(nation).copied().flatten().is_some(),
                            done: t.ready.get(nation) == Some(&Some(clock.turn)),
                        }
                    })
                    .collect();
                Some(TableStatus {
                    table,
                    seed: t.seed,
                    turn: clock.turn,
                    turns: clock.turns,
                    paused: world.resource::<MatchPaused>().0,
                    outcome: clock.outcome,
                    seats,
                })
            })
            .collect()
    }

    /// What the seat's nation may know of its match now.
    pub fn view(&self, seat: SeatRef) -> Option<SeatView> {
        self.views(seat.table, &[seat.nation]).pop()
    }

    /// What each of `nations` may know of match `table` now, in that order: the match's
    /// records gathered once for all of them.
    fn views(&self, table: usize, nations: &[usize]) -> Vec<SeatView> {
        let Some(t) = self.tables.get(table) else {
            return Vec::new();
        };
        let world = t.app.world();
        let Some(entity) = world.get_resource::<ActiveMatch>().map(|m| m.0) else {
            return Vec::new();
        };
        let (Some(at), Some(orders)) = (Position::of(world, entity), world.get::<Orders>(entity))
        else {
            return Vec::new();
        };
        let records = t.records();
        // The match's own rules: the facilitator may have changed its parameters.
        let rules = world.get_resource::<Rules>().unwrap_or(&self.rules);
        nations
            .iter()
            .map(|&nation| seat_view(rules, at, orders, &records, nation))
            .collect()
    }

    /// The `view` message for a seat: its view, its news in words, whether the match is
    /// paused, and whose teams are done this turn (no more than the others' `others_waiting`).
    fn message(&self, seat: SeatRef, view: SeatView) -> ServerMessage {
        let t = &self.tables[seat.table];
        let turn = view.turn;
        let done = |n: usize| t.ready.get(n) == Some(&Some(turn));
        let debrief = view
            .outcome
            .map(|outcome| brief::debrief(&self.rules.scenario, outcome, &t.records()));
        ServerMessage::View {
            computer: t
                .controller(seat.nation)
                .and_then(|c| computer_player(&self.rules, c)),
            news: brief::news(&self.rules.scenario, &view),
            readings: brief::readings(&view),
            debrief,
            paused: t.app.world().resource::<MatchPaused>().0,
            done: done(seat.nation),
            // Once the match is over nobody is waited for.
            waiting: if view.outcome.is_some() {
                Vec::new()
            } else {
                t.people().into_iter().filter(|&n| !done(n)).collect()
            },
            timed_out: t.timed_out.get(seat.nation) == Some(&Some(turn)),
            view: Box::new(brief::on_the_wire(view)),
        }
    }

    /// A page newly seated: the scenario's brief and its seat's view, which it is sent
    /// whatever it was sent before.
    pub fn seated(&mut self, seat: SeatRef) -> Outbox {
        let Some(view) = self.view(seat) else {
            return Vec::new();
        };
        let message = self.message(seat, view);
        self.tables[seat.table]
            .sent
            .insert(seat.nation, message.clone());
        let brief = ServerMessage::Brief {
            brief: Box::new(Brief::of(&self.rules.scenario)),
        };
        vec![(seat, brief), (seat, message)]
    }

    /// Carries out a seated page's command in its match, for its seat's nation: the refusal
    /// for that seat if the rules refused it, then the new message of every held seat of the
    /// match whose message changed. End turn means the team is done: a team that has not
    /// chosen is refused, and the turn resolves once every team is done.
    pub fn command(&mut self, seat: SeatRef, command: SeatCommand) -> Outbox {
        let Some(table) = self.tables.get_mut(seat.table) else {
            return Vec::new();
        };
        let world = table.app.world_mut();
        let nation = seat.nation;
        match command {
            SeatCommand::Choose(move_index) => {
                world.write_message(ChooseMove { nation, move_index });
            }
            SeatCommand::Answer { proposal, accept } => {
                world.write_message(AnswerProposal {
                    nation,
                    proposal,
                    accept,
                });
            }
            SeatCommand::EndTurn => table.done(nation),
        }
        self.settle(seat)
    }

    /// The teacher stops (or restarts) match `table`: no turn ends while it is paused. When
    /// restarted with every team done, the turn resolves.
    pub fn pause(&mut self, table: usize, paused: bool) -> Outbox {
        let Some(t) = self.tables.get_mut(table) else {
            return Vec::new();
        };
        t.app.world_mut().write_message(Facilitate::Pause(paused));
        t.app.update();
        if !paused && t.all_done() {
            t.app.world_mut().write_message(EndTurn);
        }
        self.settle(SeatRef { table, nation: 0 })
    }

    /// The turn timer ran out in match `table`: a team that has not chosen plays the move the
    /// scenario's own AI would (as the desktop's advisor suggests it), and the turn ends.
    pub fn time_up(&mut self, table: usize) -> Outbox {
        let Some(t) = self.tables.get_mut(table) else {
            return Vec::new();
        };
        let world = t.app.world_mut();
        let entity = world.resource::<ActiveMatch>().0;
        if world.get::<Clock>(entity).is_none_or(|c| c.finished()) {
            return Vec::new();
        }
        let people = t.people();
        let world = t.app.world_mut();
        for &nation in &people {
            let chosen = world
                .get::<Orders>(entity)
                .is_some_and(|o| o.moves.get(nation).copied().flatten().is_some());
            if !chosen && let Some(move_index) = advise(world, entity, nation) {
                world.write_message(ChooseMove { nation, move_index });
                let turn = world.get::<Clock>(entity).map(|c| c.turn + 1);
                if let Some(t) = t.timed_out.get_mut(nation) {
                    *t = turn;
                }
            }
        }
        t.app.update();
        if people.is_empty() {
            // The computer plays every seat: the timer alone ends its turns.
            t.app.world_mut().write_message(EndTurn);
        }
        for nation in people {
            t.done(nation);
        }
        self.settle(SeatRef { table, nation: 0 })
    }

    /// Runs match `seat.table`'s session on the commands written, then gathers what goes out:
    /// refusals (to the seat they are about, else to `seat`), then each held seat's message if
    /// it changed.
    fn settle(&mut self, seat: SeatRef) -> Outbox {
        let table = &mut self.tables[seat.table];
        table.app.update();
        let mut out: Outbox = table
            .refusals()
            .into_iter()
            .map(|refusal| {
                let text = narrate::capitalise(&narrate::refusal(&self.rules.scenario, &refusal));
                let to = refusal.nation().map_or(seat, |nation| SeatRef {
                    table: seat.table,
                    nation,
                });
                (to, ServerMessage::Refused { refusal, text })
            })
            .collect();
        let held: Vec<usize> = self
            .roster
            .held()
            .filter(|s| s.table == seat.table)
            .map(|s| s.nation)
            .collect();
        let views = self.views(seat.table, &held);
        for (nation, view) in held.into_iter().zip(views) {
            let s = SeatRef {
                table: seat.table,
                nation,
            };
            let message = self.message(s, view);
            let sent = &mut self.tables[s.table].sent;
            if sent.get(&nation) != Some(&message) {
                sent.insert(nation, message.clone());
                out.push((s, message));
            }
        }
        out
    }
}

//! A class in play: its matches, each a headless app running the session exactly as the desktop
//! does, and its roster. A seated page's command goes to its match's session for its seat's
//! nation; after it, every seat of that match whose `SeatView` changed is sent the new one, and
//! the seat that sent a refused command gets the refusal. Nothing but `SeatView`s and refusals
//! leaves a match for a seat.

use crate::host::access::ClassCode;
use crate::host::connection::SeatCommand;
use crate::host::protocol::ServerMessage;
use crate::host::roster::{Roster, SeatRef, SeatSpec, TableSpec};
use crate::sim::Rules;
use crate::sim::archive::history::{History, TurnRecord};
use crate::sim::archive::journal::opening_record;
use crate::sim::archive::narrate;
use crate::sim::archive::snapshot::MatchState;
use crate::sim::play::command::{Position, Refusal};
use crate::sim::play::run::sim_app;
use crate::sim::play::session::{
    ActiveMatch, AnswerProposal, ChooseMove, EndTurn, OrderRefused, SessionPlugin, start_match,
};
use crate::sim::play::state::{Clock, Controller, Orders};
use crate::sim::play::view::{SeatView, seat_view};
use bevy::prelude::*;
use rand::rand_core::OsError;
use std::collections::HashMap;

/// One match of the class.
struct Table {
    app: App,
    /// The position before the first turn, as a record (the first of every seat's history).
    opening: TurnRecord,
    /// The view each seat was last sent.
    sent: HashMap<usize, SeatView>,
    /// The turn each nation's team last pressed End turn in: the turn resolves once every
    /// team has, this turn.
    ready: Vec<Option<u32>>,
}

/// A class in play.
pub struct Class {
    rules: Rules,
    roster: Roster,
    tables: Vec<Table>,
}

impl Class {
    /// A class of one match per seed of `rules`'s scenario, every nation's seat for a team.
    /// Errors when the system's random source (for the class code) fails.
    pub fn new(rules: Rules, seeds: &[u64]) -> Result<Class, OsError> {
        let sc = &rules.scenario;
        let spec = TableSpec {
            scenario: sc.id.clone(),
            seats: sc
                .nations
                .iter()
                .map(|n| SeatSpec {
                    id: n.id.clone(),
                    name: n.name.clone(),
                    for_teams: true,
                })
                .collect(),
        };
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
                Table {
                    app,
                    opening,
                    sent: HashMap::new(),
                    ready: vec![None; rules.nation_count()],
                }
            })
            .collect();
        let roster = Roster::new(ClassCode::random()?, vec![spec; seeds.len()]);
        Ok(Class {
            rules,
            roster,
            tables,
        })
    }

    pub fn roster_mut(&mut self) -> &mut Roster {
        &mut self.roster
    }

    /// Takes a seat away from its team (the teacher's): its token stops working, and its End
    /// turn no longer counts.
    pub fn release(&mut self, seat: SeatRef) {
        self.roster.release(seat);
        if let Some(r) = self
            .tables
            .get_mut(seat.table)
            .and_then(|t| t.ready.get_mut(seat.nation))
        {
            *r = None;
        }
    }

    pub fn roster(&self) -> &Roster {
        &self.roster
    }

    /// The number of matches.
    pub fn tables(&self) -> usize {
        self.tables.len()
    }

    /// The exact state of match `table` (for autosaves, and for tests).
    pub fn state(&self, table: usize) -> Option<MatchState> {
        let world = self.tables.get(table)?.app.world();
        MatchState::capture(world, world.get_resource::<ActiveMatch>()?.0)
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
        let (Some(at), Some(orders), Some(history)) = (
            Position::of(world, entity),
            world.get::<Orders>(entity),
            world.get::<History>(entity),
        ) else {
            return Vec::new();
        };
        let mut records = vec![t.opening.clone()];
        records.extend(history.0.iter().cloned());
        nations
            .iter()
            .map(|&nation| seat_view(&self.rules, at, orders, &records, nation))
            .collect()
    }

    /// A page newly seated: its seat's view, which it is sent whatever it was sent before.
    pub fn seated(&mut self, seat: SeatRef) -> Vec<(SeatRef, ServerMessage)> {
        let Some(view) = self.view(seat) else {
            return Vec::new();
        };
        if let Some(table) = self.tables.get_mut(seat.table) {
            table.sent.insert(seat.nation, view.clone());
        }
        vec![(
            seat,
            ServerMessage::View {
                view: Box::new(view),
            },
        )]
    }

    /// Carries out a seated page's command in its match, for its seat's nation: the refusal
    /// for that seat if the rules refused it, then the new view of every held seat of the match
    /// whose view changed. End turn means the team is done: a team that has not chosen is
    /// refused, and the turn resolves once every team is done.
    pub fn command(
        &mut self,
        seat: SeatRef,
        command: SeatCommand,
    ) -> Vec<(SeatRef, ServerMessage)> {
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
            SeatCommand::EndTurn => {
                let entity = world.resource::<ActiveMatch>().0;
                let clock = world.get::<Clock>(entity).copied();
                let chosen = world
                    .get::<Orders>(entity)
                    .is_some_and(|o| o.moves.get(nation).copied().flatten().is_some());
                match clock {
                    Some(c) if c.finished() => {
                        world.write_message(OrderRefused(Refusal::MatchOver));
                    }
                    Some(_) if !chosen => {
                        world.write_message(OrderRefused(Refusal::NotChosen { nation }));
                    }
                    Some(c) => {
                        if let Some(r) = table.ready.get_mut(nation) {
                            *r = Some(c.turn);
                        }
                        // A refusal (a paused match) keeps the teams done: pressing again
                        // tries again.
                        if table.ready.iter().all(|&r| r == Some(c.turn)) {
                            world.write_message(EndTurn);
                        }
                    }
                    None => {}
                }
            }
        }
        table.app.update();
        let refused: Vec<OrderRefused> = table
            .app
            .world_mut()
            .resource_mut::<Messages<OrderRefused>>()
            .drain()
            .collect();
        let mut out: Vec<(SeatRef, ServerMessage)> = refused
            .into_iter()
            .map(|OrderRefused(refusal)| {
                let text = narrate::capitalise(&narrate::refusal(&self.rules.scenario, &refusal));
                // A refusal about a seat goes to that seat; one about the match (paused, over)
                // to the seat whose command met it.
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
            let table = &mut self.tables[s.table];
            if table.sent.get(&s.nation) != Some(&view) {
                table.sent.insert(s.nation, view.clone());
                out.push((
                    s,
                    ServerMessage::View {
                        view: Box::new(view),
                    },
                ));
            }
        }
        out
    }
}

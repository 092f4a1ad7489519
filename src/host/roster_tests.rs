//! The roster's tests: seats, tokens, team codes, the throttle, hand-over of holdings.

use super::*;

pub(crate) fn two_tables() -> Roster {
    let seat = |id: &str, name: &str| SeatSpec {
        id: id.into(),
        name: name.into(),
        for_teams: true,
    };
    let table = TableSpec {
        scenario: "reset_2013".into(),
        seats: vec![seat("usa", "United States"), seat("rus", "Russia")],
    };
    Roster::new(ClassCode::random().unwrap(), vec![table.clone(), table])
}

fn here() -> (IpAddr, Instant) {
    ("127.0.1.9".parse().unwrap(), Instant::now())
}

#[test]
fn a_seat_is_claimed_once_and_resumed_by_its_token_only() {
    let mut roster = two_tables();
    let (from, now) = here();
    let (token, seat) = roster.claim(1, "rus", None, from, now).unwrap();
    assert_eq!(
        seat,
        SeatRef {
            table: 1,
            nation: 1
        }
    );
    assert!(!roster.tables()[1].seats[1].open);
    assert!(roster.tables()[0].seats[1].open, "the other match's seat");
    assert!(matches!(
        roster.claim(1, "rus", None, from, now),
        Err(ProtocolError::SeatTaken { .. })
    ));
    // A teammate joins with the team code (typed loosely), and gets the same token.
    let code = roster.team_code(seat).unwrap().to_lowercase();
    assert_eq!(code.len(), ClassCode::TEAM_LEN);
    let (mate, again) = roster.claim(1, "rus", Some(&code), from, now).unwrap();
    assert_eq!((mate.as_str(), again), (token.as_str(), seat));
    assert_eq!(
        roster.claim(1, "rus", Some("AAAA"), from, now),
        Err(ProtocolError::WrongTeamCode)
    );
    // A team code opens only its own seat.
    let (_, other) = roster.claim(0, "rus", None, from, now).unwrap();
    let other_code = roster.team_code(other).unwrap().to_string();
    if !other_code.eq_ignore_ascii_case(&code) {
        assert_eq!(
            roster.claim(1, "rus", Some(&other_code), from, now),
            Err(ProtocolError::WrongTeamCode)
        );
    }
    assert!(
        roster
            .team_code(SeatRef {
                table: 1,
                nation: 0
            })
            .is_none()
    );
    assert_eq!(roster.resume(PROTOCOL_VERSION, token.as_str()), Ok(seat));
    let other = SeatToken::random().unwrap();
    assert_eq!(
        roster.resume(PROTOCOL_VERSION, other.as_str()),
        Err(ProtocolError::UnknownToken)
    );
    assert!(matches!(
        roster.resume(PROTOCOL_VERSION + 1, token.as_str()),
        Err(ProtocolError::WrongVersion { .. })
    ));
    roster.release(seat);
    assert_eq!(
        roster.resume(PROTOCOL_VERSION, token.as_str()),
        Err(ProtocolError::UnknownToken)
    );
    assert!(roster.tables()[1].seats[1].open);
}

#[test]
fn wrong_codes_slow_an_address_down() {
    let mut roster = two_tables();
    let code = roster.code().as_str().to_lowercase();
    let (guesser, now) = ("127.0.1.20".parse().unwrap(), Instant::now());
    for _ in 0..10 {
        assert_eq!(
            roster.admit(guesser, now, PROTOCOL_VERSION, "AAAAAA"),
            Err(ProtocolError::WrongClassCode)
        );
    }
    assert!(matches!(
        roster.admit(guesser, now, PROTOCOL_VERSION, &code),
        Err(ProtocolError::SlowDown { .. })
    ));
    let student = "127.0.1.21".parse().unwrap();
    assert_eq!(roster.admit(student, now, PROTOCOL_VERSION, &code), Ok(()));
}

#[test]
fn a_seat_kept_for_the_computer_is_not_offered() {
    let mut roster = two_tables();
    roster.tables[0].seats[0].for_teams = false;
    assert!(!roster.tables()[0].seats[0].open);
    let (from, now) = here();
    assert!(roster.claim(0, "usa", None, from, now).is_err());
    assert!(roster.claim(0, "chn", None, from, now).is_err());
    assert!(roster.claim(5, "usa", None, from, now).is_err());
}

#[test]
fn a_team_moves_with_its_token_and_team_code_to_an_open_seat_only() {
    let mut roster = two_tables();
    let (from, now) = here();
    let (token, usa) = roster.claim(0, "usa", None, from, now).unwrap();
    let code = roster.team_code(usa).unwrap().to_string();
    let (_, held) = roster.claim(1, "rus", None, from, now).unwrap();
    let open = SeatRef {
        table: 1,
        nation: 0,
    };
    assert!(roster.move_team(usa, held).is_err(), "a held seat");
    assert!(
        roster
            .move_team(
                usa,
                SeatRef {
                    table: 2,
                    nation: 0
                }
            )
            .is_err(),
        "no such seat"
    );
    assert!(roster.move_team(open, usa).is_err(), "no team holds it");
    roster.move_team(usa, open).unwrap();
    assert_eq!(roster.resume(PROTOCOL_VERSION, token.as_str()), Ok(open));
    assert_eq!(roster.team_code(open), Some(code.as_str()));
    assert_eq!(roster.team_code(usa), None);
    let listed = roster.tables();
    assert!(listed[0].seats[0].open, "the seat it left is open");
    assert!(!listed[1].seats[0].open);
}

//! Who may play which seat: the class code a team types to join, the seat token its page keeps,
//! and the throttle that slows down guessing codes. Codes and tokens come from the operating
//! system's random source (`OsRng`), never from a match's seeded stream.

use rand::TryRngCore;
use rand::rand_core::OsError;
use rand::rngs::OsRng;
use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// The short code a class joins with: `ClassCode::LEN` characters from an alphabet without
/// the look-alikes (0/O/Q, 1/I/L, 2/Z, 5/S, 6/G, 8/B), so it reads well off a projector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassCode(String);

/// A seat's token: 128 random bits as 32 hexadecimal digits, unguessable. A page keeps it
/// to get its seat back after a reload; every command is checked against the seat it holds.
/// Its `Debug` form hides it, so a log never shows one.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SeatToken(String);

impl std::fmt::Debug for SeatToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SeatToken(…)")
    }
}

impl ClassCode {
    pub const ALPHABET: &'static [u8] = b"ACDEFHJKMNPRTUVWXY34679";
    pub const LEN: usize = 6;
    /// A team code's length: what a teammate types to join the team's seat from another
    /// laptop (23⁴ ≈ 280,000 codes, and guesses are throttled like class codes).
    pub const TEAM_LEN: usize = 4;

    /// A fresh code. Errors when the system's random source fails.
    pub fn random() -> Result<ClassCode, OsError> {
        Self::random_of(Self::LEN)
    }

    /// A fresh code of `len` letters (a team code has `TEAM_LEN`).
    pub fn random_of(len: usize) -> Result<ClassCode, OsError> {
        let n = Self::ALPHABET.len();
        // Bytes at or above the largest multiple of n are dropped, so every letter is as likely.
        let limit = (256 / n * n) as u8;
        let mut code = String::with_capacity(len);
        while code.len() < len {
            let mut bytes = [0u8; 16];
            OsRng.try_fill_bytes(&mut bytes)?;
            for b in bytes.into_iter().filter(|&b| b < limit) {
                if code.len() < len {
                    code.push(char::from(Self::ALPHABET[usize::from(b) % n]));
                }
            }
        }
        Ok(ClassCode(code))
    }

    /// Whether `typed` is this code, as a student may type it: in any case, with spaces or
    /// dashes.
    pub fn matches(&self, typed: &str) -> bool {
        let typed: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        typed == self.0
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A code as the class folder keeps it, if it is one: `len` letters of `ALPHABET`.
    pub fn parse(text: &str, len: usize) -> Option<ClassCode> {
        (text.len() == len && text.bytes().all(|b| Self::ALPHABET.contains(&b)))
            .then(|| ClassCode(text.to_string()))
    }
}

impl SeatToken {
    /// A fresh token. Errors when the system's random source fails.
    pub fn random() -> Result<SeatToken, OsError> {
        let mut bytes = [0u8; 16];
        OsRng.try_fill_bytes(&mut bytes)?;
        Ok(SeatToken(
            bytes.iter().map(|b| format!("{b:02x}")).collect(),
        ))
    }

    /// The token a page sent, if it has a token's form.
    pub fn parse(text: &str) -> Option<SeatToken> {
        (text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| SeatToken(text.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Slows down guessing class codes: each address may miss `allowed` times within `window`;
/// after that it waits until its oldest miss leaves the window.
#[derive(Debug, Clone)]
pub struct Throttle {
    allowed: usize,
    window: Duration,
    misses: HashMap<IpAddr, Vec<Instant>>,
}

impl Throttle {
    /// A classroom's default: 10 wrong codes a minute per address.
    pub fn classroom() -> Throttle {
        Throttle::new(10, Duration::from_secs(60))
    }

    pub fn new(allowed: usize, window: Duration) -> Throttle {
        Throttle {
            allowed,
            window,
            misses: HashMap::new(),
        }
    }

    /// Whether `who` may try a code at `now`; if not, how many whole seconds it must wait.
    pub fn check(&mut self, who: IpAddr, now: Instant) -> Result<(), u64> {
        let window = self.window;
        let Some(misses) = self.misses.get_mut(&who) else {
            return Ok(());
        };
        misses.retain(|&t| now.duration_since(t) < window);
        if misses.len() < self.allowed {
            return Ok(());
        }
        let oldest = misses.first().copied().unwrap_or(now);
        let wait = window.saturating_sub(now.duration_since(oldest));
        Err(wait.as_secs().max(1))
    }

    /// Notes a wrong code from `who` at `now`.
    pub fn missed(&mut self, who: IpAddr, now: Instant) {
        self.misses.entry(who).or_default().push(now);
        // Forget addresses whose misses are all old, so the table stays small.
        let window = self.window;
        self.misses
            .retain(|_, m| m.last().is_some_and(|&t| now.duration_since(t) < window));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_use_the_alphabet_and_are_typed_loosely() {
        let codes: HashSet<String> = (0..200)
            .map(|_| ClassCode::random().unwrap().as_str().to_string())
            .collect();
        // 23^6 codes: more than a few collisions among 200 draws would be a broken source.
        assert!(codes.len() > 195, "{}", codes.len());
        for c in &codes {
            assert_eq!(c.len(), ClassCode::LEN);
            assert!(c.bytes().all(|b| ClassCode::ALPHABET.contains(&b)), "{c}");
        }
        let code = ClassCode("KXW4PA".into());
        assert!(code.matches("kxw 4pa"));
        assert!(code.matches("KXW-4PA"));
        assert!(!code.matches("KXW4P"));
        assert!(!code.matches("KXW4PB"));
    }

    #[test]
    fn tokens_are_unguessable_and_read_back() {
        let a = SeatToken::random().unwrap();
        let b = SeatToken::random().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 32);
        assert!(!format!("{a:?}").contains(a.as_str()));
        assert_eq!(SeatToken::parse(&a.as_str().to_uppercase()), Some(a));
        assert_eq!(SeatToken::parse("00ff"), None);
        assert_eq!(SeatToken::parse(&"g".repeat(32)), None);
    }

    #[test]
    fn an_address_that_keeps_guessing_waits_and_others_do_not() {
        let mut throttle = Throttle::new(3, Duration::from_secs(60));
        let (guesser, other): (IpAddr, IpAddr) =
            ("127.0.0.7".parse().unwrap(), "127.0.0.8".parse().unwrap());
        let t0 = Instant::now();
        for k in 0..3 {
            assert_eq!(throttle.check(guesser, t0), Ok(()), "miss {k}");
            throttle.missed(guesser, t0 + Duration::from_secs(k));
        }
        assert_eq!(
            throttle.check(guesser, t0 + Duration::from_secs(10)),
            Err(50)
        );
        assert_eq!(throttle.check(other, t0 + Duration::from_secs(10)), Ok(()));
        // Once the first miss is a minute old, one more try is allowed.
        assert_eq!(
            throttle.check(guesser, t0 + Duration::from_secs(61)),
            Ok(())
        );
    }
}

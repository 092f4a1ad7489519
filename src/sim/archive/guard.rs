//! The facilitator's passphrase, kept only as a salted hash: in memory while a class plays, and
//! in the match's saves, so that whoever opens a save later must still know it to see the
//! match's secrets (another seat's view, a fork) or open the facilitator's controls.
//!
//! The hash is Argon2id with the `argon2` crate's default cost (RFC 9106), written as a PHC
//! string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Argon2, Params};
use sha2::{Digest, Sha256};

/// A passphrase's hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guard(String);

impl Guard {
    /// Hashes a passphrase (spaces at either end do not count) with a fresh salt.
    pub fn new(passphrase: &str) -> Guard {
        let salt = SaltString::encode_b64(&fresh_salt()).expect("16 bytes make a salt");
        let hash = Argon2::default()
            .hash_password(passphrase.trim().as_bytes(), &salt)
            .expect("Argon2 with its default parameters hashes any passphrase");
        Guard(hash.to_string())
    }

    /// A hash read from a save; `None` when it is not an Argon2id PHC string of the default
    /// cost (a hand-written cost could make checking a passphrase take gigabytes).
    pub fn from_phc(phc: &str) -> Option<Guard> {
        let hash = PasswordHash::new(phc).ok()?;
        let params = Params::try_from(&hash).ok()?;
        let default = Params::default();
        let same_cost = hash.algorithm == argon2::Algorithm::Argon2id.ident()
            && (params.m_cost(), params.t_cost(), params.p_cost())
                == (default.m_cost(), default.t_cost(), default.p_cost());
        same_cost.then(|| Guard(phc.to_string()))
    }

    /// The PHC string, as saves keep it.
    pub fn phc(&self) -> &str {
        &self.0
    }

    /// Whether `typed` is the passphrase (spaces at either end do not count).
    pub fn verify(&self, typed: &str) -> bool {
        PasswordHash::new(&self.0).is_ok_and(|hash| {
            Argon2::default()
                .verify_password(typed.trim().as_bytes(), &hash)
                .is_ok()
        })
    }
}

/// Sixteen bytes no other hash made here shares: the clock, the process and a counter, mixed
/// by SHA-256. A salt need not be secret, only unique.
fn fresh_salt() -> [u8; 16] {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut hasher = Sha256::new();
    hasher.update(now.to_le_bytes());
    hasher.update(std::process::id().to_le_bytes());
    hasher.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    let digest = hasher.finalize();
    let mut salt = [0; 16];
    salt.copy_from_slice(&digest[..16]);
    salt
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_passphrase_opens_it_and_the_hash_does_not_show_it() {
        let guard = Guard::new("open skies");
        assert!(guard.verify("open skies"));
        assert!(guard.verify("  open skies "));
        assert!(!guard.verify("open sky"));
        assert!(!guard.verify(""));
        assert!(guard.phc().starts_with("$argon2id$"));
        assert!(!guard.phc().contains("open"));
        let again = Guard::new("open skies");
        assert_ne!(guard, again, "each hash has its own salt");
        let read = Guard::from_phc(guard.phc()).unwrap();
        assert!(read.verify("open skies"));
        assert_eq!(Guard::from_phc("not a hash"), None);
        let costly = guard.phc().replace("m=19456", "m=4194304");
        assert_eq!(
            Guard::from_phc(&costly),
            None,
            "a hand-written cost is refused"
        );
    }
}

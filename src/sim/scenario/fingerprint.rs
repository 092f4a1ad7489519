//! Content hashes of scenarios: what a save checks its own scenario against, and what every
//! output records of the scenario it was made from.
//!
//! The hash is taken of the scenario's *text*, not of today's structs: a save's scenario is
//! hashed as it is written in the file (`hash_of_text`), so a later version that adds a field
//! to the scenario still finds an old save's hash right. The text is made canonical first
//! (layout and comments removed, `canonical`), so the pretty RON of a save and the compact RON
//! the hash was taken of at saving agree.

use crate::sim::scenario::Scenario;
use crate::sim::scenario::load::Loaded;
use sha2::{Digest, Sha256};

/// The algorithm of new hashes, as the prefix of the hash string.
const SHA256: &str = "sha256:";
/// The algorithm of version-1 saves: FNV-1a, 64 bits.
const FNV1A64: &str = "fnv1a64:";

/// `sha256:` and the SHA-256 (FIPS 180-4) of the scenario's compact RON, in hex.
pub fn scenario_hash(scenario: &Scenario) -> String {
    let text = ron::to_string(scenario).unwrap_or_default();
    sha256_hex(&canonical(&text))
}

/// `sha256:` and the SHA-256 of a scenario file's and its deck's text, layout and comments
/// aside (`canonical`): what outputs record of the scenario they were made from. It depends on
/// the files only, not on how this version of Détente reads them, so the same files give the
/// same hash in every version.
pub fn files_hash(loaded: &Loaded) -> String {
    let mut text = canonical(&loaded.file.text);
    if let Some(deck) = &loaded.deck {
        text.push('\n');
        text.push_str(&canonical(&deck.text));
    }
    sha256_hex(&text)
}

/// The hash of a scenario as written in a file (its RON text in any layout), by the algorithm
/// that `like` names (`sha256:…`, or `fnv1a64:…` in version-1 saves); `None` for another.
pub fn hash_of_text(text: &str, like: &str) -> Option<String> {
    let canonical = canonical(text);
    if like.starts_with(SHA256) {
        Some(sha256_hex(&canonical))
    } else if like.starts_with(FNV1A64) {
        Some(fnv1a64_hex(&canonical))
    } else {
        None
    }
}

fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{SHA256}{hex}")
}

/// FNV-1a, 64 bits (Fowler, Noll and Vo), as version-1 saves were hashed.
fn fnv1a64_hex(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{FNV1A64}{hash:016x}")
}

/// RON text without its layout: whitespace and comments (line comments, and block comments,
/// which nest) outside string and character literals are removed, and so is a comma just
/// before a closing bracket; string literals, raw ones (`r#"…"#`) included, are kept as they
/// are. Two texts of the same value written by `ron` (compact or pretty) have the same
/// canonical text.
pub fn canonical(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        // A raw string: `r`, then `#`s, then a quote, up to a quote and as many `#`s.
        if c == 'r' && !out.chars().last().is_some_and(ident) {
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            if chars.get(i + 1 + hashes) == Some(&'"') {
                let body = i + 2 + hashes;
                let closing: Vec<char> = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let end = (body..=chars.len().saturating_sub(closing.len()))
                    .find(|&k| chars[k..].starts_with(&closing))
                    .map_or(chars.len(), |k| k + closing.len());
                out.extend(&chars[i..end]);
                i = end;
                continue;
            }
        }
        match c {
            '"' | '\'' => {
                out.push(c);
                i += 1;
                while i < chars.len() {
                    let d = chars[i];
                    out.push(d);
                    i += 1;
                    if d == '\\' {
                        if let Some(&escaped) = chars.get(i) {
                            out.push(escaped);
                            i += 1;
                        }
                    } else if d == c {
                        break;
                    }
                }
                continue;
            }
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if next == Some('*') => {
                let mut depth = 0;
                while i < chars.len() {
                    if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 2;
                    } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                continue;
            }
            ')' | ']' | '}' => {
                if out.ends_with(',') {
                    out.pop();
                }
                out.push(c);
            }
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::play::rules::shipped;

    #[test]
    fn pretty_and_compact_ron_have_one_canonical_text() {
        for name in ["reset_2013", "multipolar_2030", "prisoners_dilemma"] {
            let scenario = shipped(name).scenario;
            let compact = ron::to_string(&scenario).unwrap();
            let pretty =
                ron::ser::to_string_pretty(&scenario, ron::ser::PrettyConfig::new().depth_limit(4))
                    .unwrap();
            assert_ne!(compact, pretty);
            assert_eq!(canonical(&compact), canonical(&pretty), "{name}");
            let hash = scenario_hash(&scenario);
            assert!(
                hash.starts_with("sha256:") && hash.len() == 7 + 64,
                "{hash}"
            );
            assert_eq!(hash_of_text(&pretty, &hash), Some(hash.clone()));
        }
    }

    #[test]
    fn layout_and_comments_do_not_count_but_text_in_strings_does() {
        assert_eq!(
            canonical("( a: \"x y, )\" , // note\n b: [1, 2,], /* c */ )"),
            "(a:\"x y, )\",b:[1,2])"
        );
        assert_eq!(
            canonical(r#"(s: "say \"hi\" ", c: ' ')"#),
            r#"(s:"say \"hi\" ",c:' ')"#
        );
        assert_ne!(
            hash_of_text("(a: \"x\")", "sha256:"),
            hash_of_text("(a: \"x \")", "sha256:")
        );
        assert_eq!(hash_of_text("(a: 1)", "md5:"), None);
        // Raw strings keep their spaces; block comments nest.
        assert_eq!(
            canonical("(s: r#\"x\" y\"#, t: r\"a b\")"),
            "(s:r#\"x\" y\"#,t:r\"a b\")"
        );
        assert_ne!(canonical("r#\"x\" y\"#"), canonical("r#\"x\"y\"#"));
        assert_eq!(canonical("(a: 1 /* x /* y */ z */, b: 2)"), "(a:1,b:2)");
        assert_eq!(canonical("(br: 1)"), "(br:1)");
    }
}

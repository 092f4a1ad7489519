//! Errors in user data, as values that say where (file, line, column) and what was expected.

use std::fmt;

/// Something wrong with a scenario, a deck or a command-line value. Its `Display` is the whole
/// message the CLI prints after `error: `.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    /// The file, or the command-line option (`--set`, `--ai`), that the problem is in.
    pub origin: String,
    /// 1-based line and column in `origin`, when it is a file and the place is known.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl InputError {
    pub fn new(origin: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            origin: origin.into(),
            at: None,
            message: message.into(),
        }
    }

    pub fn at(
        origin: impl Into<String>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        InputError {
            origin: origin.into(),
            at: Some((line, col)),
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, col)) => write!(f, "{}:{}:{}: {}", self.origin, line, col, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl std::error::Error for InputError {}

/// Finds where something is written in a source text, so that a problem found after parsing
/// (an unknown id, a value out of range) can still be reported at its line and column.
pub struct Locator<'a> {
    source: &'a str,
}

impl<'a> Locator<'a> {
    pub fn new(source: &'a str) -> Self {
        Locator { source }
    }

    /// Follows a path of keys (`params`, then `risk:`, then `alert:`), quoted ids (`"usa"`) and
    /// literal text (`from: "rus"`), each found after the one before. Returns the offset of the
    /// deepest element found and whether the whole path was found.
    pub fn find_path(&self, path: &[String]) -> (usize, bool) {
        let mut at = 0;
        for element in path {
            let found = if element.starts_with('"') || element.contains(':') {
                self.find_word(element, at)
            } else {
                self.find_word(&format!("{element}:"), at)
                    .or_else(|| self.find_word(element, at))
            };
            match found {
                Some(pos) => at = pos,
                None => return (at, false),
            }
        }
        (at, true)
    }

    /// Like `find_path`, as a 1-based line and column.
    pub fn find(&self, path: &[String]) -> (usize, usize) {
        self.line_col(self.find_path(path).0)
    }

    /// The first occurrence of `needle` at or after `from` that does not continue an identifier.
    fn find_word(&self, needle: &str, from: usize) -> Option<usize> {
        let bytes = self.source.as_bytes();
        let mut at = from;
        while let Some(found) = self.source.get(at..)?.find(needle) {
            let pos = at + found;
            let before_ok = pos == 0 || !is_ident_byte(bytes[pos - 1]);
            if before_ok {
                return Some(pos);
            }
            at = pos + needle.len();
        }
        None
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let head = &self.source[..offset.min(self.source.len())];
        let line = head.matches('\n').count() + 1;
        let line_start = head.rfind('\n').map_or(0, |p| p + 1);
        (line, head[line_start..].chars().count() + 1)
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &[&str]) -> Vec<String> {
        p.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn follows_a_path_of_keys_and_ids() {
        let src = "(\n nations: [\n  (id: \"a\", arms: 1),\n  (id: \"b\",\n   arms: 200),\n ],\n params: (risk: (alert: 3)),\n)";
        let l = Locator::new(src);
        assert_eq!(l.find(&path(&["nations", "\"b\"", "arms"])), (5, 4));
        assert_eq!(l.find(&path(&["nations", "\"a\"", "arms"])), (3, 13));
        assert_eq!(l.find(&path(&["params", "risk", "alert"])), (7, 18));
        assert!(!l.find_path(&path(&["moves", "\"x\""])).1);
    }

    #[test]
    fn does_not_match_inside_a_longer_name() {
        let src = "(warms: 1, arms: 2)";
        assert_eq!(Locator::new(src).find(&path(&["arms"])), (1, 12));
    }

    #[test]
    fn displays_file_line_column() {
        let e = InputError::at("x.ron", 3, 7, "expected a number");
        assert_eq!(e.to_string(), "x.ron:3:7: expected a number");
    }
}

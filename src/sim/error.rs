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

    /// The position of `field:` (or of `field` alone, when no colon follows it anywhere) inside
    /// the item whose `id` is `anchor`; the anchor's own position when the field is not found;
    /// 1:1 when neither is.
    pub fn find(&self, anchor: Option<&str>, field: Option<&str>) -> (usize, usize) {
        let start = anchor
            .and_then(|id| self.find_word(&format!("\"{id}\""), 0))
            .unwrap_or(0);
        let offset = field
            .and_then(|f| {
                self.find_word(&format!("{f}:"), start)
                    .or_else(|| self.find_word(f, start))
            })
            .unwrap_or(start);
        self.line_col(offset)
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

    #[test]
    fn finds_a_field_inside_the_anchored_item() {
        let src = "[\n  (id: \"a\", arms: 1),\n  (id: \"b\",\n   arms: 200),\n]";
        assert_eq!(Locator::new(src).find(Some("b"), Some("arms")), (4, 4));
        assert_eq!(Locator::new(src).find(Some("a"), Some("arms")), (2, 13));
    }

    #[test]
    fn does_not_match_inside_a_longer_name() {
        let src = "(warms: 1, arms: 2)";
        assert_eq!(Locator::new(src).find(None, Some("arms")), (1, 12));
    }

    #[test]
    fn displays_file_line_column() {
        let e = InputError::at("x.ron", 3, 7, "expected a number");
        assert_eq!(e.to_string(), "x.ron:3:7: expected a number");
    }
}

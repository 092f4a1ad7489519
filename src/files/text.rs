//! Reading a text file the way every reader in Détente does: UTF-8, with or without the
//! byte-order mark that Windows editors write; any other encoding, an empty file or a binary
//! one is refused with the place and the encoding's name.

use crate::sim::InputError;
use crate::sim::error::Locator;
use std::path::Path;

/// Reads `path` as UTF-8 text (see `text_of`). `expected` names what the file should be, for
/// the messages ("a RON scenario", "the summary.json written by `detente batch`").
///
/// Errors: the file cannot be read; or the reasons of `text_of`, at `PATH:LINE:COL`.
pub fn read_text(path: &Path, expected: &str) -> Result<String, InputError> {
    let shown = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| InputError::new(&shown, format!("cannot read: {e}")))?;
    text_of(&shown, bytes, expected)
}

/// The bytes of `origin` as text, with a leading UTF-8 byte-order mark dropped (lines and
/// columns count from after it).
///
/// Errors, each at its line and column in `origin`:
/// - a byte-order mark of UTF-16 or UTF-32, naming that encoding;
/// - bytes that are not UTF-8, naming the encoding they look like (`windows-1252`, `UTF-16LE`,
///   as the WHATWG Encoding Standard names them, guessed by `chardetng`);
/// - an empty file (nothing but whitespace), or a NUL byte (a binary file).
pub fn text_of(origin: &str, mut bytes: Vec<u8>, expected: &str) -> Result<String, InputError> {
    let refuse_encoding = |encoding: &str| {
        InputError::at(
            origin,
            1,
            1,
            format!(
                "the file is encoded as {encoding}; expected {expected} in UTF-8 (save it as UTF-8 in your editor)"
            ),
        )
    };
    if let Some(encoding) = utf32_bom(&bytes) {
        return Err(refuse_encoding(encoding));
    }
    match encoding_rs::Encoding::for_bom(&bytes) {
        Some((encoding, bom)) if encoding == encoding_rs::UTF_8 => {
            bytes.drain(..bom);
        }
        Some((encoding, _)) => return Err(refuse_encoding(encoding.name())),
        None => {}
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::at(
            origin,
            1,
            1,
            format!("the file is empty; expected {expected}"),
        ));
    }
    if let Some(encoding) = utf16_without_bom(&bytes) {
        return Err(refuse_encoding(encoding));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes[..valid_up_to]);
            let (line, col) = Locator::new(&text).line_col(text.len());
            if looks_binary(&bytes) {
                return Err(InputError::at(
                    origin,
                    line,
                    col,
                    format!("not a text file (binary data); expected {expected}"),
                ));
            }
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(&bytes, true);
            let guess = detector.guess(None, true);
            let looks_like = if guess == encoding_rs::UTF_8 {
                String::new()
            } else {
                format!(" (it looks like {})", guess.name())
            };
            return Err(InputError::at(
                origin,
                line,
                col,
                format!(
                    "the file is not UTF-8{looks_like}; expected {expected} in UTF-8 (save it as UTF-8 in your editor)"
                ),
            ));
        }
    };
    if let Some(pos) = text.find('\0') {
        let (line, col) = Locator::new(&text).line_col(pos);
        return Err(InputError::at(
            origin,
            line,
            col,
            format!("not a text file (NUL byte); expected {expected}"),
        ));
    }
    Ok(text)
}

/// Control bytes (NUL and the like, not tabs or line breaks) in more than one byte in a
/// hundred: data, not text in some other encoding.
fn looks_binary(bytes: &[u8]) -> bool {
    let controls = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
        .count();
    controls > 0 && controls * 100 >= bytes.len()
}

/// The UTF-32 byte-order marks, which the WHATWG standard (and so `encoding_rs`) leaves out.
fn utf32_bom(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x00\x00\xFE\xFF") {
        Some("UTF-32BE")
    } else if bytes.starts_with(b"\xFF\xFE\x00\x00") {
        Some("UTF-32LE")
    } else {
        None
    }
}

/// UTF-16 written without a byte-order mark: mostly ASCII text in which every other byte is
/// zero. (Real UTF-8 text never holds NUL bytes.)
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(4096)];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 6 && even * 10 < pairs {
        Some("UTF-16LE")
    } else if even * 10 >= pairs * 6 && odd * 10 < pairs {
        Some("UTF-16BE")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<String, String> {
        text_of("f.ron", bytes.to_vec(), "a RON scenario").map_err(|e| e.to_string())
    }

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if big_endian {
                [0xFE, 0xFF]
            } else {
                [0xFF, 0xFE]
            });
        }
        for unit in text.encode_utf16() {
            out.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    #[test]
    fn a_utf8_byte_order_mark_is_dropped() {
        assert_eq!(read(b"\xEF\xBB\xBF(id: \"x\")").unwrap(), "(id: \"x\")");
        assert_eq!(
            read("(name: \"Россия\")".as_bytes()).unwrap(),
            "(name: \"Россия\")"
        );
    }

    #[test]
    fn other_encodings_are_named() {
        let text = "(id: \"reset\", title: \"A\")";
        for (bytes, name) in [
            (utf16(text, false, true), "UTF-16LE"),
            (utf16(text, true, true), "UTF-16BE"),
            (utf16(text, false, false), "UTF-16LE"),
            (utf16(text, true, false), "UTF-16BE"),
        ] {
            let e = read(&bytes).unwrap_err();
            assert!(e.starts_with("f.ron:1:1: the file is encoded as "), "{e}");
            assert!(e.contains(name), "{name}: {e}");
        }
        let e = read(b"\x00\x00\xFE\xFF\x00\x00\x00(").unwrap_err();
        assert!(e.contains("UTF-32BE"), "{e}");
        // "Détente, Москва" as Windows-1252 cannot hold the Cyrillic; a French text can.
        let latin1 = b"(title: \"D\xE9tente \xE0 l'\xE9t\xE9 de la d\xE9tente\")";
        let e = read(latin1).unwrap_err();
        assert!(e.starts_with("f.ron:1:11: the file is not UTF-8"), "{e}");
        assert!(e.contains("windows-1252"), "{e}");
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert!(read(b"  \n").unwrap_err().contains("empty"));
        assert!(read(b"\xEF\xBB\xBF\n").unwrap_err().contains("empty"));
        assert!(
            read(b"(a: 1)\n\x00\x01\x02")
                .unwrap_err()
                .starts_with("f.ron:2:1: not a text")
        );
        let e = read(b"(\n\xff\xfe\x00\x01").unwrap_err();
        assert!(
            e.starts_with("f.ron:2:1: not a text file (binary data)"),
            "{e}"
        );
    }
}

//! Maps read from files refuse a key given twice. Serde keeps the last value of a repeated
//! key without a word, so a teacher who gives the hawk's weight for `"summit"` twice would
//! never know which one counts; the error names the key, and the RON or JSON reader places it.

use serde::Deserialize;
use serde::de::{Deserializer, Error, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// `#[serde(deserialize_with = "unique_keys")]` for a `BTreeMap<String, V>`.
///
/// Errors: `the key "summit" is given twice`, at the reader's position (just after the second
/// value).
pub fn unique_keys<'de, D, V>(deserializer: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Keys<V>(PhantomData<V>);
    impl<'de, V: Deserialize<'de>> Visitor<'de> for Keys<V> {
        type Value = BTreeMap<String, V>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map with each key once")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, V>()? {
                if out.contains_key(&key) {
                    return Err(A::Error::custom(format!("the key {key:?} is given twice")));
                }
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Keys(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Weights {
        #[serde(deserialize_with = "unique_keys")]
        weights: BTreeMap<String, f64>,
    }

    #[test]
    fn a_key_given_twice_is_named_and_placed() {
        let ok: Weights = ron::from_str("(weights: {\"a\": 1, \"b\": 2})").unwrap();
        assert_eq!(ok.weights.len(), 2);
        let e = ron::from_str::<Weights>("(weights: {\"a\": 1,\n \"a\": 2})").unwrap_err();
        assert!(
            e.to_string().contains("the key \"a\" is given twice"),
            "{e}"
        );
        assert_eq!(e.span.start.line, 2);
        let e = serde_json::from_str::<Weights>("{\"weights\": {\"a\": 1, \"a\": 2}}").unwrap_err();
        assert!(e.to_string().contains("\"a\" is given twice"), "{e}");
    }
}

//! Reading a received JSON body exactly once.
//!
//! serde_json keeps the last of two equal keys and says nothing, so a body such as
//! `{"status":2,"status":3}` reads as 3 here and as 2 in a first-wins parser. Whoever
//! checks a signature over one reading while the application acts on another is fooled.
//! Every body the SDK receives (a request in `from_json`, an answer, a callback, a body
//! to verify) is therefore read by [`read_object`]: a key given twice at any depth is
//! refused, with the JSON Pointer of each repeat, so what is checked is what is read.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Why a received body was not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JsonError {
    /// Not JSON at all (serde_json's reason, which never quotes the input).
    #[error("the body is not JSON: {0}")]
    Syntax(String),
    /// JSON, but not an object.
    #[error("the body must be a JSON object")]
    NotObject,
    /// Keys given more than once, as JSON Pointers to each repeat (`/data/status`).
    #[error("the body repeats keys: {}", .0.join(", "))]
    DuplicateKeys(Vec<String>),
}

/// Parses a JSON object, refusing a key repeated at any depth.
pub fn read_object(bytes: &[u8]) -> Result<Map<String, Value>, JsonError> {
    let duplicates = duplicate_keys(bytes)?;
    if !duplicates.is_empty() {
        return Err(JsonError::DuplicateKeys(duplicates));
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(JsonError::NotObject),
        Err(e) => Err(JsonError::Syntax(e.to_string())),
    }
}

/// The JSON Pointers of every key that repeats an earlier key of the same object, in
/// document order.
pub fn duplicate_keys(bytes: &[u8]) -> Result<Vec<String>, JsonError> {
    let mut found = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    Scan {
        at: &Path::Root,
        found: &mut found,
    }
    .deserialize(&mut deserializer)
    .and_then(|()| deserializer.end())
    .map_err(|e| JsonError::Syntax(e.to_string()))?;
    Ok(found)
}

/// Where a value sits, rendered as a JSON Pointer only when a repeat is found.
enum Path<'p> {
    Root,
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(parent, key) => {
                write!(f, "{parent}/{}", key.replace('~', "~0").replace('/', "~1"))
            }
            Path::Index(parent, index) => write!(f, "{parent}/{index}"),
        }
    }
}

/// Walks a value without building it, recording repeated keys.
struct Scan<'p, 'f> {
    at: &'p Path<'p>,
    found: &'f mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for Scan<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scan<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            let element = Scan {
                at: &Path::Index(self.at, index),
                found: &mut *self.found,
            };
            if seq.next_element_seed(element)?.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // Keys are borrowed from the input unless they hold escapes.
        let mut seen: HashSet<Cow<'de, str>> = HashSet::new();
        while let Some(Key(key)) = map.next_key()? {
            let at = Path::Key(self.at, &key);
            map.next_value_seed(Scan {
                at: &at,
                found: &mut *self.found,
            })?;
            if seen.contains(&key) {
                self.found.push(at.to_string());
            } else {
                seen.insert(key);
            }
        }
        Ok(())
    }
}

/// An object key, borrowed where the input allows.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(key)))
            }
            fn visit_str<E>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key.to_owned())))
            }
            fn visit_string<E>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_found_at_any_depth_with_their_pointers() {
        let body = br#"{"status":2,"a":{"x":1,"x":[{"k":1,"k":2}]},"status":3,"a~/b":0,"a~/b":1}"#;
        assert_eq!(
            duplicate_keys(body),
            Ok(vec![
                "/a/x/0/k".to_string(),
                "/a/x".to_string(),
                "/status".to_string(),
                "/a~0~1b".to_string(),
            ])
        );
        assert!(matches!(
            read_object(body),
            Err(JsonError::DuplicateKeys(found)) if found.len() == 4
        ));
    }

    #[test]
    fn escaped_spellings_of_one_key_are_one_key() {
        assert_eq!(
            duplicate_keys(br#"{"sign":"a","\u0073ign":"b"}"#),
            Ok(vec!["/sign".to_string()])
        );
    }

    #[test]
    fn unique_keys_read_as_serde_json_reads_them() {
        let body =
            br#"{"amount":100.50,"n":[1,2,{"a":null}],"big":123456789012345678901234567890}"#;
        let object = read_object(body).expect("object");
        assert_eq!(object["amount"].to_string(), "100.50");
        assert_eq!(object["big"].to_string(), "123456789012345678901234567890");
        assert_eq!(
            Value::Object(object),
            serde_json::from_slice::<Value>(body).expect("json")
        );
    }

    #[test]
    fn other_input_is_refused_with_a_reason() {
        assert_eq!(read_object(b"[1]"), Err(JsonError::NotObject));
        for bad in [&b""[..], b"{", b"{} {}", b"nope", b"{\"a\":1,}"] {
            assert!(
                matches!(read_object(bad), Err(JsonError::Syntax(_))),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}

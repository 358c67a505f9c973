//! Reading a received JSON body exactly once.
//!
//! serde_json keeps the last of two equal keys and says nothing, so a body such as
//! `{"status":2,"status":3}` reads as 3 here and as 2 in a first-wins parser. Whoever
//! checks a signature over one reading while the application acts on another is fooled.
//! Every body the SDK receives (a request in `from_json`, an answer, a callback, a body
//! to verify) is therefore read by [`read_object`]: a key given twice at any depth is
//! refused, with the JSON Pointer of each repeat, so what is checked is what is read.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

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
    let (object, duplicates) = read_object_noting_repeats(bytes)?;
    if duplicates.is_empty() {
        Ok(object)
    } else {
        Err(JsonError::DuplicateKeys(duplicates))
    }
}

/// Parses a JSON object in one pass, giving back with it the JSON Pointer of every key
/// that repeats an earlier key of the same object, in document order (the object keeps
/// the last value, as serde_json does): for a reader that reports the repeats among
/// other problems instead of refusing the body at the first.
pub fn read_object_noting_repeats(
    bytes: &[u8],
) -> Result<(Map<String, Value>, Vec<String>), JsonError> {
    let mut found = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = Build {
        at: &Path::Root,
        found: &mut found,
        input: bytes,
    }
    .deserialize(&mut deserializer)
    .and_then(|value| deserializer.end().map(|()| value))
    .map_err(|e| JsonError::Syntax(e.to_string()))?;
    match value {
        Value::Object(object) => Ok((object, found)),
        _ => Err(JsonError::NotObject),
    }
}

/// The JSON Pointers of every key that repeats an earlier key of the same object, in
/// document order (the body need not be an object).
pub fn duplicate_keys(bytes: &[u8]) -> Result<Vec<String>, JsonError> {
    let mut found = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    Build {
        at: &Path::Root,
        found: &mut found,
        input: bytes,
    }
    .deserialize(&mut deserializer)
    .and_then(|_| deserializer.end())
    .map_err(|e| JsonError::Syntax(e.to_string()))?;
    Ok(found)
}

/// Where a value sits, rendered as a JSON Pointer only when a repeat is found.
pub(crate) enum Path<'p> {
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

/// Builds a [`Value`] as serde_json's own `Value` does, recording repeated keys on the
/// way: the repeats are found in the same pass that reads the value.
pub(crate) struct Build<'p, 'f> {
    pub(crate) at: &'p Path<'p>,
    pub(crate) found: &'f mut Vec<String>,
    /// The bytes being read: a key borrowed from them is the input's own, never
    /// serde_json's number marker (see [`is_number_marker`]).
    pub(crate) input: &'p [u8],
}

impl<'de> DeserializeSeed<'de> for Build<'_, '_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Build<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Number::from_f64(n).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut values = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        loop {
            let element = Build {
                at: &Path::Index(self.at, values.len()),
                found: &mut *self.found,
                input: self.input,
            };
            match seq.next_element_seed(element)? {
                Some(value) => values.push(value),
                None => return Ok(Value::Array(values)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let Some(Key(first)) = map.next_key()? else {
            return Ok(Value::Object(Map::new()));
        };
        // serde_json hands an exact number (`arbitrary_precision`) to visitors as a
        // one-entry map under its own marker key, holding the number's text.
        if is_number_marker(&first, self.input) {
            let text: Cow<'de, str> = map.next_value::<Key<'de>>()?.0;
            return text
                .parse::<Number>()
                .map(Value::Number)
                .map_err(de::Error::custom);
        }
        let mut object = Map::new();
        let mut key = Some(first);
        while let Some(name) = key {
            let value = map.next_value_seed(Build {
                at: &Path::Key(self.at, &name),
                found: &mut *self.found,
                input: self.input,
            })?;
            match object.entry(name.into_owned()) {
                Entry::Vacant(slot) => {
                    slot.insert(value);
                }
                Entry::Occupied(mut slot) => {
                    self.found.push(Path::Key(self.at, slot.key()).to_string());
                    slot.insert(value);
                }
            }
            key = map.next_key::<Key<'de>>()?.map(|Key(name)| name);
        }
        Ok(Value::Object(object))
    }
}

/// The key under which serde_json passes an exact number to a visitor, learned from
/// serde_json itself (it is not public), or `None` if numbers come as numbers.
pub(crate) fn number_marker() -> Option<&'static str> {
    static MARKER: OnceLock<Option<String>> = OnceLock::new();
    MARKER
        .get_or_init(|| {
            struct Probe;
            impl<'de> Visitor<'de> for Probe {
                type Value = Option<String>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a number")
                }
                fn visit_f64<E>(self, _: f64) -> Result<Option<String>, E> {
                    Ok(None)
                }
                fn visit_map<A: MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Option<String>, A::Error> {
                    let key = map.next_key::<String>()?;
                    if key.is_some() {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                    Ok(key)
                }
            }
            // A decimal: whole numbers that fit 64 bits come as numbers either way.
            let mut probe = serde_json::Deserializer::from_slice(b"0.5");
            probe.deserialize_any(Probe).ok().flatten()
        })
        .as_deref()
}

/// Whether `key` is serde_json's marker of an exact number rather than a key of `input`
/// with the same text (an object such as `{"$serde_json::private::Number":"3"}` is an
/// object, not the number 3): the marker is serde_json's own text, while a key of the
/// input is borrowed from the input or, when it has escapes, owned.
#[expect(
    clippy::ptr_arg,
    reason = "whether the key is borrowed or owned is what tells the marker apart"
)]
pub(crate) fn is_number_marker(key: &Cow<'_, str>, input: &[u8]) -> bool {
    match key {
        Cow::Borrowed(key) => {
            Some(*key) == number_marker() && !input.as_ptr_range().contains(&key.as_ptr())
        }
        Cow::Owned(_) => false,
    }
}

/// An object key, borrowed where the input allows.
pub(crate) struct Key<'de>(pub(crate) Cow<'de, str>);

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
    fn an_object_with_serde_jsons_number_key_stays_an_object() {
        let marker = number_marker().expect("exact numbers come under a marker");
        for key in [marker.to_string(), marker.replace('$', "\\u0024")] {
            let body = format!(r#"{{"amount":{{"{key}":"3"}},"fee":3.50}}"#);
            let object = read_object(body.as_bytes()).expect("an object");
            assert!(
                object["amount"].is_object(),
                "{body}: {:?}",
                object["amount"]
            );
            assert_eq!(
                object["fee"].to_string(),
                "3.50",
                "a real number stays exact"
            );
        }
    }

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
        let body = br#"{"amount":100.50,"n":[1,-2,-0,1e3,2.5E-3,{"a":null,"b":[true,false]}],
            "big":123456789012345678901234567890,"neg":-123456789012345678901234567890,
            "text":"caf\u00e9 \"q\" \\ \n","o":{"p":{"q":[{}],"r":[]}},"e":""}"#;
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

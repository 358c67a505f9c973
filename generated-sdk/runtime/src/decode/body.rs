//! A request body as the decoder holds it: its members in the order they arrived, keys
//! borrowed from the input where they hold no escapes, read in one pass that also finds
//! repeated keys. No map is built: the decoder asks for the fields in the page's order,
//! which is usually the order they arrive in, so each lookup starts where the last ended.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::json::{Build, JsonError, Key, Path, is_number_marker};

/// Past this many members, repeats are found through a hash map instead of a scan.
const SCAN_LIMIT: usize = 32;

/// The members of one JSON object; a member is `None` once its value is taken.
#[derive(Debug, Default)]
pub(super) struct Body<'de> {
    members: Vec<(Cow<'de, str>, Option<Value>)>,
    /// Where the next lookup starts.
    cursor: usize,
}

impl<'de> Body<'de> {
    /// Reads a JSON object, with the JSON Pointers of the keys that repeat an earlier key
    /// of the same object, at any depth, in document order (the last value is kept).
    pub(super) fn parse(json: &'de [u8]) -> Result<(Body<'de>, Vec<String>), JsonError> {
        let mut repeats = Vec::new();
        let mut deserializer = serde_json::Deserializer::from_slice(json);
        let members = Members {
            repeats: &mut repeats,
            input: json,
        }
        .deserialize(&mut deserializer)
        .and_then(|members| deserializer.end().map(|()| members))
        .map_err(|e| JsonError::Syntax(e.to_string()))?
        .ok_or(JsonError::NotObject)?;
        Ok((Body { members, cursor: 0 }, repeats))
    }

    /// An object already read (one nested in the body).
    pub(super) fn of(object: Map<String, Value>) -> Body<'static> {
        Body {
            members: object
                .into_iter()
                .map(|(key, value)| (Cow::Owned(key), Some(value)))
                .collect(),
            cursor: 0,
        }
    }

    /// Takes the value of `name`; `None` when it is not in the body.
    pub(super) fn take(&mut self, name: &str) -> Option<Value> {
        let count = self.members.len();
        // From the cursor to the end, then from the start: no division per step.
        let at = (self.cursor..count)
            .chain(0..self.cursor.min(count))
            .find(|&at| self.members[at].0 == name)?;
        self.cursor = at + 1;
        self.members[at].1.take()
    }

    /// The keys whose values no one took.
    pub(super) fn left(&self) -> impl Iterator<Item = &str> {
        self.members
            .iter()
            .filter(|(_, value)| value.is_some())
            .map(|(key, _)| key.as_ref())
    }
}

/// Reads the root: its members if it is an object, `None` for any other JSON value.
struct Members<'r> {
    repeats: &'r mut Vec<String>,
    /// The bytes read (a key borrowed from them is never the number marker).
    input: &'r [u8],
}

type Read<'de> = Option<Vec<(Cow<'de, str>, Option<Value>)>>;

impl<'de> DeserializeSeed<'de> for Members<'_> {
    type Value = Read<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Read<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Members<'_> {
    type Value = Read<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Read<'de>, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Read<'de>, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Read<'de>, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Read<'de>, E> {
        Ok(None)
    }
    fn visit_str<E>(self, _: &str) -> Result<Read<'de>, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Read<'de>, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Read<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Read<'de>, A::Error> {
        let mut members: Vec<(Cow<'de, str>, Option<Value>)> = Vec::new();
        let mut index: Option<HashMap<Cow<'de, str>, usize>> = None;
        while let Some(Key(key)) = map.next_key()? {
            // An exact number at the root comes as a one-entry map under a marker key.
            if members.is_empty() && is_number_marker(&key, self.input) {
                map.next_value::<IgnoredAny>()?;
                return Ok(None);
            }
            let value = map.next_value_seed(Build {
                at: &Path::Key(&Path::Root, &key),
                found: &mut *self.repeats,
                input: self.input,
            })?;
            let earlier = match &index {
                Some(index) => index.get(&key).copied(),
                None => members.iter().position(|(seen, _)| *seen == key),
            };
            if let Some(earlier) = earlier {
                self.repeats.push(Path::Key(&Path::Root, &key).to_string());
                members[earlier].1 = Some(value);
                continue;
            }
            if let Some(index) = &mut index {
                index.insert(key.clone(), members.len());
            }
            members.push((key, Some(value)));
            if index.is_none() && members.len() > SCAN_LIMIT {
                index = Some(
                    members
                        .iter()
                        .enumerate()
                        .map(|(at, (key, _))| (key.clone(), at))
                        .collect(),
                );
            }
        }
        Ok(Some(members))
    }
}

//! The fields that hold more than one value: an object (decoded by a decoder of its own),
//! a map of free keys, an array of objects (each decoded as a request of its own).

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Body, Decoder};
use crate::Violations;

impl Decoder<'_> {
    /// An object field: a decoder of its own fields, which [`Decoder::close`] gives back.
    pub fn object(
        &mut self,
        name: &'static str,
        path: &'static str,
        required: bool,
    ) -> Option<Decoder<'static>> {
        match self.take(name, path, required)? {
            Value::Object(body) => Some(Decoder {
                body: Body::of(body),
                at: path,
                known: Vec::new(),
                out: Violations::new(),
            }),
            other => {
                self.wrong_type(path, "a JSON object", &other);
                None
            }
        }
    }

    /// A map field: free keys, each with a text value; a value of another form is a
    /// violation at its own pointer (`/notes/key`), and the map of the other values is
    /// still given back, for the map's checks to report their own violations too (the
    /// request does not build: a violation is recorded).
    pub fn map(
        &mut self,
        name: &'static str,
        path: &'static str,
        required: bool,
    ) -> Option<BTreeMap<String, String>> {
        let Value::Object(pairs) = self.take(name, path, required)? else {
            self.out
                .push(path, "type", "must be a JSON object".to_string());
            return None;
        };
        let mut map = BTreeMap::new();
        for (key, value) in pairs {
            match value {
                Value::String(text) => {
                    map.insert(key, text);
                }
                _ => {
                    self.out.push(
                        crate::rules::member_pointer(path, &key),
                        "type",
                        "must be a JSON string".to_string(),
                    );
                }
            }
        }
        Some(map)
    }

    /// An array field of objects, each decoded and checked as its own request `T`: an
    /// item's violations are at its pointer (`/payouts/0/amount`), and the array's size
    /// is checked against `min` and `max` (rule `items`). `None` unless every item reads.
    pub fn array<T: crate::Request>(
        &mut self,
        name: &'static str,
        path: &'static str,
        required: bool,
        min: Option<usize>,
        max: Option<usize>,
    ) -> Option<Vec<T>> {
        let Value::Array(elements) = self.take(name, path, required)? else {
            self.out
                .push(path, "type", "must be a JSON array".to_string());
            return None;
        };
        crate::rules::item_count(&mut self.out, path, elements.len(), min, max);
        let mut items = Vec::with_capacity(elements.len());
        let mut readable = true;
        for (index, element) in elements.iter().enumerate() {
            let at = format!("{path}/{index}");
            let decoded = match element {
                Value::Object(_) => serde_json::to_vec(element)
                    .map_err(|e| {
                        let mut out = Violations::new();
                        out.push("", "json", e.to_string());
                        out
                    })
                    .and_then(|bytes| T::decode_checked(&bytes)),
                _ => {
                    self.out
                        .push(at, "type", "must be a JSON object".to_string());
                    readable = false;
                    continue;
                }
            };
            match decoded {
                Ok(item) => items.push(item),
                Err(found) => {
                    readable = false;
                    for v in found {
                        self.out.push(format!("{at}{}", v.path), v.rule, v.message);
                    }
                }
            }
        }
        readable.then_some(items)
    }

    /// Ends an object's decoder from [`Decoder::object`]: its violations, and its unknown
    /// fields, become this decoder's. Whether the object was there.
    pub fn close(&mut self, object: Option<Decoder<'_>>) -> bool {
        match object {
            Some(object) => {
                self.out.append(object.finish());
                true
            }
            None => false,
        }
    }
}

//! Position-carrying wrappers for raw spec values.
//!
//! `At<T>` remembers where a value stood in its YAML file, so that a semantic error found
//! later can point at it. `Item<T>` lets one broken part of a spec (a field, a rule, an
//! example) fail on its own, so that the loader reports every broken part in one run
//! instead of stopping at the first.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use marked_yaml::Spanned;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};

use crate::diagnostics::Pos;

/// A value with the position of its YAML node.
#[derive(Debug, Clone)]
pub struct At<T> {
    pos: Pos,
    value: T,
}

impl<T> At<T> {
    /// Where the value starts.
    pub fn pos(&self) -> Pos {
        self.pos
    }

    /// The value.
    pub fn get(&self) -> &T {
        &self.value
    }
}

impl<T> Deref for At<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for At<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}
impl<T: Eq> Eq for At<T> {}
impl<T: Hash> Hash for At<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state)
    }
}
impl Borrow<str> for At<String> {
    fn borrow(&self) -> &str {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Slot<T, false>>::deserialize(d)?;
        let pos = Pos::of_span(spanned.span());
        match spanned.take() {
            Some(Ok(value)) => Ok(At { pos, value }),
            _ => Err(serde::de::Error::custom("value already taken")),
        }
    }
}

impl<T: JsonSchema> JsonSchema for At<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// A part of a spec that is loaded on its own: when it is malformed, the rest of the spec
/// still loads and the part is diagnosed separately (see `load::diagnose_broken`).
#[derive(Debug, Clone)]
pub enum Item<T> {
    /// The part loaded.
    Ok(At<T>),
    /// The part is malformed; the position is where its YAML node starts.
    Broken(Pos),
}

impl<T> Item<T> {
    /// The loaded value, if the part is not broken.
    pub fn ok(&self) -> Option<&At<T>> {
        match self {
            Item::Ok(v) => Some(v),
            Item::Broken(_) => None,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // marked-yaml deserializes each node with a fresh deserializer, so a failure
        // inside this node is caught here and leaves its siblings intact.
        let spanned = Spanned::<Slot<T, true>>::deserialize(d)?;
        let pos = Pos::of_span(spanned.span());
        Ok(match spanned.take() {
            Some(Ok(value)) => Item::Ok(At { pos, value }),
            _ => Item::Broken(pos),
        })
    }
}

impl<T: JsonSchema> JsonSchema for Item<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        generator.subschema_for::<T>()
    }
}

/// A deserialized value parked so it can be moved out of a `Spanned`, which only lends
/// its value. `CATCH` decides whether a failure propagates or is kept as `Err(())`.
struct Slot<T, const CATCH: bool>(RefCell<Option<Result<T, ()>>>);

impl<T, const CATCH: bool> Slot<T, CATCH> {
    fn take(&self) -> Option<Result<T, ()>> {
        self.0.borrow_mut().take()
    }
}

impl<'de, T: Deserialize<'de>, const CATCH: bool> Deserialize<'de> for Slot<T, CATCH> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let result = match T::deserialize(d) {
            Ok(value) => Ok(value),
            Err(e) if !CATCH => return Err(e),
            Err(_) => Err(()),
        };
        Ok(Slot(RefCell::new(Some(result))))
    }
}

//! `Valid<T>`: a request that passed every check of its spec.

use std::ops::Deref;

/// A value that passed validation. It can be read but not changed: changing a field
/// means taking the value out with [`Valid::into_inner`] and validating again. Signing
/// and sending take a `Valid<T>`, so an unchecked request cannot be signed or sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valid<T>(T);

impl<T> Valid<T> {
    /// Only the generated `validate` and `from_json` construct this.
    pub(crate) fn new(value: T) -> Self {
        Valid(value)
    }

    /// Gives the value back, to change it (and validate it again).
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Valid<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> AsRef<T> for Valid<T> {
    fn as_ref(&self) -> &T {
        &self.0
    }
}

impl<T: serde::Serialize> serde::Serialize for Valid<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

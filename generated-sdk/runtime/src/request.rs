//! The behaviour every generated request type shares: its checks, validation and decoding.

use crate::{Valid, Violations};

/// A request of a spec. Generated code implements the two required methods (the spec's
/// checks and its decoder); validation and decoding to a [`Valid`] request are provided,
/// so that only this crate ever makes a `Valid` value.
pub trait Request: Sized {
    /// Checks the request against every rule of its spec and returns all violations,
    /// each with its JSON Pointer and rule id.
    fn check(&self) -> Result<(), Violations>;

    /// Decodes a JSON body and runs every check; `Ok` only when nothing is violated.
    /// Generated code implements it; call [`Request::from_json`].
    #[doc(hidden)]
    fn decode_checked(json: &[u8]) -> Result<Self, Violations>;

    /// Validates the request: the only way to a [`Valid`] request, which is what signing
    /// and sending take.
    fn validate(self) -> Result<Valid<Self>, Violations> {
        self.check()?;
        Ok(Valid::new(self))
    }

    /// Decodes a request body and validates it, reporting every violation: those of
    /// [`Request::validate`] and those only JSON can have (a wrong type, a missing,
    /// repeated or unknown field, a fixed value that differs).
    fn from_json(json: &[u8]) -> Result<Valid<Self>, Violations> {
        Self::decode_checked(json).map(Valid::new)
    }
}

//! The string to sign once written: where it is written (a vector, or the stack), and
//! how the secret in it is kept from printing and wiped.

use std::fmt;

use zeroize::Zeroize;

use super::canonical::{CanonicalError, REDACTED_SECRET};
use super::keys::SharedSecret;
use super::sink::Sink;

/// A built string to sign. If it contains the secret, the part from the secret on is
/// wiped on drop (the rest is request data, not secret, and wiping it would only cost
/// time), its `Debug` shows only its length, and its text cannot be borrowed as `str`.
pub struct StringToSign {
    pub(crate) text: Vec<u8>,
    /// Where the first secret starts, when the string holds one.
    pub(crate) secret_from: Option<usize>,
    pub(crate) has_secret: bool,
}

impl Drop for StringToSign {
    fn drop(&mut self) {
        if let Some(from) = self.secret_from {
            self.text[from..].zeroize();
        }
    }
}

impl StringToSign {
    /// The bytes to hash or sign.
    pub fn as_bytes(&self) -> &[u8] {
        &self.text
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether the string contains the shared secret.
    pub fn contains_secret(&self) -> bool {
        self.has_secret
    }

    /// The text, unless it contains the secret.
    pub fn public_text(&self) -> Option<&str> {
        if self.has_secret {
            None
        } else {
            std::str::from_utf8(&self.text).ok()
        }
    }
}

impl Sink for StringToSign {
    fn put(&mut self, bytes: &[u8]) {
        self.text.extend_from_slice(bytes);
    }

    fn put_byte(&mut self, byte: u8) {
        self.text.push(byte);
    }

    fn put_secret(&mut self, bytes: &[u8]) {
        if self.has_secret && self.secret_from.is_none() {
            self.secret_from = Some(self.text.len());
        }
        self.text.extend_from_slice(bytes);
    }
}

impl fmt::Debug for StringToSign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.public_text() {
            Some(text) => f.debug_tuple("StringToSign").field(&text).finish(),
            None => write!(
                f,
                "StringToSign(<{} bytes with the secret>)",
                self.text.len()
            ),
        }
    }
}

/// Where the message's secret, if any, comes from.
#[derive(Clone, Copy)]
pub(crate) enum SecretPart<'s> {
    /// No secret available.
    Absent,
    /// The real secret.
    Real(&'s SharedSecret),
    /// The redaction marker instead.
    Redacted,
}

impl SecretPart<'_> {
    pub(crate) fn text(&self) -> Result<&str, CanonicalError> {
        match self {
            Self::Absent => Err(CanonicalError::SecretRequired),
            Self::Real(secret) => Ok(secret.expose()),
            Self::Redacted => Ok(REDACTED_SECRET),
        }
    }
}

/// Takes the text out of a string that holds no secret (a redacted one).
pub(crate) fn into_public(mut built: StringToSign) -> String {
    // Built only from `&str` pieces, so always UTF-8; lossy conversion never triggers.
    String::from_utf8(std::mem::take(&mut built.text))
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

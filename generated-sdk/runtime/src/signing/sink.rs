//! Where a message is written: into the string to sign (for `--explain`, `string_to_sign`
//! and callers that want the bytes), or straight into the hash or MAC state that signs
//! it, so signing never builds the string.

use hmac::{Hmac, Mac as _};
use md5::Md5;
use sha1::Sha1;
use sha2::digest::{FixedOutput, Update};
use sha2::{Digest as _, Sha256, Sha512};

use super::algorithms::Algorithm;
use super::canonical::CanonicalError;
use super::error::SignError;
use super::keys::SharedSecret;
use super::staged::Staged;

/// Takes a message's bytes piece by piece.
pub(crate) trait Sink {
    /// Appends bytes of the message.
    fn put(&mut self, bytes: &[u8]);

    /// Appends one byte (a separator, a quote).
    fn put_byte(&mut self, byte: u8) {
        self.put(&[byte]);
    }

    /// Appends `name`, `equals`, `value`, after `separator` if any: one pair of a message.
    fn put_pair(&mut self, separator: Option<u8>, name: &[u8], equals: u8, value: &[u8]) {
        pair_in_pieces(self, separator, name, equals, value);
    }

    /// Appends `bytes` between double quotes (a JSON string that escapes nothing).
    fn put_quoted(&mut self, bytes: &[u8]) {
        self.put_byte(b'"');
        self.put(bytes);
        self.put_byte(b'"');
    }

    /// Appends `"name":` and `value`, between double quotes when `quoted`, after
    /// `separator` if any: one member of a JSON object whose name and value escape
    /// nothing.
    fn put_member(&mut self, separator: Option<u8>, name: &[u8], value: &[u8], quoted: bool) {
        member_in_pieces(self, separator, name, value, quoted);
    }

    /// Appends the shared secret (a buffer remembers where it starts, to wipe it).
    fn put_secret(&mut self, bytes: &[u8]) {
        self.put(bytes);
    }
}

/// [`Sink::put_pair`] piece by piece: the default, and a buffer's way for a pair that
/// does not fit what is left of it.
pub(crate) fn pair_in_pieces<S: Sink + ?Sized>(
    sink: &mut S,
    separator: Option<u8>,
    name: &[u8],
    equals: u8,
    value: &[u8],
) {
    if let Some(separator) = separator {
        sink.put_byte(separator);
    }
    sink.put(name);
    sink.put_byte(equals);
    sink.put(value);
}

/// [`Sink::put_member`] piece by piece, as [`pair_in_pieces`] is for a pair.
pub(crate) fn member_in_pieces<S: Sink + ?Sized>(
    sink: &mut S,
    separator: Option<u8>,
    name: &[u8],
    value: &[u8],
    quoted: bool,
) {
    if let Some(separator) = separator {
        sink.put_byte(separator);
    }
    sink.put_quoted(name);
    sink.put_byte(b':');
    if quoted {
        sink.put_quoted(value);
    } else {
        sink.put(value);
    }
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }

    fn put_byte(&mut self, byte: u8) {
        self.push(byte);
    }
}

/// A message that can write itself into any sink.
pub(crate) trait Writes {
    fn write_to<S: Sink>(&self, sink: &mut S) -> Result<(), CanonicalError>;
}

/// Why a message could not be hashed.
#[derive(Debug)]
pub(crate) enum HashError {
    Message(CanonicalError),
    Sign(SignError),
}

/// The digest or MAC of `message` under `algorithm` (RSA: the digest its signature
/// signs), the message written straight into the state: `secret` keys a MAC. `finish`
/// takes the digest where it was computed, so it is never moved (a moved digest's load
/// waits for the stores that wrote it).
pub(crate) fn digest<R>(
    algorithm: Algorithm,
    secret: Option<&SharedSecret>,
    message: &impl Writes,
    finish: impl FnOnce(&[u8]) -> R,
) -> Result<R, HashError> {
    let keyed = || {
        secret
            .map(|s| s.expose().as_bytes())
            .ok_or(HashError::Sign(SignError::Primitive { algorithm }))
    };
    let unkeyable = |_| HashError::Sign(SignError::Primitive { algorithm });
    match algorithm {
        Algorithm::Md5 => hashed(Md5::new(), message, finish),
        Algorithm::RsaSha1 => hashed(Sha1::new(), message, finish),
        Algorithm::RsaSha256 | Algorithm::Sha256 => hashed(Sha256::new(), message, finish),
        Algorithm::Sha512 => hashed(Sha512::new(), message, finish),
        Algorithm::HmacSha256 => hashed(
            Hmac::<Sha256>::new_from_slice(keyed()?).map_err(unkeyable)?,
            message,
            finish,
        ),
        Algorithm::HmacSha512 => hashed(
            Hmac::<Sha512>::new_from_slice(keyed()?).map_err(unkeyable)?,
            message,
            finish,
        ),
    }
}

/// Writes `message` into `state` through a staging buffer, then finishes it. The state
/// stays in this frame: only the buffer's small handle is passed down.
fn hashed<H: Update + FixedOutput, R>(
    mut state: H,
    message: &impl Writes,
    finish: impl FnOnce(&[u8]) -> R,
) -> Result<R, HashError> {
    let mut staged = Staged::new(&mut state);
    message.write_to(&mut staged).map_err(HashError::Message)?;
    staged.flush();
    drop(staged);
    Ok(finish(&state.finalize_fixed()))
}

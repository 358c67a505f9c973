//! Where a message is written: into the string to sign (for `--explain`, `string_to_sign`
//! and callers that want the bytes), or straight into the hash or MAC state that signs
//! it, so signing never builds the string.

use hmac::{Hmac, Mac as _};
use md5::Md5;
use sha1::Sha1;
use sha2::digest::Update;
use sha2::{Digest as _, Sha256, Sha512};

use super::algorithms::{Algorithm, constant_time_eq};
use super::error::SignError;
use super::keys::SharedSecret;
use zeroize::Zeroize as _;

/// Takes a message's bytes piece by piece.
pub(crate) trait Sink {
    /// Appends bytes of the message.
    fn put(&mut self, bytes: &[u8]);

    /// Appends the shared secret (a buffer remembers where it starts, to wipe it).
    fn put_secret(&mut self, bytes: &[u8]) {
        self.put(bytes);
    }
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// The running hash or MAC of a message, with a small staging buffer in front of it:
/// a message arrives in many short pieces (`name`, `=`, `value`, `&`...), and a hash
/// state takes a few whole blocks at once far faster than many slivers.
pub(crate) struct Hashing {
    state: State,
    stage: Stage,
}

/// Bytes not yet hashed: two blocks of MD5, SHA-1 and SHA-256, one of SHA-512.
const STAGE: usize = 128;

struct Stage {
    bytes: [u8; STAGE],
    len: usize,
    /// Whether the shared secret went through, so the buffer is wiped when dropped.
    secret: bool,
}

impl Drop for Stage {
    fn drop(&mut self) {
        if self.secret {
            self.bytes.zeroize();
        }
    }
}

/// The hash or MAC state. RustCrypto's 0.10 states do not wipe their own buffers on
/// drop; neither did they when the built string was hashed.
enum State {
    Md5(Md5),
    Sha1(Sha1),
    Sha256(Sha256),
    Sha512(Sha512),
    HmacSha256(Hmac<Sha256>),
    HmacSha512(Hmac<Sha512>),
}

impl State {
    fn update(&mut self, bytes: &[u8]) {
        match self {
            Self::Md5(state) => Update::update(state, bytes),
            Self::Sha1(state) => Update::update(state, bytes),
            Self::Sha256(state) => Update::update(state, bytes),
            Self::Sha512(state) => Update::update(state, bytes),
            Self::HmacSha256(state) => Update::update(state, bytes),
            Self::HmacSha512(state) => Update::update(state, bytes),
        }
    }

    fn finish(self) -> Vec<u8> {
        match self {
            Self::Md5(state) => state.finalize().to_vec(),
            Self::Sha1(state) => state.finalize().to_vec(),
            Self::Sha256(state) => state.finalize().to_vec(),
            Self::Sha512(state) => state.finalize().to_vec(),
            Self::HmacSha256(state) => state.finalize().into_bytes().to_vec(),
            Self::HmacSha512(state) => state.finalize().into_bytes().to_vec(),
        }
    }
}

impl Hashing {
    /// The state `algorithm` starts from: keyed with the secret for a MAC; RSA hashes
    /// with its digest and signs the hash.
    pub(crate) fn start(
        algorithm: Algorithm,
        secret: Option<&SharedSecret>,
    ) -> Result<Self, SignError> {
        let primitive = || SignError::Primitive { algorithm };
        let key = || secret.map(|s| s.expose().as_bytes()).ok_or_else(primitive);
        let state = match algorithm {
            Algorithm::Md5 => State::Md5(Md5::new()),
            Algorithm::RsaSha1 => State::Sha1(Sha1::new()),
            Algorithm::RsaSha256 | Algorithm::Sha256 => State::Sha256(Sha256::new()),
            Algorithm::Sha512 => State::Sha512(Sha512::new()),
            Algorithm::HmacSha256 => {
                State::HmacSha256(Hmac::<Sha256>::new_from_slice(key()?).map_err(|_| primitive())?)
            }
            Algorithm::HmacSha512 => {
                State::HmacSha512(Hmac::<Sha512>::new_from_slice(key()?).map_err(|_| primitive())?)
            }
        };
        Ok(Self {
            state,
            stage: Stage {
                bytes: [0; STAGE],
                len: 0,
                secret: false,
            },
        })
    }

    /// Hashes what is staged.
    fn flush(&mut self) {
        let Stage { bytes, len, .. } = &mut self.stage;
        self.state.update(&bytes[..*len]);
        *len = 0;
    }

    /// The state with everything put hashed.
    fn flushed(mut self) -> State {
        self.flush();
        self.state
    }

    /// The digest or MAC of everything put.
    pub(crate) fn finish(self) -> Vec<u8> {
        self.flushed().finish()
    }

    /// Whether the digest or MAC of everything put is `expected`, compared in constant
    /// time.
    pub(crate) fn matches(self, expected: &[u8]) -> bool {
        match self.flushed() {
            State::HmacSha256(state) => state.verify_slice(expected).is_ok(),
            State::HmacSha512(state) => state.verify_slice(expected).is_ok(),
            digest => constant_time_eq(&digest.finish(), expected),
        }
    }
}

impl Sink for Hashing {
    fn put(&mut self, bytes: &[u8]) {
        if bytes.len() > STAGE - self.stage.len {
            self.flush();
            if bytes.len() >= STAGE {
                self.state.update(bytes);
                return;
            }
        }
        let Stage {
            bytes: staged, len, ..
        } = &mut self.stage;
        staged[*len..*len + bytes.len()].copy_from_slice(bytes);
        *len += bytes.len();
    }

    fn put_secret(&mut self, bytes: &[u8]) {
        self.stage.secret = true;
        self.put(bytes);
    }
}

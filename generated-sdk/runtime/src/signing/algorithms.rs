//! The signing primitives over the bytes of a built message: RSASSA-PKCS1-v1_5 (SHA-1,
//! SHA-256), plain digests (MD5, SHA-256, SHA-512: the secret is already in the message),
//! HMAC-SHA256 and HMAC-SHA512.
//!
//! RSA signing is blinded (see `MARVIN.md`) in either backend (`rsa_backend.rs`: the
//! `rsa` crate, or OpenSSL with feature `openssl`), each given the message's hash; RSA
//! verification handles no secret; the other verifications compare in constant time
//! (`subtle` for the digests; `hmac`'s own `verify_slice`).

use std::fmt;

use hmac::{Hmac, Mac as _};
use md5::{Digest as _, Md5};
use sha2::Sha256;
use subtle::ConstantTimeEq as _;

use super::canonical::CanonicalError;
use super::error::{SignError, VerifyError};
use super::keyfile::{SigningKeyRef, VerifyingKeyRef};
use super::keys::{KeyKind, MerchantPrivateKey, PlatformPublicKey, SharedSecret};
use super::rsa_backend;
use super::sink::{self, HashError, Sink, Writes};

/// A signature algorithm. Adding one is a change here, then data in the specs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-1 ("SHA1WithRSA", TeemoPay).
    RsaSha1,
    /// RSASSA-PKCS1-v1_5 with SHA-256 ("SHA256WithRSA").
    RsaSha256,
    /// MD5 of the message, which contains the shared secret (the gateway, legacy).
    Md5,
    /// SHA-256 of the message, which contains the shared secret.
    Sha256,
    /// SHA-512 of the message, which contains the shared secret.
    Sha512,
    /// HMAC-SHA256 of the message, keyed with the shared secret (the gateway).
    HmacSha256,
    /// HMAC-SHA512 of the message, keyed with the shared secret.
    HmacSha512,
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::RsaSha1 => "RSA-SHA1",
            Self::RsaSha256 => "RSA-SHA256",
            Self::Md5 => "MD5",
            Self::Sha256 => "SHA-256",
            Self::Sha512 => "SHA-512",
            Self::HmacSha256 => "HMAC-SHA256",
            Self::HmacSha512 => "HMAC-SHA512",
        })
    }
}

impl Algorithm {
    /// Whether this is an RSA algorithm (private key signs, public key verifies).
    pub const fn is_rsa(self) -> bool {
        matches!(self, Self::RsaSha1 | Self::RsaSha256)
    }

    /// Whether this is a plain digest, keyed only by the secret in the message.
    pub const fn is_digest(self) -> bool {
        matches!(self, Self::Md5 | Self::Sha256 | Self::Sha512)
    }

    /// The kind of key that signs.
    pub const fn signing_key_kind(self) -> KeyKind {
        if self.is_rsa() {
            KeyKind::RsaPrivate
        } else {
            KeyKind::SharedSecret
        }
    }

    /// The kind of key that verifies.
    pub const fn verifying_key_kind(self) -> KeyKind {
        if self.is_rsa() {
            KeyKind::RsaPublic
        } else {
            KeyKind::SharedSecret
        }
    }

    /// Signs the exact bytes given and returns the raw signature or digest.
    ///
    /// For a plain digest the secret must already be in `data` (the message contains
    /// it); the key is still required, and must be a shared secret.
    pub fn sign_bytes<'k>(
        self,
        key: impl Into<SigningKeyRef<'k>>,
        data: &[u8],
    ) -> Result<Vec<u8>, SignError> {
        self.sign_written(key.into(), &Bytes(data), <[u8]>::to_vec)
    }

    /// Checks a raw signature or digest over the exact bytes given, in constant time.
    pub fn verify_bytes<'k>(
        self,
        key: impl Into<VerifyingKeyRef<'k>>,
        data: &[u8],
        signature: &[u8],
    ) -> Result<(), VerifyError> {
        self.verify_written(key.into(), &Bytes(data), signature)
    }

    /// The raw signature of a message written straight into the hash or MAC state,
    /// after checking that the key is of the kind this algorithm signs with: the digest
    /// or MAC itself, or for RSA the signature over the digest, handed to `finish`.
    pub(crate) fn sign_written<R>(
        self,
        key: SigningKeyRef<'_>,
        message: &impl Writes,
        finish: impl FnOnce(&[u8]) -> R,
    ) -> Result<R, SignError> {
        let secret = match key {
            SigningKeyRef::Rsa(_) if self.is_rsa() => None,
            SigningKeyRef::Secret(secret) if !self.is_rsa() => Some(secret),
            _ => {
                return Err(SignError::WrongKey {
                    algorithm: self,
                    expected: self.signing_key_kind(),
                    given: key.kind(),
                });
            }
        };
        let signed = sink::digest(self, secret, message, |digest| match key {
            SigningKeyRef::Rsa(private) => rsa_sign(self, private, digest).map(|s| finish(&s)),
            SigningKeyRef::Secret(_) => Ok(finish(digest)),
        });
        match signed {
            Ok(signed) => signed,
            Err(HashError::Message(e)) => Err(SignError::from(e)),
            Err(HashError::Sign(e)) => Err(e),
        }
    }

    /// Checks a raw signature of a message written straight into the hash or MAC
    /// state, in constant time.
    pub(crate) fn verify_written(
        self,
        key: VerifyingKeyRef<'_>,
        message: &impl Writes,
        signature: &[u8],
    ) -> Result<(), VerifyError> {
        let secret = match key {
            VerifyingKeyRef::Rsa(_) if self.is_rsa() => None,
            VerifyingKeyRef::Secret(secret) if !self.is_rsa() => Some(secret),
            _ => {
                return Err(VerifyError::WrongKey {
                    algorithm: self,
                    expected: self.verifying_key_kind(),
                    given: key.kind(),
                });
            }
        };
        let matched = sink::digest(self, secret, message, |digest| match key {
            VerifyingKeyRef::Rsa(public) => rsa_verify(self, public, digest, signature),
            VerifyingKeyRef::Secret(_) => constant_time_eq(digest, signature),
        })
        .map_err(|e| match e {
            HashError::Message(e) => VerifyError::from(e),
            HashError::Sign(_) => VerifyError::Mismatch,
        })?;
        if matched {
            Ok(())
        } else {
            Err(VerifyError::Mismatch)
        }
    }
}

/// Bytes already written: what the primitives sign.
struct Bytes<'a>(&'a [u8]);

impl Writes for Bytes<'_> {
    fn write_to<S: Sink>(&self, sink: &mut S) -> Result<(), CanonicalError> {
        sink.put(self.0);
        Ok(())
    }
}

/// MD5 of the bytes.
pub fn md5(data: &[u8]) -> [u8; 16] {
    Md5::digest(data).into()
}

/// HMAC-SHA256 of the bytes keyed with the secret's UTF-8 bytes.
pub fn hmac_sha256(secret: &SharedSecret, data: &[u8]) -> Result<[u8; 32], SignError> {
    let mut mac = hmac_keyed(secret).ok_or(SignError::Primitive {
        algorithm: Algorithm::HmacSha256,
    })?;
    mac.update(data);
    Ok(mac.finalize().into_bytes().into())
}

/// HMAC accepts keys of any length, so this is `None` only if the library changes.
fn hmac_keyed(secret: &SharedSecret) -> Option<Hmac<Sha256>> {
    Hmac::<Sha256>::new_from_slice(secret.expose().as_bytes()).ok()
}

/// Compares two byte strings in constant time (for equal lengths; lengths are public).
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    bool::from(a.ct_eq(b))
}

/// RSASSA-PKCS1-v1_5 over a message's SHA-1 or SHA-256 `digest`, blinded, by the
/// build's backend ([`super::RsaBackend::DEFAULT`]).
fn rsa_sign(
    algorithm: Algorithm,
    key: &MerchantPrivateKey,
    digest: &[u8],
) -> Result<Vec<u8>, SignError> {
    rsa_backend::sign_digest(algorithm, key, digest)
}

fn rsa_verify(
    algorithm: Algorithm,
    key: &PlatformPublicKey,
    digest: &[u8],
    signature: &[u8],
) -> bool {
    rsa_backend::verify_digest(algorithm, key, digest, signature)
}

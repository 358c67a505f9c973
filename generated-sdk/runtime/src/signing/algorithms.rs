//! The signing primitives over the bytes of a built message: RSASSA-PKCS1-v1_5 (SHA-1,
//! SHA-256), plain digests (MD5, SHA-256, SHA-512: the secret is already in the message),
//! HMAC-SHA256 and HMAC-SHA512.
//!
//! RSA signing is blinded (see `MARVIN.md`); every verification compares in constant
//! time (the `rsa` verifier; `subtle` for MD5; `hmac`'s own `verify_slice`).

use std::fmt;

use hmac::{Hmac, Mac as _};
use md5::{Digest as _, Md5};
use rand_core::OsRng;
use rsa::Pkcs1v15Sign;
use sha1::Sha1;
use sha2::{Sha256, Sha512};
use subtle::ConstantTimeEq as _;

use super::error::{SignError, VerifyError};
use super::keyfile::{SigningKeyRef, VerifyingKeyRef};
use super::keys::{KeyKind, MerchantPrivateKey, PlatformPublicKey, SharedSecret};

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
        let key = key.into();
        let wrong = || SignError::WrongKey {
            algorithm: self,
            expected: self.signing_key_kind(),
            given: key.kind(),
        };
        match (self, key) {
            (Self::RsaSha1 | Self::RsaSha256, SigningKeyRef::Rsa(private)) => {
                rsa_sign(self, private, data)
            }
            (Self::Md5, SigningKeyRef::Secret(_)) => Ok(md5(data).to_vec()),
            (Self::Sha256, SigningKeyRef::Secret(_)) => Ok(Sha256::digest(data).to_vec()),
            (Self::Sha512, SigningKeyRef::Secret(_)) => Ok(Sha512::digest(data).to_vec()),
            (Self::HmacSha256, SigningKeyRef::Secret(secret)) => {
                hmac_sha256(secret, data).map(|tag| tag.to_vec())
            }
            (Self::HmacSha512, SigningKeyRef::Secret(secret)) => {
                hmac_sha512(secret, data).map(|tag| tag.to_vec())
            }
            _ => Err(wrong()),
        }
    }

    /// Checks a raw signature or digest over the exact bytes given, in constant time.
    pub fn verify_bytes<'k>(
        self,
        key: impl Into<VerifyingKeyRef<'k>>,
        data: &[u8],
        signature: &[u8],
    ) -> Result<(), VerifyError> {
        let key = key.into();
        let matched = match (self, key) {
            (Self::RsaSha1 | Self::RsaSha256, VerifyingKeyRef::Rsa(public)) => {
                rsa_verify(self, public, data, signature)
            }
            (Self::Md5, VerifyingKeyRef::Secret(_)) => constant_time_eq(&md5(data), signature),
            (Self::Sha256, VerifyingKeyRef::Secret(_)) => {
                constant_time_eq(&Sha256::digest(data), signature)
            }
            (Self::Sha512, VerifyingKeyRef::Secret(_)) => {
                constant_time_eq(&Sha512::digest(data), signature)
            }
            (Self::HmacSha256, VerifyingKeyRef::Secret(secret)) => {
                hmac_sha256_verify(secret, data, signature)
            }
            (Self::HmacSha512, VerifyingKeyRef::Secret(secret)) => {
                hmac_sha512_verify(secret, data, signature)
            }
            _ => {
                return Err(VerifyError::WrongKey {
                    algorithm: self,
                    expected: self.verifying_key_kind(),
                    given: key.kind(),
                });
            }
        };
        if matched {
            Ok(())
        } else {
            Err(VerifyError::Mismatch)
        }
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

/// HMAC-SHA512 of the bytes keyed with the secret's UTF-8 bytes.
pub fn hmac_sha512(secret: &SharedSecret, data: &[u8]) -> Result<[u8; 64], SignError> {
    let mut mac = Hmac::<Sha512>::new_from_slice(secret.expose().as_bytes()).map_err(|_| {
        SignError::Primitive {
            algorithm: Algorithm::HmacSha512,
        }
    })?;
    mac.update(data);
    Ok(mac.finalize().into_bytes().into())
}

fn hmac_sha256_verify(secret: &SharedSecret, data: &[u8], tag: &[u8]) -> bool {
    hmac_keyed(secret).is_some_and(|mut mac| {
        mac.update(data);
        mac.verify_slice(tag).is_ok()
    })
}

fn hmac_sha512_verify(secret: &SharedSecret, data: &[u8], tag: &[u8]) -> bool {
    Hmac::<Sha512>::new_from_slice(secret.expose().as_bytes()).is_ok_and(|mut mac| {
        mac.update(data);
        mac.verify_slice(tag).is_ok()
    })
}

/// HMAC accepts keys of any length, so this is `None` only if the library changes.
fn hmac_keyed(secret: &SharedSecret) -> Option<Hmac<Sha256>> {
    Hmac::<Sha256>::new_from_slice(secret.expose().as_bytes()).ok()
}

/// Compares two byte strings in constant time (for equal lengths; lengths are public).
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    bool::from(a.ct_eq(b))
}

/// RSASSA-PKCS1-v1_5 over the hash of `data`, with blinding (a fresh random blinding
/// factor from the OS for every signature), as `rsa`'s `RandomizedSigner` does.
fn rsa_sign(
    algorithm: Algorithm,
    key: &MerchantPrivateKey,
    data: &[u8],
) -> Result<Vec<u8>, SignError> {
    let failed = |_| SignError::Primitive { algorithm };
    match algorithm {
        Algorithm::RsaSha256 => key
            .rsa()
            .sign_with_rng(
                &mut OsRng,
                Pkcs1v15Sign::new::<Sha256>(),
                &Sha256::digest(data),
            )
            .map_err(failed),
        _ => key
            .rsa()
            .sign_with_rng(&mut OsRng, Pkcs1v15Sign::new::<Sha1>(), &Sha1::digest(data))
            .map_err(failed),
    }
}

fn rsa_verify(
    algorithm: Algorithm,
    key: &PlatformPublicKey,
    data: &[u8],
    signature: &[u8],
) -> bool {
    let result = match algorithm {
        Algorithm::RsaSha256 => key.rsa().verify(
            Pkcs1v15Sign::new::<Sha256>(),
            &Sha256::digest(data),
            signature,
        ),
        _ => key
            .rsa()
            .verify(Pkcs1v15Sign::new::<Sha1>(), &Sha1::digest(data), signature),
    };
    result.is_ok()
}

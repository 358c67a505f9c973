//! RSASSA-PKCS1-v1_5 through OpenSSL (feature `openssl`), over a digest computed
//! beforehand.
//!
//! The keys are loaded by the `rsa` crate as without the feature (one parser, one set of
//! errors), then handed to OpenSSL once, at load, as DER: a signature never converts a
//! key. OpenSSL blinds every private-key operation by default and runs it in
//! constant-time arithmetic; nothing here turns that off. Its private key's numbers are
//! cleared when freed (`BN_clear_free`), so dropping the key wipes both copies.

use std::fmt;

use openssl::md::{Md, MdRef};
use openssl::pkey::{PKey, Private, Public};
use openssl::pkey_ctx::PkeyCtx;
use openssl::rsa::Padding;
use rsa::pkcs8::{EncodePrivateKey as _, EncodePublicKey as _};
use rsa::{RsaPrivateKey, RsaPublicKey};

use super::algorithms::Algorithm;
use super::keys::KeyError;

/// The merchant's private key as OpenSSL holds it, with its public half.
pub(crate) struct OpenSslPrivate {
    key: PKey<Private>,
    public: OpenSslPublic,
}

impl OpenSslPrivate {
    /// The key `rsa` loaded, handed to OpenSSL through PKCS#8 DER (wiped when dropped).
    pub(crate) fn from_rsa(key: &RsaPrivateKey) -> Result<Self, KeyError> {
        let der = key.to_pkcs8_der().map_err(|_| KeyError::Backend)?;
        let key = PKey::private_key_from_pkcs8(der.as_bytes()).map_err(|_| KeyError::Backend)?;
        // The public half once, here, so `to_public_key` cannot fail later.
        let public_der = key.public_key_to_der().map_err(|_| KeyError::Backend)?;
        let public = PKey::public_key_from_der(&public_der).map_err(|_| KeyError::Backend)?;
        Ok(Self {
            key,
            public: OpenSslPublic(public),
        })
    }

    /// The public half (shares OpenSSL's reference-counted key).
    pub(crate) fn public(&self) -> OpenSslPublic {
        self.public.clone()
    }
}

impl fmt::Debug for OpenSslPrivate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OpenSslPrivate(<redacted>)")
    }
}

/// The platform's public key as OpenSSL holds it.
#[derive(Clone)]
pub(crate) struct OpenSslPublic(PKey<Public>);

impl OpenSslPublic {
    /// The key `rsa` loaded, handed to OpenSSL through SubjectPublicKeyInfo DER.
    pub(crate) fn from_rsa(key: &RsaPublicKey) -> Result<Self, KeyError> {
        let der = key.to_public_key_der().map_err(|_| KeyError::Backend)?;
        PKey::public_key_from_der(der.as_bytes())
            .map(Self)
            .map_err(|_| KeyError::Backend)
    }
}

/// Equal when the keys are: OpenSSL compares the modulus and exponent.
impl PartialEq for OpenSslPublic {
    fn eq(&self, other: &Self) -> bool {
        self.0.public_eq(&other.0)
    }
}

impl Eq for OpenSslPublic {}

impl fmt::Debug for OpenSslPublic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OpenSslPublic(<{}-bit RSA>)", self.0.bits())
    }
}

/// The digest OpenSSL names in the DigestInfo it writes before the hash.
fn md(algorithm: Algorithm) -> Option<&'static MdRef> {
    match algorithm {
        Algorithm::RsaSha1 => Some(Md::sha1()),
        Algorithm::RsaSha256 => Some(Md::sha256()),
        _ => None,
    }
}

/// PKCS#1 v1.5 over `digest` (the hash `algorithm` names, already computed). `None` for
/// a non-RSA algorithm or any error OpenSSL reports (its messages are not passed on:
/// they are no use to a caller, and nothing of a key should reach an error).
pub(crate) fn sign_digest(
    algorithm: Algorithm,
    key: &OpenSslPrivate,
    digest: &[u8],
) -> Option<Vec<u8>> {
    let md = md(algorithm)?;
    let mut ctx = PkeyCtx::new(&key.key).ok()?;
    ctx.sign_init().ok()?;
    ctx.set_rsa_padding(Padding::PKCS1).ok()?;
    ctx.set_signature_md(md).ok()?;
    let mut signature = Vec::new();
    ctx.sign_to_vec(digest, &mut signature).ok()?;
    Some(signature)
}

/// Whether `signature` is `key`'s PKCS#1 v1.5 signature of `digest`.
pub(crate) fn verify_digest(
    algorithm: Algorithm,
    key: &OpenSslPublic,
    digest: &[u8],
    signature: &[u8],
) -> bool {
    let Some(md) = md(algorithm) else {
        return false;
    };
    let verified = || -> Result<bool, openssl::error::ErrorStack> {
        let mut ctx = PkeyCtx::new(&key.0)?;
        ctx.verify_init()?;
        ctx.set_rsa_padding(Padding::PKCS1)?;
        ctx.set_signature_md(md)?;
        ctx.verify(digest, signature)
    };
    // A malformed signature is an error on OpenSSL's side and a mismatch on ours.
    verified().unwrap_or(false)
}

//! Which implementation performs RSA's key operations, over a digest computed
//! beforehand (SHA-1 or SHA-256, as the algorithm names): the pure-Rust `rsa` crate, or
//! OpenSSL with feature `openssl`. Both write identical RSASSA-PKCS1-v1_5 signatures
//! (the scheme is deterministic), so the choice changes speed and the implementation
//! that holds the key's arithmetic, never a byte sent.
//!
//! Taking the digest rather than the message lets a caller hash the message as it writes
//! it, with no copy of the whole message.

use rand_core::OsRng;
use rsa::Pkcs1v15Sign;
use sha1::Sha1;
use sha2::Sha256;

use super::algorithms::Algorithm;
use super::error::SignError;
use super::keys::{MerchantPrivateKey, PlatformPublicKey};

/// An implementation of RSA's private- and public-key operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RsaBackend {
    /// The pure-Rust `rsa` crate, blinded with the OS's RNG (the default without feature
    /// `openssl`; see `MARVIN.md` for RUSTSEC-2023-0071).
    RustCrypto,
    /// OpenSSL's constant-time, blinded implementation (feature `openssl`, and then the
    /// default).
    #[cfg(feature = "openssl")]
    OpenSsl,
}

impl RsaBackend {
    /// The backend every signature and verification of this build goes through.
    #[cfg(feature = "openssl")]
    pub const DEFAULT: Self = Self::OpenSsl;
    /// The backend every signature and verification of this build goes through.
    #[cfg(not(feature = "openssl"))]
    pub const DEFAULT: Self = Self::RustCrypto;

    /// Every backend compiled in (to compare them, in tests and benches).
    pub const ALL: &'static [Self] = &[
        Self::RustCrypto,
        #[cfg(feature = "openssl")]
        Self::OpenSsl,
    ];

    /// Signs `digest`, the hash of the message that `algorithm` names (20 bytes for
    /// RSA-SHA1, 32 for RSA-SHA256), and returns the raw signature (as long as the
    /// modulus). A non-RSA algorithm or a digest of another length is refused.
    pub fn sign_digest(
        self,
        algorithm: Algorithm,
        key: &MerchantPrivateKey,
        digest: &[u8],
    ) -> Result<Vec<u8>, SignError> {
        let failed = SignError::Primitive { algorithm };
        if digest_len(algorithm) != Some(digest.len()) {
            return Err(failed);
        }
        let signature = match self {
            Self::RustCrypto => rust_sign(algorithm, key, digest),
            #[cfg(feature = "openssl")]
            Self::OpenSsl => super::openssl_rsa::sign_digest(algorithm, key.openssl(), digest),
        };
        signature.ok_or(failed)
    }

    /// Whether `signature` is the key's signature of `digest` (see [`Self::sign_digest`]);
    /// `false` for a non-RSA algorithm or a digest of another length.
    pub fn verify_digest(
        self,
        algorithm: Algorithm,
        key: &PlatformPublicKey,
        digest: &[u8],
        signature: &[u8],
    ) -> bool {
        if digest_len(algorithm) != Some(digest.len()) {
            return false;
        }
        match self {
            Self::RustCrypto => rust_verify(algorithm, key, digest, signature),
            #[cfg(feature = "openssl")]
            Self::OpenSsl => {
                super::openssl_rsa::verify_digest(algorithm, key.openssl(), digest, signature)
            }
        }
    }
}

/// Signs a digest with [`RsaBackend::DEFAULT`].
pub(crate) fn sign_digest(
    algorithm: Algorithm,
    key: &MerchantPrivateKey,
    digest: &[u8],
) -> Result<Vec<u8>, SignError> {
    RsaBackend::DEFAULT.sign_digest(algorithm, key, digest)
}

/// Verifies a signature of a digest with [`RsaBackend::DEFAULT`].
pub(crate) fn verify_digest(
    algorithm: Algorithm,
    key: &PlatformPublicKey,
    digest: &[u8],
    signature: &[u8],
) -> bool {
    RsaBackend::DEFAULT.verify_digest(algorithm, key, digest, signature)
}

/// The length of the hash an RSA algorithm signs.
const fn digest_len(algorithm: Algorithm) -> Option<usize> {
    match algorithm {
        Algorithm::RsaSha1 => Some(20),
        Algorithm::RsaSha256 => Some(32),
        _ => None,
    }
}

/// The padding naming the hash in its DigestInfo prefix.
fn padding(algorithm: Algorithm) -> Pkcs1v15Sign {
    match algorithm {
        Algorithm::RsaSha256 => Pkcs1v15Sign::new::<Sha256>(),
        _ => Pkcs1v15Sign::new::<Sha1>(),
    }
}

/// `rsa`'s signature with a fresh blinding factor from the OS for every signature, as its
/// `RandomizedSigner` does.
fn rust_sign(algorithm: Algorithm, key: &MerchantPrivateKey, digest: &[u8]) -> Option<Vec<u8>> {
    key.rsa()
        .sign_with_rng(&mut OsRng, padding(algorithm), digest)
        .ok()
}

fn rust_verify(
    algorithm: Algorithm,
    key: &PlatformPublicKey,
    digest: &[u8],
    signature: &[u8],
) -> bool {
    key.rsa()
        .verify(padding(algorithm), digest, signature)
        .is_ok()
}

//! Signing and verification, driven by data that generated code declares in statics.
//!
//! A spec's signing section becomes a [`Signing`] (the signature field plus one [`Scheme`]
//! or a [`Selector`] of schemes); a scheme is a [`Canonical`] plan (how to build the string
//! to sign), an [`Algorithm`] and an [`Encoding`]. Nothing here knows any provider.
//!
//! ```
//! use payspec_runtime::signing::{Algorithm, Append, Canonical, DropValues, Encoding, Scheme, SharedSecret};
//!
//! static MD5_SCHEME: Scheme = Scheme {
//!     canonical: Canonical {
//!         exclude: &["sign", "sign_type"],
//!         drop: DropValues::NULL_AND_EMPTY,
//!         append: &[Append::Secret],
//!     },
//!     algorithm: Algorithm::Md5,
//!     encoding: Encoding::HexLower,
//! };
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let secret = SharedSecret::new("2I9Q4nExEddsH6zo")?;
//! let pairs = [("amount", Some("100")), ("name", Some("")), ("sign", None)];
//! assert_eq!(MD5_SCHEME.string_to_sign_redacted(&pairs, &[])?, "amount=100&<platform key>");
//! let signature = MD5_SCHEME.sign(&pairs, &[], &secret)?;
//! assert_eq!(signature.len(), 32);
//! # Ok(())
//! # }
//! ```

mod algorithms;
mod canonical;
mod encoding;
mod error;
mod keyfile;
mod keys;
mod pem;
mod selector;
mod string_to_sign;

use serde_json::{Map, Value};

pub use algorithms::{Algorithm, constant_time_eq, hmac_sha256, md5};
pub use canonical::{
    Append, Blank, BoundaryError, Canonical, CanonicalError, DropValues, Extra, Pair,
    REDACTED_SECRET,
};
pub use encoding::{DecodeError, Encoding};
pub use error::{SchemeError, SelectError, SignError, VerifyError};
pub use keyfile::{AnyKey, SigningKey, SigningKeyRef, VerifyingKey, VerifyingKeyRef};
pub use keys::{
    KeyError, KeyFormat, KeyKind, MAX_RSA_BITS, MIN_RSA_BITS, MerchantPrivateKey,
    PlatformPublicKey, SharedSecret,
};
pub use selector::{Schemes, Selector, Signing};
pub use string_to_sign::StringToSign;

use string_to_sign::SecretPart;

/// One way of signing: how the string is built, the algorithm, the signature's encoding.
/// Const-constructible.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Scheme {
    /// How the string to sign is built.
    pub canonical: Canonical,
    /// The algorithm over the string's UTF-8 bytes.
    pub algorithm: Algorithm,
    /// How the signature is written.
    pub encoding: Encoding,
}

impl Scheme {
    /// Checks that the parts fit: RSA appends no secret; MD5 appends one.
    pub fn check(&self) -> Result<(), SchemeError> {
        let appends_secret = self.canonical.appends_secret();
        if self.algorithm.is_rsa() && appends_secret {
            Err(SchemeError::SecretWithRsa)
        } else if self.algorithm == Algorithm::Md5 && !appends_secret {
            Err(SchemeError::UnkeyedDigest)
        } else {
            Ok(())
        }
    }

    /// Signs pairs given in ascending byte order of names (the generated fast path), with
    /// `extras` for the plan's appended values (`[("nonce", nonce)]`).
    pub fn sign<'k>(
        &self,
        pairs: &[Pair<'_>],
        extras: &[Extra<'_>],
        key: impl Into<SigningKeyRef<'k>>,
    ) -> Result<String, SignError> {
        let key = self.signing_key(key.into())?;
        let text = self
            .canonical
            .build_pairs(pairs, extras, signing_secret(key))?;
        self.sign_text(&text, key)
    }

    /// [`Self::sign`] for pairs the generated code sorted when it was generated.
    pub(crate) fn sign_sorted<'k>(
        &self,
        pairs: &[Pair<'_>],
        extras: &[Extra<'_>],
        key: impl Into<SigningKeyRef<'k>>,
    ) -> Result<String, SignError> {
        let key = self.signing_key(key.into())?;
        let text = self
            .canonical
            .build_sorted_pairs(pairs, extras, signing_secret(key))?;
        self.sign_text(&text, key)
    }

    /// Signs a JSON body over all its fields (for the CLI, or bodies built as JSON).
    pub fn sign_body<'k>(
        &self,
        body: &Map<String, Value>,
        extras: &[Extra<'_>],
        key: impl Into<SigningKeyRef<'k>>,
    ) -> Result<String, SignError> {
        let key = self.signing_key(key.into())?;
        let text = self
            .canonical
            .build_body(body, extras, signing_secret(key))?;
        self.sign_text(&text, key)
    }

    /// Verifies `signature` over every field of a received body that the plan keeps
    /// (unknown fields included: the provider may add fields).
    pub fn verify<'k>(
        &self,
        body: &Map<String, Value>,
        extras: &[Extra<'_>],
        key: impl Into<VerifyingKeyRef<'k>>,
        signature: &str,
    ) -> Result<(), VerifyError> {
        let key = self.verifying_key(key.into())?;
        let text = self
            .canonical
            .build_body(body, extras, verifying_secret(key))?;
        self.verify_text(&text, key, signature)
    }

    /// Verifies `signature` over sorted pairs (the counterpart of [`Scheme::sign`]).
    pub fn verify_pairs<'k>(
        &self,
        pairs: &[Pair<'_>],
        extras: &[Extra<'_>],
        key: impl Into<VerifyingKeyRef<'k>>,
        signature: &str,
    ) -> Result<(), VerifyError> {
        let key = self.verifying_key(key.into())?;
        let text = self
            .canonical
            .build_pairs(pairs, extras, verifying_secret(key))?;
        self.verify_text(&text, key, signature)
    }

    /// The string [`Scheme::sign`] would sign, with any secret shown as
    /// [`REDACTED_SECRET`] (for `--explain`; needs no key).
    pub fn string_to_sign_redacted(
        &self,
        pairs: &[Pair<'_>],
        extras: &[Extra<'_>],
    ) -> Result<String, CanonicalError> {
        self.canonical.string_to_sign_redacted(pairs, extras)
    }

    /// The string [`Scheme::verify`] would check for a body, any secret redacted.
    pub fn string_to_sign_redacted_body(
        &self,
        body: &Map<String, Value>,
        extras: &[Extra<'_>],
    ) -> Result<String, CanonicalError> {
        self.canonical
            .string_to_sign_from_body_redacted(body, extras)
    }

    fn signing_key<'k>(&self, key: SigningKeyRef<'k>) -> Result<SigningKeyRef<'k>, SignError> {
        self.check()?;
        if key.kind() == self.algorithm.signing_key_kind() {
            Ok(key)
        } else {
            Err(SignError::WrongKey {
                algorithm: self.algorithm,
                expected: self.algorithm.signing_key_kind(),
                given: key.kind(),
            })
        }
    }

    fn verifying_key<'k>(
        &self,
        key: VerifyingKeyRef<'k>,
    ) -> Result<VerifyingKeyRef<'k>, VerifyError> {
        self.check()?;
        if key.kind() == self.algorithm.verifying_key_kind() {
            Ok(key)
        } else {
            Err(VerifyError::WrongKey {
                algorithm: self.algorithm,
                expected: self.algorithm.verifying_key_kind(),
                given: key.kind(),
            })
        }
    }

    fn sign_text(&self, text: &StringToSign, key: SigningKeyRef<'_>) -> Result<String, SignError> {
        let raw = self.algorithm.sign_bytes(key, text.as_bytes())?;
        Ok(self.encoding.encode(&raw))
    }

    fn verify_text(
        &self,
        text: &StringToSign,
        key: VerifyingKeyRef<'_>,
        signature: &str,
    ) -> Result<(), VerifyError> {
        let raw = self.encoding.decode(signature)?;
        self.algorithm.verify_bytes(key, text.as_bytes(), &raw)
    }
}

fn signing_secret(key: SigningKeyRef<'_>) -> SecretPart<'_> {
    match key {
        SigningKeyRef::Secret(secret) => SecretPart::Real(secret),
        SigningKeyRef::Rsa(_) => SecretPart::Absent,
    }
}

fn verifying_secret(key: VerifyingKeyRef<'_>) -> SecretPart<'_> {
    match key {
        VerifyingKeyRef::Secret(secret) => SecretPart::Real(secret),
        VerifyingKeyRef::Rsa(_) => SecretPart::Absent,
    }
}

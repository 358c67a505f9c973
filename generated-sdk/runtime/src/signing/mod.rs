//! Signing and verification, driven by data that generated code declares in statics.
//!
//! A spec's signing section becomes a [`Signing`] (where the signature goes, a body field
//! or a header, plus one [`Scheme`] or a [`Selector`] of schemes); a scheme is a
//! [`Message`] (the parts signed and their separator), an [`Algorithm`] and an
//! [`Encoding`]. Nothing here knows any provider.
//!
//! ```
//! use payspec_runtime::signing::{
//!     Algorithm, Canonical, DropValues, Encoding, FieldsForm, Message, Part, Piece, Scheme,
//!     SharedSecret,
//! };
//!
//! static MD5_SCHEME: Scheme = Scheme {
//!     message: Message {
//!         separator: "&",
//!         parts: &[
//!             Part {
//!                 label: "",
//!                 piece: Piece::Fields(Canonical {
//!                     exclude: &["sign", "sign_type"],
//!                     drop: DropValues::NULL_AND_EMPTY,
//!                     form: FieldsForm::Pairs,
//!                 }),
//!             },
//!             Part { label: "", piece: Piece::Secret },
//!         ],
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
mod digest;
mod encoding;
mod error;
mod json_text;
mod keyfile;
mod keys;
mod message;
#[cfg(feature = "openssl")]
mod openssl_rsa;
mod pem;
mod rsa_backend;
mod selector;
mod sink;
mod staged;
mod string_to_sign;

use serde_json::{Map, Value};

pub use algorithms::{Algorithm, constant_time_eq, hmac_sha256, md5};
pub use canonical::{
    Blank, BoundaryError, Canonical, CanonicalError, DropValues, Extra, FieldsForm, Pair,
    REDACTED_FIELD, REDACTED_SECRET,
};
pub use digest::Digest;
pub use encoding::{DecodeError, Encoding};
pub use error::{SchemeError, SelectError, SignError, VerifyError};
pub use keyfile::{AnyKey, SigningKey, SigningKeyRef, VerifyingKey, VerifyingKeyRef};
pub use keys::{
    KeyError, KeyFormat, KeyKind, MAX_RSA_BITS, MIN_RSA_BITS, MerchantPrivateKey,
    PlatformPublicKey, SharedSecret,
};
pub use message::{Fields, Message, MessageInput, Part, Piece};
pub use rsa_backend::RsaBackend;
pub use selector::{Placement, Schemes, Selector, Signing};
pub use string_to_sign::StringToSign;

use message::Filled;
use string_to_sign::{SecretPart, into_public};

/// One way of signing: the message, the algorithm, the signature's encoding.
/// Const-constructible.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Scheme {
    /// What is signed.
    pub message: Message,
    /// The algorithm over the message's bytes.
    pub algorithm: Algorithm,
    /// How the signature is written.
    pub encoding: Encoding,
}

impl Scheme {
    /// Checks that the parts fit: an RSA message contains no secret and its signature is
    /// not written as hex text; a plain digest's message contains one (or the digest
    /// would depend on no key).
    pub fn check(&self) -> Result<(), SchemeError> {
        let has_secret = self.message.has_secret();
        if self.algorithm.is_rsa() && has_secret {
            Err(SchemeError::SecretWithRsa)
        } else if self.algorithm.is_rsa() && self.encoding.is_digest_text() {
            Err(SchemeError::RsaAsDigestText {
                encoding: self.encoding,
            })
        } else if self.algorithm.is_digest() && !has_secret {
            Err(SchemeError::UnkeyedDigest)
        } else {
            Ok(())
        }
    }

    /// The plan of the body's fields, if the message writes them.
    pub fn canonical(&self) -> Option<&Canonical> {
        self.message.canonical()
    }

    /// Signs everything a message can read (the general entry point).
    pub fn sign_message<'k>(
        &self,
        input: &MessageInput<'_>,
        key: impl Into<SigningKeyRef<'k>>,
    ) -> Result<String, SignError> {
        self.check()?;
        self.sign_checked(input, key.into())
    }

    /// [`Self::sign_message`] of a scheme already checked (by
    /// [`Signing::check_scheme`], once per signature).
    pub(crate) fn sign_checked(
        &self,
        input: &MessageInput<'_>,
        key: SigningKeyRef<'_>,
    ) -> Result<String, SignError> {
        // The message goes straight into the hash or MAC (no string is built), which
        // refuses a key of the wrong kind.
        let filled = Filled {
            message: &self.message,
            input,
            secret: signing_secret(key),
        };
        self.algorithm
            .sign_written(key, &filled, |raw| self.encoding.encode(raw))
    }

    /// Verifies `signature` over everything a message can read, in constant time.
    pub fn verify_message<'k>(
        &self,
        input: &MessageInput<'_>,
        key: impl Into<VerifyingKeyRef<'k>>,
        signature: &str,
    ) -> Result<(), VerifyError> {
        let key = self.verifying_key(key.into())?;
        let raw = self.encoding.decode(signature)?;
        let filled = Filled {
            message: &self.message,
            input,
            secret: verifying_secret(key),
        };
        self.algorithm.verify_written(key, &filled, &raw)
    }

    /// The message [`Self::sign_message`] would sign, with any secret shown as
    /// [`REDACTED_SECRET`] (for `--explain`; needs no key). A body that is not UTF-8 is
    /// shown lossily.
    pub fn explain(&self, input: &MessageInput<'_>) -> Result<String, CanonicalError> {
        self.message
            .build(input, SecretPart::Redacted)
            .map(into_public)
    }

    /// The message built from `input`, with the real secret where the message has it:
    /// its `Debug` hides it, and it is wiped on drop.
    pub fn message_to_sign(
        &self,
        input: &MessageInput<'_>,
        secret: Option<&SharedSecret>,
    ) -> Result<StringToSign, CanonicalError> {
        self.message
            .build(input, secret.map_or(SecretPart::Absent, SecretPart::Real))
    }

    /// [`Self::message_to_sign`] over pairs given in ascending byte order of names.
    pub fn string_to_sign(
        &self,
        pairs: &[Pair<'_>],
        extras: &[Extra<'_>],
        secret: Option<&SharedSecret>,
    ) -> Result<StringToSign, CanonicalError> {
        self.message_to_sign(&MessageInput::fields(Fields::Pairs(pairs), extras), secret)
    }

    /// Signs pairs given in ascending byte order of names, with `extras` for the header
    /// values the message reads (`[("nonce", nonce)]`).
    pub fn sign<'k>(
        &self,
        pairs: &[Pair<'_>],
        extras: &[Extra<'_>],
        key: impl Into<SigningKeyRef<'k>>,
    ) -> Result<String, SignError> {
        self.sign_message(&MessageInput::fields(Fields::Pairs(pairs), extras), key)
    }

    /// Signs a JSON body over all its fields (for the CLI, or bodies built as JSON).
    pub fn sign_body<'k>(
        &self,
        body: &Map<String, Value>,
        extras: &[Extra<'_>],
        key: impl Into<SigningKeyRef<'k>>,
    ) -> Result<String, SignError> {
        self.sign_message(&MessageInput::fields(Fields::Body(body), extras), key)
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
        self.verify_message(
            &MessageInput::fields(Fields::Body(body), extras),
            key,
            signature,
        )
    }

    /// Verifies `signature` over sorted pairs (the counterpart of [`Scheme::sign`]).
    pub fn verify_pairs<'k>(
        &self,
        pairs: &[Pair<'_>],
        extras: &[Extra<'_>],
        key: impl Into<VerifyingKeyRef<'k>>,
        signature: &str,
    ) -> Result<(), VerifyError> {
        self.verify_message(
            &MessageInput::fields(Fields::Pairs(pairs), extras),
            key,
            signature,
        )
    }

    /// The string [`Scheme::sign`] would sign, with any secret shown as
    /// [`REDACTED_SECRET`] (for `--explain`; needs no key).
    pub fn string_to_sign_redacted(
        &self,
        pairs: &[Pair<'_>],
        extras: &[Extra<'_>],
    ) -> Result<String, CanonicalError> {
        self.explain(&MessageInput::fields(Fields::Pairs(pairs), extras))
    }

    /// The string [`Scheme::verify`] would check for a body, any secret redacted.
    pub fn string_to_sign_redacted_body(
        &self,
        body: &Map<String, Value>,
        extras: &[Extra<'_>],
    ) -> Result<String, CanonicalError> {
        self.explain(&MessageInput::fields(Fields::Body(body), extras))
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

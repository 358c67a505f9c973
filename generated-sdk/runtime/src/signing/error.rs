//! Errors of signing and verifying. None of them carries key material or a signature
//! computed with a key; received data appears only as field names and selector values.

use super::algorithms::Algorithm;
use super::canonical::{BoundaryError, CanonicalError};
use super::encoding::{DecodeError, Encoding};
use super::keys::KeyKind;
use crate::nonce::NonceError;

/// A scheme whose parts do not fit together (a spec or generator mistake).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SchemeError {
    /// An RSA scheme whose message contains the shared secret (an RSA key is not a
    /// secret text).
    #[error("an RSA scheme cannot sign a message that contains a shared secret")]
    SecretWithRsa,
    /// An RSA signature written in an encoding of a digest's hex text (`base64-hex`): an
    /// RSA signature is not a digest, and no provider writes one so.
    #[error("an RSA signature is not a digest: it cannot be written as {encoding}")]
    RsaAsDigestText {
        /// The encoding.
        encoding: Encoding,
    },
    /// A plain digest whose message lacks the secret: it would depend on no key.
    #[error("a plain digest's message must contain the shared secret, or it depends on no key")]
    UnkeyedDigest,
    /// The field that carries the signature is not left out of the message.
    #[error(
        "the signature field `{field}` must be left out of the message (excluded from its fields, and the body's bytes not signed)"
    )]
    SignatureFieldNotExcluded {
        /// The signature field.
        field: &'static str,
    },
}

/// The selector field of a body does not choose a scheme.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    /// A value that names no scheme.
    #[error("`{field}` is `{value}`, which names no signing scheme")]
    UnknownValue {
        /// The selector field.
        field: &'static str,
        /// The value received (cut to 64 characters).
        value: String,
    },
    /// A value that is not text.
    #[error("`{field}` must be text to choose a signing scheme")]
    NotText {
        /// The selector field.
        field: &'static str,
    },
}

/// Why signing failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    /// The string to sign could not be built.
    #[error(transparent)]
    Canonical(#[from] CanonicalError),
    /// The scheme is inconsistent.
    #[error(transparent)]
    Scheme(#[from] SchemeError),
    /// The body's selector field chooses no scheme.
    #[error(transparent)]
    Select(#[from] SelectError),
    /// A key of the wrong kind for the algorithm.
    #[error("{algorithm} signing needs {expected}, but was given {given}")]
    WrongKey {
        /// The scheme's algorithm.
        algorithm: Algorithm,
        /// The key kind it needs.
        expected: KeyKind,
        /// The key kind given.
        given: KeyKind,
    },
    /// The nonce does not have the form the spec's header gives.
    #[error(transparent)]
    Nonce(#[from] NonceError),
    /// The message reads a header whose value comes from the credentials, and none
    /// were given (sign with `SignWith::credentials`).
    #[error("the message signs the `{header}` header, which needs the credentials")]
    CredentialsRequired {
        /// The header.
        header: &'static str,
    },
    /// The body could not be written.
    #[error("cannot write the body: {0}")]
    Body(String),
    /// A nonce was given, but the spec signs none.
    #[error("this spec signs no nonce; sign without one")]
    NoNonce,
    /// The signature alone was asked for, but the message signs a header whose value
    /// would be drawn and not given back (a nonce not given, a request id, the time): a
    /// signature over a value no one has is of no use.
    #[error(
        "the message signs the `{header}` header, whose value would be drawn and not given back: give the nonce, or sign the request (`sign_with`), which keeps the values it signs"
    )]
    HeaderNotGiven {
        /// The header.
        header: &'static str,
    },
    /// The cryptographic operation failed (the library's error is not repeated: it could
    /// describe key internals).
    #[error("{algorithm} signing failed")]
    Primitive {
        /// The algorithm that failed.
        algorithm: Algorithm,
    },
}

/// Why verification failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// The signature does not match the data: tampered, or signed with another key.
    #[error("the signature does not match")]
    Mismatch,
    /// The body is not a JSON object.
    #[error("the body is not a JSON object")]
    NotJsonObject,
    /// The body repeats keys (JSON Pointers of the repeats): which of two values was
    /// signed, and which one a reader acts on, cannot be told.
    #[error("the body repeats keys: {}", .0.join(", "))]
    DuplicateKeys(Vec<String>),
    /// The string to sign could be read with other field boundaries.
    #[error(transparent)]
    Ambiguous(#[from] BoundaryError),
    /// The signature text is not in the scheme's encoding.
    #[error(transparent)]
    Malformed(#[from] DecodeError),
    /// The body has no signature field.
    #[error("the body has no `{field}` signature field")]
    MissingSignature {
        /// The signature field.
        field: &'static str,
    },
    /// The header that carries the signature is missing.
    #[error("the `{header}` signature header is missing")]
    MissingSignatureHeader {
        /// The header.
        header: &'static str,
    },
    /// The signature header does not start with its prefix.
    #[error("the `{header}` signature header does not start with `{prefix}`")]
    SignaturePrefix {
        /// The header.
        header: &'static str,
        /// The prefix the spec gives.
        prefix: &'static str,
    },
    /// The signature field is not a string.
    #[error("the `{field}` signature field is not a string")]
    SignatureNotText {
        /// The signature field.
        field: &'static str,
    },
    /// The string to sign could not be built.
    #[error(transparent)]
    Canonical(#[from] CanonicalError),
    /// The scheme is inconsistent.
    #[error(transparent)]
    Scheme(#[from] SchemeError),
    /// The body's selector field chooses no scheme.
    #[error(transparent)]
    Select(#[from] SelectError),
    /// A key of the wrong kind for the algorithm.
    #[error("{algorithm} verification needs {expected}, but was given {given}")]
    WrongKey {
        /// The scheme's algorithm.
        algorithm: Algorithm,
        /// The key kind it needs.
        expected: KeyKind,
        /// The key kind given.
        given: KeyKind,
    },
}

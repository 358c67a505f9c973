//! Raw spec: the signing section.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::load::at::{At, Item};

/// The signing scheme or schemes, and where the signature goes.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSigning {
    /// The body field that carries the signature (`sign`): a `signature` field of every
    /// operation that is signed. Exactly one of `field` and `header`.
    #[serde(default)]
    pub field: Option<At<String>>,
    /// The header that carries the signature, with what is written before it.
    #[serde(default)]
    pub header: Option<At<RawSignatureHeader>>,
    /// With `header`: whether requests are signed (default `true`); `false` when only what
    /// the provider sends (callbacks) is.
    #[serde(default)]
    pub requests: Option<At<bool>>,
    /// The schemes, by name (`rsa`, `md5`, `hmac`).
    pub schemes: IndexMap<At<String>, Item<RawScheme>>,
    /// With several schemes: the body field that chooses, the default, and which value
    /// picks which scheme.
    #[serde(default)]
    pub select: Option<At<RawSelect>>,
    /// What the provider's signing page says, and where it is unclear.
    #[serde(default)]
    pub note: Option<At<String>>,
}

/// A signature header.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSignatureHeader {
    /// The header's name (`X-Signature`).
    pub name: At<String>,
    /// Written before the signature (`HMACSHA256=`); none by default.
    #[serde(default)]
    pub prefix: Option<At<String>>,
}

/// One way of signing: the message, the algorithm and the output encoding.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScheme {
    /// What is signed: parts joined by a separator.
    pub message: At<RawMessage>,
    /// The algorithm over the message's UTF-8 bytes.
    pub algorithm: At<SigningAlgorithm>,
    /// How the signature is written.
    pub encoding: At<SignatureEncoding>,
}

/// The message: its parts in order, and what is written between them.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMessage {
    /// Written between parts (`&`, a newline, `:`); nothing by default.
    #[serde(default)]
    pub separator: Option<At<String>>,
    /// The parts, in order.
    pub parts: Vec<Item<RawPart>>,
}

/// One part of the message: an optional `label` written before it, and exactly one of
/// `fields`, `body`, `body_digest`, `header`, `request`, `secret`, `text`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPart {
    /// Written before the value (`nonce=`, `Client-Id:`).
    #[serde(default)]
    pub label: Option<At<String>>,
    /// The body's fields, sorted by name: `name=value` pairs joined with `&`, or a JSON
    /// object (`as: json`).
    #[serde(default)]
    pub fields: Option<At<RawFieldsPart>>,
    /// `bytes`: the body exactly as sent or received.
    #[serde(default)]
    pub body: Option<At<BodyPart>>,
    /// A digest of the body's bytes.
    #[serde(default)]
    pub body_digest: Option<At<RawBodyDigest>>,
    /// The value of this request header.
    #[serde(default)]
    pub header: Option<At<String>>,
    /// `method` or `path` of the request.
    #[serde(default)]
    pub request: Option<At<RequestPart>>,
    /// `true`: the shared secret.
    #[serde(default)]
    pub secret: Option<At<bool>>,
    /// A fixed text.
    #[serde(default)]
    pub text: Option<At<String>>,
}

/// The body's fields, sorted by name.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFieldsPart {
    /// Body fields left out (the signature field at least, when it is in the body).
    #[serde(default)]
    pub exclude: Vec<At<String>>,
    /// Values left out: `null`, `empty` (""), `blank` (see `blank_means`).
    #[serde(default)]
    pub drop: Vec<At<DropValue>>,
    /// With `blank` in `drop`: what the provider's implementation counts as blank. A value
    /// one side drops and the other keeps makes the two sign different strings.
    #[serde(default)]
    pub blank_means: Option<At<BlankMeaning>>,
    /// How the kept fields are written: `pairs` (the default) or `json`.
    #[serde(default, rename = "as")]
    pub form: Option<At<FieldsForm>>,
}

/// How a message writes the body's kept fields.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FieldsForm {
    /// `name=value` pairs sorted by name in byte order, joined with `&`, each value's text
    /// raw (not URL-encoded).
    #[default]
    Pairs,
    /// One compact JSON object (no white space), keys in ascending byte order, each value
    /// as the body sends it: a number's digits, a string with JSON's escapes, `true`,
    /// `false`, `null`.
    Json,
}

/// The body as a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BodyPart {
    /// Its bytes exactly as sent or received.
    Bytes,
}

/// A part of the request line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RequestPart {
    /// The HTTP method (`POST`).
    Method,
    /// The path without the query (`/v1/payouts`).
    Path,
}

/// A digest of the body.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBodyDigest {
    /// The digest.
    pub digest: At<DigestAlgorithm>,
    /// How it is written.
    pub encoding: At<SignatureEncoding>,
}

/// Digests of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DigestAlgorithm {
    /// MD5.
    Md5,
    /// SHA-256.
    Sha256,
    /// SHA-512.
    Sha512,
}

/// Values a scheme leaves out of the string to sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DropValue {
    /// JSON `null` (and absent optional fields).
    Null,
    /// The empty string.
    Empty,
    /// A string of only whitespace.
    Blank,
}

/// What a provider counts as a blank value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BlankMeaning {
    /// Nothing left after Java's `String.trim()`: every character is U+0020 or below
    /// (space and ASCII control characters); a no-break space is not blank.
    JavaTrim,
    /// Only Unicode `White_Space` characters.
    UnicodeWhiteSpace,
}

/// Signature algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SigningAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-1 (the merchant's private key signs).
    RsaSha1,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RsaSha256,
    /// MD5 of the message (which must contain the secret).
    Md5,
    /// SHA-256 of the message (which must contain the secret).
    Sha256,
    /// SHA-512 of the message (which must contain the secret).
    Sha512,
    /// HMAC-SHA256 keyed with the shared secret.
    HmacSha256,
    /// HMAC-SHA512 keyed with the shared secret.
    HmacSha512,
}

/// Signature encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureEncoding {
    /// Standard base64 with padding.
    Base64,
    /// Lowercase hexadecimal.
    HexLower,
    /// Uppercase hexadecimal.
    HexUpper,
    /// URL-safe base64 without padding.
    Base64Url,
    /// Standard base64 with padding of the lowercase hexadecimal text of the digest or
    /// MAC: `base64(hex(hmac_sha256(...)))`. Not for RSA, whose signature is not a digest.
    Base64Hex,
}

/// How a body field chooses among schemes.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSelect {
    /// The choosing field (`sign_type`).
    pub field: At<String>,
    /// The scheme when the field is absent, null or empty.
    pub default: At<String>,
    /// Field value -> scheme name.
    pub by_value: IndexMap<At<String>, At<String>>,
}

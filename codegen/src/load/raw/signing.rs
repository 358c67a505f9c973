//! Raw spec: the signing section.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::load::at::{At, Item};

/// The signing scheme or schemes, and where the signature goes.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSigning {
    /// The body field that carries the signature (`sign`); a `signature` field of every
    /// operation that is signed.
    pub field: At<String>,
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

/// One way of signing: how the string is built, the algorithm and the output encoding.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScheme {
    /// Body fields left out of the string (the signature field at least).
    pub exclude: Vec<At<String>>,
    /// Values left out of the string: `null`, `empty` (""), `blank` (see `blank_means`).
    #[serde(default)]
    pub drop: Vec<At<DropValue>>,
    /// With `blank` in `drop`: what the provider's implementation counts as blank. A value
    /// one side drops and the other keeps makes the two sign different strings.
    #[serde(default)]
    pub blank_means: Option<At<BlankMeaning>>,
    /// What is appended after the sorted `name=value&...` pairs, in order.
    #[serde(default)]
    pub append: Vec<At<RawAppend>>,
    /// The algorithm over the string's UTF-8 bytes.
    pub algorithm: At<SigningAlgorithm>,
    /// How the signature is written.
    pub encoding: At<SignatureEncoding>,
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

/// Something appended to the string to sign. Exactly one key.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAppend {
    /// `&<name>=<value>` with the value of this request header (`nonce`), unsorted.
    #[serde(default)]
    pub header: Option<At<String>>,
    /// `&<key>`: the shared secret itself.
    #[serde(default)]
    pub secret: Option<At<bool>>,
    /// `&<name>=<key>`: the shared secret under a name (`key`).
    #[serde(default)]
    pub secret_as: Option<At<String>>,
}

/// Signature algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SigningAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-1 (the merchant's private key signs).
    RsaSha1,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RsaSha256,
    /// MD5 of the string (which must append the secret).
    Md5,
    /// HMAC-SHA256 keyed with the shared secret.
    HmacSha256,
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

//! The spec format as written in YAML: raw, unchecked, every value with its position.
//!
//! These types are the single source of truth for the format: serde reads specs with
//! them and schemars derives `specs/schema.json` from them, so editor completion and the
//! loader cannot disagree. Unknown keys are rejected everywhere.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::load::at::{At, Item};

mod exchange;
mod request;
mod rules;
mod signing;

pub use exchange::*;
pub use request::*;
pub use rules::*;
pub use signing::*;

/// One provider page: a payout operation's request, as the provider documents it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSpec {
    /// Version of the spec language; this generator reads version 1.
    pub spec: At<u32>,
    /// Stable identifier, `<provider>-<country>` in lowercase (`teemopay-mx`). Names the
    /// generated module (`teemopay_mx`) and the spec on the command line.
    pub id: At<String>,
    /// The provider's display name (`TeemoPay`).
    pub provider: At<String>,
    /// ISO 3166-1 alpha-2 country code in uppercase (`MX`).
    pub country: At<String>,
    /// ISO 4217 currency code in uppercase (`MXN`).
    pub currency: At<String>,
    /// The page's title.
    pub title: At<String>,
    /// Where the page comes from (its name on the provider's site).
    pub source: At<String>,
    /// What the page says that is odd, contradictory or easy to miss, and how the spec
    /// resolves it.
    #[serde(default)]
    pub notes: Vec<At<String>>,
    /// The provider file this spec extends (`provider.yaml`, beside it): its values are
    /// merged under the spec's, mapping by mapping.
    #[serde(default)]
    pub extends: Option<At<String>>,
    /// The provider file's values this spec replaces, as dotted paths
    /// (`statuses.values.1.doc`); replacing one that is not listed is an error.
    #[serde(default)]
    pub overrides: Vec<At<String>>,
    /// Request headers, by header name, and where each value comes from.
    #[serde(default)]
    pub headers: IndexMap<At<String>, Item<RawHeader>>,
    /// Reference data (bank lists, BIN lists), by list name, each in a file beside the spec.
    #[serde(default)]
    pub reference: IndexMap<At<String>, Item<RawReference>>,
    /// How requests, answers and callbacks are signed (the provider's general rules; the
    /// pages only say `sign: Signature`).
    #[serde(default)]
    pub signing: Option<Item<RawSigning>>,
    /// How the provider answers every call: the result code, which codes mean "accepted",
    /// the message and the payload.
    #[serde(default)]
    pub answers: Option<Item<RawAnswers>>,
    /// The payout status codes that answers and callbacks carry, each with its meaning.
    #[serde(default)]
    pub statuses: Option<Item<RawStatuses>>,
    /// The provider's callback (notification) of a payout's fate.
    #[serde(default)]
    pub callback: Option<Item<RawCallback>>,
    /// The operations the page documents, by name in snake_case (`create_payout`).
    pub operations: IndexMap<At<String>, Item<RawOperation>>,
}

/// Where a header's value comes from. Exactly one of `value` and `from` is given.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    /// What the page says of the header.
    #[serde(default)]
    pub doc: Option<At<String>>,
    /// A constant value (`country: { value: MX }`).
    #[serde(default)]
    pub value: Option<At<String>>,
    /// A value produced per request or taken from the merchant's credentials.
    #[serde(default)]
    pub from: Option<At<HeaderSource>>,
    /// For `from: nonce`: how many characters the nonce has.
    #[serde(default)]
    pub length: Option<At<u32>>,
}

/// Sources of header values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum HeaderSource {
    /// The current time as Unix milliseconds (13 digits).
    UnixMillis,
    /// The current time as Unix seconds.
    UnixSeconds,
    /// The current time as ISO-8601 in UTC to the second (`2020-08-11T08:45:42Z`).
    #[serde(rename = "iso-8601")]
    Iso8601,
    /// A fresh random string from a CSPRNG (see `length`).
    Nonce,
    /// A fresh request id (a UUID v4).
    RequestId,
    /// The merchant's application code, from the credentials.
    AppCode,
    /// The merchant's authorization id, from the credentials.
    Authorization,
    /// The merchant's key id or client id, from the credentials.
    KeyId,
    /// The merchant's API key, from the credentials (secret).
    ApiKey,
    /// `Bearer <API key>`.
    Bearer,
    /// HTTP Basic of the key id and the API key.
    Basic,
    /// HTTP Basic of the API key as the user name, with an empty password.
    BasicApiKey,
}

/// A reference list: a data file beside the spec.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReference {
    /// The data file, relative to the spec's folder.
    pub file: At<String>,
    /// What the list is.
    #[serde(default)]
    pub doc: Option<At<String>>,
}

/// A reference data file: entries by key, each with an optional name and values.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReferenceData {
    /// What the list is.
    #[serde(default)]
    pub doc: Option<At<String>>,
    /// Where the list is published: the provider's page and the revision transcribed.
    /// Every shipped list has one (a test says so); a file without it cannot say what it
    /// transcribes.
    #[serde(default)]
    pub source: Option<At<RawListSource>>,
    /// Whether the file holds the provider's whole list (default: no). A check that
    /// rejects a value missing from the list (`in_list` on a field or in `then`) needs a
    /// complete one.
    #[serde(default)]
    pub complete: Option<At<bool>>,
    /// Entries by key (a bank code, a bank name).
    pub entries: IndexMap<At<String>, Item<RawReferenceEntry>>,
}

/// Where a reference list is published.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawListSource {
    /// The repository or site publishing the page (`teemopay/docs`).
    pub repository: At<String>,
    /// The page's path in it.
    pub path: At<String>,
    /// The revision transcribed (a commit).
    pub commit: At<String>,
    /// The revision's date, `YYYY-MM-DD`.
    pub date: At<String>,
}

/// One entry of a reference list.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReferenceEntry {
    /// A display name (the bank's name).
    #[serde(default)]
    pub name: Option<At<String>>,
    /// Values listed under the key (the bank's BINs); empty means none are listed.
    #[serde(default)]
    pub values: Vec<At<String>>,
    /// Facts the list gives the entry, by name (`account_length: "14|13"`), which a rule
    /// can check against (`length_in_list`).
    #[serde(default)]
    pub attributes: IndexMap<At<String>, At<String>>,
}

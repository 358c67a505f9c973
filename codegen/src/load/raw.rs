//! The spec format as written in YAML: raw, unchecked, every value with its position.
//!
//! These types are the single source of truth for the format: serde reads specs with
//! them and schemars derives `specs/schema.json` from them, so editor completion and the
//! loader cannot disagree. Unknown keys are rejected everywhere.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

use super::at::{At, Item};

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

/// How the provider's answers are built.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAnswers {
    /// The field holding the result code (`code`, `error_code`).
    pub code: At<String>,
    /// The codes meaning the call was accepted, as text (`"200"`, `"0000"`). Accepted is
    /// not success: the payout's fate comes by callback or query.
    pub accepted: Vec<At<String>>,
    /// The field holding the message.
    #[serde(default)]
    pub message: Option<At<String>>,
    /// The field holding the payload; none when the payload is the answer itself.
    #[serde(default)]
    pub data: Option<At<String>>,
    /// Known result codes other than the accepted ones, each with its meaning.
    #[serde(default)]
    pub codes: IndexMap<At<String>, Item<RawResultCode>>,
    /// Where the pages disagree about answers.
    #[serde(default)]
    pub note: Option<At<String>>,
}

/// A known result code.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawResultCode {
    /// What the provider says it means.
    pub doc: At<String>,
    /// Its meaning in the SDK's terms.
    pub meaning: At<Rejection>,
}

/// Why a provider rejects a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Rejection {
    /// The signature did not verify.
    BadSignature,
    /// A parameter is missing or malformed.
    InvalidParameters,
    /// The merchant order number was used before.
    DuplicateOrder,
    /// The merchant's balance does not cover the payout.
    InsufficientBalance,
    /// The amount is below the minimum or above the maximum.
    AmountOutOfRange,
    /// The body is not valid JSON.
    InvalidJson,
    /// Anything else.
    Other,
}

/// The payout status codes of answers and callbacks.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawStatuses {
    /// The field holding the status (`status`).
    pub field: At<String>,
    /// The codes, each with a Rust name and its meaning.
    pub values: IndexMap<At<String>, Item<RawStatus>>,
    /// Where the pages disagree about statuses.
    #[serde(default)]
    pub note: Option<At<String>>,
}

/// One status code.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawStatus {
    /// The Rust variant name (`Processing`).
    pub name: At<String>,
    /// What the code means for the payout.
    pub state: At<PayoutState>,
    /// What the page says.
    #[serde(default)]
    pub doc: Option<At<String>>,
}

/// A payout's state, in the SDK's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PayoutState {
    /// Accepted, not yet being paid.
    Pending,
    /// Being paid.
    Processing,
    /// Paid.
    Succeeded,
    /// Not paid; may be created again.
    Failed,
    /// Paid, then returned to the merchant.
    Refunded,
    /// Paid, then partly returned.
    PartiallyRefunded,
}

/// Which role an operation plays in a payout's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OperationRole {
    /// Creates a payout: never retried automatically (a retry can pay twice).
    Create,
    /// Reads a payout's state: safe to retry.
    Query,
}

/// What an operation's accepted answer carries.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAnswer {
    /// The payload field with the platform's order number (`tradeNo`, `payout_id`).
    #[serde(default)]
    pub order_id: Option<At<String>>,
    /// The payload field with the merchant's order number.
    #[serde(default)]
    pub merchant_order_id: Option<At<String>>,
    /// Whether the payload is a list of payouts (the gateway's query).
    #[serde(default)]
    pub list: Option<At<bool>>,
    /// The payload's fields as the page documents them; others that arrive are kept.
    #[serde(default)]
    pub fields: IndexMap<At<String>, Item<RawDataField>>,
    /// Where the page's answer example disagrees with its table.
    #[serde(default)]
    pub note: Option<At<String>>,
}

/// A documented field of an answer or a callback.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDataField {
    /// The JSON type the page gives (`string`, `number`).
    #[serde(rename = "type")]
    pub ty: At<WireForm>,
    /// What the page says.
    #[serde(default)]
    pub doc: Option<At<String>>,
    /// Whether it may be `null` or absent.
    #[serde(default)]
    pub nullable: Option<At<bool>>,
}

/// The provider's callback.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCallback {
    /// What the callback is.
    #[serde(default)]
    pub doc: Option<At<String>>,
    /// The callback's header carrying the nonce appended when verifying (`nonce`).
    #[serde(default)]
    pub nonce_header: Option<At<String>>,
    /// The field with the merchant's order number.
    pub merchant_order_id: At<String>,
    /// The field with the platform's order number.
    #[serde(default)]
    pub order_id: Option<At<String>>,
    /// What the merchant must answer, or the callback is retried.
    pub reply: At<RawReply>,
    /// The callback's fields as documented; it is verified over every field received.
    #[serde(default)]
    pub fields: IndexMap<At<String>, Item<RawDataField>>,
    /// Where the pages disagree about callbacks.
    #[serde(default)]
    pub note: Option<At<String>>,
}

/// The merchant's reply to a callback.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReply {
    /// Its content type.
    pub content_type: At<String>,
    /// Its exact body (`SUCCESS`, `{"error_code":"0000"}`).
    pub body: At<String>,
}

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
    /// Values left out of the string: `null`, `empty` (""), `blank` (only whitespace).
    #[serde(default)]
    pub drop: Vec<At<DropValue>>,
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
    /// A fresh random string from a CSPRNG (see `length`).
    Nonce,
    /// The merchant's application code, from the credentials.
    AppCode,
    /// The merchant's authorization id, from the credentials.
    Authorization,
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

/// HTTP methods an operation may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
}

/// One operation of the page: its endpoint, request fields, rules and examples.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOperation {
    /// What the operation does.
    #[serde(default)]
    pub doc: Option<At<String>>,
    /// The HTTP method.
    pub method: At<Method>,
    /// The endpoint path (`/api/pay/payout/create/v1`).
    pub path: At<String>,
    /// The request's content type.
    #[serde(default)]
    pub content_type: Option<At<String>>,
    /// Creates a payout or reads one (creates are never retried automatically).
    pub role: At<OperationRole>,
    /// Request headers of this operation, when they differ from the spec's `headers`.
    #[serde(default)]
    pub headers: Option<IndexMap<At<String>, Item<RawHeader>>>,
    /// What the accepted answer carries.
    #[serde(default)]
    pub answer: Option<At<RawAnswer>>,
    /// The request body's fields, by wire name, in the page's order.
    pub fields: IndexMap<At<String>, Item<RawField>>,
    /// Rules that depend on other fields.
    #[serde(default)]
    pub rules: Vec<Item<RawRule>>,
    /// Request examples with the verdict each must get; the page's own example first.
    #[serde(default)]
    pub examples: Vec<Item<RawExample>>,
}

/// The kinds of field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FieldType {
    /// Text.
    String,
    /// A non-negative whole number (a timestamp, a count).
    Integer,
    /// Money: see `decimals` and `unit`. Never a float.
    Amount,
    /// One of a set of numeric codes (`values`).
    IntEnum,
    /// One of a set of text codes (`values`).
    StringEnum,
    /// The request's signature: set by signing, never by the caller.
    Signature,
}

/// How a value is written in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WireForm {
    /// A JSON string (`"701"`).
    String,
    /// A JSON number (`701`).
    Number,
}

/// How an amount counts money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AmountUnit {
    /// In the currency's main unit, as decimal text with at most `decimals` decimals
    /// (`"100.50"` soles).
    Major,
    /// In minor units as a whole number (`50000` cents = 500.00).
    Minor,
}

/// Character classes a text value may be limited to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Charset {
    /// ASCII digits `0-9` only.
    Digits,
    /// Letters of any script.
    Letters,
    /// ASCII letters and digits.
    Alphanumeric,
    /// Letters of any script and spaces: a person's name with no special characters.
    LettersSpaces,
}

/// A length: a whole number (exact), or a range `min-max` (`10-13`).
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // Only describes the accepted forms to the schema.
enum LengthSchema {
    Exact(u32),
    Range(#[schemars(regex(pattern = r"^[0-9]+-[0-9]+$"))] String),
}

/// A field of a request body.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawField {
    /// The kind of value.
    #[serde(rename = "type")]
    pub ty: At<FieldType>,
    /// Whether the request must carry the field (default: no).
    #[serde(default)]
    pub required: Option<At<bool>>,
    /// The page's description; becomes the generated field's documentation.
    #[serde(default)]
    pub doc: Option<At<String>>,
    /// The Rust name, when the snake_case of the wire name is not a good one.
    #[serde(default)]
    pub rust_name: Option<At<String>>,
    /// For enums: the Rust type name, when the UpperCamelCase of the wire name is not a
    /// good one or is taken.
    #[serde(default)]
    pub type_name: Option<At<String>>,
    /// How the value is written in JSON (default: `string`).
    #[serde(default)]
    pub wire: Option<At<WireForm>>,
    /// Other JSON forms also accepted when decoding, where the page itself is
    /// inconsistent (its example sends `"701"` for a number).
    #[serde(default)]
    pub accept: Vec<At<WireForm>>,
    /// Exact length of the written value (`18`), or a range (`10-13`).
    #[serde(default)]
    #[schemars(with = "Option<LengthSchema>")]
    pub length: Option<At<String>>,
    /// Minimum length of the written value.
    #[serde(default)]
    pub min: Option<At<u32>>,
    /// Maximum length of the written value.
    #[serde(default)]
    pub max: Option<At<u32>>,
    /// The characters the value may contain.
    #[serde(default)]
    pub charset: Option<At<Charset>>,
    /// A prefix the value must start with.
    #[serde(default)]
    pub starts_with: Option<At<String>>,
    /// A fixed value: the field is filled in by the SDK and checked when decoding.
    #[serde(default)]
    pub fixed: Option<At<String>>,
    /// The value must be a key of this reference list (no list, no check).
    #[serde(default)]
    pub in_list: Option<At<String>>,
    /// For enums: the codes, each with a Rust variant name and documentation.
    #[serde(default)]
    pub values: IndexMap<At<String>, Item<RawEnumValue>>,
    /// For amounts: how many decimals the main unit has (0 for whole rupiah).
    #[serde(default)]
    pub decimals: Option<At<u32>>,
    /// For amounts: whether the wire carries main units or minor units.
    #[serde(default)]
    pub unit: Option<At<AmountUnit>>,
    /// Where the page contradicts itself about this field, and what the spec chose.
    #[serde(default)]
    pub note: Option<At<String>>,
    /// Where the field travels: the JSON body (default) or the URL's query string.
    #[serde(default, rename = "in")]
    pub location: Option<At<FieldLocation>>,
}

/// Where a request field travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FieldLocation {
    /// In the JSON body.
    Body,
    /// In the URL's query string (`GET` requests).
    Query,
}

/// One code of an enum.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEnumValue {
    /// The Rust variant name, in UpperCamelCase (`DebitCard`). Defaults to the code's.
    #[serde(default)]
    pub name: Option<At<String>>,
    /// What the page says the code means.
    #[serde(default)]
    pub doc: Option<At<String>>,
}

/// A rule: when every condition holds, every constraint applies.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// Stable identifier in kebab-case, reported with each violation.
    pub id: At<String>,
    /// What the page says, in words; becomes the violation's message.
    pub doc: At<String>,
    /// Conditions, all of which must hold (none: the rule always applies).
    #[serde(default)]
    pub when: Vec<Item<RawCondition>>,
    /// Constraints that then apply.
    pub then: Vec<Item<RawConstraint>>,
    /// Where the page is unclear about the rule, and what the spec chose.
    #[serde(default)]
    pub note: Option<At<String>>,
}

/// A condition on one field. Exactly one of `equals`, `one_of`, `in_list`, `present`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    /// The field the condition reads (wire name).
    pub field: At<String>,
    /// The field has this value (an enum's variant name or code, or a text).
    #[serde(default)]
    pub equals: Option<At<String>>,
    /// The field has one of these values.
    #[serde(default)]
    pub one_of: Vec<At<String>>,
    /// The field's value is a key of this reference list.
    #[serde(default)]
    pub in_list: Option<At<String>>,
    /// The field is present (`true`) or absent (`false`).
    #[serde(default)]
    pub present: Option<At<bool>>,
}

/// A constraint on one field, applied when its rule's conditions hold.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawConstraint {
    /// The field constrained (wire name).
    pub field: At<String>,
    /// The field must be present.
    #[serde(default)]
    pub required: Option<At<bool>>,
    /// Exact length (`18`) or range (`10-13`).
    #[serde(default)]
    #[schemars(with = "Option<LengthSchema>")]
    pub length: Option<At<String>>,
    /// Minimum length.
    #[serde(default)]
    pub min: Option<At<u32>>,
    /// Maximum length.
    #[serde(default)]
    pub max: Option<At<u32>>,
    /// The characters the value may contain.
    #[serde(default)]
    pub charset: Option<At<Charset>>,
    /// A prefix the value must start with.
    #[serde(default)]
    pub starts_with: Option<At<String>>,
    /// The value must be a key of this reference list.
    #[serde(default)]
    pub in_list: Option<At<String>>,
    /// The first `chars` characters equal the last `chars` of another field.
    #[serde(default)]
    pub prefix_equals_suffix_of: Option<At<RawAffixMatch>>,
    /// The first `chars` characters are one of the values listed under another field's
    /// value in a reference list; no list, or an empty one, means no check.
    #[serde(default)]
    pub prefix_in_list: Option<At<RawPrefixInList>>,
}

/// `prefix_equals_suffix_of`: the other field and how many characters.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAffixMatch {
    /// The other field (wire name).
    pub field: At<String>,
    /// How many characters are compared.
    pub chars: At<u32>,
}

/// `prefix_in_list`: the list, the field whose value selects the entry, the prefix size.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPrefixInList {
    /// The reference list.
    pub list: At<String>,
    /// The field whose value is the list key (wire name).
    pub key: At<String>,
    /// How many leading characters are looked up.
    pub chars: At<u32>,
}

/// A request example and the verdict it must get.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawExample {
    /// A short name.
    pub name: At<String>,
    /// Where the example comes from, or what it shows.
    #[serde(default)]
    pub doc: Option<At<String>>,
    /// The request body, as JSON text.
    pub json: At<String>,
    /// The violations the example must get, in any order; none means valid.
    #[serde(default)]
    pub violations: Vec<Item<RawExpectedViolation>>,
}

/// A violation an example must get.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawExpectedViolation {
    /// JSON Pointer to the field (`/bankAccount`).
    pub path: At<String>,
    /// The rule id.
    pub rule: At<String>,
}

/// A reference data file: entries by key, each with an optional name and values.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReferenceData {
    /// What the list is and where it comes from.
    #[serde(default)]
    pub doc: Option<At<String>>,
    /// Entries by key (a bank code, a bank name).
    pub entries: IndexMap<At<String>, Item<RawReferenceEntry>>,
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
}

//! Raw spec: operations — endpoint, fields, rules, examples.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

use super::RawHeader;
use super::exchange::{OperationRole, RawAnswer};
use super::rules::RawRule;
use crate::load::at::{At, Item};

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
    /// A JSON `true` or `false`.
    Boolean,
    /// Money: see `decimals` and `unit`. Never a float.
    Amount,
    /// One of a set of numeric codes (`values`).
    IntEnum,
    /// One of a set of text codes (`values`).
    StringEnum,
    /// The request's signature: set by signing, never by the caller.
    Signature,
    /// A JSON object of its own `fields` (a beneficiary, a bank account); a Rust struct.
    Object,
    /// Free key-value text pairs (`notes`, `metadata`): a JSON object of strings whose keys
    /// the caller chooses; `min`/`max` bound each value's length, `max_entries` the pairs.
    Map,
    /// A JSON array of objects, each of the `items` shape (a batch's payouts, split
    /// beneficiaries); `min_items`/`max_items` bound their number.
    Array,
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
pub(super) enum LengthSchema {
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
    /// For enums and objects: the Rust type name, when the UpperCamelCase of the wire name
    /// is not a good one or is taken.
    #[serde(default)]
    pub type_name: Option<At<String>>,
    /// For maps: the most pairs the object may hold.
    #[serde(default)]
    pub max_entries: Option<At<u32>>,
    /// For arrays: what each item is, an object of its own fields and rules.
    #[serde(default)]
    pub items: Option<At<RawItems>>,
    /// For arrays: the fewest items.
    #[serde(default)]
    pub min_items: Option<At<u32>>,
    /// For arrays: the most items.
    #[serde(default)]
    pub max_items: Option<At<u32>>,
    /// For objects: the object's own fields, by wire name, in the page's order. Rules and
    /// examples name them by their path from the body (`bankAccount/agency`).
    #[serde(default)]
    pub fields: IndexMap<At<String>, Item<RawField>>,
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
    /// The characters the value may contain, as the page lists them: single characters
    /// and ranges (`a-z0-9_-`); a `-` first or last is a hyphen.
    #[serde(default)]
    pub chars: Option<At<String>>,
    /// Text: the lengths the value may have, each exact (`[8, 10]`: "8 or 10 digits").
    #[serde(default)]
    pub lengths: Option<At<Vec<u32>>>,
    /// Text: the value's shape, one mask character per character: `9` a digit, `A` an
    /// ASCII letter, `*` a letter or digit, `\` makes the next literal, any other character
    /// itself (`9999-99-99`, `AAAA0******`).
    #[serde(default)]
    pub mask: Option<At<String>>,
    /// A check digit the value must carry: `luhn`, `clabe`, `cpf`, `cnpj`, `cpf-cnpj`
    /// (either, by length), `rut`.
    #[serde(default)]
    pub check_digit: Option<At<CheckDigitName>>,
    /// The smallest amount, in main units (`"1.00"`), or the smallest whole number.
    #[serde(default)]
    pub minimum: Option<At<String>>,
    /// The largest amount, in main units (`"500000.00"`), or the largest whole number.
    #[serde(default)]
    pub maximum: Option<At<String>>,
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
    /// For amounts in main units: the field whose value is the amount's currency, a
    /// required `string-enum` of the body whose every code gives its `decimals` (at most
    /// the amount's own `decimals`). The amount is checked and written with the chosen
    /// currency's decimals.
    #[serde(default)]
    pub currency_field: Option<At<String>>,
    /// For text: allow control characters (NUL, newline...) and bidirectional overrides,
    /// which free text refuses by default. Only where the page says such values occur.
    #[serde(default)]
    pub allow_control_chars: Option<At<bool>>,
    /// For text: the value is a secret (a PIN, a transaction password): held as
    /// `runtime::wire::Secret`, never shown by `Debug`, and only checks that do not show
    /// its characters apply (length, not blank).
    #[serde(default)]
    pub secret: Option<At<bool>>,
    /// For text: an empty value (`""`) means the field was not sent, as the page says
    /// (conditions see it absent, and the SDK leaves it out of what it sends and signs).
    #[serde(default)]
    pub empty_is_absent: Option<At<bool>>,
    /// For amounts: allow zero, which amounts refuse by default.
    #[serde(default)]
    pub allow_zero: Option<At<bool>>,
    /// For whole numbers: the value is a time, in these units; it must then fall between
    /// 2000-01-01 and 2100-01-01.
    #[serde(default)]
    pub timestamp: Option<At<TimestampUnit>>,
    /// Where the page contradicts itself about this field, and what the spec chose.
    #[serde(default)]
    pub note: Option<At<String>>,
    /// Where the field travels: the JSON body (default), the query string, the path or a
    /// header.
    #[serde(default, rename = "in")]
    pub location: Option<At<FieldLocation>>,
}

/// The items of an array: objects with their own fields, rules and examples' shape.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawItems {
    /// The Rust type name of an item (default: the array's wire name in UpperCamelCase
    /// with `Item`).
    #[serde(default)]
    pub type_name: Option<At<String>>,
    /// An item's fields, by wire name, in the page's order.
    pub fields: IndexMap<At<String>, Item<RawField>>,
    /// Rules over an item's own fields, by their paths within the item.
    #[serde(default)]
    pub rules: Vec<Item<RawRule>>,
}

/// The unit of a timestamp field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TimestampUnit {
    /// Seconds since the Unix epoch (10 digits today).
    UnixSeconds,
    /// Milliseconds since the Unix epoch (13 digits today).
    UnixMillis,
}

/// Named check-digit algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CheckDigitName {
    /// Luhn (mod 10): card numbers.
    Luhn,
    /// Mexico's CLABE (18 digits).
    Clabe,
    /// Brazil's CPF (11 digits).
    Cpf,
    /// Brazil's CNPJ (14 digits).
    Cnpj,
    /// A Brazilian CPF/CNPJ field: a CPF of 11 digits or a CNPJ of 14.
    CpfCnpj,
    /// Chile's RUT (`12.345.678-5`).
    Rut,
}

/// Where a request field travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FieldLocation {
    /// In the JSON body.
    Body,
    /// In the URL's query string (`GET` requests).
    Query,
    /// In the path, where the operation's path names it (`/v1/payouts/{id}`).
    Path,
    /// In a request header of the field's name: a value the caller chooses, such as an
    /// idempotency key that a resend of the same request carries again.
    Header,
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
    /// For a currency field an amount names (`currency_field`): how many decimals this
    /// currency's main unit has (`JPY: 0`, `USD: 2`).
    #[serde(default)]
    pub decimals: Option<At<u32>>,
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

//! Raw spec: the rest of the exchange — answers, statuses, callbacks, what an operation's
//! answer carries.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

use super::request::{AmountUnit, WireForm};
use crate::load::at::{At, Item};

/// How the provider's answers are built.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAnswers {
    /// What says the call was accepted: a result code in the body (`code`, the default),
    /// or the HTTP status alone (`http-status`: any 2xx), for providers whose accepted
    /// answer is the payout itself.
    #[serde(default)]
    pub accepted_by: Option<At<AcceptedBy>>,
    /// The field holding the result code (`code`, `error_code`), or a JSON Pointer into
    /// the answer (`/error/code`, `/errors/0/code`). With `accepted_by: http-status`, the
    /// code of a refusal.
    pub code: At<String>,
    /// The codes meaning the call was accepted, as text (`"200"`, `"0000"`). Accepted is
    /// not success: the payout's fate comes by callback or query. None with
    /// `accepted_by: http-status`.
    #[serde(default)]
    pub accepted: Vec<At<String>>,
    /// The field holding the message (a name, or a JSON Pointer).
    #[serde(default)]
    pub message: Option<At<String>>,
    /// The field holding the payload (a name, or a JSON Pointer); none when the payload
    /// is the answer itself.
    #[serde(default)]
    pub data: Option<At<String>>,
    /// Known result codes other than the accepted ones, each with its meaning.
    #[serde(default)]
    pub codes: IndexMap<At<String>, Item<RawResultCode>>,
    /// The HTTP statuses on which a documented code is a rejection (default: any 2xx).
    /// On any other status the outcome is unknown, whatever the body says.
    #[serde(default)]
    pub rejected_on: Option<Vec<At<u16>>>,
    /// Only where the page says that some refusals come with an HTTP 5xx: the page's
    /// words. Then the 5xx statuses in `rejected_on` carry documented refusals; without
    /// it, every 5xx is an unknown outcome.
    #[serde(default)]
    pub server_error_refusals: Option<At<RawUnlistedCodes>>,
    /// Only where the page says that every code it does not list is a definite refusal:
    /// the page's words. Without it, an unlisted code is an unknown outcome.
    #[serde(default)]
    pub unlisted_codes: Option<At<RawUnlistedCodes>>,
    /// Where the pages disagree about answers.
    #[serde(default)]
    pub note: Option<At<String>>,
}

/// What says an answer was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AcceptedBy {
    /// A result code in the body (`accepted`).
    Code,
    /// The HTTP status: any 2xx.
    HttpStatus,
}

/// The page's statement that every code it does not list is a refusal.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawUnlistedCodes {
    /// The page's own words, quoted.
    pub quote: At<String>,
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
    pub platform_order_no: Option<At<String>>,
    /// The payload field with the merchant's order number.
    #[serde(default)]
    pub merchant_order_no: Option<At<String>>,
    /// Whether the payload is a list of payouts (the gateway's query).
    #[serde(default)]
    pub list: Option<At<bool>>,
    /// Where this operation's payload is, when not where `answers.data` says (a field
    /// name or a JSON Pointer: a list endpoint's `items`).
    #[serde(default)]
    pub data: Option<At<String>>,
    /// The payload's fields as the page documents them; others that arrive are kept.
    #[serde(default)]
    pub fields: IndexMap<At<String>, Item<RawDataField>>,
    /// Where the page's answer example disagrees with its table.
    #[serde(default)]
    pub note: Option<At<String>>,
}

/// A documented field of an answer or a callback. The field named by `statuses.field`
/// reads as the spec's status.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDataField {
    /// What the field holds: `string`, `number` (a whole number) or `amount` (money in
    /// the spec's currency, never a float).
    #[serde(rename = "type")]
    pub ty: At<DataType>,
    /// An amount's JSON form: `string` or `number` (required with `type: amount`).
    #[serde(default)]
    pub wire: Option<At<WireForm>>,
    /// An amount's unit: `major` (`"100.50"`) or `minor` (`10050`) (required with
    /// `type: amount`).
    #[serde(default)]
    pub unit: Option<At<AmountUnit>>,
    /// The codes the page documents for this field, each with its meaning (an error
    /// code); a code not listed is kept, with no meaning.
    #[serde(default)]
    pub codes: IndexMap<At<String>, At<String>>,
    /// The member's name in the generated struct, when the wire name's snake_case will
    /// not do (the order numbers are always `merchant_order_no` and `platform_order_no`).
    #[serde(default)]
    pub rust_name: Option<At<String>>,
    /// What the page says.
    #[serde(default)]
    pub doc: Option<At<String>>,
    /// Whether it may be `null` or absent.
    #[serde(default)]
    pub nullable: Option<At<bool>>,
}

/// What a documented answer or callback field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DataType {
    /// A JSON string.
    String,
    /// A JSON number, a whole one.
    Number,
    /// Money in the spec's currency: see `wire` and `unit`.
    Amount,
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
    /// The callback body's content type: `application/x-www-form-urlencoded` for an
    /// HTML form (every value text); a JSON object otherwise.
    #[serde(default)]
    pub content_type: Option<At<String>>,
    /// Headers the callback carries with a fixed value (`country: MX`); a callback
    /// without them, or with another value, is refused.
    #[serde(default)]
    pub headers: IndexMap<At<String>, At<String>>,
    /// Where the payout's fields are: the body itself (the default), or the field or JSON
    /// Pointer of the object holding them (`transfer`, `/payload/payout/entity`). The
    /// signature still covers the whole body.
    #[serde(default)]
    pub data: Option<At<String>>,
    /// For a provider that does not sign callbacks: the header carrying the token the
    /// merchant configured, compared in constant time with the one the merchant holds.
    #[serde(default)]
    pub token_header: Option<At<String>>,
    /// The field with the merchant's order number.
    pub merchant_order_no: At<String>,
    /// The field with the platform's order number.
    #[serde(default)]
    pub platform_order_no: Option<At<String>>,
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
    /// Its HTTP status (default 200).
    #[serde(default)]
    pub status: Option<At<u16>>,
    /// Its content type; none for an empty body.
    #[serde(default)]
    pub content_type: Option<At<String>>,
    /// Its exact body (`SUCCESS`, `{"error_code":"0000"}`); empty by default.
    #[serde(default)]
    pub body: Option<At<String>>,
}

//! Model: answers, statuses and callbacks.

use super::{AmountUnit, PayoutState, Rejection, WireForm};

/// How the provider answers every call.
#[derive(Debug, Clone)]
pub struct Answers {
    /// Whether the HTTP status alone says an answer was accepted.
    pub by_http_status: bool,
    /// The code field.
    pub code: String,
    /// Codes meaning "accepted".
    pub accepted: Vec<String>,
    /// The message field.
    pub message: Option<String>,
    /// The payload field.
    pub data: Option<String>,
    /// Known rejection codes: `(code, meaning, doc)`.
    pub codes: Vec<(String, Rejection, String)>,
    /// The HTTP statuses on which documented codes are rejections; `None`: any 2xx.
    pub rejected_on: Option<Vec<u16>>,
    /// The page's words saying some refusals come with a 5xx.
    pub server_error_quote: Option<String>,
    /// The page's words making every unlisted code a rejection.
    pub unlisted_quote: Option<String>,
    /// The pages' disagreements.
    pub note: Option<String>,
}

/// The payout status codes.
#[derive(Debug, Clone)]
pub struct Statuses {
    /// The status field.
    pub field: String,
    /// `(code, name, state, doc)` in spec order.
    pub values: Vec<(String, String, PayoutState, Option<String>)>,
    /// The pages' disagreements.
    pub note: Option<String>,
}

/// A documented field of an answer or callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataField {
    /// Its name on the wire.
    pub name: String,
    /// Its member name in the generated struct.
    pub rust: String,
    /// Its JSON form.
    pub form: WireForm,
    /// What it holds.
    pub kind: DataKind,
    /// What the page says.
    pub doc: Option<String>,
    /// Whether it may be null or absent.
    pub nullable: bool,
}

/// What a documented answer or callback field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataKind {
    /// A JSON string.
    Text,
    /// A whole JSON number.
    Integer,
    /// Money in the spec's currency, in main or minor units.
    Amount(AmountUnit),
    /// The payout status (the field `statuses` names).
    Status,
    /// A code with documented meanings: `(code, meaning)`.
    Code(Vec<(String, String)>),
}

/// What an operation's accepted answer carries.
#[derive(Debug, Clone)]
pub struct AnswerDef {
    /// The platform order number field.
    pub platform_order_no: Option<String>,
    /// The merchant order number field.
    pub merchant_order_no: Option<String>,
    /// Whether the payload is a list.
    pub list: bool,
    /// Where the payload is, overriding the envelope's.
    pub data: Option<String>,
    /// The documented fields.
    pub fields: Vec<DataField>,
    /// The page's disagreements.
    pub note: Option<String>,
}

/// The provider's callback.
#[derive(Debug, Clone)]
pub struct CallbackDef {
    /// What it is.
    pub doc: Option<String>,
    /// The header with the nonce the signature covers.
    pub nonce_header: Option<String>,
    /// Whether the body is an HTML form (`name=value&...`) rather than JSON.
    pub form: bool,
    /// Headers with a fixed value, checked on receipt.
    pub fixed_headers: Vec<(String, String)>,
    /// Where the payout's fields are (a name or a JSON Pointer); `None`: the body.
    pub data: Option<String>,
    /// The header with the merchant's token, for callbacks verified by token.
    pub token_header: Option<String>,
    /// The merchant order number field.
    pub merchant_order_no: String,
    /// The platform order number field.
    pub platform_order_no: Option<String>,
    /// The reply's HTTP status.
    pub reply_status: u16,
    /// The reply's content type.
    pub reply_content_type: Option<String>,
    /// The reply's body.
    pub reply_body: String,
    /// The documented fields.
    pub fields: Vec<DataField>,
    /// The pages' disagreements.
    pub note: Option<String>,
}

//! What a call came to: accepted (with its records), rejected with the provider's
//! documented code, or unknown.

use serde_json::{Map, Value};

use super::Rejection;
use super::status::Status;

/// The outcome of a call. Only `Rejected` says the provider refused it; `Unknown` says
/// nothing about the payout — query it before doing anything else. `A` is the accepted
/// answer: [`Accepted`] of the operation's typed records, or of untyped [`Record`]s.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome<A = Accepted> {
    /// The provider accepted the call (not: the payout succeeded).
    Accepted(A),
    /// The provider refused the call with a code its page documents as a refusal.
    Rejected(Rejected),
    /// The call's effect is not known: query, never assume failure.
    Unknown(Unknown),
}

/// An accepted answer: the payouts its payload describes, typed (`R` is the operation's
/// generated answer struct) or untyped ([`Record`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted<R = Record> {
    /// The accepted code, as the spec writes it.
    pub code: String,
    /// The payouts the payload describes (one for create, any number for a list query).
    pub records: Vec<R>,
    /// The whole answer, every field kept (providers add fields).
    pub body: Map<String, Value>,
}

impl<R> Accepted<R> {
    /// The first payout of the answer (a create's answer has one).
    pub fn record(&self) -> Option<&R> {
        self.records.first()
    }
}

impl Accepted {
    /// The first record's platform order number.
    pub fn platform_order_no(&self) -> Option<&str> {
        self.records.first()?.platform_order_no.as_deref()
    }

    /// The first record's status.
    pub fn status(&self) -> Option<Status> {
        self.records.first()?.status.clone()
    }

    /// The same answer with typed records; an error names the record that does not fit.
    pub fn typed<R: crate::operation::AnswerRecord>(self) -> Result<Accepted<R>, super::ReadError> {
        let records = self
            .records
            .into_iter()
            .map(R::from_record)
            .collect::<Result<Vec<R>, _>>()?;
        Ok(Accepted {
            code: self.code,
            records,
            body: self.body,
        })
    }
}

/// One payout in an accepted answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The platform's order number.
    pub platform_order_no: Option<String>,
    /// The merchant's order number.
    pub merchant_order_no: Option<String>,
    /// The status, kept even when the spec does not know the code.
    pub status: Option<Status>,
    /// Every field of the record.
    pub fields: Map<String, Value>,
}

/// A rejected call.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the provider refused the call with code {code}{}", describe_message(.message))]
pub struct Rejected {
    /// The provider's code (as the spec writes it when the spec documents it).
    pub code: String,
    /// The provider's message.
    pub message: Option<String>,
    /// What the code means, when the spec documents it (`None` for a code refused only
    /// by the page's statement about unlisted codes).
    pub rejection: Option<Rejection>,
    /// The HTTP status.
    pub http_status: u16,
}

/// Why a call's effect is unknown. Every reason means the same for the caller: the
/// provider may or may not have the order — query it, never create it again blindly.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unknown {
    /// No answer in time.
    #[error("no answer in time")]
    Timeout,
    /// The connection failed after the request may have been sent.
    #[error("the connection failed: {0}")]
    Transport(String),
    /// HTTP 5xx.
    #[error("the provider answered HTTP {0}")]
    ServerError(u16),
    /// An HTTP status the spec does not document for its answers (3xx, 401, 403, 429...).
    #[error("the provider answered HTTP {http_status}{}, a status its answers are not documented with", describe_code(.code))]
    UnexpectedStatus {
        /// The HTTP status.
        http_status: u16,
        /// The result code in the body, if one could be read.
        code: Option<String>,
    },
    /// A result code the spec documents neither as accepted nor as a rejection.
    #[error("the provider answered code {code}{}, which its pages do not document", describe_message(.message))]
    UndocumentedCode {
        /// The HTTP status.
        http_status: u16,
        /// The code as received (JSON text).
        code: String,
        /// The provider's message.
        message: Option<String>,
    },
    /// An empty body.
    #[error("the answer is empty (HTTP {http_status})")]
    Empty {
        /// The HTTP status.
        http_status: u16,
    },
    /// A body that is not an answer of this provider.
    #[error("the answer cannot be read (HTTP {http_status}): {reason}")]
    Unreadable {
        /// The HTTP status.
        http_status: u16,
        /// What is wrong with it.
        reason: String,
    },
}

fn describe_message(message: &Option<String>) -> String {
    message
        .as_ref()
        .map_or_else(String::new, |m| format!(" ({m:?})"))
}

fn describe_code(code: &Option<String>) -> String {
    code.as_ref()
        .map_or_else(String::new, |c| format!(" with code {c}"))
}

//! The wire, sans-IO: requests become `http::Request`s, `http::Response`s become
//! outcomes, callbacks are verified and answered. No socket is opened here; the optional
//! client (feature `client`) and the mock provider (feature `mock`) do the I/O.
//!
//! The pages' own warning is the heart of it: an accepted answer only means the call was
//! accepted, and a timeout, a 5xx or an empty or unreadable answer means the payout's
//! fate is *unknown* — query it; never treat it as failed and pay again.

mod answer;
mod base_url;
mod body;
mod callback;
mod code;
mod fields;
mod members;
mod outcome;
mod request;
mod status;

pub use answer::{
    AcceptedBy, AnswerShape, DataForm, Envelope, HttpStatuses, ResultCode, UnlistedCodes,
    insert_at, lookup, read_answer,
};
pub use base_url::{BaseUrl, BaseUrlError};
pub use body::{BodyError, BodyFormat};
pub use callback::{Callback, CallbackError, CallbackPlan, SpecCallback};
pub use fields::{
    AmountUnit, Code, CodeTable, FieldReader, FromField, FromFields, ReadError, StatusCode,
    read_failure, unlisted_number,
};
pub use members::{AsMembers, Member, WireMembers, serialize_members};
pub use outcome::{Accepted, Outcome, Record, Rejected, Unknown};
pub use request::{
    CredentialSource, Credentials, HeaderPlan, HeaderSource, RequestParts, Secret, WireError,
    build_request, header_value, resolve_path,
};
pub use status::{PayoutState, Status, StatusTable, Transition};

/// Why the provider rejected a call, in the SDK's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// Anything else the provider documents.
    Other,
}

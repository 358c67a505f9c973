//! Operations: what a request type says about its endpoint, its role in a payout's life,
//! the credentials it carries and the answer it gets. Sending takes a request by its type,
//! so the role and the reader of an operation can never be mixed up with another's.

use std::time::SystemTime;

use crate::signing::Placement;
use crate::wire::{
    Accepted, AnswerShape, AsMembers, BaseUrl, CredentialSource, Envelope, FromFields, HeaderPlan,
    Outcome, ReadError, Record, RequestParts, StatusTable, Unknown, WireError, WireMembers,
    build_request, read_answer,
};
use crate::{OperationRole, Request, Signable, Signed, Valid};

/// Whether an operation creates a payout or reads one, as a type.
pub trait Role {
    /// The role as a value.
    const ROLE: OperationRole;
}

/// Creates a payout: sent exactly once, never retried (a retry can pay twice).
#[derive(Debug)]
pub enum Create {}

/// Reads a payout: changes nothing, so it may be retried and signed afresh each time.
#[derive(Debug)]
pub enum Query {}

impl Role for Create {
    const ROLE: OperationRole = OperationRole::Create;
}

impl Role for Query {
    const ROLE: OperationRole = OperationRole::Query;
}

/// How an operation's answers are read: the spec's envelope, the payload's shape, its
/// status codes.
#[derive(Debug)]
pub struct Reading {
    /// The envelope (result code, message, payload).
    pub envelope: &'static Envelope,
    /// What the accepted payload carries.
    pub shape: &'static AnswerShape,
    /// The status codes, if the spec has them.
    pub statuses: Option<&'static StatusTable>,
}

/// One payout in an accepted answer: the struct generated for the operation's answer
/// (every [`FromFields`] type), or the untyped [`Record`].
pub trait AnswerRecord: Sized {
    /// Reads a record; an error says which documented fields do not have their type.
    fn from_record(record: Record) -> Result<Self, ReadError>;
}

impl AnswerRecord for Record {
    fn from_record(record: Record) -> Result<Self, ReadError> {
        Ok(record)
    }
}

impl<T: FromFields> AnswerRecord for T {
    fn from_record(record: Record) -> Result<Self, ReadError> {
        T::from_fields(record.fields)
    }
}

/// An operation of a spec. Generated code states the facts; sending and reading are
/// provided here once.
pub trait Operation: Request + serde::Serialize + WireMembers {
    /// Create (sent once) or query (retried).
    type Role: Role;
    /// What the merchant was issued that these requests carry.
    type Credentials: CredentialSource;
    /// One payout of an accepted answer.
    type Answer: AnswerRecord;
    /// `POST`
    const METHOD: &'static str;
    /// `/api/pay/payout/create/v1`
    const PATH: &'static str;
    /// The request's content type, sent with a body.
    const CONTENT_TYPE: Option<&'static str>;
    /// The request headers and where each value comes from.
    const HEADERS: &'static [HeaderPlan];

    /// A copy with every secret field's value shown as `<secret>`, for a string to sign
    /// people read; `None` when the request has no secret field.
    #[doc(hidden)]
    fn redacted(&self) -> Option<Self>
    where
        Self: Sized,
    {
        None
    }

    /// How the body is written: a form for `application/x-www-form-urlencoded`, else JSON.
    fn body_format() -> crate::wire::BodyFormat {
        crate::wire::BodyFormat::of(Self::CONTENT_TYPE)
    }
    /// How the answer is read; `None` where the spec documents no answer, which then
    /// reads as unknown.
    const READING: Option<Reading>;
    /// The request fields that travel as headers, by name (an idempotency key).
    const HEADER_FIELDS: &'static [&'static str] = &[];

    /// The fields that travel in the URL's query string.
    #[doc(hidden)]
    fn query_pairs(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// The fields that travel as headers (an idempotency key), by header name.
    #[doc(hidden)]
    fn header_fields(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// The fields the path names (`{id}`), by name.
    #[doc(hidden)]
    fn path_values(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// Reads the provider's answer: accepted (not: paid), rejected with a code the spec
    /// documents as a refusal, or unknown — query then, never assume failure.
    fn read_answer<B: AsRef<[u8]>>(
        response: &http::Response<B>,
    ) -> Outcome<Accepted<Self::Answer>> {
        let http_status = response.status().as_u16();
        match read_untyped::<Self>(http_status, response.body().as_ref()) {
            Outcome::Accepted(accepted) => match accepted.typed() {
                Ok(typed) => Outcome::Accepted(typed),
                Err(error) => Outcome::Unknown(unreadable(http_status, &error)),
            },
            Outcome::Rejected(r) => Outcome::Rejected(r),
            Outcome::Unknown(u) => Outcome::Unknown(u),
        }
    }
}

/// An accepted answer whose payouts do not read as the spec documents them: what the
/// provider did cannot be read from it, so it is unknown.
fn unreadable(http_status: u16, error: &ReadError) -> Unknown {
    Unknown::Unreadable {
        http_status,
        reason: format!("the accepted answer does not read as documented: {error}"),
    }
}

/// Reads an answer untyped, with the typed reader's verdict (`reads`: whether a record
/// reads as the operation's answer type): an accepted answer whose payouts do not read
/// as documented is unknown here too (for tools that work on JSON, over any spec).
pub(crate) fn read_checked(
    reading: Option<&Reading>,
    reads: fn(&Record) -> Result<(), ReadError>,
    http_status: u16,
    body: &[u8],
) -> Outcome {
    checked(read_with(reading, http_status, body), http_status, reads)
}

/// Whether a record reads as `A`.
pub(crate) fn reads_as<A: AnswerRecord>(record: &Record) -> Result<(), ReadError> {
    A::from_record(record.clone()).map(drop)
}

/// An accepted outcome whose records all pass `typed`, or unknown.
fn checked(
    outcome: Outcome,
    http_status: u16,
    typed: fn(&Record) -> Result<(), ReadError>,
) -> Outcome {
    match outcome {
        Outcome::Accepted(accepted) => match accepted.records.iter().try_for_each(typed) {
            Ok(()) => Outcome::Accepted(accepted),
            Err(error) => Outcome::Unknown(unreadable(http_status, &error)),
        },
        other => other,
    }
}

/// Reads an answer to `T` without typing its records: the one place that knows what an
/// operation without a documented answer reads as.
pub(crate) fn read_untyped<T: Operation>(http_status: u16, body: &[u8]) -> Outcome {
    read_with(T::READING.as_ref(), http_status, body)
}

/// [`read_untyped`] from the operation's reading, compiled once.
fn read_with(reading: Option<&Reading>, http_status: u16, body: &[u8]) -> Outcome {
    match reading {
        Some(reading) => read_answer(
            reading.envelope,
            reading.shape,
            reading.statuses,
            http_status,
            body,
        ),
        None => Outcome::Unknown(Unknown::Unreadable {
            http_status,
            reason: "the spec documents no answer for this operation".into(),
        }),
    }
}

/// An operation whose spec does not sign it: its [`Valid`] request is what is sent.
pub trait Unsigned: Operation {}

/// A request ready to go: a [`Signed`] request of a signed operation, or a [`Valid`]
/// request of an unsigned one. The client sends only these.
pub trait Outgoing {
    /// The operation.
    type Operation: Operation;

    /// The request as sent: method, path (relative, or under `base_url` when given),
    /// query, headers from their sources (the signed nonce, the time `now`, the
    /// credentials), body.
    fn to_http(
        &self,
        credentials: &<Self::Operation as Operation>::Credentials,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, WireError>;

    /// [`Outgoing::to_http`] with an absolute URI under `base` (`https://host/prefix`),
    /// as any HTTP stack takes it.
    fn to_http_at(
        &self,
        base: &BaseUrl,
        credentials: &<Self::Operation as Operation>::Credentials,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, WireError> {
        base.apply(self.to_http(credentials, now)?)
    }
}

impl<T: Operation + Signable> Outgoing for Signed<T> {
    type Operation = T;

    fn to_http(
        &self,
        credentials: &T::Credentials,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, WireError> {
        let body = (T::METHOD != "GET").then(|| self.body().to_vec());
        let mut parts = parts::<T>(self.request(), self.signed_headers(), body);
        if let Placement::Header { name, prefix } = T::SIGNING.signature {
            parts.signature_header = Some((name, format!("{prefix}{}", self.signature())));
        }
        build_request(parts, credentials, now)
    }
}

impl<T: Unsigned> Outgoing for Valid<T> {
    type Operation = T;

    fn to_http(
        &self,
        credentials: &T::Credentials,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, WireError> {
        let body = (T::METHOD != "GET")
            .then(|| T::body_format().write(&AsMembers(&**self)))
            .transpose()?;
        build_request(parts::<T>(self, &[], body), credentials, now)
    }
}

fn parts<'a, T: Operation>(
    request: &T,
    signed_headers: &'a [(&'static str, String)],
    body: Option<Vec<u8>>,
) -> RequestParts<'a> {
    RequestParts {
        method: T::METHOD,
        path: T::PATH,
        content_type: T::CONTENT_TYPE,
        headers: T::HEADERS,
        signed_headers,
        signature_header: None,
        header_fields: request.header_fields(),
        path_values: request.path_values(),
        query: request.query_pairs(),
        body,
    }
}

//! Callbacks: verify what the provider sent, read it, and answer what it expects.

use serde_json::{Map, Value};

use super::answer::DataForm;
use super::fields::{FromFields, ReadError};
use super::status::{Status, StatusTable};
use crate::json::{JsonError, read_object};
use crate::signing::{Signing, VerifyError, VerifyingKeyRef};

/// A spec's callback: where its pieces are and what the merchant must answer.
#[derive(Debug)]
pub struct CallbackPlan {
    /// Signed header values: `(name in the signature plan, callback header carrying it)`.
    pub signed_headers: &'static [(&'static str, &'static str)],
    /// Headers with a fixed value for this spec (`country: MX`): a callback meant for
    /// another country, signed with the same key, is refused.
    pub fixed_headers: &'static [(&'static str, &'static str)],
    /// The fields the spec documents. A field the signature does not cover (its value is
    /// dropped from the signed string) is refused unless documented: anyone could add it.
    pub fields: &'static [(&'static str, DataForm)],
    /// The field with the merchant's order number.
    pub merchant_order_no: &'static str,
    /// The field with the platform's order number.
    pub platform_order_no: Option<&'static str>,
    /// The reply's content type.
    pub reply_content_type: &'static str,
    /// The reply's exact body.
    pub reply_body: &'static str,
}

/// The struct a spec's callback is read into, with where the spec's callback is
/// described: generated per spec (`PayoutCallback`), so that code over any spec (a web
/// framework integration) can receive it and answer it.
pub trait SpecCallback: FromFields {
    /// The spec's callback.
    const PLAN: &'static CallbackPlan;
    /// How the spec's bodies are signed.
    const SIGNING: &'static Signing;
    /// The spec's status codes.
    const STATUSES: Option<&'static StatusTable>;

    /// Verifies a callback as received, over every field that arrived, with the
    /// platform's key, then reads it; see [`CallbackPlan::receive`].
    fn receive<'k, B: AsRef<[u8]>>(
        request: &http::Request<B>,
        key: impl Into<VerifyingKeyRef<'k>>,
    ) -> Result<Self, CallbackError> {
        Self::PLAN.receive_as(
            Self::SIGNING,
            Self::STATUSES,
            request.headers(),
            request.body().as_ref(),
            key,
        )
    }

    /// The reply the provider expects once the callback is handled.
    fn reply() -> http::Response<Vec<u8>> {
        Self::PLAN.reply()
    }
}

/// A verified callback.
#[derive(Debug, Clone, PartialEq)]
pub struct Callback {
    /// The merchant's order number.
    pub merchant_order_no: String,
    /// The platform's order number.
    pub platform_order_no: Option<String>,
    /// The reported status, kept even when the spec does not know the code.
    pub status: Option<Status>,
    /// Every field received.
    pub fields: Map<String, Value>,
}

/// Why a callback was refused.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CallbackError {
    /// The body is not a JSON object.
    #[error("the callback body is not a JSON object")]
    NotJson,
    /// The body repeats keys (JSON Pointers of the repeats): the signature would cover
    /// one reading and the application could act on another.
    #[error("the callback repeats keys: {}", .0.join(", "))]
    DuplicateKeys(Vec<String>),
    /// A fixed header has another value: the callback is meant for another spec.
    #[error("the callback's `{header}` header is not `{expected}`")]
    WrongHeader {
        /// The header.
        header: &'static str,
        /// The value this spec's callbacks carry.
        expected: &'static str,
    },
    /// A field the spec does not document arrived with a value the signature does not
    /// cover (null, empty or blank): it was not signed, so it is not trusted.
    #[error(
        "the callback carries `{0}`, which the signature does not cover and the spec does not document"
    )]
    UnsignedField(String),
    /// A header the signature covers is missing.
    #[error("the callback lacks its `{0}` header")]
    MissingHeader(&'static str),
    /// The signature does not verify: the callback may be forged; do not act on it.
    #[error("the callback's signature does not verify: {0}")]
    Signature(#[from] VerifyError),
    /// The merchant order number is missing.
    #[error("the callback has no `{0}`")]
    MissingOrderNo(&'static str),
    /// The callback verified, but a documented field does not have its documented type:
    /// it is refused (the provider sends it again) rather than read half-way.
    #[error("the callback does not read as documented: {0}")]
    Unreadable(ReadError),
}

impl CallbackPlan {
    /// Verifies a callback over every field received (unknown ones included), then reads
    /// it. Only a verified callback is returned, and only one that reads one way: no
    /// repeated key, no field boundary that could move, no undocumented unsigned field,
    /// and the spec's fixed headers (its country).
    pub fn receive<'k>(
        &self,
        signing: &Signing,
        statuses: Option<&StatusTable>,
        headers: &http::HeaderMap,
        body: &[u8],
        key: impl Into<VerifyingKeyRef<'k>>,
    ) -> Result<Callback, CallbackError> {
        let fields = read_object(body).map_err(|e| match e {
            JsonError::DuplicateKeys(keys) => CallbackError::DuplicateKeys(keys),
            _ => CallbackError::NotJson,
        })?;
        for (header, expected) in self.fixed_headers {
            match headers.get(*header) {
                None => return Err(CallbackError::MissingHeader(header)),
                Some(value) if value.as_bytes() != expected.as_bytes() => {
                    return Err(CallbackError::WrongHeader { header, expected });
                }
                Some(_) => {}
            }
        }
        let scheme = signing
            .scheme_for_body(&fields)
            .map_err(VerifyError::from)?;
        if let Some((name, _)) = fields.iter().find(|(name, value)| {
            !self.fields.iter().any(|(documented, _)| documented == name)
                && scheme
                    .canonical()
                    .is_some_and(|c| !c.excludes(name) && c.drops(value))
        }) {
            return Err(CallbackError::UnsignedField(
                name.chars().take(64).collect(),
            ));
        }
        let mut extras = Vec::with_capacity(self.signed_headers.len());
        for (name, header) in self.signed_headers {
            let value = headers
                .get(*header)
                .and_then(|v| v.to_str().ok())
                .ok_or(CallbackError::MissingHeader(header))?;
            extras.push((*name, value));
        }
        signing.verify_body(&fields, &extras, key)?;
        let text = |field: &str| match fields.get(field)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        let merchant_order_no = text(self.merchant_order_no)
            .ok_or(CallbackError::MissingOrderNo(self.merchant_order_no))?;
        let platform_order_no = self.platform_order_no.and_then(text);
        let status = statuses.and_then(|s| s.read(&fields));
        Ok(Callback {
            merchant_order_no,
            platform_order_no,
            status,
            fields,
        })
    }

    /// [`CallbackPlan::receive`], then reads the verified fields into `T`, the struct
    /// generated for the spec's callback.
    pub fn receive_as<'k, T: FromFields>(
        &self,
        signing: &Signing,
        statuses: Option<&StatusTable>,
        headers: &http::HeaderMap,
        body: &[u8],
        key: impl Into<VerifyingKeyRef<'k>>,
    ) -> Result<T, CallbackError> {
        let callback = self.receive(signing, statuses, headers, body, key)?;
        T::from_fields(callback.fields).map_err(CallbackError::Unreadable)
    }

    /// The reply the provider expects once the callback is handled; anything else and it
    /// sends the callback again.
    pub fn reply(&self) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(self.reply_body.as_bytes().to_vec());
        if let Ok(content_type) = http::HeaderValue::from_str(self.reply_content_type) {
            response
                .headers_mut()
                .insert(http::header::CONTENT_TYPE, content_type);
        }
        response
    }
}

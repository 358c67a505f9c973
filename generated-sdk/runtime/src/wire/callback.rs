//! Callbacks: verify what the provider sent, read it, and answer what it expects.

use serde_json::{Map, Value};

use super::answer::DataForm;
use super::answer::lookup;
use super::fields::{FromFields, ReadError};
use super::status::{Status, StatusTable};
use super::{BodyError, BodyFormat};
use crate::signing::{
    Fields, MessageInput, Placement, Signing, VerifyError, VerifyingKeyRef, constant_time_eq,
};

/// A spec's callback: where its pieces are and what the merchant must answer.
#[derive(Debug)]
pub struct CallbackPlan {
    /// Signed header values: `(name in the signature plan, callback header carrying it)`.
    pub signed_headers: &'static [(&'static str, &'static str)],
    /// Headers with a fixed value for this spec (`country: MX`): a callback meant for
    /// another country, signed with the same key, is refused.
    pub fixed_headers: &'static [(&'static str, &'static str)],
    /// How the body is written: a JSON object, or a form whose values are all text.
    pub body: BodyFormat,
    /// The fields the spec documents. A field the signature does not cover (its value is
    /// dropped from the signed string) is refused unless documented: anyone could add it.
    pub fields: &'static [(&'static str, DataForm)],
    /// Where the payout's fields are (a field name or a JSON Pointer); `None`: the body.
    /// The signature covers the whole body all the same.
    pub data: Option<&'static str>,
    /// For callbacks verified by a token: the header carrying it.
    pub token_header: Option<&'static str>,
    /// The field with the merchant's order number.
    pub merchant_order_no: &'static str,
    /// The field with the platform's order number.
    pub platform_order_no: Option<&'static str>,
    /// The reply's HTTP status.
    pub reply_status: u16,
    /// The reply's content type (none for an empty body).
    pub reply_content_type: Option<&'static str>,
    /// The reply's exact body.
    pub reply_body: &'static str,
}

/// The struct a spec's callback is read into, with where the spec's callback is
/// described: generated per spec (`PayoutCallback`), so that code over any spec (a web
/// framework integration) can receive it and answer it.
pub trait SpecCallback: FromFields {
    /// The spec's callback.
    const PLAN: &'static CallbackPlan;
    /// How the spec's bodies are signed; `None` where callbacks carry a token instead.
    const SIGNING: Option<&'static Signing>;
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
    /// The body of a form callback is not `name=value` pairs of UTF-8 text.
    #[error("the callback body is not a form of text pairs")]
    NotForm,
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
    /// The token header is missing or does not match: the callback may be forged.
    #[error("the callback's `{0}` token does not match")]
    Token(&'static str),
    /// The spec's callback is neither signed nor token-checked (a generator bug).
    #[error("the spec says no way to verify its callbacks")]
    NoVerification,
    /// The callback's payout object is missing.
    #[error("the callback has no `{0}` object")]
    MissingData(&'static str),
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
        signing: Option<&Signing>,
        statuses: Option<&StatusTable>,
        headers: &http::HeaderMap,
        body: &[u8],
        key: impl Into<VerifyingKeyRef<'k>>,
    ) -> Result<Callback, CallbackError> {
        let whole = self.body.read(body).map_err(|e| match e {
            BodyError::DuplicateKeys(keys) => CallbackError::DuplicateKeys(keys),
            _ if self.body == BodyFormat::Form => CallbackError::NotForm,
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
        match (signing, self.token_header) {
            (_, Some(header)) => check_token(headers, header, key.into())?,
            (Some(signing), None) => self.verify(signing, headers, body, &whole, key.into())?,
            (None, None) => return Err(CallbackError::NoVerification),
        }
        let fields = match self.data {
            None => whole,
            Some(place) => match lookup(&whole, place) {
                Some(Value::Object(data)) => data.clone(),
                _ => return Err(CallbackError::MissingData(place)),
            },
        };
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

    /// Verifies the signature over the whole body as received (its fields, its bytes,
    /// the signed headers).
    fn verify(
        &self,
        signing: &Signing,
        headers: &http::HeaderMap,
        body: &[u8],
        fields: &Map<String, Value>,
        key: VerifyingKeyRef<'_>,
    ) -> Result<(), CallbackError> {
        let scheme = signing.scheme_for_body(fields).map_err(VerifyError::from)?;
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
        let signature_header = match signing.signature {
            Placement::Header { name, .. } => Some(
                headers
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .ok_or(CallbackError::MissingHeader(name))?,
            ),
            Placement::Field(_) => None,
        };
        let input = MessageInput {
            body: Some(body),
            ..MessageInput::fields(Fields::Body(fields), &extras)
        };
        signing.verify_received(fields, &input, signature_header, key)?;
        Ok(())
    }

    /// [`CallbackPlan::receive`], then reads the verified fields into `T`, the struct
    /// generated for the spec's callback.
    pub fn receive_as<'k, T: FromFields>(
        &self,
        signing: Option<&Signing>,
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
        *response.status_mut() =
            http::StatusCode::from_u16(self.reply_status).unwrap_or(http::StatusCode::OK);
        if let Some(content_type) = self
            .reply_content_type
            .and_then(|t| http::HeaderValue::from_str(t).ok())
        {
            response
                .headers_mut()
                .insert(http::header::CONTENT_TYPE, content_type);
        }
        response
    }
}

/// Compares a callback's token header with the merchant's token (a shared secret) in
/// constant time; lengths are not secret.
fn check_token(
    headers: &http::HeaderMap,
    header: &'static str,
    key: VerifyingKeyRef<'_>,
) -> Result<(), CallbackError> {
    let VerifyingKeyRef::Secret(token) = key else {
        return Err(CallbackError::Token(header));
    };
    let received = headers
        .get(header)
        .ok_or(CallbackError::MissingHeader(header))?;
    if constant_time_eq(received.as_bytes(), token.expose().as_bytes()) {
        Ok(())
    } else {
        Err(CallbackError::Token(header))
    }
}

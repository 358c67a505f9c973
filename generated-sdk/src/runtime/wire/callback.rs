//! Callbacks: verify what the provider sent, read it, and answer what it expects.

use serde_json::{Map, Value};

use super::status::{Status, StatusTable};
use crate::runtime::signing::{Signing, VerifyError, VerifyingKeyRef};

/// A spec's callback: where its pieces are and what the merchant must answer.
#[derive(Debug)]
pub struct CallbackPlan {
    /// Signed header values: `(name in the signature plan, callback header carrying it)`.
    pub signed_headers: &'static [(&'static str, &'static str)],
    /// The field with the merchant's order number.
    pub merchant_order_id: &'static str,
    /// The field with the platform's order number.
    pub order_id: Option<&'static str>,
    /// The reply's content type.
    pub reply_content_type: &'static str,
    /// The reply's exact body.
    pub reply_body: &'static str,
}

/// A verified callback.
#[derive(Debug, Clone, PartialEq)]
pub struct Callback {
    /// The merchant's order number.
    pub merchant_order_id: String,
    /// The platform's order number.
    pub order_id: Option<String>,
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
    /// A header the signature covers is missing.
    #[error("the callback lacks its `{0}` header")]
    MissingHeader(&'static str),
    /// The signature does not verify: the callback may be forged; do not act on it.
    #[error("the callback's signature does not verify: {0}")]
    Signature(#[from] VerifyError),
    /// The merchant order number is missing.
    #[error("the callback has no `{0}`")]
    MissingOrder(&'static str),
}

impl CallbackPlan {
    /// Verifies a callback over every field received (unknown ones included), then reads
    /// it. Only a verified callback is returned.
    pub fn receive<'k>(
        &self,
        signing: &Signing,
        statuses: Option<&StatusTable>,
        headers: &http::HeaderMap,
        body: &[u8],
        key: impl Into<VerifyingKeyRef<'k>>,
    ) -> Result<Callback, CallbackError> {
        let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(body) else {
            return Err(CallbackError::NotJson);
        };
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
        let merchant_order_id = text(self.merchant_order_id)
            .ok_or(CallbackError::MissingOrder(self.merchant_order_id))?;
        let order_id = self.order_id.and_then(text);
        let status = statuses.and_then(|s| s.read(&fields));
        Ok(Callback {
            merchant_order_id,
            order_id,
            status,
            fields,
        })
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

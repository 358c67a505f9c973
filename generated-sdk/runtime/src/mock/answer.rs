//! Answers in the provider's own envelope, and the codes the mock rejects with.
//!
//! A rejection carries the code the spec documents for it (`Envelope::code_for`); where
//! the pages document none (TeemoPay documents only 425), the mock uses a code of its
//! own that no provider sends (`MOCK-...`), so that a test can never mistake it for a
//! real provider's code.

use serde_json::{Map, Value};

use crate::SpecInfo;
use crate::wire::{AcceptedBy, AnswerShape, Envelope, HttpStatuses, Rejection, insert_at};

/// The mock's code for invalid parameters when the spec documents none.
pub const MOCK_INVALID_PARAMETERS: &str = "MOCK-INVALID";
/// The mock's code for a signature that does not verify when the spec documents none.
pub const MOCK_BAD_SIGNATURE: &str = "MOCK-BAD-SIGNATURE";
/// The mock's code for a merchant order number used before when the spec documents none.
pub const MOCK_DUPLICATE_ORDER: &str = "MOCK-DUPLICATE";
/// The mock's code for a query of an order it does not know (no page documents one).
pub const MOCK_NOT_FOUND: &str = "MOCK-NOT-FOUND";

/// The answers of a spec that documents none: the payout itself on HTTP 200, a refusal
/// `{"code", "message"}` on HTTP 400. The SDK reads them as unknown all the same.
pub(super) static UNDOCUMENTED: Envelope = Envelope {
    accepted_by: AcceptedBy::HttpStatus,
    code: "code",
    accepted: &[],
    message: Some("message"),
    data: None,
    codes: &[],
    rejected_on: HttpStatuses::Only(&[400]),
    unlisted: None,
    server_error_refusals: None,
};

/// The code the mock answers `rejection` with for `spec`: the spec's own, or the mock's.
/// A body that is not JSON gets the invalid-JSON code if documented, else the code for
/// invalid parameters.
pub fn code_for(spec: &SpecInfo, rejection: Rejection) -> &'static str {
    let documented = |r| spec.envelope.and_then(|e| e.code_for(r));
    match rejection {
        Rejection::InvalidJson => documented(Rejection::InvalidJson)
            .unwrap_or_else(|| code_for(spec, Rejection::InvalidParameters)),
        Rejection::BadSignature => documented(rejection).unwrap_or(MOCK_BAD_SIGNATURE),
        Rejection::DuplicateOrder => documented(rejection).unwrap_or(MOCK_DUPLICATE_ORDER),
        Rejection::InvalidParameters => documented(rejection).unwrap_or(MOCK_INVALID_PARAMETERS),
        other => documented(other).unwrap_or(MOCK_INVALID_PARAMETERS),
    }
}

/// A code as the provider writes it: digits without a leading zero as a JSON number
/// (TeemoPay's `200`, `425`), anything else as a string (the gateway's `"0000"`).
pub(super) fn code_value(code: &str) -> Value {
    let numeric = !code.is_empty()
        && code.bytes().all(|b| b.is_ascii_digit())
        && (code == "0" || !code.starts_with('0'));
    match code.parse::<u64>() {
        Ok(n) if numeric => Value::from(n),
        _ => Value::String(code.to_string()),
    }
}

/// An accepted answer: the first accepted code, message `success`, and `payload` as the
/// data field (or, for an envelope without one, its members at the top level). An
/// envelope accepted by the HTTP status alone carries no code.
pub(super) fn accepted(
    envelope: &Envelope,
    shape: Option<&AnswerShape>,
    payload: Value,
) -> http::Response<Vec<u8>> {
    let mut body = Map::new();
    if envelope.accepted_by == AcceptedBy::Code {
        let code = envelope.accepted.first().copied().unwrap_or("0");
        insert_at(&mut body, envelope.code, code_value(code));
        if let Some(message) = envelope.message {
            insert_at(&mut body, message, Value::String("success".into()));
        }
    }
    match (shape.and_then(|s| s.data).or(envelope.data), payload) {
        (Some(data), payload) => insert_at(&mut body, data, payload),
        (None, Value::Object(members)) => body.extend(members),
        (None, _) => {}
    }
    json(200, &Value::Object(body))
}

/// A rejection, as the provider sends it: the code and the message where the envelope
/// has them, data null; on HTTP 200, or on the first status the spec lists for refusals
/// when 200 is not one.
pub(super) fn rejected(envelope: &Envelope, code: &str, message: &str) -> http::Response<Vec<u8>> {
    let mut body = Map::new();
    insert_at(&mut body, envelope.code, code_value(code));
    if let Some(field) = envelope.message {
        insert_at(&mut body, field, Value::String(message.to_string()));
    }
    if let (Some(data), AcceptedBy::Code) = (envelope.data, envelope.accepted_by) {
        insert_at(&mut body, data, Value::Null);
    }
    let status = match envelope.rejected_on {
        HttpStatuses::Only(statuses) if !statuses.contains(&200) => {
            statuses.first().copied().unwrap_or(400)
        }
        _ => 200,
    };
    json(status, &Value::Object(body))
}

/// A JSON response.
pub(super) fn json(status: u16, body: &Value) -> http::Response<Vec<u8>> {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    response(status, "application/json", bytes)
}

/// A plain-text response (for what is not a provider's answer: no such endpoint).
pub(super) fn text(status: u16, body: &str) -> http::Response<Vec<u8>> {
    response(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}

fn response(status: u16, content_type: &'static str, body: Vec<u8>) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body);
    *response.status_mut() =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static(content_type),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_build_nested_objects_and_arrays() {
        let mut body = Map::new();
        insert_at(&mut body, "/errors/0/code", Value::from("invalid_value"));
        insert_at(&mut body, "/errors/0/description", Value::from("bad"));
        insert_at(&mut body, "plain", Value::from(1));
        assert_eq!(
            Value::Object(body),
            serde_json::json!({"errors": [{"code": "invalid_value", "description": "bad"}], "plain": 1})
        );
    }

    #[test]
    fn codes_keep_the_providers_form() {
        assert_eq!(code_value("200"), Value::from(200u64));
        assert_eq!(code_value("0000"), Value::String("0000".into()));
        assert_eq!(code_value("0"), Value::from(0u64));
        assert_eq!(
            code_value("MOCK-INVALID"),
            Value::String("MOCK-INVALID".into())
        );
    }
}

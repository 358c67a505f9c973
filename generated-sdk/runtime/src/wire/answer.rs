//! Answers to outcomes: accepted, rejected with the provider's code, or unknown.

use serde_json::{Map, Value};

use super::Rejection;
use super::outcome::{Accepted, Outcome, Record, Rejected, Unknown};
use super::status::StatusTable;
use crate::json::read_object;

/// How a provider builds its answers (a spec's `answers`).
#[derive(Debug)]
pub struct Envelope {
    /// What says the call was accepted.
    pub accepted_by: AcceptedBy,
    /// The field with the result code, or a JSON Pointer to it (`/error/code`).
    pub code: &'static str,
    /// The codes meaning "accepted", as the spec writes them.
    pub accepted: &'static [&'static str],
    /// The field with the message, or a JSON Pointer to it.
    pub message: Option<&'static str>,
    /// The field with the payload, or a JSON Pointer to it; `None` when the payload is
    /// the answer itself.
    pub data: Option<&'static str>,
    /// The rejection codes the provider documents.
    pub codes: &'static [ResultCode],
    /// The HTTP statuses on which a documented rejection code is a rejection.
    pub rejected_on: HttpStatuses,
    /// Set only where the page says that every code it does not list is a refusal.
    pub unlisted: Option<UnlistedCodes>,
    /// Set only where the page says that some refusals come with an HTTP 5xx (the 5xx
    /// statuses of `rejected_on`); otherwise every 5xx is unknown.
    pub server_error_refusals: Option<UnlistedCodes>,
}

/// What says an answer was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptedBy {
    /// An accepted result code in the body, on a 2xx.
    Code,
    /// Any 2xx: the body is the payout (a refusal carries its code on another status).
    HttpStatus,
}

/// A field of an object by name, or the value a JSON Pointer (`/error/code`) names.
pub fn lookup<'v>(object: &'v Map<String, Value>, place: &str) -> Option<&'v Value> {
    match place.strip_prefix('/') {
        None => object.get(place),
        Some(rest) => {
            let (first, tail) = rest.split_once('/').unwrap_or((rest, ""));
            let first = first.replace("~1", "/").replace("~0", "~");
            let value = object.get(&first)?;
            if tail.is_empty() {
                Some(value)
            } else {
                value.pointer(&format!("/{tail}"))
            }
        }
    }
}

/// Puts `value` at a field name, or at a JSON Pointer (`/error/code`, `/errors/0/code`),
/// making the objects and arrays on the way: the counterpart of [`lookup`], for whatever
/// writes a provider's body (the mock, tests).
pub fn insert_at(body: &mut Map<String, Value>, place: &str, value: Value) {
    let Some(pointer) = place.strip_prefix('/') else {
        body.insert(place.to_string(), value);
        return;
    };
    let segments: Vec<String> = pointer
        .split('/')
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let Some((first, rest)) = segments.split_first() else {
        return;
    };
    let slot = body.entry(first.clone()).or_insert(Value::Null);
    put(slot, rest, value);
}

fn put(slot: &mut Value, rest: &[String], value: Value) {
    let Some((segment, rest)) = rest.split_first() else {
        *slot = value;
        return;
    };
    match segment.parse::<usize>() {
        Ok(index) => {
            if !slot.is_array() {
                *slot = Value::Array(Vec::new());
            }
            if let Value::Array(items) = slot {
                while items.len() <= index {
                    items.push(Value::Null);
                }
                put(&mut items[index], rest, value);
            }
        }
        Err(_) => {
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            if let Value::Object(members) = slot {
                put(
                    members.entry(segment.clone()).or_insert(Value::Null),
                    rest,
                    value,
                );
            }
        }
    }
}

/// A documented rejection code.
#[derive(Debug)]
pub struct ResultCode {
    /// The code, as the spec writes it.
    pub code: &'static str,
    /// What it means.
    pub rejection: Rejection,
    /// What the provider says.
    pub doc: &'static str,
}

/// Which HTTP statuses an answer may come with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpStatuses {
    /// Any 2xx.
    Success,
    /// Exactly these.
    Only(&'static [u16]),
}

impl HttpStatuses {
    /// Whether `status` is one of them.
    pub fn allows(self, status: u16) -> bool {
        match self {
            HttpStatuses::Success => (200..300).contains(&status),
            HttpStatuses::Only(statuses) => statuses.contains(&status),
        }
    }
}

/// The page's statement that every code it does not list is a definite refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnlistedCodes {
    /// The page's own words, quoted by the spec.
    pub quote: &'static str,
}

impl Envelope {
    /// The code the spec documents for a rejection (a provider's side uses it).
    pub fn code_for(&self, rejection: Rejection) -> Option<&'static str> {
        self.codes
            .iter()
            .find(|c| c.rejection == rejection)
            .map(|c| c.code)
    }

    /// The accepted code a received code is, if any.
    pub fn accepted_code(&self, received: &Value) -> Option<&'static str> {
        self.accepted
            .iter()
            .copied()
            .find(|code| super::code::same_code(code, received))
    }

    /// The documented rejection a received code is, if any.
    pub fn rejection_code(&self, received: &Value) -> Option<&'static ResultCode> {
        self.codes
            .iter()
            .find(|c| super::code::same_code(c.code, received))
    }
}

/// What an operation's accepted answer carries (an operation's `answer`).
#[derive(Debug)]
pub struct AnswerShape {
    /// The payload field with the platform's order number.
    pub platform_order_no: Option<&'static str>,
    /// The payload field with the merchant's order number.
    pub merchant_order_no: Option<&'static str>,
    /// Whether the payload is a list of payouts.
    pub list: bool,
    /// Where this operation's payload is, when not where the envelope's `data` says.
    pub data: Option<&'static str>,
    /// The payload's documented fields and their JSON forms.
    pub fields: &'static [(&'static str, DataForm)],
}

/// The JSON form of a documented answer or callback field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataForm {
    /// A JSON string.
    String,
    /// A JSON number.
    Number,
    /// An amount in a JSON string (main units).
    AmountString,
    /// An amount as a JSON number, in `unit`.
    AmountNumber(super::AmountUnit),
}

impl DataForm {
    /// A value of this form for field `name` when no real one is known (the mock's
    /// answers, tests): `"MOCK-<name>"`, `0`, or a zero amount.
    pub fn placeholder(self, name: &str) -> Value {
        match self {
            DataForm::String => Value::String(format!("MOCK-{name}")),
            DataForm::Number | DataForm::AmountNumber(_) => Value::from(0u8),
            DataForm::AmountString => Value::String("0".into()),
        }
    }
}

/// Reads an answer. `Rejected` only for a code the spec documents as a rejection (or,
/// where the page says so, any unlisted code) on an HTTP status the spec allows for
/// rejections; `Accepted` for an accepted code on a 2xx; everything else — 5xx, other
/// statuses, empty, unreadable, repeated keys, undocumented codes — is `Unknown`.
pub fn read_answer(
    envelope: &Envelope,
    shape: &AnswerShape,
    statuses: Option<&StatusTable>,
    http_status: u16,
    body: &[u8],
) -> Outcome {
    match classify(envelope, shape, statuses, http_status, body) {
        Ok(outcome) | Err(outcome) => outcome,
    }
}

fn classify(
    envelope: &Envelope,
    shape: &AnswerShape,
    statuses: Option<&StatusTable>,
    http_status: u16,
    body: &[u8],
) -> Result<Outcome, Outcome> {
    let unknown = |why| Err(Outcome::Unknown(why));
    let unreadable = |reason: String| {
        Err(Outcome::Unknown(Unknown::Unreadable {
            http_status,
            reason,
        }))
    };
    // A 5xx is unknown, but for a documented refusal code where the page says refusals
    // come with a 5xx.
    if http_status >= 500 {
        return match server_error_refusal(envelope, http_status, body) {
            Some(rejected) => Ok(Outcome::Rejected(rejected)),
            None => unknown(Unknown::ServerError(http_status)),
        };
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return unknown(Unknown::Empty { http_status });
    }
    let object = match read_object(body) {
        Ok(object) => object,
        Err(e) => {
            return unreadable(format!(
                "the answer is not a single reading of one JSON object: {e}"
            ));
        }
    };
    let success = (200..300).contains(&http_status);
    if envelope.accepted_by == AcceptedBy::HttpStatus && success {
        // The HTTP status is the only "code" such an answer has.
        let code = http_status.to_string();
        return Ok(accepted(
            envelope,
            shape,
            statuses,
            http_status,
            &code,
            object,
        ));
    }
    let Some(received) = lookup(&object, envelope.code) else {
        return unreadable(format!("the answer has no `{}` code", envelope.code));
    };
    let code_text = super::code::code_text(received).map_err(|reason| {
        Outcome::Unknown(Unknown::Unreadable {
            http_status,
            reason: format!("the `{}` code {reason}", envelope.code),
        })
    })?;
    let message = envelope
        .message
        .and_then(|m| lookup(&object, m))
        .and_then(Value::as_str)
        .map(str::to_string);
    if let Some(code) = envelope.accepted_code(received) {
        if !success {
            return unknown(Unknown::UnexpectedStatus {
                http_status,
                code: Some(code_text),
            });
        }
        return Ok(accepted(
            envelope,
            shape,
            statuses,
            http_status,
            code,
            object,
        ));
    }
    let documented = envelope.rejection_code(received);
    if envelope.rejected_on.allows(http_status) {
        if let Some(documented) = documented {
            return Ok(Outcome::Rejected(Rejected {
                code: documented.code.to_string(),
                message,
                rejection: Some(documented.rejection),
                http_status,
            }));
        }
        if envelope.unlisted.is_some() {
            return Ok(Outcome::Rejected(Rejected {
                code: code_text,
                message,
                rejection: None,
                http_status,
            }));
        }
    }
    if success && documented.is_none() {
        return unknown(Unknown::UndocumentedCode {
            http_status,
            code: code_text,
            message,
        });
    }
    unknown(Unknown::UnexpectedStatus {
        http_status,
        code: Some(code_text),
    })
}

/// A refusal on a 5xx: only where the page says refusals come with one, on a status the
/// spec lists, with a code it documents; anything else on a 5xx is unknown.
fn server_error_refusal(envelope: &Envelope, http_status: u16, body: &[u8]) -> Option<Rejected> {
    if envelope.server_error_refusals.is_none() || !envelope.rejected_on.allows(http_status) {
        return None;
    }
    let object = read_object(body).ok()?;
    let documented = envelope.rejection_code(lookup(&object, envelope.code)?)?;
    let message = envelope
        .message
        .and_then(|m| lookup(&object, m))
        .and_then(Value::as_str)
        .map(str::to_string);
    Some(Rejected {
        code: documented.code.to_string(),
        message,
        rejection: Some(documented.rejection),
        http_status,
    })
}

/// An accepted code's answer: its payouts as the shape documents them (one object, or a
/// list of objects). A payload that is missing, `null` or of another form says nothing
/// of what was accepted, so the answer is unknown, never "accepted, no payout" (which a
/// caller could read as "not created" and pay again).
fn accepted(
    envelope: &Envelope,
    shape: &AnswerShape,
    statuses: Option<&StatusTable>,
    http_status: u16,
    code: &str,
    object: Map<String, Value>,
) -> Outcome {
    let field = shape.data.or(envelope.data);
    let payload = match field {
        Some(field) => lookup(&object, field).cloned(),
        None => Some(Value::Object(object.clone())),
    };
    let unreadable = |what: &str| {
        Outcome::Unknown(Unknown::Unreadable {
            http_status,
            reason: format!("the accepted answer's `{}` {what}", field.unwrap_or("body")),
        })
    };
    let objects: Vec<Map<String, Value>> = match payload {
        Some(Value::Object(one)) if !shape.list => vec![one],
        Some(Value::Array(many)) if shape.list => {
            let objects: Option<Vec<_>> = many
                .into_iter()
                .map(|v| match v {
                    Value::Object(o) => Some(o),
                    _ => None,
                })
                .collect();
            match objects {
                Some(objects) => objects,
                None => return unreadable("lists an item that is not a payout object"),
            }
        }
        None | Some(Value::Null) => return unreadable("is missing"),
        Some(_) if shape.list => return unreadable("is not a list of payouts"),
        Some(_) => return unreadable("is not a payout object"),
    };
    let text = |o: &Map<String, Value>, field: Option<&str>| match o.get(field?)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let records = objects
        .into_iter()
        .map(|fields| Record {
            platform_order_no: text(&fields, shape.platform_order_no),
            merchant_order_no: text(&fields, shape.merchant_order_no),
            status: statuses.and_then(|s| s.read(&fields)),
            fields,
        })
        .collect();
    Outcome::Accepted(Accepted {
        code: code.to_string(),
        records,
        body: object,
    })
}

#[cfg(test)]
#[path = "answer_tests.rs"]
mod tests;

//! Answers to outcomes: accepted, rejected with the provider's code, or unknown.

use serde_json::{Map, Value};

use super::Rejection;
use super::status::{Status, StatusTable};

/// How a provider builds its answers (a spec's `answers`).
#[derive(Debug)]
pub struct Envelope {
    /// The field with the result code.
    pub code: &'static str,
    /// The codes meaning "accepted", as text.
    pub accepted: &'static [&'static str],
    /// The field with the message.
    pub message: Option<&'static str>,
    /// The field with the payload; `None` when the payload is the answer itself.
    pub data: Option<&'static str>,
    /// Known rejection codes.
    pub codes: &'static [ResultCode],
}

/// A documented rejection code.
#[derive(Debug)]
pub struct ResultCode {
    /// The code, as text.
    pub code: &'static str,
    /// What it means.
    pub rejection: Rejection,
    /// What the provider says.
    pub doc: &'static str,
}

impl Envelope {
    /// The code the spec documents for a rejection (a provider's side uses it).
    pub fn code_for(&self, rejection: Rejection) -> Option<&'static str> {
        self.codes
            .iter()
            .find(|c| c.rejection == rejection)
            .map(|c| c.code)
    }
}

/// What an operation's accepted answer carries (an operation's `answer`).
#[derive(Debug)]
pub struct AnswerShape {
    /// The payload field with the platform's order number.
    pub order_id: Option<&'static str>,
    /// The payload field with the merchant's order number.
    pub merchant_order_id: Option<&'static str>,
    /// Whether the payload is a list of payouts.
    pub list: bool,
}

/// The outcome of a call. Only `Rejected` says the provider refused it; `Unknown` says
/// nothing about the payout — query it before doing anything else.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The provider accepted the call (not: the payout succeeded).
    Accepted(Accepted),
    /// The provider refused the call, with its code.
    Rejected(Rejected),
    /// The call's effect is not known: query, never assume failure.
    Unknown(Unknown),
}

/// An accepted answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    /// The provider's result code.
    pub code: String,
    /// The payouts the payload describes (one for create, any number for a list query).
    pub records: Vec<Record>,
    /// The whole answer, every field kept (providers add fields).
    pub body: Map<String, Value>,
}

impl Accepted {
    /// The first record's platform order number.
    pub fn order_id(&self) -> Option<&str> {
        self.records.first()?.order_id.as_deref()
    }

    /// The first record's status.
    pub fn status(&self) -> Option<Status> {
        self.records.first()?.status
    }
}

/// One payout in an accepted answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The platform's order number.
    pub order_id: Option<String>,
    /// The merchant's order number.
    pub merchant_order_id: Option<String>,
    /// The status, kept even when the spec does not know the code.
    pub status: Option<Status>,
    /// Every field of the record.
    pub fields: Map<String, Value>,
}

/// A rejected call.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// The provider's code.
    pub code: String,
    /// The provider's message.
    pub message: Option<String>,
    /// What the code means, when the spec documents it.
    pub rejection: Option<Rejection>,
    /// The HTTP status.
    pub http_status: u16,
}

/// Why a call's effect is unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unknown {
    /// No answer in time.
    Timeout,
    /// The connection failed after the request may have been sent.
    Transport(String),
    /// HTTP 5xx.
    ServerError(u16),
    /// An empty body.
    Empty {
        /// The HTTP status.
        http_status: u16,
    },
    /// A body that is not an answer of this provider.
    Unreadable {
        /// The HTTP status.
        http_status: u16,
        /// What is wrong with it.
        reason: String,
    },
}

/// Reads an answer: 5xx, empty or unreadable bodies are unknown; a documented envelope
/// with an accepted code on a 2xx is accepted; any other code is rejected.
pub fn read_answer(
    envelope: &Envelope,
    shape: &AnswerShape,
    statuses: Option<&StatusTable>,
    http_status: u16,
    body: &[u8],
) -> Outcome {
    if http_status >= 500 {
        return Outcome::Unknown(Unknown::ServerError(http_status));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Outcome::Unknown(Unknown::Empty { http_status });
    }
    let unreadable = |reason: String| {
        Outcome::Unknown(Unknown::Unreadable {
            http_status,
            reason,
        })
    };
    let object = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(object)) => object,
        Ok(_) => return unreadable("the answer is not a JSON object".into()),
        Err(e) => return unreadable(format!("the answer is not JSON: {e}")),
    };
    let code = match object.get(envelope.code) {
        Some(Value::String(code)) => code.clone(),
        Some(Value::Number(code)) => code.to_string(),
        _ => return unreadable(format!("the answer has no `{}` code", envelope.code)),
    };
    let message = envelope
        .message
        .and_then(|m| object.get(m))
        .and_then(Value::as_str)
        .map(str::to_string);
    if !envelope.accepted.contains(&code.as_str()) {
        let rejection = envelope
            .codes
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.rejection);
        return Outcome::Rejected(Rejected {
            code,
            message,
            rejection,
            http_status,
        });
    }
    if !(200..300).contains(&http_status) {
        return unreadable(format!("an accepted code with HTTP status {http_status}"));
    }
    let payload = match envelope.data {
        Some(field) => object.get(field).cloned().unwrap_or(Value::Null),
        None => Value::Object(object.clone()),
    };
    let objects: Vec<Map<String, Value>> = match payload {
        Value::Object(one) if !shape.list => vec![one],
        Value::Array(many) if shape.list => many
            .into_iter()
            .filter_map(|v| {
                if let Value::Object(o) = v {
                    Some(o)
                } else {
                    None
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let text = |o: &Map<String, Value>, field: Option<&str>| match o.get(field?)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let records = objects
        .into_iter()
        .map(|fields| Record {
            order_id: text(&fields, shape.order_id),
            merchant_order_id: text(&fields, shape.merchant_order_id),
            status: statuses.and_then(|s| s.read(&fields)),
            fields,
        })
        .collect();
    Outcome::Accepted(Accepted {
        code,
        records,
        body: object,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::wire::PayoutState;

    static ENVELOPE: Envelope = Envelope {
        code: "code",
        accepted: &["200"],
        message: Some("msg"),
        data: Some("data"),
        codes: &[ResultCode {
            code: "425",
            rejection: Rejection::InsufficientBalance,
            doc: "Insufficient merchant balance",
        }],
    };
    static SHAPE: AnswerShape = AnswerShape {
        order_id: Some("tradeNo"),
        merchant_order_id: Some("merchantOrderNo"),
        list: false,
    };
    static STATUSES: StatusTable = StatusTable {
        field: "status",
        values: &[(1, "Processing", PayoutState::Processing)],
    };

    fn read(status: u16, body: &str) -> Outcome {
        read_answer(&ENVELOPE, &SHAPE, Some(&STATUSES), status, body.as_bytes())
    }

    #[test]
    fn accepted_keeps_every_field_and_unknown_statuses() {
        let Outcome::Accepted(a) = read(
            200,
            r#"{"code":200,"msg":"success","traceId":"t","data":{"tradeNo":"TF1","status":1,"new":true}}"#,
        ) else {
            panic!("accepted expected")
        };
        assert_eq!(a.order_id(), Some("TF1"));
        assert_eq!(
            a.status().and_then(|s| s.state),
            Some(PayoutState::Processing)
        );
        assert_eq!(a.records[0].fields["new"], Value::Bool(true));
        assert_eq!(a.body["traceId"], "t");
        let Outcome::Accepted(b) = read(200, r#"{"code":200,"data":{"tradeNo":"TF2","status":7}}"#)
        else {
            panic!()
        };
        assert_eq!(b.status().map(|s| (s.code, s.state)), Some((7, None)));
    }

    #[test]
    fn provider_codes_are_rejections() {
        let Outcome::Rejected(r) = read(
            200,
            r#"{"code":425,"data":null,"msg":"Insufficient merchant balance"}"#,
        ) else {
            panic!()
        };
        assert_eq!(
            (r.code.as_str(), r.rejection),
            ("425", Some(Rejection::InsufficientBalance))
        );
        let Outcome::Rejected(r) = read(400, r#"{"code":999,"msg":"?"}"#) else {
            panic!()
        };
        assert_eq!((r.rejection, r.http_status), (None, 400));
    }

    #[test]
    fn anything_else_is_unknown_never_failed() {
        assert_eq!(
            read(500, r#"{"code":425}"#),
            Outcome::Unknown(Unknown::ServerError(500))
        );
        assert_eq!(read(503, ""), Outcome::Unknown(Unknown::ServerError(503)));
        assert_eq!(
            read(200, "  "),
            Outcome::Unknown(Unknown::Empty { http_status: 200 })
        );
        for body in ["<html>", "[]", r#"{"msg":"no code"}"#] {
            assert!(
                matches!(
                    read(200, body),
                    Outcome::Unknown(Unknown::Unreadable { .. })
                ),
                "{body}"
            );
        }
        assert!(matches!(
            read(302, r#"{"code":200}"#),
            Outcome::Unknown(Unknown::Unreadable { .. })
        ));
    }
}

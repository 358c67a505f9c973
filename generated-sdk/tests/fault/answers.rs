//! Answers for the reading properties: bodies built around each spec's envelope, with
//! code values drawn from the spec's own codes (as strings, numbers, floats, padded) and
//! from anything else, and statuses.

use std::fmt;

use payspec_sdk::runtime::wire::Envelope;
use payspec_sdk::runtime::{OperationInfo, SpecInfo};
use proptest::prelude::*;
use serde_json::{Map, Value};

use crate::fuzz::{json, number, object_with, string};

/// A body, shown as text when a property fails.
#[derive(Clone)]
pub struct Body(pub Vec<u8>);

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(&self.0))
    }
}

/// The spec's envelope (every spec has one: the client tests read answers with it too).
pub fn envelope(spec: &SpecInfo) -> &'static Envelope {
    spec.envelope.expect("every spec documents its answers")
}

/// Whether a spec's answers say "accepted" with a code in the body: the reading
/// properties here are stated for those (an answer accepted by its HTTP status alone gets
/// its verdicts in the suite's outcome table).
pub fn accepts_by_code(spec: &SpecInfo) -> bool {
    envelope(spec).accepted_by == payspec_sdk::runtime::wire::AcceptedBy::Code
}

/// The codes the spec names: accepted ones, then documented rejections.
pub fn known_codes(spec: &SpecInfo) -> Vec<String> {
    let envelope = envelope(spec);
    let known: Vec<String> = envelope
        .accepted
        .iter()
        .copied()
        .chain(envelope.codes.iter().map(|c| c.code))
        .map(String::from)
        .collect();
    assert!(!known.is_empty(), "{}: the envelope names no code", spec.id);
    known
}

/// `code` as a JSON number when it is digits (`"425"` -> `425`, `"0000"` -> `0`).
pub fn as_number(code: &str) -> Value {
    code.parse::<u64>()
        .map_or_else(|_| Value::String(code.into()), Value::from)
}

/// Whether `code` reads the same as a JSON number (`425`; not `0000`, which is `0`).
pub fn same_as_number(code: &str) -> bool {
    !code.is_empty()
        && code.len() < 20
        && code.bytes().all(|b| b.is_ascii_digit())
        && (code == "0" || !code.starts_with('0'))
}

/// A number spelled as a float (`200.0`, `200.00`, `200e0`, `200.0E+0`): the same value,
/// another text.
pub fn as_float(code: &str, spelling: usize) -> Value {
    let Ok(n) = code.parse::<u64>() else {
        return Value::String(code.into());
    };
    let text = match spelling % 4 {
        0 => format!("{n}.0"),
        1 => format!("{n}.00"),
        2 => format!("{n}e0"),
        _ => format!("{n}.0E+0"),
    };
    serde_json::from_str(&text).unwrap_or(Value::String(code.into()))
}

/// A code with whitespace around it (`" 200"`, `"425\n"`).
pub fn padded(code: &str, left: &str, right: &str) -> Value {
    let left = if left.is_empty() && right.is_empty() {
        " "
    } else {
        left
    };
    Value::String(format!("{left}{code}{right}"))
}

pub fn whitespace() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", " ", "  ", "\t", "\n", "\u{a0}"])
}

/// A value for the envelope's code field: the spec's own codes as strings, as numbers, as
/// floats, padded with spaces, or anything else.
pub fn code_value(spec: &SpecInfo) -> BoxedStrategy<Value> {
    let known = prop::sample::select(known_codes(spec));
    prop_oneof![
        3 => known.clone().prop_map(Value::String),
        2 => known.clone().prop_map(|c| as_number(&c)),
        1 => (known.clone(), any::<usize>()).prop_map(|(c, s)| as_float(&c, s)),
        1 => (known, whitespace(), whitespace()).prop_map(|(c, l, r)| padded(&c, l, r)),
        1 => number(),
        1 => string().prop_map(Value::String),
        1 => Just(Value::Null),
        1 => json(),
    ]
    .boxed()
}

/// A payload in the shape `op`'s answer describes (a record, or a list of them), or any
/// JSON at all.
pub fn payload(spec: &'static SpecInfo, op: &'static OperationInfo) -> BoxedStrategy<Value> {
    let shape = op.answer.expect("every operation documents its answer");
    let keys: Vec<String> = [shape.platform_order_no, shape.merchant_order_no]
        .into_iter()
        .flatten()
        .chain(spec.statuses.map(|s| s.field))
        .map(String::from)
        .collect();
    let record = object_with(keys).prop_map(Value::Object);
    let shaped = if shape.list {
        prop::collection::vec(record, 0..3)
            .prop_map(Value::Array)
            .boxed()
    } else {
        record.boxed()
    };
    prop_oneof![3 => shaped, 1 => json()].boxed()
}

/// An answer body built around the spec's envelope (its code field present or not, maybe
/// written twice), or bytes that are not JSON at all.
pub fn answer_body(
    spec: &'static SpecInfo,
    op: &'static OperationInfo,
    code: BoxedStrategy<Value>,
) -> BoxedStrategy<Body> {
    let envelope = envelope(spec);
    let object = (
        prop::option::weighted(0.95, code.clone()),
        prop::option::weighted(0.1, code),
        prop::option::of(string()),
        payload(spec, op),
        object_with(Vec::new()),
    )
        .prop_map(move |(code, repeated, message, payload, extra)| {
            let mut body: Map<String, Value> = extra;
            if let Some(field) = envelope.message {
                body.insert(field.into(), message.map_or(Value::Null, Value::String));
            }
            match (envelope.data, payload) {
                (Some(field), payload) => {
                    body.insert(field.into(), payload);
                }
                (None, Value::Object(members)) => body.extend(members),
                (None, _) => {}
            }
            if let Some(code) = code {
                body.insert(envelope.code.into(), code);
            }
            let text = serde_json::to_string(&body).expect("JSON");
            Body(match repeated {
                // The code field written twice, textually: which one counts is the reader's.
                Some(first) => {
                    let first = serde_json::to_string(&first).expect("JSON");
                    let key = serde_json::to_string(envelope.code).expect("JSON");
                    let rest = text.strip_prefix('{').unwrap_or(&text);
                    let comma = if rest == "}" { "" } else { "," };
                    format!("{{{key}:{first}{comma}{rest}").into_bytes()
                }
                None => text.into_bytes(),
            })
        });
    prop_oneof![9 => object, 1 => prop::collection::vec(any::<u8>(), 0..64).prop_map(Body)].boxed()
}

/// Any status a server can send, 2xx more often.
pub fn any_status() -> BoxedStrategy<u16> {
    prop_oneof![200u16..300, 100u16..600].boxed()
}

/// A documented rejection code, as a string or as a number; none if the spec documents
/// none.
pub fn documented(spec: &'static SpecInfo) -> Option<BoxedStrategy<Value>> {
    let codes: Vec<&'static str> = envelope(spec).codes.iter().map(|c| c.code).collect();
    (!codes.is_empty()).then(|| {
        (prop::sample::select(codes), any::<bool>())
            .prop_map(|(c, number)| {
                if number {
                    as_number(c)
                } else {
                    Value::String(c.into())
                }
            })
            .boxed()
    })
}

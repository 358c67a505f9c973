//! The misbehaviours as data: for one spec and operation, the bytes each one writes,
//! built from the spec's own envelope.
//!
//! Where a misbehaviour carries a body, the body is a valid accepted answer whenever the
//! test allows it: a client that ignored the misbehaviour would then read "accepted", so a
//! test expecting "unknown" can fail.

use std::time::Duration;

use payspec_sdk::runtime::OperationInfo;
use payspec_sdk::runtime::wire::AcceptedBy;
use serde_json::{Map, Value};

use crate::server::Misbehaviour;
use crate::support::Case;

/// The client's `MAX_BODY_BYTES` (src/client.rs): the longest answer it reads.
pub const LIMIT: u64 = 4 * 1024 * 1024;
/// The client's timeout where the server always finishes or closes: never reached.
pub const PATIENT: Duration = Duration::from_secs(30);
/// The client's timeout against a stalled answer. The server never finishes, so the
/// verdict is the same whatever this is; short only to keep the suite fast.
pub const IMPATIENT: Duration = Duration::from_millis(300);
/// The platform order number in the accepted answers the servers write.
pub const ORDER_ID: &str = "FAULT-ORDER-1";

/// A misbehaviour for one case and merchant order number.
pub type Make = Box<dyn Fn(&Case, &'static OperationInfo, &str) -> Misbehaviour + Sync>;

/// A named misbehaviour and the client timeout to meet it with.
pub struct Mode {
    pub name: String,
    pub timeout: Duration,
    pub make: Make,
}

impl Mode {
    pub fn new(
        name: impl Into<String>,
        timeout: Duration,
        make: impl Fn(&Case, &'static OperationInfo, &str) -> Misbehaviour + Sync + 'static,
    ) -> Mode {
        Mode {
            name: name.into(),
            timeout,
            make: Box::new(make),
        }
    }
}

/// An accepted answer of `op` in the spec's envelope: the first accepted code (where a
/// code accepts), and a payload (one record, or a list of one) with [`ORDER_ID`] and
/// `merchant_order_no`, every other documented field a placeholder of its form, where
/// the envelope puts it.
pub fn accepted_json(case: &Case, op: &OperationInfo, merchant_order_no: &str) -> Vec<u8> {
    let envelope = case
        .spec
        .envelope
        .expect("every spec documents its answers");
    let shape = op.answer.expect("every operation documents its answer");
    let mut record: Map<String, Value> = shape
        .fields
        .iter()
        .map(|(name, form)| ((*name).to_string(), form.placeholder(name)))
        .collect();
    if let Some(field) = shape.platform_order_no {
        record.insert(field.into(), ORDER_ID.into());
    }
    if let Some(field) = shape.merchant_order_no {
        record.insert(field.into(), merchant_order_no.into());
    }
    let mut body = Value::Object(Map::new());
    if envelope.accepted_by == AcceptedBy::Code {
        let code = envelope
            .accepted
            .first()
            .expect("an envelope accepted by code has an accepted code");
        put(&mut body, envelope.code, Value::String((*code).into()));
    }
    let payload = if shape.list {
        Value::Array(vec![Value::Object(record)])
    } else {
        Value::Object(record)
    };
    match shape.data.or(envelope.data) {
        Some(data) => put(&mut body, data, payload),
        None => {
            if let (Value::Object(members), Value::Object(record)) = (&mut body, payload) {
                members.extend(record);
            }
        }
    }
    serde_json::to_vec(&body).expect("JSON")
}

/// `{"<code field>": code}` in the spec's envelope (the code at its pointer).
pub fn code_json(case: &Case, code: &str) -> Vec<u8> {
    let envelope = case
        .spec
        .envelope
        .expect("every spec documents its answers");
    let mut body = Value::Object(Map::new());
    put(&mut body, envelope.code, Value::String(code.into()));
    serde_json::to_vec(&body).expect("JSON")
}

/// `value` at a field name or a JSON Pointer (`/error/code`, `/errors/0/code`).
fn put(body: &mut Value, place: &str, value: Value) {
    let object = body.as_object_mut().expect("a JSON object");
    payspec_sdk::runtime::wire::insert_at(object, place, value);
}

/// A rejection code the spec documents, for a status it does not list for refusals (any,
/// if it documents none, or lists `status`: a 3xx or 4xx the page does not call a refusal
/// must not be a rejection whatever its code).
pub fn rejection_code(case: &Case, status: u16) -> &'static str {
    case.spec
        .envelope
        .filter(|e| !e.rejected_on.allows(status))
        .and_then(|e| e.codes.first())
        .map_or("FAULT-UNDOCUMENTED", |c| c.code)
}

/// A whole HTTP/1.1 answer: `status_line`, `headers`, and `body` with its Content-Length.
pub fn http(status_line: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    http_declaring(status_line, headers, body, body.len())
}

/// An HTTP/1.1 answer whose Content-Length says `declared`, whatever the body's length.
pub fn http_declaring(
    status_line: &str,
    headers: &[&str],
    body: &[u8],
    declared: usize,
) -> Vec<u8> {
    let mut head = format!("{status_line}\r\nContent-Type: application/json\r\n");
    for header in headers {
        head.push_str(header);
        head.push_str("\r\n");
    }
    head.push_str(&format!(
        "Content-Length: {declared}\r\nConnection: close\r\n\r\n"
    ));
    let mut answer = head.into_bytes();
    answer.extend_from_slice(body);
    answer
}

/// The same answer chunked (three chunks), without a Content-Length.
pub fn http_chunked(body: &[u8]) -> Vec<u8> {
    let mut answer = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".to_vec();
    for part in body.chunks(body.len().div_ceil(3).max(1)) {
        answer.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        answer.extend_from_slice(part);
        answer.extend_from_slice(b"\r\n");
    }
    answer.extend_from_slice(b"0\r\n\r\n");
    answer
}

/// A 3xx or 4xx carrying `body`; a 3xx points back at the same server.
pub fn status_answer(status: u16, body: &[u8]) -> Vec<u8> {
    match status {
        300..400 => http(
            &format!("HTTP/1.1 {status} Redirect"),
            &["Location: /followed"],
            body,
        ),
        _ => http(&format!("HTTP/1.1 {status} Refused"), &[], body),
    }
}

/// Closes the connection right after reading the request.
pub fn close() -> Mode {
    Mode::new("close without answer", PATIENT, |_, _, _| {
        Misbehaviour::Close
    })
}

/// Resets the connection right after reading the request.
pub fn reset() -> Mode {
    Mode::new("reset", PATIENT, |_, _, _| Misbehaviour::Reset)
}

/// The head and half the body of an accepted answer, then nothing, the connection open.
pub fn stall() -> Mode {
    Mode::new("trickle then stall", IMPATIENT, |case, op, id| {
        let json = accepted_json(case, op, id);
        let answer = http("HTTP/1.1 200 OK", &[], &json);
        let sent = answer.len() - json.len() / 2;
        Misbehaviour::Stall { answer, sent }
    })
}

/// An accepted answer padded with spaces to `length` bytes, with a Content-Length or
/// chunked.
pub fn padded(name: &'static str, length: u64, chunked: bool) -> Mode {
    Mode::new(name, PATIENT, move |case, op, id| Misbehaviour::Padded {
        json: accepted_json(case, op, id),
        length,
        chunked,
    })
}

/// The answers past the client's limit.
pub fn huge() -> [Mode; 2] {
    [
        padded("over 4 MiB with a Content-Length", LIMIT + 1, false),
        padded("over 4 MiB chunked", LIMIT + 64 * 1024, true),
    ]
}

/// A whole accepted answer whose Content-Length promises 16 bytes more, then close.
pub fn short_body() -> Mode {
    Mode::new(
        "body shorter than its Content-Length",
        PATIENT,
        |case, op, id| {
            let json = accepted_json(case, op, id);
            let declared = json.len() + 16;
            Misbehaviour::Raw(http_declaring("HTTP/1.1 200 OK", &[], &json, declared))
        },
    )
}

/// An accepted answer behind a status line that is not one, or no status line at all.
pub fn garbage() -> Vec<Mode> {
    let mut modes: Vec<Mode> = [
        ("status line `HTTP/1.1 abc`", "HTTP/1.1 abc"),
        ("status line `HTTP/1.1 2000 OK`", "HTTP/1.1 2000 OK"),
        ("status line not HTTP", "SSH-2.0-OpenSSH_9.6"),
    ]
    .into_iter()
    .map(|(name, status_line)| {
        Mode::new(name, PATIENT, move |case, op, id| {
            Misbehaviour::Raw(http(status_line, &[], &accepted_json(case, op, id)))
        })
    })
    .collect();
    modes.push(Mode::new(
        "no status line, only the body",
        PATIENT,
        |case, op, id| Misbehaviour::Raw(accepted_json(case, op, id)),
    ));
    modes
}

/// The statuses a provider's gateway or firewall answers with, besides a redirect.
pub const REFUSALS: [u16; 3] = [429, 403, 401];

/// A 302 or a 4xx carrying the accepted code: not an answer to read.
pub fn status_with_accepted_code(status: u16) -> Mode {
    Mode::new(
        format!("{status} with the accepted code"),
        PATIENT,
        move |case, op, id| Misbehaviour::Raw(status_answer(status, &accepted_json(case, op, id))),
    )
}

/// A 302 or a 4xx carrying a rejection code the spec documents.
pub fn status_with_rejection_code(status: u16) -> Mode {
    Mode::new(
        format!("{status} with a rejection code"),
        PATIENT,
        move |case, _, _| {
            Misbehaviour::Raw(status_answer(
                status,
                &code_json(case, rejection_code(case, status)),
            ))
        },
    )
}

/// Every misbehaviour that leaves no answer to read (the client must make each an
/// unknown outcome), bar the 3xx/4xx ones carrying a rejection code (issue 8).
pub fn failing_modes() -> Vec<Mode> {
    let mut modes = vec![close(), reset(), stall(), short_body()];
    modes.extend(huge());
    modes.extend(garbage());
    modes.push(status_with_accepted_code(302));
    modes.extend(REFUSALS.map(status_with_accepted_code));
    modes
}

//! Outcome classification, table-driven over every spec's envelope: the inputs that a
//! fuzzing run once saw misread (an accepted `200.0` as a rejection, an undocumented code
//! or a 429 as a refusal) each get their verdict here, for every spec, from the spec's own
//! codes. `Rejected` only for a code the spec documents as a rejection on a status it
//! allows; everything uncertain is `Unknown`.

use payspec_sdk::runtime::SpecInfo;
use payspec_sdk::runtime::wire::{
    AcceptedBy, AnswerShape, Envelope, Outcome, Unknown, read_answer,
};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Verdict {
    Accepted,
    Rejected,
    Unknown,
}

/// A code written the way a provider writes it: digits without a leading zero as a JSON
/// number, anything else as a string.
fn numeric(code: &str) -> bool {
    code.parse::<u64>().is_ok() && (code == "0" || !code.starts_with('0'))
}

fn as_json(code: &str) -> String {
    if numeric(code) {
        code.to_string()
    } else {
        format!("{code:?}")
    }
}

/// The verdict an unlisted code must get on `status`: a rejection only where the page
/// says every unlisted code is one.
fn unlisted(envelope: &Envelope, status: u16) -> Verdict {
    if envelope.unlisted.is_some() && envelope.rejected_on.allows(status) {
        Verdict::Rejected
    } else {
        Verdict::Unknown
    }
}

/// A JSON object with `value` (JSON text) at a field name or a JSON Pointer.
fn at(place: &str, value: &str) -> String {
    let mut body = serde_json::Map::new();
    let value = serde_json::from_str(value).expect("JSON");
    payspec_sdk::runtime::wire::insert_at(&mut body, place, value);
    serde_json::Value::Object(body).to_string()
}

/// Where an operation's accepted answer carries its payouts, if not in the answer itself.
fn payload_place(envelope: &Envelope, shape: &AnswerShape) -> Option<&'static str> {
    shape.data.or(envelope.data)
}

/// The member that carries an accepted answer's payouts, `value` (JSON text) at its
/// place, as text to append to an object's members (`,"data":{}`); nothing where the
/// payload is the answer itself.
fn payload_member(envelope: &Envelope, shape: &AnswerShape, value: &str) -> String {
    match payload_place(envelope, shape) {
        Some(place) => {
            let object = at(place, value);
            format!(",{}", &object[1..object.len() - 1])
        }
        None => String::new(),
    }
}

/// `body` (a JSON object) with `member` appended to its members.
fn plus(body: &str, member: &str) -> String {
    let members = &body[1..body.len() - 1];
    let joined = format!("{members}{member}");
    format!("{{{}}}", joined.trim_start_matches(','))
}

/// `(HTTP status, body, verdict)` rows for an envelope whose HTTP status alone accepts:
/// a 2xx is accepted whatever it says; a refusal is a documented code on a status the
/// spec lists for refusals; everything else is unknown. `payload`: the member an
/// accepted answer carries its payouts in.
fn table_by_status(envelope: &Envelope, payload: &str) -> Vec<(u16, String, Verdict)> {
    let c = envelope.code;
    let mut rows = vec![
        (200, plus("{}", payload), Verdict::Accepted),
        (201, plus(r#"{"id":"X1"}"#, payload), Verdict::Accepted),
        (200, "  ".to_string(), Verdict::Unknown),
        (
            200,
            r#"{"id":"X1","id":"X2"}"#.to_string(),
            Verdict::Unknown,
        ),
        (200, "<html>".to_string(), Verdict::Unknown),
    ];
    for rejection in envelope.codes {
        let code = as_json(rejection.code);
        // A 2xx is accepted even if it carries a refusal's code: the status decides.
        rows.push((200, plus(&at(c, &code), payload), Verdict::Accepted));
        for status in [302, 400, 401, 403, 404, 409, 422, 429] {
            let verdict = if envelope.rejected_on.allows(status) {
                Verdict::Rejected
            } else {
                Verdict::Unknown
            };
            rows.push((status, at(c, &code), verdict));
        }
        rows.push((500, at(c, &code), Verdict::Unknown));
        rows.push((503, at(c, &code), Verdict::Unknown));
    }
    for status in [400, 401, 403, 429] {
        // An undocumented code, and no code at all.
        rows.push((
            status,
            at(c, r#""MOCK-UNDOCUMENTED""#),
            unlisted(envelope, status),
        ));
        rows.push((
            status,
            r#"{"message":"no code"}"#.to_string(),
            Verdict::Unknown,
        ));
    }
    rows
}

/// `(HTTP status, body, verdict)` rows for one envelope and an operation's answer.
fn table(envelope: &Envelope, shape: &AnswerShape) -> Vec<(u16, String, Verdict)> {
    let payload = payload_member(envelope, shape, if shape.list { "[]" } else { "{}" });
    if envelope.accepted_by == AcceptedBy::HttpStatus {
        return table_by_status(envelope, &payload);
    }
    let c = envelope.code;
    let accepted = envelope.accepted[0];
    let documented = |code: &str| {
        envelope.accepted.contains(&code) || envelope.codes.iter().any(|r| r.code == code)
    };
    let mut rows = Vec::new();
    // The accepted code by value, in every spelling of it.
    let mut spellings = vec![format!("{accepted:?}"), as_json(accepted)];
    if numeric(accepted) {
        spellings.extend([format!("{accepted}.0"), format!("{accepted}e0")]);
    }
    for spelling in spellings {
        rows.push((
            200,
            format!(r#"{{"{c}":{spelling}{payload}}}"#),
            Verdict::Accepted,
        ));
    }
    // White space around a code is not trimmed away: the answer is unreadable.
    for spaced in [
        format!("{accepted} "),
        format!(" {accepted}"),
        format!("{accepted}\u{a0}"),
    ] {
        rows.push((200, format!(r#"{{"{c}":{spaced:?}}}"#), Verdict::Unknown));
    }
    // Codes the spec does not document, on HTTP 200.
    for code in ["500", "9999", "PROCESSING", ""] {
        if !documented(code) {
            let body = format!(
                r#"{{"{c}":{},"msg":"system error, please query"}}"#,
                as_json(code)
            );
            let verdict = if code.is_empty() {
                Verdict::Unknown
            } else {
                unlisted(envelope, 200)
            };
            rows.push((200, body, verdict));
        }
    }
    for rejection in envelope.codes {
        let code = as_json(rejection.code);
        let on = |status| {
            if envelope.rejected_on.allows(status) {
                Verdict::Rejected
            } else {
                Verdict::Unknown
            }
        };
        rows.push((200, format!(r#"{{"{c}":{code}}}"#), on(200)));
        if numeric(rejection.code) {
            rows.push((200, format!(r#"{{"{c}":{code}.0}}"#), on(200)));
        }
        // Statuses no page documents for answers, and a server error: never a refusal.
        for status in [302, 401, 403, 429] {
            rows.push((status, format!(r#"{{"{c}":{code}}}"#), on(status)));
        }
        rows.push((500, format!(r#"{{"{c}":{code}}}"#), Verdict::Unknown));
        // Two readings of one answer.
        rows.push((
            200,
            format!(r#"{{"{c}":{code},"{c}":{}}}"#, as_json(accepted)),
            Verdict::Unknown,
        ));
    }
    for status in [302, 403, 429] {
        rows.push((status, format!(r#"{{"{c}":{status}}}"#), Verdict::Unknown));
        rows.push((
            status,
            format!(r#"{{"{c}":{}}}"#, as_json(accepted)),
            Verdict::Unknown,
        ));
    }
    if let Some(data) = envelope.data {
        let body = format!(
            r#"{{"{c}":{},"{data}":{{"status":1,"status":3}}}}"#,
            as_json(accepted)
        );
        rows.push((200, body, Verdict::Unknown));
    }
    rows
}

fn verdict(outcome: &Outcome) -> Verdict {
    match outcome {
        Outcome::Accepted(_) => Verdict::Accepted,
        Outcome::Rejected(_) => Verdict::Rejected,
        Outcome::Unknown(_) => Verdict::Unknown,
    }
}

fn specs_with_answers() -> impl Iterator<Item = (&'static SpecInfo, &'static Envelope)> {
    payspec_sdk::SPECS
        .iter()
        .filter_map(|spec| Some((*spec, spec.envelope?)))
}

#[test]
fn every_answer_of_every_spec_gets_its_verdict() {
    let mut checked = 0;
    for (spec, envelope) in specs_with_answers() {
        for op in spec.operations {
            let shape = op.answer.expect("every operation documents its answer");
            for (status, body, expected) in table(envelope, shape) {
                let outcome = read_answer(envelope, shape, spec.statuses, status, body.as_bytes());
                assert_eq!(
                    verdict(&outcome),
                    expected,
                    "{} {}: HTTP {status} {body} read as {outcome:?}",
                    spec.id,
                    op.name
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} rows were checked");
}

/// An accepted answer whose payouts are missing, `null` or of another form than the spec
/// documents says nothing of what was accepted: unknown, through the untyped reader and
/// the registry's typed one alike, never "accepted, no payout" (read as "not created",
/// that would pay twice). An empty list is the provider saying it found none.
#[test]
fn an_accepted_answer_without_its_payouts_is_unknown() {
    let mut checked = 0;
    for (spec, envelope) in specs_with_answers() {
        let accepted = match envelope.accepted_by {
            AcceptedBy::HttpStatus => "{}".to_string(),
            AcceptedBy::Code => format!(
                r#"{{"{}":{}}}"#,
                envelope.code,
                as_json(envelope.accepted[0])
            ),
        };
        for op in spec.operations {
            let shape = op.answer.expect("every operation documents its answer");
            if payload_place(envelope, shape).is_none() {
                continue;
            }
            let wrong_form = if shape.list { "{}" } else { "[]" };
            let mut rows = vec![(String::new(), Verdict::Unknown)];
            for value in ["null", r#""X1""#, "7", wrong_form] {
                rows.push((payload_member(envelope, shape, value), Verdict::Unknown));
            }
            if shape.list {
                let mixed = payload_member(envelope, shape, r#"[{},"X2"]"#);
                rows.push((mixed, Verdict::Unknown));
                rows.push((payload_member(envelope, shape, "[]"), Verdict::Accepted));
            }
            for (member, expected) in rows {
                let body = plus(&accepted, &member);
                let untyped = read_answer(envelope, shape, spec.statuses, 200, body.as_bytes());
                let mut response = http::Response::new(body.clone().into_bytes());
                *response.status_mut() = http::StatusCode::OK;
                let typed = op.read_answer(&response);
                assert_eq!(
                    (verdict(&untyped), verdict(&typed)),
                    (expected, expected),
                    "{} {}: {body} read as {untyped:?} and {typed:?}",
                    spec.id,
                    op.name
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 20, "only {checked} answers were checked");
}

#[test]
fn an_accepted_float_code_keeps_its_order_number() {
    for (spec, envelope) in specs_with_answers() {
        let create = &spec.operations[0];
        let shape = create.answer.expect("answer");
        let (Some(data), Some(platform_order_no), false, AcceptedBy::Code) = (
            envelope.data,
            shape.platform_order_no,
            shape.list,
            envelope.accepted_by,
        ) else {
            continue;
        };
        let accepted = envelope.accepted[0];
        let code = if numeric(accepted) {
            format!("{accepted}.0")
        } else {
            format!("{accepted:?}")
        };
        let body = format!(
            r#"{{"{}":{code},"msg":"success","{data}":{{"{platform_order_no}":"X1"}}}}"#,
            envelope.code
        );
        let Outcome::Accepted(a) =
            read_answer(envelope, shape, spec.statuses, 200, body.as_bytes())
        else {
            panic!("{}: {body} must be accepted", spec.id)
        };
        assert_eq!(
            (a.code.as_str(), a.platform_order_no()),
            (accepted, Some("X1")),
            "{}",
            spec.id
        );
    }
}

#[test]
fn an_uncertain_answer_carries_what_the_provider_said() {
    for (spec, envelope) in specs_with_answers() {
        // An undocumented code on a 2xx exists only where the body's code accepts.
        if envelope.unlisted.is_some() || envelope.accepted_by != AcceptedBy::Code {
            continue;
        }
        let shape = spec.operations[0].answer.expect("answer");
        let body = format!(r#"{{"{}":"9999","msg":"please query"}}"#, envelope.code);
        let outcome = read_answer(envelope, shape, spec.statuses, 200, body.as_bytes());
        let Outcome::Unknown(Unknown::UndocumentedCode {
            code, http_status, ..
        }) = &outcome
        else {
            panic!("{}: {outcome:?}", spec.id)
        };
        assert_eq!((code.as_str(), *http_status), ("9999", 200));
        // The reason is a sentence a log can carry.
        let text = Unknown::UndocumentedCode {
            http_status: 200,
            code: code.clone(),
            message: None,
        }
        .to_string();
        assert!(
            text.contains("9999") && text.contains("do not document"),
            "{text}"
        );
    }
}

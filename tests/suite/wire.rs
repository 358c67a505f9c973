//! The sans-IO wire for every spec: requests as sent, answers as outcomes, callbacks
//! verified and answered. No socket: `http` values in, `http` values out.

use payspec_sdk::prelude::*;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use payspec_sdk::runtime::signing::{MerchantPrivateKey, PlatformPublicKey, SharedSecret};
use payspec_sdk::runtime::wire::{
    AcceptedBy, Credentials, Envelope, HttpStatuses, Outcome, PayoutState, StatusCode, Unknown,
};
use payspec_sdk::runtime::{OperationInfo, SpecInfo};
use payspec_sdk::{SPECS, gateway_id, teemopay_id, teemopay_kr, teemopay_mx, teemopay_pe};
use payspec_tests::put;
use serde_json::{Value, json};

const NONCE: &str = "0123456789abcdef0123456789abcdef";
const SECRET: &str = "2I9Q4nExEddsH6zo";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        payspec_tests::tests_dir()
            .join("../generated-sdk/runtime/tests/fixtures/signing")
            .join(name),
    )
    .expect("fixture")
}

fn keys() -> (MerchantPrivateKey, PlatformPublicKey, SharedSecret) {
    (
        MerchantPrivateKey::from_text(&fixture("teemopay-example-1024.pkcs8.pem"))
            .expect("private"),
        PlatformPublicKey::from_text(&fixture("teemopay-example-1024.spki.pem")).expect("public"),
        SharedSecret::new(SECRET).expect("secret"),
    )
}

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(1_707_220_674_123)
}

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body.as_bytes().to_vec());
    *response.status_mut() = http::StatusCode::from_u16(status).expect("status");
    response
}

/// The first valid example of a spec's create operation.
fn example(spec: &str) -> Vec<u8> {
    let specs = payspec_tests::specs();
    let s = specs.iter().find(|s| s.id == spec).expect("spec");
    let e = s.operations[0]
        .examples
        .iter()
        .find(|e| e.violations.is_empty())
        .expect("a valid example");
    e.json.as_bytes().to_vec()
}

#[test]
fn teemopay_requests_carry_the_signed_nonce_and_the_spec_headers() {
    let (private, public, _) = keys();
    let cases: Vec<(&str, &str, http::Request<Vec<u8>>)> = vec![
        (
            "teemopay-id",
            "ID",
            teemopay_id::CreatePayoutRequest::from_json(&example("teemopay-id"))
                .expect("valid")
                .sign_with_nonce(&private, NONCE)
                .expect("sign")
                .to_http(
                    &teemopay_id::Credentials::builder()
                        .app_code("APP-1")
                        .build(),
                    now(),
                )
                .expect("http"),
        ),
        (
            "teemopay-kr",
            "KR",
            teemopay_kr::CreatePayoutRequest::from_json(&example("teemopay-kr"))
                .expect("valid")
                .sign_with_nonce(&private, NONCE)
                .expect("sign")
                .to_http(
                    &teemopay_kr::Credentials::builder()
                        .app_code("APP-1")
                        .build(),
                    now(),
                )
                .expect("http"),
        ),
        (
            "teemopay-pe",
            "PE",
            teemopay_pe::CreatePayoutRequest::from_json(&example("teemopay-pe"))
                .expect("valid")
                .sign_with_nonce(&private, NONCE)
                .expect("sign")
                .to_http(
                    &teemopay_pe::Credentials::builder()
                        .app_code("APP-1")
                        .build(),
                    now(),
                )
                .expect("http"),
        ),
        (
            "teemopay-mx",
            "MX",
            teemopay_mx::CreatePayoutRequest::from_json(&example("teemopay-mx"))
                .expect("valid")
                .sign_with_nonce(&private, NONCE)
                .expect("sign")
                .to_http(
                    &teemopay_mx::Credentials::builder()
                        .app_code("APP-1")
                        .build(),
                    now(),
                )
                .expect("http"),
        ),
    ];
    for (spec, country, request) in cases {
        assert_eq!(request.method(), http::Method::POST, "{spec}");
        assert_eq!(request.uri(), "/api/pay/payout/create/v1", "{spec}");
        let header = |name: &str| {
            request
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(
            header("nonce"),
            NONCE,
            "{spec}: the nonce sent is the one signed"
        );
        assert_eq!(
            header("timestamp"),
            "1707220674123",
            "{spec}: 13-digit milliseconds"
        );
        assert_eq!(header("country"), country, "{spec}");
        assert_eq!(header("app_code"), "APP-1", "{spec}");
        assert_eq!(header("content-type"), "application/json", "{spec}");
        // What goes on the wire verifies: the body and the nonce header together.
        let verified = match spec {
            "teemopay-id" => teemopay_id::verify(request.body(), &public, NONCE),
            "teemopay-kr" => teemopay_kr::verify(request.body(), &public, NONCE),
            "teemopay-pe" => teemopay_pe::verify(request.body(), &public, NONCE),
            _ => teemopay_mx::verify(request.body(), &public, NONCE),
        };
        assert_eq!(verified, Ok(()), "{spec}");
    }
}

#[test]
fn the_gateway_query_is_a_get_with_a_query_string_and_authorization() {
    let query = gateway_id::QueryPayoutRequest::from_json(
        br#"{"payout_cl_id": "DEV 1&2", "limit": "100"}"#,
    )
    .expect("valid");
    let request = query
        .to_http(
            &gateway_id::Credentials::builder()
                .authorization("AUTH-ID")
                .build(),
            now(),
        )
        .expect("http");
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri(),
        "/gateway/api/v2/payouts?payout_cl_id=DEV+1%262&limit=100"
    );
    assert!(request.body().is_empty());
    let auth = request
        .headers()
        .get("Authorization")
        .expect("authorization");
    assert!(auth.is_sensitive());
    assert_eq!(auth, "AUTH-ID");
    assert!(!format!("{:?}", Credentials::new().authorization("AUTH-ID")).contains("AUTH-ID"));
}

/// Where an operation's payload is.
fn data_place(envelope: &Envelope, op: &OperationInfo) -> Option<&'static str> {
    op.answer.and_then(|a| a.data).or(envelope.data)
}

/// The status a spec's refusals come with: 200 where it may, else the first it lists.
fn refusal_status(envelope: &Envelope) -> u16 {
    match envelope.rejected_on {
        HttpStatuses::Only(statuses) if !statuses.contains(&200) => statuses[0],
        _ => 200,
    }
}

/// An accepted answer to `op` of `spec`, every documented field present in its form.
fn accepted_body(spec: &SpecInfo, op: &OperationInfo) -> Option<Value> {
    let (envelope, shape) = (spec.envelope?, op.answer?);
    let mut record = serde_json::Map::new();
    for (name, form) in shape.fields {
        record.insert((*name).into(), form.placeholder(name));
    }
    if let Some(statuses) = spec.statuses {
        record.insert(statuses.field.into(), json!(statuses.values[0].0));
    }
    let mut body = json!({});
    if envelope.accepted_by == AcceptedBy::Code {
        put(&mut body, envelope.code, json!(envelope.accepted[0]));
    }
    let payload = match shape.list {
        true => json!([record]),
        false => Value::Object(record),
    };
    match data_place(envelope, op) {
        Some(data) => put(&mut body, data, payload),
        None => body.as_object_mut()?.extend(payload.as_object()?.clone()),
    }
    Some(body)
}

#[test]
fn answers_become_outcomes_for_every_spec() {
    for spec in SPECS {
        for op in spec.operations {
            let Some(ok) = accepted_body(spec, op) else {
                continue;
            };
            let (envelope, name) = (spec.envelope.expect("envelope"), op.name);
            let read = |status: u16, body: &str| (op.read_answer)(&response(status, body));
            let Outcome::Accepted(accepted) = read(200, &ok.to_string()) else {
                panic!("{} {name}: accepted expected for {ok}", spec.id)
            };
            assert_eq!(
                accepted.platform_order_no().map(|n| n.starts_with("MOCK-")),
                op.answer.and_then(|a| a.platform_order_no).map(|_| true),
                "{} {name}",
                spec.id
            );
            // A documented field of the wrong type: the answer does not read, so it is
            // unknown (never accepted with a hole in it).
            if let Some((field, _)) = op.answer.and_then(|a| a.fields.first()) {
                let mut broken = ok.clone();
                let record = match data_place(envelope, op) {
                    Some(data) => match data.strip_prefix('/') {
                        Some(_) => broken.pointer_mut(data).expect("the payload"),
                        None => &mut broken[data],
                    },
                    None => &mut broken,
                };
                let record = if record.is_array() {
                    &mut record[0]
                } else {
                    record
                };
                record[*field] = json!({"not": "a value"});
                assert!(
                    matches!(
                        read(200, &broken.to_string()),
                        Outcome::Unknown(Unknown::Unreadable { .. })
                    ),
                    "{} {name}: `{field}` of the wrong type must be unknown",
                    spec.id
                );
            }
            for code in envelope.codes {
                let mut body = json!({});
                put(&mut body, envelope.code, json!(code.code));
                let body = body.to_string();
                let Outcome::Rejected(r) = read(refusal_status(envelope), &body) else {
                    panic!("{} {name}: {body} rejected expected", spec.id)
                };
                assert_eq!(r.rejection, Some(code.rejection), "{} {name}", spec.id);
            }
            let ok = ok.to_string();
            let mut unknown = vec![
                (500, ok.as_str()),
                (502, ""),
                (200, ""),
                (200, "<html>oops"),
            ];
            // An empty object on a 2xx has no code where a code accepts (where the status
            // accepts, it is read as the payout it says it is).
            if envelope.accepted_by == AcceptedBy::Code {
                unknown.push((200, "{}"));
            }
            for (status, body) in unknown {
                let outcome = read(status, body);
                assert!(
                    matches!(outcome, Outcome::Unknown(_)),
                    "{} {name}: {status} {body:?} must be unknown, got {outcome:?}",
                    spec.id
                );
            }
        }
    }
}

#[test]
fn typed_answers_carry_the_specs_types() {
    let body = r#"{"code":200,"msg":"success","traceId":"t","data":{"merchantOrderNo":"M1","tradeNo":"TF1","amount":"100.5","status":1}}"#;
    let Outcome::Accepted(a) = teemopay_mx::CreatePayoutRequest::read_answer(&response(200, body))
    else {
        panic!("accepted")
    };
    let answer = a.record().expect("one payout");
    assert_eq!(
        (
            answer.merchant_order_no.as_str(),
            answer.platform_order_no.as_str()
        ),
        ("M1", "TF1")
    );
    assert_eq!(answer.status, teemopay_mx::PayoutStatus::Processing);
    assert_eq!(answer.status.state(), Some(PayoutState::Processing));
    assert_eq!(answer.amount.map(|m| m.minor_units()), Some(10050));
    assert_eq!(a.body["traceId"], "t", "extra fields are kept");
    let unlisted = body.replace(r#""status":1"#, r#""status":7"#);
    let Outcome::Accepted(a) =
        teemopay_mx::CreatePayoutRequest::read_answer(&response(200, &unlisted))
    else {
        panic!("accepted")
    };
    let status = a.record().expect("one").status;
    assert_eq!(
        (status, status.state()),
        (teemopay_mx::PayoutStatus::Unlisted(7), None)
    );
    // An amount with more decimals than MXN has cannot be read without rounding.
    let rounded = body.replace("100.5", "100.505");
    assert!(matches!(
        teemopay_mx::CreatePayoutRequest::read_answer(&response(200, &rounded)),
        Outcome::Unknown(Unknown::Unreadable { reason, .. }) if reason.contains("`amount`")
    ));
    assert_eq!(
        teemopay_mx::CreatePayoutRequest::read_answer(&response(503, "")),
        Outcome::Unknown(Unknown::ServerError(503))
    );
}

#[test]
fn the_gateway_query_answer_is_a_list_with_statuses() {
    let body = r#"{"error_code":"0000","total":2,"data":[
        {"payout_id":"P1","payout_cl_id":"C1","platform_id":"PF1","amount":5000000,"real_amount":5000000,
         "fee":100,"status":3,"memo":null,"create_time":1707220674,"update_time":1707220999,"sign":"x"},
        {"payout_id":"P2","payout_cl_id":"C2","platform_id":"PF1","amount":100,"real_amount":100,
         "fee":1,"status":9,"create_time":1707220674,"update_time":1707220999,"sign":"y"}]}"#;
    let Outcome::Accepted(a) = gateway_id::QueryPayoutRequest::read_answer(&response(200, body))
    else {
        panic!("accepted")
    };
    assert_eq!(a.records.len(), 2);
    assert_eq!(a.records[0].merchant_order_no, "C1");
    assert_eq!(a.records[0].status.state(), Some(PayoutState::Succeeded));
    assert_eq!(a.records[0].amount.minor_units(), 5_000_000);
    assert_eq!(
        (a.records[1].status.code(), a.records[1].status.state()),
        ("9".to_string(), None),
        "an unknown status is kept"
    );
}

/// A callback as the provider would send it, signed with the platform's key.
fn teemopay_callback(
    private: &MerchantPrivateKey,
    status: i64,
    nonce: &str,
) -> http::Request<Vec<u8>> {
    teemopay_callback_with(private, status, nonce, &[])
}

/// [`teemopay_callback`] with some fields set otherwise, then signed.
fn teemopay_callback_with(
    private: &MerchantPrivateKey,
    status: i64,
    nonce: &str,
    changes: &[(&str, Value)],
) -> http::Request<Vec<u8>> {
    let mut body = json!({"merchantOrderNo": "M1", "tradeNo": "TF1", "amount": "100.00", "serviceAmount": "1.00",
        "status": status, "errorCode": null, "errorMessage": null, "completeTime": "2026-11-23 10:00:00"});
    let map = body.as_object_mut().expect("object");
    for (name, value) in changes {
        map.insert((*name).into(), value.clone());
    }
    teemopay_mx::SIGNING
        .sign_body(map, &[("nonce", nonce)], private)
        .expect("sign");
    http::Request::builder()
        .method("POST")
        .uri("/callback")
        .header("nonce", nonce)
        .header("country", "MX")
        .header("appCode", "APP-1")
        .body(serde_json::to_vec(&body).expect("json"))
        .expect("request")
}

#[test]
fn callbacks_are_verified_read_and_answered() {
    let (private, public, secret) = keys();
    let success = teemopay_mx::receive_callback(&teemopay_callback(&private, 2, NONCE), &public)
        .expect("verified");
    assert_eq!(success.merchant_order_no, "M1");
    assert_eq!(success.status.state(), Some(PayoutState::Succeeded));
    assert_eq!(success.service_amount.map(|m| m.minor_units()), Some(100));
    assert_eq!(success.error_code, None);
    let refund = teemopay_mx::receive_callback(&teemopay_callback(&private, 4, "n2"), &public)
        .expect("verified");
    let state = PayoutState::Processing;
    let after_success = match state.apply(PayoutState::Succeeded) {
        payspec_sdk::runtime::wire::Transition::Applied(s) => s,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        after_success.apply(refund.status.state().expect("known")),
        payspec_sdk::runtime::wire::Transition::Applied(PayoutState::Refunded)
    );

    // A failure: its documented error code is read with the page's meaning; a code the
    // page does not list is kept, with none.
    let failed = |code: Value| {
        let changes = [("errorCode", code), ("errorMessage", json!("limit"))];
        teemopay_mx::receive_callback(
            &teemopay_callback_with(&private, 3, NONCE, &changes),
            &public,
        )
        .expect("verified")
    };
    let code = failed(json!(1004)).error_code.expect("a code");
    assert_eq!(code.code, "1004");
    assert!(
        code.meaning
            .is_some_and(|m| m.starts_with("Wallet limit exceeded"))
    );
    assert_eq!(
        failed(json!(4242)).error_code.map(|c| c.meaning),
        Some(None)
    );
    // Signed, but not what the spec documents: refused, never read half-way.
    let odd = teemopay_callback_with(&private, 2, NONCE, &[("completeTime", json!(5))]);
    assert!(matches!(
        teemopay_mx::receive_callback(&odd, &public),
        Err(payspec_sdk::runtime::wire::CallbackError::Unreadable(e)) if e.to_string().contains("`completeTime`")
    ));

    let reply = teemopay_mx::callback_reply();
    assert_eq!(reply.body(), b"SUCCESS");
    assert_eq!(reply.headers()["content-type"], "text/plain");

    // Tampered: a field changed, the nonce header changed or missing.
    let mut tampered = teemopay_callback(&private, 3, NONCE);
    let mut body: Value = serde_json::from_slice(tampered.body()).expect("json");
    body["status"] = json!(2);
    *tampered.body_mut() = serde_json::to_vec(&body).expect("json");
    assert!(teemopay_mx::receive_callback(&tampered, &public).is_err());
    let mut other_nonce = teemopay_callback(&private, 2, NONCE);
    other_nonce
        .headers_mut()
        .insert("nonce", http::HeaderValue::from_static("another"));
    assert!(teemopay_mx::receive_callback(&other_nonce, &public).is_err());
    let mut no_nonce = teemopay_callback(&private, 2, NONCE);
    no_nonce.headers_mut().remove("nonce");
    assert!(teemopay_mx::receive_callback(&no_nonce, &public).is_err());

    // The gateway: verified over every field received, including ones added later.
    let mut body = json!({"payout_id": "P1", "payout_cl_id": "C1", "platform_id": "PF0002", "amount": 5000000,
        "fee": 100, "status": 3, "create_time": 1707220674, "update_time": 1707220999, "added_later": "x"});
    gateway_id::SIGNING
        .sign_body(body.as_object_mut().expect("object"), &[], &secret)
        .expect("sign");
    let request = http::Request::new(serde_json::to_vec(&body).expect("json"));
    let callback = gateway_id::receive_callback(&request, &secret).expect("verified");
    assert_eq!(
        (
            callback.merchant_order_no.as_str(),
            callback.platform_order_no.as_str()
        ),
        ("C1", "P1")
    );
    assert_eq!(
        callback.extra["added_later"], "x",
        "undocumented fields are kept"
    );
    body["added_later"] = json!("y");
    assert!(
        gateway_id::receive_callback(
            &http::Request::new(serde_json::to_vec(&body).expect("json")),
            &secret
        )
        .is_err()
    );
    assert_eq!(
        gateway_id::callback_reply().body(),
        br#"{"error_code":"0000"}"#
    );
}

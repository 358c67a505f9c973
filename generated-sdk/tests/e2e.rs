//! End to end over loopback HTTP, for every spec: the client (feature `client`) against the
//! mock provider (feature `mock`), requests built and signed by the generated code,
//! callbacks received by a small merchant server and checked with the generated
//! verification.
//!
//! The one rule checked throughout: no fault is ever reported as a failure. A timeout, a
//! 500, an empty or unreadable answer is `Outcome::Unknown`, and a query then finds the
//! order the provider did receive.

#[path = "e2e/bound.rs"]
mod bound;
#[path = "e2e/support.rs"]
mod support;
#[cfg(feature = "client-tls")]
#[path = "e2e/tls.rs"]
mod tls;
#[path = "e2e/transport.rs"]
mod transport;
#[path = "e2e/typed.rs"]
mod typed;

use std::time::Instant;

use payspec_sdk::mock::Fault;
use payspec_sdk::runtime::wire::{
    Accepted, CallbackError, Outcome, PayoutState, Rejection, Unknown,
};
use serde_json::{Map, Value, json};
use support::{
    CLIENT_TIMEOUT, Case, DELAY, Merchant, accepted, all_cases, assert_rejected, cases, client,
    control, mock,
};

/// Creates an order through the client and returns the accepted answer.
fn create(
    case: &Case,
    client: &payspec_sdk::client::blocking::Client,
    merchant_order_no: &str,
    callback: Option<&str>,
) -> Accepted {
    let body = case.create_body(merchant_order_no, callback);
    let request = case.request(case.create, &body, &case.key);
    accepted(client.send_operation(case.create, &request), case.spec.id)
}

/// Queries an order through the client.
fn query(
    case: &Case,
    client: &payspec_sdk::client::blocking::Client,
    merchant_order_no: &str,
) -> Outcome {
    let request = case.request(case.query, &case.query_body(merchant_order_no), &case.key);
    client.send_operation(case.query, &request)
}

#[test]
fn every_spec_accepts_a_signed_create_and_a_query_finds_it() {
    let mock = mock();
    let client = client(&mock.base_url());
    for case in cases() {
        let id = case.order_number("ok-");
        let created = create(&case, &client, &id, None);
        assert!(
            created.platform_order_no().is_some_and(|o| !o.is_empty()),
            "{}",
            case.spec.id
        );
        assert_eq!(
            created.status().and_then(|s| s.state),
            Some(PayoutState::Processing),
            "{}",
            case.spec.id
        );
        let found = accepted(query(&case, &client, &id), case.spec.id);
        assert_eq!(found.records.len(), 1, "{}", case.spec.id);
        assert_eq!(
            found.platform_order_no(),
            created.platform_order_no(),
            "{}",
            case.spec.id
        );
        assert_eq!(
            found.records[0].merchant_order_no.as_deref(),
            Some(id.as_str())
        );
    }
}

#[test]
fn every_spec_accepts_a_create_and_its_query_finds_it_by_the_numbers_it_takes() {
    let mock = mock();
    let client = client(&mock.base_url());
    for case in all_cases() {
        let id = case.order_number("any-");
        let created = create(&case, &client, &id, None);
        let platform = created
            .platform_order_no()
            .expect("the create's answer names the payout")
            .to_string();
        let request = case.request(case.query, &case.query_body_for(&id, &platform), &case.key);
        let found = accepted(client.send_operation(case.query, &request), case.spec.id);
        assert_eq!(found.records.len(), 1, "{}", case.spec.id);
        assert_eq!(
            found.platform_order_no(),
            Some(platform.as_str()),
            "{}",
            case.spec.id
        );
        assert_eq!(
            found.records[0].merchant_order_no.as_deref(),
            Some(id.as_str()),
            "{}",
            case.spec.id
        );
    }
}

#[test]
fn a_request_signed_with_another_key_is_rejected_with_the_bad_signature_code() {
    let mock = mock();
    let client = client(&mock.base_url());
    // Every spec that signs its create requests.
    for case in cases().into_iter().filter(|c| c.create.is_signed()) {
        let id = case.order_number("badsig-");
        let request = case.request(case.create, &case.create_body(&id, None), &case.wrong_key);
        let outcome = client.send_operation(case.create, &request);
        assert_rejected(outcome, case.spec, Rejection::BadSignature);
        // Nothing was remembered: the same number, signed right, is accepted.
        create(&case, &client, &id, None);
    }
}

#[test]
fn invalid_parameters_are_rejected_and_not_remembered() {
    let mock = mock();
    let client = client(&mock.base_url());
    for case in cases() {
        let id = case.order_number("invalid-");
        let mut body = case.create_body(&id, None);
        body.insert("mockUnknownField".into(), "x".into());
        let request = case.signed_unchecked(case.create, body);
        let outcome = client.send_operation(case.create, &request);
        assert_rejected(outcome, case.spec, Rejection::InvalidParameters);
        create(&case, &client, &id, None);
    }
}

#[test]
fn a_repeated_merchant_order_number_is_rejected_as_a_duplicate() {
    let mock = mock();
    let client = client(&mock.base_url());
    for case in cases() {
        let id = case.order_number("dup-");
        create(&case, &client, &id, None);
        let again = case.request(case.create, &case.create_body(&id, None), &case.key);
        let outcome = client.send_operation(case.create, &again);
        assert_rejected(outcome, case.spec, Rejection::DuplicateOrder);
    }
}

/// Every spec at once (each on its thread): the fault's create is unknown — never
/// rejected — and a query then finds the order in state processing.
fn fault_is_unknown_then_a_query_resolves_it(fault: Fault) {
    let mock = mock();
    let client = client(&mock.base_url());
    std::thread::scope(|scope| {
        for case in cases() {
            let client = &client;
            scope.spawn(move || {
                let id = case.order_number(fault.prefix());
                let request = case.request(case.create, &case.create_body(&id, None), &case.key);
                let started = Instant::now();
                let outcome = client.send_operation(case.create, &request);
                let spent = started.elapsed();
                let Outcome::Unknown(why) = outcome else {
                    panic!(
                        "{} {fault:?}: a fault must be unknown, got {outcome:?}",
                        case.spec.id
                    )
                };
                match fault {
                    Fault::Delay => {
                        assert_eq!(why, Unknown::Timeout, "{}", case.spec.id);
                        assert!(
                            spent < DELAY,
                            "{}: the client waited {spent:?}",
                            case.spec.id
                        );
                        assert!(spent >= CLIENT_TIMEOUT, "{}", case.spec.id);
                    }
                    Fault::ServerError => assert_eq!(why, Unknown::ServerError(500)),
                    Fault::Empty => assert_eq!(why, Unknown::Empty { http_status: 200 }),
                    Fault::Garbage => {
                        assert!(
                            matches!(
                                why,
                                Unknown::Unreadable {
                                    http_status: 200,
                                    ..
                                }
                            ),
                            "{why:?}"
                        );
                    }
                }
                let found = accepted(query(&case, client, &id), case.spec.id);
                assert_eq!(found.records.len(), 1, "{}", case.spec.id);
                assert_eq!(
                    found.records[0].merchant_order_no.as_deref(),
                    Some(id.as_str())
                );
                assert!(found.platform_order_no().is_some(), "{}", case.spec.id);
                assert_eq!(
                    found.status().and_then(|s| s.state),
                    Some(PayoutState::Processing),
                    "{}",
                    case.spec.id
                );
            });
        }
    });
}

#[test]
fn a_delayed_answer_is_a_timeout_then_a_query_resolves_it() {
    fault_is_unknown_then_a_query_resolves_it(Fault::Delay);
}

#[test]
fn an_http_500_is_unknown_then_a_query_resolves_it() {
    fault_is_unknown_then_a_query_resolves_it(Fault::ServerError);
}

#[test]
fn an_empty_answer_is_unknown_then_a_query_resolves_it() {
    fault_is_unknown_then_a_query_resolves_it(Fault::Empty);
}

#[test]
fn a_garbage_answer_is_unknown_then_a_query_resolves_it() {
    fault_is_unknown_then_a_query_resolves_it(Fault::Garbage);
}

/// Sends `request` again with a body whose `field`, inside the callback's `data`, is
/// changed.
fn tampered(
    request: &http::Request<Vec<u8>>,
    data: Option<&str>,
    field: &str,
    value: Value,
) -> http::Request<Vec<u8>> {
    let mut body: Value = serde_json::from_slice(request.body()).expect("JSON");
    let record = match data {
        None => &mut body,
        Some(place) if place.starts_with('/') => body.pointer_mut(place).expect("data"),
        Some(name) => &mut body[name],
    };
    let record: &mut Map<String, Value> = record.as_object_mut().expect("an object");
    assert!(record.contains_key(field), "the callback has `{field}`");
    record.insert(field.into(), value);
    let mut copy = http::Request::builder()
        .method(request.method().clone())
        .uri(request.uri().clone());
    // Every header but the length, which the new body no longer has.
    for (name, value) in request.headers() {
        if name != http::header::CONTENT_LENGTH {
            copy = copy.header(name, value);
        }
    }
    copy.body(serde_json::to_vec(&body).expect("JSON"))
        .expect("request")
}

#[test]
fn callbacks_are_verified_and_answered_and_a_tampered_one_is_refused() {
    let mock = mock();
    let client = client(&mock.base_url());
    for case in all_cases() {
        let spec = case.spec;
        let plan = spec.callback.expect("callback");
        let signing = spec.signing;
        let key = case.platform();
        let merchant = Merchant::start(move |request| {
            match plan.receive(
                signing,
                spec.statuses,
                request.headers(),
                request.body(),
                &key,
            ) {
                Ok(_) => plan.reply(),
                Err(_) => http::Response::builder()
                    .status(400)
                    .body(b"refused".to_vec())
                    .expect("response"),
            }
        });
        let id = case.order_number("cb-");
        let created = create(&case, &client, &id, Some(&merchant.url));
        let mut ask = json!({"spec": spec.id, "merchant_order_no": id, "state": "succeeded"});
        if case.callback_field().is_none() {
            ask["url"] = Value::String(merchant.url.clone());
        }
        let report = control(&client, ask);
        assert_eq!(report["sent"], true, "{}: {report}", spec.id);
        assert_eq!(report["acknowledged"], true, "{}: {report}", spec.id);
        assert_eq!(report["reply"], plan.reply_body, "{}", spec.id);

        let received = merchant.next();
        let callback = plan
            .receive(
                signing,
                spec.statuses,
                received.headers(),
                received.body(),
                &case.platform(),
            )
            .expect("the callback verifies");
        assert_eq!(callback.merchant_order_no, id, "{}", spec.id);
        assert_eq!(
            callback.platform_order_no.as_deref(),
            created.platform_order_no(),
            "{}",
            spec.id
        );
        assert_eq!(
            callback.status.and_then(|s| s.state),
            Some(PayoutState::Succeeded)
        );

        // One field changed: refused by the verification, and by the merchant over HTTP.
        // A callback that carries a token has no signature over its fields: without the
        // token it is refused.
        let mut forged = match plan.token_header {
            Some(header) => {
                let mut forged = tampered(
                    &received,
                    plan.data,
                    plan.merchant_order_no,
                    json!("someone-else"),
                );
                forged.headers_mut().remove(header);
                forged
            }
            None => {
                let status_field = spec.statuses.expect("statuses").field;
                let forged = tampered(&received, plan.data, status_field, json!(999));
                assert!(matches!(
                    plan.receive(
                        signing,
                        spec.statuses,
                        forged.headers(),
                        forged.body(),
                        &case.platform()
                    ),
                    Err(CallbackError::Signature(_))
                ));
                tampered(
                    &received,
                    plan.data,
                    plan.merchant_order_no,
                    json!("someone-else"),
                )
            }
        };
        *forged.uri_mut() = merchant.url.parse().expect("url");
        let answer = client
            .exchange(&forged)
            .unwrap_or_else(|e| panic!("{}: the merchant answers: {e:?}", spec.id));
        assert_eq!(answer.status(), 400, "{}", spec.id);
        assert_ne!(answer.body().as_slice(), plan.reply_body.as_bytes());
    }
}

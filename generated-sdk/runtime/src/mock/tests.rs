//! The mock serves specs that document little: no answers, and no field naming the
//! merchant's order number (issue 11's defects: HTTP 501, and a refused create).

use std::time::Duration;

use super::config::Keys;
use super::provider::Provider;
use super::store::Store;
use crate::wire::Outcome;
use crate::{OperationInfo, OperationRole, SpecInfo, Violations};

fn valid(_: &[u8]) -> Result<(), Violations> {
    Ok(())
}

fn unread(_: &http::Response<Vec<u8>>) -> Outcome {
    Outcome::Unknown(crate::wire::Unknown::Empty { http_status: 0 })
}

/// A spec with one create, no `answers`, no callback, and so no order-number field.
static BARE: SpecInfo = SpecInfo {
    id: "bare-xx",
    provider: "Bare",
    country: "XX",
    currency: "XXX",
    title: "A page that documents only its request",
    file: "specs/bare/xx.yaml",
    signing: None,
    envelope: None,
    statuses: None,
    callback: None,
    signed_headers: &[],
    nonce_length: None,
    operations: &[OperationInfo {
        name: "create_payout",
        method: "POST",
        path: "/bare/payouts",
        content_type: Some("application/json"),
        role: OperationRole::Create,
        headers: &[],
        answer: None,
        query_fields: &[],
        header_fields: &[],
        validate_json: valid,
        read_answer: unread,
        sign_json: None,
    }],
};

static SPECS: [&SpecInfo; 1] = [&BARE];

fn provider() -> Provider {
    Provider {
        specs: &SPECS,
        keys: Keys::default(),
        store: Store::default(),
        delay: Duration::ZERO,
    }
}

fn create(provider: &Provider) -> http::Response<Vec<u8>> {
    let request = http::Request::builder()
        .method("POST")
        .uri("/bare/payouts")
        .header("content-type", "application/json")
        .body(br#"{"amount":"1.00"}"#.to_vec())
        .expect("request");
    provider.handle(&request).response
}

#[test]
fn a_spec_without_answers_or_an_order_number_field_is_served() {
    let provider = provider();
    let first = create(&provider);
    assert_eq!(
        first.status(),
        200,
        "{:?}",
        String::from_utf8_lossy(first.body())
    );
    // Two creates are two orders: with no field naming the merchant's number, nothing
    // says they repeat, so the mock numbers each itself.
    let second = create(&provider);
    assert_eq!(second.status(), 200);
    let orders = provider.store.find("bare-xx", None, None);
    assert_eq!(orders.len(), 2);
    assert_ne!(orders[0].merchant_order_no, orders[1].merchant_order_no);
    assert!(orders[0].merchant_order_no.starts_with("MOCKREF"));
}

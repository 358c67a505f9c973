//! Callbacks verified, read and answered.

use payspec_sdk::runtime::signing::MerchantPrivateKey;
use payspec_sdk::runtime::wire::{PayoutState, StatusCode};
use payspec_sdk::{gateway_id, teemopay_mx};
use serde_json::{Value, json};

use super::{NONCE, keys};

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

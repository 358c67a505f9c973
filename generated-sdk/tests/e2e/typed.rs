//! The typed generated API end to end: Mexico's success then refund, and a gateway order
//! signed with HMAC-SHA256, queried over GET, and called back.

use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use payspec_sdk::runtime::wire::{PayoutState, Transition};
use serde_json::json;

use crate::support::{
    FIXTURES, GATEWAY_SECRET, Merchant, accepted, client, control, credentials, mock,
};

#[test]
fn mexico_success_then_refund_through_the_typed_api() {
    use payspec_sdk::runtime::signing::{MerchantPrivateKey, PlatformPublicKey};
    use payspec_sdk::teemopay_mx::{
        self, AccountType, Amount, CreatePayoutRequest, QueryPayoutRequest,
    };

    let read = |f: &str| std::fs::read_to_string(format!("{FIXTURES}/{f}")).expect("key");
    let merchant_key =
        MerchantPrivateKey::from_text(&read("teemopay-example-1024.pkcs8.pem")).expect("key");
    let platform_key =
        PlatformPublicKey::from_text(&read("teemopay-example-1024.spki.pem")).expect("key");
    let transitions = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&transitions);
    let mut state = PayoutState::Processing;
    let merchant = Merchant::start(move |request| {
        let Ok(callback) = teemopay_mx::receive_callback(request, &platform_key) else {
            return http::Response::builder()
                .status(400)
                .body(Vec::new())
                .expect("response");
        };
        let reported = callback
            .status
            .and_then(|s| s.state)
            .expect("a known status");
        let transition = state.apply(reported);
        if let Transition::Applied(next) = transition {
            state = next;
        }
        log.lock().expect("log").push(transition);
        teemopay_mx::callback_reply()
    });
    let mock = mock();
    let client = client(&mock.base_url());

    let id = "mx-refund-1";
    let nonce = payspec_sdk::runtime::nonce::nonce(32);
    let signed = CreatePayoutRequest::builder()
        .merchant_order_no(id)
        .amount("1234.50".parse::<Amount>().expect("amount"))
        .bank_code("40012")
        .bank_name("BBVA MEXICO")
        .account_type(AccountType::Clabe)
        .bank_account("012180001234567891")
        .real_name("John Doe")
        .id_card_number("1234567890")
        .callback_url(merchant.url.clone())
        .build()
        .validate()
        .expect("valid")
        .sign(&merchant_key, &nonce)
        .expect("signed");
    let request = signed
        .to_http(&credentials(), SystemTime::now())
        .expect("request");
    let created = accepted(
        client.execute(
            request,
            CreatePayoutRequest::ROLE,
            CreatePayoutRequest::read_answer,
        ),
        "create",
    );
    assert!(created.order_id().is_some());

    for state in ["succeeded", "refunded", "refunded", "processing"] {
        let report = control(
            &client,
            json!({"spec": "teemopay-mx", "merchant_order_id": id, "state": state}),
        );
        assert_eq!(report["acknowledged"], true, "{state}: {report}");
        merchant.next();
        if state == "refunded" {
            let nonce = payspec_sdk::runtime::nonce::nonce(32);
            let query = QueryPayoutRequest::builder()
                .merchant_order_no(id)
                .build()
                .validate()
                .expect("valid")
                .sign(&merchant_key, &nonce)
                .expect("signed")
                .to_http(&credentials(), SystemTime::now())
                .expect("request");
            let found = accepted(
                client.execute(
                    query,
                    QueryPayoutRequest::ROLE,
                    QueryPayoutRequest::read_answer,
                ),
                "query",
            );
            assert_eq!(
                found.status().and_then(|s| s.state),
                Some(PayoutState::Refunded)
            );
        }
    }
    assert_eq!(
        *transitions.lock().expect("log"),
        [
            Transition::Applied(PayoutState::Succeeded),
            Transition::Applied(PayoutState::Refunded),
            Transition::Repeated,
            Transition::Impossible {
                from: PayoutState::Refunded,
                to: PayoutState::Processing
            },
        ]
    );
}

#[test]
fn gateway_hmac_order_typed_create_get_query_and_callback() {
    use payspec_sdk::gateway_id::{
        self, Amount, CreatePayoutRequest, QueryPayoutRequest, SignType,
    };
    use payspec_sdk::runtime::signing::SharedSecret;

    let secret = SharedSecret::new(GATEWAY_SECRET).expect("secret");
    let received = Arc::new(Mutex::new(None));
    let seen = Arc::clone(&received);
    let merchant = Merchant::start(move |request| {
        let verifying = SharedSecret::new(GATEWAY_SECRET).expect("secret");
        let callback = gateway_id::receive_callback(request, &verifying);
        let ok = callback.is_ok();
        *seen.lock().expect("seen") = Some(callback);
        if ok {
            gateway_id::callback_reply()
        } else {
            http::Response::builder()
                .status(400)
                .body(Vec::new())
                .expect("response")
        }
    });
    let mock = mock();
    let client = client(&mock.base_url());
    let id = "gw-hmac-1";
    let request = CreatePayoutRequest::builder()
        .platform_id("PF0001")
        .payout_cl_id(id)
        .amount("1000.00".parse::<Amount>().expect("amount"))
        .notify_url(merchant.url.clone())
        .bank_name("BCA")
        .name("Budi")
        .number("6216667451674374")
        .request_time(1_707_220_674)
        .sign_type(SignType::HmacSha256)
        .build()
        .validate()
        .expect("valid")
        .sign(&secret)
        .expect("signed")
        .to_http(&credentials(), SystemTime::now())
        .expect("request");
    let created = accepted(
        client.execute(
            request,
            CreatePayoutRequest::ROLE,
            CreatePayoutRequest::read_answer,
        ),
        "create",
    );
    let query = QueryPayoutRequest::builder()
        .payout_cl_id(id)
        .build()
        .validate()
        .expect("valid")
        .to_http(&credentials(), SystemTime::now())
        .expect("request");
    assert_eq!(query.method(), "GET");
    let found = accepted(
        client.execute(
            query,
            QueryPayoutRequest::ROLE,
            QueryPayoutRequest::read_answer,
        ),
        "query",
    );
    assert_eq!(found.order_id(), created.order_id());

    let report = control(
        &client,
        json!({"spec": "gateway-id", "merchant_order_id": id, "state": "succeeded"}),
    );
    assert_eq!(report["acknowledged"], true, "{report}");
    let callback = received.lock().expect("seen").take().expect("a callback");
    let callback = callback.expect("verified");
    assert_eq!(callback.fields["sign_type"], "HMAC-SHA256");
    assert_eq!(
        callback.status.and_then(|s| s.state),
        Some(PayoutState::Succeeded)
    );
}

//! Callbacks received by a real axum server on loopback, sent by the mock provider:
//! Mexico's success then refund, a repeated callback handled idempotently through
//! `PayoutState`, a tampered one and one over the size limit refused, nothing applied.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Request as Incoming, State};
use axum::response::{IntoResponse, Response};
use payspec_sdk::client::Client;
use payspec_sdk::mock::{self, Config, Server};
use payspec_sdk::runtime::signing::{MerchantPrivateKey, PlatformPublicKey};
use payspec_sdk::runtime::wire::{Outcome, PayoutState, StatusCode, Transition};
use payspec_sdk::teemopay_mx::{self, PayoutCallback};
use serde_json::json;

#[path = "e2e/support.rs"]
#[allow(dead_code)]
mod support;

use support::FIXTURES;

const LIMIT: usize = 16 * 1024;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{name}")).expect("fixture")
}

/// The merchant: each order's known state, and what each callback did.
struct Merchant {
    key: PlatformPublicKey,
    states: Mutex<HashMap<String, PayoutState>>,
    transitions: Mutex<Vec<Transition>>,
    refused: Mutex<Vec<String>>,
}

async fn callback(State(merchant): State<Arc<Merchant>>, request: Incoming) -> Response {
    let received =
        payspec_sdk::runtime::axum::receive::<PayoutCallback>(request, &merchant.key, LIMIT).await;
    match received {
        Ok(received) => {
            let callback = &received.callback;
            let Some(reported) = callback.status.state() else {
                return (http::StatusCode::UNPROCESSABLE_ENTITY, "an unlisted status")
                    .into_response();
            };
            let transition = {
                let mut states = merchant.states.lock().expect("states");
                let known = states
                    .entry(callback.merchant_order_no.clone())
                    .or_insert(PayoutState::Processing);
                let transition = known.apply(reported);
                if let Transition::Applied(next) = transition {
                    *known = next;
                }
                transition
            };
            merchant.transitions.lock().expect("log").push(transition);
            received.reply()
        }
        Err(refused) => {
            merchant
                .refused
                .lock()
                .expect("log")
                .push(refused.to_string());
            refused.into_response()
        }
    }
}

/// Asks the mock to report `state` for the order to its callback URL; the report.
async fn provider_reports(client: &Client, order: &str, state: &str) -> serde_json::Value {
    let body = json!({"spec": "teemopay-mx", "merchant_order_no": order, "state": state});
    let request = http::Request::builder()
        .method("POST")
        .uri(mock::CALLBACK_PATH)
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&body).expect("json"))
        .expect("request");
    let answer = client.exchange(&request).await.expect("the mock answers");
    serde_json::from_slice(answer.body()).expect("a JSON report")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mexican_callbacks_in_axum_success_refund_repeat_and_refusals() {
    let merchant = Arc::new(Merchant {
        key: PlatformPublicKey::from_text(&fixture("teemopay-example-1024.spki.pem")).expect("key"),
        states: Mutex::new(HashMap::new()),
        transitions: Mutex::new(Vec::new()),
        refused: Mutex::new(Vec::new()),
    });
    let app = axum::Router::new()
        .route("/callback", axum::routing::post(callback))
        .with_state(Arc::clone(&merchant));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let callback_url = format!("http://{}/callback", listener.local_addr().expect("addr"));
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let provider = Server::start(Config::new(payspec_sdk::SPECS)).expect("the mock starts");
    let client = Client::builder(provider.base_url())
        .no_proxy()
        .build()
        .expect("client");
    let credentials = teemopay_mx::Credentials::builder().app_code("app").build();
    let order = "axum-mx-1";
    let signed = support::mexican_payout(order, &callback_url);
    let outcome = client.send(&signed, &credentials).await.expect("sent");
    assert!(matches!(outcome, Outcome::Accepted(_)), "{outcome:?}");

    for state in ["succeeded", "refunded", "refunded"] {
        let report = provider_reports(&client, order, state).await;
        assert_eq!(report["acknowledged"], true, "{state}: {report}");
    }
    assert_eq!(
        *merchant.transitions.lock().expect("log"),
        [
            Transition::Applied(PayoutState::Succeeded),
            Transition::Applied(PayoutState::Refunded),
            Transition::Repeated,
        ]
    );

    // A callback signed with the platform's key, then changed: refused, nothing applied.
    let platform_key =
        MerchantPrivateKey::from_text(&fixture("teemopay-example-1024.pkcs8.pem")).expect("key");
    let nonce = "0123456789abcdef0123456789abcdef";
    let mut body = json!({"merchantOrderNo": "axum-mx-2", "tradeNo": "T2", "amount": "1.00",
        "serviceAmount": "0.10", "status": 3, "completeTime": "2026-12-01 10:00:00"});
    teemopay_mx::SIGNING
        .sign_body(
            body.as_object_mut().expect("object"),
            &[("nonce", nonce)],
            &platform_key,
        )
        .expect("signed");
    body["status"] = json!(2);
    let forged = http::Request::builder()
        .method("POST")
        .uri(&callback_url)
        .header("nonce", nonce)
        .header("country", "MX")
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&body).expect("json"))
        .expect("request");
    let answer = client
        .exchange(&forged)
        .await
        .expect("the merchant answers");
    assert_eq!(answer.status(), 400);
    assert_ne!(answer.body().as_slice(), b"SUCCESS");

    // A body over the limit: refused before it is read.
    let huge = http::Request::builder()
        .method("POST")
        .uri(&callback_url)
        .header("nonce", nonce)
        .header("country", "MX")
        .body(vec![b' '; LIMIT + 1])
        .expect("request");
    let answer = client.exchange(&huge).await.expect("the merchant answers");
    assert_eq!(answer.status(), 413);

    let refused = merchant.refused.lock().expect("log").clone();
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert!(
        refused[0].contains("signature does not verify"),
        "{refused:?}"
    );
    assert!(refused[1].contains("larger than"), "{refused:?}");
    assert!(
        !merchant
            .states
            .lock()
            .expect("states")
            .contains_key("axum-mx-2")
    );
    assert_eq!(
        merchant.transitions.lock().expect("log").len(),
        3,
        "nothing else applied"
    );
    provider.shutdown();
    server.abort();
}

//! A merchant's crate, end to end on its own generated SDK: the spec's examples, then an
//! order built, validated, signed with the merchant's own key, sent to the mock provider,
//! queried, and its callback received and verified with the platform's key.

use std::sync::mpsc;
use std::time::Duration;

use payspec_downstream::runtime::client::blocking::Client;
use payspec_downstream::runtime::mock::{self, Config, Server};
use payspec_downstream::runtime::prelude::*;
use payspec_downstream::runtime::signing::{
    MerchantPrivateKey, PlatformPublicKey, SigningKey, VerifyingKey,
};
use payspec_downstream::runtime::wire::{Outcome, PayoutState, StatusCode};
use payspec_downstream::teemopay_cl::{
    self, AccountType, Amount, CreatePayoutRequest, IdType, PayoutCallback, PayoutStatus,
    QueryPayoutRequest,
};
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};

/// A fresh RSA key pair, as the merchant (or the platform) would make it.
fn key_pair() -> (MerchantPrivateKey, PlatformPublicKey) {
    let private = rsa::RsaPrivateKey::new(&mut rand_core::OsRng, 1024).expect("a key");
    let private_pem = private.to_pkcs8_pem(LineEnding::LF).expect("PKCS#8");
    let public_pem = private
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .expect("SPKI");
    (
        MerchantPrivateKey::from_text(&private_pem).expect("the merchant's key reads"),
        PlatformPublicKey::from_text(&public_pem).expect("the public key reads"),
    )
}

#[test]
fn the_specs_examples_get_their_verdicts() {
    let (specs, _, diagnostics) = payspec_codegen::check_dir(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("specs")
            .as_path(),
    );
    assert!(diagnostics.is_empty(), "{diagnostics}");
    let mut checked = 0;
    for spec in &specs {
        let info = payspec_downstream::SPECS
            .iter()
            .find(|s| s.id == spec.id)
            .expect("every spec is generated");
        for op in &spec.operations {
            let entry = info
                .operations
                .iter()
                .find(|o| o.name == op.name)
                .expect("every operation is generated");
            for example in &op.examples {
                let found: Vec<(String, String)> =
                    match entry.validate_json(example.json.as_bytes()) {
                        Ok(()) => Vec::new(),
                        Err(violations) => violations
                            .iter()
                            .map(|v| (v.path.to_string(), v.rule.to_string()))
                            .collect(),
                    };
                let mut expected: Vec<(String, String)> = example.violations.clone();
                let mut found = found;
                found.sort();
                expected.sort();
                assert_eq!(found, expected, "{} {} {}", spec.id, op.name, example.name);
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "the spec has examples");
}

/// A merchant endpoint on loopback that verifies each callback with the platform's key
/// and hands the typed result to the test.
fn merchant_endpoint(
    platform: PlatformPublicKey,
) -> (String, mpsc::Receiver<Result<PayoutCallback, String>>) {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("bind");
    let url = format!(
        "http://{}/callback",
        server.server_addr().to_ip().expect("ip")
    );
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for mut incoming in server.incoming_requests() {
            let mut body = Vec::new();
            std::io::Read::read_to_end(incoming.as_reader(), &mut body).expect("body");
            let mut request = http::Request::builder()
                .method(incoming.method().as_str())
                .uri(incoming.url());
            for h in incoming.headers() {
                request = request.header(h.field.as_str().as_str(), h.value.as_str());
            }
            let request = request.body(body).expect("request");
            let received = teemopay_cl::receive_callback(&request, &platform);
            let reply = match &received {
                Ok(_) => teemopay_cl::callback_reply(),
                Err(_) => http::Response::builder()
                    .status(400)
                    .body(Vec::new())
                    .expect("response"),
            };
            let mut response = tiny_http::Response::from_data(reply.body().clone())
                .with_status_code(reply.status().as_u16());
            for (name, value) in reply.headers() {
                response.add_header(
                    tiny_http::Header::from_bytes(name.as_str(), value.as_bytes()).expect("header"),
                );
            }
            let _ = incoming.respond(response);
            if tx.send(received.map_err(|e| e.to_string())).is_err() {
                break;
            }
        }
    });
    (url, rx)
}

#[test]
fn an_order_is_sent_to_the_mock_queried_and_called_back() {
    let (merchant_private, merchant_public) = key_pair();
    let (platform_private, platform_public) = key_pair();
    let mock = Server::start(
        Config::new(payspec_downstream::SPECS)
            .merchant_key("teemopay-cl", VerifyingKey::Rsa(merchant_public))
            .platform_key("teemopay-cl", SigningKey::Rsa(platform_private)),
    )
    .expect("the mock starts");
    // The crate's other spec (the header-signing fixture) is not this merchant's: only
    // it may fall back to the published example keys.
    assert!(
        !mock.example_keys().contains(&"teemopay-cl"),
        "the merchant's own keys only: {:?}",
        mock.example_keys()
    );
    let (callback_url, callbacks) = merchant_endpoint(platform_public);
    let client = Client::builder(mock.base_url())
        .no_proxy()
        .build()
        .expect("client");
    let credentials = teemopay_cl::Credentials::builder()
        .app_code("merchant-app")
        .build();

    let id = "downstream-cl-1";
    let signed = CreatePayoutRequest::builder()
        .merchant_order_no(id)
        .amount("10000".parse::<Amount>().expect("whole pesos"))
        .bank_code("012")
        .bank_name("Banco Estado (Banco del Estado de Chile)")
        .account_type(AccountType::Vista)
        .bank_account("3000000000")
        .real_name("TEEMOPAY")
        .id_card_number("12345678K")
        .id_type(IdType::Rut)
        .phone("923456789")
        .email("merchant@example.com")
        .callback_url(callback_url)
        .build()
        .validate()
        .expect("valid")
        .sign(&merchant_private)
        .expect("signed");
    let Outcome::Accepted(created) = client.send(&signed, &credentials).expect("sent") else {
        panic!("the create is accepted")
    };
    let created = created.record().expect("one payout");
    assert_eq!(created.merchant_order_no, id);
    assert_eq!(created.status, PayoutStatus::Processing);

    let query = || {
        QueryPayoutRequest::builder()
            .merchant_order_no(id)
            .build()
            .validate()
            .expect("valid")
            .sign(&merchant_private)
    };
    let Outcome::Accepted(found) = client.query(&credentials, query).expect("sent") else {
        panic!("the query finds the order")
    };
    let found = found.record().expect("one payout");
    assert_eq!(found.platform_order_no, created.platform_order_no);
    assert_eq!(found.amount, "10000");

    let control = http::Request::builder()
        .method("POST")
        .uri(mock::CALLBACK_PATH)
        .header("content-type", "application/json")
        .body(
            br#"{"spec":"teemopay-cl","merchant_order_no":"downstream-cl-1","state":"succeeded"}"#
                .to_vec(),
        )
        .expect("request");
    let report = client.exchange(&control).expect("the mock answers");
    let report = String::from_utf8_lossy(report.body()).into_owned();
    assert!(report.contains(r#""acknowledged":true"#), "{report}");
    // The mock waited for the merchant's reply before answering, so the callback is here;
    // the bound only stops a broken run from hanging.
    let callback = callbacks
        .recv_timeout(Duration::from_secs(60))
        .expect("a callback")
        .expect("verified with the platform's key");
    assert_eq!(callback.merchant_order_no, id);
    assert_eq!(callback.platform_order_no, created.platform_order_no);
    assert_eq!(callback.status.state(), Some(PayoutState::Succeeded));
}

//! A request signed in a header over its fields as a JSON object, written `base64-hex`
//! (this crate's fixture spec, `specs/fixture/xx.yaml`): the generated request's signature
//! against `openssl dgst -hmac` piped through `base64` over a message written out by hand
//! here, the request's body read back as a received one giving the same message, and the
//! mock provider verifying what the SDK sent.

use std::time::SystemTime;

use payspec_downstream::fixture_xx::{
    self, AccountType, Amount, Channel, CreatePayoutRequest, Credentials,
};
use payspec_downstream::runtime::client::blocking::Client;
use payspec_downstream::runtime::json::read_object;
use payspec_downstream::runtime::mock::{Config, Server};
use payspec_downstream::runtime::prelude::*;
use payspec_downstream::runtime::signing::{
    Fields, MessageInput, SharedSecret, SigningKey, VerifyError, VerifyingKey,
};
use payspec_downstream::runtime::wire::Outcome;
use payspec_downstream::runtime::{Signed, Valid};

#[path = "common/openssl.rs"]
mod openssl;

const SECRET: &str = "fixture-secret: not a real one";
const NONCE: &str = "0123456789abcdef0123456789abcdef";

fn request(reference: &str) -> Valid<CreatePayoutRequest> {
    CreatePayoutRequest::builder()
        .reference(reference)
        .amount("1000.50".parse::<Amount>().expect("an amount"))
        .fee("0".parse::<Amount>().expect("an amount"))
        .installments(12)
        .account_type(AccountType::Clabe)
        .channel(Channel::Fast)
        .urgent(false)
        .note("Café \"Sol\" & Luna / 50% off")
        .build()
        .validate()
        .expect("valid")
}

/// The body as the request sends it, in the page's field order, written out by hand.
const BODY: &str = r#"{"reference":"T-1","amount":1000.50,"fee":"0.00","installments":12,"account_type":40,"channel":"fast","urgent":false,"note":"Café \"Sol\" & Luna / 50% off"}"#;

/// The message for `request("T-1")` and [`NONCE`], written out by hand as the spec states
/// it: method, path, nonce, then the fields as JSON with their keys in byte order.
const MESSAGE: &str = concat!(
    "POST\n/v1/transfers\nnonce=0123456789abcdef0123456789abcdef\n",
    r#"{"account_type":40,"amount":1000.50,"channel":"fast","fee":"0.00","installments":12,"note":"Café \"Sol\" & Luna / 50% off","reference":"T-1","urgent":false}"#
);

fn signed() -> Signed<CreatePayoutRequest> {
    let secret = SharedSecret::new(SECRET).expect("secret");
    request("T-1")
        .sign_with_nonce(&secret, NONCE)
        .expect("signs")
}

#[test]
fn the_signature_header_is_openssls_over_the_hand_written_message() {
    assert_eq!(
        request("T-1").string_to_sign(Some(NONCE)).as_deref(),
        Ok(MESSAGE)
    );
    let signed = signed();
    let expected = openssl::hmac_sha256_base64_hex(SECRET, MESSAGE);
    assert_eq!(signed.signature(), expected);
    let sent = signed
        .to_http(&Credentials::builder().build(), SystemTime::now())
        .expect("the request");
    let header = |name: &str| sent.headers().get(name).and_then(|v| v.to_str().ok());
    assert_eq!(
        header("X-Signature"),
        Some(format!("HMAC-SHA256={expected}").as_str())
    );
    assert_eq!(header("nonce"), Some(NONCE));
    // Numbers go as numbers, amounts as text as text: the JSON the message writes.
    assert_eq!(std::str::from_utf8(sent.body()), Ok(BODY));
}

#[test]
fn the_received_body_gives_the_requests_message() {
    let secret = SharedSecret::new(SECRET).expect("secret");
    let signature = format!("HMAC-SHA256={}", signed().signature());
    let check = |body: &[u8], nonce: &str, signature: &str| {
        let fields = read_object(body).expect("an object");
        let headers = [("nonce", nonce)];
        let input = MessageInput {
            fields: Fields::Body(&fields),
            body: Some(body),
            headers: &headers,
            method: Some("POST"),
            path: Some("/v1/transfers"),
        };
        let scheme = fixture_xx::SIGNING.scheme_for(None).expect("one scheme");
        let message = scheme.explain(&input).expect("builds");
        let verdict =
            fixture_xx::SIGNING.verify_received(&fields, &input, Some(signature), &secret);
        (message, verdict)
    };
    assert_eq!(
        check(BODY.as_bytes(), NONCE, &signature),
        (MESSAGE.to_owned(), Ok(()))
    );
    // The same fields in another order: the same message.
    let reordered = r#"{"urgent":false,"note":"Café \"Sol\" & Luna / 50% off","reference":"T-1","installments":12,"fee":"0.00","channel":"fast","amount":1000.50,"account_type":40}"#;
    assert_eq!(
        check(reordered.as_bytes(), NONCE, &signature),
        (MESSAGE.to_owned(), Ok(()))
    );
    // Whatever the signature covers, changed.
    for changed in [
        BODY.replace("1000.50", "\"1000.50\""),
        BODY.replace("1000.50", "1000.5"),
        BODY.replace(":12,", ":\"12\","),
        BODY.replace("false", "true"),
        BODY.replace("Sol", "Luz"),
        BODY.replace("}", ",\"extra\":0}"),
    ] {
        assert_eq!(
            check(changed.as_bytes(), NONCE, &signature).1,
            Err(VerifyError::Mismatch),
            "{changed}"
        );
    }
    let other_nonce = NONCE.replace('0', "1");
    assert_eq!(
        check(BODY.as_bytes(), &other_nonce, &signature).1,
        Err(VerifyError::Mismatch)
    );
    let bare = signature.trim_start_matches("HMAC-SHA256=");
    assert!(matches!(
        check(BODY.as_bytes(), NONCE, bare).1,
        Err(VerifyError::SignaturePrefix { .. })
    ));
}

#[test]
fn the_mock_provider_verifies_what_the_sdk_signed() {
    let mock = Server::start(
        Config::new(payspec_downstream::SPECS)
            .merchant_key(
                "fixture-xx",
                VerifyingKey::Secret(SharedSecret::new(SECRET).expect("secret")),
            )
            .platform_key(
                "fixture-xx",
                SigningKey::Secret(SharedSecret::new(SECRET).expect("secret")),
            ),
    )
    .expect("the mock starts");
    let client = Client::builder(mock.base_url())
        .no_proxy()
        .build()
        .expect("client");
    let credentials = Credentials::builder().build();
    let secret = SharedSecret::new(SECRET).expect("secret");
    let signed = request("T-mock-1").sign(&secret).expect("signs");
    let Outcome::Accepted(created) = client.send(&signed, &credentials).expect("sent") else {
        panic!("the mock verifies the signature and accepts the transfer")
    };
    assert_eq!(
        created.record().expect("one transfer").merchant_order_no,
        "T-mock-1"
    );

    // Another reference than the one signed: the signature no longer holds.
    let mut sent = request("T-mock-2")
        .sign(&secret)
        .expect("signs")
        .to_http(&credentials, SystemTime::now())
        .expect("the request");
    let body = String::from_utf8(sent.body().clone()).expect("JSON");
    *sent.body_mut() = body.replace("T-mock-2", "T-mock-3").into_bytes();
    let answer = client.exchange(&sent).expect("the mock answers");
    assert_eq!(answer.status(), 400);
    let refusal = read_object(answer.body()).expect("a refusal");
    assert_eq!(refusal["error"]["code"], "BAD_SIGNATURE", "{refusal:?}");
}

//! A spec whose create request and callback are HTML forms (the fixture `fixture-zz`):
//! the body is `name=value` pairs percent-encoded, the signature its last pair and equal
//! to an MD5 computed by OpenSSL from the stated rule; the mock reads and verifies the
//! form, and its form callback is verified and read by the merchant.

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use payspec_downstream::fixture_zz::{self, Amount, CreatePayoutRequest, PayoutCallback};
use payspec_downstream::runtime::client::blocking::Client;
use payspec_downstream::runtime::mock::{self, Config, Server};
use payspec_downstream::runtime::prelude::*;
use payspec_downstream::runtime::signing::{SharedSecret, SigningKey, VerifyingKey};
use payspec_downstream::runtime::wire::{CallbackError, Outcome, PayoutState, StatusCode};

const SECRET: &str = "fixture-platform-key";

/// MD5 of `message` in lowercase hex, by the OpenSSL command line.
fn openssl_md5(message: &str) -> String {
    let mut child = Command::new("openssl")
        .args(["dgst", "-md5", "-r"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("openssl runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(message.as_bytes())
        .expect("written");
    let out = child.wait_with_output().expect("openssl ends");
    let text = String::from_utf8(out.stdout).expect("text");
    text.split_whitespace()
        .next()
        .expect("a digest")
        .to_string()
}

fn request(notify_url: &str) -> CreatePayoutRequest {
    CreatePayoutRequest::builder()
        .order_no("zz-form-1")
        .amount("12.50".parse::<Amount>().expect("an amount"))
        .iban("DE89370400440532013000")
        .name("José Müller+Co")
        // A blank memo means none (`empty_is_absent`): it is neither sent nor signed.
        .memo("")
        .notify_url(notify_url)
        .pin("246810")
        .build()
}

#[test]
fn a_form_request_is_written_percent_encoded_and_signed_as_openssl_computes() {
    let secret = SharedSecret::new(SECRET).expect("secret");
    let signed = request("http://127.0.0.1:1/n")
        .validate()
        .expect("valid")
        .sign(&secret)
        .expect("signed");
    let wire = signed
        .to_http(
            &fixture_zz::Credentials::builder().build(),
            SystemTime::now(),
        )
        .expect("a request");
    assert_eq!(
        wire.headers()["content-type"],
        "application/x-www-form-urlencoded"
    );
    let body = String::from_utf8(wire.body().clone()).expect("ASCII");
    // The rule, written out: sorted pairs, raw, then the key.
    let message = format!(
        "amount=12.50&iban=DE89370400440532013000&name=José Müller+Co&notify_url=http://127.0.0.1:1/n&order_no=zz-form-1&pin=246810&{SECRET}"
    );
    let expected_sign = openssl_md5(&message);
    assert_eq!(
        body,
        format!(
            "order_no=zz-form-1&amount=12.50&iban=DE89370400440532013000&name=Jos%C3%A9+M%C3%BCller%2BCo&notify_url=http%3A%2F%2F127.0.0.1%3A1%2Fn&pin=246810&sign={expected_sign}"
        )
    );
}

/// What the merchant endpoint received: the content type, and the verified callback.
type Received = (String, Result<PayoutCallback, CallbackError>);

/// A merchant endpoint that verifies each form callback and hands the result over.
fn merchant_endpoint() -> (String, mpsc::Receiver<Received>) {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("bind");
    let url = format!(
        "http://{}/notify",
        server.server_addr().to_ip().expect("ip")
    );
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let secret = SharedSecret::new(SECRET).expect("secret");
        for mut incoming in server.incoming_requests() {
            let mut body = Vec::new();
            std::io::Read::read_to_end(incoming.as_reader(), &mut body).expect("body");
            let mut request = http::Request::builder().method("POST").uri(incoming.url());
            let mut content_type = String::new();
            for h in incoming.headers() {
                if h.field.equiv("content-type") {
                    content_type = h.value.to_string();
                }
                request = request.header(h.field.as_str().as_str(), h.value.as_str());
            }
            let request = request.body(body).expect("request");
            let received = fixture_zz::receive_callback(&request, &secret);
            let reply = match &received {
                Ok(_) => fixture_zz::callback_reply(),
                Err(_) => http::Response::builder()
                    .status(400)
                    .body(Vec::new())
                    .expect("response"),
            };
            let response = tiny_http::Response::from_data(reply.body().clone())
                .with_status_code(reply.status().as_u16());
            let _ = incoming.respond(response);
            if tx.send((content_type, received)).is_err() {
                break;
            }
        }
    });
    (url, rx)
}

#[test]
fn a_form_payout_is_sent_to_the_mock_and_its_form_callback_verified() {
    let key = || SharedSecret::new(SECRET).expect("secret");
    let mock = Server::start(
        Config::new(payspec_downstream::SPECS)
            .merchant_key("fixture-zz", VerifyingKey::Secret(key()))
            .platform_key("fixture-zz", SigningKey::Secret(key())),
    )
    .expect("the mock starts");
    let client = Client::builder(mock.base_url())
        .no_proxy()
        .build()
        .expect("client");
    let credentials = fixture_zz::Credentials::builder().build();
    let (notify_url, callbacks) = merchant_endpoint();
    let signed = request(&notify_url)
        .validate()
        .expect("valid")
        .sign(&key())
        .expect("signed");
    let outcome = client.send(&signed, &credentials).expect("sent");
    let Outcome::Accepted(created) = outcome else {
        panic!("the mock reads and verifies the form: {outcome:?}")
    };
    let created = created.record().expect("one payout");
    assert_eq!(created.merchant_order_no, "zz-form-1");

    let control = http::Request::builder()
        .method("POST")
        .uri(mock::CALLBACK_PATH)
        .body(
            br#"{"spec":"fixture-zz","merchant_order_no":"zz-form-1","state":"succeeded"}"#
                .to_vec(),
        )
        .expect("request");
    let report = client.exchange(&control).expect("the mock answers");
    let report = String::from_utf8_lossy(report.body()).into_owned();
    assert!(report.contains(r#""acknowledged":true"#), "{report}");
    // The mock waited for the merchant's reply before answering; the bound only stops a
    // broken run from hanging.
    let (content_type, callback) = callbacks
        .recv_timeout(Duration::from_secs(60))
        .expect("a callback");
    assert_eq!(content_type, "application/x-www-form-urlencoded");
    let callback = callback.expect("verified with the shared key");
    assert_eq!(callback.merchant_order_no, "zz-form-1");
    assert_eq!(callback.platform_order_no, created.platform_order_no);
    assert_eq!(callback.status.state(), Some(PayoutState::Succeeded));
    assert_eq!(callback.amount, "12.50".parse::<Amount>().expect("amount"));
}

/// A form callback signed by hand, as the rule says, then changed.
#[test]
fn a_changed_or_repeated_form_callback_is_refused() {
    let secret = SharedSecret::new(SECRET).expect("secret");
    let message = format!("amount=5.00&order_no=zz-9&payout_id=P9&status=PAID&{SECRET}");
    let sign = openssl_md5(&message);
    let callback = |body: String| {
        http::Request::builder()
            .method("POST")
            .uri("/notify")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.into_bytes())
            .expect("request")
    };
    let body = format!("payout_id=P9&order_no=zz-9&amount=5.00&status=PAID&sign={sign}");
    let read = fixture_zz::receive_callback(&callback(body.clone()), &secret)
        .expect("the hand-signed form verifies");
    assert_eq!(read.amount, "5.00".parse::<Amount>().expect("amount"));

    let changed = body.replace("amount=5.00", "amount=500.00");
    assert!(matches!(
        fixture_zz::receive_callback(&callback(changed), &secret),
        Err(CallbackError::Signature(_))
    ));
    let repeated = format!("{body}&amount=500.00");
    assert!(matches!(
        fixture_zz::receive_callback(&callback(repeated), &secret),
        Err(CallbackError::DuplicateKeys(_))
    ));
    let not_text = body.replace("P9", "%FF");
    assert_eq!(
        fixture_zz::receive_callback(&callback(not_text), &secret),
        Err(CallbackError::NotForm)
    );
}

#[test]
fn an_empty_value_that_means_absent_is_read_as_absent() {
    let blank = br#"{"order_no":"zz-3","amount":"1.00","iban":"DE89370400440532013000","name":"Jo","memo":"","notify_url":"http://127.0.0.1:1/n","pin":"135790"}"#;
    let read = CreatePayoutRequest::from_json(blank).expect("valid");
    assert_eq!(read.memo, None);
    let given = CreatePayoutRequest::from_json(
        br#"{"order_no":"zz-3","amount":"1.00","iban":"DE89370400440532013000","name":"Jo","memo":"rent","notify_url":"http://127.0.0.1:1/n","pin":"135790"}"#,
    )
    .expect("valid");
    assert_eq!(given.memo.as_deref(), Some("rent"));
}

#[test]
fn a_secret_field_is_sent_but_never_shown() {
    let request = request("http://127.0.0.1:1/n");
    let shown = format!("{request:?}");
    assert!(!shown.contains("246810"), "{shown}");
    assert!(shown.contains("pin: <redacted>"), "{shown}");
    let wrong = CreatePayoutRequest::from_json(
        br#"{"order_no":"zz-4","amount":"1.00","iban":"DE89370400440532013000","name":"Jo","notify_url":"http://127.0.0.1:1/n","pin":"97531"}"#,
    )
    .expect_err("a five-digit PIN");
    let told = wrong.to_string();
    assert!(told.contains("/pin") && !told.contains("97531"), "{told}");
}

#[test]
fn the_string_to_sign_shows_a_secret_field_as_redacted() {
    let valid = request("http://127.0.0.1:1/n").validate().expect("valid");
    let shown = valid.string_to_sign(None).expect("a message");
    assert!(!shown.contains("246810"), "{shown}");
    assert!(shown.contains("&pin=<secret>&"), "{shown}");
    let signed = valid
        .sign(&SharedSecret::new(SECRET).expect("secret"))
        .expect("signed");
    let debugged = format!("{signed:?}");
    assert!(!debugged.contains("246810"), "{debugged}");
    assert!(
        signed.body().windows(6).any(|w| w == b"246810"),
        "but it is sent"
    );
}

//! The sans-IO wire for every spec: requests as sent, answers as outcomes, callbacks
//! verified and answered. No socket: `http` values in, `http` values out.

mod answers;
mod callbacks;
mod requests;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use payspec_sdk::runtime::signing::{MerchantPrivateKey, PlatformPublicKey, SharedSecret};

pub(super) const NONCE: &str = "0123456789abcdef0123456789abcdef";
pub(super) const SECRET: &str = "2I9Q4nExEddsH6zo";

pub(super) fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        payspec_tests::tests_dir()
            .join("../generated-sdk/runtime/tests/fixtures/signing")
            .join(name),
    )
    .expect("fixture")
}

pub(super) fn keys() -> (MerchantPrivateKey, PlatformPublicKey, SharedSecret) {
    (
        MerchantPrivateKey::from_text(&fixture("teemopay-example-1024.pkcs8.pem"))
            .expect("private"),
        PlatformPublicKey::from_text(&fixture("teemopay-example-1024.spki.pem")).expect("public"),
        SharedSecret::new(SECRET).expect("secret"),
    )
}

pub(super) fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(1_707_220_674_123)
}

pub(super) fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body.as_bytes().to_vec());
    *response.status_mut() = http::StatusCode::from_u16(status).expect("status");
    response
}

/// The first valid example of a spec's create operation.
pub(super) fn example(spec: &str) -> Vec<u8> {
    let specs = payspec_tests::specs();
    let s = specs.iter().find(|s| s.id == spec).expect("spec");
    let e = s.operations[0]
        .examples
        .iter()
        .find(|e| e.violations.is_empty())
        .expect("a valid example");
    e.json.as_bytes().to_vec()
}

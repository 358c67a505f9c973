//! What the end-to-end tests share: the mock, the client, assertions on outcomes, and a
//! small merchant server that receives callbacks; each spec's case is in `case.rs`.

use std::time::Duration;

use payspec_sdk::client::blocking::Client;
use payspec_sdk::mock::{Config, Server, code_for};
use payspec_sdk::runtime::wire::{Accepted, Credentials, Outcome, Rejection, Unknown};
use payspec_sdk::runtime::{OperationInfo, OperationRole, SpecInfo};
use serde_json::Value;

#[path = "merchant.rs"]
mod merchant;
// Not every suite that shares this file receives callbacks.
#[allow(unused_imports)]
pub use merchant::Merchant;
#[path = "case.rs"]
mod case;
// Not every suite that shares this file uses every item.
#[allow(unused_imports)]
pub use case::{Case, all_cases, cases, path_names, queries_by_merchant_order_no};

pub const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/runtime/tests/fixtures/signing"
);
pub const GATEWAY_SECRET: &str = "2I9Q4nExEddsH6zo";
/// The client's timeout in these tests. The delay fault holds its answer sixty times
/// longer, so that however loaded the machine the client gives up first: the verdict does
/// not depend on timing. Stopping the mock wakes a held answer, so no test waits for it.
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(1);
pub const DELAY: Duration = Duration::from_secs(60);

/// A fixture's text.
pub fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{path}")).expect("fixture")
}

/// A mock provider on a free loopback port, its delay fault past the client's timeout.
pub fn mock() -> Server {
    Server::start(Config::new(payspec_sdk::SPECS).delay(DELAY)).expect("the mock starts")
}

/// The accepted answer, or a panic naming what was expected.
pub fn accepted<R: std::fmt::Debug>(outcome: Outcome<Accepted<R>>, what: &str) -> Accepted<R> {
    match outcome {
        Outcome::Accepted(accepted) => accepted,
        other => panic!("{what}: expected accepted, got {other:?}"),
    }
}

/// The verdict on a call the mock refused: `Rejected` with the meaning where the spec
/// documents the code; where it does not (TeemoPay documents only 425), the mock's own
/// code is one the SDK cannot know, so the outcome is unknown, carrying that code.
pub fn assert_rejected(outcome: Outcome, spec: &SpecInfo, rejection: Rejection) {
    let code = code_for(spec, rejection);
    if spec.envelope.and_then(|e| e.code_for(rejection)).is_some() {
        let Outcome::Rejected(rejected) = outcome else {
            panic!(
                "{}: expected rejected ({rejection:?}), got {outcome:?}",
                spec.id
            )
        };
        assert_eq!(rejected.code, code, "{}", spec.id);
        assert_eq!(rejected.rejection, Some(rejection), "{}", spec.id);
    } else {
        // Undocumented on a 2xx where a code accepts; on a refusal status where the HTTP
        // status accepts.
        let carried = match &outcome {
            Outcome::Unknown(Unknown::UndocumentedCode { code, .. }) => Some(code.as_str()),
            Outcome::Unknown(Unknown::UnexpectedStatus { code, .. }) => code.as_deref(),
            _ => None,
        };
        assert_eq!(
            carried,
            Some(code),
            "{}: an undocumented code must be unknown, got {outcome:?}",
            spec.id
        );
    }
}

/// A Mexican CLABE payout of 1234.50 to the account of the page's example, built,
/// validated and signed through the typed API with TeemoPay's example key.
pub fn mexican_payout(
    merchant_order_no: &str,
    callback_url: &str,
) -> payspec_sdk::runtime::Signed<payspec_sdk::teemopay_mx::CreatePayoutRequest> {
    use payspec_sdk::prelude::*;
    use payspec_sdk::teemopay_mx::{AccountType, Amount, CreatePayoutRequest};
    let key = payspec_sdk::runtime::signing::MerchantPrivateKey::from_text(&read(
        "teemopay-example-1024.pkcs8.pem",
    ))
    .expect("key");
    CreatePayoutRequest::builder()
        .merchant_order_no(merchant_order_no)
        .amount("1234.50".parse::<Amount>().expect("amount"))
        .bank_code("40012")
        .bank_name("BBVA MEXICO")
        .account_type(AccountType::Clabe)
        .bank_account("012180001234567891")
        .real_name("John Doe")
        .id_card_number("1234567890")
        .callback_url(callback_url)
        .build()
        .validate()
        .expect("valid")
        .sign(&key)
        .expect("signed")
}

pub fn credentials() -> Credentials {
    Credentials::new()
        .app_code("merchant-app")
        .authorization("merchant-authorization")
        .key_id("merchant-key-id")
        .api_key("merchant-api-key")
}

/// Mexico's operation of `role` (the specs share the client's rules; one is enough).
pub fn mx_operation(role: OperationRole) -> &'static OperationInfo {
    payspec_sdk::teemopay_mx::SPEC
        .operations
        .iter()
        .find(|op| op.role == role)
        .expect("Mexico creates and queries")
}

/// The client under test: a short timeout, quick query retries.
pub fn client(base_url: &str) -> Client {
    Client::builder(base_url)
        .timeout(CLIENT_TIMEOUT)
        .query_retries(2)
        .retry_pause(Duration::from_millis(50))
        .no_proxy()
        .build()
        .expect("client")
}

/// POSTs a control request to the mock; its JSON answer.
pub fn control(client: &Client, body: Value) -> Value {
    let request = http::Request::builder()
        .method("POST")
        .uri(payspec_sdk::mock::CALLBACK_PATH)
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&body).expect("json"))
        .expect("request");
    let slow = Client::builder(client.base_url())
        .timeout(Duration::from_secs(10))
        .no_proxy()
        .build()
        .expect("client");
    let response = slow.exchange(&request).expect("the mock answers");
    serde_json::from_slice(response.body()).expect("a JSON report")
}

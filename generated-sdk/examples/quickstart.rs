//! A Mexican payout end to end against the mock provider on loopback: build, validate,
//! sign, send once, query, and receive its callbacks (a success, then the refund Mexico
//! may send minutes later), every answer and callback a typed struct of the spec.
//!
//! ```sh
//! cargo run -p payspec-sdk --features mock --example quickstart
//! ```

use std::error::Error;
use std::sync::mpsc;

use payspec_sdk::client::blocking::Client;
use payspec_sdk::mock::{self, Config, Server};
use payspec_sdk::prelude::*;
use payspec_sdk::runtime::signing::{MerchantPrivateKey, PlatformPublicKey};
use payspec_sdk::runtime::wire::{Outcome, PayoutState, StatusCode};
use payspec_sdk::teemopay_mx::{
    self, AccountType, Amount, CreatePayoutRequest, PayoutCallback, QueryPayoutRequest,
};

// TeemoPay's published example key pair, which the mock uses when given no key: for
// examples only. A merchant loads its own (`MerchantPrivateKey::from_text`, PEM or the
// dashboard's bare base64) and the platform's public key.
const MERCHANT_KEY: &str =
    include_str!("../runtime/tests/fixtures/signing/teemopay-example-1024.pkcs8.pem");
const PLATFORM_KEY: &str =
    include_str!("../runtime/tests/fixtures/signing/teemopay-example-1024.spki.pem");

fn main() -> Result<(), Box<dyn Error>> {
    let merchant_key = MerchantPrivateKey::from_text(MERCHANT_KEY)?;
    let platform_key = PlatformPublicKey::from_text(PLATFORM_KEY)?;
    let provider = Server::start(Config::new(payspec_sdk::SPECS))?;
    let (callback_url, callbacks) = callback_endpoint(platform_key)?;
    let client = Client::builder(provider.base_url()).no_proxy().build()?;
    let credentials = teemopay_mx::Credentials::builder()
        .app_code("my-app")
        .build();

    // Build (a forgotten required field does not compile), validate (every violation at
    // once), sign (only a valid request, only with the key kind of the spec's scheme).
    let order = "quickstart-1";
    let signed = CreatePayoutRequest::builder()
        .merchant_order_no(order)
        .amount("1234.50".parse::<Amount>()?) // exact minor units, MXN only
        .bank_code("40012")
        .bank_name("BBVA MEXICO")
        .account_type(AccountType::Clabe)
        .bank_account("012180001234567891")
        .real_name("John Doe")
        .id_card_number("1234567890")
        .callback_url(callback_url)
        .build()
        .validate()?
        .sign(&merchant_key)?;

    // A create is sent exactly once. Only `Rejected` means the provider refused it.
    match client.send(&signed, &credentials)? {
        Outcome::Accepted(answer) => {
            let payout = answer
                .record()
                .ok_or("an accepted create carries its payout")?;
            println!(
                "accepted: {} is {} ({:?})",
                payout.merchant_order_no, payout.platform_order_no, payout.status
            );
        }
        Outcome::Rejected(rejected) => return Err(rejected.into()),
        // Timeout, 5xx, unreadable: the payout may exist. Query it; never create again.
        Outcome::Unknown(why) => println!("unknown ({why}): querying"),
    }

    // A query is retried while unknown, signed afresh each time (a new nonce).
    let query = QueryPayoutRequest::builder()
        .merchant_order_no(order)
        .build()
        .validate()?;
    let Outcome::Accepted(found) =
        client.query(&credentials, || query.clone().sign(&merchant_key))?
    else {
        return Err("the query does not find the order".into());
    };
    let payout = found.record().ok_or("one payout")?;
    println!(
        "query: {} {:?}, amount {}",
        payout.platform_order_no,
        payout.status.state(),
        payout.amount.major_text()
    );

    // The provider reports the payout's fate by callback; Mexico may follow a success
    // with a refund. Callbacks can repeat: apply each to the known state.
    let mut state = PayoutState::Processing;
    for reported in ["succeeded", "refunded"] {
        provider_sends_callback(&client, order, reported)?;
        let callback = callbacks.recv()??;
        let transition = state.apply(callback.status.state().ok_or("a documented status")?);
        println!("callback: {:?} -> {transition:?}", callback.status);
        if let payspec_sdk::runtime::wire::Transition::Applied(next) = transition {
            state = next;
        }
    }
    println!("final state: {state}");
    Ok(())
}

/// The callbacks the merchant's endpoint received, verified and typed (or why not).
type Callbacks = mpsc::Receiver<Result<PayoutCallback, String>>;

/// The merchant's callback URL on loopback: verifies each callback with the platform's
/// key over exactly the bytes received, answers what the provider expects, and hands the
/// typed callback over.
fn callback_endpoint(
    platform_key: PlatformPublicKey,
) -> Result<(String, Callbacks), Box<dyn Error>> {
    let server = tiny_http::Server::http("127.0.0.1:0").map_err(|e| e.to_string())?;
    let url = format!("http://{}/callback", server.server_addr());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for mut incoming in server.incoming_requests() {
            let mut body = Vec::new();
            let _ = std::io::Read::read_to_end(incoming.as_reader(), &mut body);
            let mut request = http::Request::builder().method("POST").uri(incoming.url());
            for header in incoming.headers() {
                request = request.header(header.field.as_str().as_str(), header.value.as_str());
            }
            let Ok(request) = request.body(body) else {
                continue;
            };
            let received = teemopay_mx::receive_callback(&request, &platform_key);
            let reply = match &received {
                Ok(_) => teemopay_mx::callback_reply(),
                Err(_) => http::Response::new(b"refused".to_vec()),
            };
            let _ = incoming.respond(tiny_http::Response::from_data(reply.into_body()));
            if tx.send(received.map_err(|e| e.to_string())).is_err() {
                return;
            }
        }
    });
    Ok((url, rx))
}

/// Asks the mock to report the order in `state` to its callback URL (what the provider
/// does on its own).
fn provider_sends_callback(
    client: &Client,
    order: &str,
    state: &str,
) -> Result<(), Box<dyn Error>> {
    let control =
        format!(r#"{{"spec":"teemopay-mx","merchant_order_no":"{order}","state":"{state}"}}"#);
    let request = http::Request::builder()
        .method("POST")
        .uri(mock::CALLBACK_PATH)
        .header("content-type", "application/json")
        .body(control.into_bytes())?;
    let report = client.exchange(&request)?;
    if report.status() != 200 {
        return Err(String::from_utf8_lossy(report.body()).into_owned().into());
    }
    Ok(())
}

#[test]
fn the_quickstart_runs() {
    if let Err(e) = main() {
        panic!("the quickstart fails: {e}");
    }
}

//! A merchant's async program, end to end against the mock provider on loopback: build,
//! validate, sign and send a Mexican payout once, query it, and receive its callbacks in
//! an axum server (a success, then the refund Mexico may send minutes later), every
//! answer and callback a typed struct of the spec.
//!
//! ```sh
//! cargo run -p payspec-sdk --features mock,axum --example quickstart
//! ```

use std::error::Error;
use std::sync::Arc;

use axum::extract::{Request as Incoming, State};
use axum::response::{IntoResponse, Response};
use payspec_sdk::client::Client;
use payspec_sdk::mock::{self, Config, Server};
use payspec_sdk::prelude::*;
use payspec_sdk::runtime::signing::{MerchantPrivateKey, PlatformPublicKey};
use payspec_sdk::runtime::wire::{Outcome, PayoutState, StatusCode, Transition};
use payspec_sdk::teemopay_mx::{
    self, AccountType, Amount, CreatePayoutRequest, PayoutCallback, QueryPayoutRequest,
};
use tokio::sync::mpsc;

// TeemoPay's published example key pair, which the mock uses when given no key: for
// examples only. A merchant loads its own (`MerchantPrivateKey::from_text`, PEM or the
// dashboard's bare base64) and the platform's public key.
const MERCHANT_KEY: &str =
    include_str!("../runtime/tests/fixtures/signing/teemopay-example-1024.pkcs8.pem");
const PLATFORM_KEY: &str =
    include_str!("../runtime/tests/fixtures/signing/teemopay-example-1024.spki.pem");

type Failure = Box<dyn Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), Failure> {
    run().await
}

async fn run() -> Result<(), Failure> {
    let merchant_key = MerchantPrivateKey::from_text(MERCHANT_KEY)?;
    let provider = Server::start(Config::new(payspec_sdk::SPECS))?;
    let (callback_url, mut callbacks) =
        callback_endpoint(PlatformPublicKey::from_text(PLATFORM_KEY)?).await?;
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
    match client.send(&signed, &credentials).await? {
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
    let found = client
        .query(&credentials, || query.clone().sign(&merchant_key))
        .await?;
    let Outcome::Accepted(found) = found else {
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
        provider_sends_callback(&client, order, reported).await?;
        let callback = callbacks.recv().await.ok_or("the endpoint stopped")?;
        let transition = state.apply(callback.status.state().ok_or("a documented status")?);
        println!("callback: {:?} -> {transition:?}", callback.status);
        if let Transition::Applied(next) = transition {
            state = next;
        }
    }
    println!("final state: {state}");
    provider.shutdown();
    Ok(())
}

/// What the callback handler shares: the platform's key, and where verified callbacks go.
struct Endpoint {
    platform_key: PlatformPublicKey,
    received: mpsc::UnboundedSender<PayoutCallback>,
}

/// The merchant's callback URL on loopback: an axum server that verifies each callback
/// over exactly the bytes received and answers what the provider expects.
async fn callback_endpoint(
    platform_key: PlatformPublicKey,
) -> Result<(String, mpsc::UnboundedReceiver<PayoutCallback>), Failure> {
    let (received, callbacks) = mpsc::unbounded_channel();
    let endpoint = Arc::new(Endpoint {
        platform_key,
        received,
    });
    let app = axum::Router::new()
        .route("/callback", axum::routing::post(on_callback))
        .with_state(endpoint);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/callback", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok((url, callbacks))
}

async fn on_callback(State(endpoint): State<Arc<Endpoint>>, request: Incoming) -> Response {
    let limit = payspec_sdk::runtime::axum::DEFAULT_LIMIT;
    match payspec_sdk::runtime::axum::receive::<PayoutCallback>(
        request,
        &endpoint.platform_key,
        limit,
    )
    .await
    {
        Ok(received) => {
            let reply = received.reply();
            let _ = endpoint.received.send(received.callback);
            reply
        }
        // Forged, too large, or not what the spec documents: refused, and the provider
        // sends it again.
        Err(refused) => refused.into_response(),
    }
}

/// Asks the mock to report the order in `state` to its callback URL (what the provider
/// does on its own).
async fn provider_sends_callback(client: &Client, order: &str, state: &str) -> Result<(), Failure> {
    let control =
        format!(r#"{{"spec":"teemopay-mx","merchant_order_no":"{order}","state":"{state}"}}"#);
    let request = http::Request::builder()
        .method("POST")
        .uri(mock::CALLBACK_PATH)
        .header("content-type", "application/json")
        .body(control.into_bytes())?;
    let report = client.exchange(&request).await?;
    if report.status() != 200 {
        return Err(String::from_utf8_lossy(report.body()).into_owned().into());
    }
    Ok(())
}

#[test]
fn the_quickstart_runs() {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    if let Err(e) = runtime.block_on(run()) {
        panic!("the quickstart fails: {e}");
    }
}

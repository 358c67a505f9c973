//! End to end with the async client on tokio, for every spec, against the mock provider
//! started and stopped inside the async test: accepted, rejected where the page documents
//! the code, each fault unknown and then resolved by a query, a create never sent twice
//! (counted by a transport of the test's own, wrapped around the default one). Beside
//! it: a transport that is only a function, and the blocking client used inside tokio.

#[path = "e2e/support.rs"]
#[allow(dead_code)]
mod support;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use payspec_sdk::client::transport::{Answer, AsyncTransport};
use payspec_sdk::client::{Client, Reqwest};
use payspec_sdk::mock::Fault;
use payspec_sdk::runtime::wire::{Outcome, PayoutState, Rejection, Unknown};
use support::{CLIENT_TIMEOUT, Case, accepted, assert_rejected, cases, mock};

/// The default transport, with every request it carries written down.
struct Recording {
    inner: Reqwest,
    sent: Mutex<Vec<String>>,
}

impl AsyncTransport for Recording {
    async fn send(&self, request: http::Request<Vec<u8>>) -> Answer {
        let body = String::from_utf8_lossy(request.body());
        let line = format!("{} {} {body}", request.method(), request.uri());
        self.sent.lock().expect("log").push(line);
        self.inner.send(request).await
    }
}

impl Recording {
    /// How many requests mentioned `needle` (in the URI or the body).
    fn count(&self, needle: &str) -> usize {
        let sent = self.sent.lock().expect("log");
        sent.iter().filter(|line| line.contains(needle)).count()
    }
}

fn async_client(base_url: &str) -> Client<Recording> {
    let builder = Client::builder(base_url)
        .timeout(CLIENT_TIMEOUT)
        .query_retries(2)
        .retry_pause(std::time::Duration::from_millis(50))
        .no_proxy();
    let recording = Recording {
        inner: builder.default_transport().expect("transport"),
        sent: Mutex::new(Vec::new()),
    };
    builder.build_with(recording).expect("client")
}

async fn create(case: &Case, client: &Client<Recording>, id: &str) -> Outcome {
    let request = case.request(case.create, &case.create_body(id, None), &case.key);
    client.send_operation(case.create, &request).await
}

async fn query(case: &Case, client: &Client<Recording>, id: &str) -> Outcome {
    let request = case.request(case.query, &case.query_body(id), &case.key);
    client.send_operation(case.query, &request).await
}

/// One spec through the async client: accepted and found; a bad signature and a
/// duplicate rejected as documented; each fault unknown, then found by a query.
async fn one_spec(case: Case, client: &Client<Recording>) {
    let spec = case.spec.id;
    let id = case.order_number("async-ok-");
    let created = accepted(create(&case, client, &id).await, spec);
    let found = accepted(query(&case, client, &id).await, spec);
    assert_eq!(
        found.platform_order_no(),
        created.platform_order_no(),
        "{spec}"
    );
    assert_rejected(
        create(&case, client, &id).await,
        case.spec,
        Rejection::DuplicateOrder,
    );
    if case.create.is_signed() {
        let bad = case.order_number("async-badsig-");
        let request = case.request(case.create, &case.create_body(&bad, None), &case.wrong_key);
        let outcome = client.send_operation(case.create, &request).await;
        assert_rejected(outcome, case.spec, Rejection::BadSignature);
    }

    for fault in [
        Fault::Delay,
        Fault::ServerError,
        Fault::Empty,
        Fault::Garbage,
    ] {
        let id = case.order_number(fault.prefix());
        let Outcome::Unknown(why) = create(&case, client, &id).await else {
            panic!("{spec} {fault:?}: a fault must be unknown")
        };
        if matches!(fault, Fault::Delay) {
            assert_eq!(why, Unknown::Timeout, "{spec}");
        }
        let found = accepted(query(&case, client, &id).await, spec);
        assert_eq!(
            found.status().and_then(|s| s.state),
            Some(PayoutState::Processing),
            "{spec} {fault:?}"
        );
        assert_eq!(
            client.transport().count(&id),
            2,
            "{spec} {fault:?}: the create once, the query once"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_spec_through_the_async_client_against_the_mock() {
    let mock = mock();
    let client = std::sync::Arc::new(async_client(&mock.base_url()));
    let mut running = Vec::new();
    for case in cases() {
        let client = std::sync::Arc::clone(&client);
        running.push(tokio::spawn(async move { one_spec(case, &client).await }));
    }
    for task in running {
        task.await.expect("a spec's run passes");
    }
    mock.shutdown();
}

#[tokio::test]
async fn a_transport_that_is_a_function_gets_the_same_rules() {
    // Two 500s, then an accepted answer: no socket, the client's own retry rules.
    let calls = std::sync::Arc::new(AtomicUsize::new(0));
    let counted = std::sync::Arc::clone(&calls);
    let transport = move |request: http::Request<Vec<u8>>| {
        let n = counted.fetch_add(1, Ordering::SeqCst);
        async move {
            assert!(
                request
                    .uri()
                    .to_string()
                    .starts_with("http://provider.test/api/")
            );
            let (status, body) = match n {
                0 | 1 => (500, String::new()),
                _ => (
                    200,
                    r#"{"code":200,"data":{"merchantOrderNo":"M1","tradeNo":"T1","amount":"1.00","status":2}}"#
                        .to_string(),
                ),
            };
            let mut response = http::Response::new(body.into_bytes());
            *response.status_mut() = http::StatusCode::from_u16(status).expect("status");
            let answer: Answer = Ok(response);
            answer
        }
    };
    let client = Client::builder("http://provider.test")
        .retry_pause(std::time::Duration::ZERO)
        .build_with(transport)
        .expect("client");
    let case = cases()
        .into_iter()
        .find(|c| c.spec.id == "teemopay-mx")
        .expect("Mexico");
    // A create's 500 is unknown, sent once.
    let request = case.request(case.create, &case.create_body("M1", None), &case.key);
    assert_eq!(
        client.send_operation(case.create, &request).await,
        Outcome::Unknown(Unknown::ServerError(500))
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    // A query is sent again while unknown: 500, then accepted.
    let request = case.request(case.query, &case.query_body("M1"), &case.key);
    let found = accepted(client.send_operation(case.query, &request).await, "query");
    assert_eq!(
        found.status().and_then(|s| s.state),
        Some(PayoutState::Succeeded)
    );
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

/// The blocking client, built, used and dropped on a tokio runtime's only thread: it does
/// not panic (it runs its calls on a runtime of its own) and gets its answer.
#[tokio::test(flavor = "current_thread")]
async fn the_blocking_client_inside_tokio_does_not_panic() {
    let mock = mock();
    let client = support::client(&mock.base_url());
    let case = cases().into_iter().next().expect("a spec");
    let id = case.order_number("blocking-in-tokio-");
    let request = case.request(case.create, &case.create_body(&id, None), &case.key);
    accepted(client.send_operation(case.create, &request), case.spec.id);
    drop(client);
    mock.shutdown();
}

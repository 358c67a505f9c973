//! The drivers: every spec's create or query, built and signed by the generated code, sent
//! through the client to a server of its own misbehaving in one way, and what must hold.

use std::time::Duration;

use payspec_sdk::client::blocking::Client;
use payspec_sdk::runtime::wire::Outcome;

use crate::modes::Mode;
use crate::server::Misbehaving;
use crate::support::{Case, cases};

/// The query retries the client is configured with.
pub const QUERY_RETRIES: u32 = 2;

/// The client under test: `timeout`, [`QUERY_RETRIES`] retries a few milliseconds apart.
pub fn client(url: &str, timeout: Duration) -> Client {
    Client::builder(url)
        .timeout(timeout)
        .query_retries(QUERY_RETRIES)
        .retry_pause(Duration::from_millis(5))
        .no_proxy()
        .build()
        .expect("the client builds")
}

/// The method and path of a logged request (its query string dropped).
fn path_of(request: &str) -> &str {
    request.split('?').next().unwrap_or(request)
}

/// Every spec at once, each on a server of its own misbehaving as `mode` says: the spec's
/// valid create, built and signed by the generated code, sent through the client with the
/// create's role and reader. The outcome is never a rejection and passes `expect` (given
/// the merchant order number sent), and the server received the create exactly once (it
/// serves one connection more, to count a second).
pub fn creates(mode: &Mode, expect: impl Fn(&Case, &str, &Outcome) -> bool + Sync) {
    std::thread::scope(|scope| {
        for case in cases() {
            let expect = &expect;
            scope.spawn(move || {
                let (spec, op) = (case.spec.id, case.create);
                let id = case.order_number("fault-");
                let server = Misbehaving::start((mode.make)(&case, op, &id), 2);
                let request = case.request(op, &case.create_body(&id, None), &case.key);
                let outcome = client(server.url(), mode.timeout).send_operation(op, &request);
                let report = server.finish();
                let what = &mode.name;
                assert!(
                    !matches!(outcome, Outcome::Rejected(_)),
                    "{spec}, {what}: read as a rejection: {outcome:?}"
                );
                assert!(
                    expect(&case, &id, &outcome),
                    "{spec}, {what}: unexpected outcome {outcome:?}"
                );
                let sent: Vec<&str> = report.requests.iter().map(|r| path_of(r)).collect();
                assert_eq!(
                    sent,
                    [format!("{} {}", op.method, request.uri().path())],
                    "{spec}, {what}: the create is received exactly once"
                );
                assert!(
                    !report.stuck,
                    "{spec}, {what}: the client neither read the answer nor left"
                );
            });
        }
    });
}

/// Every spec at once, as [`creates`], with the spec's query: unknown, and sent exactly
/// 1 + [`QUERY_RETRIES`] times (the server serves one connection more, to count another).
pub fn queries(mode: &Mode) {
    std::thread::scope(|scope| {
        for case in cases() {
            scope.spawn(move || {
                let (spec, op) = (case.spec.id, case.query);
                let id = case.order_number("fault-q-");
                let attempts = 1 + QUERY_RETRIES as usize;
                let server = Misbehaving::start((mode.make)(&case, op, &id), attempts + 1);
                let request = case.request(op, &case.query_body(&id), &case.key);
                let outcome = client(server.url(), mode.timeout).send_operation(op, &request);
                let report = server.finish();
                let what = &mode.name;
                assert!(
                    matches!(outcome, Outcome::Unknown(_)),
                    "{spec}, {what}: a query with no answer must be unknown, got {outcome:?}"
                );
                let target = format!("{} {}", op.method, request.uri().path());
                let sent: Vec<&str> = report.requests.iter().map(|r| path_of(r)).collect();
                assert_eq!(
                    sent,
                    vec![target.as_str(); attempts],
                    "{spec}, {what}: sent once and retried {QUERY_RETRIES} times"
                );
                assert!(
                    !report.stuck,
                    "{spec}, {what}: the client neither read the answer nor left"
                );
            });
        }
    });
}

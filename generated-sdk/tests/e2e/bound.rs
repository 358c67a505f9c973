//! The mock's bound on requests in flight (`Config::max_in_flight`): with that many held,
//! the next request is answered HTTP 503, which the client reads as unknown, never as a
//! rejection; the held requests are unaffected and their orders are found by query.
//!
//! Deterministic: the held requests are creates with the delay fault, which the mock
//! reports as held (`Server::held`) and answers on `Server::release_delayed`; the delay
//! and the client's timeout are both far past the test, so no verdict depends on timing.

use std::time::{Duration, Instant};

use payspec_sdk::client::blocking::Client;
use payspec_sdk::mock::{Config, Fault, Server};
use payspec_sdk::runtime::wire::{Outcome, Unknown};

use crate::support::{Case, accepted, cases};

const BOUND: usize = 2;
/// Longer than any run of the test: only a release (or a shutdown) ends a hold.
const FOREVER: Duration = Duration::from_secs(600);

/// Waits for a condition of the mock, not for a time; the limit only turns a hang into a
/// failure.
fn wait_until(what: &str, condition: impl Fn() -> bool) {
    let start = Instant::now();
    while !condition() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "waited 120 s for {what}"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Releases the held answers when dropped, so that a failed assertion ends the held
/// calls instead of leaving the test waiting for them.
struct ReleaseOnDrop<'a>(&'a Server);

impl Drop for ReleaseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.release_delayed();
    }
}

fn patient_client(base_url: &str) -> Client {
    Client::builder(base_url)
        .timeout(FOREVER)
        .query_retries(0)
        .no_proxy()
        .build()
        .expect("client")
}

fn create(case: &Case, client: &Client, id: &str) -> Outcome {
    let request = case.request(case.create, &case.create_body(id, None), &case.key);
    client.send_operation(case.create, &request)
}

fn query(case: &Case, client: &Client, id: &str) -> Outcome {
    let request = case.request(case.query, &case.query_body(id), &case.key);
    client.send_operation(case.query, &request)
}

fn assert_busy(outcome: Outcome, what: &str) {
    assert!(
        matches!(outcome, Outcome::Unknown(Unknown::ServerError(503))),
        "{what}: past the bound, expected unknown (HTTP 503), got {outcome:?}"
    );
}

#[test]
fn past_the_bound_a_request_is_answered_503_and_read_as_unknown() {
    let config = Config::new(payspec_sdk::SPECS)
        .delay(FOREVER)
        .max_in_flight(BOUND);
    let mock = Server::start(config).expect("the mock starts");
    let client = patient_client(&mock.base_url());
    for case in cases() {
        let id = case.spec.id;
        let held: Vec<String> = (0..BOUND)
            .map(|_| case.order_number(Fault::Delay.prefix()))
            .collect();
        let busy = case.order_number("busy-");
        std::thread::scope(|scope| {
            let release = ReleaseOnDrop(&mock);
            let (case, client) = (&case, &client);
            let holding: Vec<_> = held
                .iter()
                .map(|order| scope.spawn(move || create(case, client, order)))
                .collect();
            wait_until("the delayed creates to be held", || mock.held() == BOUND);
            assert_eq!(mock.in_flight(), BOUND, "{id}");

            assert_busy(create(case, client, &busy), &format!("{id} create"));
            assert_busy(query(case, client, &held[0]), &format!("{id} query"));
            assert_eq!(
                mock.in_flight(),
                BOUND,
                "{id}: the refused calls hold nothing"
            );

            drop(release);
            wait_until("the held answers to be released", || mock.held() == 0);
            for (order, holding) in held.iter().zip(holding) {
                let outcome = holding.join().expect("the held create returns");
                accepted(outcome, &format!("{id} held {order}"));
            }
        });
        wait_until("the held requests to finish", || mock.in_flight() == 0);
        for order in &held {
            let found = accepted(query(&case, &client, order), id);
            assert_eq!(
                found.records[0].merchant_order_no.as_deref(),
                Some(order.as_str()),
                "{id}"
            );
        }
        // The refused create never reached the provider: its number is new to it.
        accepted(create(&case, &client, &busy), &format!("{id} {busy} again"));
    }
}

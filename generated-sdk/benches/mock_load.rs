//! The mock provider under load, on loopback: 1, 4 and 16 client threads, each with its
//! own blocking client, send real signed creates (built and signed through the generated
//! `sign_json`, as the end-to-end suite does) to one in-process mock, every order a
//! distinct merchant order number, then query every order. Prints creates/s and
//! queries/s per thread count (signing on the client side included), and fails if any
//! order is lost: each create must be accepted once with a platform number of its own,
//! and each query must find its order with the amount it was created with.
//!
//! The specs come from the registry: every spec whose query takes the merchant's order
//! number (the end-to-end suite's `cases()`), the orders dealt round-robin over them.
//! Bounded: a fixed number of orders per run, and a run that takes longer than
//! [`RUN_LIMIT`] stops with an error.
//!
//! `cargo bench -p payspec-sdk --features mock --bench mock_load`

#[allow(dead_code)]
#[path = "../tests/e2e/support.rs"]
mod support;

use std::collections::HashSet;
use std::sync::Barrier;
use std::time::{Duration, Instant};

use payspec_sdk::client::blocking::Client;
use payspec_sdk::mock::{Config, Server};
use payspec_sdk::runtime::wire::Outcome;
use serde_json::Value;
use support::Case;

/// Orders per run, split evenly over the threads (divisible by every count).
const ORDERS: usize = 2400;
const THREADS: [usize; 3] = [1, 4, 16];
/// Past this, a run is an error rather than a slow figure.
const RUN_LIMIT: Duration = Duration::from_secs(300);
/// Far past any answer on loopback: an order lost to a timeout would be a failure here.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(30);

/// One order as created: its case, numbers and the amount it was sent with.
struct Created {
    case: usize,
    merchant_order_no: String,
    platform_order_no: String,
    amount: Option<Value>,
}

/// The request's amount field: `amount`, or what the spec's answer calls an amount.
fn amount_field(case: &Case) -> Option<&'static str> {
    let shape = case.query.answer?;
    shape
        .fields
        .iter()
        .map(|(name, _)| *name)
        .chain(["amount"])
        .find(|name| case.example.contains_key(*name))
}

fn client(base_url: &str) -> Client {
    Client::builder(base_url)
        .timeout(CLIENT_TIMEOUT)
        .query_retries(0)
        .no_proxy()
        .build()
        .expect("a client")
}

/// Creates `count` orders from one thread, round-robin over the cases.
fn create_orders(cases: &[Case], client: &Client, first: usize, count: usize) -> Vec<Created> {
    (first..first + count)
        .map(|n| {
            let index = n % cases.len();
            let case = &cases[index];
            let id = case.order_number("load-");
            let body = case.create_body(&id, None);
            let request = case.request(case.create, &body, &case.key);
            let accepted = match client.send_operation(case.create, &request) {
                Outcome::Accepted(accepted) => accepted,
                other => panic!("{} {id}: lost, the create got {other:?}", case.spec.id),
            };
            Created {
                case: index,
                platform_order_no: accepted
                    .platform_order_no()
                    .expect("an accepted create names its payout")
                    .to_owned(),
                amount: amount_field(case).and_then(|f| body.get(f).cloned()),
                merchant_order_no: id,
            }
        })
        .collect()
}

/// Queries every order a thread created; each must be found as it was created.
fn query_orders(cases: &[Case], client: &Client, created: &[Created]) {
    for order in created {
        let case = &cases[order.case];
        let body = case.query_body_for(&order.merchant_order_no, &order.platform_order_no);
        let request = case.request(case.query, &body, &case.key);
        let what = format!("{} {}", case.spec.id, order.merchant_order_no);
        let found = match client.send_operation(case.query, &request) {
            Outcome::Accepted(found) => found,
            other => panic!("{what}: lost, the query got {other:?}"),
        };
        assert_eq!(found.records.len(), 1, "{what}");
        let record = &found.records[0];
        assert_eq!(
            record.merchant_order_no.as_deref(),
            Some(order.merchant_order_no.as_str()),
            "{what}"
        );
        assert_eq!(
            record.platform_order_no.as_deref(),
            Some(order.platform_order_no.as_str()),
            "{what}"
        );
        if let (Some(field), Some(sent)) = (amount_field(case), &order.amount) {
            assert_eq!(record.fields.get(field), Some(sent), "{what}: the amount");
        }
    }
}

/// Runs `work` on `threads` threads released together; the wall time from the release
/// until the last one finishes, and their results.
fn timed<T: Send>(threads: usize, work: impl Fn(usize) -> T + Sync) -> (Duration, Vec<T>) {
    let barrier = Barrier::new(threads + 1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (barrier, work) = (&barrier, &work);
                scope.spawn(move || {
                    barrier.wait();
                    work(t)
                })
            })
            .collect();
        barrier.wait();
        let start = Instant::now();
        let results = handles
            .into_iter()
            .map(|h| h.join().expect("a load thread panicked"))
            .collect();
        (start.elapsed(), results)
    })
}

fn run(cases: &[Case], threads: usize) {
    let mock = Server::start(Config::new(payspec_sdk::SPECS)).expect("the mock starts");
    let per_thread = ORDERS / threads;
    let clients: Vec<Client> = (0..threads).map(|_| client(&mock.base_url())).collect();
    let started = Instant::now();

    let (create_time, created) = timed(threads, |t| {
        create_orders(cases, &clients[t], t * per_thread, per_thread)
    });
    let platform_numbers: HashSet<(&str, &str)> = created
        .iter()
        .flatten()
        .map(|o| (cases[o.case].spec.id, o.platform_order_no.as_str()))
        .collect();
    assert_eq!(
        platform_numbers.len(),
        ORDERS,
        "every create accepted once, with a platform number of its own"
    );

    let (query_time, _) = timed(threads, |t| query_orders(cases, &clients[t], &created[t]));
    assert!(
        started.elapsed() < RUN_LIMIT,
        "{threads} threads took {:?}",
        started.elapsed()
    );
    mock.shutdown();

    let rate = |time: Duration| ORDERS as f64 / time.as_secs_f64();
    println!(
        "{threads:>2} threads: {ORDERS} creates in {:.2} s = {:>6.0} creates/s; {ORDERS} queries in {:.2} s = {:>6.0} queries/s; none lost",
        create_time.as_secs_f64(),
        rate(create_time),
        query_time.as_secs_f64(),
        rate(query_time),
    );
}

fn main() {
    let cases = support::cases();
    let ids: Vec<&str> = cases.iter().map(|c| c.spec.id).collect();
    println!(
        "mock under load: {ORDERS} orders per run over {} specs ({})",
        ids.len(),
        ids.join(", ")
    );
    for threads in THREADS {
        run(&cases, threads);
    }
}

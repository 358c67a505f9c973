//! A local mock provider (feature `mock`): every spec's endpoints, served from the
//! generated code, for integration tests — payspec's own and downstream crates'.
//!
//! For each request it does what the provider does: routes it (method, path, and the
//! constant headers for specs sharing a path), validates it with the generated checks,
//! verifies its signature with the merchant's key, refuses a merchant order number it has
//! seen, and otherwise remembers the order (state processing) and answers in the spec's
//! envelope with a platform order number. Rejections carry the spec's documented codes,
//! or mock-only ones where the pages document none ([`code_for`]). Queries answer from the
//! remembered orders. Callbacks are sent on request through the control endpoint
//! (see [`CALLBACK_PATH`]).
//!
//! Faults are chosen per request by the merchant order number's prefix ([`Fault`]):
//! `MOCK-DELAY-` (the answer comes after [`Config::delay`]), `MOCK-500-`, `MOCK-EMPTY-`,
//! `MOCK-GARBAGE-`. They hit after the order is remembered, so a query finds it.
//!
//! At most [`Config::max_in_flight`] requests are handled at once (64 by default); one
//! more is answered HTTP 503 at once, unhandled, which the SDK's clients read as unknown
//! (`Unknown::ServerError(503)`). [`Server::in_flight`], [`Server::held`] and
//! [`Server::release_delayed`] let a test fill the bound with delayed answers and know
//! it has, without sleeping.
//!
//! Not simulated: timestamp skew and nonce replay checks, balances, amount limits, the
//! callback fields the plan does not name (fees, error codes, completion times).
//!
//! ```no_run
//! use payspec_runtime::SpecInfo;
//! use payspec_runtime::mock::{Config, Server};
//!
//! // `specs`: a crate's generated registry, `SPECS` (payspec-sdk's, or your own).
//! fn run(specs: &'static [&'static SpecInfo]) -> Result<(), payspec_runtime::mock::MockError> {
//!     let server = Server::start(Config::new(specs))?; // 127.0.0.1, a free port, example keys
//!     let base_url = server.base_url(); // give it to the client under test
//!     // ... run the tests ...
//!     server.shutdown(); // or let it drop
//!     Ok(())
//! }
//! ```

mod answer;
mod callback;
mod config;
mod fault;
mod provider;
mod route;
mod store;
#[cfg(test)]
mod tests;

use std::io::Read as _;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub use answer::{
    MOCK_BAD_SIGNATURE, MOCK_DUPLICATE_ORDER, MOCK_INVALID_PARAMETERS, MOCK_NOT_FOUND, code_for,
};
pub use callback::CALLBACK_PATH;
pub use config::Config;
pub use fault::Fault;

use crate::client::ClientError;
use crate::client::blocking::Client;
use crate::signing::{KeyError, KeyKind};
use provider::{Provider, Reply};
use store::Store;

/// The largest request body read.
const MAX_BODY_BYTES: u64 = 1024 * 1024;
/// How often the accept loop looks at the stop flag.
const POLL: Duration = Duration::from_millis(50);
/// How long shutdown waits for requests being handled.
const DRAIN: Duration = Duration::from_secs(5);

/// Why the mock could not start.
#[derive(Debug, thiserror::Error)]
pub enum MockError {
    /// A key selector names no spec id or provider prefix.
    #[error("`{0}` names no spec id or provider prefix (see `payspec list`)")]
    Selector(String),
    /// A key is of the wrong kind for its spec.
    #[error("{spec} needs {expected}, not {found}")]
    KeyKind {
        /// The spec.
        spec: &'static str,
        /// The kind it needs.
        expected: KeyKind,
        /// The kind given.
        found: KeyKind,
    },
    /// An example key could not be loaded.
    #[error("the example key: {0}")]
    Key(#[from] KeyError),
    /// The address is not loopback and that was not allowed.
    #[error("{0} is not a loopback address; the mock only listens on loopback unless allowed")]
    NotLoopback(SocketAddr),
    /// The socket could not be bound.
    #[error("cannot listen on {addr}: {reason}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        reason: String,
    },
    /// The HTTP client for callbacks could not be set up.
    #[error(transparent)]
    Client(#[from] ClientError),
}

/// A running mock provider. Stops on [`Server::shutdown`] or when dropped.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
    examples: Vec<&'static str>,
}

#[derive(Debug)]
struct Shared {
    provider: Provider,
    client: Client,
    max_in_flight: usize,
    in_flight: AtomicUsize,
    /// Answers the delay fault is holding.
    held: AtomicUsize,
    /// Bumped by `release_delayed`: a hold ends when it changes.
    releases: AtomicUsize,
    stop: AtomicBool,
    /// Wakes handlers holding a delayed answer when the server stops.
    wake: (Mutex<()>, Condvar),
}

impl Server {
    /// Starts the mock on its own threads and returns once it is listening.
    pub fn start(config: Config) -> Result<Server, MockError> {
        if !config.addr.ip().is_loopback() && !config.allow_non_loopback {
            return Err(MockError::NotLoopback(config.addr));
        }
        let keys = config.resolve_keys()?;
        let examples = keys.examples.clone();
        let client = Client::builder("http://127.0.0.1")
            .timeout(config.callback_timeout)
            .query_retries(0)
            .no_proxy()
            .build()?;
        let http = tiny_http::Server::http(config.addr).map_err(|e| MockError::Bind {
            addr: config.addr,
            reason: e.to_string(),
        })?;
        let addr = http.server_addr().to_ip().unwrap_or(config.addr);
        let shared = Arc::new(Shared {
            provider: Provider {
                specs: config.specs,
                keys,
                store: Store::default(),
                delay: config.delay,
            },
            client,
            max_in_flight: config.max_in_flight,
            in_flight: AtomicUsize::new(0),
            held: AtomicUsize::new(0),
            releases: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            wake: (Mutex::new(()), Condvar::new()),
        });
        let acceptor = {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name("payspec-mock".into())
                .spawn(move || accept(&http, &shared))
                .map_err(|e| MockError::Bind {
                    addr,
                    reason: e.to_string(),
                })?
        };
        Ok(Server {
            addr,
            shared,
            acceptor: Some(acceptor),
            examples,
        })
    }

    /// The address it listens on (the actual port when started on port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`: the base URL to give the client.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The specs whose requests are verified, or callbacks signed, with a published example
    /// key because none was given.
    pub fn example_keys(&self) -> &[&'static str] {
        &self.examples
    }

    /// The requests being handled now: taken in and not yet answered, held delayed answers
    /// included. A request refused with 503 is never counted.
    pub fn in_flight(&self) -> usize {
        self.shared.in_flight.load(Ordering::SeqCst)
    }

    /// The answers the `MOCK-DELAY-` fault is holding now (their orders already
    /// remembered): a test that fills the bound with them waits for this count, not for
    /// a time.
    pub fn held(&self) -> usize {
        self.shared.held.load(Ordering::SeqCst)
    }

    /// Sends every answer the delay fault holds now, at once, and keeps serving (later
    /// delayed answers wait their delay again).
    pub fn release_delayed(&self) {
        let _guard = self
            .shared
            .wake
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        self.shared.releases.fetch_add(1, Ordering::SeqCst);
        self.shared.wake.1.notify_all();
    }

    /// Stops accepting, wakes delayed answers, and waits (up to 5 s) for requests being
    /// handled.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        {
            let _guard = self
                .shared
                .wake
                .0
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            self.shared.wake.1.notify_all();
        }
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
        let started = Instant::now();
        while self.shared.in_flight.load(Ordering::SeqCst) > 0 && started.elapsed() < DRAIN {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Accepts requests until stopped, each handled on its own thread (a delayed answer must
/// not hold up the query that follows it), at most `max_in_flight` at once.
fn accept(http: &tiny_http::Server, shared: &Arc<Shared>) {
    while !shared.stop.load(Ordering::SeqCst) {
        let request = match http.recv_timeout(POLL) {
            Ok(Some(request)) => request,
            Ok(None) | Err(_) => continue,
        };
        if shared.in_flight.fetch_add(1, Ordering::SeqCst) >= shared.max_in_flight {
            shared.in_flight.fetch_sub(1, Ordering::SeqCst);
            let busy = tiny_http::Response::from_string("busy\n").with_status_code(503);
            let _ = request.respond(busy);
            continue;
        }
        let worker = Arc::clone(shared);
        let spawned = std::thread::Builder::new()
            .name("payspec-mock-request".into())
            .spawn(move || {
                handle(&worker, request);
                worker.in_flight.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            // The request was dropped with the closure: tiny_http answers it with a 500.
            shared.in_flight.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

fn handle(shared: &Shared, mut request: tiny_http::Request) {
    let reply = match to_http(&mut request) {
        Ok(incoming) if incoming.uri().path().starts_with("/_mock/") => Reply::from(
            callback::control(&shared.provider, &shared.client, &incoming),
        ),
        Ok(incoming) => shared.provider.handle(&incoming),
        Err((status, why)) => Reply::from(answer::text(status, &format!("{why}\n"))),
    };
    if let Some(delay) = reply.delay {
        hold(shared, delay);
    }
    let (parts, body) = reply.response.into_parts();
    let mut response = tiny_http::Response::from_data(body).with_status_code(parts.status.as_u16());
    for (name, value) in &parts.headers {
        if let Ok(header) =
            tiny_http::Header::from_bytes(name.as_str().as_bytes(), value.as_bytes())
        {
            response.add_header(header);
        }
    }
    // The client may have given up (the delay fault): nothing to do then.
    let _ = request.respond(response);
}

/// Waits `delay`, or less if the server stops or the held answers are released.
fn hold(shared: &Shared, delay: Duration) {
    let deadline = Instant::now() + delay;
    let mut guard = shared.wake.0.lock().unwrap_or_else(PoisonError::into_inner);
    // Read and counted under the lock `release_delayed` takes: a release made once this
    // hold is counted always ends it.
    let releases = shared.releases.load(Ordering::SeqCst);
    shared.held.fetch_add(1, Ordering::SeqCst);
    while !shared.stop.load(Ordering::SeqCst) && shared.releases.load(Ordering::SeqCst) == releases
    {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        guard = match shared.wake.1.wait_timeout(guard, left) {
            Ok((guard, _)) => guard,
            Err(poisoned) => poisoned.into_inner().0,
        };
    }
    shared.held.fetch_sub(1, Ordering::SeqCst);
}

/// The request as an `http::Request`, its body read (at most [`MAX_BODY_BYTES`]); or the
/// HTTP status and reason to refuse it with.
fn to_http(request: &mut tiny_http::Request) -> Result<http::Request<Vec<u8>>, (u16, String)> {
    let mut builder = http::Request::builder()
        .method(request.method().as_str())
        .uri(request.url());
    for header in request.headers() {
        builder = builder.header(header.field.as_str().as_str(), header.value.as_str());
    }
    let mut body = Vec::new();
    let read = request
        .as_reader()
        .take(MAX_BODY_BYTES + 1)
        .read_to_end(&mut body);
    if read.is_err() {
        return Err((400, "cannot read the body".into()));
    }
    if body.len() as u64 > MAX_BODY_BYTES {
        return Err((413, "the body is too large".into()));
    }
    builder
        .body(body)
        .map_err(|e| (400, format!("not a valid request: {e}")))
}

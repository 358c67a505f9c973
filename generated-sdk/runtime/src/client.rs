//! A real, blocking HTTP client for the sans-IO wire layer (feature `client`).
//!
//! The generated code builds an `http::Request` (`Signed<_>::to_http`, or `Valid<_>::to_http`
//! for unsigned queries) and reads an `http::Response` (`read_answer`); this module only
//! moves bytes between them, and maps what can go wrong on the way to the outcomes the
//! pages prescribe:
//!
//! - no answer in time: [`Unknown::Timeout`]; a connection that failed:
//!   [`Unknown::Transport`]. Neither says the payout failed — query it.
//! - a create (an operation whose role is [`Create`](crate::Create)) is sent exactly
//!   once, whatever happens: [`Client::send`] has no retry, and [`Client::query`], which
//!   retries, takes only [`Query`] operations — giving it a create does not compile.
//!   Sending a create again after an unknown outcome can pay twice; only the caller,
//!   after querying, may decide to.
//! - a query reads and changes nothing, so [`Client::query`] signs it afresh and sends it
//!   again while its outcome is unknown, up to [`ClientBuilder::query_retries`] times.
//!
//! Feature `client` speaks plain HTTP only, with no TLS stack compiled: small, for the mock
//! provider, loopback and tests. Feature `client-tls` adds HTTPS with rustls: an `https://`
//! base URL is reached with the server's certificate verified against the platform's roots
//! (and the host name checked), plus any root added with
//! `ClientBuilder::add_root_certificate_pem` (a private CA, a test certificate). A
//! certificate refused is [`Unknown::Transport`] like any failed connection: nothing was
//! sent, and a create is not sent again.
//!
//! ```no_run
//! use std::time::{Duration, SystemTime};
//! use payspec_runtime::client::Client;
//! use payspec_runtime::prelude::*;
//! use payspec_runtime::wire::Outcome;
//! use payspec_runtime::{Create, Signed};
//!
//! // Any signed create of any generated spec.
//! fn create<T>(signed: &Signed<T>, credentials: &T::Credentials) -> Result<(), Box<dyn std::error::Error>>
//! where
//!     T: Operation<Role = Create> + Signable,
//!     T::Answer: std::fmt::Debug,
//! {
//!     let client = Client::builder("http://127.0.0.1:8787")
//!         .timeout(Duration::from_secs(10))
//!         .build()?;
//!     match client.send(signed, credentials)? {
//!         Outcome::Accepted(accepted) => println!("accepted: {:?}", accepted.record()),
//!         Outcome::Rejected(rejected) => println!("refused: {rejected}"),
//!         Outcome::Unknown(why) => println!("unknown ({why}): query before anything else"),
//!     }
//!     Ok(())
//! }
//! ```

use std::fmt;
use std::time::{Duration, SystemTime};

use crate::operation::{Operation, Outgoing, Query};
use crate::signing::SignError;
use crate::wire::{Accepted, Outcome, Unknown, WireError};

/// The accepted answer of what `S` sends: the operation's typed records.
pub type AnswerOf<S> = Accepted<<<S as Outgoing>::Operation as Operation>::Answer>;

/// Why a request could not be sent at all (nothing left this machine).
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The request could not be built (a credential that cannot be a header value).
    #[error(transparent)]
    Wire(#[from] WireError),
    /// A query could not be signed.
    #[error(transparent)]
    Sign(#[from] SignError),
}

/// The longest response body read; a larger one is not an answer of a payout API.
const MAX_BODY_BYTES: u64 = 4 * 1024 * 1024;

/// A blocking client: one base URL, a per-call timeout, and the query retry policy.
/// Cheap to clone (the connection pool is shared).
#[derive(Clone)]
pub struct Client {
    http: reqwest::blocking::Client,
    base_url: String,
    timeout: Duration,
    query_retries: u32,
    retry_pause: Duration,
}

/// Settings of a [`Client`]; see [`Client::builder`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: String,
    timeout: Duration,
    connect_timeout: Option<Duration>,
    query_retries: u32,
    retry_pause: Duration,
    proxy_from_env: bool,
    keep_alive: bool,
    /// Roots trusted besides the platform's (feature `client-tls`).
    #[cfg(feature = "client-tls")]
    roots: Vec<reqwest::Certificate>,
}

/// Why a client could not be built (never why a call failed: calls return outcomes).
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The base URL is not an absolute `http://` or `https://` URL.
    #[error("the base URL `{0}` is not an absolute http:// or https:// URL")]
    BaseUrl(String),
    /// The base URL is `https://` but the client was compiled without TLS: enable feature
    /// `client-tls`.
    #[error("the base URL `{0}` is https://, which needs feature `client-tls`")]
    HttpsNeedsTls(String),
    /// A root certificate given to `ClientBuilder::add_root_certificate_pem` was not
    /// usable. The reason never quotes the certificate's text.
    #[error("unusable root certificate: {0}")]
    RootCertificate(&'static str),
    /// The HTTP stack could not be set up.
    #[error("cannot set up the HTTP client: {0}")]
    Setup(String),
}

impl Client {
    /// Settings for a client of the provider at `base_url` (`http://host:port`, or
    /// `https://...` with feature `client-tls`, optionally with a path prefix): timeout
    /// 30 s, 2 query retries 500 ms apart.
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            base_url: base_url.into(),
            timeout: Duration::from_secs(30),
            connect_timeout: None,
            query_retries: 2,
            retry_pause: Duration::from_millis(500),
            proxy_from_env: true,
            keep_alive: false,
            #[cfg(feature = "client-tls")]
            roots: Vec::new(),
        }
    }

    /// The base URL requests are sent to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The per-call timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Sends a request once and reads its answer with its operation's reader. Never
    /// retried, whatever its role: this is how a create is sent.
    pub fn send<S: Outgoing>(
        &self,
        request: &S,
        credentials: &<S::Operation as Operation>::Credentials,
    ) -> Result<Outcome<AnswerOf<S>>, WireError> {
        let request = request.to_http(credentials, SystemTime::now())?;
        Ok(self.once::<S::Operation>(&request))
    }

    /// Sends a query, signed afresh by `build` for each attempt (a new nonce, timestamp
    /// and signature), again while its outcome is unknown, up to the configured retries.
    /// Only a query operation can be given: a create's type does not compile here.
    pub fn query<S, F>(
        &self,
        credentials: &<S::Operation as Operation>::Credentials,
        mut build: F,
    ) -> Result<Outcome<AnswerOf<S>>, SendError>
    where
        S: Outgoing,
        S::Operation: Operation<Role = Query>,
        F: FnMut() -> Result<S, SignError>,
    {
        let mut attempt = 0;
        loop {
            let request = build()?.to_http(credentials, SystemTime::now())?;
            let outcome = self.once::<S::Operation>(&request);
            if !matches!(outcome, Outcome::Unknown(_)) || attempt == self.query_retries {
                return Ok(outcome);
            }
            attempt += 1;
            std::thread::sleep(self.retry_pause);
        }
    }

    /// For tools that work over a registry of specs (`SPECS`): sends a request built from
    /// JSON for the operation `op` and reads it with `op`'s reader. The role comes with the
    /// reader from `op`, one generated entry: a create is sent once, a query again (the
    /// same bytes) while unknown. Typed code uses [`Client::send`] and [`Client::query`].
    pub fn send_operation(
        &self,
        op: &crate::OperationInfo,
        request: &http::Request<Vec<u8>>,
    ) -> Outcome {
        let mut attempt = 0;
        loop {
            let outcome = match self.exchange(request) {
                Ok(response) => (op.read_answer)(&response),
                Err(why) => Outcome::Unknown(why),
            };
            let retry = op.role == crate::OperationRole::Query
                && matches!(outcome, Outcome::Unknown(_))
                && attempt < self.query_retries;
            if !retry {
                return outcome;
            }
            attempt += 1;
            std::thread::sleep(self.retry_pause);
        }
    }

    /// Sends one request, without retry, and returns the raw answer; a timeout or a
    /// failed connection is the [`Unknown`] reason. For callers with their own reading.
    pub fn exchange(
        &self,
        request: &http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, Unknown> {
        let url = self.url_for(request.uri());
        let response = self
            .http
            .request(request.method().clone(), url.as_str())
            .headers(request.headers().clone())
            .body(request.body().clone())
            .timeout(self.timeout)
            .send()
            .map_err(unknown)?;
        let mut answer = http::Response::builder().status(response.status());
        if let Some(headers) = answer.headers_mut() {
            headers.extend(
                response
                    .headers()
                    .iter()
                    .map(|(n, v)| (n.clone(), v.clone())),
            );
        }
        let declared = response.content_length().unwrap_or(0);
        if declared > MAX_BODY_BYTES {
            return Err(Unknown::Transport(format!(
                "the answer declares {declared} bytes, more than {MAX_BODY_BYTES}"
            )));
        }
        let body = read_body(response)?;
        answer
            .body(body)
            .map_err(|e| Unknown::Transport(e.to_string()))
    }

    fn once<T: Operation>(&self, request: &http::Request<Vec<u8>>) -> Outcome<Accepted<T::Answer>> {
        match self.exchange(request) {
            Ok(response) => T::read_answer(&response),
            Err(why) => Outcome::Unknown(why),
        }
    }

    /// The base URL followed by the request's path and query (the generated requests
    /// carry relative URIs); an absolute URI is used as it is.
    fn url_for(&self, uri: &http::Uri) -> String {
        if uri.scheme().is_some() {
            return uri.to_string();
        }
        let tail = uri.path_and_query().map_or("/", |pq| pq.as_str());
        format!("{}{}", self.base_url, tail)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("query_retries", &self.query_retries)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The longest wait for a whole call (connect, send, answer). Default 30 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest wait to connect (default: bounded by the call timeout only).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How many times a query is sent again while its outcome is unknown (default 2).
    /// Creates are never retried.
    pub fn query_retries(mut self, retries: u32) -> Self {
        self.query_retries = retries;
        self
    }

    /// The pause before each query retry (default 500 ms).
    pub fn retry_pause(mut self, pause: Duration) -> Self {
        self.retry_pause = pause;
        self
    }

    /// Ignores `HTTP_PROXY`-style environment variables (which are honoured by default):
    /// for loopback tests on machines with a proxy configured.
    pub fn no_proxy(mut self) -> Self {
        self.proxy_from_env = false;
        self
    }

    /// Keeps idle connections open for later calls (default: off, a connection per call).
    ///
    /// Off by default because payout calls are few and a pooled connection that the
    /// server closed while idle fails the next call on it, which for a create is an
    /// unknown outcome that only a query can clear. The mock provider also serves idle
    /// keep-alive connections from a small thread pool that many of them can starve.
    pub fn keep_alive(mut self, keep: bool) -> Self {
        self.keep_alive = keep;
        self
    }

    /// Also trusts the certificates of `pem` (one or more `CERTIFICATE` blocks; other
    /// blocks, such as a private key, are skipped) as roots, besides the platform's: for a
    /// provider behind a private CA, or a test server's own certificate. Feature
    /// `client-tls`.
    ///
    /// An error never quotes the PEM: it says only what is wrong with it.
    #[cfg(feature = "client-tls")]
    pub fn add_root_certificate_pem(mut self, pem: &[u8]) -> Result<Self, ClientError> {
        // reqwest's own error here is a fixed text; it is not passed on all the same, so
        // that no later version of it can put the input into a message.
        let certificates = reqwest::Certificate::from_pem_bundle(pem)
            .map_err(|_| ClientError::RootCertificate("a CERTIFICATE block is not valid PEM"))?;
        if certificates.is_empty() {
            return Err(ClientError::RootCertificate(
                "no CERTIFICATE block in the PEM given",
            ));
        }
        self.roots.extend(certificates);
        Ok(self)
    }

    /// Builds the client. Redirects are not followed: a payout API does not redirect,
    /// and following one would turn a POST into a GET; a 3xx reads as unknown.
    pub fn build(self) -> Result<Client, ClientError> {
        let base_url = self.base_url.trim_end_matches('/').to_string();
        let scheme = base_url
            .parse::<http::Uri>()
            .ok()
            .filter(|uri| uri.host().is_some())
            .and_then(|uri| uri.scheme_str().map(str::to_ascii_lowercase));
        match scheme.as_deref() {
            Some("http") => {}
            Some("https") if cfg!(feature = "client-tls") => {}
            Some("https") => return Err(ClientError::HttpsNeedsTls(self.base_url)),
            _ => return Err(ClientError::BaseUrl(self.base_url)),
        }
        let mut http = reqwest::blocking::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(self.timeout);
        if !self.keep_alive {
            http = http.pool_max_idle_per_host(0);
        }
        if let Some(connect) = self.connect_timeout {
            http = http.connect_timeout(connect);
        }
        if !self.proxy_from_env {
            http = http.no_proxy();
        }
        #[cfg(feature = "client-tls")]
        if !self.roots.is_empty() {
            // Merged with the platform's roots: the platform verifier still checks the
            // chain and the host name.
            http = http.tls_certs_merge(self.roots);
        }
        let http = http.build().map_err(|e| ClientError::Setup(describe(&e)))?;
        Ok(Client {
            http,
            base_url,
            timeout: self.timeout,
            query_retries: self.query_retries,
            retry_pause: self.retry_pause,
        })
    }
}

/// Reads the body, at most [`MAX_BODY_BYTES`]; a body cut short is a transport failure.
fn read_body(response: reqwest::blocking::Response) -> Result<Vec<u8>, Unknown> {
    use std::io::Read as _;
    let mut body = Vec::new();
    response
        .take(MAX_BODY_BYTES + 1)
        .read_to_end(&mut body)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::TimedOut || is_timeout_io(&e) {
                Unknown::Timeout
            } else {
                Unknown::Transport(format!("reading the answer failed: {e}"))
            }
        })?;
    if body.len() as u64 > MAX_BODY_BYTES {
        return Err(Unknown::Transport(format!(
            "the answer is longer than {MAX_BODY_BYTES} bytes"
        )));
    }
    Ok(body)
}

/// Whether an I/O error wraps reqwest's timeout.
fn is_timeout_io(e: &std::io::Error) -> bool {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<reqwest::Error>())
        .is_some_and(reqwest::Error::is_timeout)
}

/// A failed call: a timeout, or any other transport failure, both unknown outcomes.
fn unknown(e: reqwest::Error) -> Unknown {
    if e.is_timeout() {
        Unknown::Timeout
    } else {
        Unknown::Transport(describe(&e))
    }
}

/// An error with its causes, `outer: inner: ...`: reqwest's own text says only "error
/// sending request", the cause says why (a refused connection, a certificate refused).
fn describe(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let part = cause.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::{Client, ClientError};

    #[test]
    fn base_urls_are_checked_and_https_needs_the_tls_feature() {
        assert!(
            Client::builder("http://127.0.0.1:1/prefix/")
                .build()
                .is_ok()
        );
        for bad in ["127.0.0.1:1", "/relative", "ftp://127.0.0.1/", "http://"] {
            assert!(
                matches!(Client::builder(bad).build(), Err(ClientError::BaseUrl(_))),
                "{bad}"
            );
        }
        let https = Client::builder("https://127.0.0.1:1").build();
        if cfg!(feature = "client-tls") {
            assert!(https.is_ok(), "{https:?}");
        } else {
            assert!(
                matches!(https, Err(ClientError::HttpsNeedsTls(_))),
                "{https:?}"
            );
        }
    }
}

//! HTTP clients for the sans-IO wire layer: [`Client`], async on tokio (feature `client`),
//! and [`blocking::Client`] for scripts and tools (feature `blocking`).
//!
//! The generated code builds an `http::Request` (`Signed<_>::to_http`, or
//! `Valid<_>::to_http` for unsigned queries) and reads an `http::Response`
//! (`read_answer`). A client adds what the pages prescribe between the two, once, for
//! every transport ([`transport`]: reqwest by default, or any function of one's own):
//!
//! - the request's URI made absolute under the base URL;
//! - no answer in time: [`Unknown::Timeout`]; a connection that failed:
//!   [`Unknown::Transport`]. Neither says the payout failed — query it;
//! - an answer longer than [`MAX_BODY_BYTES`]: unknown;
//! - a create (an operation whose role is [`Create`](crate::Create)) is sent exactly
//!   once, whatever happens: `send` has no retry, and `query`, which retries, takes only
//!   [`Query`] operations — giving it a create does not compile. Sending a create again
//!   after an unknown outcome can pay twice; only the caller, after querying, may decide
//!   to;
//! - a query reads and changes nothing, so `query` signs it afresh and sends it again
//!   while its outcome is unknown, up to [`ClientBuilder::query_retries`] times.
//!
//! Feature `client` speaks plain HTTP only, with no TLS stack compiled: small, for the
//! mock provider, loopback and tests. Feature `client-tls` adds HTTPS with rustls: the
//! server's certificate is verified against the platform's roots (and the host name
//! checked), plus any root added with `ClientBuilder::add_root_certificate_pem`. A
//! certificate refused is [`Unknown::Transport`] like any failed connection: nothing was
//! sent, and a create is not sent again.
//!
//! ```no_run
//! use std::time::Duration;
//! use payspec_runtime::client::Client;
//! use payspec_runtime::prelude::*;
//! use payspec_runtime::wire::Outcome;
//! use payspec_runtime::{Create, Signed};
//!
//! // Any signed create of any generated spec.
//! async fn create<T>(signed: &Signed<T>, credentials: &T::Credentials) -> Result<(), Box<dyn std::error::Error>>
//! where
//!     T: Operation<Role = Create> + Signable,
//!     T::Answer: std::fmt::Debug,
//! {
//!     let client = Client::builder("http://127.0.0.1:8787")
//!         .timeout(Duration::from_secs(10))
//!         .build()?;
//!     match client.send(signed, credentials).await? {
//!         Outcome::Accepted(accepted) => println!("accepted: {:?}", accepted.record()),
//!         Outcome::Rejected(rejected) => println!("refused: {rejected}"),
//!         Outcome::Unknown(why) => println!("unknown ({why}): query before anything else"),
//!     }
//!     Ok(())
//! }
//! ```

#[cfg(feature = "blocking")]
pub mod blocking;
mod builder;
mod policy;
mod reqwest_transport;
pub mod transport;

use std::fmt;
use std::time::{Duration, SystemTime};

use crate::operation::{Operation, Outgoing, Query};
use crate::signing::SignError;
use crate::wire::{Accepted, BaseUrl, Outcome, Unknown, WireError};
use crate::{OperationInfo, OperationRole};

pub use builder::{Async, ClientBuilder, ClientError};
pub use policy::MAX_BODY_BYTES;
use policy::Policy;
pub use reqwest_transport::Reqwest;
use transport::{Answer, AsyncTransport};

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

/// An async client on tokio: one base URL, a per-call timeout, the query retry policy,
/// and a transport (reqwest unless [`ClientBuilder::build_with`] says otherwise). Cheap to
/// clone when its transport is.
#[derive(Clone)]
pub struct Client<T = Reqwest> {
    transport: T,
    policy: Policy,
}

impl Client {
    /// Settings for a client of the provider at `base_url` (`http://host:port`, or
    /// `https://...` with feature `client-tls`, optionally with a path prefix): timeout
    /// 30 s, 2 query retries 500 ms apart.
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder<Async> {
        ClientBuilder::new(base_url.into())
    }
}

impl<T: AsyncTransport> Client<T> {
    /// The base URL requests are sent to.
    pub fn base_url(&self) -> &BaseUrl {
        &self.policy.base
    }

    /// The per-call timeout.
    pub fn timeout(&self) -> Duration {
        self.policy.timeout
    }

    /// The transport the client sends through.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// Sends a request once and reads its answer with its operation's reader. Never
    /// retried, whatever its role: this is how a create is sent.
    pub async fn send<S: Outgoing>(
        &self,
        request: &S,
        credentials: &<S::Operation as Operation>::Credentials,
    ) -> Result<Outcome<AnswerOf<S>>, WireError> {
        let request = request.to_http_at(&self.policy.base, credentials, SystemTime::now())?;
        Ok(Policy::outcome::<S::Operation>(self.call(request).await))
    }

    /// Sends a query, signed afresh by `build` for each attempt (a new nonce, timestamp
    /// and signature), again while its outcome is unknown, up to the configured retries.
    /// Only a query operation can be given: a create's type does not compile here.
    pub async fn query<S, F>(
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
            let request = build()?.to_http_at(&self.policy.base, credentials, SystemTime::now())?;
            let outcome = Policy::outcome::<S::Operation>(self.call(request).await);
            let unknown = matches!(outcome, Outcome::Unknown(_));
            if !self.policy.again(OperationRole::Query, unknown, attempt) {
                return Ok(outcome);
            }
            attempt += 1;
            tokio::time::sleep(self.policy.retry_pause).await;
        }
    }

    /// For tools that work over a registry of specs (`SPECS`): sends a request built from
    /// JSON for the operation `op` and reads it with `op`'s reader. The role comes with the
    /// reader from `op`, one generated entry: a create is sent once, a query again (the
    /// same bytes) while unknown. Typed code uses [`Client::send`] and [`Client::query`].
    pub async fn send_operation(
        &self,
        op: &OperationInfo,
        request: &http::Request<Vec<u8>>,
    ) -> Outcome {
        let mut attempt = 0;
        loop {
            let outcome = Policy::outcome_of(op, self.exchange(request).await);
            let unknown = matches!(outcome, Outcome::Unknown(_));
            if !self.policy.again(op.role, unknown, attempt) {
                return outcome;
            }
            attempt += 1;
            tokio::time::sleep(self.policy.retry_pause).await;
        }
    }

    /// Sends one request (its URI made absolute under the base URL), without retry, and
    /// returns the raw answer; a timeout or a failed connection is the [`Unknown`]
    /// reason. For callers with their own reading.
    pub async fn exchange(&self, request: &http::Request<Vec<u8>>) -> Answer {
        let request = self
            .policy
            .base
            .apply(request.clone())
            .map_err(|e| Unknown::Transport(e.to_string()))?;
        self.call(request).await
    }

    async fn call(&self, request: http::Request<Vec<u8>>) -> Answer {
        match tokio::time::timeout(self.policy.timeout, self.transport.send(request)).await {
            Ok(answer) => answer,
            Err(_) => Err(Unknown::Timeout),
        }
    }
}

impl<T> fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.policy.base)
            .field("timeout", &self.policy.timeout)
            .field("query_retries", &self.policy.query_retries)
            .finish_non_exhaustive()
    }
}

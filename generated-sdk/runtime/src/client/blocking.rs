//! The blocking client (feature `blocking`), for scripts, tools and threads: the same
//! rules and outcomes as the async [`Client`](super::Client), each call blocking the
//! calling thread.
//!
//! Its default transport runs the async reqwest transport on a tokio runtime of its own,
//! on a thread of its own ([`OwnRuntime`]). So it may be built, used and dropped anywhere,
//! including inside a tokio runtime, where it does not panic (as blocking clients that
//! drive a runtime on the caller's thread do). There it blocks the task's worker thread
//! for the call, as any blocking I/O does: in async code, prefer the async client, or call
//! this one from `tokio::task::spawn_blocking`.

use std::fmt;
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use crate::operation::{Operation, Outgoing, Query};
use crate::signing::SignError;
use crate::wire::{BaseUrl, Outcome, Unknown, WireError};
use crate::{OperationInfo, OperationRole};

use super::builder::{ClientBuilder, ClientError};
use super::policy::Policy;
use super::reqwest_transport::{Reqwest, describe};
use super::transport::{Answer, AsyncTransport, Transport};
use super::{AnswerOf, SendError};

/// Builds a [`Client`] (the marker of a blocking [`ClientBuilder`]).
#[derive(Debug)]
pub enum Blocking {}

/// A blocking client: one base URL, a per-call timeout, the query retry policy, and a
/// transport. Cheap to clone when its transport is.
#[derive(Clone)]
pub struct Client<T = OwnRuntime<Reqwest>> {
    transport: T,
    policy: Policy,
}

impl Client {
    /// Settings for a blocking client of the provider at `base_url`; the same defaults as
    /// the async one.
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder<Blocking> {
        ClientBuilder::new(base_url.into())
    }
}

impl ClientBuilder<Blocking> {
    /// Builds the client on the reqwest transport, run on a runtime of its own.
    pub fn build(self) -> Result<Client, ClientError> {
        let policy = self.policy()?;
        let transport = OwnRuntime::start(self.reqwest(&policy)?, policy.timeout)?;
        Ok(Client { transport, policy })
    }

    /// Builds the client on a blocking transport of one's own; it applies its own
    /// timeout.
    pub fn build_with<T: Transport>(self, transport: T) -> Result<Client<T>, ClientError> {
        Ok(Client {
            transport,
            policy: self.policy()?,
        })
    }
}

impl<T: Transport> Client<T> {
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
    pub fn send<S: Outgoing>(
        &self,
        request: &S,
        credentials: &<S::Operation as Operation>::Credentials,
    ) -> Result<Outcome<AnswerOf<S>>, WireError> {
        let request = request.to_http_at(&self.policy.base, credentials, SystemTime::now())?;
        Ok(Policy::outcome::<S::Operation>(
            self.transport.send(request),
        ))
    }

    /// Sends a query, signed afresh by `build` for each attempt, again while its outcome
    /// is unknown, up to the configured retries. Only a query operation can be given.
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
            let request = build()?.to_http_at(&self.policy.base, credentials, SystemTime::now())?;
            let outcome = Policy::outcome::<S::Operation>(self.transport.send(request));
            let unknown = matches!(outcome, Outcome::Unknown(_));
            if !self.policy.again(OperationRole::Query, unknown, attempt) {
                return Ok(outcome);
            }
            attempt += 1;
            std::thread::sleep(self.policy.retry_pause);
        }
    }

    /// For tools that work over a registry of specs: see the async
    /// [`Client::send_operation`](super::Client::send_operation).
    pub fn send_operation(&self, op: &OperationInfo, request: &http::Request<Vec<u8>>) -> Outcome {
        let mut attempt = 0;
        loop {
            let outcome = Policy::outcome_of(op, self.exchange(request));
            let unknown = matches!(outcome, Outcome::Unknown(_));
            if !self.policy.again(op.role, unknown, attempt) {
                return outcome;
            }
            attempt += 1;
            std::thread::sleep(self.policy.retry_pause);
        }
    }

    /// Sends one request (its URI made absolute under the base URL), without retry, and
    /// returns the raw answer.
    pub fn exchange(&self, request: &http::Request<Vec<u8>>) -> Answer {
        let request = self
            .policy
            .base
            .apply(request.clone())
            .map_err(|e| Unknown::Transport(e.to_string()))?;
        self.transport.send(request)
    }
}

impl<T> fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("blocking::Client")
            .field("base_url", &self.policy.base)
            .field("timeout", &self.policy.timeout)
            .field("query_retries", &self.policy.query_retries)
            .finish_non_exhaustive()
    }
}

/// One call handed to the runtime's thread: the request, and where its answer goes.
type Job = (http::Request<Vec<u8>>, mpsc::SyncSender<Answer>);

/// An async transport run on a tokio runtime owned by a thread of its own, with the call
/// timeout: a blocking transport that works from any thread, inside a tokio runtime too.
/// Calls from several threads run concurrently. The thread ends when the last clone is
/// dropped.
#[derive(Clone)]
pub struct OwnRuntime<A> {
    jobs: tokio::sync::mpsc::UnboundedSender<Job>,
    transport: std::marker::PhantomData<fn() -> A>,
}

impl<A: AsyncTransport> OwnRuntime<A> {
    /// Starts the runtime's thread.
    pub fn start(transport: A, timeout: Duration) -> Result<Self, ClientError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| ClientError::Setup(describe(&e)))?;
        let (jobs, mut incoming) = tokio::sync::mpsc::unbounded_channel::<Job>();
        let transport = std::sync::Arc::new(transport);
        std::thread::Builder::new()
            .name("payspec-client".into())
            .spawn(move || {
                runtime.block_on(async move {
                    while let Some((request, reply)) = incoming.recv().await {
                        let transport = std::sync::Arc::clone(&transport);
                        tokio::spawn(async move {
                            let answer = match tokio::time::timeout(
                                timeout,
                                transport.send(request),
                            )
                            .await
                            {
                                Ok(answer) => answer,
                                Err(_) => Err(Unknown::Timeout),
                            };
                            let _ = reply.send(answer);
                        });
                    }
                });
            })
            .map_err(|e| ClientError::Setup(describe(&e)))?;
        Ok(OwnRuntime {
            jobs,
            transport: std::marker::PhantomData,
        })
    }
}

impl<A: AsyncTransport> Transport for OwnRuntime<A> {
    fn send(&self, request: http::Request<Vec<u8>>) -> Answer {
        let (reply, answer) = mpsc::sync_channel(1);
        let gone = || Unknown::Transport("the client's runtime thread has stopped".into());
        self.jobs.send((request, reply)).map_err(|_| gone())?;
        answer.recv().map_err(|_| gone())?
    }
}

impl<A> fmt::Debug for OwnRuntime<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OwnRuntime").finish_non_exhaustive()
    }
}

//! How bytes reach the provider: a transport takes the `http::Request` a client built
//! (absolute URI, headers, body) and gives back the `http::Response`, or the reason the
//! call's effect is unknown. Everything else — the base URL, what is retried, how an
//! answer becomes an outcome — is the client's, so a transport of one's own (hyper, a
//! proxy, a recording one for tests) is just this.
//!
//! ```
//! use payspec_runtime::client::{Client, transport::Answer};
//! use payspec_runtime::wire::Unknown;
//!
//! // Any async function from request to answer is a transport: here one that refuses
//! // every call, as a network with no route would.
//! let offline = |request: http::Request<Vec<u8>>| async move {
//!     let answer: Answer = Err(Unknown::Transport(format!("no route to {}", request.uri())));
//!     answer
//! };
//! let client = Client::builder("http://provider.test").build_with(offline)?;
//! # Ok::<(), payspec_runtime::client::ClientError>(())
//! ```

use std::future::Future;

use crate::wire::Unknown;

/// What a transport gives back: the answer as received, or why the call's effect is
/// unknown (a timeout, a failed connection: never a refusal).
pub type Answer = Result<http::Response<Vec<u8>>, Unknown>;

/// Moves one request and its answer, asynchronously. Implemented by [`Reqwest`](super::Reqwest)
/// and by every `Fn(http::Request<Vec<u8>>) -> impl Future<Output = Answer>`.
pub trait AsyncTransport: Send + Sync + 'static {
    /// Sends the request (its URI is absolute) and reads the whole answer.
    fn send(&self, request: http::Request<Vec<u8>>) -> impl Future<Output = Answer> + Send;
}

impl<F, Fut> AsyncTransport for F
where
    F: Fn(http::Request<Vec<u8>>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Answer> + Send,
{
    fn send(&self, request: http::Request<Vec<u8>>) -> impl Future<Output = Answer> + Send {
        self(request)
    }
}

/// Moves one request and its answer, blocking the calling thread. Implemented by
/// [`OwnRuntime`](super::blocking::OwnRuntime) and by every
/// `Fn(http::Request<Vec<u8>>) -> Answer`. A blocking transport applies its own timeout.
pub trait Transport: Send + Sync {
    /// Sends the request (its URI is absolute) and reads the whole answer.
    fn send(&self, request: http::Request<Vec<u8>>) -> Answer;
}

impl<F> Transport for F
where
    F: Fn(http::Request<Vec<u8>>) -> Answer + Send + Sync,
{
    fn send(&self, request: http::Request<Vec<u8>>) -> Answer {
        self(request)
    }
}

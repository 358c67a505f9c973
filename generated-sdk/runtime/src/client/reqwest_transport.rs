//! The default transport: reqwest, async. Plain HTTP with feature `client`; HTTPS with
//! rustls and the platform's roots with `client-tls`. Redirects are not followed (a
//! payout API does not redirect, and following one turns a POST into a GET), and an
//! answer is read to at most [`MAX_BODY_BYTES`](super::MAX_BODY_BYTES).

use std::time::Duration;

use crate::wire::Unknown;

use super::ClientError;
use super::policy::MAX_BODY_BYTES;
use super::transport::{Answer, AsyncTransport};

/// The reqwest transport. Cheap to clone (the connection pool is shared).
#[derive(Debug, Clone)]
pub struct Reqwest {
    http: reqwest::Client,
}

/// What the reqwest transport is built with (see [`super::ClientBuilder`]).
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub timeout: Duration,
    pub connect_timeout: Option<Duration>,
    pub proxy_from_env: bool,
    pub keep_alive: bool,
    #[cfg(feature = "client-tls")]
    pub roots: Vec<reqwest::Certificate>,
}

impl Reqwest {
    pub(crate) fn build(settings: Settings) -> Result<Reqwest, ClientError> {
        let mut http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(settings.timeout);
        if !settings.keep_alive {
            http = http.pool_max_idle_per_host(0);
        }
        if let Some(connect) = settings.connect_timeout {
            http = http.connect_timeout(connect);
        }
        if !settings.proxy_from_env {
            http = http.no_proxy();
        }
        #[cfg(feature = "client-tls")]
        if !settings.roots.is_empty() {
            // Merged with the platform's roots: the platform verifier still checks the
            // chain and the host name.
            http = http.tls_certs_merge(settings.roots);
        }
        let http = http.build().map_err(|e| ClientError::Setup(describe(&e)))?;
        Ok(Reqwest { http })
    }
}

impl AsyncTransport for Reqwest {
    async fn send(&self, request: http::Request<Vec<u8>>) -> Answer {
        let request = reqwest::Request::try_from(request).map_err(|e| {
            Unknown::Transport(format!("the request cannot be sent: {}", describe(&e)))
        })?;
        let mut response = self.http.execute(request).await.map_err(unknown)?;
        let declared = response.content_length().unwrap_or(0);
        if declared > MAX_BODY_BYTES as u64 {
            return Err(Unknown::Transport(format!(
                "the answer declares {declared} bytes, more than {MAX_BODY_BYTES}"
            )));
        }
        let mut answer = http::Response::builder()
            .status(response.status())
            .version(response.version());
        if let Some(headers) = answer.headers_mut() {
            headers.extend(
                response
                    .headers()
                    .iter()
                    .map(|(n, v)| (n.clone(), v.clone())),
            );
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(reading)? {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(Unknown::Transport(format!(
                    "the answer is longer than {MAX_BODY_BYTES} bytes"
                )));
            }
            body.extend_from_slice(&chunk);
        }
        answer
            .body(body)
            .map_err(|e| Unknown::Transport(e.to_string()))
    }
}

/// A failed call: a timeout, or any other transport failure, both unknown outcomes.
fn unknown(e: reqwest::Error) -> Unknown {
    if e.is_timeout() {
        Unknown::Timeout
    } else {
        Unknown::Transport(describe(&e))
    }
}

/// A body that could not be read whole.
fn reading(e: reqwest::Error) -> Unknown {
    if e.is_timeout() {
        Unknown::Timeout
    } else {
        Unknown::Transport(format!("reading the answer failed: {}", describe(&e)))
    }
}

/// An error with its causes, `outer: inner: ...`: reqwest's own text says only "error
/// sending request", the cause says why (a refused connection, a certificate refused).
pub(crate) fn describe(e: &dyn std::error::Error) -> String {
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

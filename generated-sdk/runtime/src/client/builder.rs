//! The settings of a client, async or blocking: the policy (base URL, timeout, query
//! retries) and the default transport's (proxy, keep-alive, roots).

use std::marker::PhantomData;
use std::time::Duration;

use crate::wire::BaseUrl;

use super::Client;
use super::policy::Policy;
use super::reqwest_transport::{Reqwest, Settings};
use super::transport::AsyncTransport;

/// Builds an async [`Client`] (the marker of [`ClientBuilder`]'s default kind).
#[derive(Debug)]
pub enum Async {}

/// Settings of a client; see [`Client::builder`] (and `blocking::Client::builder`).
#[derive(Debug, Clone)]
pub struct ClientBuilder<K = Async> {
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
    kind: PhantomData<fn() -> K>,
}

/// Why a client could not be built (never why a call failed: calls return outcomes).
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The base URL is not an absolute `http://` or `https://` URL with a host and no
    /// credentials or query (any credentials it held are not quoted).
    #[error(
        "the base URL `{0}` is not an absolute http:// or https:// URL with a host, no credentials and no query"
    )]
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

impl<K> ClientBuilder<K> {
    pub(crate) fn new(base_url: String) -> Self {
        ClientBuilder {
            base_url,
            timeout: Duration::from_secs(30),
            connect_timeout: None,
            query_retries: 2,
            retry_pause: Duration::from_millis(500),
            proxy_from_env: true,
            keep_alive: false,
            #[cfg(feature = "client-tls")]
            roots: Vec::new(),
            kind: PhantomData,
        }
    }

    /// The longest wait for a whole call (connect, send, answer). Default 30 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest wait to connect (default: bounded by the call timeout only). Default
    /// transport only.
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
    /// for loopback tests on machines with a proxy configured. Default transport only.
    pub fn no_proxy(mut self) -> Self {
        self.proxy_from_env = false;
        self
    }

    /// Keeps idle connections open for later calls (default: off, a connection per call).
    /// Default transport only.
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
    /// `client-tls`, default transport.
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

    /// The client's rules, with the base URL checked.
    pub(crate) fn policy(&self) -> Result<Policy, ClientError> {
        // The refusal's text shows no credentials the URL held.
        let base = BaseUrl::parse(&self.base_url).map_err(|e| ClientError::BaseUrl(e.0))?;
        Ok(Policy {
            base,
            timeout: self.timeout,
            query_retries: self.query_retries,
            retry_pause: self.retry_pause,
        })
    }

    /// The default transport with these settings, to wrap in a transport of one's own
    /// (one that records or rewrites what goes through) and give to `build_with`.
    pub fn default_transport(&self) -> Result<Reqwest, ClientError> {
        self.reqwest(&self.policy()?)
    }

    /// The default transport, for `policy`'s base URL.
    pub(crate) fn reqwest(&self, policy: &Policy) -> Result<Reqwest, ClientError> {
        if policy.base.is_https() && !cfg!(feature = "client-tls") {
            return Err(ClientError::HttpsNeedsTls(policy.base.as_str().to_string()));
        }
        Reqwest::build(Settings {
            timeout: self.timeout,
            connect_timeout: self.connect_timeout,
            proxy_from_env: self.proxy_from_env,
            keep_alive: self.keep_alive,
            #[cfg(feature = "client-tls")]
            roots: self.roots.clone(),
        })
    }
}

impl ClientBuilder<Async> {
    /// Builds the client on the reqwest transport.
    pub fn build(self) -> Result<Client, ClientError> {
        let policy = self.policy()?;
        let transport = self.reqwest(&policy)?;
        Ok(Client { transport, policy })
    }

    /// Builds the client on a transport of one's own (hyper, a proxy, a recording one
    /// for tests): the same rules, the same outcomes. The default transport's settings
    /// (proxy, keep-alive, roots) do not apply; the call timeout does.
    pub fn build_with<T: AsyncTransport>(self, transport: T) -> Result<Client<T>, ClientError> {
        Ok(Client {
            transport,
            policy: self.policy()?,
        })
    }
}

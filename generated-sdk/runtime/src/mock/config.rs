//! The mock's settings, and which key each spec uses.
//!
//! The mock plays the provider, so it holds the *merchant's* verifying key (the public key,
//! or the shared secret) to check requests, and the *platform's* signing key (the private
//! key, or the shared secret) to sign callbacks. A key is given for a spec id
//! (`teemopay-mx`) or for a provider prefix (`teemopay`: every `teemopay-*` spec); an id
//! wins over a prefix. A spec given no key uses a published example: TeemoPay's example
//! key pair for RSA specs, the gateway's documented secret for shared-secret specs — fine
//! for tests, never for anything real, which is why [`super::Server::example_keys`] says
//! which specs use them.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use crate::SpecInfo;
use crate::signing::{KeyError, KeyKind, Scheme, Schemes, SharedSecret, SigningKey, VerifyingKey};

use super::MockError;

/// TeemoPay's example key pair, from its key guide (public; for examples only).
const EXAMPLE_PRIVATE_KEY: &str =
    include_str!("../../tests/fixtures/signing/teemopay-example-1024.pkcs8.pem");
const EXAMPLE_PUBLIC_KEY: &str =
    include_str!("../../tests/fixtures/signing/teemopay-example-1024.spki.pem");
/// The gateway's secret from its published test vector (public; for examples only).
pub(super) const EXAMPLE_SECRET: &str = "2I9Q4nExEddsH6zo";

/// How the mock runs; see [`super::Server::start`].
#[derive(Debug, Clone)]
pub struct Config {
    pub(super) specs: &'static [&'static SpecInfo],
    pub(super) addr: SocketAddr,
    pub(super) delay: Duration,
    pub(super) callback_timeout: Duration,
    pub(super) allow_non_loopback: bool,
    pub(super) max_in_flight: usize,
    merchant_keys: Vec<(String, Arc<VerifyingKey>)>,
    platform_keys: Vec<(String, Arc<SigningKey>)>,
}

impl Config {
    /// The mock of every spec in `specs` (a crate's `SPECS` registry), on loopback on a free
    /// port, with a 3 s delay fault and the published example keys.
    pub fn new(specs: &'static [&'static SpecInfo]) -> Self {
        Config {
            specs,
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            delay: Duration::from_secs(3),
            callback_timeout: Duration::from_secs(5),
            allow_non_loopback: false,
            max_in_flight: 64,
            merchant_keys: Vec::new(),
            platform_keys: Vec::new(),
        }
    }

    /// The address to listen on (default `127.0.0.1:0`, a free port). Only loopback
    /// addresses are accepted unless [`Config::allow_non_loopback`] says otherwise.
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Lets the mock listen on an address other than loopback.
    pub fn allow_non_loopback(mut self, allow: bool) -> Self {
        self.allow_non_loopback = allow;
        self
    }

    /// How long the `MOCK-DELAY-` fault holds its answer: longer than the client's
    /// timeout (default 3 s).
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// How long the mock waits for the merchant's reply to a callback (default 5 s).
    pub fn callback_timeout(mut self, timeout: Duration) -> Self {
        self.callback_timeout = timeout;
        self
    }

    /// The most requests handled at once (default 64); one more is answered HTTP 503 at
    /// once, without being handled, which the SDK's clients read as unknown
    /// (`Unknown::ServerError(503)`): the caller queries, as after any unknown create.
    pub fn max_in_flight(mut self, max: usize) -> Self {
        self.max_in_flight = max.max(1);
        self
    }

    /// The merchant's verifying key (RSA public key or shared secret) for the specs
    /// `selector` names: a spec id, or a provider prefix such as `teemopay`.
    pub fn merchant_key(mut self, selector: impl Into<String>, key: VerifyingKey) -> Self {
        self.merchant_keys.push((selector.into(), Arc::new(key)));
        self
    }

    /// The platform's signing key (RSA private key or shared secret) for the callbacks of
    /// the specs `selector` names.
    pub fn platform_key(mut self, selector: impl Into<String>, key: SigningKey) -> Self {
        self.platform_keys.push((selector.into(), Arc::new(key)));
        self
    }

    /// Every spec's keys, given or example; an error for a selector naming no spec or a
    /// key of the wrong kind.
    pub(super) fn resolve_keys(&self) -> Result<Keys, MockError> {
        let selectors = self.merchant_keys.iter().map(|(s, _)| s);
        for selector in selectors.chain(self.platform_keys.iter().map(|(s, _)| s)) {
            if !self.specs.iter().any(|s| selects(selector, s.id)) {
                return Err(MockError::Selector(selector.clone()));
            }
        }
        let mut keys = Keys::default();
        for spec in self.specs {
            let Some(scheme) = scheme_of(spec) else {
                // A callback that carries a token: the platform's "key" is that token.
                if spec.callback.is_some_and(|c| c.token_header.is_some()) {
                    let token = match pick(&self.platform_keys, spec.id) {
                        Some(key) => key,
                        None => {
                            keys.examples.push(spec.id);
                            Arc::new(SigningKey::Secret(SharedSecret::new(EXAMPLE_SECRET)?))
                        }
                    };
                    if token.kind() != KeyKind::SharedSecret {
                        return Err(MockError::KeyKind {
                            spec: spec.id,
                            expected: KeyKind::SharedSecret,
                            found: token.kind(),
                        });
                    }
                    keys.platform.push((spec.id, token));
                }
                continue;
            };
            let merchant = match pick(&self.merchant_keys, spec.id) {
                Some(key) => key,
                None => {
                    keys.examples.push(spec.id);
                    Arc::new(example_verifying(scheme)?)
                }
            };
            let platform = match pick(&self.platform_keys, spec.id) {
                Some(key) => key,
                None => match &*merchant {
                    // A shared secret works both ways: the merchant's is the platform's.
                    VerifyingKey::Secret(secret) if !scheme.algorithm.is_rsa() => {
                        Arc::new(SigningKey::Secret(SharedSecret::new(secret.expose())?))
                    }
                    _ => {
                        if !keys.examples.contains(&spec.id) {
                            keys.examples.push(spec.id);
                        }
                        Arc::new(example_signing(scheme)?)
                    }
                },
            };
            let wrong = |expected: KeyKind, found: KeyKind| MockError::KeyKind {
                spec: spec.id,
                expected,
                found,
            };
            let verifying = scheme.algorithm.verifying_key_kind();
            if merchant.kind() != verifying {
                return Err(wrong(verifying, merchant.kind()));
            }
            let signing = scheme.algorithm.signing_key_kind();
            if platform.kind() != signing {
                return Err(wrong(signing, platform.kind()));
            }
            keys.merchant.push((spec.id, merchant));
            keys.platform.push((spec.id, platform));
        }
        Ok(keys)
    }
}

/// The keys of every signed spec.
#[derive(Debug, Default)]
pub(super) struct Keys {
    merchant: Vec<(&'static str, Arc<VerifyingKey>)>,
    platform: Vec<(&'static str, Arc<SigningKey>)>,
    /// The specs that use a published example key.
    pub examples: Vec<&'static str>,
}

impl Keys {
    /// The key that verifies the merchant's requests to `spec`.
    pub fn merchant(&self, spec: &str) -> Option<&VerifyingKey> {
        self.merchant
            .iter()
            .find(|(id, _)| *id == spec)
            .map(|(_, k)| &**k)
    }

    /// The key that signs the callbacks of `spec`.
    pub fn platform(&self, spec: &str) -> Option<&SigningKey> {
        self.platform
            .iter()
            .find(|(id, _)| *id == spec)
            .map(|(_, k)| &**k)
    }
}

/// Whether `selector` names the spec: its id, or a provider prefix before a `-`.
fn selects(selector: &str, spec_id: &str) -> bool {
    spec_id == selector
        || spec_id
            .strip_prefix(selector)
            .is_some_and(|rest| rest.starts_with('-'))
}

/// The key given for a spec: by id if any, else by prefix; the last given wins.
fn pick<K>(given: &[(String, Arc<K>)], spec_id: &str) -> Option<Arc<K>> {
    let by = |exact: bool| {
        given
            .iter()
            .rev()
            .find(|(s, _)| {
                if exact {
                    s == spec_id
                } else {
                    selects(s, spec_id)
                }
            })
            .map(|(_, k)| Arc::clone(k))
    };
    by(true).or_else(|| by(false))
}

/// The scheme that decides a spec's key kind (a selector's schemes share one).
pub(super) fn scheme_of(spec: &SpecInfo) -> Option<&'static Scheme> {
    match &spec.signing?.schemes {
        Schemes::Fixed(scheme) => Some(scheme),
        Schemes::Selected(selector) => Some(&selector.default),
    }
}

fn example_verifying(scheme: &Scheme) -> Result<VerifyingKey, KeyError> {
    if scheme.algorithm.is_rsa() {
        VerifyingKey::from_text(EXAMPLE_PUBLIC_KEY)
    } else {
        SharedSecret::new(EXAMPLE_SECRET).map(VerifyingKey::Secret)
    }
}

fn example_signing(scheme: &Scheme) -> Result<SigningKey, KeyError> {
    if scheme.algorithm.is_rsa() {
        SigningKey::from_text(EXAMPLE_PRIVATE_KEY)
    } else {
        SharedSecret::new(EXAMPLE_SECRET).map(SigningKey::Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_name_ids_and_provider_prefixes() {
        assert!(selects("teemopay", "teemopay-mx"));
        assert!(selects("teemopay-mx", "teemopay-mx"));
        assert!(!selects("teemo", "teemopay-mx"));
        assert!(!selects("gateway", "teemopay-mx"));
    }
}

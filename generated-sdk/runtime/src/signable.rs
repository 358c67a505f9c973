//! Signing a validated request with the key kind its spec's scheme takes.

use std::time::SystemTime;

use crate::signing::{
    Fields, MerchantPrivateKey, MessageInput, Pair, Scheme, SharedSecret, SignError, Signing,
    SigningKeyRef,
};
use crate::wire::BodyFormat;
use crate::wire::{CredentialSource, HeaderPlan, HeaderSource, header_value, resolve_path};
use crate::{Operation, Signed, Valid};

/// A key that signs: the merchant's RSA private key or the shared secret. A spec's
/// [`Signable::Key`] names one of them, so a key of the wrong kind does not compile.
pub trait SigningKeyOf {
    /// The key, as the signing runtime takes it.
    fn signing_ref(&self) -> SigningKeyRef<'_>;

    /// The key of this kind in a key of any kind (read from a file), if it is one.
    fn from_ref(key: SigningKeyRef<'_>) -> Option<&Self>;
}

impl SigningKeyOf for MerchantPrivateKey {
    fn signing_ref(&self) -> SigningKeyRef<'_> {
        SigningKeyRef::Rsa(self)
    }

    fn from_ref(key: SigningKeyRef<'_>) -> Option<&Self> {
        match key {
            SigningKeyRef::Rsa(key) => Some(key),
            SigningKeyRef::Secret(_) => None,
        }
    }
}

impl SigningKeyOf for SharedSecret {
    fn signing_ref(&self) -> SigningKeyRef<'_> {
        SigningKeyRef::Secret(self)
    }

    fn from_ref(key: SigningKeyRef<'_>) -> Option<&Self> {
        match key {
            SigningKeyRef::Secret(key) => Some(key),
            SigningKeyRef::Rsa(_) => None,
        }
    }
}

/// A request whose spec signs it. Generated code states the facts; signing is provided
/// on [`Valid`] for every `Signable` type.
pub trait Signable: Operation {
    /// The key the spec's scheme signs with.
    type Key: SigningKeyOf;
    /// The spec's signing section.
    const SIGNING: &'static Signing;
    /// The request headers the message reads, and where each value comes from: drawn
    /// once, at signing, and sent as signed.
    const SIGNED_HEADERS: &'static [HeaderPlan];

    /// The fields whose text the body writes bare, as a JSON number or boolean: how a
    /// message that writes the fields as a JSON object tells `100` from `"100"`. Empty
    /// unless a scheme of the spec does.
    #[doc(hidden)]
    const BARE_JSON_FIELDS: &'static [&'static str] = &[];

    /// Calls `f` with the body's `(wire name, text)` pairs in byte order of name, as the
    /// string to sign takes them; absent optional fields are `None`.
    #[doc(hidden)]
    fn with_signing_pairs<R>(&self, f: impl FnOnce(&[Pair<'_>]) -> R) -> R;

    /// The value of the field that chooses the scheme, if the spec has one.
    #[doc(hidden)]
    fn selector(&self) -> Option<&str> {
        None
    }
}

/// What signing takes from outside the request: each value is drawn when not given (a
/// nonce or request id fresh from the operating system's CSPRNG, the time now).
/// Giving them reproduces a published example or a replayed request.
#[derive(Clone, Copy, Default)]
pub struct SignWith<'a> {
    /// The nonce (it must have the spec's length).
    pub nonce: Option<&'a str>,
    /// The request id.
    pub request_id: Option<&'a str>,
    /// The time the signed timestamp headers show.
    pub now: Option<SystemTime>,
    /// The credentials, for a message that reads a credential header (a client id).
    pub credentials: Option<&'a dyn CredentialSource>,
}

impl std::fmt::Debug for SignWith<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignWith")
            .field("nonce", &self.nonce)
            .field("request_id", &self.request_id)
            .field("now", &self.now)
            .field("credentials", &self.credentials.map(|_| "<given>"))
            .finish()
    }
}

impl<T: Signable> Valid<T> {
    /// Signs the request with the spec's scheme. The signed header values are drawn
    /// fresh ([`Signed::signed_headers`] gives them back): providers refuse a nonce or
    /// request id seen before.
    pub fn sign(self, key: &T::Key) -> Result<Signed<T>, SignError> {
        self.sign_with(key, SignWith::default())
    }

    /// Signs with a nonce given by the caller (a published test vector, a replayed
    /// request): it must have the spec's length. A spec that signs no nonce refuses one.
    pub fn sign_with_nonce(self, key: &T::Key, nonce: &str) -> Result<Signed<T>, SignError> {
        self.sign_with(
            key,
            SignWith {
                nonce: Some(nonce),
                ..SignWith::default()
            },
        )
    }

    /// Signs with the values given, drawing the others.
    pub fn sign_with(self, key: &T::Key, with: SignWith<'_>) -> Result<Signed<T>, SignError> {
        let plan = Plan::of::<T>();
        let headers = signed_headers(plan.signed_headers, &with)?;
        let body = body::<T>(&self)?;
        let signature = self.signature_over(key.signing_ref(), &plan, &headers, Some(&body))?;
        let body = plan.with_signature(body, &signature)?;
        Ok(Signed::new(self, signature, headers, body))
    }

    /// The exact message [`Self::sign_with_nonce`] signs, any secret redacted: for
    /// debugging a signature the provider refuses.
    pub fn string_to_sign(&self, nonce: Option<&str>) -> Result<String, SignError> {
        let plan = Plan::of::<T>();
        let with = SignWith {
            nonce,
            ..SignWith::default()
        };
        let headers = signed_headers(plan.signed_headers, &with)?;
        // Secret fields (a PIN) are shown as `<secret>`, in the pairs and in the body.
        let redacted = self.redacted();
        let shown: &T = redacted.as_ref().unwrap_or(self);
        let body = body_if_read(&plan, shown)?;
        let scheme = plan.signing.scheme_for(shown.selector())?;
        let extras = extras(&headers);
        let path = resolve_path(plan.path, &shown.path_values());
        shown.with_signing_pairs(|pairs| {
            plan.explain(scheme, pairs, &extras, body.as_deref(), &path)
        })
    }

    /// The signature alone, as [`Self::sign_with_nonce`] would set it: for callers that
    /// build the body themselves.
    pub fn signature(&self, key: &T::Key, nonce: Option<&str>) -> Result<String, SignError> {
        let plan = Plan::of::<T>();
        let with = SignWith {
            nonce,
            ..SignWith::default()
        };
        let headers = signed_headers(plan.signed_headers, &with)?;
        let body = body_if_read(&plan, &**self)?;
        self.signature_over(key.signing_ref(), &plan, &headers, body.as_deref())
    }

    fn signature_over(
        &self,
        key: SigningKeyRef<'_>,
        plan: &Plan,
        headers: &[(&'static str, String)],
        body: Option<&[u8]>,
    ) -> Result<String, SignError> {
        plan.signing.check()?;
        let scheme = plan.signing.scheme_for(self.selector())?;
        let extras = extras(headers);
        let path = resolve_path(plan.path, &self.path_values());
        self.with_signing_pairs(|pairs| plan.sign(scheme, pairs, &extras, body, &path, key))
    }
}

/// What signing reads of a request type, as data: the signing code below is compiled
/// once for every type instead of once per type (only the request's own pairs, body
/// and path values come from `T`).
struct Plan {
    signing: &'static Signing,
    signed_headers: &'static [HeaderPlan],
    method: &'static str,
    path: &'static str,
    bare: &'static [&'static str],
    format: BodyFormat,
}

impl Plan {
    fn of<T: Signable>() -> Plan {
        Plan {
            signing: T::SIGNING,
            signed_headers: T::SIGNED_HEADERS,
            method: T::METHOD,
            path: T::PATH,
            bare: T::BARE_JSON_FIELDS,
            format: T::body_format(),
        }
    }

    fn input<'a>(
        &self,
        pairs: &'a [Pair<'a>],
        extras: &'a [(&'a str, &'a str)],
        body: Option<&'a [u8]>,
        path: &'a str,
    ) -> MessageInput<'a> {
        MessageInput {
            fields: Fields::SortedPairs {
                pairs,
                bare: self.bare,
            },
            body,
            headers: extras,
            method: Some(self.method),
            path: Some(path),
        }
    }

    fn sign(
        &self,
        scheme: &Scheme,
        pairs: &[Pair<'_>],
        extras: &[(&str, &str)],
        body: Option<&[u8]>,
        path: &str,
        key: SigningKeyRef<'_>,
    ) -> Result<String, SignError> {
        scheme.sign_message(&self.input(pairs, extras, body, path), key)
    }

    fn explain(
        &self,
        scheme: &Scheme,
        pairs: &[Pair<'_>],
        extras: &[(&str, &str)],
        body: Option<&[u8]>,
        path: &str,
    ) -> Result<String, SignError> {
        Ok(scheme.explain(&self.input(pairs, extras, body, path))?)
    }

    /// The body with the signature as its last member when it travels in a body field,
    /// so the page's field order is kept.
    fn with_signature(&self, body: Vec<u8>, signature: &str) -> Result<Vec<u8>, SignError> {
        match self.signing.signature_field() {
            Some(field) if self.method != "GET" => self
                .format
                .append(body, field, signature)
                .map_err(|e| SignError::Body(e.to_string())),
            _ => Ok(body),
        }
    }
}

fn extras<'h>(headers: &'h [(&'static str, String)]) -> Vec<(&'h str, &'h str)> {
    headers.iter().map(|(n, v)| (*n, v.as_str())).collect()
}

/// The body as sent, before a signature member is added (empty for `GET`).
fn body<T: Operation>(request: &T) -> Result<Vec<u8>, SignError> {
    if T::METHOD == "GET" {
        return Ok(Vec::new());
    }
    T::body_format()
        .write(request)
        .map_err(|e| SignError::Body(e.to_string()))
}

/// The body, only when a scheme's message reads its bytes (writing it costs time).
fn body_if_read<T: Operation>(plan: &Plan, request: &T) -> Result<Option<Vec<u8>>, SignError> {
    if plan.signing.schemes().any(|s| s.message.reads_body()) {
        body::<T>(request).map(Some)
    } else {
        Ok(None)
    }
}

/// The signed header values: given, or drawn.
fn signed_headers(
    plans: &'static [HeaderPlan],
    with: &SignWith<'_>,
) -> Result<Vec<(&'static str, String)>, SignError> {
    let mut nonce_used = false;
    let mut values = Vec::with_capacity(plans.len());
    for plan in plans {
        let value = match plan.source {
            HeaderSource::Nonce(len) => {
                nonce_used = true;
                match with.nonce {
                    Some(nonce) => {
                        crate::nonce::check(nonce, len)?;
                        nonce.to_owned()
                    }
                    None => crate::nonce::nonce(len),
                }
            }
            HeaderSource::RequestId => with
                .request_id
                .map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned),
            source if source.is_credential() => {
                let credentials = with
                    .credentials
                    .ok_or(SignError::CredentialsRequired { header: plan.name })?;
                header_value(plan, credentials, SystemTime::UNIX_EPOCH)
                    .map_err(|_| SignError::CredentialsRequired { header: plan.name })?
            }
            _ => header_value(
                plan,
                &NoCredentials,
                with.now.unwrap_or_else(SystemTime::now),
            )
            .map_err(|_| SignError::CredentialsRequired { header: plan.name })?,
        };
        values.push((plan.name, value));
    }
    if with.nonce.is_some() && !nonce_used {
        return Err(SignError::NoNonce);
    }
    Ok(values)
}

struct NoCredentials;

impl CredentialSource for NoCredentials {}

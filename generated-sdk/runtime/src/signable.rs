//! Signing a validated request with the key kind its spec's scheme takes.

use std::time::SystemTime;

use crate::signer;
use crate::signing::{MerchantPrivateKey, Pair, SharedSecret, SignError, Signing, SigningKeyRef};
use crate::wire::{CredentialSource, HeaderPlan};
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
        let signed = signer::sign(&*self, key.signing_ref(), &with)?;
        Ok(Signed::new(
            self,
            signed.signature,
            signed.headers,
            signed.body,
        ))
    }

    /// The exact message [`Self::sign_with_nonce`] signs, any secret redacted: for
    /// debugging a signature the provider refuses.
    pub fn string_to_sign(&self, nonce: Option<&str>) -> Result<String, SignError> {
        // Secret fields (a PIN) are shown as `<secret>`, in the pairs and in the body.
        let redacted = self.redacted();
        let shown: &T = redacted.as_ref().unwrap_or(self);
        signer::explain(shown, nonce)
    }

    /// The signature alone, as [`Self::sign_with_nonce`] would set it: for callers that
    /// build the body themselves. A message that signs a nonce needs it given; one that
    /// signs a time or a request id is refused ([`SignError::HeaderNotGiven`]): those
    /// values would be drawn and lost, so sign the request instead.
    pub fn signature(&self, key: &T::Key, nonce: Option<&str>) -> Result<String, SignError> {
        signer::signature(&**self, key.signing_ref(), nonce)
    }
}

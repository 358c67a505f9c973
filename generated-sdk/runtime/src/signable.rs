//! Signing a validated request with the key kind its spec's scheme takes.

use crate::nonce;
use crate::signing::{MerchantPrivateKey, Pair, SharedSecret, SignError, Signing, SigningKeyRef};
use crate::{Request, Signed, Valid};

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
pub trait Signable: Request {
    /// The key the spec's scheme signs with.
    type Key: SigningKeyOf;
    /// The spec's signing section.
    const SIGNING: &'static Signing;
    /// The request header whose value the signed string ends with, and its length
    /// (`("nonce", 32)`), if the scheme signs one.
    const NONCE: Option<(&'static str, usize)>;

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

impl<T: Signable> Valid<T> {
    /// Signs the request with the spec's scheme. A signed nonce header is drawn fresh
    /// from the operating system's CSPRNG ([`Signed::nonce`] gives it back): providers
    /// refuse a nonce seen before.
    pub fn sign(self, key: &T::Key) -> Result<Signed<T>, SignError> {
        let drawn = T::NONCE.map(|(_, len)| nonce::nonce(len));
        self.signed(key, drawn)
    }

    /// Signs with a nonce given by the caller (a published test vector, a replayed
    /// request): it must have the spec's length. A spec that signs no nonce refuses one.
    pub fn sign_with_nonce(self, key: &T::Key, nonce: &str) -> Result<Signed<T>, SignError> {
        self.signed(key, Some(nonce.to_owned()))
    }

    /// The exact string [`Self::sign_with_nonce`] signs, any secret redacted: for
    /// debugging a signature the provider refuses.
    pub fn string_to_sign(&self, nonce: Option<&str>) -> Result<String, SignError> {
        let extras = extras::<T>(nonce)?;
        let scheme = T::SIGNING.scheme_for(self.selector())?;
        Ok(self.with_signing_pairs(|pairs| scheme.string_to_sign_redacted(pairs, &extras))?)
    }

    /// The signature alone, as [`Self::sign_with_nonce`] would set it: for callers that
    /// build the body themselves.
    pub fn signature(&self, key: &T::Key, nonce: Option<&str>) -> Result<String, SignError> {
        let extras = extras::<T>(nonce)?;
        let scheme = T::SIGNING.scheme_for(self.selector())?;
        self.with_signing_pairs(|pairs| scheme.sign_sorted(pairs, &extras, key.signing_ref()))
    }

    fn signed(self, key: &T::Key, nonce: Option<String>) -> Result<Signed<T>, SignError> {
        let signature = self.signature(key, nonce.as_deref())?;
        let headers = match (T::NONCE, nonce) {
            (Some((name, _)), Some(value)) => vec![(name, value)],
            _ => Vec::new(),
        };
        Ok(Signed::new(
            self,
            T::SIGNING.signature_field,
            signature,
            headers,
        ))
    }
}

/// The appended values of `T`'s scheme: the nonce, checked against the spec.
fn extras<T: Signable>(nonce: Option<&str>) -> Result<Vec<(&'static str, &str)>, SignError> {
    match (T::NONCE, nonce) {
        (Some((name, len)), Some(value)) => {
            nonce::check(value, len)?;
            Ok(vec![(name, value)])
        }
        (Some((name, _)), None) => Err(SignError::NonceRequired { header: name }),
        (None, Some(_)) => Err(SignError::NoNonce),
        (None, None) => Ok(Vec::new()),
    }
}

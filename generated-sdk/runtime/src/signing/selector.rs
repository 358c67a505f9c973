//! Choosing a scheme from a body field (the gateway's `sign_type`), and the whole signing
//! section of a spec: the schemes plus the field that carries the signature.

use serde_json::{Map, Value};

use crate::json::{JsonError, read_object};

use super::Scheme;
use super::canonical::Extra;
use super::error::{SchemeError, SelectError, SignError, VerifyError};
use super::keyfile::{SigningKeyRef, VerifyingKeyRef};

/// Chooses a scheme by the text of one body field. Const-constructible.
///
/// An absent field, a JSON `null` or empty text choose `default` (the gateway: no
/// `sign_type` means MD5); other text must equal one of `by_value` exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Selector {
    /// The body field that chooses (`sign_type`).
    pub field: &'static str,
    /// The scheme when the field is absent, null or empty.
    pub default: Scheme,
    /// The scheme for each value of the field (`("HMAC-SHA256", …)`).
    pub by_value: &'static [(&'static str, Scheme)],
}

/// The longest selector value repeated in an error.
const MAX_ECHOED_CHARS: usize = 64;

impl Selector {
    /// The scheme for a value of the selector field (`None`: the field is absent).
    pub fn select(&self, value: Option<&str>) -> Result<&Scheme, SelectError> {
        match value {
            None | Some("") => Ok(&self.default),
            Some(value) => self
                .by_value
                .iter()
                .find(|(name, _)| *name == value)
                .map(|(_, scheme)| scheme)
                .ok_or_else(|| SelectError::UnknownValue {
                    field: self.field,
                    value: value.chars().take(MAX_ECHOED_CHARS).collect(),
                }),
        }
    }

    /// The scheme a received (or to-be-sent) body chooses.
    pub fn select_for_body(&self, body: &Map<String, Value>) -> Result<&Scheme, SelectError> {
        match body.get(self.field) {
            None | Some(Value::Null) => self.select(None),
            Some(Value::String(value)) => self.select(Some(value)),
            Some(_) => Err(SelectError::NotText { field: self.field }),
        }
    }

    /// Every scheme it can choose, the default first.
    pub fn schemes(&self) -> impl Iterator<Item = &Scheme> {
        std::iter::once(&self.default).chain(self.by_value.iter().map(|(_, scheme)| scheme))
    }
}

/// One scheme, or a choice of schemes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Schemes {
    /// Always the same scheme (TeemoPay).
    Fixed(Scheme),
    /// Chosen by a body field (the gateway).
    Selected(Selector),
}

/// A spec's whole signing section: the schemes and the body field carrying the signature.
/// Const-constructible: generated code declares `pub static SIGNING: Signing = …;`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Signing {
    /// The body field that carries the signature (`sign`).
    pub signature_field: &'static str,
    /// The scheme or schemes.
    pub schemes: Schemes,
}

impl Signing {
    /// Checks every scheme, and that each excludes the signature field.
    pub fn check(&self) -> Result<(), SchemeError> {
        let field = self.signature_field;
        let mut schemes: Box<dyn Iterator<Item = &Scheme>> = match &self.schemes {
            Schemes::Fixed(scheme) => Box::new(std::iter::once(scheme)),
            Schemes::Selected(selector) => Box::new(selector.schemes()),
        };
        schemes.try_for_each(|scheme| {
            scheme.check()?;
            if scheme.canonical.excludes(field) {
                Ok(())
            } else {
                Err(SchemeError::SignatureFieldNotExcluded { field })
            }
        })
    }

    /// The scheme for a request whose choosing field has this value (`None` when the
    /// field is absent); with a single scheme, that scheme.
    pub fn scheme_for(&self, selector_value: Option<&str>) -> Result<&Scheme, SelectError> {
        match &self.schemes {
            Schemes::Fixed(scheme) => Ok(scheme),
            Schemes::Selected(selector) => selector.select(selector_value),
        }
    }

    /// Verifies a received JSON body (bytes as they arrived).
    pub fn verify_json<'k>(
        &self,
        body: &[u8],
        extras: &[Extra<'_>],
        key: impl Into<VerifyingKeyRef<'k>>,
    ) -> Result<(), VerifyError> {
        match read_object(body) {
            Ok(map) => self.verify_body(&map, extras, key),
            Err(JsonError::DuplicateKeys(keys)) => Err(VerifyError::DuplicateKeys(keys)),
            Err(_) => Err(VerifyError::NotJsonObject),
        }
    }

    /// The scheme that applies to a body.
    pub fn scheme_for_body(&self, body: &Map<String, Value>) -> Result<&Scheme, SelectError> {
        match &self.schemes {
            Schemes::Fixed(scheme) => Ok(scheme),
            Schemes::Selected(selector) => selector.select_for_body(body),
        }
    }

    /// Signs a JSON body over all its fields and puts the signature into the signature
    /// field (replacing any value there).
    pub fn sign_body<'k>(
        &self,
        body: &mut Map<String, Value>,
        extras: &[Extra<'_>],
        key: impl Into<SigningKeyRef<'k>>,
    ) -> Result<(), SignError> {
        self.check()?;
        let signature = self.scheme_for_body(body)?.sign_body(body, extras, key)?;
        body.insert(self.signature_field.to_owned(), Value::String(signature));
        Ok(())
    }

    /// Verifies a received body: reads its signature field, chooses the scheme, refuses a
    /// body whose signed string could be read with other field boundaries, and checks the
    /// signature over every other field that arrived.
    pub fn verify_body<'k>(
        &self,
        body: &Map<String, Value>,
        extras: &[Extra<'_>],
        key: impl Into<VerifyingKeyRef<'k>>,
    ) -> Result<(), VerifyError> {
        self.check()?;
        let field = self.signature_field;
        let signature = match body.get(field) {
            None => return Err(VerifyError::MissingSignature { field }),
            Some(Value::String(signature)) => signature,
            Some(_) => return Err(VerifyError::SignatureNotText { field }),
        };
        let scheme = self.scheme_for_body(body)?;
        scheme.canonical.check_boundaries(body)?;
        scheme.verify(body, extras, key, signature)
    }

    /// The body's string to sign with any secret redacted, for `--explain`.
    pub fn explain_body(
        &self,
        body: &Map<String, Value>,
        extras: &[Extra<'_>],
    ) -> Result<String, SignError> {
        let scheme = self.scheme_for_body(body)?;
        Ok(scheme.string_to_sign_redacted_body(body, extras)?)
    }
}

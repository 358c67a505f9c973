//! Choosing a scheme from a body field (the gateway's `sign_type`), and the whole signing
//! section of a spec: the schemes plus the field that carries the signature.

use serde_json::{Map, Value};

use crate::json::{JsonError, read_object};

use super::Scheme;
use super::canonical::Extra;
use super::error::{SchemeError, SelectError, SignError, VerifyError};
use super::keyfile::{SigningKeyRef, VerifyingKeyRef};
use super::message::{Fields, MessageInput};

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

/// Where the signature travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Placement {
    /// In a body field (`sign`), which the message must leave out.
    Field(&'static str),
    /// In a header, after a fixed prefix (`Signature: HMACSHA256=<signature>`).
    Header {
        /// The header's name.
        name: &'static str,
        /// Written before the signature (often empty).
        prefix: &'static str,
    },
}

/// A spec's whole signing section: the schemes and where the signature goes.
/// Const-constructible: generated code declares `pub static SIGNING: Signing = …;`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Signing {
    /// Where the signature goes.
    pub signature: Placement,
    /// The scheme or schemes.
    pub schemes: Schemes,
}

impl Signing {
    /// The body field that carries the signature, if it travels in the body.
    pub fn signature_field(&self) -> Option<&'static str> {
        match self.signature {
            Placement::Field(field) => Some(field),
            Placement::Header { .. } => None,
        }
    }

    /// Every scheme, the default first.
    pub fn schemes(&self) -> impl Iterator<Item = &Scheme> {
        let (fixed, selector) = match &self.schemes {
            Schemes::Fixed(scheme) => (Some(scheme), None),
            Schemes::Selected(selector) => (None, Some(selector)),
        };
        fixed
            .into_iter()
            .chain(selector.into_iter().flat_map(Selector::schemes))
    }

    /// Whether a scheme's message reads the body's bytes (then signing writes the body
    /// first).
    pub fn reads_body(&self) -> bool {
        match &self.schemes {
            Schemes::Fixed(scheme) => scheme.message.reads_body(),
            Schemes::Selected(selector) => selector.schemes().any(|s| s.message.reads_body()),
        }
    }

    /// Checks every scheme; a signature in a body field must be left out of the message
    /// (its fields exclude it, and the body's bytes are not signed).
    pub fn check(&self) -> Result<(), SchemeError> {
        self.schemes()
            .try_for_each(|scheme| self.check_scheme(scheme))
    }

    /// Checks one of the schemes, as [`Self::check`] checks each (what signing checks:
    /// only the scheme it uses).
    pub fn check_scheme(&self, scheme: &Scheme) -> Result<(), SchemeError> {
        scheme.check()?;
        let Placement::Field(field) = self.signature else {
            return Ok(());
        };
        let excluded = scheme.canonical().is_none_or(|c| c.excludes(field));
        if excluded && !scheme.message.reads_body() {
            Ok(())
        } else {
            Err(SchemeError::SignatureFieldNotExcluded { field })
        }
    }

    /// The scheme for a request whose choosing field has this value (`None` when the
    /// field is absent); with a single scheme, that scheme.
    pub fn scheme_for(&self, selector_value: Option<&str>) -> Result<&Scheme, SelectError> {
        match &self.schemes {
            Schemes::Fixed(scheme) => Ok(scheme),
            Schemes::Selected(selector) => selector.select(selector_value),
        }
    }

    /// Verifies a received JSON body (bytes as they arrived) whose signature is in a
    /// body field.
    pub fn verify_json<'k>(
        &self,
        body: &[u8],
        extras: &[Extra<'_>],
        key: impl Into<VerifyingKeyRef<'k>>,
    ) -> Result<(), VerifyError> {
        match read_object(body) {
            Ok(map) => self.verify_received(
                &map,
                &MessageInput {
                    body: Some(body),
                    ..MessageInput::fields(Fields::Body(&map), extras)
                },
                None,
                key,
            ),
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

    /// Signs a JSON body over all its fields; a signature that travels in a body field is
    /// put there (replacing any value). Returns the signature.
    pub fn sign_body<'k>(
        &self,
        body: &mut Map<String, Value>,
        extras: &[Extra<'_>],
        key: impl Into<SigningKeyRef<'k>>,
    ) -> Result<String, SignError> {
        self.check()?;
        let signature = self.scheme_for_body(body)?.sign_body(body, extras, key)?;
        if let Placement::Field(field) = self.signature {
            body.insert(field.to_owned(), Value::String(signature.clone()));
        }
        Ok(signature)
    }

    /// Verifies a received body whose signature is in a body field; see
    /// [`Signing::verify_received`].
    pub fn verify_body<'k>(
        &self,
        body: &Map<String, Value>,
        extras: &[Extra<'_>],
        key: impl Into<VerifyingKeyRef<'k>>,
    ) -> Result<(), VerifyError> {
        self.verify_received(
            body,
            &MessageInput::fields(Fields::Body(body), extras),
            None,
            key,
        )
    }

    /// Verifies what was received: reads the signature (from its body field, or from
    /// `signature_header`, the value of its header), chooses the scheme, refuses a body
    /// whose signed pairs could be read with other field boundaries, and checks the
    /// signature over the message `input` gives (every field that arrived, the bytes,
    /// the headers), in constant time.
    pub fn verify_received<'k>(
        &self,
        body: &Map<String, Value>,
        input: &MessageInput<'_>,
        signature_header: Option<&str>,
        key: impl Into<VerifyingKeyRef<'k>>,
    ) -> Result<(), VerifyError> {
        self.check()?;
        let signature = match self.signature {
            Placement::Field(field) => match body.get(field) {
                None => return Err(VerifyError::MissingSignature { field }),
                Some(Value::String(signature)) => signature.as_str(),
                Some(_) => return Err(VerifyError::SignatureNotText { field }),
            },
            Placement::Header { name, prefix } => signature_header
                .ok_or(VerifyError::MissingSignatureHeader { header: name })?
                .strip_prefix(prefix)
                .ok_or(VerifyError::SignaturePrefix {
                    header: name,
                    prefix,
                })?,
        };
        let scheme = self.scheme_for_body(body)?;
        if let Some(canonical) = scheme.canonical() {
            canonical.check_boundaries(body)?;
        }
        scheme.verify_message(input, key, signature)
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

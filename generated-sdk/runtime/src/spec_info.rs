//! What the generated code says about itself, for tools that work over every spec.

use super::operation::{Operation, Reading, Role, read_checked, reads_as};
use super::signable::{SignWith, Signable, SigningKeyOf};
use super::signer::{self, Source};
use super::signing::{Extra, Placement, SignError, Signing, SigningKeyRef};
use super::wire::{
    AnswerShape, AsMembers, CallbackPlan, Envelope, HeaderPlan, Outcome, ReadError, Record,
    StatusTable, WireMembers,
};
use super::{Request, Valid, Violations};

/// Which role an operation plays in a payout's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationRole {
    /// Creates a payout: never retried automatically, since a retry can pay twice.
    Create,
    /// Reads a payout: safe to retry.
    Query,
}

/// Every spec a crate generated, and the source generated for each: what tools work over
/// (the command line, the mock). The generated index defines one, `REGISTRY`.
#[derive(Debug, Clone, Copy)]
pub struct Registry {
    /// The specs, in id order.
    pub specs: &'static [&'static SpecInfo],
    /// The generated source of each spec's module, by module name.
    pub sources: &'static [(&'static str, &'static str)],
}

/// A spec the SDK was generated from.
#[derive(Debug)]
pub struct SpecInfo {
    /// `teemopay-mx`
    pub id: &'static str,
    /// `TeemoPay`
    pub provider: &'static str,
    /// `MX`
    pub country: &'static str,
    /// `MXN`
    pub currency: &'static str,
    /// The page's title.
    pub title: &'static str,
    /// The spec file (`specs/teemopay/mx.yaml`).
    pub file: &'static str,
    /// How its bodies are signed, if they are.
    pub signing: Option<&'static Signing>,
    /// How the provider answers.
    pub envelope: Option<&'static Envelope>,
    /// Its payout status codes.
    pub statuses: Option<&'static StatusTable>,
    /// Its callback.
    pub callback: Option<&'static CallbackPlan>,
    /// The request headers whose values the signature covers (`nonce`), in order.
    pub signed_headers: &'static [&'static str],
    /// The length of the nonce header, if the spec has one.
    pub nonce_length: Option<usize>,
    /// Its operations.
    pub operations: &'static [OperationInfo],
}

/// An operation of a spec, with entry points that work on JSON. Only decoding, redacting
/// and typing answers depend on the operation's types: each entry point's own work is
/// compiled once, not once per operation.
#[derive(Debug)]
pub struct OperationInfo {
    /// `create_payout`
    pub name: &'static str,
    /// `POST`
    pub method: &'static str,
    /// `/api/pay/payout/create/v1`
    pub path: &'static str,
    /// The request's content type.
    pub content_type: Option<&'static str>,
    /// Creates or reads a payout.
    pub role: OperationRole,
    /// The request headers and their sources.
    pub headers: &'static [HeaderPlan],
    /// What the accepted answer carries.
    pub answer: Option<&'static AnswerShape>,
    /// The fields that travel in the query string.
    pub query_fields: &'static [&'static str],
    /// The fields that travel as headers.
    pub header_fields: &'static [&'static str],
    /// Decodes and validates a request body (no allocation beyond decoding's own).
    pub(crate) validate: fn(&[u8]) -> Result<(), Violations>,
    /// Decodes and validates a request body into the request, its type erased.
    pub(crate) decode: Decode,
    /// How its answers are read.
    pub(crate) reading: Option<Reading>,
    /// Whether a payout of an accepted answer reads as its typed answer.
    pub(crate) reads: fn(&Record) -> Result<(), ReadError>,
    /// Whether its spec signs it.
    pub(crate) signed: bool,
}

impl OperationInfo {
    /// The entry of a signed operation `T` named `name` (`query_fields`: the fields that
    /// travel in the query string).
    pub const fn signed<T: Operation + Signable + 'static>(
        name: &'static str,
        query_fields: &'static [&'static str],
    ) -> OperationInfo {
        OperationInfo {
            decode: decode::<T, SignedRequest<T>>,
            signed: true,
            ..Self::unsigned::<T>(name, query_fields)
        }
    }

    /// The entry of an operation `T` whose spec does not sign it.
    pub const fn unsigned<T: Operation + 'static>(
        name: &'static str,
        query_fields: &'static [&'static str],
    ) -> OperationInfo {
        OperationInfo {
            name,
            method: T::METHOD,
            path: T::PATH,
            content_type: T::CONTENT_TYPE,
            role: <T::Role as Role>::ROLE,
            headers: T::HEADERS,
            answer: match &T::READING {
                Some(reading) => Some(reading.shape),
                None => None,
            },
            query_fields,
            header_fields: T::HEADER_FIELDS,
            validate: validate::<T>,
            decode: decode::<T, UnsignedRequest<T>>,
            reading: T::READING,
            reads: reads_as::<T::Answer>,
            signed: false,
        }
    }

    /// Decodes and validates a request body; the same checks as the typed API.
    pub fn validate_json(&self, json: &[u8]) -> Result<(), Violations> {
        (self.validate)(json)
    }

    /// Decodes and validates a request body, then writes it as the SDK sends it: the
    /// typed request's JSON body, fixed values filled in, before signing.
    pub fn wire_json(&self, json: &[u8]) -> Result<Vec<u8>, Violations> {
        let request = (self.decode)(json)?;
        serde_json::to_vec(&AsMembers(request.members())).map_err(|e| {
            let mut out = Violations::new();
            out.push("", "json", e.to_string());
            out
        })
    }

    /// Reads an answer to this operation, untyped, with the typed reader's verdict (an
    /// accepted answer that does not read as documented is unknown).
    pub fn read_answer(&self, response: &http::Response<Vec<u8>>) -> Outcome {
        let status = response.status().as_u16();
        read_checked(self.reading.as_ref(), self.reads, status, response.body())
    }

    /// Whether its spec signs it: only then does [`OperationInfo::sign_json`] sign.
    pub fn is_signed(&self) -> bool {
        self.signed
    }

    /// Decodes, validates and signs a request body with the given signed-header values,
    /// with a key given as any kind (the command line reads it from a file).
    pub fn sign_json(
        &self,
        json: &[u8],
        key: SigningKeyRef<'_>,
        headers: &[Extra<'_>],
    ) -> Result<SignedJson, SignJsonError> {
        let unsigned = || Err(SignJsonError::Unsigned(self.name));
        if !self.signed {
            return unsigned();
        }
        let request = (self.decode)(json).map_err(SignJsonError::Invalid)?;
        request.sign(key, headers).unwrap_or_else(unsigned)
    }
}

/// Decodes and validates a request body into the request, its type erased.
pub(crate) type Decode = fn(&[u8]) -> Result<Box<dyn Decoded>, Violations>;

/// A request decoded from JSON and validated, its type erased, so that what the entry
/// points do with it is compiled once, not once per operation.
pub(crate) trait Decoded {
    /// Its members, as its body writes them.
    fn members(&self) -> &dyn WireMembers;
    /// Signs it; `None` when its spec does not sign it.
    fn sign(
        &self,
        key: SigningKeyRef<'_>,
        headers: &[Extra<'_>],
    ) -> Option<Result<SignedJson, SignJsonError>>;
}

/// A request of an operation its spec does not sign.
struct UnsignedRequest<T: Operation>(Valid<T>);

/// A request of an operation its spec signs.
struct SignedRequest<T: Operation + Signable>(Valid<T>);

impl<T: Operation> From<Valid<T>> for UnsignedRequest<T> {
    fn from(valid: Valid<T>) -> Self {
        Self(valid)
    }
}

impl<T: Operation + Signable> From<Valid<T>> for SignedRequest<T> {
    fn from(valid: Valid<T>) -> Self {
        Self(valid)
    }
}

impl<T: Operation> Decoded for UnsignedRequest<T> {
    fn members(&self) -> &dyn WireMembers {
        &*self.0
    }

    fn sign(
        &self,
        _: SigningKeyRef<'_>,
        _: &[Extra<'_>],
    ) -> Option<Result<SignedJson, SignJsonError>> {
        None
    }
}

impl<T: Operation + Signable> Decoded for SignedRequest<T> {
    fn members(&self) -> &dyn WireMembers {
        &*self.0
    }

    /// Only redacting and the key's kind depend on `T`: the rest is compiled once.
    fn sign(
        &self,
        key: SigningKeyRef<'_>,
        headers: &[Extra<'_>],
    ) -> Option<Result<SignedJson, SignJsonError>> {
        let redacted = self.0.redacted();
        let shown: &T = redacted.as_ref().unwrap_or(&self.0);
        let fits = T::Key::from_ref(key).is_some();
        Some(sign_source(&*self.0, shown, fits, key, headers))
    }
}

/// Decodes and validates a JSON request of `T`.
fn validate<T: Request>(json: &[u8]) -> Result<(), Violations> {
    T::from_json(json).map(drop)
}

/// Decodes and validates a JSON request of `T`, as `D` erases it.
fn decode<T: Request, D: Decoded + From<Valid<T>> + 'static>(
    json: &[u8],
) -> Result<Box<dyn Decoded>, Violations> {
    Ok(Box::new(D::from(T::from_json(json)?)))
}

/// [`OperationInfo::sign_json`] of a decoded request (`shown`: it with any secret
/// redacted), with a key that `fits` its scheme or not.
fn sign_source(
    request: &dyn Source,
    shown: &dyn Source,
    fits: bool,
    key: SigningKeyRef<'_>,
    headers: &[Extra<'_>],
) -> Result<SignedJson, SignJsonError> {
    let plan = request.plan();
    let nonce = given_nonce(plan.signed_headers, headers)?;
    if !fits {
        return Err(wrong_key(plan.signing, request.selector(), key));
    }
    let string_to_sign = signer::explain(shown, nonce)?;
    let with = SignWith {
        nonce,
        ..SignWith::default()
    };
    let signed = signer::sign(request, key, &with)?;
    Ok(signed_json(
        plan.signing,
        &signed.signature,
        signed.body,
        string_to_sign,
    ))
}

/// The nonce given among the signed header values, when the operation signs one.
fn given_nonce<'a>(
    plans: &'static [HeaderPlan],
    headers: &[Extra<'a>],
) -> Result<Option<&'a str>, SignJsonError> {
    match plans
        .iter()
        .find(|h| matches!(h.source, crate::wire::HeaderSource::Nonce(_)))
    {
        Some(plan) => signed_header(headers, plan.name).map(Some),
        None => Ok(None),
    }
}

/// A key of another kind than the scheme signs with.
fn wrong_key(signing: &Signing, selector: Option<&str>, key: SigningKeyRef<'_>) -> SignJsonError {
    let algorithm = signing
        .scheme_for(selector)
        .map_or(crate::signing::Algorithm::RsaSha1, |s| s.algorithm);
    SignJsonError::Sign(SignError::WrongKey {
        algorithm,
        expected: algorithm.signing_key_kind(),
        given: key.kind(),
    })
}

/// The signed request as the command line prints it.
fn signed_json(
    signing: &Signing,
    signature: &str,
    body: Vec<u8>,
    string_to_sign: String,
) -> SignedJson {
    let signature_header = match signing.signature {
        Placement::Header { name, prefix } => Some((name, format!("{prefix}{signature}"))),
        Placement::Field(_) => None,
    };
    SignedJson {
        body,
        signature_header,
        string_to_sign,
    }
}

/// A request signed from JSON. Its `Debug` shows the body's length, not the body, which
/// may hold a secret field (a PIN), as [`crate::Signed`]'s does.
#[derive(Clone)]
pub struct SignedJson {
    /// The body as sent, with the signature set when it travels in a body field.
    pub body: Vec<u8>,
    /// The header carrying the signature, when it travels in one: its name, and its value
    /// with the spec's prefix (`("X-Signature", "HMAC-SHA256=...")`).
    pub signature_header: Option<(&'static str, String)>,
    /// The string that was signed, any secret in it redacted.
    pub string_to_sign: String,
}

impl std::fmt::Debug for SignedJson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedJson")
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .field("signature_header", &self.signature_header)
            .field("string_to_sign", &self.string_to_sign)
            .finish()
    }
}

/// Why a JSON request could not be signed.
#[derive(Debug, thiserror::Error)]
pub enum SignJsonError {
    /// The request breaks rules of its spec.
    #[error("the request is invalid:\n{0}")]
    Invalid(Violations),
    /// Signing failed (a key of the wrong kind, ...).
    #[error(transparent)]
    Sign(#[from] SignError),
    /// A signed header's value was not given.
    #[error("the value of the `{0}` header is needed to sign")]
    MissingHeader(&'static str),
    /// The operation's spec does not sign it.
    #[error("`{0}` is not signed by its spec")]
    Unsigned(&'static str),
    /// The body could not be written.
    #[error("cannot write the body: {0}")]
    Encode(#[from] serde_json::Error),
}

/// The value given for a signed header.
pub fn signed_header<'a>(
    values: &[Extra<'a>],
    name: &'static str,
) -> Result<&'a str, SignJsonError> {
    values
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
        .ok_or(SignJsonError::MissingHeader(name))
}

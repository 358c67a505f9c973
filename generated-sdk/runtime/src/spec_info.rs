//! What the generated code says about itself, for tools that work over every spec.

use super::operation::{Operation, Role};
use super::signable::{SignWith, Signable, SigningKeyOf};
use super::signer::{self, Source};
use super::signing::{Extra, Placement, SignError, Signing, SigningKeyRef};
use super::wire::{
    AnswerShape, AsMembers, CallbackPlan, Envelope, HeaderPlan, Outcome, StatusTable,
};
use super::{Request, Violations};

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

/// An operation of a spec, with entry points that work on JSON.
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
    /// Decodes and validates a request body; the same checks as the typed API.
    pub validate_json: fn(&[u8]) -> Result<(), Violations>,
    /// Decodes and validates a request body, then writes it as the SDK sends it: the
    /// typed request's JSON body, fixed values filled in, before signing.
    pub wire_json: fn(&[u8]) -> Result<Vec<u8>, Violations>,
    /// Reads an answer to this operation, untyped, with the typed reader's verdict (an
    /// accepted answer that does not read as documented is unknown).
    pub read_answer: fn(&http::Response<Vec<u8>>) -> Outcome,
    /// Decodes, validates and signs a request body with the given signed-header values.
    pub sign_json: Option<SignJsonFn>,
}

impl OperationInfo {
    /// The entry of a signed operation `T` named `name` (`query_fields`: the fields that
    /// travel in the query string).
    pub const fn signed<T: Operation + Signable>(
        name: &'static str,
        query_fields: &'static [&'static str],
    ) -> OperationInfo {
        OperationInfo {
            sign_json: Some(sign_json::<T>),
            ..Self::unsigned::<T>(name, query_fields)
        }
    }

    /// The entry of an operation `T` whose spec does not sign it.
    pub const fn unsigned<T: Operation>(
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
            validate_json: validate_json::<T>,
            wire_json: wire_json::<T>,
            read_answer: read_checked::<T>,
            sign_json: None,
        }
    }
}

/// Reads an answer to `T` untyped, with the typed reader's verdict.
fn read_checked<T: Operation>(response: &http::Response<Vec<u8>>) -> Outcome {
    crate::operation::read_checked::<T>(response.status().as_u16(), response.body())
}

/// Decodes and validates a JSON request of `T`.
fn validate_json<T: Request>(json: &[u8]) -> Result<(), Violations> {
    T::from_json(json).map(drop)
}

/// Decodes and validates a JSON request of `T`, and writes it as the SDK sends it.
fn wire_json<T: Operation>(json: &[u8]) -> Result<Vec<u8>, Violations> {
    let request = T::from_json(json)?;
    written(serde_json::to_vec(&AsMembers(&*request)))
}

/// The body written, or the writer's error as a violation at the root.
fn written(body: serde_json::Result<Vec<u8>>) -> Result<Vec<u8>, Violations> {
    body.map_err(|e| {
        let mut out = Violations::new();
        out.push("", "json", e.to_string());
        out
    })
}

/// Decodes, validates and signs a JSON request of `T` with the given header values,
/// with a key given as any kind (the command line reads it from a file). Only decoding
/// and redacting depend on `T`: the rest is compiled once.
fn sign_json<T: Operation + Signable>(
    json: &[u8],
    key: SigningKeyRef<'_>,
    headers: &[Extra<'_>],
) -> Result<SignedJson, SignJsonError> {
    let valid = T::from_json(json).map_err(SignJsonError::Invalid)?;
    let redacted = valid.redacted();
    let shown: &T = redacted.as_ref().unwrap_or(&valid);
    let fits = T::Key::from_ref(key).is_some();
    sign_source(&*valid, shown, fits, key, headers)
}

/// [`sign_json`] of a decoded request (`shown`: it with any secret redacted), with a key
/// that `fits` its scheme or not.
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

/// Decodes, validates and signs a JSON request; see [`OperationInfo::sign_json`].
pub type SignJsonFn =
    fn(&[u8], SigningKeyRef<'_>, &[Extra<'_>]) -> Result<SignedJson, SignJsonError>;

/// A request signed from JSON.
#[derive(Debug, Clone)]
pub struct SignedJson {
    /// The body as sent, with the signature set when it travels in a body field.
    pub body: Vec<u8>,
    /// The header carrying the signature, when it travels in one: its name, and its value
    /// with the spec's prefix (`("X-Signature", "HMAC-SHA256=...")`).
    pub signature_header: Option<(&'static str, String)>,
    /// The string that was signed, any secret in it redacted.
    pub string_to_sign: String,
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

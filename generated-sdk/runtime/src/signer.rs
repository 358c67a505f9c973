//! Signing a validated request of any type, compiled once: what depends on the type
//! (its pairs, its body, its path values, its spec's statics) is behind one small vtable,
//! [`Source`], implemented for every [`Signable`] type. Generic code is compiled again
//! for each type that uses it; this is not.

use std::time::SystemTime;

use crate::signing::{Fields, MessageInput, Pair, Scheme, SignError, Signing, SigningKeyRef};
use crate::wire::{
    AsMembers, BodyFormat, CredentialSource, HeaderPlan, HeaderSource, WireMembers, header_value,
    resolve_path,
};
use crate::{SignWith, Signable};

/// A signable request as the signing code reads it.
pub(crate) trait Source {
    /// The statics of its spec.
    fn plan(&self) -> Plan;
    /// The value of the field that chooses the scheme.
    fn selector(&self) -> Option<&str>;
    /// Its path, the path fields filled in.
    fn path(&self) -> String;
    /// Its members, as its body writes them.
    fn members(&self) -> &dyn WireMembers;
    /// Calls `f` with its sorted `(name, text)` pairs.
    fn with_pairs(
        &self,
        f: &mut dyn FnMut(&[Pair<'_>]) -> Result<String, SignError>,
    ) -> Result<String, SignError>;
}

impl<T: Signable> Source for T {
    fn plan(&self) -> Plan {
        Plan {
            signing: T::SIGNING,
            signed_headers: T::SIGNED_HEADERS,
            method: T::METHOD,
            bare: T::BARE_JSON_FIELDS,
            content_type: T::CONTENT_TYPE,
        }
    }

    fn selector(&self) -> Option<&str> {
        Signable::selector(self)
    }

    fn path(&self) -> String {
        resolve_path(T::PATH, &self.path_values())
    }

    fn members(&self) -> &dyn WireMembers {
        self
    }

    fn with_pairs(
        &self,
        f: &mut dyn FnMut(&[Pair<'_>]) -> Result<String, SignError>,
    ) -> Result<String, SignError> {
        self.with_signing_pairs(f)
    }
}

/// A request signed: the signature, the signed header values, the body as sent.
pub(crate) struct Signature {
    pub(crate) signature: String,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Vec<u8>,
}

/// Signs `request` with the values given, drawing the others.
pub(crate) fn sign(
    request: &dyn Source,
    key: SigningKeyRef<'_>,
    with: &SignWith<'_>,
) -> Result<Signature, SignError> {
    let plan = request.plan();
    let headers = signed_headers(plan.signed_headers, with)?;
    let body = plan.body(request)?;
    let signature = signature_over(request, &plan, key, &headers, Some(&body))?;
    let body = plan.with_signature(body, &signature)?;
    Ok(Signature {
        signature,
        headers,
        body,
    })
}

/// The exact message [`sign`] signs with this nonce (`request` redacted by the caller).
pub(crate) fn explain(request: &dyn Source, nonce: Option<&str>) -> Result<String, SignError> {
    let plan = request.plan();
    let with = SignWith {
        nonce,
        ..SignWith::default()
    };
    let headers = signed_headers(plan.signed_headers, &with)?;
    let body = plan.body_if_read(request)?;
    let scheme = plan.signing.scheme_for(request.selector())?;
    let extras = extras(&headers);
    let path = request.path();
    request.with_pairs(&mut |pairs| {
        Ok(scheme.explain(&plan.input(pairs, &extras, body.as_deref(), &path))?)
    })
}

/// The signature alone, as [`sign`] would make it with this nonce.
pub(crate) fn signature(
    request: &dyn Source,
    key: SigningKeyRef<'_>,
    nonce: Option<&str>,
) -> Result<String, SignError> {
    let plan = request.plan();
    // Only a nonce can be given here: a time or a request id a header signs, or a nonce
    // not given, would be drawn, signed and lost (credentials are refused as needed).
    let drawn = |source: &HeaderSource| match source {
        HeaderSource::Nonce(_) => nonce.is_none(),
        HeaderSource::UnixMillis
        | HeaderSource::UnixSeconds
        | HeaderSource::Iso8601
        | HeaderSource::RequestId => true,
        _ => false,
    };
    if let Some(header) = plan.signed_headers.iter().find(|h| drawn(&h.source)) {
        return Err(SignError::HeaderNotGiven {
            header: header.name,
        });
    }
    let with = SignWith {
        nonce,
        ..SignWith::default()
    };
    let headers = signed_headers(plan.signed_headers, &with)?;
    let body = plan.body_if_read(request)?;
    signature_over(request, &plan, key, &headers, body.as_deref())
}

fn signature_over(
    request: &dyn Source,
    plan: &Plan,
    key: SigningKeyRef<'_>,
    headers: &[(&'static str, String)],
    body: Option<&[u8]>,
) -> Result<String, SignError> {
    let scheme: &Scheme = plan.signing.scheme_for(request.selector())?;
    plan.signing.check_scheme(scheme)?;
    let extras = extras(headers);
    // Resolving the path allocates: only for a message that signs it.
    let path = if scheme.message.reads_path() {
        request.path()
    } else {
        String::new()
    };
    request
        .with_pairs(&mut |pairs| scheme.sign_checked(&plan.input(pairs, &extras, body, &path), key))
}

/// The statics of a request's spec that signing reads.
pub(crate) struct Plan {
    pub(crate) signing: &'static Signing,
    pub(crate) signed_headers: &'static [HeaderPlan],
    method: &'static str,
    bare: &'static [&'static str],
    /// Read only where a body is written or a signature added to it (finding the format
    /// costs a parse).
    content_type: Option<&'static str>,
}

impl Plan {
    /// The request's body as sent, before a signature member is added (empty for `GET`):
    /// written here, compiled once, from the members of any request type.
    fn body(&self, request: &dyn Source) -> Result<Vec<u8>, SignError> {
        if self.method == "GET" {
            return Ok(Vec::new());
        }
        BodyFormat::of(self.content_type)
            .write(&AsMembers(request.members()))
            .map_err(|e| SignError::Body(e.to_string()))
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

    /// The body with the signature as its last member when it travels in a body field,
    /// so the page's field order is kept.
    fn with_signature(&self, body: Vec<u8>, signature: &str) -> Result<Vec<u8>, SignError> {
        match self.signing.signature_field() {
            Some(field) if self.method != "GET" => BodyFormat::of(self.content_type)
                .append(body, field, signature)
                .map_err(|e| SignError::Body(e.to_string())),
            _ => Ok(body),
        }
    }

    /// The body, only when a scheme's message reads its bytes (writing it costs time).
    fn body_if_read(&self, request: &dyn Source) -> Result<Option<Vec<u8>>, SignError> {
        if self.signing.reads_body() {
            self.body(request).map(Some)
        } else {
            Ok(None)
        }
    }
}

fn extras<'h>(headers: &'h [(&'static str, String)]) -> Vec<(&'h str, &'h str)> {
    headers.iter().map(|(n, v)| (*n, v.as_str())).collect()
}

/// The signed header values: given, or drawn.
#[inline]
fn signed_headers(
    plans: &'static [HeaderPlan],
    with: &SignWith<'_>,
) -> Result<Vec<(&'static str, String)>, SignError> {
    // Most specs sign no header and are given no nonce: answered here, without the
    // call; `drawn_headers` keeps every rule (a nonce given to a spec that signs none).
    if plans.is_empty() && with.nonce.is_none() {
        return Ok(Vec::new());
    }
    drawn_headers(plans, with)
}

fn drawn_headers(
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

#[cfg(test)]
mod tests {
    use super::*;

    const NONCE_PLAN: &[HeaderPlan] = &[HeaderPlan {
        name: "nonce",
        source: HeaderSource::Nonce(8),
    }];

    fn with_nonce(nonce: Option<&str>) -> SignWith<'_> {
        SignWith {
            nonce,
            ..SignWith::default()
        }
    }

    #[test]
    fn a_nonce_is_refused_by_a_message_that_signs_none_and_kept_by_one_that_does() {
        assert_eq!(signed_headers(&[], &with_nonce(None)), Ok(Vec::new()));
        assert_eq!(
            signed_headers(&[], &with_nonce(Some("abcd1234"))),
            Err(SignError::NoNonce)
        );
        assert_eq!(
            signed_headers(NONCE_PLAN, &with_nonce(Some("abcd1234"))),
            Ok(vec![("nonce", "abcd1234".to_owned())])
        );
        let drawn = signed_headers(NONCE_PLAN, &with_nonce(None));
        assert!(
            matches!(&drawn.as_deref(), Ok([("nonce", value)]) if value.len() == 8),
            "{drawn:?}"
        );
    }
}

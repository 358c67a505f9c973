//! `Signed<T>`: a validated request with its signature, ready to be sent.

use super::Valid;

/// A validated request and its signature. Only [`Valid`] requests are signed, so a
/// `Signed` request passed every rule of its spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed<T> {
    request: Valid<T>,
    field: &'static str,
    signature: String,
    headers: Vec<(&'static str, String)>,
}

impl<T> Signed<T> {
    /// Generated `sign` methods construct this.
    pub(crate) fn new(
        request: Valid<T>,
        field: &'static str,
        signature: String,
        headers: Vec<(&'static str, String)>,
    ) -> Self {
        Signed {
            request,
            field,
            signature,
            headers,
        }
    }

    /// The request that was signed.
    pub fn request(&self) -> &Valid<T> {
        &self.request
    }

    /// The signature, as it goes into the body.
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// The body field that carries the signature.
    pub fn signature_field(&self) -> &'static str {
        self.field
    }

    /// The nonce the signature covers, if the spec signs one: send it as its header
    /// ([`crate::Outgoing::to_http`] does).
    pub fn nonce(&self) -> Option<&str> {
        self.headers.first().map(|(_, value)| value.as_str())
    }

    /// The header values the signature covers (the nonce), by header name.
    pub fn signed_headers(&self) -> &[(&'static str, String)] {
        &self.headers
    }
}

impl<T: serde::Serialize> Signed<T> {
    /// The body as sent: the request's fields in the page's order, then the signature.
    pub fn to_json(&self) -> Result<Vec<u8>, serde_json::Error> {
        let mut body = serde_json::to_vec(&*self.request)?;
        // The request always serializes to an object: replace its closing brace with the
        // signature member, so the page's field order is kept.
        body.pop();
        if body.len() > 1 {
            body.push(b',');
        }
        serde_json::to_writer(&mut body, self.field)?;
        body.push(b':');
        serde_json::to_writer(&mut body, &self.signature)?;
        body.push(b'}');
        Ok(body)
    }
}

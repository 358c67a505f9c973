//! `Signed<T>`: a validated request with its signature, ready to be sent.

use super::Valid;

/// A validated request, its signature, the header values the signature covers and the
/// body exactly as signed and sent. Only [`Valid`] requests are signed, so a `Signed`
/// request passed every rule of its spec.
#[derive(Clone, PartialEq, Eq)]
pub struct Signed<T> {
    request: Valid<T>,
    signature: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

/// The body shows only its length: it holds every field's value, a secret field's (a
/// PIN) too, which the request's own `Debug` redacts.
impl<T: std::fmt::Debug> std::fmt::Debug for Signed<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signed")
            .field("request", &self.request)
            .field("signature", &self.signature)
            .field("headers", &self.headers)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

impl<T> Signed<T> {
    /// Generated `sign` methods construct this.
    pub(crate) fn new(
        request: Valid<T>,
        signature: String,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    ) -> Self {
        Signed {
            request,
            signature,
            headers,
            body,
        }
    }

    /// The request that was signed.
    pub fn request(&self) -> &Valid<T> {
        &self.request
    }

    /// The signature, as it goes into its body field or header (without a prefix).
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// The nonce the signature covers, if the spec signs one: send it as its header
    /// ([`crate::Outgoing::to_http`] does).
    pub fn nonce(&self) -> Option<&str> {
        self.headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("nonce"))
            .or(self.headers.first())
            .map(|(_, value)| value.as_str())
    }

    /// The header values the signature covers (a nonce, a timestamp, a request id), by
    /// header name.
    pub fn signed_headers(&self) -> &[(&'static str, String)] {
        &self.headers
    }

    /// The body exactly as signed and sent (empty for `GET`).
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

impl<T: crate::Signable> Signed<T> {
    /// The body field that carries the signature, if the signature travels in the body.
    pub fn signature_field(&self) -> Option<&'static str> {
        T::SIGNING.signature_field()
    }

    /// The body as sent: the request's fields in the page's order, then the signature
    /// when it travels in a body field.
    pub fn to_json(&self) -> Result<Vec<u8>, serde_json::Error> {
        Ok(self.body.clone())
    }
}

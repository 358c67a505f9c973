//! Building the HTTP request: method, path, query, headers from their sources, body.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use secrecy::{ExposeSecret as _, SecretString};

/// Where a header's value comes from (a spec's `headers`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderSource {
    /// A constant (`country: MX`).
    Constant(&'static str),
    /// The time as Unix milliseconds.
    UnixMillis,
    /// The time as Unix seconds.
    UnixSeconds,
    /// The time as ISO-8601 in UTC to the second (`2020-08-11T08:45:42Z`).
    Iso8601,
    /// A nonce of this length: the one the signature covers, or a fresh one.
    Nonce(usize),
    /// A request id: the one the signature covers, or a fresh UUID v4.
    RequestId,
    /// The merchant's application code.
    AppCode,
    /// The merchant's authorization id.
    Authorization,
    /// The merchant's public key id or client id, as issued.
    KeyId,
    /// The merchant's API key, as issued (secret).
    ApiKey,
    /// `Bearer <API key>`.
    Bearer,
    /// HTTP Basic of the key id and the API key: `Basic base64(key_id:api_key)`.
    Basic,
    /// HTTP Basic of the API key and an empty password: `Basic base64(api_key:)`.
    BasicApiKey,
}

impl HeaderSource {
    /// Whether the value comes from the merchant's credentials.
    pub const fn is_credential(self) -> bool {
        matches!(
            self,
            Self::AppCode
                | Self::Authorization
                | Self::KeyId
                | Self::ApiKey
                | Self::Bearer
                | Self::Basic
                | Self::BasicApiKey
        )
    }

    /// Whether the value is secret: never shown, marked sensitive for HTTP stacks.
    pub const fn is_secret(self) -> bool {
        matches!(
            self,
            Self::Authorization | Self::ApiKey | Self::Bearer | Self::Basic | Self::BasicApiKey
        )
    }
}

/// A request header and its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderPlan {
    /// The header's name as sent.
    pub name: &'static str,
    /// Where its value comes from.
    pub source: HeaderSource,
}

/// Where request headers find what the merchant was issued. Each generated module has
/// a `Credentials` struct with exactly the values its requests need, all required, so a
/// request cannot be sent without them; [`Credentials`] here is the untyped form for
/// tools that work over every spec.
pub trait CredentialSource {
    /// The merchant's application code.
    fn app_code(&self) -> Option<&str> {
        None
    }

    /// The merchant's authorization id, exposed only to build its header.
    fn authorization(&self) -> Option<&str> {
        None
    }

    /// The merchant's key id or client id (not secret).
    fn key_id(&self) -> Option<&str> {
        None
    }

    /// The merchant's API key, exposed only to build its header.
    fn api_key(&self) -> Option<&str> {
        None
    }
}

/// A secret credential value: never shown by `Debug`.
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(SecretString::from(value.into()))
    }

    /// The value, for the header that carries it.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Compared in constant time, so that a comparison does not tell how much of a guess
/// was right.
impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        crate::signing::constant_time_eq(self.expose().as_bytes(), other.expose().as_bytes())
    }
}

impl Eq for Secret {}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

/// What the merchant was issued, every value optional: for tools that work over every
/// spec (the command line, the mock). The authorization id is held as a secret and never
/// printed.
#[derive(Default, Clone)]
pub struct Credentials {
    app_code: Option<String>,
    authorization: Option<SecretString>,
    key_id: Option<String>,
    api_key: Option<SecretString>,
}

impl Credentials {
    /// No credentials yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// With the merchant's application code.
    pub fn app_code(mut self, code: impl Into<String>) -> Self {
        self.app_code = Some(code.into());
        self
    }

    /// With the merchant's authorization id.
    pub fn authorization(mut self, id: impl Into<String>) -> Self {
        self.authorization = Some(SecretString::from(id.into()));
        self
    }

    /// With the merchant's key id or client id.
    pub fn key_id(mut self, id: impl Into<String>) -> Self {
        self.key_id = Some(id.into());
        self
    }

    /// With the merchant's API key.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(SecretString::from(key.into()));
        self
    }
}

impl CredentialSource for Credentials {
    fn app_code(&self) -> Option<&str> {
        self.app_code.as_deref()
    }

    fn authorization(&self) -> Option<&str> {
        self.authorization.as_ref().map(|a| a.expose_secret())
    }

    fn key_id(&self) -> Option<&str> {
        self.key_id.as_deref()
    }

    fn api_key(&self) -> Option<&str> {
        self.api_key.as_ref().map(|a| a.expose_secret())
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("app_code", &self.app_code)
            .field(
                "authorization",
                &self.authorization.as_ref().map(|_| "<redacted>"),
            )
            .field("key_id", &self.key_id)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// Why a request could not be built.
#[derive(Debug, thiserror::Error)]
pub enum WireError {
    /// The credentials lack a value a header needs.
    #[error("the `{0}` header needs a credential that was not given")]
    MissingCredential(&'static str),
    /// A value cannot be sent in a header.
    #[error("the value of the `{0}` header is not valid in HTTP")]
    InvalidHeader(&'static str),
    /// The signed nonce does not have the spec's form.
    #[error("the `{header}` header: {error}")]
    Nonce {
        /// The header.
        header: &'static str,
        /// What is wrong with it.
        error: crate::nonce::NonceError,
    },
    /// The body could not be written.
    #[error("cannot write the body: {0}")]
    Body(#[from] super::BodyError),
    /// The request could not be assembled.
    #[error("cannot build the request: {0}")]
    Http(String),
    /// The request's path does not make a URI under the base URL.
    #[error("the request's URI under the base URL is not valid: {0}")]
    Uri(String),
}

/// Everything one request is made of.
#[derive(Debug)]
pub struct RequestParts<'a> {
    /// `POST`
    pub method: &'static str,
    /// `/api/pay/payout/create/v1`
    pub path: &'static str,
    /// The content type of the body.
    pub content_type: Option<&'static str>,
    /// The headers and their sources.
    pub headers: &'static [HeaderPlan],
    /// The header values the signature covers (the nonce, a timestamp), by header name:
    /// sent as signed.
    pub signed_headers: &'a [(&'static str, String)],
    /// The signature's header, when the signature travels in one.
    pub signature_header: Option<(&'static str, String)>,
    /// The request fields that travel as headers (an idempotency key), by header name.
    pub header_fields: Vec<(&'static str, String)>,
    /// The request fields the path names (`{id}`), by name.
    pub path_values: Vec<(&'static str, String)>,
    /// Query-string parameters.
    pub query: Vec<(&'static str, String)>,
    /// The body, if any.
    pub body: Option<Vec<u8>>,
}

/// Builds the request. The path is relative: the client puts its base URL in front.
pub fn build_request(
    parts: RequestParts<'_>,
    credentials: &(impl CredentialSource + ?Sized),
    now: SystemTime,
) -> Result<http::Request<Vec<u8>>, WireError> {
    let mut uri = resolve_path(parts.path, &parts.path_values);
    if !parts.query.is_empty() {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in &parts.query {
            query.append_pair(name, value);
        }
        uri.push('?');
        uri.push_str(&query.finish());
    }
    let mut request = http::Request::builder().method(parts.method).uri(uri);
    if let (Some(content_type), Some(_)) = (parts.content_type, &parts.body) {
        request = request.header(http::header::CONTENT_TYPE, content_type);
    }
    for header in parts.headers {
        let value = match parts.signed_headers.iter().find(|(n, _)| *n == header.name) {
            Some((_, signed)) => {
                if let HeaderSource::Nonce(len) = header.source {
                    crate::nonce::check(signed, len).map_err(|error| WireError::Nonce {
                        header: header.name,
                        error,
                    })?;
                }
                signed.clone()
            }
            None => header_value(header, credentials, now)?,
        };
        let mut value = http::HeaderValue::from_str(&value)
            .map_err(|_| WireError::InvalidHeader(header.name))?;
        value.set_sensitive(header.source.is_secret());
        request = request.header(header.name, value);
    }
    for (name, value) in &parts.header_fields {
        let value =
            http::HeaderValue::from_str(value).map_err(|_| WireError::InvalidHeader(name))?;
        request = request.header(*name, value);
    }
    if let Some((name, signature)) = parts.signature_header {
        let value =
            http::HeaderValue::from_str(&signature).map_err(|_| WireError::InvalidHeader(name))?;
        request = request.header(name, value);
    }
    request
        .body(parts.body.unwrap_or_default())
        .map_err(|e| WireError::Http(e.to_string()))
}

/// A header's value from its source: the time `now`, a fresh nonce or request id, the
/// credentials.
pub fn header_value(
    header: &HeaderPlan,
    credentials: &(impl CredentialSource + ?Sized),
    now: SystemTime,
) -> Result<String, WireError> {
    let since_epoch = now.duration_since(UNIX_EPOCH).unwrap_or_default();
    let credential = |value: Option<&str>| {
        value
            .map(str::to_owned)
            .ok_or(WireError::MissingCredential(header.name))
    };
    Ok(match header.source {
        HeaderSource::Constant(value) => value.to_string(),
        HeaderSource::UnixMillis => since_epoch.as_millis().to_string(),
        HeaderSource::UnixSeconds => since_epoch.as_secs().to_string(),
        HeaderSource::Iso8601 => humantime::format_rfc3339_seconds(now).to_string(),
        HeaderSource::Nonce(len) => crate::nonce::nonce(len),
        HeaderSource::RequestId => uuid::Uuid::new_v4().to_string(),
        HeaderSource::AppCode => credential(credentials.app_code())?,
        HeaderSource::Authorization => credential(credentials.authorization())?,
        HeaderSource::KeyId => credential(credentials.key_id())?,
        HeaderSource::ApiKey => credential(credentials.api_key())?,
        HeaderSource::Bearer => format!("Bearer {}", credential(credentials.api_key())?),
        HeaderSource::Basic => basic(
            &credential(credentials.key_id())?,
            &credential(credentials.api_key())?,
        ),
        HeaderSource::BasicApiKey => basic(&credential(credentials.api_key())?, ""),
    })
}

/// The path with each `{name}` replaced by its value, percent-encoded as a path segment.
pub fn resolve_path(template: &str, values: &[(&'static str, String)]) -> String {
    let mut path = template.to_string();
    for (name, value) in values {
        let encoded: String = percent_encoding::utf8_percent_encode(value, SEGMENT).to_string();
        path = path.replace(&format!("{{{name}}}"), &encoded);
    }
    path
}

/// What a path segment must escape: everything but RFC 3986's unreserved characters.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `Basic base64(user:password)` (RFC 7617).
fn basic(user: &str, password: &str) -> String {
    use base64::Engine as _;
    let pair = zeroize::Zeroizing::new(format!("{user}:{password}"));
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair.as_bytes())
    )
}

#[cfg(test)]
#[path = "request_tests.rs"]
mod tests;

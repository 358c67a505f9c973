//! Where the provider is: a base URL that turns the generated requests' relative URIs
//! (`/api/pay/payout/create/v1?...`) into absolute ones, which any HTTP stack accepts.

use std::fmt;

use super::WireError;

/// An absolute `http://` or `https://` URL with a host, optionally a path prefix, no
/// query: `https://api.provider.example/v2`.
#[derive(Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

/// Why a text is not a base URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an absolute http:// or https:// URL with a host and no query")]
pub struct BaseUrlError(pub String);

impl BaseUrl {
    /// Checks and keeps `text` (a trailing `/` is dropped).
    pub fn parse(text: &str) -> Result<Self, BaseUrlError> {
        let trimmed = text.trim_end_matches('/');
        let uri: http::Uri = trimmed
            .parse()
            .map_err(|_| BaseUrlError(text.to_string()))?;
        let scheme_ok = matches!(
            uri.scheme_str().map(str::to_ascii_lowercase).as_deref(),
            Some("http" | "https")
        );
        if !scheme_ok || uri.host().is_none() || uri.query().is_some() {
            return Err(BaseUrlError(text.to_string()));
        }
        Ok(BaseUrl(trimmed.to_string()))
    }

    /// The URL as text, without a trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether it is `https://`.
    pub fn is_https(&self) -> bool {
        self.0[..5].eq_ignore_ascii_case("https")
    }

    /// The absolute URI of a request's path and query under this base; an absolute URI
    /// is kept as it is.
    pub fn join(&self, uri: &http::Uri) -> Result<http::Uri, WireError> {
        if uri.scheme().is_some() {
            return Ok(uri.clone());
        }
        let tail = uri.path_and_query().map_or("/", |pq| pq.as_str());
        format!("{}{tail}", self.0)
            .parse()
            .map_err(|e: http::uri::InvalidUri| WireError::Uri(e.to_string()))
    }

    /// The request with its URI made absolute under this base.
    pub fn apply<B>(&self, mut request: http::Request<B>) -> Result<http::Request<B>, WireError> {
        let absolute = self.join(request.uri())?;
        *request.uri_mut() = absolute;
        Ok(request)
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("BaseUrl").field(&self.0).finish()
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&BaseUrl> for String {
    fn from(base: &BaseUrl) -> String {
        base.0.clone()
    }
}

impl std::str::FromStr for BaseUrl {
    type Err = BaseUrlError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BaseUrl::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_requests_become_absolute_under_the_base() {
        let base = BaseUrl::parse("https://api.example.com/prefix/").expect("base");
        assert_eq!(base.as_str(), "https://api.example.com/prefix");
        assert!(base.is_https());
        let uri: http::Uri = "/payouts?payout_id=P1".parse().expect("uri");
        assert_eq!(
            base.join(&uri).expect("joined").to_string(),
            "https://api.example.com/prefix/payouts?payout_id=P1"
        );
        let absolute: http::Uri = "http://other.example/x".parse().expect("uri");
        assert_eq!(base.join(&absolute).expect("kept"), absolute);
        for bad in [
            "127.0.0.1:1",
            "/relative",
            "ftp://127.0.0.1/",
            "http://",
            "http://h/?q=1",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
    }
}

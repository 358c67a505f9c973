//! Where the provider is: a base URL that turns the generated requests' relative URIs
//! (`/api/pay/payout/create/v1?...`) into absolute ones, which any HTTP stack accepts.

use std::fmt;

use super::WireError;

/// An absolute `http://` or `https://` URL with a host, optionally a path prefix, no
/// query and no credentials (`user:password@`: credentials go in the spec's headers, and a
/// URL is quoted by errors and `Debug`): `https://api.provider.example/v2`.
#[derive(Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

/// Why a text is not a base URL: the text, any credentials in it shown as
/// `<credentials>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not an absolute http:// or https:// URL with a host, no credentials and no query"
)]
pub struct BaseUrlError(pub String);

impl BaseUrl {
    /// Checks and keeps `text` (a trailing `/` is dropped).
    pub fn parse(text: &str) -> Result<Self, BaseUrlError> {
        let trimmed = text.trim_end_matches('/');
        let refused = || BaseUrlError(without_credentials(text));
        let uri: http::Uri = trimmed.parse().map_err(|_| refused())?;
        let scheme_ok = matches!(
            uri.scheme_str().map(str::to_ascii_lowercase).as_deref(),
            Some("http" | "https")
        );
        let credentials = uri.authority().is_some_and(|a| a.as_str().contains('@'));
        if !scheme_ok || uri.host().is_none() || uri.query().is_some() || credentials {
            return Err(refused());
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

/// `text` with any credentials before its host (`user:password@`) shown as
/// `<credentials>@`, for an error to quote.
fn without_credentials(text: &str) -> String {
    let start = text.find("://").map_or(0, |i| i + 3);
    let rest = &text[start..];
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    match authority.rfind('@') {
        Some(at) => format!("{}<credentials>{}", &text[..start], &rest[at..]),
        None => text.to_string(),
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

    #[test]
    fn credentials_in_a_base_url_are_refused_and_never_quoted() {
        for (base, shown) in [
            (
                "http://merchant:s3cr3t-pass@127.0.0.1:1",
                "http://<credentials>@127.0.0.1:1",
            ),
            (
                "https://merchant:s3cr3t-pass@api.example/v2/?x=1",
                "https://<credentials>@api.example/v2/?x=1",
            ),
            ("http://token@h/p@q", "http://<credentials>@h/p@q"),
        ] {
            let refused = BaseUrl::parse(base).expect_err("credentials are refused");
            assert_eq!(refused.0, shown);
            let text = format!("{refused} {refused:?}");
            assert!(
                !text.contains("s3cr3t") && !text.contains("token"),
                "{text}"
            );
        }
        assert_eq!(without_credentials("http://h/p@q"), "http://h/p@q");
    }
}

//! Credential headers as sent: every secret one marked sensitive and kept out of `Debug`.

use std::time::SystemTime;

use base64::Engine as _;

use super::*;

/// Every source a header can take its value from.
const SOURCES: [HeaderSource; 13] = [
    HeaderSource::Constant("MX"),
    HeaderSource::UnixMillis,
    HeaderSource::UnixSeconds,
    HeaderSource::Iso8601,
    HeaderSource::Nonce(32),
    HeaderSource::RequestId,
    HeaderSource::AppCode,
    HeaderSource::Authorization,
    HeaderSource::KeyId,
    HeaderSource::ApiKey,
    HeaderSource::Bearer,
    HeaderSource::Basic,
    HeaderSource::BasicApiKey,
];

#[test]
fn every_secret_header_is_sensitive_and_kept_out_of_debug() {
    let credentials = Credentials::new()
        .app_code("app-1")
        .authorization("auth-1")
        .key_id("key-1")
        .api_key("sk_live_SECRET");
    for source in SOURCES {
        let plans: &'static [HeaderPlan] = Box::leak(Box::new([HeaderPlan {
            name: "x-test",
            source,
        }]));
        let parts = RequestParts {
            method: "POST",
            path: "/payouts",
            content_type: Some("application/json"),
            headers: plans,
            signed_headers: &[],
            signature_header: None,
            header_fields: Vec::new(),
            path_values: Vec::new(),
            query: Vec::new(),
            body: Some(b"{}".to_vec()),
        };
        let Ok(request) = build_request(parts, &credentials, SystemTime::now()) else {
            continue;
        };
        let value = &request.headers()["x-test"];
        assert_eq!(value.is_sensitive(), source.is_secret(), "{source:?}");
        // A value that shows the API key, as it is or in HTTP Basic's base64, is secret.
        let text = value.to_str().unwrap_or_default();
        let decoded = text
            .strip_prefix("Basic ")
            .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        if text.contains("sk_live_SECRET") || decoded.contains("sk_live_SECRET") {
            assert!(source.is_secret() && source.is_credential(), "{source:?}");
            assert!(
                !format!("{request:?}").contains(text),
                "{source:?} in Debug"
            );
        }
    }
}

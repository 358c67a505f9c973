//! Requests as sent: signed bodies, the spec's headers, query strings.

use payspec_sdk::prelude::*;

use payspec_sdk::runtime::wire::Credentials;
use payspec_sdk::{gateway_id, teemopay_id, teemopay_kr, teemopay_mx, teemopay_pe};

use super::{NONCE, example, keys, now};

#[test]
fn teemopay_requests_carry_the_signed_nonce_and_the_spec_headers() {
    let (private, public, _) = keys();
    let cases: Vec<(&str, &str, http::Request<Vec<u8>>)> = vec![
        (
            "teemopay-id",
            "ID",
            teemopay_id::CreatePayoutRequest::from_json(&example("teemopay-id"))
                .expect("valid")
                .sign_with_nonce(&private, NONCE)
                .expect("sign")
                .to_http(
                    &teemopay_id::Credentials::builder()
                        .app_code("APP-1")
                        .build(),
                    now(),
                )
                .expect("http"),
        ),
        (
            "teemopay-kr",
            "KR",
            teemopay_kr::CreatePayoutRequest::from_json(&example("teemopay-kr"))
                .expect("valid")
                .sign_with_nonce(&private, NONCE)
                .expect("sign")
                .to_http(
                    &teemopay_kr::Credentials::builder()
                        .app_code("APP-1")
                        .build(),
                    now(),
                )
                .expect("http"),
        ),
        (
            "teemopay-pe",
            "PE",
            teemopay_pe::CreatePayoutRequest::from_json(&example("teemopay-pe"))
                .expect("valid")
                .sign_with_nonce(&private, NONCE)
                .expect("sign")
                .to_http(
                    &teemopay_pe::Credentials::builder()
                        .app_code("APP-1")
                        .build(),
                    now(),
                )
                .expect("http"),
        ),
        (
            "teemopay-mx",
            "MX",
            teemopay_mx::CreatePayoutRequest::from_json(&example("teemopay-mx"))
                .expect("valid")
                .sign_with_nonce(&private, NONCE)
                .expect("sign")
                .to_http(
                    &teemopay_mx::Credentials::builder()
                        .app_code("APP-1")
                        .build(),
                    now(),
                )
                .expect("http"),
        ),
    ];
    for (spec, country, request) in cases {
        assert_eq!(request.method(), http::Method::POST, "{spec}");
        assert_eq!(request.uri(), "/api/pay/payout/create/v1", "{spec}");
        let header = |name: &str| {
            request
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(
            header("nonce"),
            NONCE,
            "{spec}: the nonce sent is the one signed"
        );
        assert_eq!(
            header("timestamp"),
            "1707220674123",
            "{spec}: 13-digit milliseconds"
        );
        assert_eq!(header("country"), country, "{spec}");
        assert_eq!(header("app_code"), "APP-1", "{spec}");
        assert_eq!(header("content-type"), "application/json", "{spec}");
        // What goes on the wire verifies: the body and the nonce header together.
        let verified = match spec {
            "teemopay-id" => teemopay_id::verify(request.body(), &public, NONCE),
            "teemopay-kr" => teemopay_kr::verify(request.body(), &public, NONCE),
            "teemopay-pe" => teemopay_pe::verify(request.body(), &public, NONCE),
            _ => teemopay_mx::verify(request.body(), &public, NONCE),
        };
        assert_eq!(verified, Ok(()), "{spec}");
    }
}

#[test]
fn the_gateway_query_is_a_get_with_a_query_string_and_authorization() {
    let query = gateway_id::QueryPayoutRequest::from_json(
        br#"{"payout_cl_id": "DEV 1&2", "limit": "100"}"#,
    )
    .expect("valid");
    let request = query
        .to_http(
            &gateway_id::Credentials::builder()
                .authorization("AUTH-ID")
                .build(),
            now(),
        )
        .expect("http");
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri(),
        "/gateway/api/v2/payouts?payout_cl_id=DEV+1%262&limit=100"
    );
    assert!(request.body().is_empty());
    let auth = request
        .headers()
        .get("Authorization")
        .expect("authorization");
    assert!(auth.is_sensitive());
    assert_eq!(auth, "AUTH-ID");
    assert!(!format!("{:?}", Credentials::new().authorization("AUTH-ID")).contains("AUTH-ID"));
}

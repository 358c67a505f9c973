//! The mock serves specs that document little (no answers, no field naming the merchant's
//! order number: issue 11's defects, HTTP 501 and a refused create), and verifies
//! requests signed in a header over their bytes, path and headers.

use std::time::Duration;

use super::config::{EXAMPLE_SECRET, Keys};
use super::provider::Provider;
use super::store::Store;
use crate::signing::{
    Algorithm, Digest, Encoding, Fields, Message, MessageInput, Part, Piece, Placement, Scheme,
    Schemes, SharedSecret, Signing,
};
use crate::spec_info::Decoded;
use crate::wire::{
    AcceptedBy, Envelope, HeaderPlan, HeaderSource, HttpStatuses, Rejection, ResultCode,
};
use crate::{OperationInfo, OperationRole, SpecInfo, Violations};

fn valid(_: &[u8]) -> Result<(), Violations> {
    Ok(())
}

/// The mock never decodes a request whole: it validates, and verifies what arrived.
fn undecoded(_: &[u8]) -> Result<Box<dyn Decoded>, Violations> {
    Err(Violations::new())
}

/// A spec with one create, no `answers`, no callback, and so no order-number field.
static BARE: SpecInfo = SpecInfo {
    id: "bare-xx",
    provider: "Bare",
    country: "XX",
    currency: "XXX",
    title: "A page that documents only its request",
    file: "specs/bare/xx.yaml",
    signing: None,
    envelope: None,
    statuses: None,
    callback: None,
    signed_headers: &[],
    nonce_length: None,
    operations: &[OperationInfo {
        name: "create_payout",
        method: "POST",
        path: "/bare/payouts",
        content_type: Some("application/json"),
        role: OperationRole::Create,
        headers: &[],
        answer: None,
        query_fields: &[],
        header_fields: &[],
        validate: valid,
        decode: undecoded,
        reading: None,
        reads: |_| Ok(()),
        signed: false,
    }],
};

static SPECS: [&SpecInfo; 1] = [&BARE];

fn provider() -> Provider {
    Provider {
        specs: &SPECS,
        keys: Keys::default(),
        store: Store::default(),
        delay: Duration::ZERO,
    }
}

fn create(provider: &Provider) -> http::Response<Vec<u8>> {
    let request = http::Request::builder()
        .method("POST")
        .uri("/bare/payouts")
        .header("content-type", "application/json")
        .body(br#"{"amount":"1.00"}"#.to_vec())
        .expect("request");
    provider.handle(&request).response
}

#[test]
fn a_spec_without_answers_or_an_order_number_field_is_served() {
    let provider = provider();
    let first = create(&provider);
    assert_eq!(
        first.status(),
        200,
        "{:?}",
        String::from_utf8_lossy(first.body())
    );
    // Two creates are two orders: with no field naming the merchant's number, nothing
    // says they repeat, so the mock numbers each itself.
    let second = create(&provider);
    assert_eq!(second.status(), 200);
    let orders = provider.store.find("bare-xx", None, None);
    assert_eq!(orders.len(), 2);
    assert_ne!(orders[0].merchant_order_no, orders[1].merchant_order_no);
    assert!(orders[0].merchant_order_no.starts_with("MOCKREF"));
}

/// A request-target scheme signed in a header: `Signature: HMACSHA256=<base64>` over the
/// client id, request id, timestamp, path and the body's SHA-256.
static HEADER_SIGNED: Signing = Signing {
    signature: Placement::Header {
        name: "Signature",
        prefix: "HMACSHA256=",
    },
    schemes: Schemes::Fixed(Scheme {
        message: Message {
            separator: "\n",
            parts: &[
                Part {
                    label: "Client-Id:",
                    piece: Piece::Header("Client-Id"),
                },
                Part {
                    label: "Request-Id:",
                    piece: Piece::Header("Request-Id"),
                },
                Part {
                    label: "Request-Timestamp:",
                    piece: Piece::Header("Request-Timestamp"),
                },
                Part {
                    label: "Request-Target:",
                    piece: Piece::Path,
                },
                Part {
                    label: "Digest:",
                    piece: Piece::BodyDigest(Digest::Sha256, Encoding::Base64),
                },
            ],
        },
        algorithm: Algorithm::HmacSha256,
        encoding: Encoding::Base64,
    }),
};

static REFUSES: Envelope = Envelope {
    accepted_by: AcceptedBy::HttpStatus,
    code: "/error/code",
    accepted: &[],
    message: Some("/error/message"),
    data: None,
    codes: &[ResultCode {
        code: "INVALID_SIGNATURE",
        rejection: Rejection::BadSignature,
        doc: "The signature does not match",
    }],
    rejected_on: HttpStatuses::Only(&[400]),
    unlisted: None,
    server_error_refusals: None,
};

static SIGNED: SpecInfo = SpecInfo {
    id: "signed-xx",
    signing: Some(&HEADER_SIGNED),
    envelope: Some(&REFUSES),
    signed_headers: &["Client-Id", "Request-Id", "Request-Timestamp"],
    operations: &[OperationInfo {
        name: "create_payout",
        method: "POST",
        path: "/signed/payouts",
        content_type: Some("application/json"),
        role: OperationRole::Create,
        headers: &[
            HeaderPlan {
                name: "Client-Id",
                source: HeaderSource::KeyId,
            },
            HeaderPlan {
                name: "Request-Id",
                source: HeaderSource::RequestId,
            },
            HeaderPlan {
                name: "Request-Timestamp",
                source: HeaderSource::Iso8601,
            },
        ],
        answer: None,
        query_fields: &[],
        header_fields: &[],
        validate: valid,
        decode: undecoded,
        reading: None,
        reads: |_| Ok(()),
        signed: true,
    }],
    ..BARE
};

static SIGNED_SPECS: [&SpecInfo; 1] = [&SIGNED];

const HEADERS: [(&str, &str); 3] = [
    ("Client-Id", "MCH-0001-10791114622547"),
    ("Request-Id", "cc682442-6c22-493e-8121-b9ef6b3fa728"),
    ("Request-Timestamp", "2020-08-11T08:45:42Z"),
];

/// A create signed with `secret` over `signed`, sending `sent`.
fn signed_create(
    secret: &str,
    signed: &[u8],
    sent: &[u8],
    with_signature: bool,
) -> http::Request<Vec<u8>> {
    let fields = crate::json::read_object(signed).expect("an object");
    let input = MessageInput {
        fields: Fields::Body(&fields),
        body: Some(signed),
        headers: &HEADERS,
        method: Some("POST"),
        path: Some("/signed/payouts"),
    };
    let key = SharedSecret::new(secret).expect("secret");
    let signature = HEADER_SIGNED
        .scheme_for(None)
        .expect("a scheme")
        .sign_message(&input, &key)
        .expect("signs");
    let mut request = http::Request::builder()
        .method("POST")
        .uri("/signed/payouts")
        .header("content-type", "application/json");
    for (name, value) in HEADERS {
        request = request.header(name, value);
    }
    if with_signature {
        request = request.header("Signature", format!("HMACSHA256={signature}"));
    }
    request.body(sent.to_vec()).expect("request")
}

#[test]
fn a_request_signed_in_a_header_is_verified_over_its_bytes_path_and_headers() {
    let keys = super::config::Config::new(&SIGNED_SPECS)
        .resolve_keys()
        .expect("example keys");
    let provider = Provider {
        specs: &SIGNED_SPECS,
        keys,
        store: Store::default(),
        delay: Duration::ZERO,
    };
    let body = br#"{"amount":150000,"invoice_number":"INV-1"}"#;
    let genuine = signed_create(EXAMPLE_SECRET, body, body, true);
    assert_eq!(provider.handle(&genuine).response.status(), 200);
    let refusal = |request: &http::Request<Vec<u8>>| {
        let response = provider.handle(request).response;
        let answer: serde_json::Value =
            serde_json::from_slice(response.body()).expect("a JSON refusal");
        (response.status().as_u16(), answer["error"]["code"].clone())
    };
    let bad = (400, serde_json::json!("INVALID_SIGNATURE"));
    // Another body than the one signed, another key, no signature at all.
    let other = br#"{"amount":150001,"invoice_number":"INV-1"}"#;
    assert_eq!(
        refusal(&signed_create(EXAMPLE_SECRET, body, other, true)),
        bad
    );
    assert_eq!(
        refusal(&signed_create("not-the-secret", body, body, true)),
        bad
    );
    assert_eq!(
        refusal(&signed_create(EXAMPLE_SECRET, body, body, false)),
        bad
    );
}

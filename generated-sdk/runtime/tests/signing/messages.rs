//! Messages other than sorted pairs, against the providers' published vectors byte for
//! byte, and a request-target message against the OpenSSL command line.

use payspec_runtime::signing::{
    Algorithm, Digest, Encoding, Fields, Message, MessageInput, Part, Piece, Scheme, SharedSecret,
    VerifyError,
};

use crate::openssl::{openssl_piped, openssl_present};

/// The raw body, nothing else (RazorpayX's `X-Razorpay-Signature`, Paystack's
/// `x-paystack-signature`).
const fn raw_body(algorithm: Algorithm) -> Scheme {
    Scheme {
        message: Message {
            separator: "",
            parts: &[Part {
                label: "",
                piece: Piece::Body,
            }],
        },
        algorithm,
        encoding: Encoding::HexLower,
    }
}

/// The body with the key glued on, no separator, plain SHA-512 (Midtrans Iris's
/// `Iris-Signature`).
const BODY_THEN_KEY: Scheme = Scheme {
    message: Message {
        separator: "",
        parts: &[
            Part {
                label: "",
                piece: Piece::Body,
            },
            Part {
                label: "",
                piece: Piece::Secret,
            },
        ],
    },
    algorithm: Algorithm::Sha512,
    encoding: Encoding::HexLower,
};

/// One `Name:value` line per part, the body's SHA-256 last (a request-target scheme).
const REQUEST_TARGET: Scheme = Scheme {
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
};

fn over(body: &[u8]) -> MessageInput<'_> {
    MessageInput {
        body: Some(body),
        ..MessageInput::fields(Fields::None, &[])
    }
}

fn check(scheme: &Scheme, secret: &str, body: &[u8], expected: &str) {
    let key = SharedSecret::new(secret).expect("secret");
    assert_eq!(
        scheme.sign_message(&over(body), &key).as_deref(),
        Ok(expected)
    );
    assert_eq!(scheme.verify_message(&over(body), &key, expected), Ok(()));
    // A trailing newline is another body: the bytes are signed, never a re-reading.
    let mut longer = body.to_vec();
    longer.push(b'\n');
    assert_eq!(
        scheme.verify_message(&over(&longer), &key, expected),
        Err(VerifyError::Mismatch)
    );
}

#[test]
fn razorpay_webhook_vectors_verify_byte_for_byte() {
    // razorpay/razorpay-node test/utils/razorpay-utils.spec.js
    check(
        &raw_body(Algorithm::HmacSha256),
        "123456",
        br#"{"a":1,"b":2,"c":{"d":3}}"#,
        "2fe04e22977002e6c7cb553adab8b460cb9e2a4970d5953cb27a8472752e3bbc",
    );
    // razorpay/razorpay-go resources/verify_payment_test.go
    check(
        &raw_body(Algorithm::HmacSha256),
        "123456",
        br##"{"entity":"event","account_id":"acc_HVFD0PFnHPAzKj","event":"payment.authorized","contains":["payment"],"payload":{"payment":{"entity":{"id":"pay_JUEM4c0pSLpFEW","entity":"payment","amount":12300,"currency":"INR","status":"authorized","order_id":"order_JUELuT6cFaHkvd","invoice_id":null,"international":false,"method":"netbanking","amount_refunded":0,"refund_status":null,"captured":false,"description":"#JUELZ1z1EC0pwi","card_id":null,"bank":"SBIN","wallet":null,"vpa":null,"email":"prathmesh.bijjargi@razorpay.com","contact":"+917411714931","notes":[],"fee":null,"tax":null,"error_code":null,"error_description":null,"error_source":null,"error_step":null,"error_reason":null,"acquirer_data":{"bank_transaction_id":"6416615"},"created_at":1652339804}}},"created_at":1652339806}"##,
        "ea962f3a2a8090aa14ef10fc178306edcb46ee7ccadae8afe2275cda26f3d2a6",
    );
}

#[test]
fn paystack_webhook_vector_verifies_byte_for_byte() {
    // PaystackOSS/paystack-php tests/Mock/EventTestDouble.php
    check(
        &raw_body(Algorithm::HmacSha512),
        "sk_test_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        br#"{"event":"just.testing","data":{"domain":"test","invoice_code":"INV_mn8lm53yl17w19r","amount":150000,"period_start":"2017-01-13T00:00:00.000Z","period_end":"2017-02-12T23:59:59.000Z","status":"success","paid":true,"paid_at":"2017-01-13T00:00:16.000Z","description":null,"authorization":{"authorization_code":"AUTH_1nv4LiD","bin":"506506","last4":"7777","exp_month":"06","exp_year":"2099","card_type":"mastercard DEBIT","bank":"Capital Corp","country_code":"NG","brand":"mastercard","reusable":true},"subscription":{"status":"active","subscription_code":"SUB_youwishiwas","email_token":"youwishitis","amount":150000,"cron_expression":"0 0 13 * *","next_payment_date":"2017-02-13T00:00:00.000Z","open_invoice":null},"customer":{"first_name":null,"last_name":null,"email":"free@free_basics.com","customer_code":"CUS_youwhistle","phone":null,"metadata":null,"risk_action":"default"},"transaction":{"reference":"someref","status":"success","amount":150000,"currency":"NGN"},"created_at":"2017-01-13T00:00:02.000Z"}}"#,
        "d955c6a79e1bc1e29aac57882ab71f8c2d93d8bf6f4fd51c3ce2fede2986124cafbe657fc7655b20e6a9d4e684bfa875bdd55e577015a9532e9543c9c11c81a9",
    );
    // The same test's other keys do not verify it.
    let other = SharedSecret::new("sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").expect("secret");
    assert_eq!(
        raw_body(Algorithm::HmacSha512).verify_message(
            &over(b"{}"),
            &other,
            "d955c6a79e1bc1e29aac57882ab71f8c2d93d8bf6f4fd51c3ce2fede2986124cafbe657fc7655b20e6a9d4e684bfa875bdd55e577015a9532e9543c9c11c81a9"
        ),
        Err(VerifyError::Mismatch)
    );
}

#[test]
fn midtrans_iris_vector_verifies_byte_for_byte() {
    // docs.midtrans.com/reference/validating-payout-notification
    check(
        &BODY_THEN_KEY,
        "IRIS-merchant-d8709d85-19d6-39c4-7ff5-8eaf81ec31cd",
        br#"{"reference_no":"TLtXjaG7LxcbEhgo7S","amount":"12333.0","status":"processed","updated_at":"2023-03-31T10:12:28Z"}"#,
        "8b8a8ce380887acf162a17cc4bed7b7ff1c94fc637201ebed7ab1a7f32596810cbd9fc78d2db051ef851f97c05cd5f840d10ee34d58021c18d6ef69a793b7116",
    );
}

#[test]
fn a_request_target_message_matches_openssl() {
    let secret = "SK-hCJ42G28TA0MKG9LE2E3";
    let body = br#"{"payout":{"amount":150000,"invoice_number":"INV-2026-0001"}}"#;
    if !openssl_present("a_request_target_message_matches_openssl") {
        return;
    }
    let digest = openssl_piped(&["dgst", "-sha256", "-binary"], body)
        .and_then(|raw| openssl_piped(&["base64", "-A"], &raw))
        .expect("openssl digests");
    let digest = String::from_utf8(digest).expect("base64 is text");
    // The message written out by hand, as the rule states it.
    let message = format!(
        "Client-Id:MCH-0001-10791114622547\nRequest-Id:cc682442-6c22-493e-8121-b9ef6b3fa728\nRequest-Timestamp:2020-08-11T08:45:42Z\nRequest-Target:/sac-merchant/v1/payouts\nDigest:{digest}"
    );
    let mac = openssl_piped(
        &["dgst", "-sha256", "-hmac", secret, "-binary"],
        message.as_bytes(),
    )
    .and_then(|raw| openssl_piped(&["base64", "-A"], &raw))
    .expect("openssl signs");
    let expected = String::from_utf8(mac).expect("base64 is text");
    let headers = [
        ("Client-Id", "MCH-0001-10791114622547"),
        ("Request-Id", "cc682442-6c22-493e-8121-b9ef6b3fa728"),
        ("Request-Timestamp", "2020-08-11T08:45:42Z"),
    ];
    let input = MessageInput {
        fields: Fields::None,
        body: Some(body),
        headers: &headers,
        method: Some("POST"),
        path: Some("/sac-merchant/v1/payouts"),
    };
    assert_eq!(
        REQUEST_TARGET.explain(&input).as_deref(),
        Ok(message.as_str())
    );
    let key = SharedSecret::new(secret).expect("secret");
    assert_eq!(
        REQUEST_TARGET.sign_message(&input, &key).as_deref(),
        Ok(expected.as_str())
    );
}

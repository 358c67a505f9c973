//! The providers' published signing vectors (TeemoPay's signing rules, the gateway's
//! signature page), byte for byte.

use payspec_runtime::signing::{Algorithm, Encoding, RsaBackend, SharedSecret, hmac_sha256, md5};
use sha1::{Digest as _, Sha1};

use crate::common::{
    GATEWAY, GATEWAY_HMAC, GATEWAY_MD5, TEEMOPAY, TEEMOPAY_SCHEME, body, teemopay_private,
    teemopay_public,
};

const TEEMOPAY_STRING: &str = "amount=1000&callbackUrl=https://www.teemopay.com&email=test@gmail.com&idCardNumber=1234567890&merchantOrderNo=TEST1234567890&paymentType=1&phone=3000000000&realName=TeemoPay&nonce=0123456789abcdef0123456789abcdef";
const TEEMOPAY_SIGN: &str = "hUgZND3T8WXKBlcbaZC7xHeuRVUBrXYtJvw9ZGoTMTq72JiD0RT9Ip8Z2/cZTyYCrcu5A0vKu03jU36uw7MIb0VyFRgBYXkjW3vQaBaDkV+LQnA6kLB8Hi+Vg+u0nDiJk/10zW0krX7BaR4ZmUPWDKcwbilIf13c5Ypmqf9JA90=";
const TEEMOPAY_NONCE: &str = "0123456789abcdef0123456789abcdef";

const TEEMOPAY_PAIRS: [(&str, Option<&str>); 9] = [
    ("amount", Some("1000")),
    ("callbackUrl", Some("https://www.teemopay.com")),
    ("email", Some("test@gmail.com")),
    ("idCardNumber", Some("1234567890")),
    ("merchantOrderNo", Some("TEST1234567890")),
    ("paymentType", Some("1")),
    ("phone", Some("3000000000")),
    ("realName", Some("TeemoPay")),
    ("remark", None),
];

const MD5_KEY: &str = "2I9Q4nExEddsH6zo";
const MD5_STRING: &str = "amount=100000&name=王小头&notify_url=http://localhost:52630/gateway/test-notification&number=6216667451674374&payout_cl_id=test_gateway_1707220674&platform_id=PF0001&request_time=1707220674&service_id=SVC0004&2I9Q4nExEddsH6zo";
const MD5_SIGN: &str = "bc29e8a132edf819431227154c2586c6";
const MD5_PAIRS: [(&str, Option<&str>); 9] = [
    ("amount", Some("100000")),
    ("name", Some("王小头")),
    (
        "notify_url",
        Some("http://localhost:52630/gateway/test-notification"),
    ),
    ("number", Some("6216667451674374")),
    ("payout_cl_id", Some("test_gateway_1707220674")),
    ("platform_id", Some("PF0001")),
    ("request_time", Some("1707220674")),
    ("service_id", Some("SVC0004")),
    ("sign", Some("ignored: excluded")),
];

const HMAC_KEY: &str = "ThisIsYourSecretKey123";
const HMAC_STRING: &str = "amount=50000&notify_url=https://your-domain.com/callback&payment_cl_id=DEVPM00014581&platform_id=PF0002&request_time=1595504136&service_id=SVC0001";
const HMAC_SIGN: &str = "d8857715eece9c4b52b5e128ba541ee918effdc052c1152f6d1db0be7f1db509";
const HMAC_PAIRS: [(&str, Option<&str>); 7] = [
    ("amount", Some("50000")),
    ("notify_url", Some("https://your-domain.com/callback")),
    ("payment_cl_id", Some("DEVPM00014581")),
    ("platform_id", Some("PF0002")),
    ("request_time", Some("1595504136")),
    ("service_id", Some("SVC0001")),
    ("sign_type", Some("HMAC-SHA256")),
];

#[test]
fn teemopay_string_is_built_from_the_vectors_pairs() {
    let extras = [("nonce", TEEMOPAY_NONCE)];
    let text = TEEMOPAY_SCHEME
        .string_to_sign_redacted(&TEEMOPAY_PAIRS, &extras)
        .expect("builds");
    assert_eq!(text, TEEMOPAY_STRING);
}

#[test]
fn teemopay_rsa_sha1_primitive_matches_the_published_signature() {
    let key = teemopay_private();
    let raw = Algorithm::RsaSha1
        .sign_bytes(&key, TEEMOPAY_STRING.as_bytes())
        .expect("signs");
    assert_eq!(Encoding::Base64.encode(&raw), TEEMOPAY_SIGN);
    assert_eq!(TEEMOPAY_SIGN.len(), 172);
    Algorithm::RsaSha1
        .verify_bytes(&teemopay_public(), TEEMOPAY_STRING.as_bytes(), &raw)
        .expect("published public key verifies");
}

/// Each backend compiled in (the `rsa` crate; OpenSSL too with feature `openssl`), given
/// the vector's SHA-1, writes the published signature and verifies it.
#[test]
fn every_rsa_backend_signs_the_published_digest() {
    let digest = Sha1::digest(TEEMOPAY_STRING.as_bytes());
    let published = Encoding::Base64.decode(TEEMOPAY_SIGN).expect("base64");
    for backend in RsaBackend::ALL {
        let raw = backend
            .sign_digest(Algorithm::RsaSha1, &teemopay_private(), &digest)
            .expect("signs");
        assert_eq!(raw, published, "{backend:?}");
        assert!(
            backend.verify_digest(Algorithm::RsaSha1, &teemopay_public(), &digest, &published),
            "{backend:?}"
        );
    }
}

#[test]
fn teemopay_scheme_signs_the_vector_and_verifies_the_body() {
    let key = teemopay_private();
    let extras = [("nonce", TEEMOPAY_NONCE)];
    let signature = TEEMOPAY_SCHEME
        .sign(&TEEMOPAY_PAIRS, &extras, &key)
        .expect("signs");
    assert_eq!(signature, TEEMOPAY_SIGN);
    TEEMOPAY_SCHEME
        .verify_pairs(&TEEMOPAY_PAIRS, &extras, &teemopay_public(), &signature)
        .expect("verifies from pairs");

    // The same request as it arrives on the wire: numbers as JSON numbers, fields in
    // another order, a null and a blank field (both dropped), the signature inside.
    let received = body(&format!(
        r#"{{"realName":"TeemoPay","paymentType":1,"amount":1000,"phone":"3000000000",
            "merchantOrderNo":"TEST1234567890","idCardNumber":"1234567890","email":"test@gmail.com",
            "callbackUrl":"https://www.teemopay.com","bankCode":null,"remark":"  ","sign":"{TEEMOPAY_SIGN}"}}"#
    ));
    TEEMOPAY
        .verify_body(&received, &extras, &teemopay_public())
        .expect("verifies the body");
    assert_eq!(
        TEEMOPAY.explain_body(&received, &extras).expect("explains"),
        TEEMOPAY_STRING
    );
}

#[test]
fn teemopay_signing_a_body_puts_the_published_signature_in_sign() {
    let mut request = body(
        r#"{"amount":1000,"callbackUrl":"https://www.teemopay.com","email":"test@gmail.com",
            "idCardNumber":"1234567890","merchantOrderNo":"TEST1234567890","paymentType":1,
            "phone":"3000000000","realName":"TeemoPay"}"#,
    );
    TEEMOPAY
        .sign_body(
            &mut request,
            &[("nonce", TEEMOPAY_NONCE)],
            &teemopay_private(),
        )
        .expect("signs");
    assert_eq!(
        request.get("sign").and_then(|v| v.as_str()),
        Some(TEEMOPAY_SIGN)
    );
}

#[test]
fn gateway_md5_string_and_digest_match_the_vector() {
    let secret = SharedSecret::new(MD5_KEY).expect("secret");
    let text = GATEWAY_MD5
        .string_to_sign(&MD5_PAIRS, &[], Some(&secret))
        .expect("builds");
    assert_eq!(text.as_bytes(), MD5_STRING.as_bytes());
    assert!(text.contains_secret());
    assert_eq!(Encoding::HexLower.encode(&md5(text.as_bytes())), MD5_SIGN);
    assert_eq!(
        GATEWAY_MD5.sign(&MD5_PAIRS, &[], &secret).expect("signs"),
        MD5_SIGN
    );
    assert_eq!(
        GATEWAY_MD5
            .string_to_sign_redacted(&MD5_PAIRS, &[])
            .expect("builds"),
        MD5_STRING.replace(MD5_KEY, "<platform key>")
    );
}

#[test]
fn gateway_without_sign_type_verifies_with_md5() {
    let secret = SharedSecret::new(MD5_KEY).expect("secret");
    let received = body(&format!(
        r#"{{"service_id":"SVC0004","platform_id":"PF0001","payout_cl_id":"test_gateway_1707220674",
            "amount":100000,"number":"6216667451674374","name":"王小头","request_time":1707220674,
            "notify_url":"http://localhost:52630/gateway/test-notification","bank_code":"","sign":"{MD5_SIGN}"}}"#
    ));
    GATEWAY
        .verify_body(&received, &[], &secret)
        .expect("MD5 verifies");
    // Hex is compared as bytes, so an uppercase signature is the same signature.
    GATEWAY_MD5
        .verify(&received, &[], &secret, &MD5_SIGN.to_uppercase())
        .expect("uppercase hex verifies");
}

#[test]
fn gateway_hmac_string_and_tag_match_the_vector() {
    let secret = SharedSecret::new(HMAC_KEY).expect("secret");
    let text = GATEWAY_HMAC
        .string_to_sign(&HMAC_PAIRS, &[], Some(&secret))
        .expect("builds");
    assert_eq!(text.public_text(), Some(HMAC_STRING));
    let tag = hmac_sha256(&secret, text.as_bytes()).expect("hmac");
    assert_eq!(Encoding::HexLower.encode(&tag), HMAC_SIGN);
    assert_eq!(
        GATEWAY_HMAC.sign(&HMAC_PAIRS, &[], &secret).expect("signs"),
        HMAC_SIGN
    );
}

#[test]
fn gateway_sign_type_hmac_selects_hmac() {
    let secret = SharedSecret::new(HMAC_KEY).expect("secret");
    let received = body(&format!(
        r#"{{"amount":50000,"notify_url":"https://your-domain.com/callback","payment_cl_id":"DEVPM00014581",
            "platform_id":"PF0002","request_time":1595504136,"service_id":"SVC0001",
            "sign_type":"HMAC-SHA256","sign":"{HMAC_SIGN}"}}"#
    ));
    assert_eq!(GATEWAY.scheme_for_body(&received), Ok(&GATEWAY_HMAC));
    GATEWAY
        .verify_body(&received, &[], &secret)
        .expect("HMAC verifies");

    let mut request = received.clone();
    request.remove("sign");
    GATEWAY
        .sign_body(&mut request, &[], &secret)
        .expect("signs");
    assert_eq!(
        request.get("sign").and_then(|v| v.as_str()),
        Some(HMAC_SIGN)
    );
}

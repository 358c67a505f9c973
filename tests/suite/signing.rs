//! Signing through the generated API, for every spec: each signature agrees with an
//! independent implementation (this file's own string builder and the OpenSSL command
//! line) on hundreds of random conforming requests; verification refuses any tampering.

use payspec_sdk::prelude::*;
use std::collections::BTreeMap;

use payspec_sdk::runtime::signing::{MerchantPrivateKey, PlatformPublicKey, SharedSecret};
use payspec_sdk::{gateway_id, teemopay_id, teemopay_kr, teemopay_mx, teemopay_pe};
use serde_json::{Map, Value};

const GATEWAY_KEY: &str = "2I9Q4nExEddsH6zo";

fn fixture(name: &str) -> String {
    let path = payspec_tests::tests_dir()
        .join("../generated-sdk/runtime/tests/fixtures/signing")
        .join(name);
    std::fs::read_to_string(path).expect("fixture")
}

fn teemopay_keys() -> (MerchantPrivateKey, PlatformPublicKey) {
    let private = MerchantPrivateKey::from_text(&fixture("teemopay-example-1024.pkcs8.pem"))
        .expect("private key");
    let public = PlatformPublicKey::from_text(&fixture("teemopay-example-1024.spki.pem"))
        .expect("public key");
    (private, public)
}

/// The string to sign, built here from the JSON body as the providers' pages describe it,
/// sharing no code with the SDK.
fn reference_string(
    body: &Map<String, Value>,
    exclude: &[&str],
    drop_blank: bool,
    tail: &str,
) -> String {
    let mut sorted: BTreeMap<&[u8], (&str, String)> = BTreeMap::new();
    for (name, value) in body {
        if exclude.contains(&name.as_str()) {
            continue;
        }
        let text = match value {
            Value::Null => continue,
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if text.is_empty() || (drop_blank && text.trim().is_empty()) {
            continue;
        }
        sorted.insert(name.as_bytes(), (name, text));
    }
    let joined: Vec<String> = sorted.values().map(|(n, v)| format!("{n}={v}")).collect();
    format!("{}{tail}", joined.join("&"))
}

fn openssl(args: &[&str], input: &[u8]) -> Vec<u8> {
    payspec_tests::openssl(args, input).expect("openssl is installed (CI installs it)")
}

/// `openssl dgst -r` prints `<hex> *stdin`.
fn openssl_hex(args: &[&str], input: &[u8]) -> String {
    let out = String::from_utf8(openssl(args, input)).expect("utf-8");
    out.split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// A small deterministic generator, so a failure can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn from(&mut self, alphabet: &str, min: u64, max: u64) -> String {
        let chars: Vec<char> = alphabet.chars().collect();
        let len = min + self.below(max - min + 1);
        (0..len)
            .map(|_| chars[self.below(chars.len() as u64) as usize])
            .collect()
    }
    fn digits(&mut self, n: u64) -> String {
        self.from("0123456789", n, n)
    }
}

const ALNUM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const NAME: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ 王小头김민수ñé";

/// A random request body that conforms to `spec`.
fn random_body(spec: &str, rng: &mut Rng) -> Value {
    let order = rng.from(ALNUM, 1, 32);
    let name = rng.from(NAME, 2, 16).trim().to_string() + "x";
    let optional_url = if rng.below(2) == 0 {
        Value::Null
    } else {
        Value::String(format!("https://m.example/{}", rng.from(ALNUM, 1, 20)))
    };
    let mut body = match spec {
        "teemopay-id" => {
            serde_json::json!({"merchantOrderNo": order, "amount": (1 + rng.below(10_000_000)).to_string(),
            "accountType": 501, "bankAccount": rng.digits(11), "realName": name,
            "phone": format!("08{}", rng.digits(9)), "email": "budi@example.com", "bankName": "Bank BCA",
            "callbackUrl": optional_url, "bankCode": "0007"})
        }
        "teemopay-kr" => {
            serde_json::json!({"merchantOrderNo": order, "amount": (1 + rng.below(10_000_000)).to_string(),
            "bankCode": "088", "bankName": "Shinhan Bank", "accountType": 801, "bankAccount": rng.digits(14),
            "realName": rng.from("ABCDEFGHIJKLMNOPQRSTUVWXYZ 김민수", 2, 20).trim().to_string() + "K",
            "idType": if rng.below(2) == 0 { "RRN" } else { "CO" }, "callbackUrl": optional_url})
        }
        "teemopay-pe" => {
            serde_json::json!({"merchantOrderNo": order, "amount": format!("{}.{:02}", rng.below(100_000), rng.below(100)),
            "bankCode": "2", "bankName": "INTERBANK", "accountType": if rng.below(2) == 0 { 101 } else { 102 },
            "bankAccount": rng.digits(13), "cciNumber": rng.digits(20), "realName": name, "idType": "DNI",
            "idCardNumber": rng.digits(8), "phone": format!("9{}", rng.digits(8)), "callbackUrl": optional_url})
        }
        "teemopay-mx" => {
            serde_json::json!({"merchantOrderNo": order, "amount": format!("{}.{:02}", 1 + rng.below(100_000), rng.below(100)),
            "bankCode": "40012", "bankName": "BBVA MEXICO", "accountType": 40, "bankAccount": format!("012{}", rng.digits(15)),
            "realName": name, "idCardNumber": rng.digits(10), "callbackUrl": optional_url})
        }
        _ => {
            serde_json::json!({"platform_id": rng.from(ALNUM, 1, 7), "service_id": "SVC0004", "payout_cl_id": order,
            "amount": 1 + rng.below(9_999_999_999), "currency": "idr", "bank_name": "BCA",
            "name": rng.from(NAME, 1, 16), "number": rng.digits(16), "request_time": 1_700_000_000 + rng.below(99_999_999),
            "notify_url": optional_url, "sign_type": if rng.below(2) == 0 { Value::String("HMAC-SHA256".into()) } else { Value::Null }})
        }
    };
    body.as_object_mut()
        .expect("object")
        .retain(|_, v| !v.is_null());
    body
}

/// Signs `body` through the generated API of `spec`; returns the signed body as sent.
fn sign(
    spec: &str,
    body: &[u8],
    nonce: &str,
    rsa: &MerchantPrivateKey,
    secret: &SharedSecret,
) -> Vec<u8> {
    let signed = match spec {
        "teemopay-id" => teemopay_id::CreatePayoutRequest::from_json(body)
            .expect("valid")
            .sign_with_nonce(rsa, nonce)
            .map(|s| s.to_json()),
        "teemopay-kr" => teemopay_kr::CreatePayoutRequest::from_json(body)
            .expect("valid")
            .sign_with_nonce(rsa, nonce)
            .map(|s| s.to_json()),
        "teemopay-pe" => teemopay_pe::CreatePayoutRequest::from_json(body)
            .expect("valid")
            .sign_with_nonce(rsa, nonce)
            .map(|s| s.to_json()),
        "teemopay-mx" => teemopay_mx::CreatePayoutRequest::from_json(body)
            .expect("valid")
            .sign_with_nonce(rsa, nonce)
            .map(|s| s.to_json()),
        _ => gateway_id::CreatePayoutRequest::from_json(body)
            .expect("valid")
            .sign(secret)
            .map(|s| s.to_json()),
    };
    signed.expect("signs").expect("serializes")
}

#[test]
fn generated_signatures_agree_with_openssl_on_random_requests() {
    let (private, _) = teemopay_keys();
    let key_file = std::env::temp_dir().join(format!("payspec-sign-{}.pem", std::process::id()));
    std::fs::write(&key_file, fixture("teemopay-example-1024.pkcs8.pem")).expect("write key");
    let key_path = key_file.to_str().expect("utf-8 path");
    let secret = SharedSecret::new(GATEWAY_KEY).expect("secret");
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let per_spec = 120;
    for spec in [
        "teemopay-id",
        "teemopay-kr",
        "teemopay-pe",
        "teemopay-mx",
        "gateway-id",
    ] {
        for _ in 0..per_spec {
            let request = serde_json::to_vec(&random_body(spec, &mut rng)).expect("json");
            let nonce = rng.from(ALNUM, 32, 32);
            let sent: Map<String, Value> =
                serde_json::from_slice(&sign(spec, &request, &nonce, &private, &secret))
                    .expect("json");
            let signature = sent["sign"].as_str().expect("sign is text").to_string();
            let expected = if spec == "gateway-id" {
                let hmac = sent.get("sign_type").is_some();
                let string = reference_string(
                    &sent,
                    &["sign", "sign_type"],
                    false,
                    if hmac { "" } else { "&2I9Q4nExEddsH6zo" },
                );
                if hmac {
                    openssl_hex(
                        &["dgst", "-sha256", "-hmac", GATEWAY_KEY, "-r"],
                        string.as_bytes(),
                    )
                } else {
                    openssl_hex(&["dgst", "-md5", "-r"], string.as_bytes())
                }
            } else {
                let string = reference_string(&sent, &["sign"], true, &format!("&nonce={nonce}"));
                let raw = openssl(&["dgst", "-sha1", "-sign", key_path], string.as_bytes());
                openssl_hex(&["base64", "-A"], &raw)
            };
            assert_eq!(
                signature,
                expected,
                "{spec}: {}",
                String::from_utf8_lossy(&request)
            );
        }
    }
    let _ = std::fs::remove_file(key_file);
}

fn tampered(body: &Map<String, Value>) -> Vec<Map<String, Value>> {
    let mut out = Vec::new();
    for name in body.keys().filter(|k| *k != "sign") {
        let mut changed = body.clone();
        changed.insert(
            name.clone(),
            Value::String(format!(
                "{}1",
                body[name]
                    .as_str()
                    .map_or(body[name].to_string(), str::to_string)
            )),
        );
        out.push(changed);
        let mut dropped = body.clone();
        dropped.remove(name);
        out.push(dropped);
    }
    let mut added = body.clone();
    added.insert("extra".into(), Value::String("1".into()));
    out.push(added);
    out
}

#[test]
fn verification_accepts_the_signed_body_and_refuses_any_tampering() {
    let (private, public) = teemopay_keys();
    let secret = SharedSecret::new(GATEWAY_KEY).expect("secret");
    let mut rng = Rng(42);
    for spec in [
        "teemopay-id",
        "teemopay-kr",
        "teemopay-pe",
        "teemopay-mx",
        "gateway-id",
    ] {
        let request = serde_json::to_vec(&random_body(spec, &mut rng)).expect("json");
        let nonce = rng.from(ALNUM, 32, 32);
        let sent = sign(spec, &request, &nonce, &private, &secret);
        let verify = |body: &[u8], nonce: &str| match spec {
            "teemopay-id" => teemopay_id::verify(body, &public, nonce),
            "teemopay-kr" => teemopay_kr::verify(body, &public, nonce),
            "teemopay-pe" => teemopay_pe::verify(body, &public, nonce),
            "teemopay-mx" => teemopay_mx::verify(body, &public, nonce),
            _ => gateway_id::verify(body, &secret),
        };
        assert_eq!(verify(&sent, &nonce), Ok(()), "{spec}");
        if spec != "gateway-id" {
            assert!(
                verify(&sent, &format!("{}x", &nonce[1..])).is_err(),
                "{spec}: another nonce"
            );
        }
        let body: Map<String, Value> = serde_json::from_slice(&sent).expect("json");
        for bad in tampered(&body) {
            let bytes = serde_json::to_vec(&bad).expect("json");
            assert!(
                verify(&bytes, &nonce).is_err(),
                "{spec}: tampered body verified: {bad:?}"
            );
        }
    }
}

#[test]
fn string_to_sign_shows_what_is_signed_without_the_secret() {
    let body = random_body("gateway-id", &mut Rng(7));
    let mut body = body.as_object().expect("object").clone();
    body.remove("sign_type");
    let valid =
        gateway_id::CreatePayoutRequest::from_json(&serde_json::to_vec(&body).expect("json"))
            .expect("valid");
    let shown = valid.string_to_sign(None).expect("string");
    assert!(!shown.contains(GATEWAY_KEY));
    let serialized: Map<String, Value> =
        serde_json::from_slice(&serde_json::to_vec(&*valid).expect("json")).expect("json");
    assert_eq!(
        shown,
        reference_string(
            &serialized,
            &["sign", "sign_type"],
            false,
            "&<platform key>"
        )
    );
}

/// The signature alone is only given where the caller has every value it signs: for a
/// message that signs a nonce, with the nonce, equal to the signed request's; without one
/// (it would be drawn and lost), refused.
#[test]
fn the_signature_alone_needs_the_nonce_it_signs() {
    let (private, _) = teemopay_keys();
    let spec = payspec_tests::specs()
        .into_iter()
        .find(|s| s.id == "teemopay-mx")
        .expect("the spec");
    let example = &spec.operations[0]
        .examples
        .iter()
        .find(|e| e.violations.is_empty())
        .expect("a valid example")
        .json;
    let valid = teemopay_mx::CreatePayoutRequest::from_json(example.as_bytes()).expect("valid");
    let nonce = "0123456789abcdef0123456789abcdef";
    assert_eq!(
        valid.signature(&private, None),
        Err(payspec_sdk::runtime::signing::SignError::HeaderNotGiven { header: "nonce" })
    );
    let alone = valid.signature(&private, Some(nonce)).expect("signs");
    let signed = valid.sign_with_nonce(&private, nonce).expect("signs");
    assert_eq!(alone, signed.signature());
}

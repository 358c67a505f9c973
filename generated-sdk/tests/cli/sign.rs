//! `payspec sign` and `payspec verify` against OpenSSL and the providers' own description
//! of the string to sign, over every valid example of every spec that signs in a body field.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use super::payspec;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/runtime/tests/fixtures/signing"
);
const GATEWAY_SECRET: &str = "2I9Q4nExEddsH6zo";

/// `payspec <command> SPEC --key-file KEY --nonce NONCE` (`sign` or `verify`) over `body`.
pub(super) fn with_nonce(command: &str, spec: &str, key: &str, nonce: &str, body: &[u8]) -> Output {
    payspec(&[command, spec, "--key-file", key, "--nonce", nonce], body)
}

/// The keys `payspec sign` and `payspec verify` read: (signing file, verifying file).
pub(super) fn key_files(spec: &str) -> (String, String) {
    if spec.starts_with("gateway") {
        // A file per call: tests run in parallel, and one writing the file while another
        // reads it would hand the reader an empty key.
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("payspec-cli-secret-{}-{n}", std::process::id()));
        std::fs::write(&path, GATEWAY_SECRET).expect("write secret");
        let path = path.to_string_lossy().into_owned();
        (path.clone(), path)
    } else {
        (
            format!("{FIXTURES}/teemopay-example-1024.pkcs8.pem"),
            format!("{FIXTURES}/teemopay-example-1024.spki.pem"),
        )
    }
}

/// The string to sign, built here from the body as the providers describe it.
fn reference_string(
    body: &serde_json::Map<String, serde_json::Value>,
    exclude: &[&str],
    drop_blank: bool,
) -> String {
    let mut names: Vec<&String> = body
        .keys()
        .filter(|k| !exclude.contains(&k.as_str()))
        .collect();
    names.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    let parts: Vec<String> = names
        .into_iter()
        .filter_map(|name| {
            let text = match &body[name] {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => return None,
                other => other.to_string(),
            };
            let dropped = text.is_empty() || (drop_blank && text.trim().is_empty());
            (!dropped).then(|| format!("{name}={text}"))
        })
        .collect();
    parts.join("&")
}

pub(super) fn openssl(args: &[&str], input: &[u8]) -> Vec<u8> {
    let mut child = Command::new("openssl")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("openssl is installed (CI installs it)");
    let _ = child.stdin.take().expect("stdin").write_all(input);
    let out = child.wait_with_output().expect("openssl");
    assert!(out.status.success(), "openssl {args:?}");
    out.stdout
}

pub(super) fn first_word(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .expect("utf-8")
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The valid examples of each spec that signs its requests in a body field, as JSON objects.
pub(super) fn valid_examples() -> Vec<(String, serde_json::Map<String, serde_json::Value>)> {
    let specs_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs");
    let (specs, _, diagnostics) = payspec_codegen::check_dir(std::path::Path::new(specs_dir));
    assert!(diagnostics.is_empty(), "{diagnostics}");
    let mut out = Vec::new();
    // The specs whose requests carry their signature in a body field: what `sign` writes.
    for spec in specs
        .into_iter()
        .filter(|s| s.signing.as_ref().is_some_and(|g| g.field().is_some()))
    {
        for example in spec.operations[0]
            .examples
            .iter()
            .filter(|e| e.violations.is_empty())
        {
            let mut body: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&example.json).expect("object");
            body.remove("sign");
            out.push((spec.id.clone(), body));
        }
    }
    out
}

#[test]
fn sign_agrees_with_openssl_on_hundreds_of_requests_of_every_spec() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let alnum: Vec<char> = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        .chars()
        .collect();
    let examples = valid_examples();
    let mut checked = std::collections::BTreeMap::<String, usize>::new();
    for round in 0..240 {
        let (spec, base) = &examples[round % examples.len()];
        let mut body = base.clone();
        let order_field = if spec.starts_with("gateway") {
            "payout_cl_id"
        } else {
            "merchantOrderNo"
        };
        let order: String = (0..1 + next(32))
            .map(|_| alnum[next(62) as usize])
            .collect();
        body.insert(order_field.into(), order.into());
        if spec.starts_with("gateway") && next(2) == 0 {
            body.insert("sign_type".into(), "HMAC-SHA256".into());
        }
        let nonce: String = (0..32).map(|_| alnum[next(62) as usize]).collect();
        let (signing_key, _) = key_files(spec);
        let request = serde_json::to_vec(&body).expect("json");
        let out = payspec(
            &[
                "sign",
                spec,
                "--key-file",
                &signing_key,
                "--nonce",
                &nonce,
                "-",
            ],
            &request,
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{spec}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let sent: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&out.stdout).expect("signed body");
        let signature = sent["sign"].as_str().expect("sign").to_string();
        let expected = if spec.starts_with("gateway") {
            if sent.contains_key("sign_type") {
                let string = reference_string(&sent, &["sign", "sign_type"], false);
                first_word(openssl(
                    &["dgst", "-sha256", "-hmac", GATEWAY_SECRET, "-r"],
                    string.as_bytes(),
                ))
            } else {
                let string = format!(
                    "{}&{GATEWAY_SECRET}",
                    reference_string(&sent, &["sign", "sign_type"], false)
                );
                first_word(openssl(&["dgst", "-md5", "-r"], string.as_bytes()))
            }
        } else {
            let string = format!("{}&nonce={nonce}", reference_string(&sent, &["sign"], true));
            let raw = openssl(&["dgst", "-sha1", "-sign", &signing_key], string.as_bytes());
            first_word(openssl(&["base64", "-A"], &raw))
        };
        assert_eq!(
            signature,
            expected,
            "{spec}: {}",
            String::from_utf8_lossy(&request)
        );
        *checked.entry(spec.clone()).or_default() += 1;
    }
    let signed_in_body = payspec_sdk::SPECS
        .iter()
        .filter(|s| s.signing.is_some_and(|g| g.signature_field().is_some()))
        .count();
    assert_eq!(checked.len(), signed_in_body, "every spec: {checked:?}");
}

#[test]
fn verify_accepts_what_sign_wrote_and_refuses_tampering() {
    for (spec, body) in valid_examples()
        .into_iter()
        .filter(|(s, _)| s.ends_with("-mx") || s.starts_with("gateway"))
        .take(4)
    {
        let (signing_key, verifying_key) = key_files(&spec);
        let nonce = "0123456789abcdef0123456789abcdef";
        let json = serde_json::to_vec(&body).expect("json");
        let signed = with_nonce("sign", &spec, &signing_key, nonce, &json);
        assert_eq!(signed.status.code(), Some(0));
        let verify =
            |nonce: &str, body: &[u8]| with_nonce("verify", &spec, &verifying_key, nonce, body);
        let ok = verify(nonce, &signed.stdout);
        assert_eq!(
            ok.status.code(),
            Some(0),
            "{spec}: {}",
            String::from_utf8_lossy(&ok.stdout)
        );
        let mut tampered: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&signed.stdout).expect("json");
        tampered.insert("extra".into(), "1".into());
        let bad = verify(nonce, &serde_json::to_vec(&tampered).expect("json"));
        assert_eq!(bad.status.code(), Some(1), "{spec}");
        if !spec.starts_with("gateway") {
            let other_nonce = verify("x", &signed.stdout);
            assert_eq!(other_nonce.status.code(), Some(1), "{spec}");
        }
        let not_json = verify(nonce, b"not json");
        assert_eq!(not_json.status.code(), Some(2), "{spec}");
    }
}

#[test]
fn sign_refuses_invalid_requests_and_bad_keys_and_draws_a_nonce() {
    let (key, _) = key_files("teemopay-kr");
    let invalid = payspec(
        &["sign", "teemopay-kr", "--key-file", &key],
        br#"{"realName": "K"}"#,
    );
    assert_eq!(invalid.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&invalid.stdout).contains("/realName\tlength\t"));
    let no_key = payspec(
        &["sign", "teemopay-kr", "--key-file", "/no/such/key"],
        b"{}",
    );
    assert_eq!(no_key.status.code(), Some(2));
    let garbage_key =
        std::env::temp_dir().join(format!("payspec-cli-badkey-{}", std::process::id()));
    std::fs::write(
        &garbage_key,
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
    )
    .expect("write");
    let bad_key = payspec(
        &[
            "sign",
            "teemopay-kr",
            "--key-file",
            garbage_key.to_str().expect("utf-8"),
        ],
        b"{}",
    );
    assert_eq!(bad_key.status.code(), Some(2));
    assert!(
        !String::from_utf8_lossy(&bad_key.stderr).contains("AAAA"),
        "key text echoed"
    );
    let _ = std::fs::remove_file(garbage_key);
    let (spec, body) = valid_examples()
        .into_iter()
        .find(|(s, _)| s == "teemopay-kr")
        .expect("a KR example");
    let drawn = payspec(
        &["sign", &spec, "--key-file", &key, "--explain"],
        &serde_json::to_vec(&body).expect("json"),
    );
    assert_eq!(drawn.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&drawn.stderr);
    let nonce = stderr
        .lines()
        .find_map(|l| l.strip_prefix("nonce: "))
        .expect("the drawn nonce is printed");
    assert_eq!(nonce.len(), 32);
    assert!(
        stderr.contains(&format!("&nonce={nonce}")),
        "--explain shows the string: {stderr}"
    );
}

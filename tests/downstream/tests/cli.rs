//! The command line over this crate's own registry: its specs, not the SDK's.

use std::process::Command;

fn merchant_payspec(args: &[&str], stdin: &str) -> (i32, String, String) {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_merchant-payspec"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the command starts");
    // The command may exit without reading (a spec it does not have): a closed pipe is
    // not a failure.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    let out = child.wait_with_output().expect("the command ends");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn list_shows_this_crates_specs_only() {
    let (code, out, _) = merchant_payspec(&["list"], "");
    assert_eq!(code, 0);
    let ids: Vec<&str> = out.lines().filter_map(|l| l.split('\t').next()).collect();
    let registry: Vec<&str> = payspec_downstream::SPECS.iter().map(|s| s.id).collect();
    assert_eq!(ids, registry);
}

#[test]
fn validate_and_answer_run_this_crates_generated_code() {
    let example = r#"{"merchantOrderNo":"M1","amount":"10000.5","bankCode":"012","bankName":"B",
        "accountType":603,"bankAccount":"3000000000","realName":"R","idCardNumber":"12345678K",
        "idType":"RUT","phone":"923456789","email":"e@example.com","sign":"S"}"#;
    let (code, out, _) = merchant_payspec(&["validate", "teemopay-cl"], example);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("/amount"), "{out}");
    let answer = r#"{"code":200,"data":{"merchantOrderNo":"M1","tradeNo":"T1","status":1,"amount":"10000.00"}}"#;
    let (code, out, err) = merchant_payspec(&["answer", "teemopay-cl", "--status", "200"], answer);
    assert_eq!(code, 0, "{out}{err}");
    let (code, _, err) = merchant_payspec(&["validate", "teemopay-mx"], "{}");
    assert_eq!(code, 2, "a spec this crate does not have: {err}");
    let known: Vec<&str> = payspec_downstream::SPECS.iter().map(|s| s.id).collect();
    assert!(
        err.contains(&format!("known: {}", known.join(", "))),
        "{err}"
    );
}

#[path = "common/openssl.rs"]
mod openssl;

/// The fixture spec's shared secret, in a file of this test's own.
fn secret_file(secret: &str) -> std::path::PathBuf {
    let path =
        std::env::temp_dir().join(format!("payspec-downstream-secret-{}", std::process::id()));
    std::fs::write(&path, secret).expect("writes the key file");
    path
}

#[test]
fn sign_prints_the_signature_header_and_explains_the_message() {
    let secret = "fixture-secret: not a real one";
    let key = secret_file(secret);
    let key = key.to_str().expect("a UTF-8 path");
    // Any order, any spacing: the body is sent in the page's order, compact.
    let request = r#"{ "note": "x/y", "urgent": true, "account_type": 3,
        "amount": 25.00, "reference": "T-cli" }"#;
    let body =
        r#"{"reference":"T-cli","amount":25.00,"account_type":3,"urgent":true,"note":"x/y"}"#;
    let message = |nonce: &str| {
        format!(
            "POST\n/v1/transfers\nnonce={nonce}\n{}",
            r#"{"account_type":3,"amount":25.00,"note":"x/y","reference":"T-cli","urgent":true}"#
        )
    };
    let nonce = "0123456789abcdef0123456789abcdef";
    let (code, out, err) = merchant_payspec(
        &[
            "sign",
            "fixture-xx",
            "--key-file",
            key,
            "--nonce",
            nonce,
            "--explain",
        ],
        request,
    );
    assert_eq!(code, 0, "{err}");
    let signature = openssl::hmac_sha256_base64_hex(secret, &message(nonce));
    assert_eq!(
        out,
        format!("X-Signature: HMAC-SHA256={signature}\n\n{body}\n")
    );
    assert!(
        err.contains(&format!("string to sign: {}\n", message(nonce))),
        "{err}"
    );
    assert!(!err.contains(secret), "{err}");

    // A nonce drawn by the command, printed to stderr, is the one signed.
    let (code, out, err) = merchant_payspec(&["sign", "fixture-xx", "--key-file", key], request);
    assert_eq!(code, 0, "{err}");
    let drawn = err
        .lines()
        .find_map(|l| l.strip_prefix("nonce: "))
        .expect("the drawn nonce is printed");
    let header = out.lines().next().expect("the header line");
    assert_eq!(
        header,
        format!(
            "X-Signature: HMAC-SHA256={}",
            openssl::hmac_sha256_base64_hex(secret, &message(drawn))
        )
    );
    let _ = std::fs::remove_file(key);
}

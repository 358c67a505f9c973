//! The `payspec` command, run as a user runs it: every example of every spec gets its
//! recorded verdict through `payspec validate`, with the documented output and exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn payspec(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_payspec"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run payspec");
    // The command may exit without reading (a bad id): a closed pipe is not a failure.
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    child.wait_with_output().expect("wait")
}

#[test]
fn list_prints_one_line_per_spec() {
    let out = payspec(&["list"], b"");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(text.lines().count(), payspec_sdk::SPECS.len());
    assert!(
        text.contains("teemopay-mx\tTeemoPay\tMX\tPOST /api/pay/payout/create/v1\n"),
        "{text}"
    );
    assert!(
        text.contains("gateway-id\tV2 Gateway\tID\tPOST /gateway/api/v2/payouts\n"),
        "{text}"
    );
}

#[test]
fn validate_gives_every_example_its_verdict() {
    let specs_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs");
    let (specs, _, diagnostics) = payspec_codegen::check_dir(std::path::Path::new(specs_dir));
    assert!(diagnostics.is_empty(), "{diagnostics}");
    let mut checked = 0;
    for spec in &specs {
        for op in &spec.operations {
            for example in &op.examples {
                let out = payspec(
                    &["validate", &spec.id, "--operation", &op.name, "-"],
                    example.json.as_bytes(),
                );
                let stdout = String::from_utf8(out.stdout).expect("utf-8");
                let mut got: Vec<(String, String)> = stdout
                    .lines()
                    .map(|l| {
                        let mut parts = l.splitn(3, '\t');
                        let path = parts.next().unwrap_or_default().to_string();
                        let rule = parts.next().unwrap_or_default().to_string();
                        assert!(
                            parts.next().is_some_and(|m| !m.is_empty()),
                            "no message in {l:?}"
                        );
                        (path, rule)
                    })
                    .collect();
                got.sort();
                assert_eq!(got, example.violations, "{} / {}", spec.id, example.name);
                let expected_code = if example.violations.is_empty() { 0 } else { 1 };
                assert_eq!(
                    out.status.code(),
                    Some(expected_code),
                    "{} / {}",
                    spec.id,
                    example.name
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "only {checked} examples");
}

#[test]
fn validate_reads_a_file_and_refuses_bad_input_with_code_2() {
    let path = std::env::temp_dir().join(format!("payspec-cli-{}.json", std::process::id()));
    std::fs::write(&path, br#"{"realName": "K"}"#).expect("write");
    let out = payspec(
        &[
            "validate",
            "teemopay-kr",
            path.to_str().expect("utf-8 path"),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("/realName\tlength\t"));
    let _ = std::fs::remove_file(path);
    assert_eq!(
        payspec(&["validate", "nope-xx", "-"], b"{}").status.code(),
        Some(2)
    );
    assert_eq!(
        payspec(&["validate", "teemopay-kr", "/no/such/file"], b"")
            .status
            .code(),
        Some(2)
    );
    // A body that is not a JSON object is bad input, not a request with violations.
    for body in [&b"not json"[..], b"[1]", b""] {
        let out = payspec(&["validate", "teemopay-kr", "-"], body);
        assert_eq!(out.status.code(), Some(2), "{body:?}");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: the body"));
    }
}

#[test]
fn check_lints_the_specs_and_fails_on_a_broken_one() {
    let ok = payspec(&["check"], b"");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let dir = std::env::temp_dir().join(format!("payspec-cli-check-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("acme")).expect("mkdir");
    std::fs::write(dir.join("acme/mx.yaml"), "spec: 1\nid: Acme\n").expect("write");
    let bad = payspec(&["check", dir.to_str().expect("utf-8 path")], b"");
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr.contains("error: missing key"), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn expand_prints_the_generated_module() {
    let out = payspec(&["expand", "teemopay-pe"], b"");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.starts_with("// @generated by payspec-codegen from specs/teemopay/pe.yaml"));
    assert!(text.contains("pub mod teemopay_pe"));
    // The spec merged over its provider file: the shared query and the country header.
    let out = payspec(&["expand", "teemopay-pe", "--resolved"], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("\n  query_payout:\n"), "{text}");
    assert!(text.contains("    value: PE\n"), "{text}");
    assert!(!text.contains("extends:") && !text.contains("${"), "{text}");
}

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/runtime/tests/fixtures/signing"
);
const GATEWAY_SECRET: &str = "2I9Q4nExEddsH6zo";

/// The keys `payspec sign` and `payspec verify` read: (signing file, verifying file).
fn key_files(spec: &str) -> (String, String) {
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

fn openssl(args: &[&str], input: &[u8]) -> Vec<u8> {
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

fn first_word(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .expect("utf-8")
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The valid examples of each spec that signs its requests in a body field, as JSON objects.
fn valid_examples() -> Vec<(String, serde_json::Map<String, serde_json::Value>)> {
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
        let signed = payspec(
            &["sign", &spec, "--key-file", &signing_key, "--nonce", nonce],
            &serde_json::to_vec(&body).expect("json"),
        );
        assert_eq!(signed.status.code(), Some(0));
        let ok = payspec(
            &[
                "verify",
                &spec,
                "--key-file",
                &verifying_key,
                "--nonce",
                nonce,
            ],
            &signed.stdout,
        );
        assert_eq!(
            ok.status.code(),
            Some(0),
            "{spec}: {}",
            String::from_utf8_lossy(&ok.stdout)
        );
        let mut tampered: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&signed.stdout).expect("json");
        tampered.insert("extra".into(), "1".into());
        let bad = payspec(
            &[
                "verify",
                &spec,
                "--key-file",
                &verifying_key,
                "--nonce",
                nonce,
            ],
            &serde_json::to_vec(&tampered).expect("json"),
        );
        assert_eq!(bad.status.code(), Some(1), "{spec}");
        if !spec.starts_with("gateway") {
            let other_nonce = payspec(
                &[
                    "verify",
                    &spec,
                    "--key-file",
                    &verifying_key,
                    "--nonce",
                    "x",
                ],
                &signed.stdout,
            );
            assert_eq!(other_nonce.status.code(), Some(1), "{spec}");
        }
        let not_json = payspec(
            &[
                "verify",
                &spec,
                "--key-file",
                &verifying_key,
                "--nonce",
                nonce,
            ],
            b"not json",
        );
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

#[path = "cli/answer.rs"]
mod answer;
#[path = "cli/verify_header.rs"]
mod verify_header;

#[test]
fn an_unknown_field_gets_did_you_mean_in_every_spec() {
    for (spec, body) in valid_examples() {
        let Some((field, value)) = body.iter().next() else {
            continue;
        };
        let typo = format!("{field}x");
        let mut wrong = body.clone();
        let value = value.clone();
        wrong.remove(&field.clone());
        wrong.insert(typo.clone(), value);
        let out = payspec(
            &["validate", &spec, "-"],
            &serde_json::to_vec(&wrong).expect("json"),
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{spec}: {stdout}");
        let line = stdout
            .lines()
            .find(|l| l.starts_with(&format!("/{typo}\tunknown-field")))
            .unwrap_or_else(|| panic!("{spec}: no unknown-field line in {stdout}"));
        assert!(
            line.ends_with(&format!("did you mean `{field}`?")),
            "{spec}: {line}"
        );
    }
}

#[test]
fn diff_classifies_a_change_and_gates_on_it() {
    // The specs against themselves, and against the last commit's: nothing to report
    // unless the working tree changed them.
    let same = payspec(&["diff", "specs", "specs"], b"");
    assert_eq!(same.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&same.stdout).contains("0 change(s); version bump: none"));
    let at_head = payspec(&["diff", "git:HEAD", "specs", "--fail-on", ""], b"");
    assert_eq!(
        at_head.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&at_head.stderr)
    );

    // A copy with one shorter maximum: stricter, gated by default, and in JSON.
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = dir.path().join("specs");
    copy_dir(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../specs")),
        &copy,
    );
    let mx = copy.join("teemopay/mx.yaml");
    let text = std::fs::read_to_string(&mx).expect("mx");
    let edited = text.replacen(
        "    max: 40\n        doc: Customer name",
        "    max: 30\n        doc: Customer name",
        1,
    );
    assert_ne!(text, edited, "the edit applies");
    std::fs::write(&mx, edited).expect("write");
    let copy = copy.to_str().expect("utf-8");
    let out = payspec(&["diff", "specs", copy, "--json"], b"");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["bump"], "minor");
    assert_eq!(
        report["changes"][0]["classes"],
        serde_json::json!(["stricter"])
    );
    assert_eq!(
        report["changes"][0]["path"],
        "operations.create_payout.fields.realName"
    );
    let ungated = payspec(&["diff", "specs", copy, "--fail-on", "breaking"], b"");
    assert_eq!(ungated.status.code(), Some(0));
    assert_eq!(
        payspec(&["diff", "specs", copy, "--fail-on", "nope"], b"")
            .status
            .code(),
        Some(2)
    );
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

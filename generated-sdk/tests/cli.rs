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

#[path = "cli/sign.rs"]
mod sign;
use sign::{key_files, valid_examples};

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

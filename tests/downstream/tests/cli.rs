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
    assert!(err.contains("known: teemopay-cl"), "{err}");
}

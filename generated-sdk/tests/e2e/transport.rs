//! The client's transport rules, and the `payspec mock` binary.

use payspec_sdk::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use payspec_sdk::runtime::OperationRole;
use payspec_sdk::runtime::wire::{Outcome, Unknown};

#[cfg(feature = "cli")]
use crate::support::{FIXTURES, credentials};
use crate::support::{Merchant, accepted, client};

#[test]
fn queries_are_retried_while_unknown_and_creates_never() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&calls);
    // A provider that fails twice, then answers.
    let stub = Merchant::start(move |_| {
        if counted.fetch_add(1, Ordering::SeqCst) < 2 {
            http::Response::builder()
                .status(502)
                .body(Vec::new())
                .expect("response")
        } else {
            let body = r#"{"code":200,"msg":"success","data":{"merchantOrderNo":"q","tradeNo":"T1","amount":"1.00","status":2}}"#;
            http::Response::new(body.as_bytes().to_vec())
        }
    });
    let base = stub.url.trim_end_matches("/callback").to_string();
    let client = client(&base);
    let request = || {
        http::Request::builder()
            .method("POST")
            .uri("/api/pay/payout/query/v1")
            .body(b"{}".to_vec())
            .expect("request")
    };
    let found = accepted(
        client.send_operation(
            crate::support::mx_operation(OperationRole::Query),
            &request(),
        ),
        "query",
    );
    assert_eq!(found.platform_order_no(), Some("T1"));
    assert_eq!(calls.load(Ordering::SeqCst), 3);

    calls.store(0, Ordering::SeqCst);
    let outcome = client.send_operation(
        crate::support::mx_operation(OperationRole::Create),
        &request(),
    );
    assert_eq!(outcome, Outcome::Unknown(Unknown::ServerError(502)));
    assert_eq!(
        calls.load(Ordering::SeqCst),
        1,
        "a create is sent exactly once"
    );

    // Nobody listening: unknown, not failed.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = closed.local_addr().expect("addr");
    drop(closed);
    let nowhere = crate::support::client(&format!("http://{addr}"));
    let outcome = nowhere.send_operation(
        crate::support::mx_operation(OperationRole::Create),
        &request(),
    );
    assert!(
        matches!(outcome, Outcome::Unknown(Unknown::Transport(_))),
        "{outcome:?}"
    );
}

/// The `payspec mock` binary, killed when dropped.
#[cfg(feature = "cli")]
struct Child(std::process::Child);

#[cfg(feature = "cli")]
impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[cfg(feature = "cli")]
#[test]
fn payspec_mock_answers_a_request_signed_by_payspec_sign() {
    use std::io::BufRead as _;
    use std::process::{Command, Stdio};
    use std::time::{Duration, SystemTime};

    use payspec_sdk::runtime::wire::{RequestParts, build_request};
    use payspec_sdk::teemopay_mx::CreatePayoutRequest;

    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut mock = Child(
        Command::new(env!("CARGO_BIN_EXE_payspec"))
            .args(["mock", "--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("payspec mock starts"),
    );
    let stdout = mock.0.stdout.take().expect("stdout");
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the address line");
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .expect("listening on URL")
        .to_string();

    let nonce = payspec_sdk::runtime::nonce::nonce(32);
    let key = format!("{FIXTURES}/teemopay-example-1024.pkcs8.pem");
    let signed = Command::new(env!("CARGO_BIN_EXE_payspec"))
        .args(["sign", "teemopay-mx", "--key-file", &key, "--nonce", &nonce])
        .arg("specs/examples/mx-clabe.json")
        .current_dir(root)
        .output()
        .expect("payspec sign runs");
    assert!(
        signed.status.success(),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );

    let request = build_request(
        RequestParts {
            method: "POST",
            path: CreatePayoutRequest::PATH,
            content_type: Some("application/json"),
            headers: CreatePayoutRequest::HEADERS,
            signed_headers: &[("nonce", nonce.clone())],
            signature_header: None,
            header_fields: Vec::new(),
            path_values: Vec::new(),
            query: Vec::new(),
            body: Some(signed.stdout),
        },
        &credentials(),
        SystemTime::now(),
    )
    .expect("request");
    let client = payspec_sdk::client::blocking::Client::builder(base)
        .timeout(Duration::from_secs(5))
        .no_proxy()
        .build()
        .expect("client");
    let created = accepted(
        client.send_operation(
            crate::support::mx_operation(OperationRole::Create),
            &request,
        ),
        "payspec mock",
    );
    assert!(created.platform_order_no().is_some());
}

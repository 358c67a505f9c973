//! The independent implementation the signing tests check against: the OpenSSL command
//! line, its hex piped through coreutils' `base64`.

use std::io::Write as _;
use std::process::{Command, Stdio};

/// `openssl dgst -sha256 -hmac KEY -r | <the hex> | base64 -w0` over `message`: the
/// `base64-hex` of its HMAC-SHA256.
pub fn hmac_sha256_base64_hex(key: &str, message: &str) -> String {
    let mut child = Command::new("sh")
        .args([
            "-c",
            r#"openssl dgst -sha256 -hmac "$1" -r | cut -d' ' -f1 | tr -d '\n' | base64 -w0"#,
            "sh",
            key,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("sh runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(message.as_bytes())
        .expect("writes");
    let out = child.wait_with_output().expect("the pipeline ends");
    let printed = String::from_utf8(out.stdout).expect("base64 is text");
    assert!(
        out.status.success() && printed.len() == 88,
        "openssl and base64 are installed (CI installs openssl): {printed:?}"
    );
    printed
}

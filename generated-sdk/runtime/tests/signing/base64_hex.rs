//! The `base64-hex` encoding (`base64(hex(hmac_sha256(...)))`) against an independent
//! implementation: `openssl dgst -hmac KEY` piped through coreutils' `base64`, in a shell
//! pipeline, over random messages and keys.
//!
//! Skipped, with a message on stderr, only when `openssl` is not installed (CI installs it);
//! set `PAYSPEC_REQUIRE_OPENSSL=1` to make its absence a failure.

use std::io::Write as _;
use std::process::{Command, Stdio};

use payspec_runtime::signing::{
    Algorithm, Encoding, Fields, Message, MessageInput, Part, Piece, Scheme, SchemeError,
    SharedSecret, SignError, VerifyError,
};

use crate::common::{Rng, teemopay_private};
use crate::openssl::openssl_present;

/// The body's bytes, nothing else, in `base64-hex`.
const fn over_body(algorithm: Algorithm, with_secret: bool) -> Scheme {
    const BODY: &[Part] = &[Part {
        label: "",
        piece: Piece::Body,
    }];
    const BODY_THEN_SECRET: &[Part] = &[
        Part {
            label: "",
            piece: Piece::Body,
        },
        Part {
            label: "",
            piece: Piece::Secret,
        },
    ];
    Scheme {
        message: Message {
            separator: "",
            parts: if with_secret { BODY_THEN_SECRET } else { BODY },
        },
        algorithm,
        encoding: Encoding::Base64Hex,
    }
}

fn input(body: &[u8]) -> MessageInput<'_> {
    MessageInput {
        body: Some(body),
        ..MessageInput::fields(Fields::None, &[])
    }
}

/// `printf %s MESSAGE | openssl dgst -DIGEST [-hmac KEY] -r | cut -d' ' -f1 | tr -d '\n' | base64 -w0`
/// (`None` when `openssl` does not run).
fn openssl_base64_hex(digest: &str, hmac_key: Option<&str>, message: &[u8]) -> Option<String> {
    let hmac = if hmac_key.is_some() {
        r#"-hmac "$2""#
    } else {
        ""
    };
    let pipeline =
        format!(r#"openssl dgst -{digest} {hmac} -r | cut -d' ' -f1 | tr -d '\n' | base64 -w0"#);
    let mut child = Command::new("sh")
        .args(["-c", &pipeline, "sh", digest, hmac_key.unwrap_or("")])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(message).ok()?;
    let out = child.wait_with_output().ok()?;
    // `openssl` missing: the pipeline still runs and prints nothing.
    (out.status.success() && !out.stdout.is_empty())
        .then(|| String::from_utf8(out.stdout).expect("base64 prints text"))
}

/// A key `openssl -hmac` takes as an argument: no NUL, not empty.
fn random_key(rng: &mut Rng) -> String {
    format!(
        "k{}",
        rng.text(
            &["a", "Z", "0", "_", "-", "!", " ", "é", "钥", "\"", "$"],
            40
        )
    )
}

fn random_message(rng: &mut Rng) -> String {
    rng.text(
        &[
            "a", "{", "\"", ":", "1", ".", "5", "}", " ", "\n", "王", "&", "=",
        ],
        200,
    )
}

/// Every case: (digest for openssl, algorithm, keyed by HMAC?).
const CASES: [(&str, Algorithm, bool); 3] = [
    ("sha256", Algorithm::HmacSha256, true),
    ("sha512", Algorithm::HmacSha512, true),
    ("sha256", Algorithm::Sha256, false),
];

#[test]
fn base64_hex_matches_openssl_piped_through_base64() {
    if !openssl_present("base64_hex_matches_openssl_piped_through_base64") {
        return;
    }
    let mut rng = Rng::new(0x6236_3468);
    for (digest, algorithm, hmac) in CASES {
        let scheme = over_body(algorithm, !hmac);
        for case in 0..40 {
            let key = random_key(&mut rng);
            let message = random_message(&mut rng);
            let secret = SharedSecret::new(key.clone()).expect("secret");
            // A plain digest signs the body with the key glued on; openssl hashes the same.
            let signed_text = if hmac {
                message.clone()
            } else {
                format!("{message}{key}")
            };
            let expected =
                openssl_base64_hex(digest, hmac.then_some(key.as_str()), signed_text.as_bytes())
                    .expect("the pipeline runs");
            let ours = scheme
                .sign_message(&input(message.as_bytes()), &secret)
                .expect("signs");
            assert_eq!(ours, expected, "{algorithm} case {case}: {message:?}");
            // 32 bytes: 64 hex digits, 88 base64 characters; 64 bytes: 128 and 172.
            let hex_len = if digest == "sha256" { 64 } else { 128 };
            assert_eq!(ours.len(), hex_len / 3 * 4 + 4, "{algorithm}");
        }
    }
}

#[test]
fn base64_hex_round_trips_and_refuses_tampering() {
    let scheme = over_body(Algorithm::HmacSha256, false);
    let key = SharedSecret::new("whsec_test").expect("secret");
    let body = br#"{"amount":"1000.50","reference":"T-1"}"#;
    let signature = scheme.sign_message(&input(body), &key).expect("signs");
    assert_eq!(
        scheme.verify_message(&input(body), &key, &signature),
        Ok(())
    );
    let other_body = br#"{"amount":"1000.51","reference":"T-1"}"#;
    assert_eq!(
        scheme.verify_message(&input(other_body), &key, &signature),
        Err(VerifyError::Mismatch)
    );
    let other_key = SharedSecret::new("whsec_other").expect("secret");
    assert_eq!(
        scheme.verify_message(&input(body), &other_key, &signature),
        Err(VerifyError::Mismatch)
    );
    // The plain hex (what `hex-lower` would send) is not base64 of it: not decodable.
    let hex = Encoding::HexLower.encode(&Encoding::Base64Hex.decode(&signature).expect("reads"));
    assert!(matches!(
        scheme.verify_message(&input(body), &key, &hex),
        Err(VerifyError::Malformed(_))
    ));
    // The hex text read in either case, like `hex-lower`: the bytes are compared.
    let upper = Encoding::Base64.encode(hex.to_ascii_uppercase().as_bytes());
    assert_eq!(scheme.verify_message(&input(body), &key, &upper), Ok(()));
    // One hex digit changed inside the base64.
    let mut flipped = hex.into_bytes();
    flipped[0] = if flipped[0] == b'0' { b'1' } else { b'0' };
    let flipped = Encoding::Base64.encode(&flipped);
    assert_eq!(
        scheme.verify_message(&input(body), &key, &flipped),
        Err(VerifyError::Mismatch)
    );
}

#[test]
fn base64_hex_is_refused_for_an_rsa_signature() {
    let rsa = Scheme {
        algorithm: Algorithm::RsaSha256,
        ..over_body(Algorithm::HmacSha256, false)
    };
    let refused = SchemeError::RsaAsDigestText {
        encoding: Encoding::Base64Hex,
    };
    assert_eq!(rsa.check(), Err(refused.clone()));
    assert_eq!(
        rsa.sign_message(&input(b"{}"), &teemopay_private()),
        Err(SignError::Scheme(refused))
    );
}

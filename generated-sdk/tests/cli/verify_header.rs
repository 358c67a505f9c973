//! `payspec verify --signature` for every spec whose provider signs its bodies in a
//! header with an HMAC over the raw body (RazorpayX's, Paystack's webhooks): a signature
//! the OpenSSL command line computes is valid, a changed body or signature is not, and
//! a missing `--signature` is a usage error.

use payspec_sdk::runtime::signing::{Algorithm, Piece, Placement, Schemes};

use super::payspec;
use super::sign::{first_word, openssl};

/// The specs signed in a header by an HMAC of the body alone, with OpenSSL's digest name
/// and the header's prefix.
fn header_hmac_specs() -> Vec<(&'static str, &'static str, &'static str)> {
    payspec_sdk::SPECS
        .iter()
        .filter_map(|spec| {
            let signing = spec.signing?;
            let Placement::Header { prefix, .. } = signing.signature else {
                return None;
            };
            let Schemes::Fixed(scheme) = &signing.schemes else {
                return None;
            };
            let body_only = matches!(scheme.message.parts, [part] if matches!(part.piece, Piece::Body) && part.label.is_empty());
            let digest = match scheme.algorithm {
                Algorithm::HmacSha256 => "-sha256",
                Algorithm::HmacSha512 => "-sha512",
                _ => return None,
            };
            body_only.then_some((spec.id, digest, prefix))
        })
        .collect()
}

#[test]
fn a_header_signature_computed_by_openssl_verifies_and_a_changed_one_does_not() {
    let specs = header_hmac_specs();
    assert!(
        !specs.is_empty(),
        "some spec signs its webhooks in a header"
    );
    let dir = std::env::temp_dir().join(format!("payspec-verify-header-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let secret = "webhook-secret-of-the-merchant";
    let key_file = dir.join("secret.txt");
    std::fs::write(&key_file, secret).expect("key file");
    let key_file = key_file.to_str().expect("path");
    for (id, digest, prefix) in specs {
        let body = br#"{"event":"payout.processed","payload":{"amount":1000,"reference":"ref-1"}}"#;
        let hex = first_word(openssl(&["dgst", digest, "-hmac", secret, "-r"], body));
        let header = format!("{prefix}{hex}");
        let verify = |signature: &str, body: &[u8]| {
            payspec(
                &[
                    "verify",
                    id,
                    "--key-file",
                    key_file,
                    "--signature",
                    signature,
                ],
                body,
            )
        };
        let ok = verify(&header, body);
        assert_eq!(
            ok.status.code(),
            Some(0),
            "{id}: {}{}",
            String::from_utf8_lossy(&ok.stdout),
            String::from_utf8_lossy(&ok.stderr)
        );
        let changed = String::from_utf8_lossy(body).replace("1000", "9000");
        let changed_body = verify(&header, changed.as_bytes());
        assert_eq!(changed_body.status.code(), Some(1), "{id}: a changed body");
        let mut other = hex.clone().into_bytes();
        other[0] = if other[0] == b'0' { b'1' } else { b'0' };
        let changed = verify(
            &format!("{prefix}{}", String::from_utf8(other).expect("hex")),
            body,
        );
        assert_eq!(changed.status.code(), Some(1), "{id}: another signature");
        let missing = payspec(&["verify", id, "--key-file", key_file], body);
        assert_eq!(missing.status.code(), Some(2), "{id}: no --signature");
        let told = String::from_utf8_lossy(&missing.stderr);
        assert!(told.contains("--signature"), "{id}: {told}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

//! With feature `openssl`, for every shipped spec signed with RSA (from the registry):
//! each valid example of each signed operation is signed through the registry's
//! `sign_json` (the build's default backend, OpenSSL), and its string to sign is signed
//! again by each backend explicitly, with the published 1024-bit key and a 2048-bit one,
//! with SHA-1 and SHA-256. Every signature is the same bytes, verifies with both
//! backends, and a changed one verifies with neither.

use std::path::Path;

use payspec_sdk::runtime::SpecInfo;
use payspec_sdk::runtime::signing::{
    Algorithm, MerchantPrivateKey, Placement, RsaBackend, Scheme, SigningKeyRef,
};
use payspec_sdk::runtime::spec_info::SignedJson;
use serde_json::{Map, Value};
use sha1::{Digest as _, Sha1};
use sha2::Sha256;

fn key(name: &str) -> MerchantPrivateKey {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("runtime/tests/fixtures/signing")
        .join(name);
    let text = std::fs::read_to_string(path).expect("fixture");
    MerchantPrivateKey::from_text(&text).expect("the fixture loads")
}

fn digest(algorithm: Algorithm, message: &[u8]) -> Vec<u8> {
    match algorithm {
        Algorithm::RsaSha256 => Sha256::digest(message).to_vec(),
        _ => Sha1::digest(message).to_vec(),
    }
}

fn rsa_scheme(spec: &SpecInfo) -> Option<&'static Scheme> {
    spec.signing?
        .schemes()
        .find(|scheme| scheme.algorithm.is_rsa())
}

/// The raw signature a signed request carries, in its field or its header.
fn carried_signature(spec: &SpecInfo, scheme: &Scheme, signed: &SignedJson) -> Vec<u8> {
    let signing = spec.signing.expect("signed");
    let text = match signing.signature {
        Placement::Field(field) => {
            let body: Map<String, Value> = serde_json::from_slice(&signed.body).expect("JSON");
            body.get(field)
                .and_then(Value::as_str)
                .expect("the signature field")
                .to_owned()
        }
        Placement::Header { prefix, .. } => {
            let (_, value) = signed.signature_header.as_ref().expect("the header");
            value.strip_prefix(prefix).expect("the prefix").to_owned()
        }
    };
    scheme
        .encoding
        .decode(&text)
        .expect("the signature decodes")
}

/// Each backend signs `message` to the same bytes as `expected` (when given), both
/// verify every one, and a flipped bit verifies with neither.
fn agree(case: &str, algorithm: Algorithm, key: &MerchantPrivateKey, message: &[u8]) -> Vec<u8> {
    let digest = digest(algorithm, message);
    let public = key.to_public_key();
    let signatures: Vec<Vec<u8>> = RsaBackend::ALL
        .iter()
        .map(|backend| {
            backend
                .sign_digest(algorithm, key, &digest)
                .expect("the backend signs")
        })
        .collect();
    assert_eq!(signatures.len(), 2, "both backends are compiled in");
    assert_eq!(signatures[0], signatures[1], "{case}: the backends differ");
    for verifier in RsaBackend::ALL {
        assert!(
            verifier.verify_digest(algorithm, &public, &digest, &signatures[0]),
            "{case}: {verifier:?} refuses the signature"
        );
        let mut tampered = signatures[0].clone();
        let last = tampered.len() - 1;
        tampered[last / 2] ^= 0x10;
        assert!(
            !verifier.verify_digest(algorithm, &public, &digest, &tampered),
            "{case}: {verifier:?} accepts a changed signature"
        );
    }
    signatures[0].clone()
}

#[test]
fn every_rsa_specs_examples_sign_the_same_with_both_backends() {
    assert_eq!(RsaBackend::DEFAULT, RsaBackend::OpenSsl);
    let specs = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../specs"));
    let (models, _, diagnostics) = payspec_codegen::check_dir(specs);
    assert!(diagnostics.is_empty(), "{diagnostics}");
    let keys = [
        key("teemopay-example-1024.pkcs8.pem"),
        key("test-2048.pkcs8.pem"),
    ];
    let (mut specs_seen, mut examples) = (0, 0);
    for spec in payspec_sdk::SPECS {
        let Some(scheme) = rsa_scheme(spec) else {
            continue;
        };
        specs_seen += 1;
        let model = models.iter().find(|m| m.id == spec.id).expect("its model");
        let nonce: String = "0123456789abcdef"
            .chars()
            .cycle()
            .take(spec.nonce_length.unwrap_or(32))
            .collect();
        let headers: Vec<(&str, &str)> = spec
            .signed_headers
            .iter()
            .map(|name| (*name, nonce.as_str()))
            .collect();
        for op in spec.operations {
            if !op.is_signed() {
                continue;
            }
            let op_model = model
                .operations
                .iter()
                .find(|m| m.name == op.name)
                .expect("its operation");
            for example in op_model.examples.iter().filter(|e| e.violations.is_empty()) {
                examples += 1;
                for key in &keys {
                    let case = format!(
                        "{} {} {} ({} bits)",
                        spec.id,
                        op.name,
                        example.name,
                        key.bits()
                    );
                    let signed = op
                        .sign_json(example.json.as_bytes(), SigningKeyRef::Rsa(key), &headers)
                        .expect("a valid example signs");
                    let message = signed.string_to_sign.as_bytes();
                    let ours = agree(&case, scheme.algorithm, key, message);
                    assert_eq!(
                        carried_signature(spec, scheme, &signed),
                        ours,
                        "{case}: the request carries another signature"
                    );
                    // The other hash, over the same message.
                    let other = match scheme.algorithm {
                        Algorithm::RsaSha256 => Algorithm::RsaSha1,
                        _ => Algorithm::RsaSha256,
                    };
                    agree(&format!("{case} {other}"), other, key, message);
                }
            }
        }
    }
    eprintln!("{examples} valid examples of {specs_seen} RSA specs, each backend, two keys");
    assert!(specs_seen > 0, "no shipped spec signs with RSA");
    assert!(
        examples >= specs_seen,
        "{examples} examples over {specs_seen} specs"
    );
}

//! The nonce is checked wherever it enters: signing (the typed API and `sign_json`, which
//! the CLI uses) and `to_http`. The spec's header says its length; an empty, short or
//! 5,000-character nonce never reaches a signature or the wire.

use std::time::SystemTime;

use payspec_sdk::runtime::nonce::NonceError;
use payspec_sdk::runtime::signing::SignError;
use payspec_sdk::runtime::spec_info::SignJsonError;
use payspec_sdk::runtime::wire::{
    Credentials, HeaderSource, RequestParts, WireError, build_request,
};
use payspec_tests::{example_keys, specs};

fn bad_nonces(len: usize) -> Vec<String> {
    vec![
        String::new(),
        "x".into(),
        "a".repeat(len - 1),
        "a".repeat(len + 1),
        "a".repeat(5000),
        format!("{} ", "a".repeat(len - 1)),
    ]
}

#[test]
fn signing_refuses_a_nonce_of_another_form() {
    let models = specs();
    let mut checked = 0;
    for spec in payspec_sdk::SPECS {
        let Some(len) = spec.nonce_length else {
            continue;
        };
        let (key, _) = example_keys(spec);
        let model = models.iter().find(|m| m.id == spec.id).expect("model");
        for op in spec.operations {
            if !op.is_signed() {
                continue;
            }
            let example = model
                .operations
                .iter()
                .find(|o| o.name == op.name)
                .and_then(|o| o.examples.iter().find(|e| e.violations.is_empty()))
                .expect("a valid example");
            let good = payspec_sdk::runtime::nonce::nonce(len);
            assert!(
                op.sign_json(example.json.as_bytes(), (&key).into(), &[("nonce", &good)])
                    .is_ok()
            );
            for bad in bad_nonces(len) {
                let refused =
                    op.sign_json(example.json.as_bytes(), (&key).into(), &[("nonce", &bad)]);
                assert!(
                    matches!(
                        refused,
                        Err(SignJsonError::Sign(SignError::Nonce(
                            NonceError::Length { .. } | NonceError::Alphabet
                        )))
                    ),
                    "{} {}: nonce {:?}... -> {refused:?}",
                    spec.id,
                    op.name,
                    bad.chars().take(8).collect::<String>()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "no spec signs a nonce");
}

#[test]
fn to_http_refuses_a_nonce_of_another_form() {
    for spec in payspec_sdk::SPECS {
        for op in spec.operations {
            let Some(len) = op.headers.iter().find_map(|h| match h.source {
                HeaderSource::Nonce(len) => Some(len),
                _ => None,
            }) else {
                continue;
            };
            let name = op
                .headers
                .iter()
                .find(|h| matches!(h.source, HeaderSource::Nonce(_)))
                .map(|h| h.name)
                .expect("nonce header");
            for bad in bad_nonces(len) {
                let signed = [(name, bad.clone())];
                let built = build_request(
                    RequestParts {
                        method: op.method,
                        path: op.path,
                        content_type: op.content_type,
                        headers: op.headers,
                        signed_headers: &signed,
                        signature_header: None,
                        header_fields: Vec::new(),
                        path_values: Vec::new(),
                        query: Vec::new(),
                        body: Some(b"{}".to_vec()),
                    },
                    &Credentials::new().app_code("APP").authorization("AUTH"),
                    SystemTime::now(),
                );
                assert!(
                    matches!(built, Err(WireError::Nonce { header, .. }) if header == name),
                    "{} {}: {built:?}",
                    spec.id,
                    op.name
                );
            }
        }
    }
}

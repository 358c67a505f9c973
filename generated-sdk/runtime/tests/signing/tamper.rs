//! Any change to a signed field, the field set, the nonce or the signature fails
//! verification; changes the schemes do not cover (empty values) do not.

use serde_json::{Map, Value};

use payspec_runtime::signing::{
    BoundaryError, SharedSecret, Signing, SigningKeyRef, VerifyError, VerifyingKeyRef,
};

use crate::common::{
    GATEWAY, Rng, TEEMOPAY, as_body, random_fields, teemopay_private, teemopay_public,
    without_ampersands,
};

/// A random request with every value kept by both providers' drop rules.
fn signed_request(
    rng: &mut Rng,
    signing: &Signing,
    extras: &[(&str, &str)],
    key: SigningKeyRef<'_>,
) -> Map<String, Value> {
    let mut fields = random_fields(rng);
    without_ampersands(&mut fields);
    fields.retain(|name, value| !value.trim().is_empty() && !name.starts_with("sign"));
    fields.insert("amount".into(), "1000".into());
    let mut body = as_body(&fields);
    signing.sign_body(&mut body, extras, key).expect("signs");
    body
}

fn assert_rejected(
    signing: &Signing,
    body: &Map<String, Value>,
    extras: &[(&str, &str)],
    key: VerifyingKeyRef<'_>,
    what: &str,
) {
    assert_eq!(
        signing.verify_body(body, extras, key),
        Err(VerifyError::Mismatch),
        "{what} must fail verification"
    );
}

fn check_tampering(
    signing: &Signing,
    extras: &[(&str, &str)],
    signing_key: SigningKeyRef<'_>,
    key: VerifyingKeyRef<'_>,
) {
    let mut rng = Rng::new(42);
    for _ in 0..8 {
        let body = signed_request(&mut rng, signing, extras, signing_key);
        assert_eq!(signing.verify_body(&body, extras, key), Ok(()));

        for name in body.keys().filter(|name| *name != "sign") {
            let mut changed = body.clone();
            let value = changed
                .get(name)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            changed.insert(name.clone(), Value::String(format!("{value}x")));
            assert_rejected(
                signing,
                &changed,
                extras,
                key,
                &format!("changing `{name}`"),
            );

            let mut dropped = body.clone();
            dropped.remove(name);
            assert_rejected(
                signing,
                &dropped,
                extras,
                key,
                &format!("dropping `{name}`"),
            );
        }
        for added in ["A_first", "zz_last", "amount0"] {
            let mut extended = body.clone();
            extended.insert(added.into(), Value::String("1".into()));
            assert_rejected(
                signing,
                &extended,
                extras,
                key,
                &format!("adding `{added}`"),
            );
        }
        for (name, _) in extras {
            let other: Vec<(&str, &str)> = extras
                .iter()
                .map(|&(n, v)| {
                    if n == *name {
                        (n, "0123456789abcdef0123456789abcdeF")
                    } else {
                        (n, v)
                    }
                })
                .collect();
            assert_rejected(signing, &body, &other, key, &format!("another `{name}`"));
        }

        let signature = body
            .get("sign")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let mut forged = body.clone();
        let middle = signature.len() / 2;
        let replacement = if &signature[middle..=middle] == "a" {
            "b"
        } else {
            "a"
        };
        forged.insert(
            "sign".into(),
            Value::String(format!(
                "{}{replacement}{}",
                &signature[..middle],
                &signature[middle + 1..]
            )),
        );
        assert_rejected(signing, &forged, extras, key, "another signature");

        let mut garbage = body.clone();
        garbage.insert("sign".into(), Value::String("not a signature!".into()));
        assert!(matches!(
            signing.verify_body(&garbage, extras, key),
            Err(VerifyError::Malformed(_))
        ));

        let mut unsigned = body.clone();
        unsigned.remove("sign");
        assert_eq!(
            signing.verify_body(&unsigned, extras, key),
            Err(VerifyError::MissingSignature { field: "sign" })
        );

        // Values the scheme drops are not signed: adding an empty one changes nothing.
        let mut padded = body.clone();
        padded.insert("zz_empty".into(), Value::String(String::new()));
        padded.insert("zz_null".into(), Value::Null);
        assert_eq!(signing.verify_body(&padded, extras, key), Ok(()));
    }
}

#[test]
fn teemopay_rsa_detects_any_tampering() {
    let private = teemopay_private();
    let public = teemopay_public();
    check_tampering(
        &TEEMOPAY,
        &[("nonce", "0123456789abcdef0123456789abcdef")],
        (&private).into(),
        (&public).into(),
    );
}

#[test]
fn gateway_md5_detects_any_tampering() {
    let secret = SharedSecret::new("2I9Q4nExEddsH6zo").expect("secret");
    check_tampering(&GATEWAY, &[], (&secret).into(), (&secret).into());
}

#[test]
fn gateway_hmac_detects_any_tampering_and_a_changed_sign_type() {
    let secret = SharedSecret::new("ThisIsYourSecretKey123").expect("secret");
    let mut rng = Rng::new(3);
    let mut fields = random_fields(&mut rng);
    without_ampersands(&mut fields);
    let mut body = as_body(&fields);
    body.insert("amount".into(), Value::String("50000".into()));
    body.insert("sign_type".into(), Value::String("HMAC-SHA256".into()));
    GATEWAY.sign_body(&mut body, &[], &secret).expect("signs");
    assert_eq!(GATEWAY.verify_body(&body, &[], &secret), Ok(()));
    let mut downgraded = body.clone();
    downgraded.remove("sign_type");
    assert_eq!(
        GATEWAY.verify_body(&downgraded, &[], &secret),
        Err(VerifyError::Mismatch)
    );
    let other = SharedSecret::new("ThisIsYourSecretKey124").expect("secret");
    assert_eq!(
        GATEWAY.verify_body(&body, &[], &other),
        Err(VerifyError::Mismatch)
    );

    body.remove("sign");
    body.retain(|name, value| name == "sign_type" || value.as_str().is_some_and(|v| !v.is_empty()));
    let mut signed = body;
    GATEWAY.sign_body(&mut signed, &[], &secret).expect("signs");
    for name in signed
        .keys()
        .filter(|name| *name != "sign" && *name != "sign_type")
    {
        let mut changed = signed.clone();
        changed.insert(name.clone(), Value::String("tampered".into()));
        assert_eq!(
            GATEWAY.verify_body(&changed, &[], &secret),
            Err(VerifyError::Mismatch),
            "changing `{name}`"
        );
    }
}

#[test]
fn another_rsa_key_does_not_verify() {
    let other = payspec_runtime::signing::PlatformPublicKey::from_text(&crate::common::fixture(
        "test-2048.spki.pem",
    ))
    .expect("loads");
    let private = teemopay_private();
    let mut rng = Rng::new(9);
    let extras = [("nonce", "n")];
    let body = signed_request(&mut rng, &TEEMOPAY, &extras, (&private).into());
    assert_eq!(
        TEEMOPAY.verify_body(&body, &extras, &other),
        Err(VerifyError::Mismatch)
    );
}

#[test]
fn a_genuinely_signed_body_whose_boundaries_could_move_is_refused() {
    // The string to sign does not escape `&` or `=`: these bodies sign the same string as
    // another body, so a valid signature says nothing about which one was sent.
    let private = teemopay_private();
    let extras = [("nonce", "n")];
    for (json, problem) in [
        (
            r#"{"amount":"100.00&completeTime=2024-05-01 10:00:00","status":"2"}"#,
            "value",
        ),
        (r#"{"amount":"1","serviceAmount=1.50&status":"2"}"#, "name"),
        (r#"{"amount":"1","a=b":"2"}"#, "name"),
    ] {
        let mut body = crate::common::body(json);
        TEEMOPAY
            .sign_body(&mut body, &extras, &private)
            .expect("signs");
        let refused = TEEMOPAY.verify_body(&body, &extras, &teemopay_public());
        assert!(
            matches!(
                (&refused, problem),
                (
                    Err(VerifyError::Ambiguous(BoundaryError::Value(_))),
                    "value"
                ) | (Err(VerifyError::Ambiguous(BoundaryError::Name(_))), "name")
            ),
            "{json}: {refused:?}"
        );
    }
    // A dropped (blank) value is not in the string, so its `&` moves nothing.
    let mut body = crate::common::body(r#"{"amount":"1","note":""}"#);
    TEEMOPAY
        .sign_body(&mut body, &extras, &private)
        .expect("signs");
    assert_eq!(
        TEEMOPAY.verify_body(&body, &extras, &teemopay_public()),
        Ok(())
    );
}

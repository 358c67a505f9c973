//! No key material in any `Debug` output or error message.

use payspec_runtime::signing::{
    AnyKey, MerchantPrivateKey, PlatformPublicKey, SharedSecret, SigningKey, SigningKeyRef,
    VerifyingKey,
};

use crate::common::{
    GATEWAY, GATEWAY_MD5, assert_no_material, body, fixture, pem_body, teemopay_private,
};

const SECRET: &str = "2I9Q4nExEddsH6zo";

#[test]
fn debug_output_never_shows_keys() {
    let pem = fixture("teemopay-example-1024.pkcs8.pem");
    let material = pem_body(&pem);
    let private = teemopay_private();
    let secret = SharedSecret::new(SECRET).expect("secret");
    let outputs = [
        format!("{private:?}"),
        format!("{:?}", SigningKey::from_text(&pem).expect("loads")),
        format!("{:?}", AnyKey::from_text(&pem).expect("loads")),
        format!("{:?}", SigningKeyRef::from(&private)),
        format!(
            "{:#?}",
            SigningKey::Rsa(MerchantPrivateKey::from_text(&pem).expect("loads"))
        ),
        format!("{secret:?}"),
        format!("{:?}", SigningKey::from_text(SECRET).expect("loads")),
        format!("{:?}", VerifyingKey::from_text(SECRET).expect("loads")),
    ];
    for output in &outputs {
        assert_no_material(output, &material, 12);
        assert!(!output.contains(SECRET), "{output}");
        assert!(output.contains("<redacted>"), "{output}");
    }
    assert_eq!(format!("{private:?}"), "MerchantPrivateKey(<redacted>)");
    assert_eq!(format!("{secret:?}"), "SharedSecret(<redacted>)");
    let public =
        PlatformPublicKey::from_text(&fixture("teemopay-example-1024.spki.pem")).expect("loads");
    assert_eq!(format!("{public:?}"), "PlatformPublicKey(<1024-bit RSA>)");
}

#[test]
fn a_string_to_sign_with_the_secret_does_not_print_it() {
    let secret = SharedSecret::new(SECRET).expect("secret");
    let pairs = [("amount", Some("1"))];
    let text = GATEWAY_MD5
        .string_to_sign(&pairs, &[], Some(&secret))
        .expect("builds");
    let shown = format!("{text:?}");
    assert!(!shown.contains(SECRET), "{shown}");
    assert_eq!(shown, "StringToSign(<25 bytes with the secret>)");
    let redacted = GATEWAY
        .explain_body(&body(r#"{"amount":"1","sign":"x"}"#), &[])
        .expect("explains");
    assert_eq!(redacted, "amount=1&<platform key>");
}

#[test]
fn errors_never_echo_key_text() {
    let pem = fixture("teemopay-example-1024.pkcs8.pem");
    let bare = pem_body(&pem);
    let public_pem = fixture("teemopay-example-1024.spki.pem");
    let mut bad_inputs = vec![
        bare[..bare.len() / 2].to_owned(),
        bare.replace('M', "!"),
        format!("{bare}%%%"),
        pem.replace("-----END PRIVATE KEY-----", ""),
        pem.replace("PRIVATE KEY", "RSA PRIVATE KEY"),
        pem.replace("PRIVATE KEY", "SECRET STUFF"),
        format!("-----BEGIN {bare}-----\nAAAA\n-----END {bare}-----"),
        format!("-----BEGIN PRIVATE KEY-----\nProc-Type: {bare}\n-----END PRIVATE KEY-----"),
        public_pem.clone(),
    ];
    bad_inputs.push(format!("{SECRET}-----END PRIVATE KEY-----"));
    for input in &bad_inputs {
        let errors = [
            MerchantPrivateKey::from_text(input).err(),
            PlatformPublicKey::from_text(&input.replace("PUBLIC", "X")).err(),
            AnyKey::from_text(input).err(),
            SigningKey::from_text(input).err(),
            VerifyingKey::from_text(input).err(),
        ];
        let mut seen_error = false;
        for error in errors.into_iter().flatten() {
            seen_error = true;
            for shown in [error.to_string(), format!("{error:?}")] {
                assert_no_material(&shown, &bare, 12);
                assert!(!shown.contains(SECRET), "{shown}");
            }
        }
        assert!(seen_error, "some loader must refuse this input");
    }
}

#[test]
fn sign_and_verify_errors_never_echo_the_secret() {
    let secret = SharedSecret::new(SECRET).expect("secret");
    let received = body(r#"{"amount":"1","sign":"00112233445566778899aabbccddeeff"}"#);
    let errors = [
        GATEWAY
            .verify_body(&received, &[], &secret)
            .err()
            .map(|e| (e.to_string(), format!("{e:?}"))),
        GATEWAY_MD5
            .verify(&received, &[], &secret, "zz")
            .err()
            .map(|e| (e.to_string(), format!("{e:?}"))),
        crate::common::TEEMOPAY_SCHEME
            .sign(&[("a", Some("1"))], &[], &teemopay_private())
            .err()
            .map(|e| (e.to_string(), format!("{e:?}"))),
    ];
    for (shown, debug) in errors.into_iter().flatten() {
        assert!(
            !shown.contains(SECRET) && !debug.contains(SECRET),
            "{shown} / {debug}"
        );
    }
}

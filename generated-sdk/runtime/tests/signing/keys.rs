//! Key loading: every accepted form, auto-detection, and clear errors for bad keys.

use payspec_runtime::signing::{
    Algorithm, AnyKey, KeyError, KeyFormat, KeyKind, MerchantPrivateKey, PlatformPublicKey,
    SharedSecret, SigningKey, VerifyingKey,
};

use crate::common::{RSA_SHA256, fixture, pem_body, teemopay_public};

const DATA: &[u8] = b"amount=1&nonce=n";

fn signs_like_the_published_key(key: &MerchantPrivateKey) {
    let raw = Algorithm::RsaSha1.sign_bytes(key, DATA).expect("signs");
    Algorithm::RsaSha1
        .verify_bytes(&teemopay_public(), DATA, &raw)
        .expect("published public key verifies");
}

#[test]
fn private_key_loads_with_or_without_armor_and_line_breaks() {
    let pem = fixture("teemopay-example-1024.pkcs8.pem");
    let bare = pem_body(&pem);
    let variants = [
        pem.clone(),
        pem.replace('\n', "\r\n"),
        format!("  {}  ", pem.replace('\n', "\n    ")),
        pem.replace('\n', ""),
        bare.clone(),
        pem.lines()
            .filter(|l| !l.starts_with("-----"))
            .collect::<Vec<_>>()
            .join("\n"),
        bare.trim_end_matches('=').to_owned(),
        pem.replace('\n', "\\n"),
    ];
    for (i, text) in variants.iter().enumerate() {
        let key = MerchantPrivateKey::from_text(text)
            .unwrap_or_else(|e| panic!("variant {i} fails: {e}"));
        assert_eq!(key.bits(), 1024);
        signs_like_the_published_key(&key);
    }
}

#[test]
fn public_key_loads_with_or_without_armor() {
    let pem = fixture("teemopay-example-1024.spki.pem");
    for text in [pem.clone(), pem_body(&pem), pem.replace('\n', "\r\n")] {
        assert_eq!(
            PlatformPublicKey::from_text(&text).map(|k| k.bits()),
            Ok(1024)
        );
    }
    assert_eq!(
        teemopay_public(),
        crate::common::teemopay_private().to_public_key()
    );
}

#[test]
fn pkcs1_and_2048_bit_keys_load_and_work() {
    let pkcs8 =
        MerchantPrivateKey::from_text(&fixture("test-2048.pkcs8.pem")).expect("PKCS#8 2048");
    let pkcs1 =
        MerchantPrivateKey::from_text(&fixture("test-2048.pkcs1.pem")).expect("PKCS#1 2048");
    let bare_pkcs1 = MerchantPrivateKey::from_text(&pem_body(&fixture("test-2048.pkcs1.pem")))
        .expect("bare PKCS#1");
    let spki = PlatformPublicKey::from_text(&fixture("test-2048.spki.pem")).expect("SPKI 2048");
    let pkcs1_public = PlatformPublicKey::from_text(&fixture("test-2048.pkcs1-public.pem"))
        .expect("PKCS#1 public");
    let bare_pkcs1_public =
        PlatformPublicKey::from_text(&pem_body(&fixture("test-2048.pkcs1-public.pem")))
            .expect("bare PKCS#1 public");
    assert_eq!(pkcs8.bits(), 2048);
    assert_eq!(spki, pkcs1_public);
    assert_eq!(spki, bare_pkcs1_public);
    let pairs = [("amount", Some("100.50")), ("name", Some("José"))];
    for key in [&pkcs8, &pkcs1, &bare_pkcs1] {
        let signature = RSA_SHA256.sign(&pairs, &[], key).expect("signs");
        assert_eq!(signature.len(), 344);
        RSA_SHA256
            .verify_pairs(&pairs, &[], &spki, &signature)
            .expect("verifies");
        RSA_SHA256
            .verify_pairs(&pairs, &[], &pkcs1_public, &signature)
            .expect("verifies");
    }
}

#[test]
fn key_files_are_detected() {
    let both = format!(
        "{}{}",
        fixture("teemopay-example-1024.pkcs8.pem"),
        fixture("teemopay-example-1024.spki.pem")
    );
    assert_eq!(
        AnyKey::from_text(&both).map(|k| k.kind()),
        Ok(KeyKind::RsaPrivate)
    );
    assert_eq!(
        SigningKey::from_text(&both).map(|k| k.kind()),
        Ok(KeyKind::RsaPrivate)
    );
    assert_eq!(
        VerifyingKey::from_text(&both).map(|k| k.kind()),
        Ok(KeyKind::RsaPublic)
    );
    let bare_private = pem_body(&fixture("teemopay-example-1024.pkcs8.pem"));
    assert_eq!(
        AnyKey::from_text(&bare_private).map(|k| k.kind()),
        Ok(KeyKind::RsaPrivate)
    );
    let bare_public = pem_body(&fixture("teemopay-example-1024.spki.pem"));
    assert_eq!(
        AnyKey::from_text(&bare_public).map(|k| k.kind()),
        Ok(KeyKind::RsaPublic)
    );
    assert_eq!(
        VerifyingKey::from_text(&bare_public).map(|k| k.kind()),
        Ok(KeyKind::RsaPublic)
    );
    for secret in [
        "2I9Q4nExEddsH6zo\n",
        "  ThisIsYourSecretKey123  ",
        "a secret with spaces",
    ] {
        assert_eq!(
            AnyKey::from_text(secret).map(|k| k.kind()),
            Ok(KeyKind::SharedSecret)
        );
        assert_eq!(
            SigningKey::from_text(secret).map(|k| k.kind()),
            Ok(KeyKind::SharedSecret)
        );
    }
    assert_eq!(
        SigningKey::from_text(&bare_public).err(),
        Some(KeyError::WrongKind {
            expected: KeyKind::RsaPrivate,
            found: KeyKind::RsaPublic
        })
    );
    assert_eq!(
        VerifyingKey::from_text(&bare_private).err(),
        Some(KeyError::WrongKind {
            expected: KeyKind::RsaPublic,
            found: KeyKind::RsaPrivate
        })
    );
}

#[test]
fn a_file_secret_is_trimmed_and_a_given_one_kept_exactly() {
    let from_file = SharedSecret::from_text("abc\n").expect("secret");
    let given = SharedSecret::new(" abc").expect("secret");
    let a = payspec_runtime::signing::hmac_sha256(&from_file, b"x").expect("hmac");
    let b = payspec_runtime::signing::hmac_sha256(&given, b"x").expect("hmac");
    assert_ne!(a, b);
    assert_eq!(SharedSecret::new("").err(), Some(KeyError::Empty));
    assert_eq!(SharedSecret::from_text(" \n").err(), Some(KeyError::Empty));
}

#[test]
fn malformed_keys_give_clear_errors() {
    let pem = fixture("teemopay-example-1024.pkcs8.pem");
    let bare = pem_body(&pem);
    let truncated = &bare[..bare.len() / 2];
    // A changed byte deep in the DER (within a prime): the structure parses, the key does not.
    let mut corrupted = bare.clone();
    let at = 500;
    let replacement = if &corrupted[at..=at] == "A" { "B" } else { "A" };
    corrupted.replace_range(at..=at, replacement);

    let private = |text: &str| MerchantPrivateKey::from_text(text).err();
    assert_eq!(private(""), Some(KeyError::Empty));
    assert_eq!(private("   \n"), Some(KeyError::Empty));
    assert_eq!(private("not base64 at all!"), Some(KeyError::NotBase64));
    assert_eq!(
        private(truncated),
        Some(KeyError::Malformed(KeyFormat::Pkcs8))
    );
    assert_eq!(
        private(&corrupted),
        Some(KeyError::Malformed(KeyFormat::Pkcs8))
    );
    assert_eq!(
        private(&pem.replace("-----END PRIVATE KEY-----", "")),
        Some(KeyError::UnterminatedPem)
    );
    assert_eq!(
        private(&fixture("test-2048.encrypted.pem")),
        Some(KeyError::Encrypted)
    );
    assert_eq!(
        private(
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----"
        ),
        Some(KeyError::Encrypted)
    );
    assert_eq!(
        private(&fixture("ec-p256.pkcs8.pem")),
        Some(KeyError::NotRsa)
    );
    assert_eq!(
        private(&fixture("rsa-512.pkcs8.pem")),
        Some(KeyError::UnsupportedSize { bits: 512 })
    );
    assert_eq!(
        private(&fixture("test-2048.spki.pem")),
        Some(KeyError::WrongPemLabel {
            expected: KeyKind::RsaPrivate,
            found: "PUBLIC KEY"
        })
    );
    assert_eq!(
        private("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"),
        Some(KeyError::WrongPemLabel {
            expected: KeyKind::RsaPrivate,
            found: "(a label that is not an RSA key)"
        })
    );
    assert_eq!(
        private(
            &pem.replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY")
                .replace("END PRIVATE KEY", "END RSA PRIVATE KEY")
        ),
        Some(KeyError::Malformed(KeyFormat::Pkcs1Private))
    );

    let public = |text: &str| PlatformPublicKey::from_text(text).err();
    assert_eq!(
        public(&pem),
        Some(KeyError::WrongPemLabel {
            expected: KeyKind::RsaPublic,
            found: "PRIVATE KEY"
        })
    );
    assert_eq!(
        public(&bare),
        Some(KeyError::WrongKind {
            expected: KeyKind::RsaPublic,
            found: KeyKind::RsaPrivate
        })
    );
    assert_eq!(public("AAAA"), Some(KeyError::Malformed(KeyFormat::Spki)));

    // A damaged bare key is never mistaken for a shared secret.
    assert_eq!(
        AnyKey::from_text(truncated).err(),
        Some(KeyError::Malformed(KeyFormat::Pkcs8))
    );
    assert_eq!(
        AnyKey::from_text(&fixture("ec-p256.pkcs8.pem")).err(),
        Some(KeyError::NotRsa)
    );
    assert_eq!(
        AnyKey::from_text("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----").err(),
        Some(KeyError::NotRsa)
    );

    // Errors read as sentences.
    assert_eq!(
        KeyError::UnsupportedSize { bits: 512 }.to_string(),
        "RSA keys of 512 bits are not supported (1024 to 4096 bits are)"
    );
}

//! The two RSA backends (feature `openssl`): the `rsa` crate and OpenSSL sign the same
//! digests into the same bytes (PKCS#1 v1.5 is deterministic), each verifies the other's
//! signatures, and each refuses a tampered one. Keys: the 1024-bit and 2048-bit fixtures,
//! and keys `openssl genpkey` makes at test time (skipped without the command).

use std::process::Command;

use payspec_runtime::signing::{
    Algorithm, Encoding, MerchantPrivateKey, PlatformPublicKey, RsaBackend, SignError,
};
use sha1::{Digest as _, Sha1};
use sha2::Sha256;

use crate::common::{Rng, fixture, random_fields, reference_string};
use crate::openssl::openssl_present;

const TEEMOPAY_STRING: &str = "amount=1000&callbackUrl=https://www.teemopay.com&email=test@gmail.com&idCardNumber=1234567890&merchantOrderNo=TEST1234567890&paymentType=1&phone=3000000000&realName=TeemoPay&nonce=0123456789abcdef0123456789abcdef";

fn digest(algorithm: Algorithm, message: &[u8]) -> Vec<u8> {
    match algorithm {
        Algorithm::RsaSha256 => Sha256::digest(message).to_vec(),
        _ => Sha1::digest(message).to_vec(),
    }
}

/// The published vector's string, an empty one, and random strings to sign.
fn messages(seed: u64, count: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    let mut messages = vec![TEEMOPAY_STRING.to_owned(), String::new()];
    messages.extend((0..count).map(|_| {
        let fields = random_fields(&mut rng);
        reference_string(&fields, &["sign"], true, Some("nonce=0f"))
    }));
    messages
}

/// A key made now by the OpenSSL command line (PKCS#8 PEM).
fn generated_key(bits: u32) -> Option<MerchantPrivateKey> {
    if !openssl_present("rsa backends over generated keys") {
        return None;
    }
    let out = Command::new("openssl")
        .args(["genpkey", "-algorithm", "RSA", "-pkeyopt"])
        .arg(format!("rsa_keygen_bits:{bits}"))
        .output()
        .expect("openssl runs");
    assert!(out.status.success(), "openssl genpkey failed");
    let pem = String::from_utf8(out.stdout).expect("PEM text");
    Some(MerchantPrivateKey::from_text(&pem).expect("a generated key loads"))
}

/// Signs every message with both backends and checks the bytes agree, verify across, and
/// that a tampered signature or another message's digest fails on both.
fn backends_agree(name: &str, key: &MerchantPrivateKey, messages: &[String], seed: u64) {
    assert_eq!(
        RsaBackend::ALL,
        &[RsaBackend::RustCrypto, RsaBackend::OpenSsl]
    );
    assert_eq!(RsaBackend::DEFAULT, RsaBackend::OpenSsl);
    let public = key.to_public_key();
    let modulus_len = key.bits().div_ceil(8);
    let mut rng = Rng::new(seed);
    for algorithm in [Algorithm::RsaSha1, Algorithm::RsaSha256] {
        for (i, message) in messages.iter().enumerate() {
            let case = format!("{name} {algorithm} message {i} {message:?}");
            let digest = digest(algorithm, message.as_bytes());
            let rust = RsaBackend::RustCrypto
                .sign_digest(algorithm, key, &digest)
                .expect("rsa signs");
            let openssl = RsaBackend::OpenSsl
                .sign_digest(algorithm, key, &digest)
                .expect("OpenSSL signs");
            assert_eq!(rust, openssl, "{case}: the backends' signatures differ");
            assert_eq!(rust.len(), modulus_len, "{case}");
            // The public entry point (the default backend) over the message itself.
            let through_default = algorithm
                .sign_bytes(key, message.as_bytes())
                .expect("signs");
            assert_eq!(through_default, rust, "{case}: sign_bytes");

            for (signer, signature) in [("rsa", &rust), ("OpenSSL", &openssl)] {
                for verifier in RsaBackend::ALL {
                    assert!(
                        verifier.verify_digest(algorithm, &public, &digest, signature),
                        "{case}: {verifier:?} refuses {signer}'s signature"
                    );
                }
            }

            let mut tampered = rust.clone();
            let byte = rng.below(tampered.len());
            tampered[byte] ^= 1 << rng.below(8);
            let mut other_digest = digest.clone();
            other_digest[rng.below(digest.len())] ^= 0x80;
            for verifier in RsaBackend::ALL {
                assert!(
                    !verifier.verify_digest(algorithm, &public, &digest, &tampered),
                    "{case}: {verifier:?} accepts a signature changed at byte {byte}"
                );
                assert!(
                    !verifier.verify_digest(algorithm, &public, &other_digest, &rust),
                    "{case}: {verifier:?} accepts another digest"
                );
            }
        }
    }
}

#[test]
fn backends_agree_on_the_1024_bit_example_key() {
    let key =
        MerchantPrivateKey::from_text(&fixture("teemopay-example-1024.pkcs8.pem")).expect("loads");
    backends_agree("teemopay-example-1024", &key, &messages(0x6261_636b, 40), 1);
}

#[test]
fn backends_agree_on_the_2048_bit_fixture() {
    // PKCS#1 text: OpenSSL gets the key the `rsa` crate parsed, whatever form it came in.
    let key = MerchantPrivateKey::from_text(&fixture("test-2048.pkcs1.pem")).expect("loads");
    backends_agree("test-2048", &key, &messages(0x3230_3438, 20), 2);
}

#[test]
fn backends_agree_on_keys_made_at_test_time() {
    for bits in [1024, 1536, 2048] {
        let Some(key) = generated_key(bits) else {
            return;
        };
        assert_eq!(key.bits(), usize::try_from(bits).expect("fits"));
        backends_agree(
            &format!("generated-{bits}"),
            &key,
            &messages(u64::from(bits), 8),
            3,
        );
    }
}

#[test]
fn both_backends_refuse_a_digest_of_the_wrong_length_or_algorithm() {
    let key =
        MerchantPrivateKey::from_text(&fixture("teemopay-example-1024.pkcs8.pem")).expect("loads");
    let public = key.to_public_key();
    let sha1 = Sha1::digest(b"x").to_vec();
    for backend in RsaBackend::ALL {
        for (algorithm, digest) in [
            (Algorithm::RsaSha1, &sha1[..19]),
            (Algorithm::RsaSha256, &sha1[..]),
            (Algorithm::Md5, &sha1[..16]),
        ] {
            assert_eq!(
                backend.sign_digest(algorithm, &key, digest),
                Err(SignError::Primitive { algorithm }),
                "{backend:?} {algorithm}"
            );
        }
        let signature = backend
            .sign_digest(Algorithm::RsaSha1, &key, &sha1)
            .expect("signs");
        assert!(!backend.verify_digest(Algorithm::RsaSha256, &public, &sha1, &signature));
        assert!(!backend.verify_digest(Algorithm::RsaSha1, &public, &sha1[..19], &signature));
        // A signature of the wrong length, or not one at all.
        assert!(!backend.verify_digest(Algorithm::RsaSha1, &public, &sha1, &signature[1..]));
        assert!(!backend.verify_digest(Algorithm::RsaSha1, &public, &sha1, &[]));
    }
}

#[test]
fn the_openssl_copy_is_the_loaded_key() {
    let private = MerchantPrivateKey::from_text(&fixture("test-2048.pkcs8.pem")).expect("loads");
    let public =
        PlatformPublicKey::from_text(&fixture("test-2048.pkcs1-public.pem")).expect("loads");
    let other =
        PlatformPublicKey::from_text(&fixture("teemopay-example-1024.spki.pem")).expect("loads");
    assert_eq!(private.to_public_key(), public);
    assert_ne!(private.to_public_key(), other);
    // The platform key loaded from its own file verifies what the private key signs.
    let digest = Sha256::digest(b"payload");
    let signature = RsaBackend::OpenSsl
        .sign_digest(Algorithm::RsaSha256, &private, &digest)
        .expect("signs");
    let encoded = Encoding::Base64.encode(&signature);
    assert_eq!(encoded.len(), 344);
    assert!(RsaBackend::OpenSsl.verify_digest(Algorithm::RsaSha256, &public, &digest, &signature));
    assert!(!RsaBackend::OpenSsl.verify_digest(Algorithm::RsaSha256, &other, &digest, &signature));
}

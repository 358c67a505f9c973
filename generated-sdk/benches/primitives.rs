//! Cost of the signing primitives over a typical ~250-byte string, and of the whole
//! `Scheme::sign` from pairs (canonical string + primitive + encoding), so the overhead of
//! the runtime around each primitive can be read off as a ratio.
//!
//! `cargo bench -p payspec-sdk --bench primitives -- --warm-up-time 1 --measurement-time 2`

#[path = "support/pairs.rs"]
mod pairs;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use pairs::PAIRS;
use payspec_sdk::runtime::signing::{
    Algorithm, Canonical, DropValues, Encoding, Fields, FieldsForm, MerchantPrivateKey, Message,
    MessageInput, Part, Piece, Scheme, SharedSecret, hmac_sha256, md5,
};

const PRIVATE_KEY: &str =
    include_str!("../runtime/tests/fixtures/signing/teemopay-example-1024.pkcs8.pem");
const SECRET: &str = "2I9Q4nExEddsH6zo";
const NONCE: &str = "0123456789abcdef0123456789abcdef";

/// The body's fields as a message's first part.
const fn fields(exclude: &'static [&'static str], drop: DropValues) -> Part {
    Part {
        label: "",
        piece: Piece::Fields(Canonical {
            exclude,
            drop,
            form: FieldsForm::Pairs,
        }),
    }
}

const RSA_SHA1: Scheme = Scheme {
    message: Message {
        separator: "&",
        parts: &[
            fields(&["sign"], DropValues::NULL_EMPTY_AND_BLANK),
            Part {
                label: "nonce=",
                piece: Piece::Header("nonce"),
            },
        ],
    },
    algorithm: Algorithm::RsaSha1,
    encoding: Encoding::Base64,
};

const MD5: Scheme = Scheme {
    message: Message {
        separator: "&",
        parts: &[
            fields(&["sign", "sign_type"], DropValues::NULL_AND_EMPTY),
            Part {
                label: "",
                piece: Piece::Secret,
            },
        ],
    },
    algorithm: Algorithm::Md5,
    encoding: Encoding::HexLower,
};

const HMAC: Scheme = Scheme {
    message: Message {
        separator: "&",
        parts: &[fields(&["sign", "sign_type"], DropValues::NULL_AND_EMPTY)],
    },
    algorithm: Algorithm::HmacSha256,
    encoding: Encoding::HexLower,
};

fn benches(c: &mut Criterion) {
    let Ok(key) = MerchantPrivateKey::from_text(PRIVATE_KEY) else {
        return eprintln!("the bench key does not load");
    };
    let Ok(secret) = SharedSecret::new(SECRET) else {
        return eprintln!("the bench secret is refused");
    };
    let extras = [("nonce", NONCE)];
    let Ok(rsa_text) = RSA_SHA1.string_to_sign_redacted(&PAIRS, &extras) else {
        return eprintln!("the bench string does not build");
    };
    let Ok(md5_text) = MD5.string_to_sign(&PAIRS, &[], Some(&secret)) else {
        return eprintln!("the bench string does not build");
    };
    let Ok(hmac_text) = HMAC.string_to_sign_redacted(&PAIRS, &[]) else {
        return eprintln!("the bench string does not build");
    };
    eprintln!(
        "string to sign: {} bytes (RSA, with nonce), {} bytes (MD5, with key), {} bytes (HMAC)",
        rsa_text.len(),
        md5_text.len(),
        hmac_text.len()
    );

    let mut primitives = c.benchmark_group("primitive");
    primitives.bench_function("md5", |b| b.iter(|| md5(black_box(md5_text.as_bytes()))));
    primitives.bench_function("hmac_sha256", |b| {
        b.iter(|| hmac_sha256(black_box(&secret), black_box(hmac_text.as_bytes())))
    });
    primitives.bench_function("rsa_sha1_1024", |b| {
        b.iter(|| Algorithm::RsaSha1.sign_bytes(black_box(&key), black_box(rsa_text.as_bytes())))
    });
    primitives.finish();

    let mut schemes = c.benchmark_group("scheme_sign_from_pairs");
    schemes.bench_function("md5", |b| {
        b.iter(|| MD5.sign(black_box(&PAIRS), &[], &secret))
    });
    schemes.bench_function("hmac_sha256", |b| {
        b.iter(|| HMAC.sign(black_box(&PAIRS), &[], &secret))
    });
    schemes.bench_function("rsa_sha1_1024", |b| {
        b.iter(|| RSA_SHA1.sign(black_box(&PAIRS), &extras, &key))
    });
    schemes.finish();

    let mut canonical = c.benchmark_group("canonical_only");
    canonical.bench_function("from_pairs", |b| {
        b.iter(|| MD5.string_to_sign(black_box(&PAIRS), &[], Some(&secret)))
    });
    let body: serde_json::Map<String, serde_json::Value> = PAIRS
        .iter()
        .filter_map(|(name, value)| {
            Some((
                (*name).to_owned(),
                serde_json::Value::String((*value)?.to_owned()),
            ))
        })
        .collect();
    canonical.bench_function("from_body", |b| {
        b.iter(|| {
            MD5.message_to_sign(
                &MessageInput::fields(Fields::Body(black_box(&body)), &[]),
                Some(&secret),
            )
        })
    });
    canonical.finish();
}

criterion_group!(primitives, benches);
criterion_main!(primitives);

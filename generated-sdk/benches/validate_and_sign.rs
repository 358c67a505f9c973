//! What a caller pays per request beyond the cryptography: validate a typical request and
//! sign it through the generated API, beside the bare primitive over the same string, in
//! one run, so the ratio (validate + sign) / primitive can be read off per scheme. After
//! criterion's groups, the ratios are measured in alternating rounds and printed, with
//! the same request checked and signed by hand (`support/by_hand.rs`: the floor, code
//! written for it alone) and that floor's parts, and every scheme of every spec in the
//! registry (requests' and callbacks') signed from a message's parts beside the
//! primitive over the message it explains.
//!
//! `cargo bench -p payspec-sdk --bench validate_and_sign -- --warm-up-time 1 --measurement-time 3`

#[path = "support/by_hand.rs"]
mod by_hand;
#[path = "support/floor.rs"]
mod floor;
#[path = "support/pairs.rs"]
mod pairs;
#[path = "support/ratio.rs"]
mod ratio;

use payspec_sdk::prelude::*;
use std::hint::black_box;

use criterion::Criterion;
use pairs::PAIRS;
use payspec_sdk::runtime::signing::{
    Algorithm, Canonical, DropValues, Encoding, Fields, FieldsForm, MerchantPrivateKey, Message,
    MessageInput, Part, Piece, Scheme, SharedSecret, SigningKeyRef, hmac_sha256, md5,
};
use payspec_sdk::{gateway_id, teemopay_mx};

const PRIVATE_KEY: &str =
    include_str!("../runtime/tests/fixtures/signing/teemopay-example-1024.pkcs8.pem");
const SECRET: &str = "2I9Q4nExEddsH6zo";
const NONCE: &str = "0123456789abcdef0123456789abcdef";

fn mx_request() -> teemopay_mx::CreatePayoutRequest {
    teemopay_mx::CreatePayoutRequest::builder()
        .merchant_order_no("PO-000123456")
        .amount(teemopay_mx::Amount::from_minor_units(125_000))
        .bank_code("40012")
        .bank_name("BBVA MEXICO")
        .account_type(teemopay_mx::AccountType::Clabe)
        .bank_account("012180015645238591")
        .real_name("Maria Gonzalez")
        .id_card_number("GOMM850101MDFNRR09")
        .callback_url("https://merchant.example/payout/callback")
        .build()
}

fn gateway_request(sign_type: Option<gateway_id::SignType>) -> gateway_id::CreatePayoutRequest {
    gateway_id::CreatePayoutRequest::builder()
        .platform_id("PF0002")
        .payout_cl_id("DEVPOT00143538")
        .amount(gateway_id::Amount::from_minor_units(5_000_000))
        .bank_name("BCA")
        .name("Budi Santoso")
        .number("4088748280272397")
        .request_time(1_595_504_997)
        .notify_url("https://merchant.example/payout/notification")
        .maybe_sign_type(sign_type)
        .build()
}

fn benches(c: &mut Criterion) {
    let (Ok(key), Ok(secret)) = (
        MerchantPrivateKey::from_text(PRIVATE_KEY),
        SharedSecret::new(SECRET),
    ) else {
        return eprintln!("the bench keys do not load");
    };
    let mx = mx_request();
    let md5_request = gateway_request(None);
    let hmac_request = gateway_request(Some(gateway_id::SignType::HmacSha256));
    let strings = (
        mx.clone().validate().map(|v| v.string_to_sign(Some(NONCE))),
        md5_request
            .clone()
            .validate()
            .map(|v| v.string_to_sign(None)),
        hmac_request
            .clone()
            .validate()
            .map(|v| v.string_to_sign(None)),
    );
    let (Ok(Ok(rsa_text)), Ok(Ok(md5_text)), Ok(Ok(hmac_text))) = strings else {
        return eprintln!("the bench requests do not validate");
    };
    // The MD5 string ends with the key, which `string_to_sign` redacts: put it back.
    let md5_text = md5_text.replace("<platform key>", SECRET);
    eprintln!(
        "strings to sign: RSA {} bytes, MD5 {} bytes, HMAC {} bytes",
        rsa_text.len(),
        md5_text.len(),
        hmac_text.len()
    );

    let (Ok(md5_valid), Ok(hmac_valid), Ok(mx_valid)) = (
        md5_request.clone().validate(),
        hmac_request.clone().validate(),
        mx.clone().validate(),
    ) else {
        return eprintln!("the bench requests do not validate");
    };
    // validate + sign, measured as the checks over the request plus the signature over
    // the validated one: the work of `request.validate()?.sign(..)`, without the moves
    // and clones a consuming call would add to the loop.
    let mut group = c.benchmark_group("md5");
    group.bench_function("primitive", |b| {
        b.iter(|| md5(black_box(md5_text.as_bytes())))
    });
    group.bench_function("validate_and_sign", |b| {
        b.iter(|| {
            black_box(&md5_request)
                .check()
                .map(|()| black_box(&md5_valid).signature(&secret, None))
        })
    });
    group.finish();

    let mut group = c.benchmark_group("hmac_sha256");
    group.bench_function("primitive", |b| {
        b.iter(|| hmac_sha256(black_box(&secret), black_box(hmac_text.as_bytes())))
    });
    group.bench_function("validate_and_sign", |b| {
        b.iter(|| {
            black_box(&hmac_request)
                .check()
                .map(|()| black_box(&hmac_valid).signature(&secret, None))
        })
    });
    group.finish();

    // Where the time beyond the primitive goes, for the HMAC request.
    let mut group = c.benchmark_group("parts");
    group.bench_function("check", |b| b.iter(|| black_box(&hmac_request).check()));
    if let Ok(valid) = hmac_request.clone().validate() {
        group.bench_function("string_to_sign", |b| {
            b.iter(|| black_box(&valid).string_to_sign(None))
        });
        group.bench_function("signature", |b| {
            b.iter(|| black_box(&valid).signature(&secret, None))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("rsa_sha1_1024");
    group.bench_function("primitive", |b| {
        b.iter(|| Algorithm::RsaSha1.sign_bytes(black_box(&key), black_box(rsa_text.as_bytes())))
    });
    group.bench_function("validate_and_sign", |b| {
        b.iter(|| {
            black_box(&mx)
                .check()
                .map(|()| black_box(&mx_valid).signature(&key, Some(NONCE)))
        })
    });
    group.finish();
}

/// Validate + sign through the generated API against the bare primitive, per request.
fn request_ratios(key: &MerchantPrivateKey, secret: &SharedSecret) {
    let mx = mx_request();
    let md5_request = gateway_request(None);
    let hmac_request = gateway_request(Some(gateway_id::SignType::HmacSha256));
    let (Ok(mx_valid), Ok(md5_valid), Ok(hmac_valid)) = (
        mx.clone().validate(),
        md5_request.clone().validate(),
        hmac_request.clone().validate(),
    ) else {
        return eprintln!("the bench requests do not validate");
    };
    let (Ok(rsa_text), Ok(md5_text), Ok(hmac_text)) = (
        mx_valid.string_to_sign(Some(NONCE)),
        md5_valid.string_to_sign(None),
        hmac_valid.string_to_sign(None),
    ) else {
        return eprintln!("the bench strings do not build");
    };
    let md5_text = md5_text.replace("<platform key>", SECRET);
    eprintln!("validate + sign through the generated API / the bare primitive:");
    let md5_ratio = ratio::ratio(
        || {
            drop(
                black_box(&md5_request)
                    .check()
                    .map(|()| black_box(&md5_valid).signature(secret, None)),
            )
        },
        || md5(black_box(md5_text.as_bytes())),
    );
    eprintln!("  gateway-id MD5          {md5_ratio}");
    let hmac_ratio = ratio::ratio(
        || {
            drop(
                black_box(&hmac_request)
                    .check()
                    .map(|()| black_box(&hmac_valid).signature(secret, None)),
            )
        },
        || {
            drop(hmac_sha256(
                black_box(secret),
                black_box(hmac_text.as_bytes()),
            ))
        },
    );
    eprintln!("  gateway-id HMAC-SHA256  {hmac_ratio}");
    // The same without the checks: what signing alone adds to the primitive.
    let md5_alone = ratio::ratio(
        || black_box(&md5_valid).signature(secret, None),
        || md5(black_box(md5_text.as_bytes())),
    );
    eprintln!("  gateway-id MD5, signing alone          {md5_alone}");
    let hmac_alone = ratio::ratio(
        || black_box(&hmac_valid).signature(secret, None),
        || hmac_sha256(black_box(secret), black_box(hmac_text.as_bytes())),
    );
    eprintln!("  gateway-id HMAC-SHA256, signing alone  {hmac_alone}");
    let rsa_ratio = ratio::ratio(
        || {
            drop(
                black_box(&mx)
                    .check()
                    .map(|()| black_box(&mx_valid).signature(key, Some(NONCE))),
            )
        },
        || Algorithm::RsaSha1.sign_bytes(black_box(key), black_box(rsa_text.as_bytes())),
    );
    eprintln!("  teemopay-mx RSA-SHA1    {rsa_ratio}");
    floor::by_hand_ratios(secret, &md5_request, &md5_text, &hmac_request, &hmac_text);
}

/// A v2 form no shipped spec signs requests with (the downstream fixture `fixture-xx`
/// does): the fields as one JSON object, HMAC-SHA256, written as base64 of the hex.
const JSON_FIELDS: Scheme = Scheme {
    message: Message {
        separator: "",
        parts: &[Part {
            label: "",
            piece: Piece::Fields(Canonical {
                exclude: &["sign"],
                drop: DropValues::NONE,
                form: FieldsForm::Json,
            }),
        }],
    },
    algorithm: Algorithm::HmacSha256,
    encoding: Encoding::Base64Hex,
};

/// Every scheme in the registry (each once), signed from its parts, against the bare
/// primitive over the message it explains: what signing adds to the cryptography.
fn scheme_ratios(key: &MerchantPrivateKey, secret: &SharedSecret) {
    let mut schemes: Vec<(String, Scheme)> = Vec::new();
    for spec in payspec_sdk::SPECS {
        if let Some(signing) = spec.signing {
            for scheme in signing.schemes() {
                if !schemes.iter().any(|(_, seen)| seen == scheme) {
                    schemes.push((format!("{} {}", spec.id, scheme.algorithm), *scheme));
                }
            }
        }
    }
    schemes.push(("fields as JSON, base64-hex".to_owned(), JSON_FIELDS));
    let body = serde_json::to_vec(&serde_json::Map::from_iter(PAIRS.iter().filter_map(
        |(name, value)| Some(((*name).to_owned(), serde_json::Value::from((*value)?))),
    )))
    .unwrap_or_default();
    eprintln!("a scheme's signature from its parts / the primitive over the explained message:");
    for (name, scheme) in schemes {
        let headers: Vec<(&str, &str)> = scheme.message.headers().map(|h| (h, NONCE)).collect();
        // Sorted when generated, as the generated code passes its pairs (not checked
        // again on each signature).
        let input = MessageInput {
            fields: Fields::SortedPairs {
                pairs: &PAIRS,
                bare: &[],
            },
            body: Some(&body),
            headers: &headers,
            method: Some("POST"),
            path: Some("/v1/payouts"),
        };
        let signing_key = if scheme.algorithm.is_rsa() {
            SigningKeyRef::Rsa(key)
        } else {
            SigningKeyRef::Secret(secret)
        };
        let shared = (!scheme.algorithm.is_rsa()).then_some(secret);
        let Ok(message) = scheme.message_to_sign(&input, shared) else {
            eprintln!("  {name}: the message does not build");
            continue;
        };
        let measured = ratio::ratio(
            || scheme.sign_message(black_box(&input), signing_key),
            || {
                drop(
                    scheme
                        .algorithm
                        .sign_bytes(signing_key, black_box(message.as_bytes())),
                )
            },
        );
        eprintln!("  {name:<40} {measured}  ({} bytes)", message.len());
    }
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion);
    criterion.final_summary();
    let (Ok(key), Ok(secret)) = (
        MerchantPrivateKey::from_text(PRIVATE_KEY),
        SharedSecret::new(SECRET),
    ) else {
        return eprintln!("the bench keys do not load");
    };
    request_ratios(&key, &secret);
    scheme_ratios(&key, &secret);
}

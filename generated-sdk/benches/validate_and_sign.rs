//! What a caller pays per request beyond the cryptography: validate a typical request and
//! sign it through the generated API, beside the bare primitive over the same string, in
//! one run, so the ratio (validate + sign) / primitive can be read off per scheme.
//!
//! `cargo bench -p payspec-sdk --bench validate_and_sign -- --warm-up-time 1 --measurement-time 3`

use payspec_sdk::prelude::*;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use payspec_sdk::runtime::signing::{
    Algorithm, MerchantPrivateKey, SharedSecret, hmac_sha256, md5,
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

criterion_group!(validate_and_sign, benches);
criterion_main!(validate_and_sign);

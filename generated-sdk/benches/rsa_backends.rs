//! RSA signing with each backend (feature `openssl`) beside `openssl speed` in the same
//! run: RSA-SHA1 with the published 1024-bit key and RSA-SHA256 with a 2048-bit key,
//! each our whole signature of a 276-byte message (hash, PKCS#1 v1.5 sign, base64).
//!
//! After criterion's groups, each case is timed as `openssl speed` times its own: as many
//! signatures as fit in 1 s, wall clock, in rounds that alternate with `openssl speed
//! -elapsed -seconds 1 rsa<bits>` run here, so a burst of load on a shared machine
//! slows neither side alone. The best round of each side is kept, and the ratios ours /
//! `openssl speed` are printed to stderr.
//!
//! `cargo bench -p payspec-sdk --features openssl --bench rsa_backends -- --warm-up-time 1 --measurement-time 2`

use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use payspec_sdk::runtime::signing::{
    Algorithm, Encoding, MerchantPrivateKey, RsaBackend, SignError,
};
use sha1::{Digest as _, Sha1};
use sha2::Sha256;

const KEY_1024: &str =
    include_str!("../runtime/tests/fixtures/signing/teemopay-example-1024.pkcs8.pem");
const KEY_2048: &str = include_str!("../runtime/tests/fixtures/signing/test-2048.pkcs8.pem");

/// A Mexican payout's string to sign, as TeemoPay's scheme writes it (276 bytes).
const MESSAGE: &str = "amount=125000&bankAccount=012180015645238591&bankCode=40012&callbackUrl=https://merchant.example/cb&email=mg@example.com&idCardNumber=GOMM850101MDFNRR09&merchantOrderNo=PO-000123456&paymentType=40&phone=5512345678&realName=Maria Gonzalez&nonce=0123456789abcdef0123456789abcdef";

/// How long each side runs per round, as `-seconds` tells `openssl speed`.
const SPEED_SECONDS: u64 = 1;
/// Alternating rounds per case.
const ROUNDS: usize = 3;

/// Our whole RSA signature of a message: hash, sign the digest, base64.
fn sign(
    backend: RsaBackend,
    algorithm: Algorithm,
    key: &MerchantPrivateKey,
    message: &[u8],
) -> Result<String, SignError> {
    let digest = match algorithm {
        Algorithm::RsaSha256 => Sha256::digest(message).to_vec(),
        _ => Sha1::digest(message).to_vec(),
    };
    let raw = backend.sign_digest(algorithm, key, &digest)?;
    Ok(Encoding::Base64.encode(&raw))
}

struct Case {
    name: &'static str,
    algorithm: Algorithm,
    bits: u32,
    key: MerchantPrivateKey,
}

fn cases() -> Option<Vec<Case>> {
    let load = |text| MerchantPrivateKey::from_text(text).ok();
    Some(vec![
        Case {
            name: "rsa_sha1_1024",
            algorithm: Algorithm::RsaSha1,
            bits: 1024,
            key: load(KEY_1024)?,
        },
        Case {
            name: "rsa_sha256_2048",
            algorithm: Algorithm::RsaSha256,
            bits: 2048,
            key: load(KEY_2048)?,
        },
    ])
}

fn backend_name(backend: RsaBackend) -> &'static str {
    match backend {
        RsaBackend::RustCrypto => "rsa_crate",
        RsaBackend::OpenSsl => "openssl",
    }
}

/// Microseconds per signature over as many as fit in [`SPEED_SECONDS`].
fn speed_like(backend: RsaBackend, case: &Case) -> f64 {
    let budget = Duration::from_secs(SPEED_SECONDS);
    let start = Instant::now();
    let mut count: u32 = 0;
    while start.elapsed() < budget {
        let _ = black_box(sign(
            backend,
            case.algorithm,
            &case.key,
            black_box(MESSAGE.as_bytes()),
        ));
        count += 1;
    }
    start.elapsed().as_secs_f64() * 1e6 / f64::from(count)
}

/// `openssl speed`'s microseconds per signature for a modulus size, from its
/// machine-readable line `+F2:<index>:<bits>:<sign/s>:<verify/s>`.
fn openssl_speed(bits: u32) -> Result<f64, String> {
    let out = Command::new("openssl")
        .args(["speed", "-mr", "-elapsed", "-seconds"])
        .arg(SPEED_SECONDS.to_string())
        .arg(format!("rsa{bits}"))
        .output()
        .map_err(|e| format!("`openssl speed` did not run: {e}"))?;
    if !out.status.success() {
        return Err(format!("`openssl speed` failed: {}", out.status));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|line| {
            let mut fields = line.strip_prefix("+F2:")?.split(':');
            let size: u32 = fields.nth(1)?.parse().ok()?;
            let per_second: f64 = fields.next()?.parse().ok()?;
            (size == bits && per_second > 0.0).then(|| 1e6 / per_second)
        })
        .ok_or_else(|| format!("no rsa{bits} sign/s line in:\n{text}"))
}

/// The best of [`ROUNDS`] alternating rounds: `openssl speed`, then each backend.
fn best_rounds(case: &Case) -> Result<(f64, Vec<f64>), String> {
    let mut theirs = f64::INFINITY;
    let mut ours = vec![f64::INFINITY; RsaBackend::ALL.len()];
    for _ in 0..ROUNDS {
        theirs = theirs.min(openssl_speed(case.bits)?);
        for (best, backend) in ours.iter_mut().zip(RsaBackend::ALL) {
            *best = best.min(speed_like(*backend, case));
        }
    }
    Ok((theirs, ours))
}

fn benches(c: &mut Criterion) {
    let Some(cases) = cases() else {
        return eprintln!("the bench keys do not load");
    };
    // The backends must write the same signature, or their times compare nothing.
    for case in &cases {
        let signatures: Vec<_> = RsaBackend::ALL
            .iter()
            .map(|b| sign(*b, case.algorithm, &case.key, MESSAGE.as_bytes()).ok())
            .collect();
        if signatures.windows(2).any(|w| w[0] != w[1]) || signatures[0].is_none() {
            return eprintln!("{}: the backends' signatures differ", case.name);
        }
    }

    let mut group = c.benchmark_group("rsa_sign");
    for case in &cases {
        for backend in RsaBackend::ALL {
            group.bench_function(format!("{}/{}", case.name, backend_name(*backend)), |b| {
                b.iter(|| {
                    sign(
                        *backend,
                        case.algorithm,
                        &case.key,
                        black_box(MESSAGE.as_bytes()),
                    )
                })
            });
        }
    }
    group.finish();

    eprintln!(
        "\nsign, best of {ROUNDS} rounds of {SPEED_SECONDS} s per side, wall clock ({} bytes \
         hashed; base64 included for ours):",
        MESSAGE.len()
    );
    for case in &cases {
        let (speed, ours) = match best_rounds(case) {
            Ok(best) => best,
            Err(why) => return eprintln!("no ratio: {why}"),
        };
        eprintln!(
            "  {}: `openssl speed rsa{}` {speed:.1} us",
            case.name, case.bits
        );
        for (backend, us) in RsaBackend::ALL.iter().zip(ours) {
            eprintln!(
                "    {:<9} {us:>7.1} us  {:.2}x openssl speed",
                backend_name(*backend),
                us / speed
            );
        }
    }
}

criterion_group!(rsa_backends, benches);
criterion_main!(rsa_backends);

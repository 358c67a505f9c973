//! The floor the generated API's signing ratios are read against: the gateway requests
//! checked and signed by hand (`by_hand.rs`), against the bare primitive and against the
//! generated API, with the floor's parts.

use std::hint::black_box;

use payspec_sdk::gateway_id;
use payspec_sdk::prelude::*;
use payspec_sdk::runtime::signing::{SharedSecret, hmac_sha256, md5};

use super::{SECRET, by_hand, ratio};

/// The gateway requests checked and signed by hand (`support/by_hand.rs`) against the
/// bare primitive (what validate + sign costs with nothing generic, the floor the
/// generated API's ratios are to be read against), then the generated API against them.
pub fn by_hand_ratios(
    secret: &SharedSecret,
    md5_request: &gateway_id::CreatePayoutRequest,
    md5_text: &str,
    hmac_request: &gateway_id::CreatePayoutRequest,
    hmac_text: &str,
) {
    fn payout(r: &gateway_id::CreatePayoutRequest) -> by_hand::Payout<'_> {
        by_hand::Payout {
            platform_id: &r.platform_id,
            payout_cl_id: &r.payout_cl_id,
            amount_minor: r.amount.minor_units(),
            notify_url: r.notify_url.as_deref(),
            bank_name: &r.bank_name,
            name: &r.name,
            number: &r.number,
            request_time: r.request_time,
        }
    }
    let (md5_payout, hmac_payout) = (payout(md5_request), payout(hmac_request));
    let sdk = |r: &gateway_id::CreatePayoutRequest| {
        r.clone().validate().ok()?.signature(secret, None).ok()
    };
    let same = by_hand::check(&md5_payout)
        && by_hand::check(&hmac_payout)
        && sdk(md5_request) == Some(by_hand::sign_md5(&md5_payout, SECRET))
        && sdk(hmac_request) == Some(by_hand::sign_hmac(&hmac_payout, SECRET));
    if !same {
        return eprintln!("the by-hand signatures differ from the SDK's: no floor printed");
    }
    eprintln!("validate + sign by hand, written for this one request / the bare primitive:");
    let md5_floor = ratio::ratio(
        || {
            let p = black_box(&md5_payout);
            by_hand::check(p).then(|| by_hand::sign_md5(p, SECRET))
        },
        || md5(black_box(md5_text.as_bytes())),
    );
    eprintln!("  gateway-id MD5          {md5_floor}");
    let hmac_floor = ratio::ratio(
        || {
            let p = black_box(&hmac_payout);
            by_hand::check(p).then(|| by_hand::sign_hmac(p, SECRET))
        },
        || hmac_sha256(black_box(secret), black_box(hmac_text.as_bytes())),
    );
    eprintln!("  gateway-id HMAC-SHA256  {hmac_floor}");
    // The generated API against the floor itself: what being generic costs.
    eprintln!("validate + sign through the generated API / by hand:");
    type SignByHand = fn(&by_hand::Payout<'_>, &str) -> String;
    let cases: [(&str, _, _, SignByHand); 2] = [
        ("MD5", md5_request, &md5_payout, by_hand::sign_md5),
        (
            "HMAC-SHA256",
            hmac_request,
            &hmac_payout,
            by_hand::sign_hmac,
        ),
    ];
    for (name, request, payout, sign_by_hand) in cases {
        let Ok(valid) = request.clone().validate() else {
            return eprintln!("the bench requests do not validate");
        };
        let measured = ratio::ratio(
            || {
                drop(
                    black_box(request)
                        .check()
                        .map(|()| black_box(&valid).signature(secret, None)),
                )
            },
            || {
                let p = black_box(payout);
                by_hand::check(p).then(|| sign_by_hand(p, SECRET))
            },
        );
        eprintln!("  gateway-id {name:<12} {measured}");
    }
    // What the floor is made of, each part against the same HMAC.
    let hmac = || hmac_sha256(black_box(secret), black_box(hmac_text.as_bytes()));
    let parts = [
        (
            "the checks by hand",
            ratio::ratio(|| by_hand::check(black_box(&hmac_payout)), hmac),
        ),
        (
            "the checks through the runtime",
            ratio::ratio(|| black_box(hmac_request).check(), hmac),
        ),
        (
            "writing the message by hand",
            ratio::ratio(|| by_hand::message_len(black_box(&hmac_payout)), hmac),
        ),
        (
            "hex and its String by hand",
            ratio::ratio(|| by_hand::hex(black_box(&[0xa5; 32])), hmac),
        ),
    ];
    eprintln!("the HMAC floor's parts / the bare HMAC-SHA256:");
    for (what, measured) in parts {
        eprintln!("  {what:<32} {measured}");
    }
}

//! Callbacks verified over their bytes (a signature header) or by a token, for every spec
//! whose callbacks are: a genuine one, its signature computed by the OpenSSL command line
//! from the spec's stated rule, is read; one byte changed, the header missing, another
//! token, another key: refused.

use payspec_sdk::runtime::SpecInfo;
use payspec_sdk::runtime::signing::{
    Algorithm, Encoding, Piece, Placement, SharedSecret, VerifyError,
};
use payspec_sdk::runtime::wire::{CallbackError, CallbackPlan, PayoutState};
use payspec_tests::{GATEWAY_SECRET, put};
use serde_json::{Value, json};

/// The callback's bytes: every documented field in its form, the order number `M1`, the
/// status code of `state`, all where the spec's `data` puts them.
fn callback_bytes(spec: &SpecInfo, plan: &CallbackPlan, state: PayoutState) -> Vec<u8> {
    let mut record = serde_json::Map::new();
    for (name, form) in plan.fields {
        record.insert((*name).into(), form.placeholder(name));
    }
    record.insert(plan.merchant_order_no.into(), json!("M1"));
    if let Some(statuses) = spec.statuses {
        let code = statuses.code_of(state).expect("the spec has this state");
        record.insert(statuses.field.into(), code);
    }
    let mut body = json!({ "event": "payout.update" });
    match plan.data {
        Some(place) => put(&mut body, place, Value::Object(record)),
        None => body.as_object_mut().expect("object").extend(record),
    }
    serde_json::to_vec(&body).expect("json")
}

/// The message the spec's rule states, written out here from its parts.
fn message(parts: &[payspec_sdk::runtime::signing::Part], body: &[u8], secret: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for part in parts {
        out.extend_from_slice(part.label.as_bytes());
        match part.piece {
            Piece::Body => out.extend_from_slice(body),
            Piece::Secret => out.extend_from_slice(secret.as_bytes()),
            Piece::Text(text) => out.extend_from_slice(text.as_bytes()),
            ref other => panic!("a callback part this test does not build: {other:?}"),
        }
    }
    out
}

/// The primitive, by OpenSSL; `None` when `openssl` is not installed.
fn openssl(algorithm: Algorithm, secret: &str, message: &[u8]) -> Option<Vec<u8>> {
    let mut args = vec!["dgst", "-binary"];
    let digest = match algorithm {
        Algorithm::HmacSha256 | Algorithm::Sha256 => "-sha256",
        Algorithm::HmacSha512 | Algorithm::Sha512 => "-sha512",
        Algorithm::Md5 => "-md5",
        other => panic!("a callback algorithm this test does not run: {other}"),
    };
    args.push(digest);
    if matches!(algorithm, Algorithm::HmacSha256 | Algorithm::HmacSha512) {
        args.extend(["-hmac", secret]);
    }
    payspec_tests::openssl(&args, message)
}

fn encode(encoding: Encoding, raw: &[u8]) -> String {
    let hex = |digits: &[u8; 16]| {
        raw.iter()
            .flat_map(|b| [digits[usize::from(b >> 4)], digits[usize::from(b & 15)]])
            .map(char::from)
            .collect::<String>()
    };
    match encoding {
        Encoding::HexLower => hex(b"0123456789abcdef"),
        Encoding::HexUpper => hex(b"0123456789ABCDEF"),
        other => panic!("an encoding this test does not write: {other}"),
    }
}

fn request(headers: &[(&str, &str)], body: Vec<u8>) -> http::Request<Vec<u8>> {
    let mut request = http::Request::builder().method("POST").uri("/callback");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(body).expect("request")
}

fn receive(
    spec: &SpecInfo,
    plan: &CallbackPlan,
    request: &http::Request<Vec<u8>>,
    key: &str,
) -> Result<PayoutState, CallbackError> {
    let key = SharedSecret::new(key).expect("secret");
    plan.receive(
        spec.signing,
        spec.statuses,
        request.headers(),
        request.body(),
        &key,
    )
    .map(|c| {
        assert_eq!(c.merchant_order_no, "M1", "{}", spec.id);
        c.status
            .and_then(|s| s.state)
            .unwrap_or(PayoutState::Pending)
    })
}

/// A spec's callback, if it is verified over the bytes or by a token.
fn over_bytes(spec: &SpecInfo) -> Option<&'static CallbackPlan> {
    let plan = spec.callback?;
    let in_header = spec
        .signing
        .is_some_and(|s| matches!(s.signature, Placement::Header { .. }));
    (in_header || plan.token_header.is_some()).then_some(plan)
}

#[test]
fn a_callback_signed_over_its_bytes_is_read_and_any_change_is_refused() {
    let mut checked = 0;
    for spec in payspec_sdk::SPECS {
        let (Some(plan), Some(signing)) = (over_bytes(spec), spec.signing) else {
            continue;
        };
        let Placement::Header { name, prefix } = signing.signature else {
            continue;
        };
        let scheme = signing.scheme_for(None).expect("a scheme");
        let body = callback_bytes(spec, plan, PayoutState::Succeeded);
        let message = message(scheme.message.parts, &body, GATEWAY_SECRET);
        let Some(raw) = openssl(scheme.algorithm, GATEWAY_SECRET, &message) else {
            assert!(
                std::env::var_os("PAYSPEC_REQUIRE_OPENSSL").is_none(),
                "PAYSPEC_REQUIRE_OPENSSL is set but `openssl` does not run"
            );
            return eprintln!("SKIPPED: the `openssl` command is not installed");
        };
        let signature = format!("{prefix}{}", encode(scheme.encoding, &raw));
        let genuine = request(&[(name, &signature)], body.clone());
        assert_eq!(
            receive(spec, plan, &genuine, GATEWAY_SECRET),
            Ok(PayoutState::Succeeded),
            "{}",
            spec.id
        );
        // One byte changed: the order number M1 becomes M2.
        let text = String::from_utf8(body.clone()).expect("utf-8");
        let forged = request(
            &[(name, &signature)],
            text.replace("\"M1\"", "\"M2\"").into_bytes(),
        );
        assert_eq!(
            receive(spec, plan, &forged, GATEWAY_SECRET),
            Err(CallbackError::Signature(VerifyError::Mismatch)),
            "{}",
            spec.id
        );
        // The bytes re-serialized with spaces are another body.
        let parsed: Value = serde_json::from_slice(&body).expect("json");
        let pretty = serde_json::to_vec_pretty(&parsed).expect("json");
        assert!(
            receive(
                spec,
                plan,
                &request(&[(name, &signature)], pretty),
                GATEWAY_SECRET
            )
            .is_err(),
            "{}",
            spec.id
        );
        assert_eq!(
            receive(spec, plan, &request(&[], body.clone()), GATEWAY_SECRET),
            Err(CallbackError::MissingHeader(name)),
            "{}",
            spec.id
        );
        assert!(
            receive(spec, plan, &genuine, "another-secret").is_err(),
            "{}: another key must not verify",
            spec.id
        );
        checked += 1;
    }
    let expected = payspec_sdk::SPECS
        .iter()
        .filter(|s| {
            s.signing
                .is_some_and(|g| matches!(g.signature, Placement::Header { .. }))
                && s.callback.is_some()
        })
        .count();
    assert_eq!(checked, expected);
}

#[test]
fn a_callback_with_the_merchants_token_is_read_and_any_other_is_refused() {
    let mut checked = 0;
    for spec in payspec_sdk::SPECS {
        let Some(plan) = over_bytes(spec) else {
            continue;
        };
        let Some(header) = plan.token_header else {
            continue;
        };
        let body = callback_bytes(spec, plan, PayoutState::Failed);
        let genuine = request(&[(header, GATEWAY_SECRET)], body.clone());
        assert_eq!(
            receive(spec, plan, &genuine, GATEWAY_SECRET),
            Ok(PayoutState::Failed),
            "{}",
            spec.id
        );
        for wrong in [
            "",
            "2I9Q4nExEddsH6z",
            "2I9Q4nExEddsH6zoo",
            "2i9q4nexeddsh6zo",
        ] {
            assert_eq!(
                receive(
                    spec,
                    plan,
                    &request(&[(header, wrong)], body.clone()),
                    GATEWAY_SECRET
                ),
                Err(CallbackError::Token(header)),
                "{}: {wrong:?}",
                spec.id
            );
        }
        assert_eq!(
            receive(spec, plan, &request(&[], body), GATEWAY_SECRET),
            Err(CallbackError::MissingHeader(header)),
            "{}",
            spec.id
        );
        checked += 1;
    }
    let expected = payspec_sdk::SPECS
        .iter()
        .filter(|s| s.callback.is_some_and(|c| c.token_header.is_some()))
        .count();
    assert_eq!(checked, expected);
}

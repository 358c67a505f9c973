//! One reading of every received body, for every spec whose callbacks are signed in a body
//! field: what is verified
//! is exactly what is then read. Each callback here is genuinely signed with the spec's
//! published example key, then altered the way an attacker (or a buggy proxy) would.

use payspec_sdk::runtime::SpecInfo;
use payspec_sdk::runtime::signing::{BoundaryError, SigningKey, VerifyError, VerifyingKey};
use payspec_sdk::runtime::wire::{CallbackError, CallbackPlan, PayoutState};
use payspec_tests::example_keys;
use serde_json::{Map, Value};

const NONCE: &str = "0123456789abcdef0123456789abcdef";

/// A spec with a callback, its keys, and a genuine callback's parts.
struct Sender {
    spec: &'static SpecInfo,
    plan: &'static CallbackPlan,
    key: SigningKey,
    verify_key: VerifyingKey,
}

/// Every spec whose callbacks carry their signature in a body field (the field
/// boundaries, repeats and unsigned extras this file attacks live in the signed pairs;
/// `received_bytes.rs` covers signatures over the bytes and tokens).
fn senders() -> Vec<Sender> {
    payspec_sdk::SPECS
        .iter()
        .filter(|spec| spec.signing.is_some_and(|s| s.signature_field().is_some()))
        .filter_map(|spec| {
            let plan = spec.callback?;
            let (key, verify_key) = example_keys(spec);
            Some(Sender {
                spec,
                plan,
                key,
                verify_key,
            })
        })
        .collect()
}

impl Sender {
    /// The status code a callback reports for `state`.
    fn status(&self, state: PayoutState) -> Option<(&'static str, Value)> {
        let table = self.spec.statuses?;
        Some((table.field, table.code_of(state)?))
    }

    /// A callback body with every documented field, signed (unsigned when `sign` is off).
    fn body(
        &self,
        state: PayoutState,
        edit: impl FnOnce(&mut Map<String, Value>),
    ) -> Map<String, Value> {
        let signing = self.spec.signing.expect("a callback is signed");
        let mut body = Map::new();
        for (name, _) in self.plan.fields {
            if Some(*name) == signing.signature_field()
                || signing
                    .scheme_for(None)
                    .is_ok_and(|s| s.canonical().is_some_and(|c| c.excludes(name)))
            {
                continue;
            }
            body.insert((*name).to_string(), Value::String(format!("v-{name}")));
        }
        body.insert(self.plan.merchant_order_no.into(), "M1".into());
        if let Some((field, code)) = self.status(state) {
            body.insert(field.into(), code);
        }
        edit(&mut body);
        signing
            .sign_body(&mut body, &self.extras(), &self.key)
            .expect("signs");
        body
    }

    fn extras(&self) -> Vec<(&'static str, &'static str)> {
        self.plan
            .signed_headers
            .iter()
            .map(|(name, _)| (*name, NONCE))
            .collect()
    }

    fn headers(&self) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        for (_, header) in self.plan.signed_headers {
            headers.insert(*header, http::HeaderValue::from_static(NONCE));
        }
        for (header, value) in self.plan.fixed_headers {
            headers.insert(*header, http::HeaderValue::from_static(value));
        }
        headers
    }

    fn receive(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<PayoutState, CallbackError> {
        let signing = self.spec.signing.expect("signed");
        self.plan
            .receive(
                Some(signing),
                self.spec.statuses,
                headers,
                body,
                &self.verify_key,
            )
            .map(|c| {
                c.status
                    .and_then(|s| s.state)
                    .unwrap_or(PayoutState::Pending)
            })
    }

    fn text(body: &Map<String, Value>) -> String {
        serde_json::to_string(body).expect("json")
    }
}

/// `"name":value,` inserted right after the opening brace: the first of two keys.
fn with_first(text: &str, name: &str, value: &str) -> String {
    format!("{{\"{name}\":{value},{}", &text[1..])
}

#[test]
fn a_genuine_callback_of_every_spec_is_received() {
    let senders = senders();
    assert!(!senders.is_empty());
    for s in &senders {
        let body = Sender::text(&s.body(PayoutState::Failed, |_| {}));
        assert_eq!(
            s.receive(&s.headers(), body.as_bytes()),
            Ok(PayoutState::Failed),
            "{}",
            s.spec.id
        );
    }
}

#[test]
fn a_repeated_key_is_refused_whichever_copy_is_genuine() {
    for s in senders() {
        let genuine = Sender::text(&s.body(PayoutState::Failed, |_| {}));
        let signature = s
            .spec
            .signing
            .and_then(|s| s.signature_field())
            .expect("signed in a body field");
        let mut forged = vec![with_first(&genuine, signature, r#""garbage""#)];
        if let Some((field, code)) = s.status(PayoutState::Succeeded) {
            // The genuine failure signed, a forged success placed first.
            forged.push(with_first(&genuine, field, &code.to_string()));
        }
        for body in forged {
            let refused = s.receive(&s.headers(), body.as_bytes());
            assert!(
                matches!(&refused, Err(CallbackError::DuplicateKeys(keys)) if keys.len() == 1),
                "{}: {body} -> {refused:?}",
                s.spec.id
            );
            // The module's `verify` refuses it the same way.
            let verified = s.spec.signing.expect("signed").verify_json(
                body.as_bytes(),
                &s.extras(),
                &s.verify_key,
            );
            assert!(
                matches!(verified, Err(VerifyError::DuplicateKeys(_))),
                "{}: {verified:?}",
                s.spec.id
            );
        }
    }
}

#[test]
fn field_boundaries_cannot_move_in_a_verified_callback() {
    for s in senders() {
        let Some(victim) = s.plan.fields.iter().map(|(name, _)| *name).find(|f| {
            *f != s.plan.merchant_order_no && f.starts_with(|c: char| c.is_ascii_lowercase())
        }) else {
            continue;
        };
        // Genuinely signed, yet the string to sign is the one of another body.
        let moved_value = s.body(PayoutState::Succeeded, |b| {
            b.insert(
                victim.to_string(),
                "100.00&completeTime=2024-05-01 10:00:00".into(),
            );
        });
        let moved_name = s.body(PayoutState::Succeeded, |b| {
            b.insert("serviceAmount=1.50&status".into(), "2".into());
        });
        for (body, expected) in [(moved_value, "value"), (moved_name, "name")] {
            let refused = s.receive(&s.headers(), Sender::text(&body).as_bytes());
            assert!(
                matches!(
                    (&refused, expected),
                    (
                        Err(CallbackError::Signature(VerifyError::Ambiguous(
                            BoundaryError::Value(_)
                        ))),
                        "value"
                    ) | (
                        Err(CallbackError::Signature(VerifyError::Ambiguous(
                            BoundaryError::Name(_)
                        ))),
                        "name"
                    )
                ),
                "{}: {refused:?}",
                s.spec.id
            );
        }
    }
}

#[test]
fn unsigned_fields_the_spec_does_not_list_are_refused() {
    for s in senders() {
        let body = s.body(PayoutState::Succeeded, |_| {});
        let signing = s.spec.signing.expect("signed");
        let scheme = signing.scheme_for(None).expect("scheme");
        for blank in ["", "   ", "\u{a0}"] {
            let mut added = body.clone();
            added.insert("undocumented".into(), blank.into());
            let refused = s.receive(&s.headers(), Sender::text(&added).as_bytes());
            let dropped = scheme
                .canonical()
                .is_some_and(|c| c.drops(&Value::String(blank.into())));
            // Dropped: not covered by the signature, so refused as unsigned. Kept (a
            // no-break space is not blank to Java's trim()): covered, so it fails to verify.
            let ok = if dropped {
                matches!(&refused, Err(CallbackError::UnsignedField(name)) if name == "undocumented")
            } else {
                matches!(
                    &refused,
                    Err(CallbackError::Signature(VerifyError::Mismatch))
                )
            };
            assert!(ok, "{}: {blank:?} -> {refused:?}", s.spec.id);
        }
        let mut null = body.clone();
        null.insert("undocumented".into(), Value::Null);
        assert!(
            s.receive(&s.headers(), Sender::text(&null).as_bytes())
                .is_err(),
            "{}",
            s.spec.id
        );
    }
}

#[test]
fn a_callback_for_one_country_is_refused_by_another() {
    let senders = senders();
    for s in senders.iter().filter(|s| !s.plan.fixed_headers.is_empty()) {
        let body = Sender::text(&s.body(PayoutState::Succeeded, |_| {}));
        let (header, _) = s.plan.fixed_headers[0];
        let mut missing = s.headers();
        missing.remove(header);
        assert_eq!(
            s.receive(&missing, body.as_bytes()),
            Err(CallbackError::MissingHeader(header))
        );
        // The same provider's other specs, same key and scheme: their country differs.
        for other in senders
            .iter()
            .filter(|o| o.spec.provider == s.spec.provider && o.spec.id != s.spec.id)
        {
            let refused = other.receive(&s.headers(), body.as_bytes());
            assert!(
                matches!(refused, Err(CallbackError::WrongHeader { header: h, .. }) if h == header),
                "{} callback received as {}: {refused:?}",
                s.spec.id,
                other.spec.id
            );
        }
    }
}

//! The checks every field of a kind gets without the spec asking: required text is not
//! blank (signing would drop it and sign the request as if the field were absent), free
//! text has no control or bidirectional characters, amounts are above zero, timestamps
//! are plausible. Driven by every spec's valid examples: each field is broken in turn.

use payspec_codegen::model::{Check, Kind};
use payspec_tests::{specs, verdict};
use serde_json::{Map, Value};

/// Every operation's valid examples, as `(spec id, operation, field kinds, body)`.
fn valid_bodies() -> Vec<(
    String,
    payspec_codegen::model::Operation,
    Map<String, Value>,
)> {
    let mut out = Vec::new();
    for spec in specs() {
        for op in &spec.operations {
            for example in op.examples.iter().filter(|e| e.violations.is_empty()) {
                let body: Map<String, Value> = serde_json::from_str(&example.json).expect("object");
                out.push((spec.id.clone(), op.clone(), body));
            }
        }
    }
    out
}

/// Sets the field at `pointer` to `value` (inside its object, for a field of one) and
/// returns whether the verdict has a violation of it under `rule`.
fn broken(
    spec: &str,
    op: &str,
    body: &Map<String, Value>,
    pointer: &str,
    value: Value,
    rule: &str,
) -> bool {
    let mut body = body.clone();
    payspec_sdk::runtime::wire::insert_at(&mut body, pointer, value);
    let json = serde_json::to_vec(&body).expect("json");
    verdict(spec, op, &json)
        .iter()
        .any(|(path, r)| path == pointer && r == rule)
}

#[test]
fn required_text_is_never_blank() {
    let mut checked = 0;
    for (spec, op, body) in valid_bodies() {
        for f in op
            .fields
            .iter()
            .filter(|f| f.required && f.kind == Kind::Text)
        {
            for blank in ["", "   ", "\u{a0}", "\t"] {
                assert!(
                    broken(&spec, &op.name, &body, &f.pointer, blank.into(), "required"),
                    "{spec} {}: {blank:?} passed as a required `{}`",
                    op.name,
                    f.wire
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 0);
}

#[test]
fn free_text_refuses_hidden_characters() {
    let mut checked = 0;
    for (spec, op, body) in valid_bodies() {
        for f in op
            .fields
            .iter()
            .filter(|f| f.checks.contains(&Check::PlainText))
        {
            // A map's values are its text: the hidden character goes in one of them.
            let pointer = match f.kind {
                Kind::Map => format!("{}/probe", f.pointer),
                _ => f.pointer.clone(),
            };
            for hidden in ["a\u{0}b", "line\nbreak", "abc\u{202e}cba", "\u{2066}x"] {
                assert!(
                    broken(
                        &spec,
                        &op.name,
                        &body,
                        &pointer,
                        hidden.into(),
                        "control-char"
                    ),
                    "{spec} {}: {hidden:?} passed in `{}`",
                    op.name,
                    f.wire
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 0);
}

#[test]
fn amounts_are_above_zero() {
    let mut checked = 0;
    for (spec, op, body) in valid_bodies() {
        for f in op
            .fields
            .iter()
            .filter(|f| matches!(f.kind, Kind::Amount { .. }))
        {
            let zero = match Value::Object(body.clone()).pointer(&f.pointer) {
                Some(Value::String(_)) => Value::String("0".into()),
                _ => Value::from(0u64),
            };
            assert!(
                broken(&spec, &op.name, &body, &f.pointer, zero, "amount-positive"),
                "{spec} {}: a zero `{}` passed",
                op.name,
                f.wire
            );
            checked += 1;
        }
    }
    assert!(checked > 0);
}

#[test]
fn timestamps_are_plausible() {
    let mut checked = 0;
    for (spec, op, body) in valid_bodies() {
        for f in op
            .fields
            .iter()
            .filter(|f| f.checks.iter().any(|c| matches!(c, Check::Timestamp(_))))
        {
            for bad in [0u64, 1] {
                assert!(
                    broken(&spec, &op.name, &body, &f.pointer, bad.into(), "timestamp"),
                    "{spec} {}: `{}` of {bad} passed",
                    op.name,
                    f.wire
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "no spec has a timestamp field");
}

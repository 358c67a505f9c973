//! Reading answers (`read_answer` through each operation's reader, as the client does) on
//! any status and body: it never panics, and nothing uncertain is ever called a rejection.
//! A rejection is final (the payout was refused, a new one may be made), so it must be a
//! code the envelope documents as one, on a 2xx.
//!
//! The checks look only at `Outcome::{Accepted, Rejected, Unknown(_)}`, never at why an
//! outcome is unknown, so new `Unknown` variants change nothing here.

use payspec_sdk::runtime::wire::Outcome;
use payspec_sdk::runtime::{OperationInfo, SpecInfo};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Map, Value};

use crate::answers::{
    Body, accepts_by_code, answer_body, any_status, as_float, as_number, code_value, documented,
    envelope, known_codes, padded, same_as_number, whitespace,
};
use crate::fuzz::{check, number, string};
use crate::support::{Case, cases};

/// Reads `body` with `op`'s reader; a panic fails the property (proptest catches it).
fn read(_case: &Case, op: &'static OperationInfo, status: u16, body: &Body) -> Outcome {
    let response = http::Response::builder()
        .status(status)
        .body(body.0.clone())
        .expect("a status in 100..600");
    op.read_answer(&response)
}

/// Accepted only on a 2xx with an accepted code; a rejection keeps the status it came on.
fn accepted_only_when_sure(
    spec: &SpecInfo,
    status: u16,
    outcome: &Outcome,
) -> Result<(), TestCaseError> {
    match outcome {
        Outcome::Accepted(accepted) => {
            prop_assert!((200..300).contains(&status), "accepted on HTTP {status}");
            prop_assert!(
                envelope(spec).accepted.contains(&accepted.code.as_str()),
                "accepted with the code {:?}",
                accepted.code
            );
        }
        Outcome::Rejected(rejected) => prop_assert_eq!(rejected.http_status, status),
        Outcome::Unknown(_) => {}
    }
    Ok(())
}

/// The invariant: a rejection is a code the envelope documents as one, on a 2xx.
fn nothing_uncertain_is_rejected(
    spec: &SpecInfo,
    status: u16,
    outcome: &Outcome,
) -> Result<(), TestCaseError> {
    if let Outcome::Rejected(rejected) = outcome {
        prop_assert!(
            (200..300).contains(&status),
            "rejected on HTTP {status}: {rejected:?}"
        );
        let documented = envelope(spec)
            .codes
            .iter()
            .find(|c| c.code == rejected.code);
        prop_assert!(
            documented.is_some(),
            "rejected with a code the spec does not document: {rejected:?}"
        );
        prop_assert_eq!(rejected.rejection, documented.map(|c| c.rejection));
    }
    Ok(())
}

/// Runs `property` on every spec's every operation, with statuses and bodies from the
/// strategies given; a spec for which `codes` has none is left out.
fn each_reader(
    what: &str,
    statuses: impl Fn() -> BoxedStrategy<u16>,
    codes: impl Fn(&'static SpecInfo) -> Option<BoxedStrategy<Value>>,
    property: impl Fn(&SpecInfo, u16, &Outcome) -> Result<(), TestCaseError>,
) {
    for case in cases().into_iter().filter(|c| accepts_by_code(c.spec)) {
        let Some(codes) = codes(case.spec) else {
            continue;
        };
        for op in case.spec.operations {
            let inputs = (statuses(), answer_body(case.spec, op, codes.clone()));
            let name = format!("{} {}: {what}", case.spec.id, op.name);
            check(&name, inputs, |(status, body)| {
                let outcome = read(&case, op, status, &body);
                property(case.spec, status, &outcome)
            });
        }
    }
}

#[test]
fn any_answer_reads_without_panic_and_is_accepted_only_on_a_2xx_with_an_accepted_code() {
    each_reader(
        "any answer",
        any_status,
        |spec| Some(code_value(spec)),
        accepted_only_when_sure,
    );
}

#[test]
fn any_answer_is_rejected_only_with_a_documented_code_on_a_2xx() {
    each_reader(
        "any answer",
        any_status,
        |spec| Some(code_value(spec)),
        nothing_uncertain_is_rejected,
    );
}

#[test]
fn a_documented_code_on_a_status_other_than_2xx_is_not_a_rejection() {
    let not_2xx = || prop_oneof![100u16..200, 300u16..600].boxed();
    each_reader(
        "documented code, not 2xx",
        not_2xx,
        documented,
        nothing_uncertain_is_rejected,
    );
}

#[test]
fn the_accepted_code_spelled_as_a_float_is_not_a_rejection() {
    // Codes that are numbers as written (200, not 0000, which as a float is 0.0 and
    // covered by the undocumented codes below).
    let float = |spec: &'static SpecInfo| {
        let numbers: Vec<&'static str> = envelope(spec)
            .accepted
            .iter()
            .copied()
            .filter(|c| same_as_number(c))
            .collect();
        (!numbers.is_empty()).then(|| {
            (prop::sample::select(numbers), any::<usize>())
                .prop_map(|(c, s)| as_float(c, s))
                .boxed()
        })
    };
    let ok = || (200u16..300).boxed();
    each_reader(
        "accepted code as a float",
        ok,
        float,
        nothing_uncertain_is_rejected,
    );
}

#[test]
fn an_undocumented_code_on_a_2xx_is_not_a_rejection() {
    let undocumented = |spec: &'static SpecInfo| {
        let known = prop::sample::select(known_codes(spec));
        let codes = prop_oneof![
            number(),
            string().prop_map(Value::String),
            (known, whitespace(), whitespace()).prop_map(|(c, l, r)| padded(&c, l, r)),
        ];
        Some(codes.boxed())
    };
    let ok = || (200u16..300).boxed();
    each_reader(
        "undocumented code",
        ok,
        undocumented,
        nothing_uncertain_is_rejected,
    );
}

/// The controls for the properties above: the cases that must stay as they are.
#[test]
fn documented_codes_on_a_2xx_are_rejections_and_the_accepted_code_is_accepted() {
    for case in cases().into_iter().filter(|c| accepts_by_code(c.spec)) {
        let spec = case.spec;
        for op in spec.operations {
            for code in envelope(spec).codes {
                // As a string, and as a number where that is the same text (425, not 0002).
                let number = same_as_number(code.code).then(|| as_number(code.code));
                for value in std::iter::once(Value::String(code.code.into())).chain(number) {
                    let mut body = Map::new();
                    body.insert(envelope(spec).code.into(), value.clone());
                    let body = Body(serde_json::to_vec(&body).expect("JSON"));
                    let outcome = read(&case, op, 200, &body);
                    let Outcome::Rejected(rejected) = &outcome else {
                        panic!(
                            "{} {}: {value} on a 200 must be rejected, got {outcome:?}",
                            spec.id, op.name
                        )
                    };
                    assert_eq!(rejected.code, code.code, "{} {}", spec.id, op.name);
                    assert_eq!(
                        rejected.rejection,
                        Some(code.rejection),
                        "{} {}",
                        spec.id,
                        op.name
                    );
                }
            }
            let id = case.order_number("control-");
            let body = Body(crate::modes::accepted_json(&case, op, &id));
            let outcome = read(&case, op, 200, &body);
            assert!(
                matches!(outcome, Outcome::Accepted(_)),
                "{} {}: the accepted answer must be accepted, got {outcome:?}",
                spec.id,
                op.name
            );
        }
    }
}

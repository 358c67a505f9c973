//! What the properties share: how many cases to run, a runner per spec and operation, and
//! strategies for JSON values.
//!
//! `PAYSPEC_FUZZ_CASES` sets the cases per property (default [`DEFAULT_CASES`], fast enough
//! for CI); a longer run: `PAYSPEC_FUZZ_CASES=10000 cargo test -p payspec-sdk --features
//! mock --test fault`.

use std::fmt::Debug;

use payspec_sdk::runtime::{OperationInfo, SpecInfo};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Map, Number, Value};

/// Cases per property when `PAYSPEC_FUZZ_CASES` is not set.
pub const DEFAULT_CASES: u32 = 64;

/// The cases per property: `PAYSPEC_FUZZ_CASES`, or [`DEFAULT_CASES`].
pub fn case_count() -> u32 {
    match std::env::var("PAYSPEC_FUZZ_CASES") {
        Ok(text) => match text.trim().parse::<u32>() {
            Ok(n) if n > 0 => n,
            _ => panic!("PAYSPEC_FUZZ_CASES must be a positive whole number, not {text:?}"),
        },
        Err(_) => DEFAULT_CASES,
    }
}

/// Runs `test` on [`case_count`] values of `strategy`; on a failure, panics with the smallest
/// failing value proptest found, named by `what`. No regression files are written: the
/// message carries the input.
pub fn check<S>(what: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S: Strategy,
    S::Value: Debug,
{
    let config = Config {
        cases: case_count(),
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    if let Err(failure) = runner.run(&strategy, test) {
        panic!("{what}: {failure}");
    }
}

/// Every operation of every spec, for properties that run per operation.
pub fn operations() -> impl Iterator<Item = (&'static SpecInfo, &'static OperationInfo)> {
    payspec_sdk::SPECS
        .iter()
        .copied()
        .flat_map(|spec| spec.operations.iter().map(move |op| (spec, op)))
}

/// The valid examples of every operation, from the specs' models (as `support::cases`
/// finds the create's): `(spec id, operation name, example object)`.
pub fn valid_examples() -> Vec<(String, String, Map<String, Value>)> {
    let specs_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs");
    let (models, _, diagnostics) = payspec_codegen::check_dir(std::path::Path::new(specs_dir));
    assert!(diagnostics.is_empty(), "{diagnostics}");
    let mut examples = Vec::new();
    for model in &models {
        for op in &model.operations {
            for example in op.examples.iter().filter(|e| e.violations.is_empty()) {
                let object = serde_json::from_str(&example.json)
                    .unwrap_or_else(|e| panic!("{} {}: {e}", model.id, example.name));
                examples.push((model.id.clone(), op.name.clone(), object));
            }
        }
    }
    examples
}

/// Any finite number, integer or not.
pub fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
    ]
}

/// Any string: printable, or any `char` at all (control characters included).
pub fn string() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[ -~]{0,24}", "\\PC{0,24}"]
}

/// Any JSON value, up to a few levels deep.
pub fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        string().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((string(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// A JSON object whose keys are drawn mostly from `keys` (an operation's fields), so that
/// the values reach the field checks rather than stopping at "unknown field".
pub fn object_with(keys: Vec<String>) -> impl Strategy<Value = Map<String, Value>> {
    let key = if keys.is_empty() {
        string().boxed()
    } else {
        prop_oneof![4 => prop::sample::select(keys), 1 => string()].boxed()
    };
    prop::collection::vec((key, json()), 0..12).prop_map(|members| members.into_iter().collect())
}

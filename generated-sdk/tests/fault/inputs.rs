//! Request validation (`OperationInfo::validate_json`, the same checks as the typed API)
//! on any input: it never panics, and an error is a non-empty list of violations, each at
//! a JSON Pointer (`/field`, or empty for the whole body).

use payspec_sdk::Violations;
use payspec_sdk::runtime::{OperationInfo, SpecInfo};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Map, Value};

use crate::fuzz::{check, json, object_with, operations, valid_examples};

/// Whether `path` is a JSON Pointer (RFC 6901): empty, or `/`-separated tokens in which
/// `~` only starts `~0` or `~1`.
fn is_pointer(path: &str) -> bool {
    let escapes_ok = path
        .split('~')
        .skip(1)
        .all(|rest| rest.starts_with('0') || rest.starts_with('1'));
    (path.is_empty() || path.starts_with('/')) && escapes_ok
}

/// Ok, or violations that say where.
fn well_formed(result: &Result<(), Violations>) -> Result<(), TestCaseError> {
    if let Err(violations) = result {
        prop_assert!(!violations.is_empty(), "an error without a violation");
        for violation in violations {
            prop_assert!(
                is_pointer(&violation.path),
                "not a JSON Pointer: {:?} ({violation})",
                violation.path
            );
        }
    }
    Ok(())
}

/// The valid examples of one operation.
fn examples_of(
    all: &[(String, String, Map<String, Value>)],
    spec: &SpecInfo,
    op: &OperationInfo,
) -> Vec<Map<String, Value>> {
    let examples: Vec<_> = all
        .iter()
        .filter(|(s, o, _)| s == spec.id && o == op.name)
        .map(|(_, _, example)| example.clone())
        .collect();
    assert!(
        !examples.is_empty(),
        "{} {}: no valid example to start from",
        spec.id,
        op.name
    );
    examples
}

#[test]
fn the_valid_examples_validate_before_any_mutation() {
    let all = valid_examples();
    for (spec, op) in operations() {
        for example in examples_of(&all, spec, op) {
            let text = serde_json::to_vec(&example).expect("JSON");
            let result = op.validate_json(&text);
            assert!(result.is_ok(), "{} {}: {result:?}", spec.id, op.name);
        }
    }
}

#[test]
fn any_bytes_never_panic_validation() {
    let json_ish = prop::collection::vec(
        prop::sample::select(b"{}[]\":,-+.0123456789eE truefalsnl\\\0\x7f\xff".to_vec()),
        0..96,
    );
    let bytes = prop_oneof![prop::collection::vec(any::<u8>(), 0..256), json_ish];
    for (spec, op) in operations() {
        let what = format!("{} {}: random bytes", spec.id, op.name);
        check(&what, bytes.clone(), |bytes| {
            well_formed(&op.validate_json(&bytes))
        });
    }
}

#[test]
fn any_json_value_never_panics_validation() {
    let all = valid_examples();
    for (spec, op) in operations() {
        let keys: Vec<String> = examples_of(&all, spec, op)
            .iter()
            .flat_map(|e| e.keys().cloned())
            .collect();
        let values = prop_oneof![json(), object_with(keys).prop_map(Value::Object)];
        let what = format!("{} {}: random JSON", spec.id, op.name);
        check(&what, values, |value| {
            let text = serde_json::to_vec(&value).expect("JSON");
            well_formed(&op.validate_json(&text))
        });
    }
}

/// A member, by position (taken modulo the number of members).
type At = usize;

/// One change to a valid example, made on its text.
#[derive(Debug, Clone)]
enum Mutation {
    /// A member removed.
    Drop(At),
    /// A member's key written again with another value (JSON text with a repeated key).
    Duplicate(At, Value),
    /// A member's value replaced by one of another JSON type (the number picks which).
    Retype(At, usize),
    /// A control character inserted into a member's text, escaped (valid JSON) or raw.
    Control(At, At, char, bool),
    /// A member's value replaced by a string of this many of this character.
    Long(At, usize, char),
    /// A member's value replaced by this number text.
    Huge(At, String),
    /// A member's value replaced by objects (or arrays) nested this deep.
    Nested(At, usize, bool),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let control = prop_oneof![
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap_or('\0')),
        Just('\u{7f}')
    ];
    let huge = prop_oneof![
        "[1-9][0-9]{19,400}",
        "-[1-9][0-9]{19,400}",
        "-?[1-9]\\.[0-9]{1,40}[eE][+-]?[0-9]{3,7}",
        "0\\.[0-9]{30,120}",
        Just("18446744073709551616".to_string()),
        Just("-9223372036854775809".to_string()),
    ];
    prop_oneof![
        any::<At>().prop_map(Mutation::Drop),
        (any::<At>(), json()).prop_map(|(i, v)| Mutation::Duplicate(i, v)),
        (any::<At>(), 0usize..6).prop_map(|(i, t)| Mutation::Retype(i, t)),
        (any::<At>(), any::<At>(), control, any::<bool>())
            .prop_map(|(i, at, c, escaped)| Mutation::Control(i, at, c, escaped)),
        (
            any::<At>(),
            256usize..100_000,
            prop_oneof![Just('x'), Just('9'), Just('é'), Just('\u{1F600}')]
        )
            .prop_map(|(i, n, c)| Mutation::Long(i, n, c)),
        (any::<At>(), huge).prop_map(|(i, text)| Mutation::Huge(i, text)),
        (any::<At>(), 1usize..300, any::<bool>()).prop_map(|(i, d, a)| Mutation::Nested(i, d, a)),
    ]
}

/// The JSON type of a value, 0..6.
fn type_of(value: &Value) -> usize {
    match value {
        Value::Null => 0,
        Value::Bool(_) => 1,
        Value::Number(_) => 2,
        Value::String(_) => 3,
        Value::Array(_) => 4,
        Value::Object(_) => 5,
    }
}

/// A value of type `kind` (0..6, as [`type_of`]).
fn of_type(kind: usize) -> Value {
    match kind % 6 {
        0 => Value::Null,
        1 => Value::Bool(true),
        2 => Value::from(7),
        3 => Value::String("7".into()),
        4 => Value::Array(vec![Value::from(7)]),
        _ => Value::Object(Map::new()),
    }
}

fn to_text(value: &Value) -> String {
    serde_json::to_string(value).expect("JSON")
}

/// The example as member texts (`"key"`, value text), the mutations applied, joined back
/// into an object's text.
fn mutate(example: &Map<String, Value>, mutations: &[Mutation]) -> String {
    let mut members: Vec<(String, Value, String)> = example
        .iter()
        .map(|(k, v)| (to_text(&Value::String(k.clone())), v.clone(), to_text(v)))
        .collect();
    for mutation in mutations {
        if members.is_empty() {
            break;
        }
        let len = members.len();
        match mutation {
            Mutation::Drop(i) => {
                members.remove(i % len);
            }
            Mutation::Duplicate(i, value) => {
                let at = i % len;
                let key = members[at].0.clone();
                members.insert(at + 1, (key, value.clone(), to_text(value)));
            }
            Mutation::Retype(i, kind) => {
                let member = &mut members[i % len];
                let other = type_of(&member.1) + 1 + kind % 5;
                member.1 = of_type(other);
                member.2 = to_text(&member.1);
            }
            Mutation::Control(i, at, c, escaped) => {
                let member = &mut members[i % len];
                let mut text: Vec<char> = member.1.as_str().unwrap_or_default().chars().collect();
                text.insert(at % (text.len() + 1), *c);
                let text: String = text.into_iter().collect();
                member.2 = if *escaped {
                    to_text(&Value::String(text.clone()))
                } else {
                    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
                };
                member.1 = Value::String(text);
            }
            Mutation::Long(i, n, c) => {
                let member = &mut members[i % len];
                member.1 = Value::String(std::iter::repeat_n(*c, *n).collect());
                member.2 = to_text(&member.1);
            }
            Mutation::Huge(i, number) => {
                members[i % len].2 = number.clone();
            }
            Mutation::Nested(i, depth, array) => {
                let (open, close) = if *array { ("[", "]") } else { ("{\"a\":", "}") };
                let inner = if *array { "" } else { "1" };
                members[i % len].2 =
                    format!("{}{inner}{}", open.repeat(*depth), close.repeat(*depth));
            }
        }
    }
    let body: Vec<String> = members.iter().map(|(k, _, v)| format!("{k}:{v}")).collect();
    format!("{{{}}}", body.join(","))
}

#[test]
fn mutated_valid_examples_never_panic_and_say_where() {
    let all = valid_examples();
    for (spec, op) in operations() {
        let examples = examples_of(&all, spec, op);
        let inputs = (
            prop::sample::select(examples),
            prop::collection::vec(mutation(), 1..4),
        );
        let what = format!("{} {}: mutated examples", spec.id, op.name);
        check(&what, inputs, |(example, mutations)| {
            let text = mutate(&example, &mutations);
            well_formed(&op.validate_json(text.as_bytes()))
        });
    }
}

/// The mutations do what they say (so the property above is about the inputs it claims).
#[test]
fn the_mutations_change_the_text_as_described() {
    let mut example = Map::new();
    example.insert("a".into(), Value::String("x".into()));
    example.insert("b".into(), Value::from(1));
    let first: At = 0;
    let text = |m: Mutation| mutate(&example, &[m]);
    assert_eq!(text(Mutation::Drop(first)), r#"{"b":1}"#);
    assert_eq!(
        text(Mutation::Duplicate(first, Value::from(2))),
        r#"{"a":"x","a":2,"b":1}"#
    );
    assert_eq!(text(Mutation::Retype(first, 0)), r#"{"a":[7],"b":1}"#);
    assert_eq!(
        text(Mutation::Control(first, first, '\u{1}', true)),
        r#"{"a":"\u0001x","b":1}"#
    );
    assert_eq!(
        text(Mutation::Control(first, first, '\u{1}', false)),
        "{\"a\":\"\u{1}x\",\"b\":1}"
    );
    assert_eq!(text(Mutation::Long(first, 3, 'z')), r#"{"a":"zzz","b":1}"#);
    assert_eq!(
        text(Mutation::Huge(first, "1e999".into())),
        r#"{"a":1e999,"b":1}"#
    );
    assert_eq!(
        text(Mutation::Nested(first, 2, false)),
        r#"{"a":{"a":{"a":1}},"b":1}"#
    );
    assert_eq!(
        text(Mutation::Nested(first, 2, true)),
        r#"{"a":[[]],"b":1}"#
    );
}

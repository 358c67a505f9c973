//! A field sent twice, the last time as `null`, is repeated and missing: it gets what the
//! body without it gets, plus `duplicate-key` at its pointer, for every field of every
//! spec's valid examples (a rule's `required` included, not hidden by the repeat).

use payspec_tests::{specs, verdict};
use serde_json::Value;

#[test]
fn a_field_repeated_with_null_last_is_missing_as_well_as_repeated() {
    let mut checked = 0;
    for spec in specs() {
        for op in &spec.operations {
            for example in op.examples.iter().filter(|e| e.violations.is_empty()) {
                let Ok(Value::Object(body)) = serde_json::from_str::<Value>(&example.json) else {
                    continue;
                };
                for name in body.keys() {
                    let pointer = format!("/{}", name.replace('~', "~0").replace('/', "~1"));
                    let mut without = body.clone();
                    without.remove(name);
                    let without = Value::Object(without).to_string();
                    let mut expected = verdict(&spec.id, &op.name, without.as_bytes());
                    if expected.is_empty() {
                        continue;
                    }
                    expected.push((pointer, "duplicate-key".to_string()));
                    expected.sort();
                    let original = Value::Object(body.clone()).to_string();
                    let key = Value::from(name.as_str());
                    let repeated = format!("{},{key}:null}}", &original[..original.len() - 1]);
                    let got = verdict(&spec.id, &op.name, repeated.as_bytes());
                    assert_eq!(got, expected, "{} {}: {repeated}", spec.id, op.name);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 20, "only {checked} repeats were checked");
}

//! A field sent twice, the last time as `null`, is repeated and missing: it gets what the
//! body without it gets, plus `duplicate-key` at its pointer, for every field of every
//! spec's valid examples (a rule's `required` included, not hidden by the repeat).

use payspec_tests::{specs, valid_bodies, verdict};
use serde_json::Value;

#[test]
fn a_field_repeated_with_null_last_is_missing_as_well_as_repeated() {
    let specs = specs();
    let mut checked = 0;
    for (_, valid) in valid_bodies(&specs) {
        for name in valid.body.keys() {
            let pointer = format!("/{}", name.replace('~', "~0").replace('/', "~1"));
            let mut without = valid.body.clone();
            without.remove(name);
            let without = Value::Object(without).to_string();
            let mut expected = verdict(&valid.spec, &valid.op, without.as_bytes());
            if expected.is_empty() {
                continue;
            }
            expected.push((pointer, "duplicate-key".to_string()));
            expected.sort();
            let original = Value::Object(valid.body.clone()).to_string();
            let key = Value::from(name.as_str());
            let repeated = format!("{},{key}:null}}", &original[..original.len() - 1]);
            let got = verdict(&valid.spec, &valid.op, repeated.as_bytes());
            assert_eq!(got, expected, "{} {}: {repeated}", valid.spec, valid.op);
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} repeats were checked");
}

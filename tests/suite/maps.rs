//! A map field with a value that is not text still gets its own checks: the value is a
//! violation at its pointer, and the map's size is checked over the rest, for every map
//! field of every spec that bounds one.

use payspec_codegen::model::{Check, Kind};
use payspec_tests::{specs, valid_bodies, verdict};
use serde_json::{Map, Value, json};

#[test]
fn a_map_with_a_value_that_is_not_text_still_gets_its_size_checked() {
    let specs = specs();
    let mut checked = 0;
    for (op, valid) in valid_bodies(&specs) {
        for field in op
            .fields
            .iter()
            .filter(|f| f.at_top() && f.kind == Kind::Map)
        {
            let Some(most) = field.checks.iter().find_map(|c| match c {
                Check::Entries(most) => Some(*most as usize),
                _ => None,
            }) else {
                continue;
            };
            // One pair too many in text, and one more that is a number.
            let mut pairs = Map::new();
            for i in 0..=most {
                pairs.insert(format!("k{i}"), json!("v"));
            }
            pairs.insert("n".to_string(), json!(1));
            let mut sent = valid.body.clone();
            sent.insert(field.wire.clone(), Value::Object(pairs));
            let json = Value::Object(sent).to_string();
            let got = verdict(&valid.spec, &valid.op, json.as_bytes());
            let pointer = format!("/{}", field.wire);
            for (path, rule) in [
                (pointer.clone(), "entries"),
                (format!("{pointer}/n"), "type"),
            ] {
                assert!(
                    got.iter().any(|(p, r)| *p == path && r == rule),
                    "{} {}: `{rule}` at {path} missing from {got:?}",
                    valid.spec,
                    valid.op
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no spec bounds a map");
}

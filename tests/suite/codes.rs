//! A numeric code that is not a whole number (`3.0`) is the wrong type, as for an integer
//! field, not a code missing from the list: for every int-enum field of every spec's
//! valid examples.

use payspec_codegen::model::Kind;
use payspec_tests::{specs, valid_bodies, verdict};
use serde_json::Value;

#[test]
fn a_numeric_code_that_is_not_a_whole_number_is_the_wrong_type() {
    let specs = specs();
    let mut checked = 0;
    for (op, valid) in valid_bodies(&specs) {
        for field in op.fields.iter().filter(|f| f.at_top()) {
            let Kind::Enum(e) = field.kind else { continue };
            let Some(sent) = valid.body.get(&field.wire).filter(|_| op.enums[e].numeric) else {
                continue;
            };
            let code = match sent {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            let pointer = format!("/{}", field.wire);
            for wrong in [format!("{code}.0"), format!("{code}e0")] {
                let mut members = valid.body.clone();
                members.insert(
                    field.wire.clone(),
                    serde_json::from_str(&wrong).expect("JSON"),
                );
                let json = Value::Object(members).to_string();
                let got = verdict(&valid.spec, &valid.op, json.as_bytes());
                assert!(
                    got.contains(&(pointer.clone(), "type".to_string())),
                    "{} {}: {pointer} = {wrong} got {got:?}",
                    valid.spec,
                    valid.op
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 10, "only {checked} codes were checked");
}

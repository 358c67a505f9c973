//! serde_json hands an exact number to a reader as a one-entry object under a marker key
//! of its own. An object of the input that has that key is still an object: where a spec
//! wants a number, it is the wrong type, for every number field of every spec's valid
//! examples (the key written plainly and with an escape).

use payspec_tests::{specs, valid_bodies, verdict};
use serde_json::Value;

const MARKER: &str = "$serde_json::private::Number";

#[test]
fn an_object_with_serde_jsons_number_key_is_not_a_number() {
    let specs = specs();
    let mut checked = 0;
    for (_, valid) in valid_bodies(&specs) {
        for (name, value) in &valid.body {
            let Value::Number(number) = value else {
                continue;
            };
            let text = serde_json::to_string(&number.to_string()).expect("text");
            for key in [MARKER.to_string(), MARKER.replace('$', "\\u0024")] {
                let forged = format!(r#"{{"{key}":{text}}}"#);
                let members: Vec<String> = valid
                    .body
                    .iter()
                    .map(|(other, v)| {
                        let v = if other == name {
                            forged.clone()
                        } else {
                            v.to_string()
                        };
                        format!("{}:{v}", Value::from(other.as_str()))
                    })
                    .collect();
                let json = format!("{{{}}}", members.join(","));
                let got = verdict(&valid.spec, &valid.op, json.as_bytes());
                let pointer = format!("/{name}");
                assert!(
                    got.iter().any(|(path, _)| *path == pointer),
                    "{} {} / {}: `{name}` forged as {forged} read as a number: {got:?}",
                    valid.spec,
                    valid.op,
                    valid.example
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 20, "only {checked} number fields were forged");
}

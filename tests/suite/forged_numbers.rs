//! serde_json hands an exact number to a reader as a one-entry object under a marker key
//! of its own. An object of the input that has that key is still an object: where a spec
//! wants a number, it is the wrong type, for every number field of every spec's valid
//! examples (the key written plainly and with an escape).

use payspec_tests::{specs, verdict};
use serde_json::Value;

const MARKER: &str = "$serde_json::private::Number";

#[test]
fn an_object_with_serde_jsons_number_key_is_not_a_number() {
    let mut checked = 0;
    for spec in specs() {
        for op in &spec.operations {
            for example in op.examples.iter().filter(|e| e.violations.is_empty()) {
                let Ok(Value::Object(body)) = serde_json::from_str::<Value>(&example.json) else {
                    continue;
                };
                for (name, value) in &body {
                    let Value::Number(number) = value else {
                        continue;
                    };
                    let text = serde_json::to_string(&number.to_string()).expect("text");
                    for key in [MARKER.to_string(), MARKER.replace('$', "\\u0024")] {
                        let forged = format!(r#"{{"{key}":{text}}}"#);
                        let mut members: Vec<String> = Vec::new();
                        for (other, v) in &body {
                            let v = if other == name {
                                forged.clone()
                            } else {
                                v.to_string()
                            };
                            members.push(format!("{}:{v}", Value::from(other.as_str())));
                        }
                        let json = format!("{{{}}}", members.join(","));
                        let got = verdict(&spec.id, &op.name, json.as_bytes());
                        let pointer = format!("/{name}");
                        assert!(
                            got.iter().any(|(path, _)| *path == pointer),
                            "{} {} / {}: `{name}` forged as {forged} read as a number: {got:?}",
                            spec.id,
                            op.name,
                            example.name
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 20, "only {checked} number fields were forged");
}

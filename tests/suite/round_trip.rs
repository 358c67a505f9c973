//! Every valid example of every spec, decoded and written back as the SDK sends it: no
//! field it gave is dropped (objects' fields included, at their pointers), text comes
//! back unchanged, and writing what was written gives the same bytes.

use payspec_codegen::model::{FieldLocation, Kind};
use payspec_tests::{operation_info, specs};
use serde_json::Value;

#[test]
fn every_valid_example_is_sent_with_every_field_it_gave() {
    let mut checked = 0;
    let mut problems = Vec::new();
    for spec in specs() {
        for op in &spec.operations {
            let entry = operation_info(&spec.id, &op.name);
            for example in op.examples.iter().filter(|e| e.violations.is_empty()) {
                let at = format!("{} {} `{}`", spec.id, op.name, example.name);
                let sent = match entry.wire_json(example.json.as_bytes()) {
                    Ok(sent) => sent,
                    Err(violations) => {
                        problems.push(format!("{at}: refused: {violations}"));
                        continue;
                    }
                };
                let given: Value = serde_json::from_str(&example.json).expect("json");
                // Path and header fields travel outside the body: given back with it.
                let mut resent: Value = serde_json::from_slice(&sent).expect("json");
                for f in op
                    .fields
                    .iter()
                    .filter(|f| matches!(f.location, FieldLocation::Path | FieldLocation::Header))
                {
                    if let (Some(value), Value::Object(body)) = (given.get(&f.wire), &mut resent) {
                        body.insert(f.wire.clone(), value.clone());
                    }
                }
                let resent = serde_json::to_vec(&resent).expect("json");
                match entry.wire_json(&resent) {
                    Ok(again) if again == sent => {}
                    Ok(_) => problems.push(format!("{at}: written twice, it differs")),
                    Err(violations) => {
                        problems.push(format!("{at}: what it sends is refused: {violations}"))
                    }
                }
                let sent: Value = serde_json::from_slice(&sent).expect("json");
                let in_body = op.fields.iter().filter(|f| {
                    f.location == FieldLocation::Body && !matches!(f.kind, Kind::Signature)
                });
                for f in in_body {
                    let Some(value) = given.pointer(&f.pointer).filter(|v| !v.is_null()) else {
                        continue;
                    };
                    match (value, sent.pointer(&f.pointer)) {
                        (_, None) => problems.push(format!("{at}: {} is dropped", f.pointer)),
                        // An amount is the same money in the currency's decimals.
                        (Value::String(a), Some(Value::String(b)))
                            if matches!(f.kind, Kind::Amount { .. })
                                && decimal(a) != decimal(b) =>
                        {
                            problems.push(format!("{at}: {} {a:?} is sent as {b:?}", f.pointer))
                        }
                        (Value::String(a), Some(Value::String(b)))
                            if a != b && !matches!(f.kind, Kind::Amount { .. }) =>
                        {
                            problems.push(format!("{at}: {} {a:?} is sent as {b:?}", f.pointer))
                        }
                        _ => checked += 1,
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked > 0, "no field was checked");
}

/// A decimal text without the zeros that do not change its value (`1000.00` is `1000`).
fn decimal(text: &str) -> &str {
    match text.contains('.') {
        true => text.trim_end_matches('0').trim_end_matches('.'),
        false => text,
    }
}

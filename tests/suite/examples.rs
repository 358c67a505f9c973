//! Every example recorded in a spec gets exactly its recorded verdict, and every rule of
//! every spec is exercised both ways: by an example it breaks and by one it passes.

use payspec_codegen::model::{Condition, Kind, Literal, Operation, Rule, Spec};
use payspec_tests::{specs, verdict};
use serde_json::Value;

#[test]
fn every_example_gets_its_recorded_verdict() {
    let mut failures = Vec::new();
    let mut count = 0;
    for spec in specs() {
        for op in &spec.operations {
            assert!(
                !op.examples.is_empty(),
                "{} {} has no example",
                spec.id,
                op.name
            );
            for example in &op.examples {
                count += 1;
                let got = verdict(&spec.id, &op.name, example.json.as_bytes());
                if got != example.violations {
                    failures.push(format!(
                        "{} / {}: expected {:?}, got {:?}",
                        spec.id, example.name, example.violations, got
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} examples got another verdict:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_page_examples_come_first_and_match_doc_quirks() {
    let specs = specs();
    // Every spec opens with its page's own request example.
    for spec in &specs {
        let first = spec.operations[0].examples.first().map(|e| e.name.as_str());
        assert_eq!(
            first,
            Some("page-example"),
            "{}: the page's example comes first",
            spec.id
        );
    }
    // What the older revisions' own examples get, as the pages' quirks were first recorded; the
    // specs keep them, verbatim, as the page example or an `older-page-example`.
    let expected: &[(&str, &[(&str, &str)])] = &[
        ("gateway-id", &[]),
        ("teemopay-kr", &[]),
        (
            "teemopay-mx",
            &[
                ("/bankAccount", "debit-card-length"),
                ("/merchantOrderNo", "required"),
                ("/outTradeNo", "unknown-field"),
            ],
        ),
        ("teemopay-pe", &[("/phone", "starts-with")]),
    ];
    for (id, violations) in expected {
        let spec = specs.iter().find(|s| s.id == *id).expect("spec exists");
        let op = &spec.operations[0];
        let want: Vec<(String, String)> = violations
            .iter()
            .map(|(p, r)| (p.to_string(), r.to_string()))
            .collect();
        let kept = op
            .examples
            .iter()
            .filter(|e| {
                e.name.starts_with("page-example") || e.name.starts_with("older-page-example")
            })
            .any(|e| verdict(id, &op.name, e.json.as_bytes()) == want);
        assert!(
            kept,
            "{id}: a page example with the verdict recorded for it, {want:?}"
        );
    }
}

/// Whether all of `rule`'s conditions hold for a request body.
fn applies(
    spec: &Spec,
    op: &Operation,
    rule: &Rule,
    body: &serde_json::Map<String, Value>,
) -> bool {
    let body = Value::Object(body.clone());
    // By JSON Pointer, so that a field of an object is found inside it.
    let value = |field: usize| {
        body.pointer(&op.fields[field].pointer)
            .filter(|v| !v.is_null())
    };
    let text = |field: usize| -> Option<String> {
        match value(field)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    rule.when.iter().all(|c| match c {
        Condition::OneOf { field, values } => {
            let Some(value) = text(*field) else {
                return false;
            };
            values.iter().any(|l| match (l, &op.fields[*field].kind) {
                (Literal::Variant(i), Kind::Enum(e)) => op.enums[*e].variants[*i].code == value,
                (Literal::Text(t), _) => *t == value,
                _ => false,
            })
        }
        Condition::Present { field, present } => value(*field).is_some() == *present,
        Condition::InList { field, list } => text(*field)
            .is_some_and(|key| spec.references[*list].entries.iter().any(|e| e.key == key)),
    })
}

#[test]
fn every_rule_is_exercised_both_ways() {
    let mut missing = Vec::new();
    for spec in specs() {
        for op in &spec.operations {
            for rule in &op.rules {
                let mut broken = false;
                let mut passed = false;
                for example in &op.examples {
                    let body: serde_json::Map<String, Value> =
                        serde_json::from_str(&example.json).expect("object");
                    if example.violations.iter().any(|(_, r)| *r == rule.id) {
                        broken = true;
                    } else if applies(&spec, op, rule, &body) {
                        passed = true;
                    }
                }
                if !broken {
                    missing.push(format!(
                        "{} rule `{}` has no example that breaks it",
                        spec.id, rule.id
                    ));
                }
                if !passed {
                    missing.push(format!(
                        "{} rule `{}` has no example where it applies and holds",
                        spec.id, rule.id
                    ));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
